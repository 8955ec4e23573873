"""Link a later letter's new deadline ("uitgesteld tot", "nieuwe termijn") to the commitment."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence

from corpus.model import Clause, Document, Link
from corpus.register import in_register, stored_register_ids
from ingest.links import (
    clauses_by_doc,
    idf_of,
    most_similar,
    query_text,
    vector,
)
from tagging.deadlines import find_time_expressions

# Statements that a commitment's date has moved. The new date is the first time expression
# after the phrase ("is uitgesteld tot het vierde kwartaal van 2026").
MOVE = re.compile(
    r"""
    \b(?:uitgesteld|verschoven|verplaatst|opgeschoven|doorgeschoven|vertraagd)\b
        [^.;]{0,40}?\b(?:tot|naar|richting)\b
  | \bnieuwe\s+(?:termijn|streefdatum|planning|datum|deadline)\b
  | \b(?:verwacht|verwachten|verwachting)\b[^.;]{0,60}?\bnu\b
  | \bnu\b[^.;]{0,40}?\b(?:verwacht|voorzien|gepland)\b
  | \blater\s+dan\s+(?:gepland|voorzien|eerder\s+(?:aangekondigd|gemeld|toegezegd))\b
  | \b(?:komt|komen|volgt|volgen|verschijnt|verschijnen)\s+(?:nu\s+)?pas\b
    """,
    re.IGNORECASE | re.VERBOSE,
)
METHOD_DATE = "@"  # the link method ends in "@YYYY-MM-DD", the new date (corpus.register)


def is_move(text: str) -> bool:
    """True when the text says that a commitment's deadline has moved."""
    return MOVE.search(text) is not None


def new_date(clause: Clause, ref: dt.date) -> tuple[dt.date, str] | None:
    """The date a moving clause sets, and its words: the first dated time expression after
    the move phrase that is not in the past, else the clause's own deadline."""
    m = MOVE.search(clause.text)
    if m is None:
        return None
    for te in find_time_expressions(clause.text, ref):
        if te.start >= m.start() and te.date is not None and not te.past:
            return te.date, te.text
    if clause.deadline is not None:
        return clause.deadline, clause.deadline_text or clause.deadline.isoformat()
    return None


def find_moves(clauses: Sequence[Clause], documents: Sequence[Document]) -> list[Link]:
    """Move links (kind "moves") from a clause that moves a deadline to the commitment it moves.

    The commitment is one of an earlier-dated document: the one with the same registry id, else
    the most similar one (TF-IDF cosine over the clause without its move phrase, with the clauses
    before it when it names no subject) at or above SIMILARITY_THRESHOLD. The method is
    "register-id" or "similarity", followed by "@" and the new date.
    """
    dates = {d.id: d.date for d in documents}
    by_doc = clauses_by_doc(clauses)
    commitments = [c for c in clauses if in_register(c) or c.kind == "toezegging"]
    idf = idf_of(clauses)
    vectors = {c.id: vector(c.text, idf) for c in commitments}
    links: list[Link] = []
    for doc_id, doc_clauses in by_doc.items():
        fd = dates.get(doc_id)
        if fd is None:
            continue
        for pos, f in enumerate(doc_clauses):
            if f.block == "heading" or f.kind == "heading" or not is_move(f.text):
                continue
            found = new_date(f, fd)
            if found is None:
                continue
            earlier = [c for c in commitments if (dates.get(c.doc) or fd) < fd]
            query = vector(query_text(doc_clauses, pos, MOVE), idf)
            target, how, score = _target(f, query, earlier, vectors)
            if target is None or target.deadline == found[0]:
                continue
            method = f"{how}{METHOD_DATE}{found[0].isoformat()}"
            links.append(
                Link(source=f.id, target=target.id, kind="moves", method=method, score=score)
            )
    return sorted(links, key=lambda lk: (lk.target, lk.source))


def _target(
    f: Clause,
    query: dict[str, float],
    earlier: Sequence[Clause],
    vectors: dict[str, dict[str, float]],
) -> tuple[Clause | None, str, float]:
    """The commitment a move is about: by registry id, else the most similar one."""
    wanted = set(stored_register_ids(f))
    if wanted:
        same = [c for c in earlier if wanted & set(stored_register_ids(c))]
        if same:
            return min(same, key=lambda c: (c.doc, c.ordinal)), "register-id", 1.0
    best = most_similar(query, earlier, vectors)
    return (best[1], "similarity", round(best[0], 4)) if best else (None, "", 0.0)
