"""Who acts and who is only named: consultation, asking, counterparts, asides, passives, and a
letter's agreement parties, ministers and budgets (issue #16, round 5). Sentences written for
these tests, not taken from the corpus."""

from __future__ import annotations

import datetime as dt

import pytest

from corpus.model import Clause, Document
from tagging.actors import tag_actors
from tagging.tag import tag_clauses

LETTER = ("minister van VWS", "minister voor LZS")


@pytest.mark.parametrize(
    ("text", "actors", "mentions"),
    [
        # Consulted parties are named, not acting.
        (
            "We overleggen met de NZa en het CIZ over de nieuwe werkwijze.",
            {"minister van VWS", "minister voor LZS"},
            {"NZa", "CIZ"},
        ),
        (
            "Wij spreken binnenkort uitgebreid met ActiZ over de personeelstekorten.",
            {"minister van VWS", "minister voor LZS"},
            {"ActiZ"},
        ),
        # The one asking is a mention, the one asked delivers.
        (
            "Daarom heeft de minister van VWS de NZa gevraagd de tarieven te herzien.",
            {"NZa"},
            {"minister van VWS"},
        ),
        ("VWS heeft ZN verzocht een handreiking op te stellen.", {"ZN"}, {"VWS"}),
        ("De IGJ is door VWS gevraagd het toezicht te versterken.", {"IGJ"}, {"VWS"}),
        ("Wij hebben het Zorginstituut gevraagd de criteria te herzien.", {"ZINl"}, set()),
        # A collective after a bare "met" is a counterpart; after "samen met" a partner.
        (
            "Gemeenten maken in hun contracten met zorgaanbieders afspraken over wijkteams.",
            {"gemeenten"},
            {"zorgaanbieders"},
        ),
        (
            "Gemeenten werken samen met zorgverzekeraars aan een regionaal plan.",
            {"gemeenten", "zorgverzekeraars"},
            set(),
        ),
        (
            "De NZa maakt afspraken met zorgverzekeraars over de inkoop.",
            {"NZa", "zorgverzekeraars"},
            set(),
        ),
        # A name between two dashes is an aside.
        (
            "Het onderzoek van de NZa – samen met zorgaanbieders en gemeenten – loopt door.",
            set(),
            {"NZa", "zorgaanbieders", "gemeenten"},
        ),
        (
            "De NZa publiceert – na overleg met ZN – in juni een monitor.",
            {"NZa"},
            {"ZN"},
        ),
        # Examples after "zoals" are not doers.
        (
            "De minister van VWS beschrijft de keten, zoals toezichthouders NZa en IGJ die zien.",
            {"minister van VWS"},
            {"NZa", "IGJ"},
        ),
        # A collective as the agent of a passive acts; one that undergoes a passive does not.
        (
            "In elke regio wordt door de gemeenten een plan opgesteld.",
            {"gemeenten"},
            set(),
        ),
        ("Zorgverzekeraars worden in 2025 gecompenseerd voor de extra kosten.", set(), set()),
        (
            "Zorgverzekeraars worden gevraagd om de afspraken na te leven.",
            {"zorgverzekeraars"},
            set(),
        ),
        # "inclusief" joins members to the name before them.
        (
            "De regionale zorgpartijen, inclusief gemeenten, stellen een regioplan op.",
            {"regionale zorgpartijen", "gemeenten"},
            set(),
        ),
    ],
)
def test_who_acts(text: str, actors: set[str], mentions: set[str]) -> None:
    found, named = tag_actors(text, senders=LETTER)
    assert set(found) == actors
    assert mentions <= set(named)


def test_a_passive_collective_gives_way_to_the_document_voice() -> None:
    found, _ = tag_actors("Zorgverzekeraars worden in 2025 gecompenseerd voor de extra kosten.")
    assert found == ()


def _letter(*texts: str, section: tuple[str, ...] = ("Voortgang",)) -> list[Clause]:
    document = Document(
        id="brief.txt",
        title="Voortgangsbrief",
        date=dt.date(2026, 6, 1),
        doc_type="kamerbrief",
        senders=LETTER,
    )
    clauses = [
        Clause(id=f"brief:{i:05d}", doc="brief.txt", ordinal=i, text=t, section=section)
        for i, t in enumerate(texts)
    ]
    return tag_clauses(clauses, document)


def test_the_dated_sentence_of_a_clause_gives_its_doers() -> None:
    tagged = _letter(
        "Gemeenten hebben eerder hun zorgen geuit over de uitvoering. "
        "ZonMw start in september 2026 een nieuw onderzoeksprogramma."
    )
    assert tagged[0].actors == ("ZonMw",)
    assert "gemeenten" in tagged[0].mentions


def test_a_clause_whose_dated_sentence_names_nobody_keeps_its_doers() -> None:
    tagged = _letter("De NZa past de beleidsregel aan. In 2027 zijn de nieuwe tarieven van kracht.")
    assert tagged[0].actors == ("NZa",)


def test_partijen_in_a_letter_are_the_parties_of_the_agreement_it_names() -> None:
    tagged = _letter(
        "In het AZWA hebben partijen afgesproken de wachttijden te verkorten.",
        "Zo is afgesproken dat de registratielast in 2027 is gehalveerd.",
        "De minister van VWS verwelkomt dit.",
        "Partijen in de wijkverpleging werken aan een nieuwe standaard.",
    )
    assert tagged[0].actors == ("AZWA-partijen",)
    assert tagged[1].actors == ("AZWA-partijen",)  # named in the statement before
    assert tagged[2].actors == ("minister van VWS",)
    # Only the statement itself and the one before it say which agreement is meant.
    assert tagged[3].actors == ("IZA-partijen",)


def test_partijen_without_an_agreement_named_stay_the_iza_parties() -> None:
    tagged = _letter("Partijen werken aan een nieuwe standaard voor de wijkverpleging.")
    assert tagged[0].actors == ("IZA-partijen",)


def test_hij_is_the_one_minister_named_before() -> None:
    tagged = _letter(
        "De minister van VWS wil de regels voor praktijkovernames aanscherpen.",
        "Daarom is hij in gesprek met de LHV over een gedragscode.",
    )
    assert tagged[1].actors == ("minister van VWS",)
    assert "LHV" in tagged[1].mentions


def test_hij_without_a_minister_before_keeps_the_letter_voice() -> None:
    tagged = _letter(
        "De wijkverpleegkundige kent de buurt goed.",
        "Daarom kan hij snel inschatten welke hulp nodig is.",
    )
    assert tagged[1].actors == LETTER


def test_money_made_available_in_a_letter_is_the_ministry_budget() -> None:
    tagged = _letter(
        "Voor de regionale aanpak is in 2027 € 40 miljoen beschikbaar.",
        "Het programma loopt tot eind 2028.",
    )
    assert tagged[0].actors == ("VWS",)
    assert tagged[1].actors == LETTER
