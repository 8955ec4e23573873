"""Find Dutch time expressions in text and normalise them to deadline dates."""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass

from tagging.dates import MONTH_PATTERN, lookup, month_number

# The conventions implemented here are those of shared/eval/README.md:
#   exact date -> that date; month -> its last day; quarter -> its last day;
#   begin Y -> Y-03-31; medio / eerste helft -> Y-06-30; tweede helft / eind / in Y -> Y-12-31;
#   voorjaar -> Y-05-31; voor de zomer(reces) -> Y-07-01; (rond de / in de) zomer -> Y-08-31;
#   na de zomer / najaar -> Y-11-30; begin Qn -> last day of the quarter's first month;
#   per / met ingang van / vanaf + year -> 1 January, + month -> first day of the month;
#   dit jaar -> letter's year, volgend jaar -> the year after;
#   ranges and lists -> end of the last year;
#   zo snel mogelijk, binnenkort, de komende periode -> no date.

ORDINALS: dict[str, int] = {
    "eerste": 1,
    "1e": 1,
    "tweede": 2,
    "2e": 2,
    "derde": 3,
    "3e": 3,
    "vierde": 4,
    "4e": 4,
}

_MONTH = MONTH_PATTERN
# A year, tolerating one glued footnote digit after it ("december 20214" = 2021 + note 4)
# only where a month name precedes it (handled by the patterns that use _YEAR_GLUED).
_YEAR = r"(?:19|20)\d{2}(?![\d])"
_YEAR_GLUED = r"(?:19|20)\d{2}(?=\d?(?!\d))\d?"
_POS = r"(?:begin|eind(?:e)?|medio|half|halverwege)"
# "van volgend jaar" after a month, quarter, half or season names its year as surely as "2025".
_REL_YEAR = r"(?P<rel>dit|volgend|komend|vorig|het komende|het volgende)\s+jaar\b"

# Words in front of an expression that say how it bounds a commitment. Matched right before it.
_CUE = re.compile(
    r"(?:\b(?P<cue>uiterlijk(?:\s+(?:in|op|per|voor|vóór|tegen))?|niet later dan|vóór|voor"
    r"|per|met ingang van|m\.i\.v\.|vanaf|sinds|in|op|tot en met|t/m|tot|rond|na|gedurende"
    r"|tijdens|binnen|over|tussen|in de loop van|aan het begin van|aan het eind(?:e)? van)"
    r"\s+(?:(?:het|de)\s+)?(?:(?:jaar|periode|jaren)\s+)?)$",
    re.IGNORECASE,
)
STRONG_CUES = {
    "uiterlijk",
    "niet later dan",
    "vóór",
    "voor",
    "per",
    "met ingang van",
    "m.i.v.",
    "tot en met",
    "t/m",
    "tot",
}
START_CUES = {"per", "met ingang van", "m.i.v.", "vanaf"}
LIMIT_CUES = STRONG_CUES | START_CUES


def _starts(cue: str) -> bool:
    """Whether a cue names a start ("per", "vanaf"), also after a limit ("uiterlijk per 2028"
    is 1 January 2028)."""
    return cue in START_CUES or any(cue.endswith(f" {c}") for c in START_CUES)


PAST_AFTER = re.compile(r"^\s*(?:jl\.?|j\.l\.|jongstleden|\(jl\.?\))", re.IGNORECASE)
_NULL_PHRASES = re.compile(
    r"\b(?:zo snel mogelijk|zo spoedig mogelijk|z\.s\.m\.|binnenkort|de komende periode"
    r"|op korte termijn|op (?:middel)?lange termijn|de komende jaren)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class TimeExpression:
    """One time expression found in a text: where, as written, its date and its role."""

    start: int
    end: int
    text: str  # as written, including a leading cue word such as "uiterlijk" or "per"
    date: dt.date | None  # None for "zo snel mogelijk" and the like
    past: bool  # it dates something that had already happened when the text was written
    bounding: bool  # a cue such as "uiterlijk", "voor" or "per" makes it a limit
    forecast: bool = False  # a year of a projection or a far goal, no deadline (see is_forecast)


def _month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def _next_year(date: dt.date) -> dt.date:
    if date.month == 2 and date.day == 29:
        return dt.date(date.year + 1, 2, 28)
    return date.replace(year=date.year + 1)


def _year_of(m: re.Match[str], ref: dt.date) -> int:
    """The year a match names: its digits, else its "dit / volgend jaar", else the letter's."""
    groups = m.groupdict()
    if year := groups.get("y"):
        return int(year[:4])
    return _relative_year(groups.get("rel"), ref)


# Each handler gets the match, the cue word (lower case, or "") and the reference date.
Handler = Callable[[re.Match[str], str, dt.date], dt.date | None]


def _numeric(m: re.Match[str], cue: str, ref: dt.date) -> dt.date | None:
    digits = re.sub(r"\D", "", m["y"])
    if len(digits) == 2:
        year = 2000 + int(digits)
    elif len(digits) == 3:  # the typo "2-24" for 2024
        year = 2000 + int(digits[-2:])
    else:
        year = int(digits)
    if m["y2"]:  # "1-1-2024/5": the later of the two years (a range ends at its end)
        alt = m["y2"]
        year = int(str(year)[: 4 - len(alt)] + alt)
    return dt.date(year, int(m["m"]), int(m["d"]))


def _day_month(m: re.Match[str], cue: str, ref: dt.date) -> dt.date | None:
    return dt.date(_year_of(m, ref), month_number(m["mon"]), int(m["d"]))


def _month(m: re.Match[str], cue: str, ref: dt.date) -> dt.date | None:
    year, month = _year_of(m, ref), month_number(m["mon"])
    if _starts(cue) and not m["pos"]:
        return dt.date(year, month, 1)
    return _month_end(year, month)


def _quarter(m: re.Match[str], cue: str, ref: dt.date) -> dt.date | None:
    q = int(m["q"]) if m["q"] else lookup(ORDINALS, m["qw"])
    year = _year_of(m, ref)
    pos = (m["pos"] or "").lower()
    if _starts(cue):
        return dt.date(year, 3 * q - 2, 1)
    if pos == "begin":
        return _month_end(year, 3 * q - 2)
    return _month_end(year, 3 * q)


def _half(m: re.Match[str], cue: str, ref: dt.date) -> dt.date | None:
    year = _year_of(m, ref)
    return dt.date(year, 6, 30) if m["h"].lower() in ("eerste", "1e") else dt.date(year, 12, 31)


def _pos_year(m: re.Match[str], cue: str, ref: dt.date) -> dt.date | None:
    year = _year_of(m, ref)
    pos = m["pos"].lower()
    if pos == "begin":
        return dt.date(year, 3, 31)
    if pos in ("medio", "half", "halverwege"):
        return dt.date(year, 6, 30)
    return dt.date(year, 12, 31)


def _relative_year(word: str | None, ref: dt.date) -> int:
    word = (word or "dit").lower()
    if word in ("volgend", "komend", "het komende", "het volgende"):
        return ref.year + 1
    if word == "vorig":
        return ref.year - 1
    return ref.year


def _rel_year(m: re.Match[str], cue: str, ref: dt.date) -> dt.date | None:
    year = _relative_year(m["rel"], ref)
    return dt.date(year, 1, 1) if _starts(cue) else dt.date(year, 12, 31)


def _season(m: re.Match[str], cue: str, ref: dt.date) -> dt.date | None:
    date = _season_in(m, cue, _year_of(m, ref))
    if m["next"] and not m["y"] and not m["rel"] and date < ref:
        # "komend voorjaar", "volgende zomer": the first one still ahead of the letter
        date = _season_in(m, cue, ref.year + 1)
    return date


def _season_in(m: re.Match[str], cue: str, year: int) -> dt.date:
    season = m["s"].lower()
    pre = (m["pre"] or cue or "").lower()
    if season in ("voorjaar", "lente", "voorjaarsnota"):
        # the Voorjaarsnota, the spring budget revision, reaches parliament by 1 June
        return dt.date(year, 5, 31)
    if season in ("najaar", "herfst"):
        return dt.date(year, 11, 30)
    if season in ("kerstreces", "kerst", "kerstmis", "jaarwisseling"):
        return dt.date(year, 12, 31)
    if season == "begrotingsbehandeling":
        # parliament debates the budgets in the autumn after Prinsjesdag, so it reads as
        # najaar; what comes after it falls at the year's end
        return dt.date(year, 12, 31) if pre == "na" else dt.date(year, 11, 30)
    # zomer, zomerreces, zomerperiode
    if pre in ("voor", "vóór", "uiterlijk", "uiterlijk voor"):
        return dt.date(year, 7, 1)
    if pre == "na":
        return dt.date(year, 11, 30)
    return dt.date(year, 8, 31)


# Counts written out in words, for spans of time counted from the letter ("binnen drie maanden").
COUNTS: dict[str, int] = {
    "een": 1,
    "één": 1,
    "twee": 2,
    "drie": 3,
    "vier": 4,
    "vijf": 5,
    "zes": 6,
    "zeven": 7,
    "acht": 8,
    "negen": 9,
    "tien": 10,
    "elf": 11,
    "twaalf": 12,
    "achttien": 18,
    "vierentwintig": 24,
}
_COUNT = "(?:" + "|".join(COUNTS) + r"|\d{1,2})"
_UNIT = r"(?:dag(?:en)?|weken|week|maand(?:en)?|jaar|jaren)"
_MONTHS_IN = {"maand": 1, "maanden": 1, "jaar": 12, "jaren": 12}
_SPAN = rf"(?:(?P<n>{_COUNT})\s+(?P<unit>{_UNIT})|(?:een\s+)?(?P<half>half|anderhalf)\s+jaar)\b"
_NOT_FROM_LETTER = r"(?!\s+(?:na|nadat|vanaf|van|voor|vóór|nadien|daarna|later)\b)"
_SPAN_GOES_ON = (
    r"(?=\s*(?:[,.;:)]|$)|\s+(?:de|het|een|we|wij|ik|u|zij|ze|er|is|zijn|wordt|worden|zal"
    r"|zullen|moet|moeten|kan|kunnen|heeft|hebben|opnieuw|weer|nog)\b)"
)


def _add_months(date: dt.date, months: int) -> dt.date:
    month = date.month - 1 + months
    year, month = date.year + month // 12, month % 12 + 1
    return dt.date(year, month, min(date.day, calendar.monthrange(year, month)[1]))


def _span(m: re.Match[str], cue: str, ref: dt.date) -> dt.date | None:
    """The end of a span counted from the letter: "binnen drie maanden", "over twee jaar",
    "het komende half jaar", "binnen anderhalf jaar"."""
    if m["half"]:
        count, unit = (18 if m["half"].lower() == "anderhalf" else 6), "maand"
    else:
        word, unit = m["n"], m["unit"].lower()
        count = int(word) if word.isdigit() else lookup(COUNTS, word)
    if "komende" in m.group(0).lower() and unit.startswith("jaar") and count >= 2:
        return None  # "de komende vier jaar": a term to work in, as "de komende jaren"
    if unit.startswith("dag"):
        return ref + dt.timedelta(days=count)
    if unit.startswith("we"):
        return ref + dt.timedelta(weeks=count)
    return _add_months(ref, count * _MONTHS_IN[unit])


def _prinsjesdag(m: re.Match[str], cue: str, ref: dt.date) -> dt.date | None:
    """Prinsjesdag, the opening of the parliamentary year: the third Tuesday of September."""
    first = dt.date(_year_of(m, ref), 9, 1)
    return first + dt.timedelta(days=(1 - first.weekday()) % 7 + 14)


def _year_end(m: re.Match[str], cue: str, ref: dt.date) -> dt.date | None:
    return dt.date(ref.year, 12, 31)


# "vóór 2025", "tot 2026": before the year begins, so its first day. A plain "voor" also
# reads "for" ("Voor 2024 is € 20 miljoen beschikbaar"); beside an amount or a budget it names
# the year the money is for, which runs to its end.
_BEFORE_YEAR = {"voor", "vóór", "tot", "uiterlijk voor", "uiterlijk vóór"}
_AMOUNT = re.compile(
    r"€|\beuro\b|\b(?:miljoen|miljard|mln|mld|budget\w*|bedrag\w*|middelen|gelden|beschikbaar"
    r"|begroot|begroting\w*|gereserveerd|uitgetrokken|toegevoegd|financi\w*|besteding\w*"
    r"|uitgave\w*|kosten|tarie\w*|macrokader\w*)\b",
    re.IGNORECASE,
)


def _years(m: re.Match[str], cue: str, ref: dt.date) -> dt.date | None:
    years = [int(y) for y in re.findall(r"(?:19|20)\d{2}", m.group(0))]
    last = max(years)
    if len(years) == 1 and (_starts(cue) or _before_year(m, cue, ref)):
        return dt.date(last, 1, 1)
    return dt.date(last, 12, 31)


def _before_year(m: re.Match[str], cue: str, ref: dt.date) -> bool:
    """Whether a cue puts a single year's start as the limit ("vóór 2025", "tot 2026"), not the
    year of an amount ("voor 2025 is € 5 miljoen beschikbaar")."""
    if cue not in _BEFORE_YEAR or int(m.group(0)[-4:]) <= ref.year:
        # "voor 2024" in a 2024 letter cannot mean before it; it is the year something is for
        return False
    if cue.endswith("vóór") or cue == "tot":
        return True
    return not _AMOUNT.search(sentence_around(m.string, m.start(), m.end()))


# Ordered from most to least specific; overlapping matches keep the longest.
PATTERNS: tuple[tuple[re.Pattern[str], Handler, bool], ...] = tuple(
    (re.compile(p, re.IGNORECASE), h, needs_cue)
    for p, h, needs_cue in [
        (
            r"(?<![\d-])(?P<d>[0-3]?\d)[-/.](?P<m>[01]?\d)[-/.](?P<y>20\d{2}|\d-\d{2}|\d{2})"
            r"(?:/(?P<y2>\d{1,2}))?(?![\d-])",
            _numeric,
            False,
        ),
        (
            rf"(?<!\d)(?P<d>[0-3]?\d)\s+(?P<mon>{_MONTH})\b(?:\s+(?P<y>{_YEAR_GLUED}))?",
            _day_month,
            False,
        ),
        (
            rf"\b(?:(?P<pos>{_POS})\s+(?:van\s+)?(?:het\s+)?)?(?:Q(?P<q>[1-4])|"
            r"(?P<qw>eerste|tweede|derde|vierde|1e|2e|3e|4e)\s+kwartaal)"
            rf"(?:\s*(?:van\s+|-\s*|'?)(?P<y>{_YEAR})|\s+van\s+{_REL_YEAR})?",
            _quarter,
            False,
        ),
        (
            r"\b(?P<h>eerste|tweede|1e|2e)\s+(?:helft|halfjaar|half jaar)\s+"
            rf"(?:van\s+)?(?:het\s+jaar\s+)?(?:(?P<y>{_YEAR})|{_REL_YEAR})?",
            _half,
            False,
        ),
        (
            rf"\b(?:(?P<pos>{_POS})\s+(?:van\s+)?)?(?P<mon>{_MONTH})\b"
            rf"(?:\s+(?P<y>{_YEAR_GLUED})|\s+van\s+{_REL_YEAR})?",
            _month,
            False,
        ),
        (
            rf"\b(?P<pos>{_POS})\s+(?:van\s+)?(?:(?P<y>{_YEAR})|(?:het\s+jaar\b)|"
            r"(?:(?P<rel>dit|volgend|komend|het komende|het volgende)\s+jaar\b))",
            _pos_year,
            False,
        ),
        (
            r"\b(?:voor\s+)?(?:het\s+)?eind(?:e)?\s+van\s+(?:het|dit)\s+(?:kalender)?jaar\b",
            _year_end,
            False,
        ),
        (
            r"\b(?:(?P<pre>voor|vóór|na|rond|in|tijdens|gedurende|vanaf)\s+)?"
            r"(?:(?:de|het|deze|dit)\s+)?(?:(?P<next>komende?|volgende?)\s+)?"
            r"(?P<s>voorjaar|lente|zomerreces|zomerperiode|zomer|najaar|herfst|kerstreces"
            r"|kerstmis|kerst|jaarwisseling|begrotingsbehandeling|voorjaarsnota)\b"
            rf"(?:\s+(?:van\s+)?(?P<y>{_YEAR})|\s+van\s+{_REL_YEAR})?",
            _season,
            False,
        ),
        # A span counted from the letter; "binnen een jaar na ontvangst" counts from something
        # else and is left out.
        (
            r"\b(?:binnen|(?:in\s+)?(?:de|het)\s+komende)\s+" + _SPAN + _NOT_FROM_LETTER,
            _span,
            False,
        ),
        # "over twee jaar" is a time only where the clause goes on (a verb, a subject, the end):
        # "een rapport over twee jaar onderzoek" is about the years.
        (r"\bover\s+" + _SPAN + _SPAN_GOES_ON, _span, False),
        (
            rf"\bPrinsjesdag\b(?:\s+(?:van\s+)?(?P<y>{_YEAR}))?",
            _prinsjesdag,
            False,
        ),
        (
            r"\b(?P<rel>dit|volgend|komend|vorig|het komende|het volgende)\s+jaar\b",
            _rel_year,
            False,
        ),
        # "loopt van 2023 tot 2027": a period written as a range names its end
        (
            rf"\bvan\s+{_YEAR}\s*(?:[-–]|t/m|tot en met|tot)\s*{_YEAR}",
            _years,
            False,
        ),
        (
            rf"\b{_YEAR}(?:\s*(?:[-–/,]|t/m|tot en met|tot|en|of|als)\s*"
            rf"(?:(?:in|met)\s+)?{_YEAR})+",
            _years,
            True,
        ),
        (rf"\b{_YEAR}", _years, True),
    ]
)

# Perfect or past tense without a future marker: "De PREM is in 2020 opgenomen", "Voor 2023 is
# het aantal opleidingsplekken opgehoogd". Used only for periods that contain the letter's date.
_AUX = re.compile(r"\b(?:is|zijn|heeft|hebben|werd|werden|was|waren)\b", re.IGNORECASE)
_PARTICIPLE = re.compile(
    r"\b(?:op|af|vast|in|uit|aan|toe|voor|over|door|bij|mee|samen|open|vrij|terug|weg|tot)?"
    r"ge\w{2,}(?:d|t|en)\b",
    re.IGNORECASE,
)
_NOT_PARTICIPLE = {
    "gezondheid",
    "gebieden",
    "gegeven",
    "gelden",
    "geleden",
    "gemeenten",
    "genoeg",
    "gebied",
    "gesprekken",
    "gegevens",
    "gedachten",
    "gevolgen",
    "gewicht",
    "gebouwd",
    # present tense and adjectives that look like participles
    "geeft",
    "geven",
    "geldt",
    "gelijkgericht",
    "gebeurt",
    "gereed",  # an adjective: "is gereed" says ready
}
_FUTURE = re.compile(
    r"\b(?:zal|zullen|gaat|gaan|moet|moeten|dient|dienen|wil|willen|streven|verwacht\w*|"
    r"uiterlijk|komt|komen|wordt|worden|wanneer|zodra|zal)\b",
    re.IGNORECASE,
)


def past_tense(text: str) -> bool:
    """Whether a text reads as done: a sentence of it with an auxiliary and a participle and no
    future marker. Each sentence is read on its own, so a progress report that names a next step
    ("Het programma is in 2021 gestart. De evaluatie volgt in 2025.") still reports; one sentence
    reads as before."""
    return any(
        _done(sentence) and not _FUTURE.search(sentence) for sentence in SENTENCE_END.split(text)
    )


# A request or purpose whose infinitive follows a time expression: "hebben X gevraagd om eind dit
# jaar ... in te richten", "is verzocht vóór 1 juli te rapporteren". The time is the asked
# action's, ahead of the letter, whatever the tense of the asking.
_ASKING = re.compile(r"\b(?:om|gevraagd|verzocht|opgedragen)\b", re.IGNORECASE)
_INFINITIVE = re.compile(r"\bte\s+[^\W\d_]{3,}")


# A part of the letter's year that ends this long after the letter lies ahead of it, whatever
# the tense ("De standaard is in het vierde kwartaal van 2026 afgerond" in an April letter).
AHEAD = dt.timedelta(days=31)


def _asked_ahead(text: str, begin: int, end: int) -> bool:
    """Whether the time expression at begin..end dates an asked action: an asking word
    ("om", "gevraagd", "verzocht", "opgedragen") before it and an infinitive after it, in
    the same sentence."""
    left, right = _sentence_span(text, begin, end)
    return bool(_ASKING.search(text, left, begin)) and bool(_INFINITIVE.search(text, end, right))


def _reports_done(text: str, begin: int, end: int) -> bool:
    """Whether the sentence around begin..end reports something done (see past_tense) rather
    than an action asked for at that time."""
    done = past_tense(sentence_around(text, begin, end))
    return done and not _asked_ahead(text, begin, end)


def _done(sentence: str) -> bool:
    if not _AUX.search(sentence):
        return False
    return any(p.group(0).lower() not in _NOT_PARTICIPLE for p in _PARTICIPLE.finditer(sentence))


# Forecast wording: a quantity that changes by itself ("stijgt", "zal ... toenemen", "neemt ...
# toe"), or a prognosis ("naar verwachting", "prognose", "wordt verwacht dat"). Participles ("is
# gehalveerd", "zijn verdubbeld") and nouns ("de groei beperken") may state an agreed goal and
# are left to the horizon rule.
_FORECAST = re.compile(
    r"\b(?:stijgt|stijgen|groeit|groeien|daalt|dalen|verdubbelt|halveert|verdrievoudigt"
    r"|(?:neemt|nemen)\b[^.;]{0,60}\b(?:toe|af)|(?:loopt|lopen)\b[^.;]{0,60}\bop"
    r"|(?:zal|zullen|gaat|gaan)\b[^.;]{0,60}\b(?:toenemen|afnemen|oplopen|stijgen|groeien|dalen"
    r"|verdubbelen|halveren)|naar verwachting|prognose\w*|raming\w*|geraamd\w*|voorspel\w*"
    r"|scenario\w*|(?:wordt|werd) verwacht|verwacht\w* dat)\b",
    re.IGNORECASE,
)
# A year this many years past the document's own is a mission or horizon year ("de visie op
# de eerstelijnszorg in 2030" in a 2022 agreement), not the deadline of a commitment in it,
# unless a limiting cue ("uiterlijk", "voor", "per") makes it one.
FAR_YEARS = 5
# Cues that make a year a limit even in forecast wording ("uiterlijk in 2030", "per 2030").
_FIRM_CUES = {"uiterlijk", "niet", "vóór", "voor", "per", "met", "m.i.v.", "vanaf"}


def is_forecast(sentence: str, cue: str, year: int, ref: dt.date, year_only: bool) -> bool:
    """Whether a time expression dates a projection or a far goal rather than a commitment: a
    year (or "eind 2040") without a firm cue, in a sentence of forecast wording or more than
    FAR_YEARS after the document's year."""
    if not year_only or (cue.split(" ")[0] if cue else "") in _FIRM_CUES:
        return False
    return year > ref.year + FAR_YEARS or _FORECAST.search(sentence) is not None


def sentence_around(text: str, start: int, end: int) -> str:
    """The sentence of `text` that holds the span start..end (split at ". " and "; ")."""
    left, right = _sentence_span(text, start, end)
    return text[left:right]


def _sentence_span(text: str, start: int, end: int) -> tuple[int, int]:
    """Where the sentence holding start..end begins and ends (split at ". " and "; ")."""
    left = max(text.rfind(". ", 0, start), text.rfind("; ", 0, start)) + 1
    stops = [i for i in (text.find(". ", end), text.find("; ", end)) if i >= 0]
    return left, min(stops) if stops else len(text)


def cue_before(text: str, start: int) -> tuple[str, int]:
    """The cue in front of position `start` ("uiterlijk", "met ingang van", lower case, single
    spaced; "" for none) and where its words begin."""
    m = _CUE.search(text[max(0, start - 40) : start])
    if m is None:
        return "", start
    return " ".join(m["cue"].lower().split()), start - len(m.group(0))


def is_limit(cue: str) -> bool:
    """Whether a cue makes the date after it a limit or a start ("voor", "uiterlijk op", "per")."""
    return cue in LIMIT_CUES or cue.split(" ")[0] in LIMIT_CUES


def find_time_expressions(text: str, ref: dt.date) -> list[TimeExpression]:
    """All time expressions in `text`, in order, resolved against the document date `ref`."""
    found: list[tuple[int, int, str, dt.date | None, str, bool, bool]] = []
    taken: list[tuple[int, int]] = []

    def free(a: int, b: int) -> bool:
        return all(b <= s or a >= e for s, e in taken)

    candidates: list[tuple[int, int, re.Match[str], Handler, bool]] = []
    for pattern, handler, needs_cue in PATTERNS:
        for m in pattern.finditer(text):
            candidates.append((m.start(), m.end(), m, handler, needs_cue))
    # Longest first, then leftmost: "eind Q2 2023" beats "Q2 2023" and "2023".
    candidates.sort(key=lambda c: (-(c[1] - c[0]), c[0]))
    for start, end, m, handler, needs_cue in candidates:
        if not free(start, end):
            continue
        cue, begin = cue_before(text, start)
        if needs_cue and not cue:
            # A bare year is a name or a figure more often than a deadline; its span stays
            # taken so that "2023 t/m 2026" does not turn into the cued "t/m 2026".
            taken.append((start, end))
            continue
        try:
            date = handler(m, cue, ref)
        except ValueError:
            continue  # impossible dates such as 31-2-2024 are no dates
        # "dit jaar" and "volgend jaar" name their year as surely as "2024" does.
        year_named = bool(m.groupdict().get("y") or m.groupdict().get("rel")) or handler in (
            _numeric,
            _years,
        )
        if (
            date is not None
            and date < ref
            and not year_named
            and is_limit(cue)
            and not _reports_done(text, begin, end)
        ):
            # "uiterlijk 1 januari" in a September letter means the coming 1 January; "dat
            # per 1 januari is gestart" reports the one just gone.
            date = _next_year(date)
        # "per 2024", "vanaf dit jaar": a year that starts then and runs on, so it is no past
        # event merely because its first day lies before the letter.
        year_from = handler in (_years, _rel_year) and _starts(cue)
        taken.append((start, end))
        year_only = handler in (_years, _pos_year)
        found.append((begin, end, text[begin:end].strip(), date, cue, year_from, year_only))
    for m in _NULL_PHRASES.finditer(text):
        if free(m.start(), m.end()):
            found.append((m.start(), m.end(), m.group(0), None, "", False, False))
    found.sort()
    result = []
    for begin, end, written, date, cue, year_from, year_only in found:
        first_cue = cue.split()[0] if cue else ""
        bounding = first_cue in STRONG_CUES or cue in STRONG_CUES
        past = False
        if date is not None and (
            first_cue == "sinds"
            or PAST_AFTER.match(text[end:])
            or (date < ref and not (year_from and date.year == ref.year))
            or (
                date.year == ref.year
                and (year_from or first_cue not in ("uiterlijk", "per", "met", "m.i.v.", "niet"))
                and past_tense(sentence_around(text, begin, end))
                and not _asked_ahead(text, begin, end)
                and (year_only or date <= ref + AHEAD)
            )
        ):
            past = True
        forecast = date is not None and is_forecast(
            sentence_around(text, begin, end), cue, date.year, ref, year_only
        )
        result.append(TimeExpression(begin, end, written, date, past, bounding, forecast))
    return result


def parse_deadline(text: str, ref: dt.date) -> tuple[dt.date | None, str | None]:
    """The deadline a text sets, resolved against `ref`, and its words as written.

    Of several expressions the one that bounds the commitment wins: expressions about the past
    and years of a forecast or a far goal are skipped, an expression with a limiting cue
    ("uiterlijk", "voor", "per", ...) beats one without, and otherwise the first one in the text
    is taken.
    """
    expressions = find_time_expressions(text, ref)
    usable = [e for e in expressions if e.date is not None and not e.past and not e.forecast]
    if not usable:
        return None, None
    # A clause should be one statement; when it still holds several sentences, the first
    # sentence that sets a date governs, and within it a bounding expression wins.
    first = min(_sentence_index(text, e.start) for e in usable)
    usable = [e for e in usable if _sentence_index(text, e.start) == first]
    best = max(usable, key=lambda e: (e.bounding, -e.start))
    return best.date, best.text


# A sentence ends at . ; ! or ? followed by a capital, a digit or a list marker ("c. In 2025").
SENTENCE_END = re.compile(r"[.;!?](?=\s+(?:[A-Z0-9(\"“‘]|[a-z][.)]\s))")


def _sentence_index(text: str, position: int) -> int:
    return len(SENTENCE_END.findall(text, 0, position))


def parse_date_cell(cell: str | None, ref: dt.date) -> dt.date | None:
    """The date in a table's 'Gereed' cell ('1-1-2023', '1-1-2-24'); None if unreadable."""
    if not cell:
        return None
    cell = " ".join(cell.split())
    expressions = [e for e in find_time_expressions(cell, ref) if e.date is not None]
    if not expressions:
        # A bare year is a valid cell on its own ("2024").
        m = re.search(_YEAR, cell)
        return dt.date(int(m.group(0)), 12, 31) if m else None
    return expressions[0].date
