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
    """The number (1-12) of a Dutch month name in any letter case; KeyError for other words."""
    return lookup(MONTHS, name)
