"""Who acts, round 2 (issue #16): words that are no organisations, list coordination on whole
words, bodies, the cabinet's own decisions, schemes and programmes the ministry runs, and list
items under a lead-in. Sentences written for these tests, not taken from the corpus."""

from __future__ import annotations

import datetime as dt

import pytest

from corpus.model import Clause, Document
from tagging.actors import tag_actors
from tagging.orgnames import find_org_names

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
    from tagging.tag import tag_clauses

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
