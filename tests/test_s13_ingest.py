"""Documents as users bring them: sentences that stand on their own stay apart, and tables set
out with tabs or spaces in a plain-text export give one clause per row.

All texts here are invented (organisations and wording made up for the tests).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from ingest.clean import normalise
from ingest.pipeline import parse_file
from ingest.segment import Piece, segments

LEAD = (
    "De Stichting Wijkzorgnetwerk Oost heeft in het afgelopen jaar in twaalf gemeenten een "
    "wijkteam ingericht."
)


def _prose(*sents: str) -> list[str]:
    return [s.text for s in segments([Piece("prose", " ".join(sents))]) if s.kind == "prose"]


@pytest.mark.parametrize(
    "second",
    [
        "Ook zeggen wij toe dat wij uw Kamer voor 1 maart 2027 informeren over de resultaten "
        "van de evaluatie.",
        "Ook zal de minister met de Vereniging Regionale Avondposten afspraken maken over de "
        "bereikbaarheid.",
        "Dat de wachttijden in de regio oplopen, is voor ons reden om het Kenniscentrum "
        "Zorgtoegang om een analyse te vragen.",
    ],
)
def test_a_sentence_of_its_own_after_ook_or_dat_stays_apart(second: str) -> None:
    # "Ook" adds a statement, and "Dat" before a subject is a conjunction: no back-reference.
    assert _prose(LEAD, second) == [LEAD, second]


@pytest.mark.parametrize(
    "second",
    [
        "Ook dit gebeurt in nauwe samenwerking met de gemeenten en de regionale zorgkantoren.",
        "Ook zal dit netwerk de komende jaren in nog eens acht gemeenten een wijkteam inrichten.",
        "Dat betekent dat inwoners van die gemeenten voortaan op één plek terecht kunnen.",
        "Dit betekent dat inwoners van die gemeenten voortaan op één plek terecht kunnen.",
    ],
)
def test_a_sentence_that_points_back_still_joins(second: str) -> None:
    assert _prose(LEAD, second) == [f"{LEAD} {second}"]


def test_tabs_between_cells_survive_cleaning() -> None:
    # Cells keep their tab; a tab that indents or pads a line is white space as before.
    assert normalise("\tActie\tWie\t\tWanneer\t") == " Actie\tWie\t\tWanneer "


def _letter(table: list[str]) -> str:
    return "\n".join(
        [
            "Geachte voorzitter,",
            "",
            "Hieronder staan de acties die de partijen in het Regioakkoord Wijkzorg Oost "
            "hebben afgesproken.",
            "",
            *table,
            "",
            "Ik houd uw Kamer op de hoogte van de voortgang.",
            "",
            "Hoogachtend,",
        ]
    )


def _rows(tmp_path: Path, table: list[str]) -> tuple[list, list]:
    path = tmp_path / "actielijst.txt"
    path.write_text(_letter(table), encoding="utf-8")
    _, clauses = parse_file(path, {"date": "2026-09-30", "doc_type": "kamerbrief"})
    rows = [c for c in clauses if c.block == "table_row"]
    return rows, clauses


def test_a_tab_separated_table_gives_its_rows(tmp_path: Path) -> None:
    rows, clauses = _rows(
        tmp_path,
        [
            "Actie\tWie\tWanneer",
            "Opstellen regionaal werkplan wijkzorg\tStichting Zorgnet Oost\t1 maart 2027",
            "Evalueren pilot avondzorg\tKenniscentrum Wijkzorg\teind 2027",
            "Inrichten meldpunt personeelstekort\t\tQ2 2027",
        ],
    )
    assert [(c.get("subject"), c.deadline_text, c.get("responsible")) for c in rows] == [
        ("Opstellen regionaal werkplan wijkzorg", "1 maart 2027", "Stichting Zorgnet Oost"),
        ("Evalueren pilot avondzorg", "eind 2027", "Kenniscentrum Wijkzorg"),
        ("Inrichten meldpunt personeelstekort", "Q2 2027", None),
    ]
    assert not any(c.block == "heading" for c in clauses)
    assert any(c.text == "Ik houd uw Kamer op de hoogte van de voortgang." for c in clauses)


def test_a_space_aligned_table_gives_its_rows_with_wrapped_cells(tmp_path: Path) -> None:
    rows, clauses = _rows(
        tmp_path,
        [
            "Actie                                      Wie                          Wanneer",
            "Regie en bekostiging",
            "Opstellen regionaal werkplan wijkzorg      Stichting Zorgnet Oost       1 maart 2027",
            "Evalueren pilot avondzorg en rapporteren   Kenniscentrum Wijkzorg,      eind 2027",
            "aan de Kamer                               GGD Oost",
            "Inrichten meldpunt personeelstekort        zorgkantoren                 Q2 2027",
        ],
    )
    assert [(c.get("subject"), c.deadline_text, c.get("responsible")) for c in rows] == [
        ("Opstellen regionaal werkplan wijkzorg", "1 maart 2027", "Stichting Zorgnet Oost"),
        (
            "Evalueren pilot avondzorg en rapporteren aan de Kamer",
            "eind 2027",
            "Kenniscentrum Wijkzorg, GGD Oost",
        ),
        ("Inrichten meldpunt personeelstekort", "Q2 2027", "zorgkantoren"),
    ]
    assert all(c.section[-1:] == ("Regie en bekostiging",) for c in rows)
    assert rows[1].actors == ("Kenniscentrum Wijkzorg", "GGD Oost")
    assert not any(c.block == "heading" for c in clauses)
    prose = [c.text for c in clauses if c.block == "prose"]
    assert "Ik houd uw Kamer op de hoogte van de voortgang." in prose
    assert not any("werkplan" in t for t in prose)


def test_words_one_space_apart_are_no_aligned_table(tmp_path: Path) -> None:
    # A line that merely names the titles, one space apart, is text: nothing becomes a row.
    rows, clauses = _rows(tmp_path, ["Actie Wie Wanneer staat in de bijlage bij deze brief."])
    assert rows == []
    assert any(c.text.startswith("Actie Wie Wanneer") for c in clauses)


def test_ook_with_dan_takes_up_the_time_before() -> None:
    # "dan" refers to the time the sentence before named: the two make one statement.
    first = "In 2028 willen de partijen dat elke inwoner een vaste wijkverpleegkundige heeft."
    second = "Ook kunnen inwoners dan hun eigen zorgplan digitaal inzien en aanpassen."
    assert _prose(first, second) == [f"{first} {second}"]


LIST_LEAD = "Partijen hebben in het Regioakkoord Wijkzorg Oost de volgende afspraken gemaakt:"
LIST_ITEMS = [
    "de zorgkantoren stellen voor 1 juli 2027 een regionaal werkplan op;",
    "het Kenniscentrum Wijkzorg ontwikkelt een monitor voor de wachttijden;",
    "gemeenten en zorgverzekeraars verkennen een gezamenlijke inkoop van avondzorg.",
]


def test_list_items_in_lower_case_each_read_with_their_lead_in() -> None:
    # A list that goes on from its lead-in ("...: - de ...;") gives one statement per item.
    segs = segments([Piece("prose", LIST_LEAD), *(Piece("bullet", i) for i in LIST_ITEMS)])
    assert [s.text for s in segs] == [LIST_LEAD, *(f"{LIST_LEAD} {i}" for i in LIST_ITEMS)]


def test_a_lower_case_bullet_without_a_lead_in_clause_still_goes_on() -> None:
    # Without a lead-in ending in ":" right before it, a bullet opening in lower case is the
    # rest of the text before it (a wrapped line, a page break).
    segs = segments(
        [
            Piece("prose", "De Stichting Wijkzorgnetwerk Oost werkt samen met"),
            Piece("bullet", "de gemeenten in de regio aan een nieuw werkplan."),
        ]
    )
    assert [s.text for s in segs] == [
        "De Stichting Wijkzorgnetwerk Oost werkt samen met de gemeenten in de regio aan een "
        "nieuw werkplan."
    ]
    # A run-in title ("Zorgkantoren:") is no lead-in clause: a bullet after its item goes on.
    segs = segments(
        [
            Piece("prose", "Zorgkantoren:"),
            Piece("bullet", "De zorgkantoren stellen een regionaal werkplan op, samen met"),
            Piece("bullet", "de gemeenten in de regio."),
        ]
    )
    assert [s.text for s in segs] == [
        "Zorgkantoren: De zorgkantoren stellen een regionaal werkplan op, samen met de "
        "gemeenten in de regio."
    ]
