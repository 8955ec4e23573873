"""Cross-validation: each fold is scored with what the other folds chose; the reranker's
features and its out-of-fold scoring."""

from __future__ import annotations

import numpy as np

from corpus.model import Clause, Hit
from eval.cv import cross_validate, rerank_features, rerank_scores
from eval.metrics import METRICS
from index.search import Searcher


def test_each_fold_is_scored_with_the_choice_of_the_other_folds() -> None:
    # Candidate "a" is best on questions 1-2, "b" on 3-4: a fold holding out 1-2 chooses "b".
    def scores(mrr: float) -> dict[str, float]:
        return {name: mrr for name in METRICS}

    table = {
        "a": {"1": scores(1.0), "2": scores(1.0), "3": scores(0.0), "4": scores(0.2)},
        "b": {"1": scores(0.0), "2": scores(0.5), "3": scores(1.0), "4": scores(1.0)},
    }
    out, chosen = cross_validate(table, [["1", "2"], ["3", "4"]])
    assert chosen == ["b", "a"]
    assert out["1"] == table["b"]["1"] and out["3"] == table["a"]["3"]


def test_reranker_features_describe_every_candidate(searcher: Searcher) -> None:
    hits, x = rerank_features(searcher, "Wanneer moeten regio's hun regiobeeld herijken?")
    assert len(hits) == x.shape[0] == 30
    assert np.isfinite(x).all()
    assert x[0, 0] == 1.0 and x[1, 0] == 0.5  # the fused rank, as 1 / (1 + rank)


def test_reranker_learns_the_answering_feature_out_of_fold() -> None:
    # Fifty questions, three candidates each; only the last feature tells the answer, and the
    # answer stands last in the given order: trained on the others, the reranker puts it first.
    data = {}
    for q in range(50):
        hits = [
            Hit(Clause(id=f"{q}:{i}", doc="d", ordinal=i, text="x"), 1.0, "fused") for i in range(3)
        ]
        x = np.array([[1.0, 0.01 * q, 0.0], [0.5, 0.2, 0.0], [0.33, 0.3, 1.0]])
        data[str(q)] = (hits, x, {f"{q}:2": 1})
    train = [str(q) for q in range(40)]
    for kind in ("lr", "gb"):
        per = rerank_scores(data, train, [str(q) for q in range(40, 50)], kind)
        assert all(m["R@1"] == 1.0 for m in per.values()), kind
