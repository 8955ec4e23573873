"""The toezegging tracker on a two-letter corpus ingested into a real store, library and CLI."""

from __future__ import annotations

import csv
import datetime as dt
import io
from pathlib import Path

import pytest
from click.testing import CliRunner
from streamlit.testing.v1 import AppTest
from test_links import write_letters

from app import service
from app.cli import cli
from app.config import Settings
from corpus.register import deadline_rows, toezegging_rows
from corpus.store import Store


@pytest.fixture
def letters_home(tmp_path: Path) -> Settings:
    """A home whose store holds only the two letters, ingested the way the CLI does it."""
    settings = Settings.load(home=tmp_path / "home")
    report = service.ingest(settings, [write_letters(tmp_path / "letters")])
    assert sorted(report.added) == ["brief_a.txt", "brief_b.txt"]
    return settings


def test_fulfilled_promise_is_done_with_its_link(letters_home: Settings) -> None:
    with Store(letters_home.store_path) as store:
        rows = toezegging_rows(store, as_of=dt.date(2025, 1, 1))
    regio = next(r for r in rows if "evaluatie van de regiobeelden" in r.text)
    assert regio.doc == "brief_a.txt"
    assert regio.status == "voldaan"
    assert regio.fulfilled_in == "brief_b.txt"
    assert regio.link_method == "similarity"
    assert regio.fulfilled_text and "voldoe ik aan de toezegging" in regio.fulfilled_text
    trauma = next(r for r in rows if "traumachirurgie" in r.text and r.doc == "brief_a.txt")
    assert trauma.status == "voldaan"
    assert trauma.register_id == "TZ202403-015"
    assert trauma.link_method == "register-id"
    assert trauma.minister == "minister van VWS"


def test_status_filter_keeps_only_done(letters_home: Settings) -> None:
    with Store(letters_home.store_path) as store:
        done = toezegging_rows(store, status="voldaan", as_of=dt.date(2025, 1, 1))
    assert {r.doc for r in done} == {"brief_a.txt"}
    assert all(r.fulfilled_by for r in done)
    assert not any("huisvesting" in r.text for r in done)


def test_unfulfilled_dated_promise_turns_overdue(letters_home: Settings) -> None:
    # Needs the tagger: "in het najaar" in a letter of 2024 is due 2024-11-30.
    with Store(letters_home.store_path) as store:
        before = deadline_rows(store, as_of=dt.date(2024, 10, 1))
        after = deadline_rows(store, as_of=dt.date(2025, 1, 1))
    housing_before = next(r for r in before if "huisvesting" in r.text)
    housing_after = next(r for r in after if "huisvesting" in r.text)
    assert housing_before.deadline == dt.date(2024, 11, 30)
    assert housing_before.status == "openstaand"
    assert housing_after.status == "termijn verstreken"
    regio = next(
        r for r in after if "evaluatie van de regiobeelden" in r.text and r.doc == "brief_a.txt"
    )
    assert regio.deadline == dt.date(2024, 7, 1)
    assert regio.status == "voldaan"
    assert regio.fulfilled_in == "brief_b.txt"


def test_cli_toezeggingen_csv(letters_home: Settings) -> None:
    result = CliRunner().invoke(
        cli,
        ["--home", str(letters_home.home), "toezeggingen", "--status", "voldaan", "--csv", "-"],
    )
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.output)))
    assert rows, result.output
    assert {r["fulfilled_in"] for r in rows} == {"brief_b.txt"}
    assert any(r["register_id"] == "TZ202403-015" for r in rows)


def test_cli_rejects_an_unknown_status(letters_home: Settings) -> None:
    result = CliRunner().invoke(
        cli, ["--home", str(letters_home.home), "toezeggingen", "--status", "later"]
    )
    assert result.exit_code != 0
    assert "later" in result.output


def _card(store_path: str, clause_id: str) -> None:
    """An AppTest script: the search page's answer card for one stored clause."""
    from app.ui.search import answer_card
    from corpus.model import Hit
    from corpus.register import fulfilled_ids
    from corpus.store import Store

    with Store(store_path) as store:
        clause = store.clause(clause_id)
        assert clause is not None
        hit = Hit(clause, 1.0, "fused", store.document(clause.doc))
        answer_card(1, hit, "regiobeelden", store, clause.id in fulfilled_ids(store))


def test_search_card_shows_the_registers_status(letters_home: Settings) -> None:
    # A known bug: the card called a fulfilled promise overdue once its date had passed,
    # while the register called it done.
    with Store(letters_home.store_path) as store:
        rows = deadline_rows(store)
    regio = next(
        r for r in rows if "evaluatie van de regiobeelden" in r.text and r.doc == "brief_a.txt"
    )
    assert regio.deadline is not None and regio.deadline < dt.date.today()
    assert regio.status == "voldaan"
    at = AppTest.from_function(
        _card, args=(str(letters_home.store_path), regio.clause_id), default_timeout=60
    ).run()
    assert not at.exception
    when = [m.value for m in at.markdown if m.value.startswith("**Wanneer**")]
    assert len(when) == 1
    assert ":green-badge[voldaan]" in when[0] and "verstreken" not in when[0]
