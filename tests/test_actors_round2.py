"""Who acts, round 2 (issue #16): words that are no organisations, list coordination on whole
words, bodies, the cabinet's own decisions, schemes and programmes the ministry runs, and list
items under a lead-in. Sentences written for these tests, not taken from the corpus."""

from __future__ import annotations

import datetime as dt

import pytest

from corpus.model import Clause, Document
from tagging.actors import tag_actors
from tagging.orgnames import find_org_names
from tagging.tag import tag_clauses

LETTER = ("minister van VWS", "minister voor LZS")


def test_the_tk_is_parliament_and_only_named() -> None:
    found, named = tag_actors("De TK wordt in het voorjaar geïnformeerd over de voortgang.")
    assert found == ()
    assert named == ("Tweede Kamer",)


@pytest.mark.parametrize(
    "text",
    [
        "Voor de MDZ gaat het kader in 2027 omlaag.",
        "Binnen het financiële kader blijft de OVA leidend.",
        "In elke gemeente komt minimaal één LSP voor inwoners.",
        "Volgens MTVP krijgt de huisarts meer tijd per patiënt.",
        "AFSPRAKEN OVER ZORG EN WELZIJN",
    ],
)
def test_acronyms_of_things_and_words_in_capitals_are_no_organisations(text: str) -> None:
    names = [o.name for o in find_org_names(text)]
    assert not {"MDZ", "OVA", "LSP", "MTVP", "EN"} & set(names)


def test_an_article_does_not_join_two_capitalised_phrases_into_one_name() -> None:
    text = "Op 3 maart heeft de Kamer het Onderzoeksrapport Wijkzorg ontvangen."
    assert [o.name for o in find_org_names(text)] == []


def test_a_word_ending_in_en_does_not_join_a_list() -> None:
    found, named = tag_actors(
        "Het Zorginstituut, dat het overleg tussen zorgaanbieders en zorgverzekeraars volgt, "
        "publiceert in juni een rapport."
    )
    assert found == ("ZINl",)
    assert {"zorgaanbieders", "zorgverzekeraars"} <= set(named)


def _document(doc_type: str) -> Document:
    senders = ("IZA-partijen",) if doc_type == "akkoord" else LETTER
    return Document(
        id=f"{doc_type}.txt",
        title="Stuk",
        date=dt.date(2026, 6, 1),
        doc_type=doc_type,
        senders=senders,
    )


def _tag(doc_type: str, *items: tuple[str, str]) -> list[Clause]:
    clauses = [
        Clause(
            id=f"stuk:{i:05d}",
            doc=f"{doc_type}.txt",
            ordinal=i,
            text=text,
            section=("Afspraken",),
            block=block,  # type: ignore[arg-type]
        )
        for i, (block, text) in enumerate(items)
    ]
    return tag_clauses(clauses, _document(doc_type))


def test_the_cabinets_response_and_decision_are_the_cabinets() -> None:
    found, _ = tag_actors("De kabinetsreactie op het advies volgt in het najaar van 2027.")
    assert found == ("kabinet",)
    found, _ = tag_actors("Het kabinetsbesluit over de bekostiging valt voor de zomer.")
    assert found == ("kabinet",)


def test_a_werkgroep_acts_as_a_subject_and_is_named_when_set_up() -> None:
    found, _ = tag_actors("De werkgroep stelt voor de zomer een handreiking op.")
    assert found == ("werkgroep",)
    found, named = tag_actors("VWS stelt een werkgroep in die met voorstellen komt.")
    assert found == ("VWS",)
    assert "werkgroep" in named


def test_a_name_right_after_a_scheme_or_programme_is_only_named() -> None:
    found, named = tag_actors("De Subsidieregeling KIPZ wordt in 2027 voortgezet.")
    assert found == ()
    assert named == ("KIPZ",)


@pytest.mark.parametrize(
    ("doc_type", "text"),
    [
        ("akkoord", "Het stimuleringsprogramma gaat op 1 januari 2027 van start."),
        ("akkoord", "De subsidieregeling voor praktijkopleidingen wordt in 2027 voortgezet."),
        ("kamerbrief", "In 2025 is het programma wijkgezondheid gestart."),
    ],
)
def test_a_scheme_or_started_programme_without_a_doer_is_the_ministrys(
    doc_type: str, text: str
) -> None:
    assert _tag(doc_type, ("prose", text))[0].actors == ("VWS",)


def test_a_programme_someone_starts_stays_theirs() -> None:
    tagged = _tag(
        "kamerbrief",
        ("prose", "Het programma wijkgezondheid is in 2025 gestart."),
        ("prose", "ZonMw start in 2027 het programma wijkgezondheid."),
    )
    assert [c.actors for c in tagged] == [("VWS",), ("ZonMw",)]


def test_a_bracketed_short_form_is_a_name_even_when_it_spells_a_word() -> None:
    heading = "AFSPRAKEN OVER ZORG EN WELZIJN"
    assert "EN" not in [o.name for o in find_org_names(heading)]
    text = "Ondertekend door Ergotherapie Nederland (EN) en de NVD."
    assert "EN" in [o.name for o in find_org_names(text)]
