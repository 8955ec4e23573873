"""Passages: windows of neighbouring clauses, the clause-level scores taken from them, and the
second stage's passage signals."""

from __future__ import annotations

import itertools

import numpy as np
from hypothesis import given
from hypothesis import strategies as st

from corpus.model import Clause
from index.passages import OVERLAP, SIZE, windows
from index.query import understand
from index.search import Searcher


def _clauses(spec: list[tuple[str, str, int]]) -> list[Clause]:
    """Clauses from (doc, chapter, length) in order; ordinals count per document."""
    out: list[Clause] = []
    for doc, chapter, length in spec:
        n = sum(c.doc == doc for c in out)
        out.append(
            Clause(id=f"{doc}:{n}", doc=doc, ordinal=n, text="x" * length, section=(chapter,))
        )
    return out


SPEC = st.lists(
    st.tuples(
        st.sampled_from(["a.pdf", "b.pdf"]), st.sampled_from(["1", "2"]), st.integers(1, 700)
    ),
    max_size=60,
)


@given(SPEC)
def test_every_clause_is_in_a_passage_of_its_own_document_and_chapter(
    spec: list[tuple[str, str, int]],
) -> None:
    clauses = _clauses(spec)
    passages = windows(clauses)
    assert {r for p in passages for r in p} == set(range(len(clauses)))
    for p in passages:
        assert len({(clauses[r].doc, clauses[r].section) for r in p}) == 1
        ordinals = [clauses[r].ordinal for r in p]
        assert ordinals == sorted(ordinals)
        # At most SIZE characters (a space between clauses), unless one clause is longer.
        assert len(p) == 1 or sum(len(clauses[r].text) + 1 for r in p) <= SIZE


@given(SPEC)
def test_a_passage_repeats_at_most_the_overlap_of_the_one_before(
    spec: list[tuple[str, str, int]],
) -> None:
    clauses = _clauses(spec)
    passages = windows(clauses)
    for before, after in itertools.pairwise(passages):
        shared = set(before) & set(after)
        assert len(shared) < len(after)  # each passage moves on
        assert sum(len(clauses[r].text) + 1 for r in shared) <= OVERLAP


def test_a_long_chapter_is_cut_into_overlapping_passages() -> None:
    clauses = _clauses([("a.pdf", "1", 190)] * 20)  # 3,820 characters, clauses of 191
    passages = windows(clauses)
    assert passages[0] == (0, 1, 2, 3, 4)  # 955 characters
    assert passages[1][0] == 4  # the last clause again: 191 <= OVERLAP
    assert passages[-1][-1] == 19


def test_each_clause_scores_as_its_best_passage(searcher: Searcher) -> None:
    query = "Wanneer moeten regio's hun regiobeeld herijken?"
    plan_scores = searcher.passage_scores(understand(query))
    assert set(plan_scores) == {"bm25", *(f"dense:{m.name}" for m, _ in searcher.dense)}
    best = searcher.clause_passage_scores(plan_scores)
    for name, per_passage in plan_scores.items():
        top = int(np.argmax(per_passage))
        rows = searcher._passages.rows[top]  # type: ignore[union-attr]
        assert all(best[name][r] == per_passage[top] for r in rows)
        assert best[name].max() == per_passage.max()
