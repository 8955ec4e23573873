"""Fulfilment phrases, registry ids and find_links over clauses parsed from real letter files."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from pathlib import Path

import pytest

from corpus.model import REGISTER_IDS, Clause, Document
from ingest import parse_file
from ingest.links import find_links, is_fulfilment
from tagging.registry import attributed_register_ids, register_ids

# Two short letters: the first makes three promises, the second fulfils two of them,
# one by its registry id and one only by what it is about.
FIRST = """\
Geachte voorzitter,

Met deze brief informeer ik uw Kamer over de stand van zaken van de acute zorg.

Ik zal uw Kamer voor de zomer informeren over de uitkomsten van de evaluatie van de \
regiobeelden acute zorg die de Nederlandse Zorgautoriteit uitvoert.

Ik zeg toe uw Kamer voor 1 oktober 2024 te informeren over de wachttijden voor \
traumachirurgie in de regio Zuid-Limburg (TZ202403-015).

Daarnaast zeg ik toe dat ik uw Kamer in het najaar een brief stuur over de huisvesting van \
huisartsenpraktijken in krimpgebieden.

De minister van Volksgezondheid, Welzijn en Sport
"""

SECOND = """\
Geachte voorzitter,

De Nederlandse Zorgautoriteit heeft in juni de evaluatie van de regiobeelden acute zorg \
afgerond. Met deze brief voldoe ik aan de toezegging om uw Kamer te informeren over de \
uitkomsten van die evaluatie.

De wachttijden voor traumachirurgie in Zuid-Limburg zijn sinds het voorjaar gedaald. Hiermee \
kom ik tegemoet aan de toezegging TZ202403-015.

De minister van Volksgezondheid, Welzijn en Sport
"""


def write_letters(
    folder: Path, first_date: str = "2024-03-12", second_date: str = "2024-09-20"
) -> Path:
    """The two letters as .txt files with a meta.json, as a user would hand them to ingest."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "brief_a.txt").write_text(FIRST, encoding="utf-8")
    (folder / "brief_b.txt").write_text(SECOND, encoding="utf-8")
    meta = {
        "brief_a.txt": {
            "title": "Kamerbrief acute zorg",
            "date": first_date,
            "doc_type": "kamerbrief",
            "senders": ["minister van VWS"],
        },
        "brief_b.txt": {
            "title": "Kamerbrief uitkomsten evaluatie regiobeelden",
            "date": second_date,
            "doc_type": "kamerbrief",
            "senders": ["minister van VWS"],
        },
    }
    (folder / "meta.json").write_text(json.dumps(meta), encoding="utf-8")
    return folder


def parsed(folder: Path) -> tuple[list[Clause], list[Document]]:
    meta = json.loads((folder / "meta.json").read_text(encoding="utf-8"))
    clauses: list[Clause] = []
    documents: list[Document] = []
    for name in ("brief_a.txt", "brief_b.txt"):
        document, doc_clauses = parse_file(folder / name, meta[name])
        documents.append(document)
        clauses.extend(doc_clauses)
    return clauses, documents


def containing(clauses: list[Clause], doc: str, words: str) -> Clause:
    found = [c for c in clauses if c.doc == doc and words in c.text]
    assert found, f"no clause of {doc} contains {words!r}"
    return found[0]


@pytest.mark.parametrize(
    "text",
    [
        "Met deze brief voldoet het kabinet aan deze toezegging.",
        "Hiermee voldoe ik aan de toezegging om uw Kamer voor de zomer te informeren.",
        "Hiermee kom ik tegemoet aan de toezegging van de minister.",
        "Hiermee beschouwt het kabinet de toezegging als afgedaan.",
        "Met deze brief doet de minister zijn toezeggingen af om een brief te sturen.",
        "Zoals toegezegd in het debat van 3 maart ontvangt u in deze brief het rapport.",
    ],
)
def test_fulfilment_phrases_are_recognised(text: str) -> None:
    assert is_fulfilment(text)


@pytest.mark.parametrize(
    "text",
    [
        "Zorgaanbieders moeten voldoen aan de wettelijke eisen.",
        "Ik zal uw Kamer voor de zomer informeren over de voortgang.",
        "Zoals toegezegd, zal ik u rond de zomer in een Kamerbrief nader informeren.",
        "De toezegging uit het debat is nog niet uitgevoerd.",
    ],
)
def test_other_sentences_are_not_fulfilments(text: str) -> None:
    assert not is_fulfilment(text)


def test_register_ids_are_normalised() -> None:
    text = "Zie TZ202603-200 en tz 202604-7; ook toezegging nummer 10454 en TZ202603-200."
    assert register_ids(text) == ("TZ202603-200", "TZ202604-007", "10454")
    assert register_ids("Kamerstuk 36 200 XVI, nr. 71") == ()


def test_heading_id_reaches_the_paragraph_it_opens() -> None:
    doc = "brief.txt"
    clauses = [
        Clause("brief:00000", doc, 0, "Toezegging mondzorg [1: TZ202604-007]", block="heading"),
        Clause("brief:00001", doc, 1, "De minister heeft toegezegd in te gaan op mondzorg."),
        Clause("brief:00002", doc, 2, "Motie vroegsignalering", block="heading"),
        Clause("brief:00003", doc, 3, "Een handreiking wordt opgesteld."),
    ]
    ids = attributed_register_ids(clauses)
    assert ids["brief:00001"] == ("TZ202604-007",)
    assert ids["brief:00003"] == ()


def test_later_letter_is_linked_by_id_and_by_similarity(tmp_path: Path) -> None:
    clauses, documents = parsed(write_letters(tmp_path / "letters"))
    links = find_links(clauses, documents)
    by_source = {(lk.source, lk.target): lk for lk in links}

    regio_promise = containing(clauses, "brief_a.txt", "evaluatie van de regiobeelden")
    regio_done = containing(clauses, "brief_b.txt", "voldoe ik aan de toezegging")
    trauma_promise = containing(clauses, "brief_a.txt", "TZ202403-015")
    trauma_done = containing(clauses, "brief_b.txt", "tegemoet aan de toezegging")
    housing = containing(clauses, "brief_a.txt", "huisvesting")

    by_id = by_source[(trauma_done.id, trauma_promise.id)]
    assert by_id.method == "register-id"
    similar = by_source[(regio_done.id, regio_promise.id)]
    assert similar.method == "similarity"
    assert similar.score >= 0.3
    # The unrelated promise stays open, and nothing links the fulfilments to themselves.
    assert housing.id not in {lk.target for lk in links}
    assert all(lk.source != lk.target for lk in links)


def test_a_promise_dated_after_its_fulfilment_is_not_linked(tmp_path: Path) -> None:
    clauses, documents = parsed(write_letters(tmp_path / "letters"))
    # Swap the dates: the "fulfilment" now predates the promise, so no wording match may link.
    swapped = [
        dataclasses.replace(d, date=dt.date(2025, 1, 1) if d.id == "brief_a.txt" else d.date)
        for d in documents
    ]
    links = find_links(clauses, swapped)
    regio_done = containing(clauses, "brief_b.txt", "voldoe ik aan de toezegging")
    methods = {lk.method for lk in links if lk.source == regio_done.id}
    assert methods == {"same-letter"}
    assert not any(lk.method in ("similarity", "register-id") for lk in links)


def test_toezegging_settled_in_the_same_letter_links_to_itself() -> None:
    doc = "brief.txt"
    text = (
        "In het debat van 8 juni jl. heeft de minister toegezegd de Kamer in juni te "
        "informeren over de regeldruk. Met deze brief voldoet het kabinet aan deze toezegging."
    )
    clauses = [Clause("brief:00000", doc, 0, text)]
    documents = [Document(doc, "brief", dt.date(2026, 6, 19), "kamerbrief")]
    [link] = find_links(clauses, documents)
    assert (link.source, link.target, link.method) == ("brief:00000", "brief:00000", "same-letter")


def test_links_use_the_register_ids_tagging_stored() -> None:
    # Neither text names the id: only the ids tagging attributed (from a footnote or a
    # "Toezegging ..." heading, say) and stored on the clauses can link them.
    promise = Clause(
        "a:00000",
        "a.txt",
        0,
        "Ik zeg toe uw Kamer te informeren over de wachttijden.",
        kind="toezegging",
        extra=((REGISTER_IDS, "TZ202403-015"),),
    )
    done = Clause(
        "b:00000",
        "b.txt",
        0,
        "Hiermee kom ik tegemoet aan de toezegging over de bekostiging van de mondzorg.",
        extra=((REGISTER_IDS, "TZ202403-015; 10454"),),
    )
    documents = [
        Document("a.txt", "a", dt.date(2024, 3, 12), "kamerbrief"),
        Document("b.txt", "b", dt.date(2024, 9, 20), "kamerbrief"),
    ]
    assert [(lk.source, lk.target, lk.method) for lk in find_links([promise, done], documents)] == [
        ("b:00000", "a:00000", "register-id")
    ]
    # Without the stored ids the same two clauses share nothing.
    bare = [dataclasses.replace(c, extra=()) for c in (promise, done)]
    assert {lk.method for lk in find_links(bare, documents)} == {"same-letter"}
