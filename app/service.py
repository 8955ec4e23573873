"""The library calls the CLI and the Streamlit app share: open the store, ingest, load search."""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from app.config import Settings
from corpus.default import DEFAULT_CORPUS
from corpus.filter import document_matches
from corpus.model import Document
from corpus.store import Store
from index import Searcher, build_index, index_is_current
from ingest import IngestReport
from ingest.links import relink
from ingest.pipeline import PIPELINE_VERSION, ingest_paths
from ingest.pipeline import expand as expand_paths

if TYPE_CHECKING:
    from index.distributed import RayCluster

log = logging.getLogger(__name__)

__all__ = [
    "DocumentNotFound",
    "correct_document",
    "describe_documents",
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
    cluster: RayCluster | None = None,
    pages: Callable[[Path, int, int], None] | None = None,
) -> IngestReport:
    """Ingest files or folders into the settings' store (parsed on `cluster` when given);
    `pages(path, done, total)` reports each page of a PDF read here."""
    with open_store(settings) as store:
        if cluster is None:
            report = ingest_paths(paths, store, progress=progress, pages=pages)
        else:
            from index.distributed import ingest_on_cluster

            report = ingest_on_cluster(cluster, paths, store, progress=progress)
        relink(store)  # a new letter may fulfil promises of earlier ones
        return report


class DocumentNotFound(Exception):
    """`akkoord documents set` named a document that is not stored, or whose file is gone."""


def correct_document(settings: Settings, doc: str, fields: dict[str, object]) -> Document:
    """Set described fields of a stored document by hand and parse it again with them, so that
    its clauses are tagged anew (the index is then stale and rebuilt on next use).

    `doc` is a file name, its stem or its leading number ("002"); the fields are
    kept in the store and survive re-parsing and re-adding the file.
    """
    with open_store(settings) as store:
        found = _find_document(store, doc)
        path = next((p for p in (Path(found.path), DEFAULT_CORPUS / found.id) if p.is_file()), None)
        if path is None:
            raise DocumentNotFound(
                f"{found.path}: bestand niet meer aanwezig; kan niet opnieuw lezen"
            )
        if "date" in fields:
            try:
                dt.date.fromisoformat(str(fields["date"]))
            except ValueError as exc:
                raise DocumentNotFound(
                    f"{found.id}: datum {fields['date']!r} is geen ISO-datum (JJJJ-MM-DD)"
                ) from exc
        store.set_corrections(found.id, fields)
        report = ingest_paths([path], store)
        if report.failed:
            raise DocumentNotFound(str(report.failed[0]))
        relink(store)
        updated = store.document(found.id)
        assert updated is not None
        return updated


def _find_document(store: Store, doc: str) -> Document:
    """The one stored document that `doc` names: the filters' rule (file name, stem or leading
    number), so that a document is named the same way in every command."""
    match = [d for d in store.documents() if document_matches(d.id, doc)]
    if len(match) != 1:
        raise DocumentNotFound(f"{doc}: geen (eenduidig) opgeslagen document")
    return match[0]


def describe_documents(settings: Settings) -> list[dict[str, object]]:
    """Every stored document's description with where each field came from (for --json)."""
    with open_store(settings) as store:
        counts = store.count()
        out = []
        for d in store.documents():
            row: dict[str, object] = {
                "id": d.id,
                "title": d.title,
                "date": d.date.isoformat() if d.date else None,
                "doc_type": d.doc_type,
                "senders": list(d.senders),
                "signatories": list(d.signatories),
                "addressee": d.addressee,
                "kenmerk": d.kenmerk,
                "kamerstuk": d.kamerstuk,
                "sources": dict(d.sources),
                "date_guessed": d.date_inferred,
                "pages": d.pages,
                "clauses": counts.get(d.id, 0),
                "version": d.version,
                "path": d.path,
            }
            out.append(row)
        return out


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


def rebuild_index(
    settings: Settings,
    progress: Callable[[int, int], None] | None = None,
    cluster: RayCluster | None = None,
) -> None:
    """Embed every stored clause and write the index folder (atomically); what the embedding
    cache lacks is embedded on `cluster` when given."""
    with open_store(settings) as store:
        if cluster is not None:
            from index.distributed import build_index_on_cluster

            build_index_on_cluster(
                cluster,
                store,
                settings.index_dir,
                settings.embedder,
                progress,
                cache_dir=settings.cache_dir,
                threads=settings.threads,
            )
            return
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
