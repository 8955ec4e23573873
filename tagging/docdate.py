"""Infer a document's own date from its text when no metadata gives it."""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections import Counter
from collections.abc import Iterable

from tagging.dates import MONTH_PATTERN, SHORT_MONTH_PATTERN, month_number
from tagging.deadlines import PAST_AFTER, cue_before, is_limit

# A full date: "3 maart 2024", "dinsdag 3 sept. 2024", or day-month-year in figures as Dutch
# writes them ("1-2-2024", "01/02/2024", "1.2.2024": the day first).
_WEEKDAY = r"(?:(?:maandag|dinsdag|woensdag|donderdag|vrijdag|zaterdag|zondag)\s+)?"
_FULL = (
    rf"{_WEEKDAY}(?:(?P<d>[0-3]?\d)\s+(?P<mon>{SHORT_MONTH_PATTERN})\s+(?P<y>(?:19|20)\d\d)"
    r"|(?P<nd>[0-3]?\d)(?P<sep>[-/.])(?P<nm>[01]?\d)(?P=sep)(?P<ny>(?:19|20)\d\d))(?!\d)"
)
# The letterhead: "Datum 29 juni 2020", also with the date on the line below its label.
_LETTERHEAD = re.compile(rf"^[ \t]*Datum[ \t]*:?\s*{_FULL}", re.MULTILINE | re.IGNORECASE)
# A line that dates the letter after the place it was written: "Den Haag, 16 juni 2023".
# The place may hold lower-case joining words ("Bergen op Zoom", "Alphen aan den Rijn") and
# the date a "d.d." or a closing full stop.
_PLACE = r"(?:Den Haag|['’]s-[A-Z][a-z]+|[A-Z][a-z]+(?:(?:[ -][a-z]{1,4})*[ -][A-Z][a-z]+)*)"
_PLACE_LINE = re.compile(
    rf"^[ \t]*{_PLACE},[ \t]*(?:d\.d\.[ \t]*)?{_FULL}[ \t]*\.?[ \t]*$",
    re.MULTILINE,
)
_FULL_DATE = re.compile(rf"\b{_FULL}", re.IGNORECASE)
# "12 mei jl.": a day this year or last, the most recent of that name before the letter.
_RECENT = re.compile(
    rf"\b(?P<d>[0-3]?\d)\s+(?P<mon>{MONTH_PATTERN})\s+(?:jl\b\.?|j\.l\.|jongstleden\b)",
    re.IGNORECASE,
)
# Words that make a full date a past event: "sinds 1 januari 2022", "de brief van 13 mei 2022",
# "d.d. 19 mei 2026", "Op 5 juni 2019 is ...". "van ... tot ..." is a period, not an event.
_PAST_BEFORE = re.compile(r"\b(?:sinds|van|d\.d\.)\s+$", re.IGNORECASE)
_RANGE_AFTER = re.compile(r"^\s*(?:tot|t/m|-|–)", re.IGNORECASE)
_OP_DONE = re.compile(r"\b[Oo]p\s+$")
_DONE_AFTER = re.compile(r"^,?\s+(?:is|zijn|heeft|hebben|werd|werden|was|waren)\b")
_YEAR = re.compile(r"\b(?:19|20)\d\d(?!\d)")
_DATE_HEAD = re.compile(rf"\b(?:[0-3]?\d\s+)?{MONTH_PATTERN}\s+$", re.IGNORECASE)
# The day of a year-only guess: the middle of the year is at most half a year off.
_MID_YEAR = (7, 1)
# How long after the latest fully dated past event a "jl." day may still lie; letters look
# back on the weeks before them with "jl.", and on older events by their full date.
RECENT_AFTER = 92


# Where a document's date was read (the labels users see, see corpus.model.SOURCES).
LETTERHEAD, PLACE_LINE, SIGNING, TITLE_PAGE, GUESSED = (
    "briefhoofd",
    "plaats en datum",
    "ondertekening",
    "titelpagina",
    "geschat",
)
# A "Datum" label alone on its line, as a right-hand column is extracted; its date follows
# within a few lines (other labels of the column may come between).
_LABEL = re.compile(r"^[ \t]*Datum[ \t]*:?[ \t]*$", re.IGNORECASE)
_DATE_ONLY = re.compile(rf"^[ \t]*{_FULL}[ \t]*$", re.IGNORECASE)
LABEL_REACH = 6
# An agreement's signing: "Aldus overeengekomen en ondertekend te Utrecht op 16 september 2022".
# Also "Aldus overeengekomen te Amersfoort, 18 januari 2024": the place, a comma, the date.
_SIGNED = re.compile(
    rf"\b(?:ondertekend|getekend|overeengekomen)\b[^.\n]{{0,60}}?"
    rf"(?:\bop\s+|\bte\s+{_PLACE},\s*)(?:d\.d\.\s*)?{_FULL}",
    re.IGNORECASE,
)
# A title page's date: a line holding only "(16) september 2022" among the first lines.
_TITLE_DATE = re.compile(
    rf"^[ \t]*(?:(?P<d>[0-3]?\d)\s+)?(?P<mon>{MONTH_PATTERN})\s+(?P<y>(?:19|20)\d\d)[ \t]*$",
    re.IGNORECASE,
)
# A title line that ends with the date of what it records: "Verslag bestuurlijk overleg d.d.
# 1-2-2024", "Convenant ketenzorg, d.d. 3 maart 2024" (a title, so no sentence runs on after it).
_TITLE_DD = re.compile(rf"^[^.\n]{{3,80}}?\bd\.d\.[ \t]*{_FULL}[ \t]*$", re.IGNORECASE)
TITLE_PAGE_LINES = 15


def document_date(text: str, first_page: str | None = None) -> tuple[dt.date, str] | None:
    """The document's date with where it was read (one of the labels above), or None.

    The letterhead "Datum" (also with the date a few lines below its label, as a right-hand
    column is extracted), a "Den Haag, 16 juni 2023" line, an agreement's signing date, a
    date alone on its title page (`first_page`, else the first lines); else the guess of
    infer_document_date, labelled GUESSED.
    """
    for pattern, source in ((_LETTERHEAD, LETTERHEAD), (_PLACE_LINE, PLACE_LINE)):
        for m in pattern.finditer(text):
            if found := _date(m):
                return found, source
    lines = text.split("\n")
    for i, line in enumerate(lines):
        if _LABEL.match(line):
            for nxt in lines[i + 1 : i + 1 + LABEL_REACH]:
                if (hit := _DATE_ONLY.match(nxt)) and (found := _date(hit)):
                    return found, LETTERHEAD
    for signed in _SIGNED.finditer(" ".join(text.split())):
        if found := _date(signed):
            return found, SIGNING
    head = first_page if first_page is not None else text
    opening = [ln for ln in head.split("\n") if ln.strip()][:TITLE_PAGE_LINES]
    for line in opening:
        if (titled := _TITLE_DATE.match(line)) and (found := _date(titled, day=1)):
            return found, TITLE_PAGE
        if (titled := _TITLE_DD.match(line)) and (found := _date(titled)):
            return found, TITLE_PAGE
    guess = _guess(text)
    return None if guess is None else (guess, GUESSED)


def infer_document_date(text: str) -> dt.date | None:
    """A best guess of when `text` was written, or None when it names no year at all.

    In this order: the letterhead "Datum" line; a "Den Haag, 16 juni 2023" line; the latest
    date the text marks as past ("12 mei jl.", "sinds 1 januari 2022", "de brief van 13 mei
    2022", "Op 5 juni 2019 is ..."); else 1 July of the year it names most often. A date after
    a deadline cue ("voor", "uiterlijk", "per", ...) never counts, nor does the latest date
    mentioned as such: a letter names deadlines well after its own date.
    """
    for pattern in (_LETTERHEAD, _PLACE_LINE):
        for m in pattern.finditer(text):
            if found := _date(m):
                return found
    return _guess(text)


def _guess(text: str) -> dt.date | None:
    """The latest date marked as past, else the middle of the year named most often."""
    flat = " ".join(text.split())  # cue words may be split over lines ("met\ningang van")
    year = _most_named_year(flat)
    past = _latest_past(flat, year)
    if past is not None:
        return past
    return dt.date(year, *_MID_YEAR) if year else None


def _date(m: re.Match[str], day: int | None = None) -> dt.date | None:
    groups = m.groupdict()
    try:
        if groups.get("ny"):
            return dt.date(int(m["ny"]), int(m["nm"]), int(m["nd"]))
        return dt.date(int(m["y"]), month_number(m["mon"]), int(m["d"] or day or 0))
    except ValueError:
        return None  # "31 februari 2023" and "31-2-2023" are no dates


def _latest_past(text: str, year_named: int | None) -> dt.date | None:
    """The latest date `text` marks as past.

    A "12 mei jl." names no year: after a fully dated past event it is the latest 12 May up
    to RECENT_AFTER days after that event; without one it lies in `year_named`, as the latest
    of the "jl." days round the year (see _last_of_cycle).
    """
    latest = max((d for d in _past_events(text) if d is not None), default=None)
    recent = _recent_days(text)
    if not recent:
        return latest
    if latest is not None:
        horizon = latest + dt.timedelta(days=RECENT_AFTER)
        return max(latest, *(_on_or_before(horizon, month, day) for month, day in recent))
    if year_named is None:
        return None
    month, day = _last_of_cycle(recent)
    return _on_or_before(dt.date(year_named, 12, 31), month, day)


def _on_or_before(limit: dt.date, month: int, day: int) -> dt.date:
    """The latest day `day` of month `month` (29 February: 28 February) not after `limit`."""
    year = limit.year
    while True:
        last = 28 if (month, day) == (2, 29) and not calendar.isleap(year) else day
        if (candidate := dt.date(year, month, last)) <= limit:
            return candidate
        year -= 1


def _past_events(text: str) -> Iterable[dt.date | None]:
    for m in _FULL_DATE.finditer(text):
        cue, _ = cue_before(text, m.start())
        if is_limit(cue):
            continue  # "voor 1 juli 2023": a deadline, not an event the letter looks back on
        before, after = text[max(0, m.start() - 12) : m.start()], text[m.end() : m.end() + 12]
        if (
            PAST_AFTER.match(after)
            or (_PAST_BEFORE.search(before) and not _RANGE_AFTER.match(after))
            or (_OP_DONE.search(before) and _DONE_AFTER.match(after))
        ):
            yield _date(m)


def _recent_days(text: str) -> list[tuple[int, int]]:
    """(month, day) of each "12 mei jl." in `text` that names a real day."""
    days = []
    for m in _RECENT.finditer(text):
        month, day = month_number(m["mon"]), int(m["d"])
        try:
            dt.date(2000, month, day)  # a leap year, so 29 februari passes
        except ValueError:
            continue
        days.append((month, day))
    return days


def _last_of_cycle(days: list[tuple[int, int]]) -> tuple[int, int]:
    """The day after which the longest stretch without any of `days` follows, round the year.

    "jl." days all lie in the year before the letter, so the letter falls in the longest quiet
    stretch: of "6 oktober jl." and "8 juni jl." in a June letter, 8 June is the latest.
    """
    ordinals = sorted({dt.date(2000, m, d).timetuple().tm_yday for m, d in days})
    gaps = [
        ((ordinals[(i + 1) % len(ordinals)] - day) % 366 or 366, day)
        for i, day in enumerate(ordinals)
    ]
    _, last = max(gaps)
    date = dt.date(2000, 1, 1) + dt.timedelta(days=last - 1)
    return date.month, date.day


def _most_named_year(text: str) -> int | None:
    """The year `text` names most often, leaving out years after a deadline cue."""
    years = Counter(
        int(m.group(0))
        for m in _YEAR.finditer(text)
        if not is_limit(cue_before(text, _expression_start(text, m.start()))[0])
    )
    return years.most_common(1)[0][0] if years else None


def _expression_start(text: str, year_start: int) -> int:
    """Where the date around a year begins: at "1 juli" in "1 juli 2024", else at the year."""
    head = _DATE_HEAD.search(text, max(0, year_start - 20), year_start)
    return head.start() if head else year_start
