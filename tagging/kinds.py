"""Decide a clause's kind: afspraak, toezegging, voornemen, feit, or heading / footnote."""

from __future__ import annotations

import re
from collections.abc import Sequence

from corpus.model import Kind
from tagging.deadlines import past_tense

# A promise to parliament: the letter addresses the Kamer about what it will send or do.
_TOEZEGGING = re.compile(
    r"\b(?:toezegging\w*|toegezegd|zeg(?:t)? (?:ik|wij|we)?\s*toe|(?:uw|de) kamer\b.{0,80}\b"
    r"(?:informeren|informeer|informeert|ge[iï]nformeerd|rapporteren|berichten|toesturen|sturen"
    r"|toekomen|op de hoogte)|informeer (?:ik|wij|we) (?:uw|de) kamer|(?:ontvangt|ontvangen) u"
    r"|(?:dat|die|wat) u\b.{0,60}\bontvangt|stuur (?:ik|wij|we)|kom (?:ik|wij|we)\b.{0,60}\bterug"
    r"|zal (?:ik|wij|we) u|(?:ik|wij|we) u\b.{0,40}\b(?:informeren|berichten|toesturen)"
    r"|(?:informeert|informeer|informeren|stuurt|stuur|sturen|rapporteert|rapporteren|bericht)"
    r"\b.{0,60}\b(?:uw|de) kamer\b|TZ\d{6})",
    re.IGNORECASE,
)
# A promise named as such, also when it is reported in the past tense.
_PROMISED = re.compile(r"\b(?:toezegging\w*|toegezegd|zeg(?:t)? (?:ik|wij|we)?\s*toe)\b", re.I)
# "Met deze brief informeer ik uw Kamer": what this letter does now, no promise for later.
PRESENT_LETTER = re.compile(r"\b(?:(?:met|in)\s+deze\s+brief|hierbij|bijgaand)\b", re.I)
_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-Z])")
# Agreement wording: parties agree, commit, or are held to an agreed outcome.
_AFSPRAAK = re.compile(
    r"\b(?:spreken\b.{0,40}\baf|(?:wordt|worden|is|zijn) afgesproken|afgesproken|komen overeen"
    r"|overeengekomen|committeren|commitment|zetten zich in|spannen zich in|maken afspraken"
    r"|afspraken maken|afspraken (?:zijn |worden )?gemaakt|partijen|akkoord)\b",
    re.IGNORECASE,
)
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
# Government intentions: future, modal or planning wording ("what one can expect" is no
# expectation of the writer's own). A verb in a te-infinitive ("de te
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
# The government saying in a main clause what it does: a plural verb before "we"/"wij"
# ("Daarom investeren we", "Waar mogelijk organiseren we") or after a sentence-opening "We" /
# "Wij" ("We versterken de ..."). A subordinate clause puts the verb last ("die we meesturen")
# and is left out; so are verbs of seeing, knowing and being.
_NOT_ACTION = (
    r"(?:hebben|zijn|kunnen|mogen|zien|weten|vinden|denken|menen|hopen|constateren|merken"
    r"|verwachten|begrijpen|erkennen|beseffen|staan|liggen|horen|lezen|noemen|spreken)"
)
_OWN_ACTION = re.compile(
    rf"(?:\b(?!{_NOT_ACTION}\b)[a-z]\w+en\s+(?:we|wij)\b|(?:^|[.!?:]\s+)(?:We|Wij)\s+"
    rf"(?!{_NOT_ACTION}\b)[a-z]\w+en\b)"
)
# Statements of how things are now, in an agreement's background sections.
_DESCRIPTIVE = re.compile(
    r"\b(?:momenteel|op dit moment|inmiddels|steeds meer|in de afgelopen|uit onderzoek blijkt"
    r"|blijkt|staat onder druk|neemt toe|nemen toe|(?:er (?:is|zijn)|(?:is|zijn) er)\b(?!.{0,60}"
    r"\b(?:nodig|noodzakelijk)))\b",
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
# An expectation or an observation is no commitment: "verwachten we dat", "Het kabinet ziet dat",
# "constateren partijen dat".
_OBSERVES = re.compile(
    r"\b(?:verwacht(?:en)?|zien?|ziet|constateer\w*|constateert|merk(?:t|en)?|stel(?:t|len) vast)"
    r"\s+(?:(?:we|wij|ik|partijen|het kabinet|het|er|ook|daarbij)\s+){0,2}dat\b",
    re.IGNORECASE,
)


def in_background(section: Sequence[str]) -> bool:
    """Whether a heading trail lies in an introductory or background part: the nearest numbered
    heading (or, without one, the outermost) is a Voorwoord, Inleiding, Aanleiding, ..."""
    numbered = [h for h in section if _NUMBERED.match(h)]
    part = numbered[-1] if numbered else (section[0] if section else "")
    return bool(_BACKGROUND.match(part))


def classify_kind(
    text: str,
    block: str = "prose",
    doc_type: str = "",
    has_deadline: bool = False,
    parties: int = 0,
    named: bool = True,
    section: Sequence[str] = (),
    lead_in: str | None = None,
) -> Kind:
    """The kind of a clause from its block, its wording and the type of its document.

    - headings and footnotes are no statements of their own: 'heading' / 'footnote';
    - a row of an agreement's action table is an 'afspraak';
    - wording that promises parliament something is a 'toezegging', in any document;
    - without a deadline, a title on a line of its own, an expectation or observation
      ("verwachten we dat", "het kabinet ziet dat") and, in an agreement, anything in its
      preface or introduction (`section`, see in_background) that states no agreement is a
      'feit';
    - in an agreement every forward-looking sentence is an 'afspraak'; what is done or
      described as the current state is a 'feit', and so is a sentence that names no actor
      (`named` False) in running text, has no deadline and no agreement, future or planning
      wording (the background stories and figures of a preamble);
    - in a letter an agreement already reached ("is afgesproken", "spreken af"; not the mere
      word "partijen", nor a plan to make agreements), or a deadline shared by `parties` >= 2
      organisations outside government working together, makes an 'afspraak'; future or
      planning wording (or a deadline still to come) a 'voornemen'; anything else a 'feit'.
      The government saying in a main clause what it does ("Daarom investeren we") plans.
    - an item of a list that states nothing of its own (no actor, deadline, agreement or
      planning wording) and is phrased as an action ("Verstevigen van ...") has, in a letter,
      the kind of the sentence that introduces the list (`lead_in`, the kind of a lead-in
      ending in ":"): "We zetten in op: - Verstevigen van ..." plans, "Voorbeelden van
      resultaten zijn: - Afschaffen van ..." reports.
    """
    if block == "heading":
        return "heading"
    if block == "footnote":
        return "footnote"
    if block == "table_row":
        return "afspraak"
    if _PROMISED.search(text) or any(map(_promises, _SENTENCE.split(text))):
        return "toezegging"
    if not has_deadline:
        if len(text.split()) <= TITLE_WORDS and _TITLE.match(text.strip()):
            return "feit"
        if _OBSERVES.search(text) and not _commits_elsewhere(text):
            return "feit"
        if doc_type == "akkoord" and in_background(section) and not _REACHED.search(text):
            return "feit"
    done = past_tense(text) and not has_deadline
    if doc_type == "akkoord":
        if done or (_DESCRIPTIVE.search(text) and not has_deadline):
            return "feit"
        # Bullets of an agreement are items of an agreed list, whatever their wording.
        quiet = not (named or has_deadline or _AFSPRAAK.search(text) or _VOORNEMEN.search(text))
        if quiet and block == "prose":
            return "feit"
        return "afspraak"
    if done:
        return "feit"
    if _REACHED.search(text) and (has_deadline or _VOORNEMEN.search(text)):
        return "afspraak"
    if has_deadline and parties >= 2 and _TOGETHER.search(text):
        return "afspraak"
    if has_deadline or _VOORNEMEN.search(text) or _acts_now(text):
        return "voornemen"
    if block == "bullet" and lead_in in _LISTED and _ACTION_ITEM.match(text):
        return lead_in  # type: ignore[return-value]  # one of _LISTED, all kinds
    return "feit"


# The kinds a list item takes over from its lead-in.
_LISTED = frozenset({"afspraak", "toezegging", "voornemen"})
# An item phrased as an action, opening on an infinitive ("Verstevigen van de rol ...",
# "Organiseren dat ..."); a bare topic ("Paramedische zorg aan Wlz-cliënten") plans nothing.
_ACTION_ITEM = re.compile(r"^\W*[A-Z][a-z]{3,}en\s+(?:van|dat|om|de|het|een|met|op|in)\b")


def _acts_now(text: str) -> bool:
    """Whether a sentence has the government say what it does (`_OWN_ACTION`), other than what
    this letter itself does ("Met deze brief geven wij ...")."""
    return any(
        _OWN_ACTION.search(s) and not PRESENT_LETTER.search(s) for s in _SENTENCE.split(text)
    )


def _commits_elsewhere(text: str) -> bool:
    """Whether a sentence of the text that observes nothing commits or plans: "Daarom gaan we:
    ... We verwachten dat ..." plans, though one of its sentences only expects."""
    rest = [s for s in _SENTENCE.split(text) if not _OBSERVES.search(s)]
    return any(_REACHED.search(s) or _VOORNEMEN.search(s) for s in rest)


def _promises(sentence: str) -> bool:
    """True when a sentence promises parliament something still to come.

    "Op 29 mei jl. is de Kamer geïnformeerd" reports a promise kept, and "Met deze brief
    informeer ik uw Kamer" says what the letter itself does; "heeft de minister toegezegd ..."
    reports a promise made, which stays a promise (`_PROMISED`, checked before this).
    """
    return (
        _TOEZEGGING.search(sentence) is not None
        and not past_tense(sentence)
        and not PRESENT_LETTER.search(sentence)
    )
