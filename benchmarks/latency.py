"""Warm query latency over the dev questions at 1x, 10x and 100x the default corpus.

Run: python -m benchmarks.latency [--home DIR] [--scales 1,10,100] [--repeat 2]

1x is the real index (built if needed). Larger scales hold the realistic scale corpus of
benchmarks/scale.py (new documents recombined from the bundled sentences, list items and table
rows; every text distinct) with its real vectors where `python -m benchmarks.scale embed` has
embedded them, else its composed vectors (the word-weighted mean of the real vectors of each
passage's pieces); the output says which. BM25 is built over the new texts. Each scale is
measured with exact (flat) and approximate (HNSW, the parameters of index.dense) dense search
on the same loaded searcher, alternating, and HNSW recall@10 at the search depth is measured
against flat search on the same vectors for the dev questions.
(An earlier version indexed perturbed copies of every clause with the real vectors plus noise:
each clause then had up to 100 near-twins whose order only the noise decided, so HNSW recall
looked far worse than on real text.)
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from pathlib import Path

os.environ.setdefault("OMP_NUM_THREADS", "2")

import numpy as np

from app.config import DEFAULT_EMBEDDER
from benchmarks.scale import (
    FULL,
    composed_vectors,
    corpus_tag,
    hnsw_graph,
    load_vectors,
    scale_corpus,
    scale_position,
)
from corpus.default import DEFAULT_CORPUS
from corpus.store import Store
from eval.qa import DEV_QA, load_qa
from index import Searcher, build_index, index_is_current
from index.build import dense_file, write_index
from index.dense import DenseIndex, HNSWIndex, hnsw_params, new_dense_index
from index.embed import embedder_names, get_embedder
from index.manifest import DenseModel, Manifest
from index.weights import DEFAULT_WEIGHTS
from ingest import ingest_paths
from ingest.links import clauses_by_doc

ROOT = Path(__file__).resolve().parent.parent


def _say(msg: str) -> None:
    print(f"# {msg}", file=sys.stderr, flush=True)


def real_index(home: Path, embedder: str, cache: Path | None = None) -> tuple[Store, Path]:
    store = Store(home / "akkoord.db")
    ingest_paths([DEFAULT_CORPUS], store)
    folder = home / f"index-{embedder}"
    if not index_is_current(folder, store, embedder):
        _say(f"building the 1x {embedder} index")
        build_index(store, folder, embedder, cache_dir=cache or home / "cache")
    return store, folder


def scale_index(
    home: Path, base_store: Store, embedder: str, scale: int, seed: int = 0
) -> tuple[Store, Path, dict[str, str], list[DenseIndex]]:
    """A store and index folder (HNSW) of the `scale`x realistic corpus, the vector source per
    embedder, and flat indexes over the same vectors."""
    corpus = scale_corpus(base_store, max(scale, FULL), seed)
    tag = corpus_tag(base_store, seed)
    n = corpus.ends[scale_position(scale)]
    clauses = corpus.clauses[:n]
    keep = {c.doc for c in clauses}
    store = Store(home / "scale" / tag / f"x{scale}.db")
    if len(store.documents()) != len(keep):
        _say(f"storing the {scale}x corpus ({n} clauses)")
        by_doc = clauses_by_doc(clauses)
        for doc in corpus.docs:
            if doc.id in keep:
                store.put(doc, by_doc[doc.id])
    names = embedder_names(embedder)
    folder = home / "scale" / tag / f"index-x{scale}-{'+'.join(names)}"
    sources: dict[str, str] = {}
    vectors: list[np.ndarray] = []
    for name in names:
        real = load_vectors(home, tag, name, n)
        sources[name] = "real" if real is not None else "composed"
        vectors.append(real if real is not None else composed_vectors(home, name, corpus, tag)[:n])
    flats: list[DenseIndex] = []
    for vecs in vectors:
        flat = new_dense_index("flat", vecs.shape[1])
        flat.add(vecs)
        flats.append(flat)
    marker = folder / "sources.json"
    if not (folder / "manifest.json").exists() or marker.read_text() != json.dumps(sources):
        t = time.perf_counter()
        indexes: list[DenseIndex] = []
        for name, vecs in zip(names, vectors, strict=True):
            m, ef_construction, _ = hnsw_params(n)
            index, _ = hnsw_graph(home, tag, f"{name}-{sources[name]}", vecs, m, ef_construction)
            indexes.append(index)
        models = tuple(
            DenseModel(name, e.backend, e.model, e.dim, dense_file(i))
            for i, (name, e) in enumerate((nm, get_embedder(nm)) for nm in names)
        )
        manifest = Manifest.new(
            embedder=embedder,
            models=models,
            clauses=n,
            fingerprint=store.fingerprint(),
            dense="hnsw",
        )
        write_index(folder, indexes, store.clauses(), manifest)
        marker.write_text(json.dumps(sources))
        _say(f"x{scale} hnsw: {n} clauses indexed in {time.perf_counter() - t:.0f} s")
    return store, folder, sources, flats


def _vectors(index: DenseIndex) -> np.ndarray:
    raw = index._index  # type: ignore[attr-defined]
    return np.asarray(raw.reconstruct_n(0, raw.ntotal), dtype=np.float32)


def time_queries(searcher: Searcher, queries: list[str]) -> list[float]:
    times = []
    for q in queries:
        t = time.perf_counter()
        searcher.search(q, k=10)
        times.append((time.perf_counter() - t) * 1000)
    return times


def dense_recall(
    searcher: Searcher,
    exact: list[DenseIndex],
    approx: list[DenseIndex],
    queries: list[str],
    k: int = 10,
) -> float:
    """Share of exact dense top-k that the approximate index also returns at the search depth
    (mean over the embedders' indexes)."""
    depth = DEFAULT_WEIGHTS.depth
    shares = []
    for (model, _), flat, hnsw in zip(searcher.dense, exact, approx, strict=True):
        vecs = model.embed_queries(queries)
        _, want = flat.search(vecs, k)
        _, found = hnsw.search(vecs, depth)
        shares += [len(set(f[:k]) & set(w)) / k for f, w in zip(found, want, strict=True)]
    return float(np.mean(shares))


def _hnsw_over(flats: list[DenseIndex]) -> list[DenseIndex]:
    out: list[DenseIndex] = []
    for vecs in (_vectors(index) for index in flats):
        m, ef_construction, _ = hnsw_params(len(vecs))
        hnsw = HNSWIndex(vecs.shape[1], m=m, ef_construction=ef_construction)
        hnsw.add(vecs)
        out.append(hnsw)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--home", type=Path, default=ROOT / ".akkoord" / "bench")
    parser.add_argument("--cache", type=Path, default=None, help="embedding cache for 1x")
    parser.add_argument("--embedder", default=DEFAULT_EMBEDDER)
    parser.add_argument("--scales", default="1,10,100")
    parser.add_argument("--repeat", type=int, default=2)
    args = parser.parse_args()
    queries = [r.question for r in load_qa(DEV_QA)]
    base_store, base_dir = real_index(args.home, args.embedder, args.cache)
    rows = []
    for scale in (int(s) for s in args.scales.split(",")):
        if scale == 1:
            searcher = Searcher.open(base_dir, base_store, args.embedder)
            flats = [index for _, index in searcher.dense]
            sources = {model.name: "real" for model, _ in searcher.dense}
            hnsws = _hnsw_over(flats)
        else:
            store, folder, sources, flats = scale_index(args.home, base_store, args.embedder, scale)
            searcher = Searcher.open(folder, store, args.embedder)
            hnsws = [index for _, index in searcher.dense]
        models = [model for model, _ in searcher.dense]
        recall = dense_recall(searcher, flats, hnsws, queries)
        times: dict[str, list[float]] = {"flat": [], "hnsw": []}
        kinds = (("flat", flats), ("hnsw", hnsws))
        for _kind, indexes in kinds:  # warm-up: model, caches, page faults
            searcher.dense = list(zip(models, indexes, strict=True))
            time_queries(searcher, queries)
        for _ in range(args.repeat):  # alternating, so both kinds see the same machine load
            for kind, indexes in kinds:
                searcher.dense = list(zip(models, indexes, strict=True))
                times[kind] += time_queries(searcher, queries)
        for kind, ts in times.items():
            rows.append(
                (
                    scale,
                    len(searcher.ids),
                    kind,
                    statistics.median(ts),
                    float(np.percentile(ts, 95)),
                    recall if kind == "hnsw" else 1.0,
                    ", ".join(f"{k} {v}" for k, v in sources.items()),
                )
            )
        _say(f"x{scale} done")
    m, ef_construction, ef_search = hnsw_params(0)
    print(
        f"warm hybrid query latency over {len(queries)} dev questions x {args.repeat}, "
        f"query embeddings included ({args.embedder}); HNSW M={m} efConstruction="
        f"{ef_construction} efSearch=max({ef_search}, depth {DEFAULT_WEIGHTS.depth}); 10x/100x "
        "on the realistic scale corpus (benchmarks/scale.py)"
    )
    print("| scale | clauses | dense | p50 ms | p95 ms | HNSW recall@10 | vectors |")
    print("|---|---|---|---|---|---|---|")
    for scale, n, kind, p50, p95, rec, src in rows:
        print(f"| {scale}x | {n:,} | {kind} | {p50:.1f} | {p95:.1f} | {rec:.3f} | {src} |")


if __name__ == "__main__":
    main()
