"""Weighted reciprocal rank fusion of ranked lists: small and pure."""

from __future__ import annotations

from collections.abc import Hashable, Mapping, Sequence
from typing import TypeVar

# The RRF constant k: a rank-r hit contributes weight / (k + r). The literature's usual 60 damps
# the head of each list more; on the dev questions 20 ranked better (benchmarks/retrieval.py
# --grid tried 10, 20, 30 and 60), so 20 is what the Searcher fuses with (SearchWeights.fusion_k).
RRF_K = 20

K = TypeVar("K", bound=Hashable)


def rrf(
    rankings: Mapping[str, Sequence[K]],
    weights: Mapping[str, float] | None = None,
    k: int = RRF_K,
) -> dict[K, float]:
    """Fuse ranked lists of ids (best first) into {id: score}: sum of weight / (k + rank)."""
    fused: dict[K, float] = {}
    for name, ranking in rankings.items():
        weight = 1.0 if weights is None else weights.get(name, 0.0)
        if weight == 0.0:
            continue
        for rank, item in enumerate(ranking, start=1):
            fused[item] = fused.get(item, 0.0) + weight / (k + rank)
    return fused
