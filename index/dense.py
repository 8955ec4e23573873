"""Dense vector indexes over FAISS behind one small contract: exact flat and approximate HNSW."""

from __future__ import annotations

from pathlib import Path
from typing import Any, Protocol

import faiss
import numpy as np

from index.errors import SearchIndexError

# Chosen on the realistic scale corpus (python -m benchmarks.scale / benchmarks.latency;
# docs/benchmarks.md "Scale"). Past this many rows the two exact dense searches cost more than
# the query embeddings (a hybrid query at 34,000 clauses: 68 ms flat, 36 ms HNSW).
HNSW_THRESHOLD = 20_000
# Questions lie far from the clauses they ask for and the near neighbours are close together, so
# the graph needs a careful build (efConstruction 200; 80 lost 0.05 recall@10 at 34,000 clauses)
# and a wide search: efSearch 512 keeps recall@10 >= 0.95 at 336,000 clauses for about 2 ms.
HNSW_M = 32
HNSW_EF_CONSTRUCTION = 200
HNSW_EF_SEARCH = 512


def dense_kind(n: int) -> str:
    """The index kind for `n` vectors: exact up to HNSW_THRESHOLD, HNSW past it."""
    return "hnsw" if n > HNSW_THRESHOLD else "flat"


def hnsw_params(n: int) -> tuple[int, int, int]:
    """HNSW (M, efConstruction, efSearch) for an index of `n` vectors."""
    del n
    return HNSW_M, HNSW_EF_CONSTRUCTION, HNSW_EF_SEARCH


class DenseIndex(Protocol):
    """Inner-product search over L2-normalised float32 rows (inner product = cosine)."""

    kind: str
    dim: int

    @property
    def size(self) -> int: ...

    def add(self, vectors: np.ndarray) -> None: ...

    def search(self, queries: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]: ...

    def save(self, path: Path) -> None: ...


class _FaissIndex:
    kind: str = ""

    def __init__(self, index: Any) -> None:
        self._index = index
        self.dim = int(index.d)

    @property
    def size(self) -> int:
        return int(self._index.ntotal)

    def add(self, vectors: np.ndarray) -> None:
        arr = np.ascontiguousarray(vectors, dtype=np.float32)
        if arr.ndim != 2 or arr.shape[1] != self.dim:
            raise SearchIndexError(f"vectors of shape {arr.shape} do not fit a {self.dim}-d index")
        self._index.add(arr)

    def search(self, queries: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
        """Scores and row numbers, best first; rows past the index size are -1."""
        arr = np.ascontiguousarray(queries, dtype=np.float32)
        if arr.ndim == 1:
            arr = arr[None, :]
        k = max(1, min(k, self.size)) if self.size else 1
        scores, rows = self._index.search(arr, k)
        return scores, rows

    def save(self, path: Path) -> None:
        faiss.write_index(self._index, str(path))


class FlatIndex(_FaissIndex):
    """Exact search: every query is compared with every row."""

    kind = "flat"

    def __init__(self, dim: int, index: Any = None) -> None:
        super().__init__(index if index is not None else faiss.IndexFlatIP(dim))


class HNSWIndex(_FaissIndex):
    """Approximate search over a navigable small-world graph; for hundreds of thousands of rows."""

    kind = "hnsw"

    def __init__(
        self,
        dim: int,
        index: Any = None,
        m: int = HNSW_M,
        ef_construction: int = HNSW_EF_CONSTRUCTION,
        ef_search: int = HNSW_EF_SEARCH,
    ) -> None:
        if index is None:
            index = faiss.IndexHNSWFlat(dim, m, faiss.METRIC_INNER_PRODUCT)
            index.hnsw.efConstruction = ef_construction
        index.hnsw.efSearch = ef_search
        super().__init__(index)

    def search(self, queries: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
        # efSearch bounds how many results HNSW can return: keep it at least k.
        self._index.hnsw.efSearch = max(self._index.hnsw.efSearch, k)
        return super().search(queries, k)


def new_dense_index(kind: str, dim: int) -> DenseIndex:
    """An empty index of `kind` ("flat" or "hnsw")."""
    if kind == "flat":
        return FlatIndex(dim)
    if kind == "hnsw":
        return HNSWIndex(dim)
    raise SearchIndexError(f"{kind}: unknown dense index kind; choose flat or hnsw")


def load_dense_index(path: Path) -> DenseIndex:
    """Read a saved index, recognising its kind from the file."""
    try:
        index = faiss.read_index(str(path))
    except RuntimeError as exc:
        problem = "missing" if not Path(path).exists() else "damaged or truncated"
        raise SearchIndexError(
            f"{path}: unreadable FAISS index ({problem}); rebuild it with `akkoord index`"
        ) from exc
    if isinstance(index, faiss.IndexHNSWFlat):
        return HNSWIndex(int(index.d), index)
    if isinstance(index, faiss.IndexFlatIP):
        return FlatIndex(int(index.d), index)
    raise SearchIndexError(f"{path}: unsupported FAISS index type {type(index).__name__}")
