"""Embed clauses into FAISS, index them with BM25, and search both with fusion."""

from index.build import build_index, index_is_current
from index.embed import Embedder, get_embedder
from index.errors import EmbedderError, IndexMismatch, SearchIndexError
from index.manifest import Manifest
from index.search import Filters, Searcher

__all__ = [
    "Embedder",
    "EmbedderError",
    "Filters",
    "IndexMismatch",
    "Manifest",
    "SearchIndexError",
    "Searcher",
    "build_index",
    "get_embedder",
    "index_is_current",
]
