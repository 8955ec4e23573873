"""Reciprocal rank fusion."""

from __future__ import annotations

from index.fuse import RRF_K, rrf


def test_items_in_both_lists_win() -> None:
    fused = rrf({"a": [1, 2, 3], "b": [3, 4, 1]})
    best = max(fused, key=lambda i: fused[i])
    assert best in (1, 3)
    assert fused[1] == fused[3] == 1 / (RRF_K + 1) + 1 / (RRF_K + 3)
    assert fused[2] == 1 / (RRF_K + 2)


def test_weights_scale_and_zero_drops_a_list() -> None:
    fused = rrf({"a": [1], "b": [2]}, {"a": 2.0, "b": 0.0})
    assert fused == {1: 2.0 / (RRF_K + 1)}


def test_empty_rankings() -> None:
    assert rrf({}) == {}
    assert rrf({"a": []}) == {}
