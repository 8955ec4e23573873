"""The small corpus the page tests run on: its register as a reader of its three texts sees it."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from app import service
from app.config import Settings
from corpus.register import deadline_rows, toezegging_rows
from corpus.store import Store

# A day after every deadline of 2024 and before the one of 2090.
AS_OF = dt.date(2025, 6, 1)


def test_the_register_holds_the_four_dated_commitments(store_settings: Settings) -> None:
    with Store(store_settings.store_path) as store:
        rows = deadline_rows(store, as_of=AS_OF)
    assert [(r.doc, r.deadline, r.deadline_text, r.status, r.kind) for r in rows] == [
        (
            "afspraken.txt",
            dt.date(2023, 7, 1),
            "voor 1 juli 2023",
            "termijn verstreken",
            "afspraak",
        ),
        ("brief_wijk.txt", dt.date(2024, 10, 1), "voor 1 oktober 2024", "voldaan", "toezegging"),
        (
            "brief_wijk.txt",
            dt.date(2024, 12, 1),
            "voor 1 december 2024",
            "termijn verstreken",
            "toezegging",
        ),
        ("afspraken.txt", dt.date(2090, 1, 1), "voor 1 januari 2090", "openstaand", "afspraak"),
    ]
    assert rows[-1].actors == ("NZa",)


def test_the_two_promises_and_the_letter_that_fulfils_one(store_settings: Settings) -> None:
    with Store(store_settings.store_path) as store:
        rows = toezegging_rows(store, as_of=AS_OF)
    assert [(r.deadline, r.status, r.register_id, r.fulfilled_in) for r in rows] == [
        (dt.date(2024, 10, 1), "voldaan", "TZ202403-021", "brief_antwoord.txt"),
        (dt.date(2024, 12, 1), "termijn verstreken", None, None),
    ]
    assert {r.minister for r in rows} == {"minister van VWS"}
    assert rows[0].link_method == "register-id"


def test_what_this_letter_does_now_is_no_promise(tmp_path: Path) -> None:
    letter = tmp_path / "brief.txt"
    letter.write_text(
        "Geachte voorzitter,\n\nMet deze brief informeer ik uw Kamer over de wijkverpleging.\n",
        encoding="utf-8",
    )
    settings = Settings(home=tmp_path / "home")
    assert service.ingest(settings, [letter]).added == ["brief.txt"]
    with Store(settings.store_path) as store:
        assert toezegging_rows(store, as_of=AS_OF) == []
