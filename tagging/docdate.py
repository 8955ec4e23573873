"""Infer a document's own date when no metadata gives it: letterhead first, else latest date."""

from __future__ import annotations

import datetime as dt
import re

MONTHS = {
    "januari": 1, "februari": 2, "maart": 3, "april": 4, "mei": 5, "juni": 6, "juli": 7,
    "augustus": 8, "september": 9, "oktober": 10, "november": 11, "december": 12,
}  # fmt: skip
_DATE = re.compile(r"\b(\d{1,2}) (" + "|".join(MONTHS) + r") (\d{4})\b", re.IGNORECASE)


def parse_dutch_date(text: str) -> dt.date | None:
    """The first "29 juni 2020"-style date in `text`, or None."""
    for day, month, year in _DATE.findall(text):
        try:
            return dt.date(int(year), MONTHS[month.lower()], int(day))
        except ValueError:
            continue
    return None


def infer_date(letterhead: str | None, text: str) -> dt.date | None:
    """The letterhead date ("Datum 29 juni 2020"), or else the latest full date in the text."""
    if letterhead and (found := parse_dutch_date(letterhead)):
        return found
    dates = []
    for day, month, year in _DATE.findall(text):
        try:
            dates.append(dt.date(int(year), MONTHS[month.lower()], int(day)))
        except ValueError:
            continue
    return max(dates) if dates else None
