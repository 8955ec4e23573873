"""Deadlines: the register as a sortable, filterable table, CSV download and a timeline chart."""

from __future__ import annotations

import datetime as dt

import altair as alt
import pandas as pd
import streamlit as st

from app.ui import common
from corpus.register import CommitmentRow, RegisterRow, deadline_rows

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
    common.register_downloads(rows, "deadlines")

    st.subheader("Tijdlijn per actor")
    st.altair_chart(timeline_chart(rows), width="stretch")


def register_table(rows: list[RegisterRow]) -> pd.DataFrame:
    """The register rows as a table with Dutch column names (dates stay dates for sorting)."""
    return pd.DataFrame(
        {
            "Termijn": [r.deadline for r in rows],
            "Zoals geschreven": [_written(r) for r in rows],
            "Eerdere termijn": [r.earlier_deadline for r in rows],
            "Status": [STATUS_LABELS.get(r.status, r.status) for r in rows],
            "Voldaan in": [_settled_in(r) for r in rows],
            "Wie": [", ".join(r.actors) for r in rows],
            "Wat": [r.text for r in rows],
            "Thema": [r.theme or "" for r in rows],
            "Soort": [common.KIND_LABELS.get(r.kind, r.kind) for r in rows],
            "Document": [r.title for r in rows],
            "Pagina": [r.page for r in rows],
            "Sectie": [r.section for r in rows],
        }
    )


def _written(r: CommitmentRow) -> str:
    """The deadline as written; "open termijn" for a row without a date."""
    if r.deadline is None:
        return r.when()
    return r.deadline_text or ""


def _settled_in(r: CommitmentRow) -> str:
    """The letter (and page) that settled the commitment, or nothing."""
    if not r.fulfilled_in:
        return ""
    return r.fulfilled_in + (f", p. {r.fulfilled_page}" if r.fulfilled_page else "")


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
                    domain=list(common.STATUS_COLOURS),
                    range=list(common.STATUS_COLOURS.values()),
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
