"""The deadline register over the bundled corpus: named rows, filters, status, CSV and CLI."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from app import service
from app.cli import cli
from app.config import Settings
from corpus.filter import ClauseFilter, FilterError, actor_matches
from corpus.model import Clause, Document
from corpus.register import (
    COLUMNS,
    COMMITMENT_KINDS,
    RegisterError,
    RegisterRow,
    deadline_rows,
    minister_of,
    toezegging_rows,
    write_csv,
)
from corpus.store import Store

IZA = "001_f49a419464a26771.txt"
EERSTE_LIJN = "002_e431ec5e724aa676.txt"
VOORTGANG_2026 = "003_bc5badbf8b9b28ce.txt"
KWALITEIT = "004_343f819aeff57cdd.txt"
AS_OF = dt.date(2026, 6, 20)


@pytest.fixture(scope="module")
def store(built_settings: Settings) -> Iterator[Store]:
    with Store(built_settings.store_path) as s:
        yield s


@pytest.fixture(scope="module")
def rows(store: Store) -> list[RegisterRow]:
    return deadline_rows(store, as_of=AS_OF)


def row_with(rows: list[RegisterRow], doc: str, words: str) -> RegisterRow:
    found = [r for r in rows if r.doc == doc and words in r.text]
    assert found, f"no dated row of {doc} contains {words!r}"
    return found[0]


@pytest.mark.parametrize(
    ("doc", "words", "deadline", "actors"),
    [
        (IZA, "Inrichten programmateam", dt.date(2022, 10, 1), ("VWS",)),
        (
            IZA,
            "Kamerbrief sturen over verbetering en verbreding toets op het basispakket",
            dt.date(2023, 12, 1),
            ("VWS",),
        ),
        (
            IZA,
            "Ontwikkelen werkwijze die passende zorg stimuleert bij de zorginkoop",
            dt.date(2023, 7, 1),
            ("NZa", "ZINl"),
        ),
        (
            IZA,
            "Inschatten financiële impact maatregelen acute zorg",
            dt.date(2023, 7, 1),
            ("ZN", "VWS", "NVZ", "NFU", "LHV", "InEen"),
        ),
        (
            VOORTGANG_2026,
            "Werkagenda Betere Beschikbaarheid Geneesmiddelen",
            dt.date(2026, 7, 1),
            ("kabinet",),
        ),
        (EERSTE_LIJN, "informeert zij de Kamer voor het zomerreces", dt.date(2023, 7, 1), ()),
    ],
)
def test_named_rows_have_actor_and_deadline(
    rows: list[RegisterRow], doc: str, words: str, deadline: dt.date, actors: tuple[str, ...]
) -> None:
    row = row_with(rows, doc, words)
    assert row.deadline == deadline
    for actor in actors:
        assert actor_matches(row.actors, actor), (actor, row.actors)
    assert row.title and row.letter_date is not None
    assert row.status == ("termijn verstreken" if deadline < AS_OF else "openstaand")


def test_every_document_has_dated_commitments_and_rows_are_sorted(
    rows: list[RegisterRow], store: Store
) -> None:
    assert {r.doc for r in rows} == {d.id for d in store.documents()}
    # Dated rows by date, then the rows with an open date.
    keys = [
        (r.deadline is None, r.deadline or dt.date.max, r.doc, int(r.clause_id.rsplit(":", 1)[1]))
        for r in rows
    ]
    assert keys == sorted(keys)
    assert all(
        (r.deadline is not None or r.deadline_text)
        and r.status in ("openstaand", "termijn verstreken", "voldaan")
        for r in rows
    )


def test_filters_narrow_the_register(store: Store, rows: list[RegisterRow]) -> None:
    vws = deadline_rows(store, ClauseFilter(actor="vws"), as_of=AS_OF)
    assert vws and len(vws) < len(rows)
    assert all(any("vws" in a.casefold() for a in r.actors) for r in vws)
    for wanted in ("003", "003_bc5badbf8b9b28ce", VOORTGANG_2026):
        only_2026 = deadline_rows(store, ClauseFilter(doc=wanted), as_of=AS_OF)
        assert only_2026 and {r.doc for r in only_2026} == {VOORTGANG_2026}
    first, last = dt.date(2023, 1, 1), dt.date(2023, 6, 30)
    window = deadline_rows(store, ClauseFilter(deadline_from=first, deadline_until=last))
    assert window and all(r.deadline and first <= r.deadline <= last for r in window)
    open_rows = deadline_rows(store, status="openstaand", as_of=AS_OF)
    assert open_rows and all(r.deadline is None or r.deadline >= AS_OF for r in open_rows)
    afspraken = deadline_rows(store, ClauseFilter(kind="afspraak"), as_of=AS_OF)
    assert afspraken and all(r.kind == "afspraak" for r in afspraken)
    with pytest.raises(RegisterError, match="later"):
        deadline_rows(store, status="later")
    for read in (deadline_rows, toezegging_rows):
        with pytest.raises(FilterError, match=r"^999_missing\.txt: no such document"):
            read(store, ClauseFilter(doc="999_missing.txt"))


def test_register_keeps_exactly_the_dated_clauses_the_filter_accepts(store: Store) -> None:
    # The register and the search apply one ClauseFilter: a row for every dated content clause
    # it accepts, and no other.
    where = ClauseFilter(actor="NZa", deadline_from=dt.date(2023, 1, 1))
    expected = {
        c.id
        for c in store.clauses()
        if c.deadline is not None and c.kind in COMMITMENT_KINDS and c.block != "footnote"
        if where.accepts(c)
    }
    assert expected
    assert {r.clause_id for r in deadline_rows(store, where)} == expected


def test_toezeggingen_take_the_same_filter(store: Store) -> None:
    everything = toezegging_rows(store, as_of=AS_OF)
    only = toezegging_rows(store, ClauseFilter(doc="003"), as_of=AS_OF)
    assert only and len(only) < len(everything)
    assert {r.doc for r in only} == {VOORTGANG_2026}
    assert only == [r for r in everything if r.doc == VOORTGANG_2026]


def test_register_ids_of_the_2026_letter_are_done(store: Store) -> None:
    rows = toezegging_rows(store, as_of=dt.date(2027, 1, 1))
    by_id: dict[str, list[str]] = {}
    for r in rows:
        for rid in (r.register_id or "").split("; "):
            if rid:
                by_id.setdefault(rid, []).append(r.status)
    for rid in ("TZ202603-200", "TZ202604-007", "TZ202606-144"):
        assert "voldaan" in by_id.get(rid, []), (rid, by_id.get(rid))
    regeldruk = next(r for r in rows if r.register_id == "TZ202606-144" and r.status == "voldaan")
    assert regeldruk.doc == VOORTGANG_2026
    assert "LJS" in regeldruk.minister
    assert regeldruk.fulfilled_in == VOORTGANG_2026


def test_toezegging_number_of_the_quality_letter_is_done(store: Store) -> None:
    rows = toezegging_rows(store, status="voldaan")
    row = next(r for r in rows if r.register_id == "10454")
    assert row.doc == KWALITEIT
    assert row.deadline == dt.date(2022, 6, 30)


def test_links_never_run_backwards_in_time(store: Store) -> None:
    dates = {d.id.rsplit(".", 1)[0]: d.date for d in store.documents()}
    links = store.links("fulfils")
    assert links
    for lk in links:
        source_date = dates[lk.source.rsplit(":", 1)[0]]
        target_date = dates[lk.target.rsplit(":", 1)[0]]
        assert source_date and target_date and target_date <= source_date


def test_csv_is_rfc4180_and_excel_variant_has_bom_and_semicolons(rows: list[RegisterRow]) -> None:
    plain = io.StringIO(newline="")
    assert write_csv(rows[:20], plain) == 20
    text = plain.getvalue()
    assert text.startswith("doc,title,") and "\r\n" in text
    parsed = list(csv.reader(io.StringIO(text, newline="")))
    assert tuple(parsed[0]) == COLUMNS
    assert [r[COLUMNS.index("clause_id")] for r in parsed[1:]] == [r.clause_id for r in rows[:20]]
    assert parsed[1][COLUMNS.index("actors")] == "; ".join(rows[0].actors)

    excel = io.StringIO(newline="")
    write_csv(rows[:5], excel, excel=True)
    assert excel.getvalue().startswith("\ufeffDocument;Titel;Datum brief;")
    parsed = list(csv.reader(io.StringIO(excel.getvalue()[1:], newline=""), delimiter=";"))
    assert [r[COLUMNS.index("deadline")] for r in parsed[1:]] == [
        r.deadline.isoformat() for r in rows[:5] if r.deadline
    ]


def test_cli_deadlines_csv_and_table(built_settings: Settings, tmp_path: Path) -> None:
    home = ["--home", str(built_settings.home)]
    runner = CliRunner()
    result = runner.invoke(
        cli, [*home, "deadlines", "--doc", VOORTGANG_2026, "--as-of", "2026-06-20", "--csv", "-"]
    )
    assert result.exit_code == 0, result.output
    parsed = list(csv.DictReader(io.StringIO(result.output, newline="")))
    assert parsed and {r["doc"] for r in parsed} == {VOORTGANG_2026}
    deadlines = [r["deadline"] for r in parsed]
    assert deadlines == sorted(deadlines)

    out = tmp_path / "register.csv"
    result = runner.invoke(
        cli, [*home, "deadlines", "--actor", "NZa", "--csv", str(out), "--excel"]
    )
    assert result.exit_code == 0, result.output
    raw = out.read_bytes()
    assert raw.startswith("\ufeffDocument;Titel;".encode())

    result = runner.invoke(
        cli, [*home, "deadlines", "--doc", "003", "--status", "open", "--as-of", "2026-06-20"]
    )
    assert result.exit_code == 0, result.output
    assert "2026-07-01" in result.output

    result = runner.invoke(cli, [*home, "deadlines", "--csv", str(tmp_path / "nope" / "x.csv")])
    assert result.exit_code == 1
    assert "nope" in result.output


def test_every_row_of_annex_l_is_in_the_register(store: Store) -> None:
    # Annex L lists 121 actions by the count; 120 are table rows (the 121st,
    # "Koppelen financiële ombuigingen aan inhoudelijke maatregelen", has no Gereed and no
    # responsible cell and is read as the heading of the six rows under it). Rows with "?" in
    # the Gereed column have an open date and are in the register too.
    annex = [c for c in store.clauses(IZA) if "Bijlage L Uitwerkpunten IZA" in c.section]
    table_rows = {c.id for c in annex if c.block == "table_row"}
    rows = deadline_rows(store, ClauseFilter(doc="001"), as_of=AS_OF)
    in_register = {r.clause_id for r in rows} & table_rows
    assert len(in_register) / 121 >= 0.98
    assert in_register == table_rows
    open_dates = [r for r in rows if r.clause_id in table_rows and r.deadline is None]
    assert len(open_dates) >= 20
    assert all(r.deadline_text == "?" and r.status == "openstaand" for r in open_dates)
    assert all(r.when() == "open termijn" for r in open_dates)
    risico = next(r for r in open_dates if "Onderzoek verbetering risicoverevening" in r.text)
    assert {"VWS", "ZINl", "ZN"} <= set(risico.actors)
    dated = deadline_rows(store, ClauseFilter(doc="001"), as_of=AS_OF, dated=True)
    assert {r.clause_id for r in dated} == {r.clause_id for r in rows if r.deadline}


def test_cli_dated_and_open_dates(built_settings: Settings) -> None:
    home = ["--home", str(built_settings.home)]
    runner = CliRunner()
    every = runner.invoke(cli, [*home, "deadlines", "--doc", "001", "--csv", "-"])
    dated = runner.invoke(cli, [*home, "deadlines", "--doc", "001", "--dated", "--csv", "-"])
    assert every.exit_code == dated.exit_code == 0
    every_rows = list(csv.DictReader(io.StringIO(every.output, newline="")))
    dated_rows = list(csv.DictReader(io.StringIO(dated.output, newline="")))
    assert len(every_rows) - len(dated_rows) >= 20
    assert all(r["deadline"] for r in dated_rows)
    table = runner.invoke(cli, [*home, "deadlines", "--doc", "001", "--status", "openstaand"])
    assert table.exit_code == 0 and "open termijn" in table.output
    alias = runner.invoke(
        cli, [*home, "deadlines", "--doc", "001", "--status", "open", "--csv", "-"]
    )
    assert alias.exit_code == 0
    assert {r["status"] for r in csv.DictReader(io.StringIO(alias.output))} == {"openstaand"}


# A letter whose footnotes name dates: a promise's registry number with its due date, a
# report's publication date. Only the body's commitment may become a register row.
_LETTER_WITH_NOTES = """Geachte voorzitter,

De NZa past de prestaties voor de wijkverpleging uiterlijk 1 juli 2025 aan.1 Daarover \
informeer ik uw Kamer voor het zomerreces.

Uit het rapport blijkt dat het aantal wijkverpleegkundigen in de afgelopen jaren sterk is \
gestegen, vooral in de grote steden.2

1 Toezegging TZ202403-015, gedaan op 12 maart 2024; de NZa rapporteert voor 1 oktober 2025.
2 Zie het rapport van het Nivel van 1 december 2024.

De minister van Volksgezondheid, Welzijn en Sport,
"""


def test_footnotes_never_become_register_rows(tmp_path: Path) -> None:
    folder = tmp_path / "brieven"
    folder.mkdir()
    (folder / "noten.txt").write_text(_LETTER_WITH_NOTES, encoding="utf-8")
    meta = {"noten.txt": {"date": "2025-03-01", "doc_type": "kamerbrief"}}
    (folder / "meta.json").write_text(json.dumps(meta), encoding="utf-8")
    settings = Settings.load(home=tmp_path / "home")
    service.ingest(settings, [folder])
    with Store(settings.store_path) as store:
        clauses = list(store.clauses())
        rows = deadline_rows(store, as_of=dt.date(2025, 3, 2))
    notes = [c for c in clauses if c.block == "footnote"]
    # The note naming the promise's registry number carries its due date, yet stays out.
    assert any(c.deadline == dt.date(2025, 10, 1) for c in notes)
    assert [r.deadline for r in rows] == [dt.date(2025, 7, 1)]
    assert "prestaties voor de wijkverpleging" in rows[0].text
    assert not {r.clause_id for r in rows} & {c.id for c in notes}


_TWO_DATES = "\n\n".join(
    [
        "Kamerbrief over de bekostiging van de wijkverpleging",
        "Den Haag, 3 maart 2025",
        "Geachte voorzitter,",
        "Het Zorginstituut Nederland brengt in het najaar van 2025 een advies uit over de "
        "bekostiging van de wijkverpleging. Ik stuur uw Kamer vóór 1 december 2025 een "
        "voortgangsbrief.",
        "De NZa past de beleidsregel aan per 1 januari 2026. Ik informeer uw Kamer hierover "
        "voor de zomer van 2025.",
        "Hoogachtend,",
        "de minister van Volksgezondheid, Welzijn en Sport,",
        "P. de Vries",
    ]
)


def test_a_short_promise_with_its_own_date_is_a_row_of_its_own(tmp_path: Path) -> None:
    """A short sentence joins its neighbour, but not when both name a date: the promise to
    parliament keeps its own deadline and the minister as its doer (no meta.json)."""
    folder = tmp_path / "brieven"
    folder.mkdir()
    (folder / "wijkverpleging.txt").write_text(_TWO_DATES, encoding="utf-8")
    settings = Settings.load(home=tmp_path / "home")
    service.ingest(settings, [folder])
    with Store(settings.store_path) as store:
        rows = deadline_rows(store, as_of=dt.date(2025, 3, 4))
    by_date = {r.deadline: r for r in rows}
    assert set(by_date) == {
        dt.date(2025, 7, 1),
        dt.date(2025, 11, 30),
        dt.date(2025, 12, 1),
        dt.date(2026, 1, 1),
    }
    promise = by_date[dt.date(2025, 12, 1)]
    assert promise.text.startswith("Ik stuur uw Kamer") and "Zorginstituut" not in promise.text
    assert "minister van VWS" in promise.actors
    assert by_date[dt.date(2025, 7, 1)].text.startswith("Ik informeer uw Kamer hierover")


def test_the_minister_column_names_every_minister_who_promises() -> None:
    letter = Document(
        id="brief.txt",
        title="Voortgang",
        date=dt.date(2025, 3, 1),
        doc_type="kamerbrief",
        senders=("minister van VWS", "minister voor LZS"),
    )

    def clause(*actors: str) -> Clause:
        return Clause(id="brief:1", doc="brief.txt", ordinal=1, text="...", actors=actors)

    # Both signers promise ("wij"): both are named, in the order the clause gives them.
    assert minister_of(clause("minister van VWS", "minister voor LZS"), letter) == (
        "minister van VWS; minister voor LZS"
    )
    # Another member of the cabinet promises: that one, not the letter's signers.
    assert minister_of(clause("NZa", "staatssecretaris van VWS"), letter) == (
        "staatssecretaris van VWS"
    )
    # Nobody of the government among the actors: the letter's senders.
    assert minister_of(clause("NZa"), letter) == "minister van VWS; minister voor LZS"
