"""Ranking metrics from qrels and a run, computed by pytrec_eval (no metric maths of our own)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import pytrec_eval

Qrels = Mapping[str, Mapping[str, int]]
Run = Mapping[str, Mapping[str, float]]

# Our names -> pytrec_eval's. "Recall@k over the records" is trec_eval's `success`: a question
# counts as found at k when any relevant item is in its top k (P(found@k)), not the share of
# relevant items retrieved; several clauses can answer one question (the IZA repeats its text).
MEASURES: dict[str, str] = {
    "R@1": "success_1",
    "R@5": "success_5",
    "R@10": "success_10",
    "MRR@10": "recip_rank",
    "nDCG@10": "ndcg_cut_10",
}
METRICS: tuple[str, ...] = tuple(MEASURES)
CUTOFF = 10


def ranked_run(ranking: Sequence[str], cutoff: int = CUTOFF) -> dict[str, float]:
    """A run entry from ranked ids: scores strictly decreasing by rank, so that trec_eval's
    tie-breaking cannot reorder them; cut at `cutoff` so that recip_rank is MRR@cutoff."""
    seen: dict[str, float] = {}
    for item in ranking:
        if item not in seen and len(seen) < cutoff:
            seen[item] = float(cutoff - len(seen))
    return seen


def per_query(qrels: Qrels, run: Run) -> dict[str, dict[str, float]]:
    """Each query's metrics (our names). A query with no relevant item scores zero everywhere;
    a query missing from the run scores zero too."""
    judged = {q: dict(rel) for q, rel in qrels.items() if any(v > 0 for v in rel.values())}
    scores: dict[str, dict[str, float]] = {}
    if judged:
        evaluator = pytrec_eval.RelevanceEvaluator(judged, {"success", "recip_rank", "ndcg_cut"})
        # pytrec_eval drops a query whose run is empty: give it a never-relevant placeholder.
        padded = {q: (dict(run.get(q, {})) or {"\0none": 0.0}) for q in judged}
        scores = evaluator.evaluate(padded)
    out: dict[str, dict[str, float]] = {}
    for q in qrels:
        got = scores.get(q, {})
        out[q] = {name: float(got.get(measure, 0.0)) for name, measure in MEASURES.items()}
    return out


def mean(
    results: Mapping[str, Mapping[str, float]], queries: Sequence[str] | None = None
) -> dict[str, float]:
    """The mean of each metric over the given queries (all of them by default); zeros when none."""
    chosen = list(results) if queries is None else [q for q in queries if q in results]
    if not chosen:
        return {name: 0.0 for name in METRICS}
    return {name: sum(results[q][name] for q in chosen) / len(chosen) for name in METRICS}
