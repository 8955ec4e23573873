"""`akkoord eval` end to end on a few dev questions: report, chart, summary JSON, errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from app.cli import cli
from app.config import Settings

DATA = Path(__file__).resolve().parent.parent / "eval" / "data"


@pytest.fixture
def few_questions(tmp_path: Path) -> Path:
    """The first two records of every dev file."""
    lines = [
        line
        for path in sorted(DATA.glob("dev_qa_*.jsonl"))
        for line in path.read_text(encoding="utf-8").splitlines()[:2]
    ]
    out = tmp_path / "few.jsonl"
    out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return out


def _eval(settings: Settings, *args: str) -> Result:
    return CliRunner().invoke(cli, ["--home", str(settings.home), "eval", *args])


def test_report_with_chart(built_settings: Settings, few_questions: Path, tmp_path: Path) -> None:
    report = tmp_path / "out" / "report.md"
    result = _eval(
        built_settings,
        str(few_questions),
        "--systems",
        "akkoord,naive-bm25",
        "--report",
        str(report),
        "--json",
    )
    assert result.exit_code == 0, result.output
    summary = json.loads(result.stdout)
    assert summary["n"] == 6
    assert list(summary["systems"]) == ["akkoord", "naive-bm25"]
    metrics = summary["systems"]["akkoord"]["metrics"]
    assert 0.0 <= metrics["R@1"] <= metrics["R@5"] <= metrics["R@10"] <= 1.0
    assert "extraction" in summary["systems"]["akkoord"]
    assert "extraction" not in summary["systems"]["naive-bm25"]

    # The summary beside the report (what the Evaluatie page reads) is what --json printed.
    assert json.loads(report.with_suffix(".json").read_text(encoding="utf-8")) == summary
    text = report.read_text(encoding="utf-8")
    assert "| akkoord |" in text and "| naive-bm25 |" in text
    assert "## Extraction" in text and "## By language" in text and "## By kind" in text
    assert "![systems compared](report.png)" in text
    png = report.with_suffix(".png")
    assert png.read_bytes().startswith(b"\x89PNG\r\n\x1a\n")
    import matplotlib.image

    pixels = matplotlib.image.imread(png)
    assert pixels.shape[0] > 200 and pixels.shape[1] > 400
    assert pixels.std() > 0.05  # bars and text, not a blank canvas


def test_plain_summary_table(built_settings: Settings, few_questions: Path) -> None:
    result = _eval(built_settings, str(few_questions), "--systems", "bm25", "--k", "5")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0].split() == ["system", "R@1", "R@5", "R@10", "MRR@10", "nDCG@10", "n"]
    assert lines[1].split()[0] == "bm25" and lines[1].split()[-1] == "6"


def test_bad_line_is_one_error_line(built_settings: Settings, tmp_path: Path) -> None:
    good = (DATA / "dev_qa_core.jsonl").read_text(encoding="utf-8").splitlines()[0]
    bad = tmp_path / "bad.jsonl"
    bad.write_text(good + "\n{not json\n", encoding="utf-8")
    result = _eval(built_settings, str(bad))
    assert result.exit_code == 1
    assert result.stderr.strip().splitlines() == [
        f"Error: {bad}:2: invalid JSON (Expecting property name enclosed in double quotes "
        "at column 2)"
    ]


def test_unknown_system(built_settings: Settings, few_questions: Path) -> None:
    result = _eval(built_settings, str(few_questions), "--systems", "akkoord,google")
    assert result.exit_code == 1
    assert "Error: unknown system 'google'" in result.stderr
