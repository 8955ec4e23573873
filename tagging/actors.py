"""Find health-care actors in text; split those who commit (actors) from those named (mentions)."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from tagging.gazetteer import (
    BODIES,
    GOVERNMENT,
    GROUPS,
    ORGANISATIONS,
    PARLIAMENT,
    TABLE_ALIASES,
)
from tagging.nlp import new_pipeline
from tagging.orgnames import find_org_names

ACTORS: dict[str, tuple[str, ...]] = {
    name: (name, *variants)
    for table in (ORGANISATIONS, GOVERNMENT, GROUPS, BODIES, PARLIAMENT)
    for name, variants in table.items()
}
# A body named by a common noun acts where a collective would (as a subject, a partner).
_GROUP_NAMES = frozenset(GROUPS) | frozenset(BODIES)
_MENTION_ONLY = frozenset(PARLIAMENT)

# A collective name (partijen, regio's, zorgverzekeraars) acts only as a subject or a partner:
# at the start of its sentence, right after a finite verb ("Eind Q2 2023 heeft elke regio"),
# after "samen met", "afspraken (maken) met" or "samenwerking tussen", or as the agent of a
# passive whose "wordt" / "worden" stands before it in its sentence ("wordt door de gemeenten
# een plan opgesteld"). Anywhere else (a bare "met" names a counterpart: "in contracten met
# zorgaanbieders", "we gaan met zorginkopers na"; "voor zorgaanbieders", "bij
# niet-gecontracteerde aanbieders", and any other "door de zorgverzekeraar", which in these
# texts mostly describes how care works rather than who commits) it is a mention, and so is
# the subject that undergoes a passive ("Zorgverzekeraars worden gecompenseerd").
_DETERMINERS = (
    r"(?:(?:de|het|alle|elke|iedere|betrokken|deze|die|beide|ook|verder|daarnaast|tevens"
    r"|bovendien|vervolgens|zowel|individuele|regionale|landelijke|andere)\s+)*"
)
_GROUP_ACTS_BEFORE = re.compile(
    r"(?:(?:^|(?<!bijv)(?<!o\.a)(?<!m\.n)(?<!zgn)(?<!resp)(?<!incl)(?<!evt)(?<!\bca)[.;:!?]\s"
    r"|\u2022|^\s*(?:[a-z]\)|\d{1,2}(?:\.\d{1,2})*\.?|[a-z]\.))\s*"
    r"|\b(?:heeft|hebben|zal|zullen|gaan|gaat|moet|moeten|kan|kunnen|werkt|werken|maken|maakt"
    r"|wordt|worden|spreken|nemen|neemt|zetten|zet|zijn|is|dragen|draagt|blijven|komen|geven"
    r"|stellen|stelt|voeren|voert|leveren|levert|ontwikkelen|ontwikkelt|zorgen|zorgt|richten"
    r"|brengen|brengt|starten|start|verkennen|verkent|onderzoeken|onderzoekt|bepalen|bepaalt"
    r"|leggen|legt|maken|werken|hanteren|hanteert|bieden|biedt|stemmen|zoeken|zoekt"
    r"|samenwerking tussen|samen met|afspraken\s+(?:\w+\s+){0,2}?met)\s+)" + _DETERMINERS + r"$",
    re.IGNORECASE,
)
# Phrases that make any organisation a mention: its advice, its report, the consultation of it.
# The nouns also head compounds ("kwartaalrapportages van", "nulmeting ... van").
_MENTION_PHRASE = (
    r"(?:\b\w*(?:consultatie|advies|adviezen|rapport|rapporten|rapportage|rapportages|verzoek"
    r"|opdracht|brief|oordeel|uitspraak|website|analyse|cijfers|gegevens|zienswijze|reactie"
    r"|voorstel|beleidsregels?|regels|register|monitor|bekostiging|begroting|leden|achterban"
    r"|onderzoek|studie|enquête|evaluatie|publicatie|peiling|initiatief|meting)\s+van"
    r"|\bvolgens|\bnamens|\bin opdracht van|\bop verzoek van|\baan|\bbij|\brichting"
    r"|\bzoals(?:\s+[a-z]\w*)?"  # "zoals (toezichthouders) NZa en IGJ (het) beschrijven"
    r"|\b(?:in\s+)?gesprek(?:ken)?\s+(?:\w+\s+){0,2}?met"
    r"|\b(?:overleggen|overlegt|overlegde|overlegden|praten|praat|spreken|spreekt|sprak|spraken)"
    r"\s+(?:\w+\s+){0,3}?met|\b(?:in\s+|na\s+)?(?:\w+\s+)?(?:overleg|afstemming|samenspraak)"
    r"\s+met|\bna\s+consultatie\s+van|(?<=\()niet|\bbehalve|\bmet uitzondering van)"
)
_MENTION_BEFORE = re.compile(_MENTION_PHRASE + r"\s*" + _DETERMINERS + r"$", re.IGNORECASE)
# Further along a list after such a phrase: "in overleg met het veld, het Zorginstituut en ...".
_MENTION_LIST_BEFORE = re.compile(
    _MENTION_PHRASE + r"(?:\s+[^,.;:()]{1,40}?,)+\s*(?:en\s+)?(?:de|het)?\s*$", re.IGNORECASE
)
# Between two names of one list: "NZa, ZN en VWS", "zorgverzekeraars, patiëntenorganisaties en ...".
_COORDINATION = re.compile(
    # "en" and "of" as whole words: a word ending in them ("gegeven", "hof") joins nothing.
    r"^\)?(?:\s*,\s*[^,.;:()]{1,40}?)*\s*(?:,|\ben\b|\bof\b|\(|/|&|,\s*en\b)\s*(?:de|het)?\s*$"
    # members of the one named before: "partijen die ..., waaronder de KNMT"
    r"|^[^.;:()]{0,100}?,?\s*(?:waaronder|zoals|onder andere|o\.a\.|bijvoorbeeld|inclusief)"
    r"(?:\s*[^.;:()]{1,60}?,)*\s*(?:en\s+)?(?:de|het)?\s*$",
    re.IGNORECASE,
)
_FIRST_PERSON_SINGULAR = re.compile(r"\b(?:ik|mij|mijn)\b", re.IGNORECASE)
_FIRST_PERSON_PLURAL = re.compile(r"\b(?:wij|we|ons|onze)\b", re.IGNORECASE)
# Line-break hyphenation left as "IZA- partijen" once white space is collapsed.
_ARTICLE = re.compile(r"(?:\b(?:de|het)\s+)?$", re.IGNORECASE)
_BROKEN_HYPHEN = re.compile(r"(?<=\w)- (?!(?:en|of|tot|t/m)\b)(?=\w)")


@dataclass(frozen=True, slots=True)
class ActorMatch:
    """One gazetteer hit in a text: the canonical name and where it was written."""

    name: str
    start: int  # character offsets in the normalised text
    end: int
    text: str


def _fold(text: str) -> str:
    """Lower case without accents or punctuation, to compare names loosely."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    return re.sub(r"[^\w]+", "", text.lower())


def normalise(text: str) -> str:
    """The text as the matcher sees it: straight apostrophes, line-break hyphens rejoined."""
    text = text.replace("’", "'").replace("‘", "'").replace("\u00a0", " ").replace("\u2011", "-")
    return _BROKEN_HYPHEN.sub("-", " ".join(text.split()))


def _case_sensitive(variant: str) -> bool:
    letters = re.sub(r"[^A-Za-z]", "", variant)
    return len(variant) <= 5 and letters.isupper()


@lru_cache(maxsize=1)
def _nlp() -> Any:
    """spaCy's blank Dutch pipeline with an EntityRuler holding the gazetteer (built once)."""
    nlp: Any = new_pipeline()
    from spacy.util import compile_suffix_regex  # spaCy is loaded now

    # Split a full stop after a capital ("VWS.") and a footnote digit glued to a name.
    suffixes = [*nlp.Defaults.suffixes, r"(?<=[A-Z])\.", r"(?<=[A-Za-z])\d{1,2}$"]
    nlp.tokenizer.suffix_search = compile_suffix_regex(suffixes).search
    # Tokenizer exceptions such as "Zn." (zoon) would swallow "ZN." whole.
    # Overriding those few cases is far cheaper than replacing the whole rule table.
    variants = {_fold(v) for vs in ACTORS.values() for v in vs}
    for key in list(nlp.tokenizer.rules):
        if key.endswith(".") and len(key) > 1 and _fold(key[:-1]) in variants:
            nlp.tokenizer.add_special_case(key, [{"ORTH": key[:-1]}, {"ORTH": "."}])
    ruler: Any = nlp.add_pipe("entity_ruler", config={"overwrite_ents": True})
    patterns = []
    for name, names in ACTORS.items():
        for variant in dict.fromkeys(normalise(v) for v in names):
            tokens = [t.text for t in nlp.make_doc(variant)]
            if _case_sensitive(variant):
                pattern = [{"ORTH": t} for t in tokens]
            else:
                pattern = [{"LOWER": t.lower()} for t in tokens]
            patterns.append({"label": "ACTOR", "pattern": pattern, "id": name})
    ruler.add_patterns(patterns)
    return nlp


def match_actors(
    text: str, unknown: bool = False, names: Collection[str] = ()
) -> tuple[str, list[ActorMatch]]:
    """The normalised text and every gazetteer hit in it, longest match first, in text order.

    With `unknown`, organisation names the gazetteer lacks (`tagging.orgnames`) join them
    where no gazetteer name is written; `names` are the document's own single-word names.
    """
    norm = normalise(text)
    doc = _nlp()(norm)
    hits = [ActorMatch(e.ent_id_, e.start_char, e.end_char, e.text) for e in doc.ents]
    if unknown:
        for org in find_org_names(norm, names):
            # A gazetteer hit may open on the article the name goes without ("Het Ministerie").
            article = _ARTICLE.search(norm[: org.start])
            opens = org.start - (len(article.group()) if article else 0)
            inside = [h for h in hits if opens <= h.start and h.end <= org.end]
            if any(org.end > h.start and org.start < h.end for h in hits if h not in inside):
                continue  # it overlaps a gazetteer name it does not contain
            if inside and (len(inside) > 1 or inside[0].start > org.start):
                continue  # "Zorginstituut en ZN": gazetteer names a run of words joined
            if inside and inside[0].end >= org.end:
                continue  # the gazetteer writes the same name
            if any(
                h.name in ACTORS and " " in h.text and norm[h.end : org.start].strip() == "("
                for h in hits
            ):
                continue  # "Minister voor Langdurige Zorg en Sport (LZS)": the name's short form
            # A longer name holds a generic word the gazetteer knows ("gemeente Deventer",
            # "Ministerie van Justitie"): the longer name is the organisation.
            hits = [h for h in hits if h not in inside]
            hits.append(ActorMatch(org.name, org.start, org.end, org.text))
        hits.sort(key=lambda h: h.start)
    return norm, hits


def find_actors(text: str, include_parliament: bool = False) -> list[str]:
    """Canonical names of the actors named in any text, in order of first appearance.

    No roles and no resolution of 'ik' / 'wij': meant for user queries and quick look-ups.
    """
    _, hits = match_actors(text)
    names = [h.name for h in hits if include_parliament or h.name not in _MENTION_ONLY]
    return list(dict.fromkeys(names))


@lru_cache(maxsize=4096)
def canonical(name: str) -> str | None:
    """The canonical name for a written name or abbreviation, or None if it is unknown."""
    folded = _fold(normalise(name))
    if not folded:
        return None
    for canon, variants in ACTORS.items():
        if any(_fold(normalise(v)) == folded for v in variants):
            return canon
    for alias, canon in TABLE_ALIASES.items():
        if _fold(alias) == folded:
            return canon
    found = find_actors(name)
    return found[0] if len(found) == 1 else None


# A qualified "partijen" in a responsibility cell names a subset of the parties.
_QUALIFIED_PARTIES = re.compile(r"^(?!(?:alle|de|betrokken|IZA)\b)\S+(?:\s+\S+)?\s+partijen$", re.I)


def split_responsible(cell: str) -> list[str]:
    """Canonical actors from a table's responsibility cell ('ZINl, NZa, VWS, IZA partijen')."""
    parts = re.split(r"[,;/()]|\s+en\s+|\s+&\s+(?=[A-Z][a-z])", normalise(cell))
    names: list[str] = []
    for part in parts:
        part = part.strip(" .-")
        if not part or part == "?":
            continue
        if _QUALIFIED_PARTIES.match(part):
            names.append(part)  # "GGZ partijen", "regionale partijen": some parties, not all
            continue
        names.append(canonical(part) or TABLE_ALIASES.get(part) or part)
    return list(dict.fromkeys(names))


def senders_as_actors(senders: Sequence[str]) -> list[str]:
    """The document's senders as canonical actors ('ministerie van VWS' -> 'VWS')."""
    names: list[str] = []
    for sender in senders:
        name = canonical(sender) or (find_actors(sender) or [sender])[0]
        if name == sender and (m := _SHORT_FORM.search(sender)):
            name = m.group(1)  # a party the gazetteer lacks, by the short form it gives itself
        names.append(name)
    return list(dict.fromkeys(names))


# A name followed by its short form in brackets: "Ambulancezorg Nederland (AZN)".
_SHORT_FORM = re.compile(r"\(([A-Z][A-Za-z]{1,9})\)\s*$")


# An actor that only judges ("Het kabinet is verheugd dat ...") commits to nothing itself.
_JUDGES_AFTER = re.compile(
    r"^\s*(?:is|zijn)\s+(?:erg\s+|zeer\s+)?(?:verheugd|blij|trots|tevreden|positief|content)\b",
    re.IGNORECASE,
)


# A requester only asks: "VWS vraagt de NZa om ...", "Het kabinet roept partijen op" -> the one
# asked delivers, the one asking is a mention (when someone else is named after it).
_ASKS_AFTER = re.compile(
    r"^\s*(?:vraagt|vragen|vroeg|verzoekt|verzoeken|verzocht|roept|roepen|riep)\b", re.IGNORECASE
)


# The one asked delivers: "Het kabinet roept partijen op om ...", "VWS vraagt advies aan de NZa",
# "Wij verzoeken zorgverzekeraars om ...".
_ASKED_BEFORE = re.compile(
    r"\b(?:vraagt|vragen|vraag|vroeg|verzoekt|verzoeken|verzoek|verzocht|roept|roepen|roep|riep)"
    r"\s+(?:(?:ik|wij|we|het kabinet|daarom|ook|nadrukkelijk)\s+)*(?:(?:om\s+)?advies\s+aan\s+)?"
    + _DETERMINERS
    + r"$",
    re.IGNORECASE,
)
# The writers ask, in an inverted sentence or as "op mijn verzoek": whoever is named acts.
_WRITERS_ASK = re.compile(
    r"\b(?:(?:verzoek|vraag|verzoeken|vragen)\s+(?:ik|wij|we)\s+(?:\w+\s+){0,2}?om\b"
    r"|op\s+(?:mijn|ons)\s+verzoek\b)",
    re.IGNORECASE,
)
# Asked with an auxiliary before both ("heeft de minister de NZa gevraagd om ...").
_ASKED_AFTER = re.compile(
    r"^\s*(?:\w+\s+){0,2}?(?:gevraagd|verzocht|opgeroepen)\b(?!\s+(?:door|van)\b)",
    re.IGNORECASE,
)
_ONLY_ARTICLE = re.compile(
    r"^\s+(?:(?:heeft|hebben|had|hadden)\s+)?(?:de\s+|het\s+)?$", re.IGNORECASE
)
# Who leads: "onder regie van X en Y werken partijen toe naar ..." -> X and Y act.
_LEAD_BEFORE = re.compile(
    r"\bonder\s+(?:de\s+)?\w*(?:regie|leiding|aansturing|co[oö]rdinatie|voorzitterschap"
    r"|verantwoordelijkheid|begeleiding)\s+van\s+(?:de|het)?\s*$",
    re.IGNORECASE,
)
# A passive sentence ("Met regio's worden afspraken gemaakt", "Met elke regio is gesproken"):
# who is met with is a counterpart, the unnamed doer is someone else.
_PASSIVE = re.compile(
    r"\b(?:wordt|worden|werd|werden|(?:is|zijn)\s+(?:\w+\s+){0,4}?"
    r"(?:gesproken|overlegd|besproken|afgesproken))\b",
    re.IGNORECASE,
)
# Between the names of those who lead: "onder leiding van VWS (en NZa)".
_LEAD_LIST = re.compile(r"^\s*(?:,|en\b|of\b|/|&|\(\s*en\b|\()\s*(?:de|het)?\s*$", re.IGNORECASE)
_SENTENCE_END = re.compile(r"[.;!?]\s+(?=[A-Z(\"“‘]|[a-z][.)]\s)")
_MET_BEFORE = re.compile(r"\bmet\s+" + _DETERMINERS + r"$", re.IGNORECASE)
# An owner is named, not acting: "de rol van het Zorginstituut", "het standpunt van de LHV", "met
# subsidie van VWS", "de ramingen van het CPB". Except after a noun of the owner's own action
# ("de inzet van de NZa om ... te publiceren", "het toezicht van de NZa"), a lead ("onder regie
# van", decided before) or a name ("ministerie van").
_OF_BEFORE = re.compile(
    r"\b(?!(?:ministerie|minister|staatssecretaris|inzet|toezicht|aanpak|voornemen"
    r"|ambitie|plan|plannen|besluit|toezegging|verantwoordelijkheid)\b)\w+\s+van\s+"
    + _DETERMINERS
    + r"$",
    re.IGNORECASE,
)
# A collective pointing back to those just named ("Deze partijen hebben aangegeven ...").
_POINTS_BACK = re.compile(
    r"\b(?:deze|die|beide|genoemde|voornoemde|bovengenoemde|twee|drie|vier|vijf|zes)\s+$",
    re.IGNORECASE,
)
_AGENT = re.compile(r"\bdoor\b", re.IGNORECASE)
# A name right after a scheme, programme or law names that thing ("de Subsidieregeling KIPZ",
# "het programma Zorgverzekeraars Samen", "de Wet NZa"): the organisation is only named.
_TITLE_BEFORE = re.compile(r"\b\w*(?:regeling|programma|wet)\s+$", re.IGNORECASE)
# The subject of a passive: "worden" follows it in its own clause (before a comma or a
# subordinate clause), with no agent, and it is not asked to act ("partijen worden gevraagd").
_UNDERGOES_AFTER = re.compile(
    r"^(?:(?!\b(?:door|die|dat|waarin|waarbij|waarmee|waar|om|als|omdat|zodat)\b)[^.;:!?,(])*?"
    r"\b(?:worden|wordt|werden|werd)\b"
    r"(?!(?:\s+\w+)?\s+(?:gevraagd|verzocht|uitgenodigd|opgeroepen|gestimuleerd|aangespoord)\b)"
    r"(?:(?!\bdoor\b)[^.;:!?])*(?:[.;:!?]|$)",
    re.IGNORECASE,
)
# A passive auxiliary in the same sentence before the agent ("wordt ... door de gemeenten").
_PASSIVE_BEFORE = re.compile(r"\b(?:wordt|worden)\b[^.;:!?]*\bdoor\s+(?:de|het)?\s*$", re.I)
_BY_BEFORE = re.compile(r"\bdoor\s+(?:de|het)?\s*$", re.IGNORECASE)


def _role_is_mention(norm: str, hit: ActorMatch) -> bool:
    before = norm[max(0, hit.start - 60) : hit.start]
    wide = norm[max(0, hit.start - 160) : hit.start]
    if hit.name in _MENTION_ONLY:
        return True
    if _ASKED_BEFORE.search(before) or _LEAD_BEFORE.search(before):
        return False
    if _MET_BEFORE.search(before) and _PASSIVE.search(norm) and not _AGENT.search(norm):
        return True
    if _JUDGES_AFTER.match(norm[hit.end : hit.end + 40]):
        return True
    if _MENTION_BEFORE.search(before) or _MENTION_LIST_BEFORE.search(wide):
        return True
    if _OF_BEFORE.search(before) or _TITLE_BEFORE.search(before):
        return True
    if hit.name not in ACTORS:
        # A name the gazetteer lacks acts where a doer stands: as the subject, a partner, or
        # the passive's agent ("door X"); elsewhere it is named, not acting.
        return not (_GROUP_ACTS_BEFORE.search(before) or _BY_BEFORE.search(before))
    if hit.name in _GROUP_NAMES and _BY_BEFORE.search(before):
        # The agent of a passive statement ("In elke regio wordt door de regionale zorgpartijen
        # een regioplan opgesteld") acts; "door" elsewhere describes how care works.
        return not _PASSIVE_BEFORE.search(norm[max(0, hit.start - 120) : hit.start])
    if hit.name in _GROUP_NAMES and _UNDERGOES_AFTER.match(norm[hit.end : hit.end + 120]):
        return True  # "zullen de landelijke partijen ... gevoed worden": they undergo it
    return hit.name in _GROUP_NAMES and not _GROUP_ACTS_BEFORE.search(before)


# A dash between spaces opens or closes an aside ("het toezicht – samen met aanbieders – blijft").
_DASH = re.compile(r"\s[\u2013\u2014-]\s")


def _in_aside(norm: str, hit: ActorMatch) -> bool:
    """Whether a name stands between two dashes of one sentence."""
    start = max((m.end() for m in _SENTENCE_END.finditer(norm, 0, hit.start)), default=0)
    ends = [m.start() for m in _SENTENCE_END.finditer(norm, hit.end)]
    stop = ends[0] if ends else len(norm)
    before = len(_DASH.findall(norm, start, hit.start))
    after = _DASH.search(norm, hit.end, stop)
    return before % 2 == 1 and after is not None


def tag_actors(
    text: str,
    senders: Sequence[str] = (),
    default: Sequence[str] = (),
    names: Collection[str] = (),
) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Split the actors named in a clause into those who commit and those only mentioned.

    Rules, in order: a name after a phrase such as 'advies van' or 'consultatie van' is a
    mention; a collective name (partijen, regio's, gemeenten) acts only as a subject or partner;
    a name joined by 'en' or a comma to the previous one shares its role; a name between two
    dashes is an aside (a mention); the one asking ('heeft de minister de NZa gevraagd', 'is
    door VWS gevraagd') is a mention and the one asked acts; a collective name followed by its
    members in brackets ('de kennisinstituten (RIVM, Nivel ...)') gives way to them; 'ik' and
    'wij' stand for the senders of a letter ('het kabinet' stays 'kabinet', an actor of its own
    in the Q&A schema); with nobody named, `default` (the document's own voice) is used.
    """
    norm, hits = match_actors(text, unknown=True, names=names)
    actors: list[str] = []
    mentions: list[str] = []
    leads: dict[int, list[str]] = {}  # sentence -> "onder regie van X en Y": those who lead
    sentence_of: dict[str, int] = {}
    asked = False  # someone is asked to act: the one asking ('ik', 'wij') is a mention
    previous: tuple[ActorMatch, bool] | None = None
    lead_run = False
    for i, hit in enumerate(hits):
        following = hits[i + 1] if i + 1 < len(hits) else None
        if previous and _COORDINATION.match(norm[previous[0].end : hit.start]):
            is_mention = previous[1] or hit.name in _MENTION_ONLY
        else:
            is_mention = _role_is_mention(norm, hit)
        if _in_aside(norm, hit):
            is_mention = True  # "– samen met aanbieders en andere partijen –": an aside
        if following is not None and _ASKS_AFTER.match(norm[hit.end : hit.end + 20]):
            is_mention = True
        if (
            following is not None
            and _ONLY_ARTICLE.match(norm[hit.end : following.start])
            and _ASKED_AFTER.match(norm[following.end : following.end + 40])
        ):
            is_mention = True  # "heeft de minister de NZa gevraagd": the one asking
        asked_after = bool(_ASKED_AFTER.match(norm[hit.end : hit.end + 40]))
        if asked_after and _BY_BEFORE.search(norm[max(0, hit.start - 10) : hit.start]):
            is_mention = True  # "is door VWS gevraagd": the one asking
        if asked_after and not is_mention:
            asked = True  # "we hebben het Zorginstituut gevraagd": the one asked delivers
        if hit.name in _GROUP_NAMES and _POINTS_BACK.search(
            norm[max(0, hit.start - 30) : hit.start]
        ):
            is_mention = True  # "Deze partijen": those named before, not the agreement's parties
        members_follow = (
            hit.name in _GROUP_NAMES
            and following is not None
            and norm[hit.end : following.start].strip() == "("
        )
        name = hit.name
        if members_follow:
            previous = None  # the members are judged on their own, not as the group's list
            continue
        before = norm[max(0, hit.start - 60) : hit.start]
        sentence = len(_SENTENCE_END.findall(norm, 0, hit.start))
        lead_run = bool(_LEAD_BEFORE.search(before)) or (
            lead_run
            and previous is not None
            and bool(_LEAD_LIST.match(norm[previous[0].end : hit.start]))
        )
        if lead_run:
            leads.setdefault(sentence, []).append(name)
        sentence_of.setdefault(name, sentence)
        asked = asked or (not is_mention and bool(_ASKED_BEFORE.search(before)))
        (mentions if is_mention else actors).append(name)
        previous = (hit, is_mention)
    if leads:
        # Those who lead are the actors of their sentence; the others named in it work under them.
        led = [a for a in actors if sentence_of[a] in leads and a not in leads[sentence_of[a]]]
        mentions.extend(led)
        actors = [a for a in actors if a not in led]
        actors.extend(n for names in leads.values() for n in names)
    if actors and _WRITERS_ASK.search(norm):
        asked = True  # "Zorgverzekeraars verzoek ik om ...", "Op mijn verzoek ...": they act
    resolved = [] if asked or leads else resolve_pronouns(norm, senders)
    if resolved and not (len(resolved) == 1 and parties_voice(resolved)):
        actors.extend(resolved)
    if not actors:
        actors.extend(resolve_pronouns(norm, senders) or _the_minister(norm, senders))
    actors = list(dict.fromkeys(actors))
    mentions = [m for m in dict.fromkeys(mentions) if m not in actors]
    return with_default(tuple(actors), tuple(mentions), default)


def with_default(
    actors: tuple[str, ...], mentions: tuple[str, ...], default: Sequence[str]
) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Actors and mentions, with `default` (the document's voice) as the actors when the text
    names nobody."""
    if actors or not default:
        return actors, mentions
    return tuple(default), tuple(m for m in mentions if m not in default)


# "De minister" opening a sentence, without "van"/"voor": the document's one minister.
_BARE_MINISTER = re.compile(
    r"(?:^|[.;:]\s+)(?:\d{1,2}(?:\.\d{1,2})*\.?\s+)?de\s+minister\b(?!\s+(?:van|voor)\b)",
    re.IGNORECASE,
)


def _the_minister(text: str, senders: Sequence[str]) -> list[str]:
    """The minister a sentence opening with a bare "De minister ..." means: the one minister
    among the senders (a letter's signer, an agreement's party); nobody when there are more."""
    if not _BARE_MINISTER.search(text):
        return []
    ministers = [n for n in senders_as_actors(senders) if n.startswith("minister ")]
    return ministers if len(ministers) == 1 else []


def letter_voice(senders: Sequence[str]) -> list[str]:
    """Who 'wij' (and 'ik') are in a document from these senders.

    An agreement's parties are its collective ('IZA-partijen'); a letter speaks with the voice
    of every signer as signed (two ministers are two voices, not the ministry alone).
    """
    names = senders_as_actors(senders)
    if parties := parties_voice(names):
        return [parties]
    return names


def parties_voice(names: Sequence[str]) -> str | None:
    """The collective of an agreement's parties among `names` ("IZA-partijen", "AZWA-partijen"):
    the voice of an agreement that names itself."""
    return next((n for n in names if n.endswith("-partijen")), None)


def resolve_pronouns(text: str, senders: Sequence[str]) -> list[str]:
    """The senders that 'ik' and 'wij' stand for in `text`: every signer (a co-signed letter does
    not say which of its signers 'ik' is)."""
    if _FIRST_PERSON_SINGULAR.search(text) or _FIRST_PERSON_PLURAL.search(text):
        return letter_voice(senders)
    return []
