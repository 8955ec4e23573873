"""Resources the pages share: settings, the cached searcher, store look-ups and labels."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path

import streamlit as st

from app import service
from app.config import Settings
from corpus.model import Clause, Document
from corpus.store import Store
from index import Searcher

# Kinds a user filters on; "footnote" and "heading" are structure, not content.
CONTENT_KINDS: tuple[str, ...] = ("afspraak", "toezegging", "voornemen", "feit")

KIND_LABELS: dict[str, str] = {
    "afspraak": "Afspraak",
    "toezegging": "Toezegging",
    "voornemen": "Voornemen",
    "feit": "Feit",
    "footnote": "Voetnoot",
    "heading": "Kop",
}

EMPTY = "—"


def settings() -> Settings:
    """The settings for this run (AKKOORD_HOME and friends, read by app.config)."""
    return Settings.load()


# Loading takes seconds (spaCy, the model, the index): it starts in the background as soon as
# a page is drawn, so the index is ready by the time the first question is typed.
_LOADS: dict[Settings, Future[Searcher]] = {}
_LOCK = threading.Lock()
_POOL = ThreadPoolExecutor(max_workers=1, thread_name_prefix="akkoord-load")


def _load(settings: Settings) -> Searcher:
    found = service.load_searcher(settings)  # a fresh home is ingested and indexed first
    found.warm()
    return found


def prefetch(settings: Settings) -> None:
    """Start loading the searcher for these settings in the background (once per process)."""
    with _LOCK:
        if settings not in _LOADS:
            _LOADS[settings] = _POOL.submit(_load, settings)


@st.cache_resource(show_spinner="Model en index laden …")
def searcher(settings: Settings) -> Searcher:
    """The Searcher for these settings, loaded once per server process."""
    prefetch(settings)
    with _LOCK:
        loading = _LOADS[settings]
    try:
        return loading.result()
    except Exception:
        with _LOCK:  # let the next attempt start afresh instead of re-raising forever
            _LOADS.pop(settings, None)
        raise


def reset_searcher() -> None:
    """Forget the cached searcher (after an upload changed the corpus)."""
    with _LOCK:
        _LOADS.clear()
    searcher.clear()
    corpus_facets.clear()


@contextmanager
def store(settings: Settings) -> Iterator[Store]:
    """A store connection for one script run (SQLite connections stay in their own thread)."""
    with service.open_store(settings) as s:
        yield s


@st.cache_data(show_spinner=False)
def corpus_facets(home: str, fingerprint: str) -> tuple[tuple[str, ...], dict[str, str]]:
    """Distinct actors over the stored clauses, and document id -> title (cached per corpus)."""
    del fingerprint  # part of the cache key only: a changed corpus gives fresh facets
    with Store(Settings(home=Path(home)).store_path) as s:
        actors = sorted({a for c in s.clauses() for a in c.actors}, key=str.casefold)
        titles = {d.id: d.title for d in s.documents()}
    return tuple(actors), titles


def facets(cfg: Settings) -> tuple[tuple[str, ...], dict[str, str]]:
    """Actors and document titles of the corpus under `cfg`."""
    with store(cfg) as s:
        fingerprint = s.fingerprint()
    return corpus_facets(str(cfg.home), fingerprint)


def source_line(clause: Clause, document: Document | None) -> str:
    """Title, date, page and section of a clause as one plain line."""
    parts = [document.title if document else clause.doc]
    if document and document.date:
        parts.append(document.date.isoformat())
    if clause.page:
        parts.append(f"p. {clause.page}")
    if clause.section:
        parts.append(" › ".join(clause.section))
    return " · ".join(parts)
