"""Render an EvalResult: a Markdown report (tables, misses), a PNG chart and the summary JSON."""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any

import matplotlib

matplotlib.use("Agg")  # files only: no display on servers and in CI

from matplotlib.figure import Figure

from eval.metrics import METRICS
from eval.run import EvalResult, QueryOutcome

MISSES_SHOWN_HITS = 3
SNIPPET = 220


def chart(result: EvalResult, metrics: Sequence[str] = METRICS) -> Figure:
    """A grouped bar chart: one group per metric, one bar per system."""
    fig = Figure(figsize=(8, 4.2), dpi=110)
    ax = fig.add_subplot()
    names = [s.name for s in result.systems]
    width = 0.8 / max(1, len(names))
    for i, system in enumerate(result.systems):
        summary = system.summary()
        xs = [m + (i - (len(names) - 1) / 2) * width for m in range(len(metrics))]
        bars = ax.bar(xs, [summary[m] for m in metrics], width, label=system.name)
        ax.bar_label(bars, fmt="%.2f", fontsize=6, padding=1)
    ax.set_xticks(range(len(metrics)), list(metrics))
    ax.set_ylim(0, 1.08)
    ax.set_ylabel("score")
    ax.set_title(f"Retrieval on {len(result.records)} questions (k={result.k})")
    ax.legend(fontsize=8, ncols=min(5, len(names)), loc="upper center", bbox_to_anchor=(0.5, -0.1))
    ax.grid(axis="y", alpha=0.3)
    fig.tight_layout()
    return fig


def _write_atomically(path: Path, write: Callable[[Path], object]) -> Path:
    # A reader (the Evaluatie page) never sees half a file: write beside it, then rename.
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    write(tmp)
    os.replace(tmp, path)
    return path


def save_chart(result: EvalResult, path: Path) -> Path:
    """Write the chart as PNG (atomically) and return its path."""
    return _write_atomically(path, lambda tmp: chart(result).savefig(tmp, format="png"))


def _table(header: Sequence[str], rows: Sequence[Sequence[object]]) -> list[str]:
    def cell(v: object) -> str:
        text = f"{v:.3f}" if isinstance(v, float) else str(v)
        return text.replace("|", "\\|").replace("\n", " ")

    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(cell(v) for v in row) + " |" for row in rows]
    return lines


def _metric_rows(label: str, summary: Mapping[str, float]) -> list[object]:
    return [label, *(summary[m] for m in METRICS), int(summary["n"])]


def figures_table(rows: Mapping[str, Mapping[str, float]]) -> list[str]:
    """A Markdown table of each row's retrieval metrics and question count (SystemResult.summary()
    values by label), one line per item."""
    return _table(["system", *METRICS, "n"], [_metric_rows(k, v) for k, v in rows.items()])


def _snippet(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= SNIPPET else text[: SNIPPET - 1] + "…"


def markdown(
    result: EvalResult, chart_name: str | None = None, miss_system: str = "akkoord"
) -> str:
    """The report as Markdown; `chart_name` is the PNG's path relative to the report."""
    lines = [
        "# akkoord evaluation",
        "",
        f"{len(result.records)} questions, top {result.k} per system. R@k is the share of "
        "questions with an answering hit in the top k; MRR@10 and nDCG@10 read the top 10 "
        "(pytrec_eval: success, recip_rank, ndcg_cut).",
        "",
        "## Retrieval",
        "",
        *figures_table({s.name: s.summary() for s in result.systems}),
        "",
    ]
    if chart_name:
        lines += [f"![systems compared]({chart_name})", ""]
    tagged = [s for s in result.systems if s.tagged]
    if tagged:
        lines += [
            "## Extraction",
            "",
            "Tags of the first hit in the top k that answers, for questions that have one. "
            "Deadline: within 31 days of the gold date; no gold deadline counts as right only "
            "when none is predicted.",
            "",
        ]
        fields = ["actor P", "actor R", "actor F1", "deadline", "theme", "kind"]
        rows: list[list[object]] = []
        for s in tagged:
            ex = s.extraction()
            if ex is not None:
                d = ex.as_dict()
                rows.append([s.name, *(d[f] for f in fields), ex.n])
        lines += [*_table(["system", *fields, "n"], rows), ""]
    for attribute, title in (("lang", "language"), ("kind", "kind of statement")):
        lines += [f"## By {title}", ""]
        rows = [
            _metric_rows(f"{s.name} / {value}", summary)
            for s in result.systems
            for value, summary in s.breakdown(attribute).items()
        ]
        lines += [*_table([f"system / {attribute}", *METRICS, "n"], rows), ""]
    lines += _misses(result, miss_system)
    return "\n".join(lines).rstrip() + "\n"


def _misses(result: EvalResult, name: str) -> list[str]:
    names = [s.name for s in result.systems]
    if not names:
        return []
    system = result.system(name if name in names else names[0])
    missed = system.misses(k=5)
    lines = [
        f"## Misses of {system.name} (no answering hit in the top 5): {len(missed)}",
        "",
    ]
    for q in missed:
        lines += _miss(q)
    return lines


def _miss(q: QueryOutcome) -> list[str]:
    r = q.record
    found = f"first answer at rank {q.answered_at}" if q.answered_at else "no answer in the top k"
    lines = [
        f"### {r.id}: {r.question}",
        "",
        f"- gold ({r.doc}, {r.kind}, {r.theme}; {len(q.relevant)} answering items; {found}): "
        f"{_snippet(r.quote)}",
    ]
    for rank, hit in enumerate(q.hits[:MISSES_SHOWN_HITS], 1):
        lines.append(
            f"- hit {rank} `{hit.clause.id}` ({hit.score:.3f}): {_snippet(hit.clause.text)}"
        )
    if not q.hits:
        lines.append("- (no hits)")
    return [*lines, ""]


def summary_path(report: Path | str) -> Path:
    """Where the summary JSON of a report goes: beside it, `report.md` -> `report.json`."""
    return Path(report).with_suffix(".json")


def write_report(result: EvalResult, path: Path | str) -> tuple[Path, Path]:
    """Write the Markdown report, its PNG chart and its summary JSON (EvalResult.summary(), what
    `akkoord eval --json` prints) beside it; returns the report's and the chart's paths."""
    path = Path(path)
    png = save_chart(result, path.with_suffix(".png"))
    text = json.dumps(result.summary(), ensure_ascii=False, indent=2) + "\n"
    _write_atomically(summary_path(path), lambda tmp: tmp.write_text(text, encoding="utf-8"))
    report = markdown(result, chart_name=png.name)
    _write_atomically(path, lambda tmp: tmp.write_text(report, encoding="utf-8"))
    return path, png


class SummaryError(Exception):
    """A summary JSON that cannot be read; str() is "<file>: <problem>"."""

    def __init__(self, path: Path, problem: str) -> None:
        super().__init__(f"{path}: {problem}")
        self.path = path
        self.problem = problem


def read_summary(path: Path) -> dict[str, Any]:
    """A summary JSON written by write_report, checked for the fields the Evaluatie page shows:
    `n`, `k` and per system its `metrics` (R@1 ... MRR@10); raises SummaryError otherwise."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise SummaryError(path, f"unreadable ({exc})") from exc
    systems = data.get("systems") if isinstance(data, dict) else None
    if not isinstance(systems, dict) or not systems or not _counts(data):
        raise SummaryError(path, "not an `akkoord eval` summary (n, k, systems)")
    for name, entry in systems.items():
        figures = entry.get("metrics") if isinstance(entry, dict) else None
        if not isinstance(figures, dict) or any(
            not isinstance(figures.get(m), int | float) for m in METRICS
        ):
            raise SummaryError(path, f"system {name!r} lacks {', '.join(METRICS)}")
    return data


def _counts(data: Mapping[str, Any]) -> bool:
    return all(isinstance(data.get(key), int) for key in ("n", "k"))
