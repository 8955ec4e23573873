"""Tests for theme assignment from clause words and section headings."""

from __future__ import annotations

import datetime as dt

import pytest

from corpus.model import THEMES, Clause, Document
from tagging.tag import tag_clauses
from tagging.themes import LEXICON, classify_theme, theme_scores


def test_lexicon_covers_exactly_the_themes() -> None:
    assert set(LEXICON) == set(THEMES)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Partijen maken afspraken over de inzet van wijkverpleegkundigen in de thuiszorg.",
            "wijkverpleging",
        ),
        ("De huisarts en de huisartsenpost werken samen in de eerste lijn.", "eerstelijnszorg"),
        ("De wachttijden in de ggz voor mensen met psychische klachten nemen af.", "ggz"),
        ("Structurele financiering van geneesmiddelencommissies.", "farmacie en geneesmiddelen"),
        (
            "Elektronische gegevensuitwisseling is in 2025 de standaard.",
            "digitalisering en gegevensuitwisseling",
        ),
        ("We verminderen de administratieve lasten en de regeldruk.", "regeldruk"),
        ("Het aantal opleidingsplekken en de werkdruk van zorgprofessionals.", "arbeidsmarkt"),
        ("De fysiotherapeut en de oefentherapeut.", "paramedische zorg"),
        ("Naar de tandarts voor mondzorg.", "mondzorg"),
    ],
)
def test_theme_from_words(text: str, expected: str) -> None:
    assert classify_theme(text) == expected


def test_premie_is_no_prem() -> None:
    # "prem$" is a whole-word keyword: the PREM questionnaire, not the insurance premium.
    assert "wijkverpleging" not in theme_scores("De premie stijgt.")[0]


def test_heading_decides_when_the_text_is_neutral() -> None:
    text = "Partijen maken hierover uiterlijk in 2023 nadere afspraken."
    assert classify_theme(text) is None
    assert classify_theme(text, ("3 Afspraken", "3.2 Regionale samenwerking")) == (
        "regionale samenwerking"
    )
    # The innermost heading weighs more than the outer one.
    section = ("Bijlage A Passende zorg", "7. Dure Geneesmiddelen")
    assert classify_theme(text, section) == "farmacie en geneesmiddelen"


def test_clause_words_beat_a_single_heading_keyword() -> None:
    text = "In het coalitieakkoord is 150 miljoen euro beschikbaar voor de bekostiging."
    assert classify_theme(text, ("Palliatieve zorg",)) == "bekostiging en financien"


def test_clauses_without_evidence_inherit_from_their_neighbour() -> None:
    doc = Document(id="x.txt", title="x", date=dt.date(2023, 1, 1), doc_type="kamerbrief")
    texts = ["De huisarts krijgt meer tijd.", "Dat is goed nieuws.", "Over de ggz."]
    clauses = [
        Clause(id=f"x:{i:05d}", doc="x.txt", ordinal=i, text=t, section=("A",))
        for i, t in enumerate(texts)
    ]
    themes = [c.theme for c in tag_clauses(clauses, doc)]
    assert themes == ["eerstelijnszorg", "eerstelijnszorg", "ggz"]


def test_a_heading_names_its_theme_once() -> None:
    # Two words of one theme in the outer heading do not outweigh the innermost heading's one.
    section = ("Bijlage I Digitalisering en gegevensuitwisseling", "2. Contractering")
    text = "Partijen handelen hierbij gelijkgericht."
    assert classify_theme(text, section) == "contractering"
    scores, _ = theme_scores(text, section)
    assert scores["digitalisering en gegevensuitwisseling"] < scores["contractering"]


def test_a_footnote_without_theme_words_is_apparatus() -> None:
    doc = Document(id="x.txt", title="x", date=dt.date(2023, 1, 1), doc_type="kamerbrief")
    rows = [
        ("De huisarts krijgt meer tijd.", "prose", ("A",)),
        ("Kamerstuk 12 345, nr. 6.", "footnote", ("Voetnoten",)),
        ("Zie de monitor over de ggz.", "footnote", ("Voetnoten",)),
        ("Kamerstukken II, 2023-2024, 98 765, nr. 4.", "footnote", ("Voetnoten",)),
    ]
    clauses = [
        Clause(id=f"x:{i:05d}", doc="x.txt", ordinal=i, text=t, block=b, section=s)
        for i, (t, b, s) in enumerate(rows)
    ]
    themes = [c.theme for c in tag_clauses(clauses, doc)]
    # A reference does not continue the subject of the footnote before it.
    assert themes == [
        "eerstelijnszorg",
        "governance en monitoring",
        "ggz",
        "governance en monitoring",
    ]
