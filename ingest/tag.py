"""Tag clauses with actors, deadline, theme and kind (glue over the tagging modules)."""

from __future__ import annotations

from collections.abc import Sequence

from corpus.model import Clause, Document


def tag_clauses(clauses: Sequence[Clause], document: Document) -> list[Clause]:
    """Return the clauses with their tag fields filled in, in the same order."""
    # Placeholder until the tagging modules land: clauses pass through untagged.
    return list(clauses)
