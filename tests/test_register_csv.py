"""Property tests: any row text survives the CSV round trip; the link rules never raise."""

from __future__ import annotations

import csv
import datetime as dt
import io

from hypothesis import given
from hypothesis import strategies as st

from corpus.register import COLUMNS, RegisterRow, status_of, write_csv
from ingest.links import is_fulfilment
from tagging.registry import register_ids

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
    assert tuple(parsed[0]) == COLUMNS
    record = dict(zip(COLUMNS, parsed[1], strict=True))
    assert record["text"] == text
    assert record["actors"] == "; ".join(actors)
    assert record["deadline"] == deadline.isoformat()
    assert record["status"] == ("overdue" if deadline < dt.date(2025, 1, 1) else "open")


@given(st.text(max_size=400))
def test_link_rules_never_raise(text: str) -> None:
    assert isinstance(is_fulfilment(text), bool)
    assert all(i for i in register_ids(text))


@given(
    deadline=st.none() | st.dates(dt.date(2000, 1, 1), dt.date(2040, 12, 31)),
    fulfilled=st.booleans(),
    as_of=st.dates(dt.date(2000, 1, 1), dt.date(2040, 12, 31)),
)
def test_status_rule(deadline: dt.date | None, fulfilled: bool, as_of: dt.date) -> None:
    # The one rule the register, the toezeggingen and the search card share.
    expected = (
        "done" if fulfilled else "overdue" if deadline is not None and deadline < as_of else "open"
    )
    assert status_of(deadline, fulfilled, as_of) == expected
