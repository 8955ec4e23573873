"""The deadline register as an iCalendar file, read back with the icalendar library."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

import icalendar
from click.testing import CliRunner

from app.cli import cli
from app.config import Settings
from corpus.register import deadline_rows, write_ics
from corpus.store import Store

AS_OF = dt.date(2025, 6, 1)


def _events(data: bytes) -> list[icalendar.Event]:
    cal = icalendar.Calendar.from_ical(data)
    assert cal["VERSION"] == "2.0" and cal["PRODID"]
    return list(cal.walk("VEVENT"))


def test_one_all_day_event_per_dated_commitment(store_settings: Settings, tmp_path: Path) -> None:
    out = tmp_path / "termijnen.ics"
    home = ["--home", str(store_settings.home)]
    result = CliRunner().invoke(
        cli, [*home, "deadlines", "--as-of", AS_OF.isoformat(), "--ics", str(out)]
    )
    assert result.exit_code == 0, result.output
    events = _events(out.read_bytes())
    with Store(store_settings.store_path) as store:
        rows = deadline_rows(store, as_of=AS_OF, dated=True)
    assert len(events) == len(rows) == 4
    by_uid = {str(e["UID"]): e for e in events}
    for r in rows:
        event = by_uid[f"{r.clause_id}@akkoord"]
        start, end = event.decoded("DTSTART"), event.decoded("DTEND")
        # All-day: dates, not datetimes, one day long.
        assert type(start) is dt.date and start == r.deadline
        assert end - start == dt.timedelta(days=1)
        assert str(event["SUMMARY"]).startswith(f"{', '.join(r.actors) or 'onbekende actor'}: ")
        description = str(event["DESCRIPTION"])
        assert f"Bron: {r.title} ({r.doc})" in description
        assert f"Status: {r.status}" in description
    wijk = by_uid[next(f"{r.clause_id}@akkoord" for r in rows if r.doc == "brief_wijk.txt")]
    assert "wachttijden in de wijkverpleging" in str(wijk["SUMMARY"])


def test_uids_and_file_are_stable_across_runs(store_settings: Settings, tmp_path: Path) -> None:
    home = ["--home", str(store_settings.home)]
    runs = []
    for name in ("a.ics", "b.ics"):
        result = CliRunner().invoke(cli, [*home, "deadlines", "--ics", str(tmp_path / name)])
        assert result.exit_code == 0, result.output
        runs.append((tmp_path / name).read_bytes())
    assert runs[0] == runs[1]
    assert [str(e["UID"]) for e in _events(runs[0])] == [str(e["UID"]) for e in _events(runs[1])]


def test_undated_rows_make_no_event_and_text_survives(store_settings: Settings) -> None:
    with Store(store_settings.store_path) as store:
        rows = deadline_rows(store, as_of=AS_OF)
    texts = ['Komma, puntkomma; "quote"\nregel', "é € ✓"]
    odd = [dataclasses.replace(r, text=t) for r, t in zip(rows, texts, strict=False)]
    undated = dataclasses.replace(odd[0], deadline=None)
    events = _events(write_ics([*odd, undated]))
    assert len(events) == 2
    assert 'puntkomma; "quote"' in str(events[0]["DESCRIPTION"])
    assert "é € ✓" in str(events[1]["SUMMARY"])


def test_unwritable_ics_is_one_line(store_settings: Settings, tmp_path: Path) -> None:
    home = ["--home", str(store_settings.home)]
    target = tmp_path / "nope" / "x.ics"
    result = CliRunner().invoke(cli, [*home, "deadlines", "--ics", str(target)])
    assert result.exit_code == 1
    assert "nope" in result.output and len(result.output.strip().splitlines()) == 1
