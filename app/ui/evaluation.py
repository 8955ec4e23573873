"""Evaluatie: the latest evaluation report's system comparison as a chart, when one exists."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import altair as alt
import pandas as pd
import streamlit as st

from app.config import Settings
from app.ui import common

_CHECKOUT = Path(__file__).resolve().parent.parent.parent


def report_dirs(settings: Settings) -> tuple[Path, ...]:
    """Folders that may hold evaluation reports (JSON); AKKOORD_EVAL_REPORTS names one."""
    chosen = os.environ.get("AKKOORD_EVAL_REPORTS")
    if chosen:
        return (Path(chosen),)
    return (settings.home / "eval", _CHECKOUT / "eval" / "reports", _CHECKOUT / "eval" / "results")


def latest_report(settings: Settings) -> Path | None:
    """The newest *.json report in the report folders, or None."""
    found = [p for d in report_dirs(settings) if d.is_dir() for p in d.glob("*.json")]
    return max(found, key=lambda p: p.stat().st_mtime) if found else None


def metric_rows(report: Any) -> pd.DataFrame:
    """(system, metric, value) rows from a report: {"systems": {name: {metric: value}}},
    a list of {"system": name, metric: value, ...}, or {name: {metric: value}}."""
    if isinstance(report, dict) and "systems" in report:
        report = report["systems"]
    records: list[dict[str, Any]] = []
    if isinstance(report, dict):
        items = [(str(name), m) for name, m in report.items() if isinstance(m, dict)]
    elif isinstance(report, list):
        items = [
            (str(m.get("system") or m.get("name") or i), m)
            for i, m in enumerate(report)
            if isinstance(m, dict)
        ]
    else:
        items = []
    for system, metrics in items:
        for metric, value in metrics.items():
            if isinstance(value, int | float) and not isinstance(value, bool):
                records.append({"systeem": system, "maat": str(metric), "waarde": float(value)})
    return pd.DataFrame(records, columns=["systeem", "maat", "waarde"])


def render() -> None:
    """Draw the evaluation page."""
    cfg = common.settings()
    st.title("Evaluatie")
    path = latest_report(cfg)
    if path is None:
        st.info(
            "Nog geen evaluatierapport gevonden. Draai `akkoord eval` om systemen te vergelijken."
        )
        return
    try:
        frame = metric_rows(json.loads(path.read_text(encoding="utf-8")))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        st.error(f"{path}: onleesbaar rapport ({exc})")
        return
    st.caption(f"Rapport: {path.name}")
    if frame.empty:
        st.info("Het rapport bevat geen vergelijking van systemen.")
        return
    chart = (
        alt.Chart(frame)
        .mark_bar()
        .encode(
            x=alt.X("systeem:N", title=None),
            y=alt.Y("waarde:Q", title=None),
            color=alt.Color("systeem:N", legend=None),
            column=alt.Column("maat:N", title=None),
            tooltip=["systeem", "maat", alt.Tooltip("waarde:Q", format=".3f")],
        )
    )
    st.altair_chart(chart)
    st.dataframe(
        frame.pivot(index="systeem", columns="maat", values="waarde"), use_container_width=True
    )
