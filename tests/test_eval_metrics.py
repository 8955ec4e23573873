"""Ranking metrics through pytrec_eval: runs from ranked ids, zero-filled queries, known values."""

from __future__ import annotations

import math
from itertools import pairwise

import pytest

from eval.metrics import METRICS, mean, per_query, ranked_run


def test_ranked_run_is_strictly_decreasing_deduplicated_and_cut() -> None:
    run = ranked_run(["b", "a", "b", "c"] + [f"x{i}" for i in range(20)], cutoff=10)
    assert list(run)[:3] == ["b", "a", "c"]
    assert len(run) == 10
    scores = list(run.values())
    assert all(x > y for x, y in pairwise(scores))


def test_known_values_for_one_relevant_item_at_rank_two() -> None:
    # Ids chosen so that trec_eval's tie-break (by id) would reorder them if scores tied.
    run = {"q": ranked_run(["a", "z", "m"])}
    got = per_query({"q": {"z": 1}}, run)["q"]
    assert got["R@1"] == 0.0
    assert got["R@5"] == got["R@10"] == 1.0
    assert got["MRR@10"] == pytest.approx(0.5)
    assert got["nDCG@10"] == pytest.approx(1 / math.log2(3))


def test_recall_is_found_at_k_not_the_share_of_relevant_items() -> None:
    run = {"q": ranked_run(["r1", "n1", "n2"])}
    got = per_query({"q": {"r1": 1, "r2": 1, "r3": 1}}, run)["q"]
    assert got["R@1"] == 1.0  # one of three relevant items is enough
    assert got["nDCG@10"] < 1.0  # but nDCG sees the two it missed


def test_relevant_item_past_rank_ten_is_not_counted() -> None:
    ids = [f"n{i}" for i in range(10)] + ["r"]
    got = per_query({"q": {"r": 1}}, {"q": ranked_run(ids)})["q"]
    assert all(got[m] == 0.0 for m in METRICS)


def test_queries_without_relevant_items_or_hits_score_zero_and_count() -> None:
    qrels = {"found": {"a": 1}, "unjudged": {}, "no-run": {"b": 1}}
    run = {"found": ranked_run(["a"]), "unjudged": ranked_run(["a"])}
    per = per_query(qrels, run)
    assert set(per) == set(qrels)
    assert per["found"]["MRR@10"] == 1.0
    assert per["unjudged"]["R@10"] == per["no-run"]["R@10"] == 0.0
    assert mean(per)["R@1"] == pytest.approx(1 / 3)
    assert mean(per, ["found"])["R@1"] == 1.0
    assert mean({})["MRR@10"] == 0.0
