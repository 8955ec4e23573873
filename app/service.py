"""The library calls the CLI and the Streamlit app share: open the store, ingest, load search."""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path

from app.config import Settings
from corpus.default import DEFAULT_CORPUS
from corpus.store import Store
from index import Searcher, build_index, index_is_current
from ingest import IngestReport, ingest_paths
from ingest.links import relink
from ingest.pipeline import PIPELINE_VERSION
from ingest.pipeline import expand as expand_paths

log = logging.getLogger(__name__)

__all__ = [
    "ensure_default_corpus",
    "expand_paths",
    "index_current",
    "ingest",
    "load_searcher",
    "open_store",
    "prepare_index",
    "rebuild_index",
    "reparse_outdated",
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
    """Ingest the bundled corpus when the store holds no documents yet, and parse again every
    document an older version of the ingest pipeline parsed."""
    with open_store(settings) as store:
        if not store.documents():
            ingest_paths([DEFAULT_CORPUS], store)
            relink(store)
        else:
            reparse_outdated(store)


def reparse_outdated(store: Store) -> IngestReport | None:
    """Parse again, from their files, the documents an older ingest pipeline parsed, so that a
    home keeps up with akkoord's cleaning and tagging; a document whose file is gone is kept as
    it was, with a warning. None when every document is current."""
    old = [d for d in store.documents() if d.pipeline != PIPELINE_VERSION]
    if not old:
        return None
    files = []
    for doc in old:
        # The bundled corpus moves with the checkout; look for it there too.
        found = next((p for p in (Path(doc.path), DEFAULT_CORPUS / doc.id) if p.is_file()), None)
        if found is None:
            log.warning("%s: parsed by an older akkoord, file gone; kept as it was", doc.path)
        else:
            files.append(found)
    if not files:
        return None
    log.warning("parsing %d documents again (an older akkoord parsed them)", len(files))
    report = ingest_paths(files, store)
    for error in report.failed:
        log.warning("%s", error)
    relink(store)
    return report


def rebuild_index(settings: Settings, progress: Callable[[int, int], None] | None = None) -> None:
    """Embed every stored clause and write the index folder (atomically)."""
    with open_store(settings) as store:
        build_index(
            store,
            settings.index_dir,
            settings.embedder,
            progress=progress,
            cache_dir=settings.cache_dir,
        )


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
