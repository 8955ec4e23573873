"""Documents and clauses: the record types, the clause filter and the SQLite store."""

from corpus.filter import ClauseFilter, FilterError
from corpus.model import (
    BLOCKS,
    KINDS,
    THEMES,
    Block,
    Clause,
    Document,
    Hit,
    Kind,
    Link,
    clause_id,
)
from corpus.store import Store, StoreError, sha256_file

__all__ = [
    "BLOCKS",
    "KINDS",
    "THEMES",
    "Block",
    "Clause",
    "ClauseFilter",
    "Document",
    "FilterError",
    "Hit",
    "Kind",
    "Link",
    "Store",
    "StoreError",
    "clause_id",
    "sha256_file",
]
