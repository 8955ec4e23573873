"""Contract suite run against every dense index kind, and HNSW recall against exact search."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from index.dense import (
    HNSW_THRESHOLD,
    FlatIndex,
    HNSWIndex,
    hnsw_params,
    load_dense_index,
    new_dense_index,
)
from index.embed import normalise
from index.errors import SearchIndexError

KINDS = ("flat", "hnsw")


def _vectors(n: int, dim: int, seed: int = 0) -> np.ndarray:
    return normalise(np.random.default_rng(seed).standard_normal((n, dim)))


@pytest.mark.parametrize("kind", KINDS)
def test_finds_each_vector_as_its_own_nearest(kind: str) -> None:
    vecs = _vectors(300, 32)
    index = new_dense_index(kind, 32)
    index.add(vecs)
    assert index.size == 300
    scores, rows = index.search(vecs[:20], 1)
    assert rows[:, 0].tolist() == list(range(20))
    assert np.allclose(scores[:, 0], 1.0, atol=1e-4)


@pytest.mark.parametrize("kind", KINDS)
def test_scores_are_cosines_best_first(kind: str) -> None:
    vecs = _vectors(200, 16, seed=1)
    index = new_dense_index(kind, 16)
    index.add(vecs)
    query = _vectors(1, 16, seed=2)
    scores, rows = index.search(query, 10)
    assert np.all(np.diff(scores[0]) <= 1e-6)
    assert np.allclose(scores[0], vecs[rows[0]] @ query[0], atol=1e-4)


@pytest.mark.parametrize("kind", KINDS)
def test_save_and_load_round_trip(kind: str, tmp_path: Path) -> None:
    vecs = _vectors(150, 24, seed=3)
    index = new_dense_index(kind, 24)
    index.add(vecs)
    index.save(tmp_path / "faiss.index")
    loaded = load_dense_index(tmp_path / "faiss.index")
    assert loaded.kind == kind and loaded.dim == 24 and loaded.size == 150
    q = _vectors(5, 24, seed=4)
    assert np.array_equal(index.search(q, 5)[1], loaded.search(q, 5)[1])


@pytest.mark.parametrize("kind", KINDS)
def test_k_larger_than_index_is_capped(kind: str) -> None:
    index = new_dense_index(kind, 8)
    index.add(_vectors(5, 8))
    _, rows = index.search(_vectors(1, 8, seed=9), 50)
    assert sorted(rows[0].tolist()) == [0, 1, 2, 3, 4]


@pytest.mark.parametrize("kind", KINDS)
def test_wrong_dimension_is_refused(kind: str) -> None:
    index = new_dense_index(kind, 8)
    with pytest.raises(SearchIndexError, match="do not fit a 8-d index"):
        index.add(_vectors(3, 9))


def test_unknown_kind_and_unreadable_file(tmp_path: Path) -> None:
    with pytest.raises(SearchIndexError, match="ivfpq: unknown dense index kind"):
        new_dense_index("ivfpq", 8)
    bad = tmp_path / "faiss.index"
    bad.write_bytes(b"not an index")
    with pytest.raises(SearchIndexError, match="unreadable FAISS index"):
        load_dense_index(bad)


def test_hnsw_recall_against_exact_search() -> None:
    # Oracle: the approximate index must find most of what exact search finds.
    dim, k = 64, 10
    vecs = _vectors(5000, dim, seed=5)
    queries = _vectors(100, dim, seed=6)
    flat, hnsw = FlatIndex(dim), HNSWIndex(dim)
    flat.add(vecs)
    hnsw.add(vecs)
    _, exact = flat.search(queries, k)
    _, approx = hnsw.search(queries, k)
    recall = np.mean([len(set(a) & set(e)) / k for a, e in zip(approx, exact, strict=True)])
    assert recall >= 0.9


def test_chosen_hnsw_parameters_hold_recall_on_real_vectors(searcher: object) -> None:
    # Oracle on real data: the parameters chosen for large archives (hnsw_params), over the
    # bundled corpus's real clause vectors of each embedder and the dev questions as queries,
    # searched at the app's depth, must find what exact search finds in its top 10.
    from eval.qa import DEV_QA, load_qa
    from index.search import Searcher
    from index.weights import DEFAULT_WEIGHTS

    assert isinstance(searcher, Searcher)
    queries = [r.question for r in load_qa(DEV_QA)]
    depth, k = DEFAULT_WEIGHTS.depth, 10
    m, ef_construction, ef_search = hnsw_params(HNSW_THRESHOLD * 10)
    for model, index in searcher.dense:
        raw = index._index  # type: ignore[attr-defined]
        vecs = raw.reconstruct_n(0, raw.ntotal)
        flat = FlatIndex(model.dim)
        flat.add(vecs)
        hnsw = HNSWIndex(model.dim, m=m, ef_construction=ef_construction, ef_search=ef_search)
        hnsw.add(vecs)
        qv = model.embed_queries(queries)
        _, exact = flat.search(qv, k)
        _, approx = hnsw.search(qv, depth)
        shares = [len(set(a[:k]) & set(e)) / k for a, e in zip(approx, exact, strict=True)]
        assert float(np.mean(shares)) >= 0.95, model.name
