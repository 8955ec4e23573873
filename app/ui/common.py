"""Resources the pages share: settings, the cached searcher, store look-ups and labels."""

from __future__ import annotations

import datetime as dt
import io
import threading
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeVar

import streamlit as st

from app import service
from app.config import Settings
from corpus.filter import ClauseFilter
from corpus.model import THEMES, Clause, Document
from corpus.register import STATUSES, CommitmentRow, write_csv, write_ics
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

# A commitment's status (corpus.register.status_of) as the pages show it: parliament's own
# words, the same the CLI and the CSV use.
STATUS_LABELS: dict[str, str] = {s: s for s in STATUSES}
# Badge and chart colours per status.
STATUS_COLOURS: dict[str, str] = {
    "openstaand": "blue",
    "termijn verstreken": "red",
    "deels voldaan": "orange",
    "voldaan": "green",
    "vervallen": "gray",
}

EMPTY = "—"
ANY = "(alle)"

R = TypeVar("R", bound=CommitmentRow)


def clause_filter(cfg: Settings, prefix: str) -> ClauseFilter:
    """The sidebar's filters on actor, theme, kind, document and deadline range, as the
    ClauseFilter search and register take ("(alle)" leaves a field unfiltered). Widget keys get
    `prefix`, so each page keeps its own choices."""
    actors, titles = facets(cfg)
    sb = st.sidebar
    sb.header("Filters")
    actor = sb.selectbox("Actor", (ANY, *actors), key=f"{prefix}actor")
    theme = sb.selectbox("Thema", (ANY, *THEMES), key=f"{prefix}theme")
    kind = sb.selectbox(
        "Soort",
        (ANY, *CONTENT_KINDS),
        format_func=lambda v: KIND_LABELS.get(v, v),
        key=f"{prefix}kind",
    )
    doc = sb.selectbox(
        "Document", (ANY, *titles), format_func=lambda v: titles.get(v, v), key=f"{prefix}doc"
    )
    date_from: dt.date | None = None
    date_until: dt.date | None = None
    if sb.checkbox("Filter op termijn", key=f"{prefix}use_dates"):
        picked = sb.date_input(
            "Termijn tussen",
            value=(dt.date(2022, 1, 1), dt.date(2030, 12, 31)),
            format="DD-MM-YYYY",
            key=f"{prefix}dates",
        )
        if isinstance(picked, tuple) and len(picked) == 2:
            date_from, date_until = picked

    def chosen(value: str) -> str | None:
        return None if value == ANY else value

    return ClauseFilter(
        actor=chosen(actor),
        theme=chosen(theme),
        kind=chosen(kind),
        doc=chosen(doc),
        deadline_from=date_from,
        deadline_until=date_until,
    )


def register_rows(
    heading: tuple[str, str],
    prefix: str,
    read: Callable[..., list[R]],
    empty: str,
    label: str,
    **options: Any,
) -> list[R]:
    """A register page's title and caption (`heading`), and its rows under the sidebar's
    filters (and `options` for `read`) with the status metrics above them; an info line when
    no row passes."""
    st.title(heading[0])
    st.caption(heading[1])
    cfg = settings()
    where = clause_filter(cfg, prefix)
    status = status_choice(f"{prefix}status")
    with store(cfg) as st_store:
        rows = read(st_store, where, status=status, **options)
    if not rows:
        st.info(empty)
        return rows
    status_metrics([r.status for r in rows], label)
    return rows


def status_choice(key: str) -> str | None:
    """The sidebar's status filter of a register page; None for every status."""
    status = st.sidebar.selectbox(
        "Status", (ANY, *STATUSES), format_func=lambda v: STATUS_LABELS.get(v, v), key=key
    )
    return None if status == ANY else status


def register_frame(frame: object, text_column: str, **columns: Any) -> None:
    """A register table: dates as dates, the commitment's text wide, and any other columns."""
    st.dataframe(
        frame,
        hide_index=True,
        width="stretch",
        column_config={
            "Termijn": st.column_config.DateColumn("Termijn", format="DD-MM-YYYY"),
            "Eerdere termijn": st.column_config.DateColumn("Eerdere termijn", format="DD-MM-YYYY"),
            text_column: st.column_config.TextColumn(text_column, width="large"),
            **columns,
        },
    )


def status_metrics(statuses: Sequence[str], label: str) -> None:
    """Metrics: how many rows, and how many of them have each status."""
    counts = Counter(statuses)
    cols = st.columns(1 + len(STATUSES))
    cols[0].metric(label, len(statuses))
    for col, status in zip(cols[1:], STATUSES, strict=True):
        col.metric(STATUS_LABELS[status].capitalize(), counts[status])


def register_downloads(rows: Sequence[CommitmentRow], name: str, ics: bool = True) -> None:
    """The register's downloads: one CSV for (Dutch) Excel and, for dated rows, a calendar."""
    buffer = io.StringIO()
    write_csv(rows, buffer, excel=True)
    left, right = st.columns(2)
    left.download_button(
        "Download CSV (Excel)", buffer.getvalue().encode("utf-8"), f"{name}.csv", "text/csv"
    )
    if ics and any(r.deadline for r in rows):
        right.download_button(
            "Download agenda (.ics)", write_ics(rows), f"{name}.ics", "text/calendar"
        )


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
