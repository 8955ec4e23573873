"""The clause filter search and the register share: one meaning for each field everywhere."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, fields

from corpus.model import Clause

__all__ = ["ClauseFilter", "FilterError", "actor_matches", "document_matches"]


class FilterError(ValueError):
    """A filter that cannot be applied (a document the store does not hold, say); one line."""


@dataclass(frozen=True, slots=True)
class ClauseFilter:
    """Hard filters on a clause's tags; None leaves a field unfiltered.

    - actor: one of the clause's actors contains these words, whole words, ignoring case
      ("vws" keeps "VWS" and "minister van VWS", not "VWSX"); see `actor_matches`.
    - theme, kind: equal, ignoring case.
    - doc: the document's file name, its stem, or its leading number ("003" for
      "003_bc5badbf8b9b28ce.txt"); see `document_matches`.
    - deadline_from, deadline_until: the clause has a deadline on or after / on or before
      the date; a clause without a deadline fails either bound.
    """

    actor: str | None = None
    theme: str | None = None
    kind: str | None = None
    doc: str | None = None
    deadline_from: dt.date | None = None
    deadline_until: dt.date | None = None

    def active(self) -> bool:
        """True when at least one field filters."""
        return any(getattr(self, f.name) is not None for f in fields(self))

    def accepts(self, clause: Clause) -> bool:
        """True when the clause passes every field that is set."""
        if self.doc is not None and not document_matches(clause.doc, self.doc):
            return False
        if self.theme is not None and (clause.theme or "").casefold() != self.theme.casefold():
            return False
        if self.kind is not None and clause.kind != self.kind.casefold():
            return False
        if self.actor is not None and not actor_matches(clause.actors, self.actor):
            return False
        if self.deadline_from is None and self.deadline_until is None:
            return True
        if clause.deadline is None:
            return False
        lo = self.deadline_from or dt.date.min
        hi = self.deadline_until or dt.date.max
        return lo <= clause.deadline <= hi

    def check(self, documents: Iterable[str]) -> None:
        """Raise FilterError when `doc` names none of the documents (ids) given."""
        if self.doc is not None and not any(document_matches(d, self.doc) for d in documents):
            raise FilterError(f"{self.doc}: no such document in the store")


def document_matches(doc_id: str, wanted: str) -> bool:
    """True when `wanted` is the document's file name, its stem or its leading number."""
    wanted = wanted.strip()
    if wanted in (doc_id, doc_id.rsplit(".", 1)[0]):
        return True
    number = re.match(r"\d+", doc_id)
    return wanted.isdigit() and number is not None and number.group() == wanted


def actor_matches(actors: Sequence[str], wanted: str) -> bool:
    """True when one of the actors contains `wanted` as whole words, ignoring case.

    An empty `wanted` matches everything. Whole words, so that a short name such as "ZN" does
    not match inside another word.
    """
    words = wanted.split()
    if not words:
        return True
    pattern = re.compile(r"(?<!\w)" + r"\s+".join(map(re.escape, words)) + r"(?!\w)", re.I)
    return any(pattern.search(a) for a in actors)
