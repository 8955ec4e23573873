"""The library calls the CLI and the Streamlit app share: open the store, ingest, load search."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from app.config import Settings
from corpus.default import DEFAULT_CORPUS
from corpus.store import Store
from index import Searcher, build_index, index_is_current
from ingest import IngestReport, ingest_paths
from ingest.links import relink
from ingest.pipeline import expand as expand_paths

__all__ = [
    "ensure_default_corpus",
    "expand_paths",
    "index_current",
    "ingest",
    "load_searcher",
    "open_store",
    "prepare_index",
    "rebuild_index",
]


def open_store(settings: Settings) -> Store:
    """The store under the settings' home (created empty when missing)."""
    return Store(settings.store_path)


def ingest(
    settings: Settings,
    paths: list[Path],
    progress: Callable[[Path], None] | None = None,
) -> IngestReport:
    """Ingest files or folders into the settings' store."""
    with open_store(settings) as store:
        report = ingest_paths(paths, store, progress=progress)
        relink(store)  # a new letter may fulfil promises of earlier ones
        return report


def ensure_default_corpus(settings: Settings) -> None:
    """Ingest the bundled corpus when the store holds no documents yet."""
    with open_store(settings) as store:
        if not store.documents():
            ingest_paths([DEFAULT_CORPUS], store)
            relink(store)


def rebuild_index(settings: Settings, progress: Callable[[int, int], None] | None = None) -> None:
    """Embed every stored clause and write the index folder (atomically)."""
    with open_store(settings) as store:
        build_index(store, settings.index_dir, settings.embedder, progress=progress)


def index_current(settings: Settings) -> bool:
    """True when the index folder matches the stored corpus and this akkoord's index format."""
    with open_store(settings) as store:
        return index_is_current(settings.index_dir, store, settings.embedder)


def prepare_index(settings: Settings, progress: Callable[[int, int], None] | None = None) -> None:
    """Make the index current: on a fresh home ingest the default corpus, and (re)build the
    index when it is missing or stale."""
    ensure_default_corpus(settings)
    if not index_current(settings):
        rebuild_index(settings, progress=progress)


def load_searcher(
    settings: Settings, progress: Callable[[int, int], None] | None = None
) -> Searcher:
    """A ready Searcher; on a fresh home this ingests the default corpus and builds the index."""
    prepare_index(settings, progress)
    return Searcher.open(settings.index_dir, open_store(settings), settings.embedder)
