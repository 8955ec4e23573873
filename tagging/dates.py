"""Dutch month names: the one table that parsing and display share."""

from __future__ import annotations

import re
from collections.abc import Mapping

MONTH_NAMES: tuple[str, ...] = (
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
)
MONTHS: dict[str, int] = {name: number for number, name in enumerate(MONTH_NAMES, start=1)}
# A regex group matching any month name; use it with re.IGNORECASE and read it with month_number.
MONTH_PATTERN = "(?:" + "|".join(MONTH_NAMES) + ")"


# The usual short forms, as dates in letterheads and signatures write them ("7 okt. 2025").
MONTH_ABBREVIATIONS: dict[str, int] = {
    "jan": 1,
    "feb": 2,
    "mrt": 3,
    "apr": 4,
    "jun": 6,
    "jul": 7,
    "aug": 8,
    "sep": 9,
    "sept": 9,
    "okt": 10,
    "nov": 11,
    "dec": 12,
}
# A month name or a short form (its dot optional); read it with month_number.
SHORT_MONTH_PATTERN = (
    "(?:" + "|".join(MONTH_NAMES) + "|(?:" + "|".join(MONTH_ABBREVIATIONS) + r")\b\.?)"
)


def lookup(table: Mapping[str, int], word: str) -> int:
    """`table`'s value for `word` as a case-insensitive regex matched it.

    re.IGNORECASE lets "ſeptember" (long s) and "aprİl" (dotted capital I) match a month name
    while `str.lower()` keeps them apart, so a plain dictionary lookup would fail on them.
    Raises KeyError for a word that matches no key.
    """
    if (found := table.get(word.lower())) is not None:
        return found
    for key, value in table.items():
        if re.fullmatch(re.escape(key), word, re.IGNORECASE):
            return value
    raise KeyError(word)


def month_number(name: str) -> int:
    """The number (1-12) of a Dutch month name or short form ("okt.") in any letter case;
    KeyError for other words."""
    try:
        return lookup(MONTHS, name)
    except KeyError:
        return lookup(MONTH_ABBREVIATIONS, name.rstrip("."))
