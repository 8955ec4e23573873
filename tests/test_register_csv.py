"""Property tests: any row text survives the CSV round trip; the link rules never raise."""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import io
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from corpus.register import (
    COLUMNS,
    DUTCH_HEADERS,
    RegisterRow,
    settlement_of,
    status_of,
    write_csv,
)
from ingest.links import is_fulfilment
from tagging.registry import register_ids

FORMULA = ("=", "+", "-", "@", "\t", "\r")
# Cell text as clauses may hold it: quotes, separators, line breaks, accents and emoji.
cell = st.text(
    alphabet=st.characters(exclude_categories=["Cs"], exclude_characters="\x00"),
    max_size=80,
)


def make_row(text: str, actors: tuple[str, ...], deadline: dt.date) -> RegisterRow:
    return RegisterRow(
        doc="brief.txt",
        title='Kamerbrief; "voortgang", deel 1',
        letter_date=dt.date(2024, 3, 12),
        page=None,
        section="",
        actors=actors,
        text=text,
        deadline_text=None,
        deadline=deadline,
        theme=None,
        kind="toezegging",
        status=status_of(deadline, False, dt.date(2025, 1, 1)),
        clause_id="brief:00001",
    )


@given(
    text=cell,
    actors=st.lists(cell.filter(lambda a: ";" not in a), max_size=3).map(tuple),
    deadline=st.dates(dt.date(2000, 1, 1), dt.date(2040, 12, 31)),
    excel=st.booleans(),
)
def test_csv_round_trip(text: str, actors: tuple[str, ...], deadline: dt.date, excel: bool) -> None:
    row = make_row(text, actors, deadline)
    out = io.StringIO(newline="")
    write_csv([row], out, excel=excel)
    data = out.getvalue()
    if excel:
        assert data.startswith("\ufeff")
        data = data[1:]
    parsed = list(csv.reader(io.StringIO(data, newline=""), delimiter=";" if excel else ","))
    headers = tuple(DUTCH_HEADERS[c] for c in COLUMNS) if excel else COLUMNS
    assert tuple(parsed[0]) == headers
    record = dict(zip(COLUMNS, parsed[1], strict=True))
    # A cell a spreadsheet would run as a formula keeps its text behind an apostrophe.
    assert record["text"] == ("'" + text if text.startswith(FORMULA) else text)
    assert not record["text"].startswith(("=", "+", "-", "@"))
    joined = "; ".join(actors)
    assert record["actors"] == ("'" + joined if joined.startswith(FORMULA) else joined)
    assert record["deadline"] == deadline.isoformat()
    assert record["status"] == (
        "termijn verstreken" if deadline < dt.date(2025, 1, 1) else "openstaand"
    )


@given(st.text(max_size=400))
def test_link_rules_never_raise(text: str) -> None:
    assert isinstance(is_fulfilment(text), bool)
    assert all(i for i in register_ids(text))


@given(
    deadline=st.none() | st.dates(dt.date(2000, 1, 1), dt.date(2040, 12, 31)),
    settled=st.sampled_from([None, False, True, "voldaan", "deels voldaan", "vervallen"]),
    as_of=st.dates(dt.date(2000, 1, 1), dt.date(2040, 12, 31)),
)
def test_status_rule(deadline: dt.date | None, settled: Any, as_of: dt.date) -> None:
    # The one rule the register, the toezeggingen and the search card share.
    if settled:
        expected = "voldaan" if settled is True else settled
    elif deadline is not None and deadline < as_of:
        expected = "termijn verstreken"
    else:
        expected = "openstaand"
    assert status_of(deadline, settled, as_of) == expected


def test_settlement_words() -> None:
    assert settlement_of("Met deze brief voldoe ik aan de toezegging.") == "voldaan"
    assert settlement_of("Hiermee voldoe ik deels aan de toezegging.") == "deels voldaan"
    partial = "Daarmee is gedeeltelijk invulling gegeven aan de toezegging."
    assert settlement_of(partial) == "deels voldaan"
    assert settlement_of("Ik beschouw deze toezegging als vervallen.") == "vervallen"
    assert settlement_of("De toezegging is niet langer actueel.") == "vervallen"


def test_excel_csv_has_dutch_headers_decimal_comma_and_open_dates() -> None:
    row = dataclasses.replace(
        make_row('=HYPERLINK("http://x")', ("@VWS",), dt.date(2026, 1, 1)),
        deadline=None,
        deadline_text="?",
    )
    out = io.StringIO(newline="")
    write_csv([row], out, excel=True)
    parsed = list(csv.reader(io.StringIO(out.getvalue()[1:], newline=""), delimiter=";"))
    record = dict(zip(parsed[0], parsed[1], strict=True))
    assert record["Termijn"] == "open termijn" and record["Zoals geschreven"] == "?"
    assert record["Wat"] == '\'=HYPERLINK("http://x")' and record["Wie"] == "'@VWS"
    plain = io.StringIO(newline="")
    write_csv([row], plain)
    record = next(csv.DictReader(io.StringIO(plain.getvalue(), newline="")))
    assert record["deadline"] == "" and record["deadline_text"] == "?"
    assert record["text"].startswith("'=")
