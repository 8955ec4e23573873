"""Volglijst: the commitments a user follows, and what changed for them since the last look."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from app.ui import common
from app.ui.text import escape_markdown
from corpus.watch import WATCH_FILE, WatchError, WatchList, WatchReport


def render() -> None:
    """Draw the watch list page."""
    st.title("Volglijst")
    st.caption(
        "Volg toezeggingen en afspraken: zie wanneer ze voldaan of verzet zijn, of binnen "
        "acht weken aflopen. Zoek op woorden, een registernummer of een clausule-id."
    )
    cfg = common.settings()
    try:
        watches = WatchList(cfg.home / WATCH_FILE)
    except WatchError as exc:
        st.error(str(exc))
        return
    with st.form("watch_add", clear_on_submit=True):
        left, right = st.columns([3, 1])
        query = left.text_input("Volg", placeholder="bijv. veldbevraging of TZ202606-144")
        actor = right.text_input("Actor (optioneel)")
        if st.form_submit_button("Toevoegen") and query.strip():
            watches.add(query, actor.strip() or None)
    if not watches.watches():
        st.info("De volglijst is leeg.")
        return
    with common.store(cfg) as store:
        # The page shows what changed since the last look, and remembers this look.
        reports = watches.report(store)
    for rep in reports:
        show_report(rep, watches)


def show_report(rep: WatchReport, watches: WatchList) -> None:
    """One watch: its query, and its new, changed and due commitments as tables."""
    w = rep.watch
    title = w.query + (f" — {w.actor}" if w.actor else "")
    with st.container(border=True):
        head, button = st.columns([5, 1])
        head.markdown(f"**{escape_markdown(title)}**")
        if button.button("Verwijderen", key=f"watch_remove_{w.id}"):
            watches.remove(w.id)
            st.rerun()
        if rep.empty():
            st.caption("Niets nieuws sinds de vorige keer.")
        if rep.new:
            st.markdown("Nieuw")
            st.dataframe(_frame(rep.new), hide_index=True, use_container_width=True)
        if rep.changed:
            st.markdown("Gewijzigd")
            changed = pd.DataFrame(
                {
                    "Was": [c.old_status for c in rep.changed],
                    "Nu": [c.status for c in rep.changed],
                    "Termijn was": [c.old_deadline or "open termijn" for c in rep.changed],
                    "Termijn nu": [c.deadline or "open termijn" for c in rep.changed],
                    "Wat": [c.text for c in rep.changed],
                }
            )
            st.dataframe(changed, hide_index=True, use_container_width=True)
        if rep.due:
            st.markdown("Binnen acht weken")
            st.dataframe(_frame(rep.due), hide_index=True, use_container_width=True)


def _frame(items: list[dict[str, object]]) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "Termijn": [i["deadline"] or "open termijn" for i in items],
            "Eerdere termijn": [i["earlier_deadline"] or "" for i in items],
            "Status": [common.STATUS_LABELS.get(str(i["status"]), str(i["status"])) for i in items],
            "Wat": [i["text"] for i in items],
            "Document": [str(i["doc"]).split("_", 1)[0] for i in items],
            "Pagina": [i["page"] or "" for i in items],
        }
    )
