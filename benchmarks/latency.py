"""Warm query latency over the dev questions at 1x, 10x and 100x the default corpus.

Run: python -m benchmarks.latency [--home DIR] [--scales 1,10,100] [--repeat 2]

1x is the real index (built if needed). Larger scales store perturbed copies of every clause
(words shuffled, document ids changed) and, instead of re-embedding them, index the real
clause vectors plus small random noise (renormalised); BM25 is rebuilt over the copies.
Each scale is measured with exact (flat) and approximate (HNSW) dense search; HNSW recall@10
is measured against flat search on the same vectors for the dev questions.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import time
from dataclasses import replace
from pathlib import Path

os.environ.setdefault("OMP_NUM_THREADS", "2")

import numpy as np

from app.config import DEFAULT_EMBEDDER
from corpus.default import DEFAULT_CORPUS
from corpus.model import clause_id
from corpus.store import Store
from eval.qa import DEV_QA, load_qa
from index import Searcher, build_index, index_is_current
from index.build import IDS_FILE, write_index
from index.dense import DenseIndex, load_dense_index, new_dense_index
from index.embed import normalise
from index.manifest import Manifest
from ingest import ingest_paths

ROOT = Path(__file__).resolve().parent.parent


def _say(msg: str) -> None:
    print(f"# {msg}", file=sys.stderr, flush=True)


def real_index(home: Path, embedder: str) -> tuple[Store, Path]:
    store = Store(home / "akkoord.db")
    ingest_paths([DEFAULT_CORPUS], store)
    folder = home / f"index-{embedder}"
    if not index_is_current(folder, store, embedder):
        _say(f"building the 1x {embedder} index")
        build_index(store, folder, embedder, cache_dir=home / "cache")
    return store, folder


def synthetic_index(
    base_store: Store, base_dir: Path, scale: int, out: Path, dense_kind: str, seed: int = 0
) -> tuple[Store, Path]:
    """A store and index folder holding `scale` perturbed copies of the base corpus."""
    rng = random.Random(seed)
    nrng = np.random.default_rng(seed)
    # Named after the base corpus, so copies of an older ingest are never reused.
    tag = base_store.fingerprint()[:8]
    store_path = out / f"x{scale}-{tag}.db"
    folder = out / f"index-x{scale}-{dense_kind}-{base_dir.name}-{tag}"
    base = Manifest.read(base_dir)
    base_vecs = [_vectors(load_dense_index(base_dir / m.file)) for m in base.models]
    row_of = {cid: i for i, cid in enumerate(_ids(base_dir))}
    store = Store(store_path)
    if not store.documents():
        for copy in range(scale):
            for doc in base_store.documents():
                new_doc = replace(doc, id=f"c{copy:03d}_{doc.id}", sha256=f"{doc.sha256}-{copy}")
                clauses = []
                for c in base_store.clauses(doc.id):
                    words = c.text.split()
                    if copy:  # copy 0 is the original text
                        rng.shuffle(words)
                    clauses.append(
                        replace(
                            c,
                            id=clause_id(new_doc.id, c.ordinal),
                            doc=new_doc.id,
                            text=" ".join(words),
                        )
                    )
                store.put(new_doc, clauses)
    clauses_all = store.clauses()
    if not (folder / "manifest.json").exists():
        t = time.perf_counter()
        rows = []
        for c in clauses_all:
            base_id = c.id.split("_", 1)[1]
            rows.append(row_of[base_id])
        copies = np.array([int(c.doc[1:4]) for c in clauses_all])
        indexes: list[DenseIndex] = []
        for model_vecs in base_vecs:
            vecs = model_vecs[rows]
            noise = nrng.standard_normal(vecs.shape).astype(np.float32) * 0.02
            vecs = normalise(np.where(copies[:, None] == 0, vecs, vecs + noise))
            index = new_dense_index(dense_kind, vecs.shape[1])
            index.add(vecs)
            indexes.append(index)
        manifest = Manifest.new(
            embedder=base.embedder,
            models=base.models,
            clauses=len(clauses_all),
            fingerprint=store.fingerprint(),
            dense=dense_kind,
        )
        write_index(folder, indexes, clauses_all, manifest)
        _say(
            f"x{scale} {dense_kind}: {len(clauses_all)} clauses indexed in "
            f"{time.perf_counter() - t:.0f} s"
        )
    return store, folder


def _ids(folder: Path) -> list[str]:
    import json

    return list(json.loads((folder / IDS_FILE).read_text()))


def _vectors(index: DenseIndex) -> np.ndarray:
    raw = index._index  # type: ignore[attr-defined]
    return np.asarray(raw.reconstruct_n(0, raw.ntotal), dtype=np.float32)


def time_queries(searcher: Searcher, queries: list[str], repeat: int) -> list[float]:
    for q in queries:  # warm-up: model, caches, page faults
        searcher.search(q, k=10)
    times = []
    for _ in range(repeat):
        for q in queries:
            t = time.perf_counter()
            searcher.search(q, k=10)
            times.append((time.perf_counter() - t) * 1000)
    return times


def dense_recall(flat: Searcher, approx: Searcher, queries: list[str], k: int = 10) -> float:
    """Share of exact dense top-k that the approximate index also returns (mean over the
    embedders' indexes)."""
    shares = []
    for (model, exact_index), (_, approx_index) in zip(flat.dense, approx.dense, strict=True):
        vecs = model.embed_queries(queries)
        _, exact = exact_index.search(vecs, k)
        _, found = approx_index.search(vecs, k)
        shares += [len(set(a) & set(e)) / k for a, e in zip(found, exact, strict=True)]
    return float(np.mean(shares))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--home", type=Path, default=ROOT / ".akkoord" / "bench")
    parser.add_argument("--embedder", default=DEFAULT_EMBEDDER)
    parser.add_argument("--scales", default="1,10,100")
    parser.add_argument("--repeat", type=int, default=2)
    args = parser.parse_args()
    queries = [r.question for r in load_qa(DEV_QA)]
    base_store, base_dir = real_index(args.home, args.embedder)
    rows = []
    for scale in (int(s) for s in args.scales.split(",")):
        searchers: dict[str, Searcher] = {}
        for kind in ("flat", "hnsw"):
            if scale == 1 and kind == "flat":
                store, folder = base_store, base_dir
            else:
                store, folder = synthetic_index(
                    base_store, base_dir, scale, args.home / "synthetic", kind
                )
            searchers[kind] = Searcher.open(folder, store, args.embedder)
        recall = dense_recall(searchers["flat"], searchers["hnsw"], queries)
        for kind, searcher in searchers.items():
            times = time_queries(searcher, queries, args.repeat)
            p95 = float(np.percentile(times, 95))
            rows.append(
                (
                    scale,
                    len(searcher.ids),
                    kind,
                    statistics.median(times),
                    p95,
                    recall if kind == "hnsw" else 1.0,
                )
            )
            _say(f"x{scale} {kind} done")
    print(
        f"warm hybrid query latency over {len(queries)} dev questions x {args.repeat}, "
        f"query embedding included ({args.embedder}); 10x/100x use perturbed copies of the "
        "real clause vectors, not re-embedded text"
    )
    print(f"{'scale':>5} {'clauses':>9} {'dense':>6} {'p50 ms':>8} {'p95 ms':>8} {'recall@10':>10}")
    for scale, n, kind, p50, p95, rec in rows:
        print(f"{scale:>4}x {n:>9} {kind:>6} {p50:>8.1f} {p95:>8.1f} {rec:>10.3f}")


if __name__ == "__main__":
    main()
