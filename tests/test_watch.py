"""The watch list: add, list, remove, and the report of what changed, also after an ingest."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from app.cli import cli
from app.config import Settings
from corpus.register import deadline_rows
from corpus.store import Store
from corpus.watch import WATCH_FILE

# Written for this test: a later letter that moves the housing promise of brief_wijk.txt.
FOLLOW_UP = (
    "Den Haag, 15 november 2024\n\n"
    "Geachte voorzitter,\n\n"
    "De brief over de huisvesting van huisartsenpraktijken is uitgesteld tot 1 maart 2025, "
    "omdat het onderzoek naar de huisvesting meer tijd vraagt.\n\n"
    "De minister van Volksgezondheid, Welzijn en Sport\n"
)


def run(settings: Settings, *args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, ["--home", str(settings.home), *args])
    return result.exit_code, result.stdout, result.stderr


def test_watch_add_list_report_and_remove(store_settings: Settings, tmp_path: Path) -> None:
    with Store(store_settings.store_path) as store:
        housing = next(r for r in deadline_rows(store) if "huisvesting" in r.text)
    assert run(store_settings, "watch", "add", housing.clause_id)[0] == 0
    assert run(store_settings, "watch", "add", "wachttijden wijkverpleging")[0] == 0
    code, out, _ = run(store_settings, "watch", "add", "spoedeisende hulp", "--actor", "NZa")
    assert code == 0 and out.startswith("[3]")
    code, out, _ = run(store_settings, "watch", "list", "--json")
    assert [(w["id"], w["query"], w["actor"]) for w in json.loads(out)] == [
        (1, housing.clause_id, None),
        (2, "wachttijden wijkverpleging", None),
        (3, "spoedeisende hulp", "NZa"),
    ]

    code, out, _ = run(store_settings, "watch", "report", "--as-of", "2024-11-01", "--json")
    assert code == 0, out
    first = {r["watch"]["id"]: r for r in json.loads(out)}
    assert [i["clause_id"] for i in first[1]["new"]] == [housing.clause_id]
    # Due within eight weeks of 1 November: the housing letter of 1 December.
    assert [i["deadline"] for i in first[1]["due"]] == ["2024-12-01"]
    wijk = first[2]["new"]
    assert wijk and all("wachttijden" in i["text"] for i in wijk)
    assert {i["status"] for i in wijk} == {"voldaan"}
    # The NZa is named in the acute care agreement, not in the emergency-room row.
    assert first[3]["new"] == [] and first[3]["changed"] == []

    # Nothing is new the second time.
    code, out, _ = run(store_settings, "watch", "report", "--as-of", "2024-11-01", "--json")
    assert all(not r["new"] and not r["changed"] for r in json.loads(out))

    letter = tmp_path / "uitstel.txt"
    letter.write_text(FOLLOW_UP, encoding="utf-8")
    code, _, err = run(store_settings, "ingest", "--no-index", str(letter))
    assert code == 0, err
    # The ingest reports the move of the followed promise.
    assert "Volglijst:" in err
    assert "termijn 2024-12-01 -> 2025-03-01" in err

    code, out, _ = run(store_settings, "watch", "report", "--since", "2024-11-10")
    assert code == 0 and "[2] wachttijden wijkverpleging: niets nieuws" in out

    assert run(store_settings, "watch", "remove", "2")[0] == 0
    code, out, _ = run(store_settings, "watch", "list")
    assert "wachttijden" not in out and housing.clause_id in out
    code, out, err = run(store_settings, "watch", "remove", "99")
    assert code == 1 and "no watch number 99" in err


def test_a_broken_watch_file_is_one_line(store_settings: Settings) -> None:
    (store_settings.home / WATCH_FILE).write_text("{kapot", encoding="utf-8")
    code, _, err = run(store_settings, "watch", "list")
    assert code == 1
    assert WATCH_FILE in err and len(err.strip().splitlines()) == 1
