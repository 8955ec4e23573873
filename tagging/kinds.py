"""Decide a clause's kind: afspraak, toezegging, voornemen, feit, or heading / footnote."""

from __future__ import annotations

import json
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from corpus.model import Kind
from tagging.actors import tag_actors
from tagging.deadlines import past_tense
from tagging.gazetteer import GOVERNMENT

# The stored weights of the cues: `python -m eval.tagging --fit-kinds` writes them.
KIND_MODEL = Path(__file__).with_name("kind_model.json")

# A promise to parliament: the letter addresses the Kamer about what it will send or do.
_TOEZEGGING = re.compile(
    r"\b(?:toezegging\w*|toegezegd|zeg(?:t|gen)? (?:ik |wij |we )?(?:(?:uw|de) kamer )?toe"
    r"|(?:uw|de)(?: tweede)? kamer\b.{0,80}\b"
    r"(?:informeren|informeer|informeert|ge[iï]nformeerd|rapporteren|berichten|toesturen|sturen"
    r"|toekomen|op de hoogte)|informeer (?:ik|wij|we) (?:uw|de)(?: tweede)? kamer"
    r"|(?:ontvangt|ontvangen) (?:u|(?:uw|de)(?: tweede)? kamer)\b"
    r"|(?:dat|die|wat) (?:u|uw kamer)\b.{0,60}\bontvangt|(?<![\w-])u ontvangt|stuur (?:ik|wij|we)"
    r"|(?:kom (?:ik|wij|we)|(?:ik|wij|we) (?:kom|komen))\b.{0,60}\bterug"
    r"|zal (?:ik|wij|we) u|(?:ik|wij|we) u\b.{0,40}\b(?:informeren|berichten|toesturen)"
    r"|(?:informeert|informeer|informeren|stuurt|stuur|sturen|rapporteert|rapporteren|bericht)"
    r"\b.{0,90}\b(?:uw|de)(?: tweede)? kamer\b|TZ\d{6})",
    re.IGNORECASE,
)
# A promise named as such, also when it is reported in the past tense.
_PROMISED = re.compile(
    r"\b(?:toezegging\w*|toegezegd|zeg(?:t|gen)? (?:ik |wij |we )?(?:(?:uw|de) kamer )?toe)\b",
    re.I,
)
# "Zoals toegezegd ... heb ik laten onderzoeken": a promise reported as kept.
_AS_PROMISED = re.compile(r"^\W*zoals\b[^.;]{0,80}?\btoegezegd\b", re.I)
# "Met deze brief informeer ik uw Kamer": what this letter does now, no promise for later.
PRESENT_LETTER = re.compile(
    r"\b(?:(?:met|in)\s+deze\s+\w*brief|hierbij|bijgaand)\b", re.I
)  # "deze brief", "deze verzamelbrief", "deze voortgangsbrief"
_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-Z])")
# An agreement already reached ("is afgesproken", "spreken af"). In a letter only this counts:
# "partijen" or "akkoord" alone, and a plan to make agreements ("afspraken maken met het veld"),
# are the government's own intentions or reports. In an agreement's preface it still agrees.
_REACHED = re.compile(
    r"\b(?:spreken\b.{0,40}\baf|(?:wordt|worden|is|zijn) afgesproken|afgesproken|komen overeen"
    r"|overeengekomen|committeren|zetten zich in|spannen zich in"
    r"|(?:zijn|is)\s+(?:er\s+)?(?:\w+\s+){0,3}?afspraken\s+gemaakt|afspraken\s+zijn\s+gemaakt)\b",
    re.IGNORECASE,
)
# Parties acting together, which turns a dated plan of several organisations into an agreement.
_TOGETHER = re.compile(r"\b(?:samenwerk\w*|samen|gezamenlijk\w*|met elkaar)\b", re.IGNORECASE)
# Future, modal or planning wording ("what one can expect" is no expectation of the writer's
# own). A verb in a te-infinitive ("de te
# nemen acties", "roept partijen op om aan de slag te gaan") is subordinate: the finite verb
# of the sentence says whether anything is planned.
_VOORNEMEN = re.compile(
    r"(?<!\bte\s)\b(?:zal|zullen|(?:ga|gaat|gaan)\b(?!\s+(?:het\s+)?om\b)|wil|willen"
    r"|ben (?:ik|wij) voornemens|voornemens|voornemen"
    r"|werk(?:t|en)? .{0,30}\baan|naar verwachting|(?<!kan )(?<!kunnen )verwacht\w*"
    r"|(?:wordt|worden)\b.{0,80}"
    r"\b(?:opgeleverd|uitgewerkt|verkend|onderzocht|bekeken|herhaald|gepubliceerd|ontwikkeld"
    r"|uitgebreid|ingevoerd|gestart|opgezet|vastgesteld|ingediend|aangeboden|besproken|gemaakt)"
    r"|start|starten"
    r"|volgt|volgen|komt|komen|streef\w*|beoog\w*|inzetten|onderzoek(?:t|en)|verken(?:t|nen)"
    r"|moet|moeten|dient|dienen|nemen|werk(?:t|en) uit|ambitie\w*"
    r"|(?:zet|zetten)\b.{0,40}\bin op|afspraken maken|zo (?:snel|spoedig) mogelijk|binnenkort"
    r"|op korte termijn)\b",
    re.IGNORECASE,
)


# A title set as a line of its own ("Visie en plan van aanpak"): short, capitalised, unpunctuated.
_TITLE = re.compile(r"^[A-Z][^.;:!?]*$")
TITLE_WORDS = 8
# The part of a document that introduces or tells background rather than agreeing: the title of
# the nearest numbered heading ("0 Voorwoord", "1. Inleiding") or of a top-level heading.
_BACKGROUND = re.compile(
    r"^\s*(?:(?:\d+(?:\.\d+)*\.?|[A-Z]\.)\s+)?(?:voorwoord|inleiding|aanleiding|achtergrond"
    r"|context|preambule|samenvatting)\b",
    re.IGNORECASE,
)
_NUMBERED = re.compile(r"^\s*(?:\d+(?:\.\d+)*\.?|bijlage\b)", re.IGNORECASE)


def in_background(section: Sequence[str]) -> bool:
    """Whether a heading trail lies in an introductory or background part: the innermost
    heading that is numbered or names such a part decides ("0 Voorwoord > Voor Hendrik" is
    background, "0 Voorwoord > 3.3 Eerstelijnszorg" is not, and neither is "Bijlage B ..." but
    "Bijlage B ... > Inleiding" is); without either, the outermost heading."""
    for heading in reversed(section):
        if _NUMBERED.match(heading) or _BACKGROUND.match(heading):
            return bool(_BACKGROUND.match(heading))
    return bool(section) and bool(_BACKGROUND.match(section[0]))


# Whether a clause commits anyone (an afspraak or voornemen) or states a fact is read from
# general cues of Dutch policy text (`commitment_cues`), weighed by a logistic regression stored
# in kind_model.json (`commits`), after two cues that decide alone (DECIDING_CUES).
# `python -m eval.tagging --fit-kinds` refits it on the tuning half of the annotated clause set
# and the clauses labelled for training only (never the test half): it picks the cues and the
# regularisation by the accuracy with each document left out, so a cue that fits the documents
# it was read in without helping on another is left out (weight absent).
COMMITMENT_CUES = (
    "planning wording",  # future, modal or planning wording, or the writers acting (main clause)
    "deadline",  # a time expression that sets a deadline
    "background",  # in a preface or introduction (see in_background)
    "reports the past",  # perfect or simple past, nothing ahead (main clause)
    "describes the present",  # how things are now ("momenteel", "er zijn", "blijkt"; main clause)
    "agreed",  # an agreement stated as such ("spreken af", "is afgesproken")
    "agreement",  # the document is an agreement
    "title",  # a short title on a line of its own
)
# General linguistic cues offered to the fit beside COMMITMENT_CUES (main clause only, where a
# verb is read): kept only where they help out of fold.
CANDIDATE_CUES = (
    "first person",  # "we", "wij", "ons": the writers' own voice
    "names a doer",  # the main clause names who acts (not the default voice), or "ik", "we"
    "obligation",  # "moet", "dient", "zorgen ervoor", "verplicht"
    "possibility",  # "kan", "kunnen", "mag": what may be, not what will be
    "future",  # "zal", "zullen", "gaan"
    "passive",  # "wordt", "worden": an action without its subject
    "evaluative",  # "is belangrijk / nodig / essentieel": a judgement
    "quantity",  # percentages, averages, amounts: a description in figures
    "rationale",  # "bijvoorbeeld", "omdat", "daardoor", "Zo ...": an explanation
    "goal",  # "doel", "ambitie", "streven"
    "people",  # "mensen", "patiënten", "cliënten", "inwoners": the public as subject
    "bullet",  # an item of a list
    "annex",  # under a heading "Bijlage ..."
    "lead-in",  # ends in a colon: introduces what follows
    "stative",  # the main verb is a copula or of having ("is", "zijn", "heeft"), no participle
    "action opening",  # opens on an action named by an infinitive ("Verstevigen van ...")
    "agreements heading",  # a heading above announces agreements or actions ("Afspraken")
    "situation heading",  # the innermost heading announces a situation ("De uitdaging")
)
CUES = COMMITMENT_CUES + CANDIDATE_CUES
# A subordinate clause up to its end ("de vraag welke vormen we willen", "zodat ... kunnen
# worden", "de modules die moeten worden bijgewerkt"): its verbs say nothing of what the
# sentence itself plans. "Die" and "dat" open one only after a word; a sentence opening on
# them ("Dat gebeurt ...") is a main clause.
_SUBORDINATE = re.compile(
    r"(?:\b(?:welke|hoe|waarin|waarbij|waarmee|zodat|omdat|doordat|wanneer|indien)\b"
    r"|(?<=[\w,]\s)\b(?:die|dat)\b)[^,.;:]*",
    re.IGNORECASE,
)
# How things are now: "momenteel", "inmiddels", "steeds meer", "blijkt", "er zijn" (but not
# "er is ... nodig", which asks for something).
_DESCRIPTIVE = re.compile(
    r"\b(?:momenteel|op dit moment|inmiddels|steeds meer|in de afgelopen|uit onderzoek blijkt"
    r"|blijkt|staat onder druk|neemt toe|nemen toe|(?:er (?:is|zijn)|(?:is|zijn) er)\b(?!.{0,60}"
    r"\b(?:nodig|noodzakelijk)))\b",
    re.IGNORECASE,
)
# A simple past ("In 2020 waren er ...", "kwam naar voren"): a report of what happened.
_SIMPLE_PAST = re.compile(
    r"\b(?:was|waren|werd|werden|had|hadden|kwam|kwamen|ging|gingen|bleek|bleken|gaf|gaven"
    r"|stond|stonden|deed|deden|lag|lagen)\b",
    re.IGNORECASE,
)


# A forecast: what the writers expect ("verwachten we dat", "wordt verwacht dat", "naar
# verwachting" before a change) or a quantity that will change by itself ("zullen steeds meer
# mensen ...", "die druk zal toenemen"). Its "zal" predicts; it plans nothing. It runs to the
# next comma or to a coordinated plan ("... oplopen en zullen de regeling aanpassen").
_FORECAST = re.compile(
    r"\b(?:verwacht(?:en|t)?\b[^.;:]{0,30}?\bdat|(?:zal|zullen)\b[^.;:]{0,60}?\b(?:toenemen"
    r"|afnemen|oplopen|stijgen|groeien|dalen|verdubbelen|halveren|verslechteren)"
    r"|(?:zal|zullen)\s+steeds\b|steeds\s+(?:meer|minder)\b[^.;:]{0,60}?\b(?:zal|zullen)\b)"
    r"(?:(?!\b(?:zal|zullen|gaan|gaat|willen|wil)\b)[^.;:,])*",
    re.IGNORECASE,
)
# What the writers see, think or expect, not what they do: "zien we", "vind ik", "verwachten we".
_STANCE = re.compile(
    r"\b(?:zie|ziet|zien|vind|vindt|vinden|constateer\w*|onderschrijf|onderschrijven"
    r"|onderstreep|onderstrepen|herken\w*|waardeer\w*|hecht|hechten|denk|denken|merk\w*"
    r"|verwacht\w*)\b",
    re.IGNORECASE,
)
_FIRST_PERSON = re.compile(r"\b(?:we|wij|ons|onze)\b", re.IGNORECASE)
_WRITER = re.compile(r"\b(?:ik|we|wij)\b", re.IGNORECASE)
_OBLIGATION = re.compile(
    r"\b(?:moet|moeten|dient|dienen|zorg(?:t|en)\s+(?:er\s*)?voor|verplicht\w*)\b", re.IGNORECASE
)
_POSSIBILITY = re.compile(r"\b(?:kan|kunnen|mag|mogen)\b", re.IGNORECASE)
_FUTURE = re.compile(r"\b(?:zal|zullen|gaan|gaat)\b", re.IGNORECASE)
_PASSIVE = re.compile(r"\b(?:wordt|worden)\b", re.IGNORECASE)
_EVALUATIVE = re.compile(
    r"\b(?:is|zijn)\b[^.;]{0,50}\b(?:belangrijk|essentieel|cruciaal"
    r"|van belang|waardevol)\b",
    re.IGNORECASE,
)
_QUANTITY = re.compile(r"\d\s*(?:%|procent)|\bgemiddeld|\d+\s*(?:miljoen|miljard|jaar)\b", re.I)
_RATIONALE = re.compile(
    r"\b(?:bijvoorbeeld|daardoor|hierdoor|omdat|doordat|op die manier|dit betekent|leidt tot"
    r"|immers)\b|^\W*zo\b",
    re.IGNORECASE,
)
_GOAL = re.compile(r"\b(?:doel\w*|ambitie\w*|streven|beoog\w*)\b", re.IGNORECASE)
_PEOPLE = re.compile(r"\b(?:mensen|patiënten|cliënten|burgers|inwoners|ouderen)\b", re.I)
_STATIVE = re.compile(
    r"\b(?:is|zijn|was|waren|blijft|blijven|lijkt|lijken|heeft|hebben|bestaat|bestaan|geldt"
    r"|gelden|betekent|vormt|vormen|kent|kennen)\b",
    re.IGNORECASE,
)
# A past participle ("gestart", "afgesproken", "ingericht", "uitgewerkt"): with "is" / "zijn" a
# perfect or passive, no state.
_PARTICIPLE = re.compile(r"\b(?:\w+)?ge\w{2,}(?:d|t|en)\b", re.IGNORECASE)
_ACTION_OPENING = re.compile(r"^\W*(?:[A-Z][a-z]{3,}en|Het \w{3,}en)\s+(?:van|dat|om|de|het|een)\b")
_AGREEMENTS_HEADING = re.compile(
    r"\b(?:afspra(?:ak|ken)|acties?|actieplan\w*|maatregel\w*|aanpak|wat gaan we doen)\b",
    re.IGNORECASE,
)
_SITUATION_HEADING = re.compile(
    r"\b(?:uitdaging\w*|opgave|context|aanleiding|achtergrond|stand van zaken|voortgang"
    r"|voorbeeld\w*|praktijkvoorbeeld\w*|situatie|probleem\w*|analyse)\b",
    re.IGNORECASE,
)


def main_clause(text: str) -> str:
    """`text` with its subordinate clauses blanked out (each from "omdat", "zodat", "welke",
    a "die" / "dat" after a word ... to the next comma or full stop): what the sentence itself
    says, not what it explains, reports or qualifies."""
    return _SUBORDINATE.sub(" ", text)


def names_doer_in_main(
    text: str, senders: Sequence[str] = (), doers: Sequence[str] | None = None
) -> bool:
    """Whether the clause's main clause (`main_clause`) names who acts.

    The roles are read again (`tagging.actors.tag_actors`) on the main clause alone; `doers`,
    the actors read from the whole text (read again when not given), only spare that reading
    where the clause names nobody. "Het is belangrijk dat zorgaanbieders samenwerken" names a
    doer only in what it judges, "Omdat de NZa de regels aanpast, verandert de bekostiging"
    only in its reason: neither says who acts. "ik" / "wij" stand for `senders`.
    """
    if doers is None:
        doers, _ = tag_actors(text, senders=senders)
    if not doers:
        return False
    in_main, _ = tag_actors(main_clause(text), senders=senders)
    return bool(in_main)


def commitment_cues(
    text: str,
    doc_type: str = "",
    has_deadline: bool = False,
    section: Sequence[str] = (),
    block: str = "prose",
    names_doer: bool = False,
) -> dict[str, bool]:
    """The CUES a clause shows (`names_doer`: its main clause names who acts, as
    `names_doer_in_main` reads it)."""
    main = main_clause(text)
    # A forecast's future tense predicts, it plans nothing: it is read without it.
    planned = main_clause(_FORECAST.sub(" ", text))
    # The writers' own present tense is policy under way, and plans as "zal" does: "Waar mogelijk
    # organiseren we ...", "Ik verken ...". Not a state ("we zijn"), a view ("zien we", "vind
    # ik", "verwachten we"), what this letter itself does ("Met deze brief informeer ik ...") or
    # a report of what was done ("hebben we gevraagd").
    writers_act = (
        bool(_WRITER.search(main))
        and not _STATIVE.search(main)
        and not _STANCE.search(main)
        and not PRESENT_LETTER.search(text)
        and not past_tense(text)
    )
    return {
        "planning wording": bool(_VOORNEMEN.search(planned)) or writers_act,
        "deadline": has_deadline,
        "background": in_background(section),
        # Tense and description are the main clause's: a perfect or an "er zijn" in a reason
        # or a relative clause ("de middelen die zijn toegevoegd blijven beschikbaar", "de
        # mogelijkheden die er zijn") reports nothing.
        "reports the past": past_tense(main) or bool(_SIMPLE_PAST.search(main)),
        "describes the present": bool(_DESCRIPTIVE.search(main)),
        # What was agreed usually follows in a subordinate clause ("afgesproken dat ... gaan").
        "agreed": bool(_REACHED.search(text))
        and (doc_type == "akkoord" or has_deadline or bool(_VOORNEMEN.search(text))),
        "agreement": doc_type == "akkoord",
        "title": len(text.split()) <= TITLE_WORDS and bool(_TITLE.match(text.strip())),
        "first person": bool(_FIRST_PERSON.search(main)),
        # The writers' own "ik" / "we" name a doer too, also where the document names no signers.
        "names a doer": names_doer or bool(_WRITER.search(main)),
        "obligation": bool(_OBLIGATION.search(main)),
        "possibility": bool(_POSSIBILITY.search(main)),
        "future": bool(_FUTURE.search(main)),
        "passive": bool(_PASSIVE.search(main)),
        "evaluative": bool(_EVALUATIVE.search(main)),
        "quantity": bool(_QUANTITY.search(main)),
        "rationale": bool(_RATIONALE.search(main)),
        "goal": bool(_GOAL.search(main)),
        "people": bool(_PEOPLE.search(main)),
        "bullet": block == "bullet",
        "annex": any(heading.lower().startswith("bijlage") for heading in section),
        "lead-in": text.rstrip().endswith(":"),
        "stative": bool(_STATIVE.search(main)) and not _PARTICIPLE.search(main),
        "action opening": bool(_ACTION_OPENING.match(text)),
        "agreements heading": any(_AGREEMENTS_HEADING.search(h) for h in section[-2:]),
        "situation heading": bool(section) and bool(_SITUATION_HEADING.search(section[-1])),
    }


def parties_acting(actors: Sequence[str]) -> int:
    """How many of a clause's actors are organisations outside government."""
    return sum(1 for a in actors if a not in GOVERNMENT and a != "VWS")


@dataclass(frozen=True, slots=True)
class KindModel:
    """A logistic regression over named cues: commits when bias + the weights of the cues a
    clause shows exceeds zero."""

    bias: float
    weights: dict[str, float]
    trained_on: str = ""

    def score(self, cues: Mapping[str, bool]) -> float:
        """The log-odds that a clause with these cues commits someone."""
        return self.bias + sum(w for name, w in self.weights.items() if cues.get(name))

    def save(self, path: Path = KIND_MODEL) -> None:
        """Write the model as JSON (to a temporary name, then renamed)."""
        data = {
            "bias": round(self.bias, 6),
            "weights": {name: round(w, 6) for name, w in self.weights.items()},
            "trained_on": self.trained_on,
        }
        tmp = path.with_suffix(".tmp")
        tmp.write_text(json.dumps(data, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
        tmp.replace(path)

    @classmethod
    def load(cls, path: Path = KIND_MODEL) -> KindModel:
        """Read a stored model; refuses one that weighs a cue commitment_cues does not read."""
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            weights = {str(k): float(v) for k, v in data["weights"].items()}
            unknown = sorted(set(weights) - set(CUES))
            if unknown:
                raise ValueError(f"unknown cues {unknown}")
            return cls(float(data["bias"]), weights, str(data.get("trained_on", "")))
        except (OSError, ValueError, KeyError, TypeError, AttributeError) as exc:
            raise KindModelError(f"{path}: unreadable kind model ({exc})") from exc


class KindModelError(Exception):
    """The stored kind model cannot be read."""


@cache
def kind_model() -> KindModel:
    """The shipped model (tagging/kind_model.json), read once."""
    return KindModel.load()


# Cues that decide alone, in this order, before any weighing: a title states nothing; an
# agreement stated as such ("spreken af", "is afgesproken", with something to do) commits. Each
# is rare (a few statements of the tuning half), too rare for a regression to learn that it
# overrides the rest, and each is what the words mean in any Dutch policy text.
DECIDING_CUES: tuple[tuple[str, bool], ...] = (("title", False), ("agreed", True))


def commits(cues: Mapping[str, bool], model: KindModel | None = None) -> bool:
    """Whether a clause commits someone rather than states a fact, from its cues: a deciding
    cue (DECIDING_CUES) decides; otherwise the stored logistic regression weighs the cues
    (`model`, default the shipped one). Who is named decides only as far as the fit kept
    "names a doer"."""
    for cue, decision in DECIDING_CUES:
        if cues.get(cue):
            return decision
    return (model or kind_model()).score(cues) > 0


def classify_kind(
    text: str,
    block: str = "prose",
    doc_type: str = "",
    has_deadline: bool = False,
    parties: int = 0,
    section: Sequence[str] = (),
    lead_in: str | None = None,
    names_doer: bool = False,
) -> Kind:
    """The kind of a clause from its block, its wording and the type of its document.

    - headings and footnotes are no statements of their own: 'heading' / 'footnote';
    - a row of an agreement's action table is an 'afspraak'; its recitals ("Overwegende dat
      ...") are a 'feit';
    - wording that promises parliament something is a 'toezegging', in any document (a promise
      this letter keeps now, "Met deze brief voldoe ik aan de toezegging", is none);
    - a clause that commits nobody (`commits`, over `commitment_cues`) is a 'feit';
    - otherwise, in an agreement, an 'afspraak'; in a letter an agreement already reached
      ("is afgesproken", "spreken af"; not the mere word "partijen", nor a plan to make
      agreements), or a deadline shared by `parties` >= 2 organisations outside government
      working together, makes an 'afspraak', anything else is the government's 'voornemen';
    - an item of a list that commits nobody by its own cues but is phrased as an action
      ("Verstevigen van ...") has, in a letter, the kind of the sentence that introduces the
      list (`lead_in`, the kind of a lead-in ending in ":"): "We zetten in op: - Verstevigen
      van ..." plans, "Voorbeelden van resultaten zijn: - Afschaffen van ..." reports.
    """
    if block == "heading":
        return "heading"
    if block == "footnote":
        return "footnote"
    if block == "table_row":
        # An agreement's action table agrees; in a letter or its annex the table lists the
        # government's plans, a row done ("afgerond") reports, a row for the Kamer promises.
        if doc_type == "akkoord":
            return "afspraak"
        if _DONE.search(text):
            return "feit"
        return "toezegging" if _promises(text) or _FOR_PARLIAMENT.search(text) else "voornemen"
    if _RECITAL.match(text):
        return "feit"
    if any(_names_promise(s) or _promises(s) for s in _SENTENCE.split(text)):
        return "toezegging"
    cues = commitment_cues(text, doc_type, has_deadline, section, block, names_doer)
    if not commits(cues):
        if block == "bullet" and doc_type != "akkoord" and _ACTION_ITEM.match(text):
            return lead_in if lead_in in _LISTED else "feit"  # type: ignore[return-value]
        return "feit"
    if doc_type == "akkoord":
        return "afspraak"
    if cues["agreed"]:
        return "afspraak"
    if has_deadline and parties >= 2 and _TOGETHER.search(text):
        return "afspraak"
    return "voornemen"


# An agreement's recitals state why its parties agree, not what: "Overwegende dat de druk op de
# acute zorg toeneemt;", "Gelet op ...".
_RECITAL = re.compile(
    r"^\W*(?:overwegende(?:\s+dat)?|gelet\s+op|gezien|in\s+aanmerking\s+nemende)\b", re.I
)
# The kinds a list item takes over from its lead-in.
_LISTED = frozenset({"afspraak", "toezegging", "voornemen"})
# An item phrased as an action, opening on an infinitive ("Verstevigen van de rol ...",
# "Organiseren dat ..."); a bare topic ("Paramedische zorg aan Wlz-cliënten") plans nothing.
_ACTION_ITEM = re.compile(r"^\W*[A-Z][a-z]{3,}en\s+(?:van|dat|om|de|het|een|met|op|in)\b")


# A table row reporting its action done; one naming a letter or report to the Kamer.
_DONE = re.compile(r"\b(?:afgerond|gerealiseerd|voltooid)\b", re.I)
_FOR_PARLIAMENT = re.compile(r"\b(?:aan|naar) (?:de|uw) kamer\b|\bkamerbrief\b", re.I)


def _names_promise(sentence: str) -> bool:
    """True when a sentence names a promise to parliament ("heeft de minister toegezegd ...",
    "zeg ik toe"), also one reported in the past tense, unless the sentence says what this
    letter itself does with it ("Met deze brief voldoet het kabinet aan deze toezegging",
    "Zoals toegezegd geeft de minister in deze brief ..."): a promise kept now, no new one."""
    if _kept_promise(sentence):
        return False
    return _PROMISED.search(sentence) is not None and not PRESENT_LETTER.search(sentence)


# The perfect of the writers' own doing, also with an infinitive ("heb ik laten onderzoeken").
_PERFECT_SELF = re.compile(r"\b(?:heb|hebben|ben|zijn)\s+(?:ik|wij|we)\b", re.I)


def _kept_promise(sentence: str) -> bool:
    """ "Zoals toegezegd ..., heb ik laten onderzoeken": a promise reported as kept."""
    m = _AS_PROMISED.match(sentence)
    if m is None:
        return False
    rest = sentence[m.end() :]  # the tense of what was done, not of "toegezegd"
    return past_tense(rest) or bool(_PERFECT_SELF.search(rest))


def _promises(sentence: str) -> bool:
    """True when a sentence promises parliament something still to come.

    "Op 29 mei jl. is de Kamer geïnformeerd" reports a promise kept, and "Met deze brief
    informeer ik uw Kamer" says what the letter itself does; "heeft de minister toegezegd ..."
    reports a promise made, which stays a promise (`_names_promise`).
    """
    return (
        _TOEZEGGING.search(sentence) is not None
        and not past_tense(sentence)
        and not _kept_promise(sentence)
        and not PRESENT_LETTER.search(sentence)
    )
