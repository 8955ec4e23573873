"""Weighted reciprocal rank fusion of ranked lists: small and pure."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

# The usual RRF constant: a rank-1 hit counts 1/61, damping the head of each list.
RRF_K = 60


def rrf(
    rankings: Mapping[str, Sequence[int]],
    weights: Mapping[str, float] | None = None,
    k: int = RRF_K,
) -> dict[int, float]:
    """Fuse ranked lists of ids (best first) into {id: score}: sum of weight / (k + rank)."""
    fused: dict[int, float] = {}
    for name, ranking in rankings.items():
        weight = 1.0 if weights is None else weights.get(name, 0.0)
        if weight == 0.0:
            continue
        for rank, item in enumerate(ranking, start=1):
            fused[item] = fused.get(item, 0.0) + weight / (k + rank)
    return fused
