"""The naive baselines: fixed-size chunks of the bundled documents, searched by BM25, densely,
and by both fused."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from eval.baselines import CHUNK_SIZE, NaiveBM25, NaiveDense, NaiveHybrid, chunk_documents
from eval.qa import bundled_documents

TEXTS = {name: path.read_text(encoding="utf-8") for name, path in bundled_documents().items()}


def test_chunks_cover_each_document_within_the_size_limit() -> None:
    assert len(TEXTS) == 5  # the bundled corpus
    chunks = chunk_documents(TEXTS)
    assert len({c.id for c in chunks}) == len(chunks)
    assert all(0 < len(c.text) <= CHUNK_SIZE for c in chunks)
    for name, text in TEXTS.items():
        own = [c for c in chunks if c.doc == name]
        assert [c.ordinal for c in own] == list(range(len(own)))
        assert len(own) >= len(text) // CHUNK_SIZE
        # Every word of the document lands in some chunk, in reading order.
        assert set(text.split()) <= {w for c in own for w in c.text.split()}


def test_bm25_finds_the_chunk_a_sentence_comes_from() -> None:
    chunks = chunk_documents(TEXTS)
    index = NaiveBM25(chunks)
    targets = [c for c in chunks if len(c.text.split()) >= 60][50::150]
    assert len(targets) >= 5
    for target in targets:
        middle = " ".join(target.text.split()[20:40])
        hits = index.search(middle, k=3)
        assert hits and middle in " ".join(hits[0].clause.text.split())
        assert [h.score for h in hits] == sorted((h.score for h in hits), reverse=True)
    assert index.search("de het een", k=3) == []  # stop words only


def test_dense_ranks_a_chunk_first_for_its_own_text_and_caches(tmp_path: Path) -> None:
    chunks = chunk_documents(TEXTS)[:6]
    assert len(chunks) == 6
    cache = tmp_path / "cache"
    first = NaiveDense(chunks, cache_dir=cache)
    for target in chunks[:3]:
        assert first.search(target.text, k=2)[0].clause.id == target.id
    keys = next(cache.rglob("keys.npy"))
    assert len(np.load(keys)) == len(chunks)
    again = NaiveDense(chunks, cache_dir=cache)  # served from the cache: same ranking
    assert [h.clause.id for h in again.search(chunks[4].text, k=6)] == [
        h.clause.id for h in first.search(chunks[4].text, k=6)
    ]


def test_hybrid_fuses_both_rankings(tmp_path: Path) -> None:
    chunks = chunk_documents(TEXTS)[:40]
    dense = NaiveDense(chunks, cache_dir=tmp_path / "cache")
    bm25 = NaiveBM25(chunks)
    hybrid = NaiveHybrid(dense, bm25)
    target = chunks[7]
    query = " ".join(target.text.split()[10:30])
    hits = hybrid.search(query, k=5)
    assert hits[0].clause.id == target.id
    assert [h.score for h in hits] == sorted((h.score for h in hits), reverse=True)
    # Every hit comes from one of the two rankings, and a hit both rank first scores 2 / 61.
    ranked = {h.clause.id for h in dense.search(query, 50)} | {
        h.clause.id for h in bm25.search(query, 50)
    }
    assert {h.clause.id for h in hits} <= ranked
    assert hits[0].score == 2 / 61
    assert all(h.retriever == "naive-hybrid" for h in hits)
