"""A document's own description, read from short letters and agreements written for these tests."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from ingest.pipeline import load_meta, parse_file
from tagging.actors import senders_as_actors
from tagging.describe import describe, signer_voice

CORPUS = Path(__file__).resolve().parent.parent / "corpus" / "default"

RIGHT_COLUMN_LETTER = """\
Ministerie van Volksgezondheid,
Welzijn en Sport
> Retouradres Postbus 20350 2500 EJ Den Haag
De Voorzitter van de Tweede Kamer
der Staten-Generaal
Bezoekadres
Parnassusplein 5
Datum
Kenmerk
3 maart 2024
4455667-1234-GMT
Betreft Wachttijden in de ggz

Geachte voorzitter,

Met deze brief informeer ik u over de wachttijden. Voor 1 juli 2025 volgt een plan.

De Staatssecretaris van Volksgezondheid,
Welzijn en Sport,

drs. P. de Vries
"""

TWO_SIGNERS = """\
Den Haag, 16 juni 2023
Aan de Voorzitter van de Tweede Kamer der Staten-Generaal
Onderwerp: Voortgang zorgakkoord

Geachte voorzitter,

Wij sturen u de voortgang. Uiterlijk 1 januari 2026 is alles klaar.

Hoogachtend,

de minister van Volksgezondheid,   de minister voor Medische Zorg
Welzijn en Sport,                  en Sport,

A. Jansen                          B. Pietersen
"""

NAMENS = """\
Geacht college,

Gemeenten ontvangen in 2025 een extra uitkering.

Met vriendelijke groet,

De Minister van Binnenlandse Zaken en Koninkrijksrelaties,
namens deze,
de directeur-generaal Openbaar Bestuur,

mr. K. Smit
"""

AGREEMENT = """\
Hoofdlijnenakkoord Wijkzorg
Samen sterker in de wijk
12 april 2021

1 Inleiding
Met dit Hoofdlijnenakkoord Wijkzorg (HWZ) spreken de ondertekenaars af dat zorg dichtbij blijft.
Partijen spreken af dat zij in 2022 een monitor opleveren. Het ministerie van Volksgezondheid,
Welzijn en Sport draagt bij. Het ministerie van Volksgezondheid ondersteunt de regio's.
"""


def test_right_column_letter() -> None:
    d = describe(RIGHT_COLUMN_LETTER)
    assert d.date == dt.date(2024, 3, 3)
    assert d.sources["date"] == "briefhoofd"
    assert d.title == "Wachttijden in de ggz"
    assert d.senders == ("staatssecretaris van VWS",)
    assert d.doc_type == "kamerbrief"
    assert d.addressee == "Tweede Kamer"
    assert d.kenmerk == "4455667-1234-GMT"


def test_place_line_and_two_signers_side_by_side() -> None:
    d = describe(TWO_SIGNERS)
    assert d.date == dt.date(2023, 6, 16)
    assert d.sources["date"] == "plaats en datum"
    assert d.title == "Voortgang zorgakkoord"
    assert d.senders == ("minister van VWS", "minister voor MZS")
    assert d.signatories == ("A. Jansen", "B. Pietersen")


def test_namens_speaks_with_the_ministers_voice_and_letter_to_municipalities() -> None:
    d = describe(NAMENS)
    assert d.senders == ("minister van BZK",)
    assert d.doc_type == "brief aan gemeenten"
    assert d.date == dt.date(2025, 7, 1)  # no date printed: a guess, and flagged as one
    assert d.sources["date"] == "geschat"


def test_agreement_names_itself_and_its_parties() -> None:
    d = describe(AGREEMENT)
    assert d.doc_type == "akkoord"
    assert d.title == "Hoofdlijnenakkoord Wijkzorg (HWZ)"
    assert d.date == dt.date(2021, 4, 12)
    assert d.sources["date"] == "titelpagina"
    assert d.senders == ("ministerie van VWS", "HWZ-partijen")


def test_kamerstuk_only_from_the_opening() -> None:
    text = "Kamerstuk 31765-725\n\nGeachte voorzitter,\n\n1 Zie Kamerstukken II, 29 247, nr. 480.\n"
    assert describe(text).kamerstuk == "31765-725"
    assert describe("kst. 29 247, nr. 480\nTekst.\n").kamerstuk == "29247-480"
    assert describe("Geachte voorzitter,\n" + "Tekst.\n" * 40 + "Kamerstuk 1 2\n").kamerstuk is None


@pytest.mark.parametrize(
    ("role", "voice"),
    [
        ("De Minister van Volksgezondheid, Welzijn en Sport,", "minister van VWS"),
        ("de minister voor Langdurige Zorg en Sport", "minister voor LZS"),
        ("de minister van Langdurige Zorg, Jeugd en Sport,", "minister voor LJS"),
        ("De Staatssecretaris van Jeugd, Preventie en Sport,", "staatssecretaris voor JPS"),
        ("De Minister van Sociale Zaken en Werkgelegenheid,", "minister van SZW"),
        ("Hoogachtend,", None),
    ],
)
def test_signer_voice(role: str, voice: str | None) -> None:
    assert signer_voice(role) == voice


def test_letterhead_title_is_never_the_ministry_or_address() -> None:
    d = describe(RIGHT_COLUMN_LETTER.replace("Betreft Wachttijden in de ggz\n", ""))
    assert d.title is None or not d.title.startswith(("Ministerie", "Bezoekadres"))


META = load_meta(CORPUS)
# What the five bundled texts print themselves. Four carry no date at all (see SOURCES.md and
# docs/documents.md): their date is a guess flagged "geschat", within weeks of meta.json's.
GUESS_WITHIN = {"001": 30, "002": 14, "003": 14, "004": 60}


@pytest.mark.parametrize("name", sorted(META))
def test_bundled_corpus_without_meta_json(name: str) -> None:
    with_meta, _ = parse_file(CORPUS / name, META[name])
    alone, _ = parse_file(CORPUS / name)
    assert alone.doc_type == with_meta.doc_type
    assert senders_as_actors(alone.senders) == senders_as_actors(with_meta.senders)
    assert alone.date is not None and with_meta.date is not None
    if alone.source("date") == "geschat":
        assert alone.date_inferred
        assert abs((alone.date - with_meta.date).days) <= GUESS_WITHIN[name[:3]]
    else:
        assert alone.date == with_meta.date
    assert not alone.title.startswith(("Ministerie", "Bezoekadres"))
    if alone.source("title") != "geschat":
        words = set(alone.title.lower().split())
        # 000 prints its Betreft as "Voortgangsbrief Hooflijnenakkoorden" [sic]
        assert words & set(with_meta.title.lower().split())


def test_a_text_export_opening_with_its_title() -> None:
    text = (
        "Kamerbrief over de aanpak van wachttijden in de ggz\n\nDen Haag, 12 september 2025\n\n"
        "Geachte voorzitter,\n\nMet deze brief informeer ik uw Kamer over de voortgang van de "
        "regionale aanpak.\n"
    )
    d = describe(text)
    assert d.title == "Kamerbrief over de aanpak van wachttijden in de ggz"
    assert d.sources["title"] == "titelpagina"
    # a salutation, a dated place line or a sentence is no title: the guess stays
    for opening in ("Geachte voorzitter,", "Den Haag, 12 september 2025", "Wij melden dit."):
        guessed = describe(text.replace(text.split("\n")[0], opening, 1))
        assert guessed.title != opening and guessed.sources["title"] == "geschat"
