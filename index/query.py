"""Query understanding: actors, time windows and kinds named in a query, and English terms."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache

from bm25s.stopwords import STOPWORDS_EN

from corpus.model import Clause
from tagging.actors import find_actors
from tagging.deadlines import find_time_expressions

# Words that ask for a kind of statement ("welke toezeggingen ...", "what was agreed ...").
KIND_WORDS: dict[str, tuple[str, ...]] = {
    "toezegging": (
        "toezegging",
        "toezeggingen",
        "toegezegd",
        "zegt toe",
        "promise",
        "promised",
        "pledge",
        "pledged",
    ),
    "afspraak": (
        "afspraak",
        "afspraken",
        "afgesproken",
        "spreken af",
        "agreement",
        "agreed",
        "agree",
    ),
    "voornemen": (
        "voornemen",
        "voornemens",
        "is van plan",
        "wil het kabinet",
        "intends",
        "intention",
        "plans to",
    ),
}

# English domain terms -> Dutch, used for the BM25 query only (the embedder is multilingual).
# General vocabulary of Dutch health-care policy, not tied to particular questions.
GLOSSARY: dict[str, str] = {
    "general practitioner": "huisarts",
    "general practitioners": "huisartsen",
    "gp": "huisarts",
    "gps": "huisartsen",
    "primary care": "eerstelijnszorg eerste lijn",
    "district nursing": "wijkverpleging",
    "community nursing": "wijkverpleging",
    "mental health": "ggz",
    "mental health care": "ggz",
    "youth care": "jeugdzorg",
    "elderly care": "ouderenzorg",
    "elderly": "ouderen",
    "older people": "ouderen",
    "nursing home": "verpleeghuis",
    "nursing homes": "verpleeghuizen",
    "hospital": "ziekenhuis",
    "hospitals": "ziekenhuizen",
    "medical specialist": "medisch specialist",
    "emergency": "spoedeisende acute spoed",
    "emergency care": "acute zorg spoedzorg",
    "emergency department": "seh spoedeisende hulp",
    "ambulance": "ambulance",
    "health insurer": "zorgverzekeraar",
    "health insurers": "zorgverzekeraars",
    "insurers": "zorgverzekeraars",
    "municipality": "gemeente",
    "municipalities": "gemeenten",
    "care office": "zorgkantoor",
    "care offices": "zorgkantoren",
    "care-office": "zorgkantoor",
    "region": "regio",
    "regions": "regio's",
    "regional": "regionaal regionale",
    "data exchange": "gegevensuitwisseling",
    "data sharing": "gegevensuitwisseling delen",
    "sharing": "delen uitwisselen",
    "exchange": "uitwisseling",
    "digital": "digitale",
    "funding": "financiering bekostiging",
    "financing": "financiering",
    "budget": "budget middelen",
    "money": "geld middelen",
    "payment": "bekostiging",
    "reimbursement": "vergoeding",
    "pharmacy": "apotheek",
    "pharmacies": "apotheken",
    "medicines": "geneesmiddelen",
    "medicine": "geneesmiddel",
    "drugs": "geneesmiddelen",
    "pharmaceutical": "farmaceutische",
    "prevention": "preventie",
    "quality": "kwaliteit",
    "workforce": "arbeidsmarkt personeel",
    "labour market": "arbeidsmarkt",
    "staff": "personeel medewerkers",
    "employees": "werknemers",
    "self-employed": "zzp zelfstandigen zzp'ers",
    "nurses": "verpleegkundigen",
    "patient": "patiënt",
    "patients": "patiënten",
    "admissions": "opnames opnamen",
    "admission": "opname",
    "heart": "hart",
    "failure": "falen",
    "target": "doel streefwaarde",
    "parliament": "kamer",
    "house": "kamer",
    "minister": "minister",
    "ministry": "ministerie",
    "cabinet": "kabinet",
    "government": "kabinet overheid",
    "evaluation": "evaluatie",
    "evaluate": "evalueren",
    "evaluated": "geëvalueerd",
    "monitor": "monitor",
    "investigate": "onderzoeken onderzoek",
    "research": "onderzoek",
    "report": "rapport",
    "implementation": "implementatie invoering",
    "deadline": "uiterlijk",
    "deadlines": "termijnen",
    "roll-out": "uitrol",
    "rollout": "uitrol",
    "national": "landelijk landelijke",
    "interim": "tussentijdse tussen",
    "solution": "oplossing",
    "images": "beelden",
    "radiology": "radiologie",
    "care": "zorg",
    "welfare": "welzijn",
    "sector": "sector",
    "sectors": "sectoren",
    "agreement": "akkoord afspraak",
    "agreements": "afspraken",
    "plan": "plan",
    "vision": "visie",
    "waiting lists": "wachtlijsten",
    "waiting times": "wachttijden",
    "administrative burden": "regeldruk administratieve lasten",
    "red tape": "regeldruk",
    "guideline": "richtlijn",
    "guidelines": "richtlijnen",
    "law": "wet",
    "legislation": "wetgeving",
    "subsidy": "subsidie",
    "grant": "subsidie",
    "contracting": "contractering zorginkoop",
    "purchasing": "zorginkoop inkoop",
    "dental care": "mondzorg",
    "physiotherapy": "fysiotherapie",
    "training": "opleiding",
    "education": "opleiding onderwijs",
    "students": "studenten",
    "informal care": "mantelzorg",
    "volunteers": "vrijwilligers",
    "social domain": "sociaal domein",
    "appropriate care": "passende zorg",
    "shared decision making": "samen beslissen",
    "health": "gezondheid",
    "healthy": "gezond",
    "living": "wonen",
    "housing": "wonen",
}

_EN_MARKERS = frozenset(
    [
        "the",
        "what",
        "when",
        "who",
        "which",
        "how",
        "does",
        "do",
        "did",
        "will",
        "must",
        "should",
        "is",
        "are",
        "was",
        "were",
        "by",
        "of",
        "for",
        "and",
        "with",
        "have",
        "has",
        "been",
        "yet",
        "all",
    ]
)
# English time cues in their Dutch form, so the Dutch time-expression rules read them.
_EN_TIME: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"\b(?:by|before|no later than)\s+(?=(?:\w+ )?\d)", re.I), "voor "),
    (re.compile(r"\bend of\s+(?=\d)", re.I), "eind "),
    (re.compile(r"\bthis year\b", re.I), "dit jaar"),
    (re.compile(r"\bnext year\b", re.I), "volgend jaar"),
    (re.compile(r"\bfrom\s+(?=\d)", re.I), "vanaf "),
)
# How many of those function words make a query English.
ENGLISH_MIN_MARKERS = 2
# A date in a query ("in maart 2025", "eind 2024") asks about deadlines from about a quarter
# before it to a month after it; "voor <date>" asks about everything up to the date.
WINDOW_BEFORE = dt.timedelta(days=92)
WINDOW_AFTER = dt.timedelta(days=31)
_EN_STOP = frozenset(STOPWORDS_EN) | _EN_MARKERS | {"here", "there", "any", "yet", "still"}
_DEADLINE_BEFORE = re.compile(r"\b(voor|vóór|uiterlijk|before|by|until|tot)\b", re.I)


@dataclass(frozen=True, slots=True)
class QueryPlan:
    """What a query asks for beyond its words; each part boosts matching clauses."""

    text: str
    lexical: str  # the text for BM25: English domain terms get their Dutch equivalents
    english: bool = False
    actors: tuple[str, ...] = ()
    deadline_from: dt.date | None = None
    deadline_until: dt.date | None = None
    kinds: tuple[str, ...] = ()
    asks_when: bool = False  # "wanneer ...?": clauses that state a time answer it
    asks_who: bool = False  # "wie ...?": clauses that name their actors answer it

    def boosts(self, clause: Clause) -> int:
        """How many of the query's facets the clause's tags match."""
        n = 0
        if self.actors and set(self.actors) & set(clause.actors):
            n += 1
        if (self.deadline_from or self.deadline_until) and clause.deadline is not None:
            lo = self.deadline_from or dt.date.min
            hi = self.deadline_until or dt.date.max
            n += lo <= clause.deadline <= hi
        if self.kinds and clause.kind in self.kinds:
            n += 1
        return n


def is_english(text: str) -> bool:
    """A cheap guess: at least ENGLISH_MIN_MARKERS common English function words."""
    tokens = re.findall(r"[a-z]+", text.lower())
    return sum(t in _EN_MARKERS for t in tokens) >= ENGLISH_MIN_MARKERS


def translate_terms(text: str) -> str:
    """The text's English domain terms replaced by their Dutch equivalents, stop words dropped.

    Words the glossary does not know stay (names, abbreviations, Dutch words in the question).
    """
    lowered = text.lower()
    extra: list[str] = []
    # Longest terms first, so "mental health care" wins over "care".
    for term in sorted(GLOSSARY, key=len, reverse=True):
        pattern = r"(?<![\w-])" + re.escape(term) + r"(?![\w-])"
        if re.search(pattern, lowered):
            extra.append(GLOSSARY[term])
            lowered = re.sub(pattern, " ", lowered)
    # Single letters are initials or list markers, no search terms.
    rest = [w for w in re.findall(r"[\w'-]{2,}", lowered) if w not in _EN_STOP]
    return " ".join(rest + extra)


# A question about a time: a due date, or a past one ("sinds wanneer": a stated time of any
# tense answers both).
_ASKS_WHEN = re.compile(r"\b(wanneer|when|deadlines?|termijn|uiterlijk)\b", re.I)
# A question about who is responsible.
_ASKS_WHO = re.compile(
    r"\b(wie|who|welke (partij|partijen|organisatie|organisaties|instantie|instanties)|"
    r"which (party|parties|organisation|organisations|organization|organizations))\b",
    re.I,
)


def asks_when(text: str) -> bool:
    """True when the query asks when something happens or happened."""
    return bool(_ASKS_WHEN.search(text))


def asks_who(text: str) -> bool:
    """True when the query asks who does something ("wie", "welke partijen", "who")."""
    return bool(_ASKS_WHO.search(text))


# Whether a clause states a time does not depend on the date it is read against (that only
# decides past or future, and which year "dit jaar" is), so one fixed reference serves.
_ANY_REF = dt.date(2000, 1, 1)


@lru_cache(maxsize=16384)
def states_time(text: str) -> bool:
    """True when the text states a point or period in time, in any tense: a date, a month, a
    quarter, a season, a cued year ("in 2007", "per 2025"), by tagging's time-expression rules.

    Unlike a clause's deadline tag this counts past dates and reports, which also answer
    "wanneer"; phrases without a date ("zo snel mogelijk") do not count.
    """
    return any(e.date is not None for e in find_time_expressions(text, _ANY_REF))


def find_kinds(text: str) -> tuple[str, ...]:
    lowered = f" {text.lower()} "
    return tuple(
        kind
        for kind, cues in KIND_WORDS.items()
        if any(re.search(r"\b" + re.escape(c) + r"\b", lowered) for c in cues)
    )


def deadline_window(text: str, ref_date: dt.date) -> tuple[dt.date | None, dt.date | None]:
    """The deadline window a time expression in the query asks for, or (None, None).

    Unlike a clause, a query may ask about deadlines long past, so past expressions count.
    """
    for cue, dutch in _EN_TIME:
        text = cue.sub(dutch, text)
    dated = [e for e in find_time_expressions(text, ref_date) if e.date is not None]
    if not dated:
        return None, None
    expr = max(dated, key=lambda e: e.bounding)
    when = expr.date
    assert when is not None
    if _DEADLINE_BEFORE.search(expr.text):
        return None, when
    if (when.month, when.day) == (12, 31):
        # "in 2024" resolves to 2024-12-31 by convention; anything in that year answers it.
        return dt.date(when.year, 1, 1), when
    return when - WINDOW_BEFORE, when + WINDOW_AFTER


def understand(text: str, ref_date: dt.date | None = None) -> QueryPlan:
    """Parse a user's query into boosts: actors, deadline window, kinds, English terms."""
    ref = ref_date or dt.date.today()
    english = is_english(text)
    start, end = deadline_window(text, ref)
    return QueryPlan(
        text=text,
        lexical=translate_terms(text) if english else text,
        english=english,
        actors=tuple(find_actors(text)),
        deadline_from=start,
        deadline_until=end,
        kinds=find_kinds(text),
        asks_when=asks_when(text),
        asks_who=asks_who(text),
    )
