"""Typed errors of the index room: one line naming the folder or file and the problem."""

from __future__ import annotations


class SearchIndexError(Exception):
    """The index cannot be built, read or used; str() is one line naming the path and problem."""


class IndexMismatch(SearchIndexError):
    """The index on disk was built with another embedder or dimension than the one asked for."""


class EmbedderError(SearchIndexError):
    """An embedder cannot be loaded: unknown name, missing package or missing local model."""
