"""Toezeggingen: promises to parliament with minister, due date, status and what fulfilled them."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from app.ui import common
from app.ui.common import STATUS_LABELS
from app.ui.text import escape_markdown, format_date
from corpus.register import ToezeggingRow, toezegging_rows

ANY = common.ANY


def render() -> None:
    """Draw the toezeggingen page."""
    heading = (
        "Toezeggingen",
        "Toezeggingen aan de Kamer: wie beloofde wat, wanneer het af moet, en of het af is.",
    )
    empty = "Geen toezeggingen gevonden."
    minister = st.sidebar.text_input("Minister", key="t_minister").strip() or None
    rows = common.register_rows(
        heading, "t_", toezegging_rows, empty, "Toezeggingen", minister=minister
    )
    if not rows:
        return
    common.register_frame(
        promise_table(rows),
        "Toezegging",
        Minister=st.column_config.TextColumn("Minister", width="medium"),
    )
    common.register_downloads(rows, "toezeggingen")
    done = [r for r in rows if r.fulfilled_by]
    if done:
        st.subheader("Afgehandeld")
        for r in done:
            label = r.register_id or (r.text if len(r.text) <= 70 else r.text[:67] + "…")
            page = f", p. {r.fulfilled_page}" if r.fulfilled_page else ""
            title = f"{label} — {r.status} in {r.fulfilled_title}{page}"
            with st.expander(escape_markdown(title)):
                st.markdown("**Toezegging**  \n" + escape_markdown(r.text))
                where = escape_markdown((r.fulfilled_title or r.fulfilled_in or "") + page)
                st.markdown(
                    f"**{r.status.capitalize()} in** {where}  \n"
                    + escape_markdown(r.fulfilled_text or "")
                )


def promise_table(rows: list[ToezeggingRow]) -> pd.DataFrame:
    """The toezeggingen as a table with Dutch column names."""
    return pd.DataFrame(
        {
            "Status": [STATUS_LABELS.get(r.status, r.status) for r in rows],
            "Termijn": [r.deadline for r in rows],
            "Zoals geschreven": [r.deadline_text or r.when() for r in rows],
            "Eerdere termijn": [r.earlier_deadline for r in rows],
            "Minister": [r.minister for r in rows],
            "Toezegging": [r.text for r in rows],
            "Afgehandeld in": [
                (r.fulfilled_title or "") + (f", p. {r.fulfilled_page}" if r.fulfilled_page else "")
                for r in rows
            ],
            "Registernummer": [r.register_id or "" for r in rows],
            "Document": [
                f"{r.title} ({format_date(r.letter_date)})" if r.letter_date else r.title
                for r in rows
            ],
            "Pagina": [r.page for r in rows],
        }
    )
