"""The document-date inferrer: letterhead, place line, past-marked dates, year; never a deadline."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from corpus.model import Clause, Document
from ingest.pipeline import parse_file
from tagging.docdate import document_date, infer_document_date
from tagging.tag import reference_date, tag_clauses

D = dt.date
CORPUS = Path(__file__).resolve().parent.parent / "corpus" / "default"

# A letter without a "Datum" line whose latest date is a deadline a year after it was written.
NO_DATUM = """\
Geachte voorzitter,

In het commissiedebat van 11 mei 2023 heb ik toegezegd u te informeren over de wachtlijsten.
Op 12 mei jl. heeft de NZa haar analyse gepubliceerd.
De zorgverzekeraars leveren uiterlijk 1 juli 2024 hun plannen aan.
Vanaf 1 januari 2025 geldt de nieuwe bekostiging; per 2026 volgt de evaluatie.

De minister van Volksgezondheid, Welzijn en Sport
"""


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Kenmerk 1660369-203014-CZ\nDatum 29 juni 2020\nBetreft Voortgangsbrief", D(2020, 6, 29)),
        # Label and date on separate lines, as a two-column letterhead is often extracted.
        ("Kenmerk 3374378-PZO\nDatum\n30 juni 2022\nBetreft Visie", D(2022, 6, 30)),
        ("Datum:\n\n 3 Oktober 2023\n", D(2023, 10, 3)),
        # The letterhead wins over a later past-marked date and a deadline.
        (
            "Datum 2 februari 2021\nOp 12 mei jl. sprak ik. Uiterlijk 1 juli 2024 klaar.",
            D(2021, 2, 2),
        ),
        (
            "Geachte voorzitter,\nVoor 1 juli 2024 volgt meer.\nDen Haag, 16 juni 2023\n",
            D(2023, 6, 16),
        ),
        ("’s-Gravenhage, 4 maart 2019\nVoor 2020 volgt het plan.", D(2019, 3, 4)),
        # An impossible letterhead date is no date; the next evidence counts.
        ("Datum 31 februari 2023\nDe brief van 3 januari 2023 over de ggz.", D(2023, 1, 3)),
        # A month written with a long s still names September.
        ("Datum 1 ſeptember 2023\n", D(2023, 9, 1)),
    ],
)
def test_letterhead_and_place_line(text: str, expected: dt.date) -> None:
    assert infer_document_date(text) == expected


def test_a_letter_without_datum_line_is_not_dated_by_its_latest_deadline() -> None:
    # The known bug: the old inferrer took 1 January 2026 ("per 2026") or 1 July 2024 here.
    assert infer_document_date(NO_DATUM) == D(2023, 5, 12)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Dates after a deadline cue are no events of the past, however late they lie.
        (
            "Sinds 1 januari 2022 loopt het programma. Uiterlijk 1 januari 2025 is het klaar.",
            D(2022, 1, 1),
        ),
        (
            "De brief d.d. 19 mei 2026 gaat over de SEH. Voor 1 oktober 2026 komt het plan.",
            D(2026, 5, 19),
        ),
        (
            "Op 5 juni 2019 is de VNG partij geworden. Met ingang van 1 januari 2021 geldt dit.",
            D(2019, 6, 5),
        ),
        # "van ... tot ..." is a period, and "op 1 januari 2030 treedt" no past event.
        (
            "Het project loopt van 1 januari 2023 tot 1 januari 2030. Op 1 januari 2030 "
            "treedt het in werking. In 2022 begon het, in 2022 liep het.",
            D(2022, 7, 1),
        ),
        # A "jl." day takes its year from the latest fully dated past event ...
        (
            "In het debat van 20 april 2026 zegde ik dit toe. Op 8 juni jl. sprak ik partijen.",
            D(2026, 6, 8),
        ),
        # ... and a "jl." day long after that event belongs to the year before it.
        ("De brief van 19 mei 2026 volgt op het overleg van 6 oktober jl.", D(2026, 5, 19)),
    ],
)
def test_latest_date_marked_as_past(text: str, expected: dt.date) -> None:
    assert infer_document_date(text) == expected


def test_jl_days_without_a_full_date_fall_in_the_year_named_most() -> None:
    # In a June letter "6 oktober jl." is last October: the quietest stretch follows 8 June.
    text = (
        "In 2026 en 2026 werken we door; in 2027 volgt meer. Op 6 oktober jl. en 20 januari jl. "
        "en 16 maart jl. en 20 april jl. en 8 juni jl. is de Kamer geïnformeerd."
    )
    assert infer_document_date(text) == D(2026, 6, 8)


def test_year_guess_leaves_out_deadline_years() -> None:
    text = "In 2021 en 2021 is gewerkt. Uiterlijk in 2025, voor 2025 en per 2025 volgt meer."
    assert infer_document_date(text) == D(2021, 7, 1)


def test_no_year_no_date() -> None:
    assert infer_document_date("Geen jaartal hier, alleen 12 mei jl.") is None


# (document, its date in meta.json, the least the inferrer may be off, from its own text only)
BUNDLED = [
    ("000_763c262ae3ca81dd.txt", 0),  # its letterhead block carries "Datum 29 juni 2020"
    ("001_f49a419464a26771.txt", 31),  # the IZA names no date: the BO of 1 september 2022
    ("002_e431ec5e724aa676.txt", 31),  # no date: "Op 12 mei jl."
    ("003_bc5badbf8b9b28ce.txt", 31),  # no date: "8 juni jl."
    ("004_343f819aeff57cdd.txt", 62),  # no date: "de brief ... van 13 mei 2022"
]


@pytest.mark.parametrize(("name", "within"), BUNDLED)
def test_bundled_documents_dated_from_their_own_text(name: str, within: int) -> None:
    meta = json.loads((CORPUS / "meta.json").read_text(encoding="utf-8"))
    real = dt.date.fromisoformat(meta[name]["date"])
    inferred = infer_document_date((CORPUS / name).read_text(encoding="utf-8"))
    assert inferred is not None
    # Past-marked evidence comes before the letter, so the guess may be early, never late.
    assert real - dt.timedelta(days=within) <= inferred <= real


def test_ingest_dates_a_document_without_meta_from_its_text(tmp_path: Path) -> None:
    path = tmp_path / "brief.txt"
    path.write_text("Kenmerk 123\nDatum\n16 juni 2023\n\n" + NO_DATUM, encoding="utf-8")
    document, clauses = parse_file(path)
    # A letterhead date is read, not guessed: only a guess is flagged.
    assert (document.date, document.date_inferred) == (D(2023, 6, 16), False)
    assert document.source("date") == "briefhoofd"
    # The split letterhead is furniture, not a clause.
    assert not any("Datum" in c.text or "16 juni 2023" in c.text for c in clauses)


def test_tagging_resolves_deadlines_against_the_inferred_date() -> None:
    doc = Document(id="b.txt", title="b", date=None, doc_type="kamerbrief")
    texts = [
        "Op 12 mei jl. heeft de NZa haar analyse gepubliceerd.",
        "Voor de zomer volgt het plan.",
    ]
    clauses = [Clause(id=f"b:{i:05d}", doc="b.txt", ordinal=i, text=t) for i, t in enumerate(texts)]
    # The year comes from nowhere but the document's own date: 12 May of the year named most.
    clauses.append(Clause(id="b:00002", doc="b.txt", ordinal=2, text="Het jaar 2023 was druk."))
    assert reference_date(doc, clauses) == D(2023, 5, 12)
    tagged = tag_clauses(clauses, doc)
    assert tagged[1].deadline == D(2023, 7, 1)


@pytest.mark.parametrize(
    ("text", "expected", "source"),
    [
        # a right-hand column: other labels and values between "Datum" and its date
        (
            "Datum\nKenmerk\n16 juni 2023\n123-X\nVoor 1 juli 2025 klaar.",
            D(2023, 6, 16),
            "briefhoofd",
        ),
        ("Tekst.\nDen Haag, 16 juni 2023\n", D(2023, 6, 16), "plaats en datum"),
        (
            "Aldus overeengekomen en ondertekend te Utrecht op 3 april 2021.\nIn 2022 klaar.",
            D(2021, 4, 3),
            "ondertekening",
        ),
        (
            "Zorgakkoord\nseptember 2022\n\nPartijen spreken af per 2024 ...",
            D(2022, 9, 1),
            "titelpagina",
        ),
        (
            "Op 12 mei jl. sprak ik de NZa. In 2023 volgt meer. In 2023 ook.",
            D(2023, 5, 12),
            "geschat",
        ),
    ],
)
def test_document_date_says_where_it_was_read(text: str, expected: dt.date, source: str) -> None:
    assert document_date(text) == (expected, source)


@pytest.mark.parametrize(
    ("text", "expected", "source"),
    [
        # invented openings and closings, the date written in different places and ways
        (
            "Aan de voorzitter van de Tweede Kamer\n\nDen Haag, 3 maart 2024\n\nGeachte "
            "voorzitter,\nUiterlijk 1 juli 2025 volgt het plan.",
            D(2024, 3, 3),
            "plaats en datum",
        ),
        ("Ministerie van Zorgzaken\nKenmerk 4455-XY\nDatum 12 april 2023\n", D(2023, 4, 12), None),
        ("Kenmerk 7788\nDatum: 05-06-2023\nBetreft Wachttijden", D(2023, 6, 5), "briefhoofd"),
        ("datum: 3/3/2024\nBetreft Plan", D(2024, 3, 3), "briefhoofd"),
        ("Datum 7 okt. 2025\nBetreft Plan", D(2025, 10, 7), "briefhoofd"),
        ("Datum 14 sept 2025\n", D(2025, 9, 14), "briefhoofd"),
        ("Tekst van de brief.\nUtrecht, 14-11-2022\n", D(2022, 11, 14), "plaats en datum"),
        ("Den Haag, dinsdag 3 september 2024\nGeachte voorzitter,", D(2024, 9, 3), None),
        ("Den Haag, 3 maart 2024.\nGeachte voorzitter,", D(2024, 3, 3), "plaats en datum"),
        ("Den Haag, d.d. 3 maart 2024\n", D(2024, 3, 3), "plaats en datum"),
        ("Bergen op Zoom, 4 februari 2022\n", D(2022, 2, 4), "plaats en datum"),
        ("’s-Hertogenbosch, 8 mei 2021\n", D(2021, 5, 8), "plaats en datum"),
        # a dated signature at the end of a letter
        (
            "Voor 1 oktober 2024 volgt meer.\nMet vriendelijke groet,\n\nDe minister van "
            "Zorgzaken,\n\nJ. Jansen\n\nRotterdam, 9 mei 2024",
            D(2024, 5, 9),
            "plaats en datum",
        ),
        # an agreement's signing, with "op" or with its place and a comma
        (
            "Aldus overeengekomen te Amersfoort, 18 januari 2024.\n\nNamens de Stichting Zorgnet",
            D(2024, 1, 18),
            "ondertekening",
        ),
        (
            "Zo overeengekomen en getekend op 2-10-2023 te Zwolle.\nStichting A",
            D(2023, 10, 2),
            "ondertekening",
        ),
        # a title line with the date of what it records
        (
            "Verslag bestuurlijk overleg d.d. 1-2-2024\n\nAanwezig: de Stichting Zorgnet.\n"
            "Partijen spreken af voor 1 juli 2024 een plan te maken.",
            D(2024, 2, 1),
            "titelpagina",
        ),
        # "d.d." inside a sentence dates another letter, not this one: a past event
        (
            "Geachte voorzitter,\nIn uw brief d.d. 1-2-2024 vroeg u om een reactie. In 2024 "
            "volgt die.",
            D(2024, 2, 1),
            "geschat",
        ),
        # impossible days in figures are no dates
        ("Datum 31-02-2023\nDe brief van 3 januari 2023 over de ggz.", D(2023, 1, 3), "geschat"),
    ],
)
def test_invented_openings_and_signatures(text: str, expected: dt.date, source: str | None) -> None:
    found = document_date(text)
    assert found is not None and found[0] == expected
    if source is not None:
        assert found[1] == source


def test_a_date_in_figures_after_a_deadline_cue_is_no_past_event() -> None:
    text = "Sinds 1-3-2023 loopt het project. Uiterlijk 1-9-2025 is het klaar. In 2023 begon het."
    assert infer_document_date(text) == D(2023, 3, 1)


_DATE_PIECES = st.sampled_from(
    [
        "Datum",
        "Den Haag,",
        "d.d.",
        "1-2-2024",
        "31-02-2023",
        "7 okt.",
        "ſept",
        "2024",
        "\n",
        " ",
        "dinsdag",
        "3",
        "maart",
        "ondertekend op",
        "te Zwolle,",
        "Verslag",
        ".",
        "jl.",
        "/",
    ]
)


@settings(max_examples=200, deadline=None)
@given(st.lists(_DATE_PIECES, max_size=14).map(" ".join))
def test_document_date_never_raises_on_date_like_noise(text: str) -> None:
    found = document_date(text)
    assert found is None or isinstance(found[0], dt.date)
