"""Zoeken: one query box, answer cards (Wie, Wat, Wanneer, Bron) and filters in the sidebar."""

from __future__ import annotations

import datetime as dt
import time

import streamlit as st

from app.config import Settings
from app.ui import common
from app.ui.text import escape_markdown, format_date, highlight
from corpus.filter import ClauseFilter
from corpus.model import Hit
from corpus.register import Move, Status, fulfilled_ids, moved_deadlines, status_of
from corpus.store import Store
from index.search import ALSO_IN

QUERY_LABEL = "Vraag of zoekwoorden"
NO_GOOD_MATCH = (
    "Geen goede treffer: geen tekst in de documenten deelt een woord met deze vraag of komt er "
    "inhoudelijk dichtbij. Probeer andere woorden."
)


def render() -> None:
    """Draw the search page."""
    cfg = common.settings()
    st.title("Zoeken")
    st.caption("Wie sprak wat af, en wanneer? Zoek in Kamerbrieven en het Integraal Zorgakkoord.")
    common.prefetch(cfg)
    filters, k = _sidebar_filters(cfg)
    query = st.text_input(
        QUERY_LABEL,
        placeholder="bijv. Wanneer moeten regio's hun regiobeeld herijken?",
        key="query",
    )
    if not query.strip():
        st.info("Typ een vraag of een paar zoekwoorden en druk op Enter.")
        return
    searcher = common.searcher(cfg)
    started = time.perf_counter()
    if searcher.no_good_match(query):
        st.warning(NO_GOOD_MATCH)
        return
    hits = searcher.search(query, k=k, filters=filters)
    elapsed = time.perf_counter() - started
    if not hits:
        st.warning("Geen resultaten. Probeer andere woorden of minder filters.")
        return
    st.caption(f"{len(hits)} resultaten in {elapsed:.2f} s")
    with common.store(cfg) as store:
        fulfilled = fulfilled_ids(store)
        moves = moved_deadlines(store)
        for rank, hit in enumerate(hits, 1):
            c = hit.clause
            answer_card(rank, hit, query, store, c.id in fulfilled, moves.get(c.id))


def _sidebar_filters(cfg: Settings) -> tuple[ClauseFilter, int]:
    where = common.clause_filter(cfg, "f_")
    k = st.sidebar.slider("Aantal resultaten", 5, 50, 10, step=5, key="f_k")
    return where, k


def answer_card(
    rank: int, hit: Hit, query: str, store: Store, fulfilled: bool, move: Move | None = None
) -> None:
    """One result as a card: the clause (Wat) with Wie, Wanneer and Bron, and its context.
    `fulfilled`: a later clause fulfils this one (the register then calls it done); `move`: a
    later letter moved its deadline (the card then shows the new one and the earlier one)."""
    c = hit.clause
    with st.container(border=True):
        tags = [f":blue-badge[{common.KIND_LABELS.get(c.kind, c.kind)}]"]
        if c.theme:
            tags.append(f":gray-badge[{escape_markdown(c.theme)}]")
        st.markdown(f"**{rank}. Wat** " + " ".join(tags))
        st.markdown(highlight(c.text, query))
        who, when, where = st.columns([2, 2, 3])
        who.markdown("**Wie**  \n" + (escape_markdown(c.who()) or common.EMPTY))
        deadline, written = (move.deadline, move.deadline_text) if move else (c.deadline, None)
        status = status_of(deadline, fulfilled)
        wanneer = deadline_markdown(deadline, written or c.deadline_text, status)
        if move is not None and move.earlier is not None:
            moved_in = escape_markdown(move.doc)
            wanneer += f"  \neerdere termijn {format_date(move.earlier)}, verzet in {moved_in}"
        when.markdown("**Wanneer**  \n" + wanneer)
        where.markdown("**Bron**  \n" + escape_markdown(common.source_line(c, hit.document)))
        if hit.document is not None and hit.document.date_inferred:
            # every relative deadline ("voor de zomer") hangs on the document's own date
            st.caption(
                ":orange-badge[documentdatum geschat] De datum van het document staat niet in de "
                "tekst; corrigeer met `akkoord documents set`."
            )
        also = [v for key, v in c.extra if key == ALSO_IN]
        if also:
            st.caption("Ook in " + "; ".join(escape_markdown(a) for a in also))
        with st.expander("Omliggende tekst"):
            for n in store.neighbours(c.id, before=2, after=2):
                text = escape_markdown(n.text)
                st.markdown(f"**▶ {text}**" if n.id == c.id else text)


# Badge colours per status, as on the deadline timeline.
_BADGE_COLOURS: dict[str, str] = common.STATUS_COLOURS


def deadline_markdown(deadline: dt.date | None, written: str | None, status: Status) -> str:
    """The deadline as written, as a date, and a badge with the register's status for it."""
    if deadline is None and not written:
        return common.EMPTY
    lines = []
    if written:
        lines.append(f"“{escape_markdown(written)}”")
    if deadline:
        badge = f":{_BADGE_COLOURS[status]}-badge[{common.STATUS_LABELS[status]}]"
        lines.append(f"{format_date(deadline)} ({deadline.isoformat()}) {badge}")
    return "  \n".join(lines)
