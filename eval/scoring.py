"""The eval README's scoring rules as pure functions: does a hit answer, are its tags right."""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Sequence
from difflib import SequenceMatcher

# A quote this long (in words) needs half its words covered; a shorter one 80%.
LONG_QUOTE_WORDS = 12
LONG_QUOTE_SHARE = 0.5
SHORT_QUOTE_SHARE = 0.8
DEADLINE_TOLERANCE = dt.timedelta(days=31)

_HYPHEN_JOIN = re.compile(r"[-\u00ad\u2010\u2011]\s*")
_WORD = re.compile(r"\w+")
_NAME_NOISE = re.compile(r"[\W_]+")


def join_hyphens(text: str) -> str:
    """The text with hyphens (ASCII, Unicode, soft) and the white space after them removed."""
    return _HYPHEN_JOIN.sub("", text)


def words(text: str) -> list[str]:
    """The text's \\w+ tokens, lower-cased, once hyphens and the white space after them are gone."""
    return _WORD.findall(join_hyphens(text).casefold())


def covered(quote: str, text: str) -> int:
    """How many of the quote's words the text covers: the sizes of the matching blocks of the two
    word sequences (difflib, junk detection off)."""
    a, b = words(quote), words(text)
    matcher = SequenceMatcher(None, a, b, autojunk=False)
    return sum(block.size for block in matcher.get_matching_blocks())


def coverage(quote: str, text: str) -> float:
    """The share of the quote's words that the text covers (0.0 for a quote without words)."""
    total = len(words(quote))
    return covered(quote, text) / total if total else 0.0


def needed_share(quote: str) -> float:
    """The share of the quote's words a hit must cover: half of a long quote, 80% of a short one."""
    return LONG_QUOTE_SHARE if len(words(quote)) >= LONG_QUOTE_WORDS else SHORT_QUOTE_SHARE


def answers(quote: str, doc: str, hit_doc: str, hit_text: str) -> bool:
    """True when a hit (`hit_doc`, `hit_text`) answers a record that quotes `quote` from `doc`."""
    if hit_doc != doc:
        return False
    quote_words, text_words = words(quote), words(hit_text)
    need = needed_share(quote) * len(quote_words)
    # Matching blocks never cover more words than the two bags share: a cheap test that skips
    # most clauses of a document before difflib runs.
    if not quote_words or sum((Counter(quote_words) & Counter(text_words)).values()) < need:
        return False
    return covered(quote, hit_text) >= need


# -- extraction ----------------------------------------------------------------------------------


def normalise_name(name: str) -> str:
    """An actor name compared case- and punctuation-insensitively ("ROAZ'en" -> "roazen")."""
    return _NAME_NOISE.sub(" ", name.casefold()).replace(" ", "")


def _same_actor(a: str, b: str) -> bool:
    # A name counts when one contains the other: "VWS" matches "minister van VWS".
    return bool(a) and bool(b) and (a in b or b in a)


def actor_scores(gold: Sequence[str], predicted: Sequence[str]) -> tuple[float, float, float]:
    """Precision, recall and F1 of predicted actor names against the gold names.

    Both empty is a perfect match; exactly one empty scores zero.
    """
    g = [n for n in map(normalise_name, gold) if n]
    p = [n for n in map(normalise_name, predicted) if n]
    if not g and not p:
        return 1.0, 1.0, 1.0
    if not g or not p:
        return 0.0, 0.0, 0.0
    precision = sum(any(_same_actor(x, y) for y in g) for x in p) / len(p)
    recall = sum(any(_same_actor(x, y) for y in p) for x in g) / len(g)
    f1 = 0.0 if precision + recall == 0 else 2 * precision * recall / (precision + recall)
    return precision, recall, f1


def actor_f1(gold: Sequence[str], predicted: Sequence[str]) -> float:
    """F1 of the predicted actor names against the gold ones (see actor_scores)."""
    return actor_scores(gold, predicted)[2]


def deadline_correct(gold: dt.date | None, predicted: dt.date | None) -> bool:
    """True when the predicted deadline is within 31 days of the gold one.

    No gold deadline is right only when nothing was predicted either; a gold deadline with none
    predicted is wrong.
    """
    if gold is None or predicted is None:
        return gold is None and predicted is None
    return abs(predicted - gold) <= DEADLINE_TOLERANCE
