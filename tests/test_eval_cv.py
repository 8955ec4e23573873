"""Cross-validation: each fold is scored with what the other folds chose."""

from __future__ import annotations

from eval.cv import cross_validate
from eval.metrics import METRICS


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
