"""Embed clauses into FAISS, index them with BM25, and search both with fusion."""

# Contract (implemented by the search issue):
#   SearchIndexError, IndexMismatch  - one-line errors
#   Filters                          - actor/theme/kind/doc/deadline_from/deadline_until
#   build_index(store, out_dir, embedder, progress=None) -> Manifest
#   index_is_current(out_dir, store, embedder) -> bool
#   Searcher.open(index_dir, store, embedder) -> Searcher; .search(query, k, filters, mode)
