"""`akkoord documents --json` shows where each field came from; `documents set` corrects a
field by hand, re-tags the document, and survives re-parsing and re-adding its file."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from app import service
from app.cli import cli
from app.config import Settings

LETTER = """\
Geachte voorzitter,

In het debat van 12 mei 2022 heb ik dit toegezegd. Ik stuur u voor de zomer het plan over
de wachtlijsten.

De Minister voor Medische Zorg,

A. Jansen
"""


def _home(tmp_path: Path) -> tuple[Settings, Path]:
    folder = tmp_path / "docs"
    folder.mkdir()
    path = folder / "brief.txt"
    path.write_text(LETTER, encoding="utf-8")
    settings = Settings(home=tmp_path / "home")
    report = service.ingest(settings, [folder])
    assert report.added == ["brief.txt"]
    return settings, path


def _rows(settings: Settings) -> dict[str, dict]:
    out = CliRunner().invoke(cli, ["--home", str(settings.home), "documents", "--json"])
    assert out.exit_code == 0, out.output
    return {r["id"]: r for r in json.loads(out.stdout)}


def test_json_shows_sources_and_a_guessed_date(tmp_path: Path) -> None:
    settings, _ = _home(tmp_path)
    row = _rows(settings)["brief.txt"]
    assert row["senders"] == ["minister voor MZS"]
    assert row["sources"]["senders"] == "ondertekening"
    assert row["sources"]["date"] == "geschat" and row["date_guessed"] is True
    assert row["doc_type"] == "kamerbrief"


def test_set_survives_reparse_and_readd_and_retags(tmp_path: Path) -> None:
    settings, path = _home(tmp_path)
    home = ["--home", str(settings.home)]
    out = CliRunner().invoke(
        cli,
        [
            *home,
            "documents",
            "set",
            "brief",
            "--date",
            "2023-06-16",
            "--senders",
            "minister van VWS",
        ],
    )
    assert out.exit_code == 0, out.output
    row = _rows(settings)["brief.txt"]
    assert row["date"] == "2023-06-16" and row["sources"]["date"] == "handmatig"
    assert row["senders"] == ["minister van VWS"] and row["date_guessed"] is False
    with service.open_store(settings) as store:
        deadlines = {c.deadline for c in store.clauses("brief.txt") if c.deadline}
    assert deadlines and all(d.year == 2023 for d in deadlines)  # "voor de zomer" of 2023
    # re-adding the same file keeps the correction and changes nothing
    report = service.ingest(settings, [path])
    assert report.unchanged == ["brief.txt"]
    # a changed file is a new version; the hand-set date stays
    path.write_text(LETTER + "\nBijlage: overzicht.\n", encoding="utf-8")
    report = service.ingest(settings, [path])
    assert report.versions == ["brief.txt"]
    row = _rows(settings)["brief.txt"]
    assert row["version"] == 2 and row["date"] == "2023-06-16"


def test_set_bad_date_is_one_line_error(tmp_path: Path) -> None:
    settings, _ = _home(tmp_path)
    out = CliRunner().invoke(
        cli, ["--home", str(settings.home), "documents", "set", "brief.txt", "--date", "16-6-2023"]
    )
    assert out.exit_code == 1
    assert "geen ISO-datum" in out.output and len(out.output.strip().splitlines()) == 1
