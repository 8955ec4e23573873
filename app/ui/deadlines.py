"""Deadlines: the register as a sortable, filterable table, CSV download and a timeline chart."""

from __future__ import annotations

import datetime as dt
import io

import altair as alt
import pandas as pd
import streamlit as st

from app.ui import common
from corpus.register import RegisterRow, deadline_rows, write_csv

ANY = common.ANY
STATUS_LABELS = common.STATUS_LABELS
# More actors than this make the timeline unreadable; the busiest ones are shown.
TIMELINE_ACTORS = 25
NO_ACTOR = "(geen actor herkend)"


def render() -> None:
    """Draw the deadline register page."""
    heading = ("Deadlines", "Alle afspraken en toezeggingen met een termijn, uit alle documenten.")
    empty = "Geen termijnen gevonden met deze filters."
    rows = common.register_rows(heading, "d_", deadline_rows, empty, "Termijnen")
    if not rows:
        return
    common.register_frame(register_table(rows), "Wat")
    buffer = io.StringIO()
    write_csv(rows, buffer)
    excel = io.StringIO()
    write_csv(rows, excel, excel=True)
    left, right = st.columns(2)
    left.download_button(
        "Download CSV", buffer.getvalue().encode("utf-8"), "deadlines.csv", "text/csv"
    )
    right.download_button(
        "Download CSV voor Excel",
        excel.getvalue().encode("utf-8"),
        "deadlines-excel.csv",
        "text/csv",
    )

    st.subheader("Tijdlijn per actor")
    st.altair_chart(timeline_chart(rows), width="stretch")


def register_table(rows: list[RegisterRow]) -> pd.DataFrame:
    """The register rows as a table with Dutch column names (dates stay dates for sorting)."""
    return pd.DataFrame(
        {
            "Termijn": [r.deadline for r in rows],
            "Zoals geschreven": [r.deadline_text or "" for r in rows],
            "Status": [STATUS_LABELS.get(r.status, r.status) for r in rows],
            "Wie": [", ".join(r.actors) for r in rows],
            "Wat": [r.text for r in rows],
            "Thema": [r.theme or "" for r in rows],
            "Soort": [common.KIND_LABELS.get(r.kind, r.kind) for r in rows],
            "Document": [r.title for r in rows],
            "Pagina": [r.page for r in rows],
            "Sectie": [r.section for r in rows],
        }
    )


def timeline_frame(rows: list[RegisterRow]) -> pd.DataFrame:
    """One point per (actor, deadline), limited to the actors with the most deadlines."""
    records = [
        {
            "actor": actor,
            "deadline": pd.Timestamp(r.deadline),
            "status": STATUS_LABELS.get(r.status, r.status),
            "wat": r.text if len(r.text) <= 160 else r.text[:157] + "…",
            "zoals geschreven": r.deadline_text or "",
            "document": r.title,
        }
        for r in rows
        if r.deadline is not None
        for actor in (r.actors or (NO_ACTOR,))
    ]
    frame = pd.DataFrame(records)
    if frame.empty:
        return frame
    busiest = frame["actor"].value_counts().head(TIMELINE_ACTORS).index
    return frame[frame["actor"].isin(busiest)]


def timeline_chart(rows: list[RegisterRow]) -> alt.LayerChart:
    """Deadlines per actor on a time axis, coloured by status, with a rule at today."""
    frame = timeline_frame(rows)
    order = list(frame["actor"].value_counts().index) if not frame.empty else []
    points = (
        alt.Chart(frame)
        .mark_circle(size=80, opacity=0.75)
        .encode(
            x=alt.X("deadline:T", title="Termijn"),
            y=alt.Y("actor:N", title=None, sort=order),
            color=alt.Color(
                "status:N",
                title="Status",
                scale=alt.Scale(
                    domain=["open", "verlopen", "afgerond"],
                    range=["#1f77b4", "#d62728", "#2ca02c"],
                ),
            ),
            tooltip=["actor", "deadline:T", "zoals geschreven", "status", "wat", "document"],
        )
    )
    today = (
        alt.Chart(pd.DataFrame({"vandaag": [pd.Timestamp(dt.date.today())]}))
        .mark_rule(color="gray", strokeDash=[4, 4])
        .encode(x="vandaag:T")
    )
    height = max(160, 22 * len(order))
    return alt.LayerChart(layer=[points, today], height=height)
