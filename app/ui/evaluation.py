"""Evaluatie: the newest `akkoord eval --report` summary in the home's eval folder, as charts."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import altair as alt
import pandas as pd
import streamlit as st

from app.config import Settings
from app.ui import common
from eval.report import SummaryError, read_summary

# `akkoord eval ... --report <home>/eval/report.md` writes report.md, report.png and report.json
# there; the page reads the newest JSON. The README's eval line writes to this folder.
REPORTS = "eval"
RETRIEVAL: tuple[str, ...] = ("R@1", "R@5", "R@10", "MRR@10")
# Summary field -> column label the reader sees.
EXTRACTION: dict[str, str] = dict(
    zip(
        ("actor P", "actor R", "actor F1", "deadline", "theme", "kind", "n"),
        ("actor precisie", "actor recall", "actor F1", "deadline", "thema", "soort", "vragen"),
        strict=True,
    )
)


def reports_dir(settings: Settings) -> Path:
    """The folder whose summaries the page shows: `<home>/eval`."""
    return settings.home / REPORTS


def latest_summary(settings: Settings) -> Path | None:
    """The newest summary JSON in the reports folder, or None."""
    folder = reports_dir(settings)
    found = list(folder.glob("*.json")) if folder.is_dir() else []
    return max(found, key=lambda p: p.stat().st_mtime) if found else None


def retrieval_table(summary: dict[str, Any]) -> pd.DataFrame:
    """R@1, R@5, R@10 and MRR@10 per system (rows in the order evaluated)."""
    rows = {name: entry["metrics"] for name, entry in summary["systems"].items()}
    frame = pd.DataFrame.from_dict(rows, orient="index")[list(RETRIEVAL)]
    frame.index.name = "systeem"
    return frame


def extraction_table(summary: dict[str, Any]) -> pd.DataFrame:
    """Tag accuracy per system that tags its hits (not the naive baselines)."""
    rows = {
        name: {EXTRACTION[f]: entry["extraction"][f] for f in EXTRACTION}
        for name, entry in summary["systems"].items()
        if "extraction" in entry
    }
    frame = pd.DataFrame.from_dict(rows, orient="index", columns=list(EXTRACTION.values()))
    frame.index.name = "systeem"
    return frame


def _chart(table: pd.DataFrame) -> alt.Chart:
    long = table.reset_index().melt(id_vars="systeem", var_name="maat", value_name="waarde")
    return (
        alt.Chart(long)
        .mark_bar()
        .encode(
            x=alt.X("maat:N", title=None, sort=list(RETRIEVAL)),
            xOffset=alt.XOffset("systeem:N", sort=list(table.index)),
            y=alt.Y("waarde:Q", title=None, scale=alt.Scale(domain=[0, 1])),
            color=alt.Color("systeem:N", sort=list(table.index), title="systeem"),
            tooltip=["systeem", "maat", alt.Tooltip("waarde:Q", format=".3f")],
        )
    )


def render() -> None:
    """Draw the evaluation page."""
    cfg = common.settings()
    st.title("Evaluatie")
    folder = reports_dir(cfg)
    path = latest_summary(cfg)
    if path is None:
        st.info(
            f"Nog geen evaluatierapport in {folder}. Draai `akkoord eval VRAGEN.jsonl "
            f"--report {folder / 'report.md'}` om de zoeksystemen te vergelijken."
        )
        return
    try:
        summary = read_summary(path)
    except SummaryError as exc:
        st.error(f"{exc.path}: onleesbare evaluatiesamenvatting ({exc.problem})")
        return
    st.caption(
        f"Rapport: {path} · {summary['n']} vragen, de beste {summary['k']} resultaten per systeem"
    )
    st.subheader("Zoeken")
    st.caption(
        "R@k: aandeel vragen met een antwoord in de eerste k resultaten; MRR@10: gemiddelde van "
        "1 / de plaats van het eerste antwoord."
    )
    table = retrieval_table(summary)
    st.altair_chart(_chart(table))
    st.dataframe(table, width="stretch")
    extraction = extraction_table(summary)
    if not extraction.empty:
        st.subheader("Extractie")
        st.caption(
            "Labels van het eerste resultaat dat de vraag beantwoordt; deadline goed binnen 31 "
            "dagen."
        )
        st.dataframe(extraction, width="stretch")
