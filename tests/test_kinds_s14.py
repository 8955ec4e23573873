"""Tests for the kind cues of round s14 (issue #16): tense read sentence by sentence, and a
need ("is nodig") that is no judgement. Sentences invented for the tests."""

from __future__ import annotations

import pytest

from tagging.deadlines import past_tense
from tagging.kinds import classify_kind, commitment_cues


@pytest.mark.parametrize(
    ("text", "done"),
    [
        # A progress report that names a next step still reports what was done.
        ("Het programma is in 2021 gestart. De evaluatie volgt in 2025.", True),
        ("De regeling is vorig jaar ingevoerd. Gemeenten zullen haar volgend jaar toetsen.", True),
        # A sentence that reports and plans at once reports nothing done.
        ("De pilot is gestart en wordt in 2024 uitgebreid.", False),
        ("Wij zullen het plan opstellen. Het overleg gaat door.", False),
        ("Het plan is af.", False),  # no participle
    ],
)
def test_past_tense_is_read_sentence_by_sentence(text: str, done: bool) -> None:
    assert past_tense(text) is done


def test_a_reported_step_beside_a_planned_one_shows_both_cues() -> None:
    cues = commitment_cues("De subsidie is in maart toegekend. De minister zal het effect volgen.")
    assert cues["reports the past"] and cues["planning wording"]


@pytest.mark.parametrize(
    ("text", "judges"),
    [
        ("Goede samenwerking tussen de wijkteams is belangrijk.", True),
        ("Voor de huisartsen is een stabiele financiering essentieel.", True),
        # A need says what has to happen, no judgement of how things are.
        ("Daarvoor is een gezamenlijke aanpak van de regio nodig.", False),
        ("Voor de uitrol is een landelijke standaard noodzakelijk.", False),
    ],
)
def test_a_need_is_no_evaluation(text: str, judges: bool) -> None:
    assert commitment_cues(text)["evaluative"] is judges


@pytest.mark.parametrize(
    ("text", "plans"),
    [
        # The writers' own present tense is policy under way.
        ("Samen met de gemeenten versterken wij de wijkteams in elke regio.", True),
        ("Ik verken met de beroepsgroep een nieuwe opleiding.", True),
        # A view, a state or a report of the writers plans nothing.
        ("Wij zien dat de wachttijden in de regio oplopen.", False),
        ("Ik vind een sterke eerste lijn onmisbaar.", False),
        ("We zijn tevreden over de samenwerking met de provincies.", False),
        ("Vorig jaar hebben wij de inspectie om advies gevraagd.", False),
    ],
)
def test_the_writers_acting_now_is_planning_wording(text: str, plans: bool) -> None:
    assert commitment_cues(text, "kamerbrief")["planning wording"] is plans


def test_a_letter_on_the_writers_ongoing_work_states_a_plan() -> None:
    text = "Samen met de gemeenten versterken wij de wijkteams in elke regio."
    assert classify_kind(text, "prose", "kamerbrief", names_doer=True) == "voornemen"
    view = "Wij zien dat de wachttijden in de regio oplopen."
    assert classify_kind(view, "prose", "kamerbrief", names_doer=True) == "feit"


@pytest.mark.parametrize(
    ("text", "reports", "describes"),
    [
        # The main clause reports or describes.
        ("De gemeenten hebben de subsidie vorig jaar uitgekeerd.", True, False),
        ("Er zijn inmiddels twaalf wijkteams in de provincie.", False, True),
        # Only a relative clause or a reason does: the main clause rules.
        ("De budgetten die al zijn toegevoegd blijven beschikbaar voor de regio.", False, False),
        ("De provincies bekijken de opties die er zijn voor de wijkteams.", False, False),
        ("Omdat de regeling is ingevoerd, passen de gemeenten hun beleid aan.", False, False),
    ],
)
def test_tense_and_description_are_the_main_clauses(
    text: str, reports: bool, describes: bool
) -> None:
    cues = commitment_cues(text, "akkoord")
    assert cues["reports the past"] is reports
    assert cues["describes the present"] is describes


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Ik zeg uw Kamer toe dat ik u de evaluatie voor 1 juni 2027 toestuur.", "toezegging"),
        ("U ontvangt voor de begrotingsbehandeling een overzicht per regio.", "toezegging"),
        ("Ik kom hierop terug in de voortgangsrapportage van maart 2027.", "toezegging"),
        ("Met deze voortgangsbrief informeer ik uw Kamer over de wijkteams.", "feit"),
        ("Zoals toegezegd in het debat van mei, laat ik onderzoeken wat dit kost.", "toezegging"),
    ],
)
def test_promises_made_and_kept_in_a_letter(text: str, expected: str) -> None:
    assert classify_kind(text, "prose", "kamerbrief") == expected


def test_a_promise_reported_as_kept_is_no_new_promise() -> None:
    kept = "Zoals toegezegd in het debat van mei, heb ik laten onderzoeken wat dit kost."
    assert classify_kind(kept, "prose", "kamerbrief") != "toezegging"


@pytest.mark.parametrize(
    ("doc_type", "text", "expected"),
    [
        ("akkoord", "Landelijke handreiking wijkzorg | 1 juli 2027 | VNG", "afspraak"),
        ("kamerbrief", "Landelijke handreiking wijkzorg | 1 juli 2027 | VNG", "voornemen"),
        ("bijlage", "Nulmeting wijkzorg | afgerond | SBK", "feit"),
        ("kamerbrief", "Eerste voortgangsbrief aan de Kamer | najaar 2027 | VWS", "toezegging"),
    ],
)
def test_a_table_row_agrees_only_in_an_agreement(doc_type: str, text: str, expected: str) -> None:
    assert classify_kind(text, "table_row", doc_type) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Ik informeer de Tweede Kamer voor de zomer over deze aanpak.",
        "Begin 2027 ontvangt de Kamer een eerste voortgangsrapportage.",
        "Ik stuur de evaluatie van de rookvrije schoolterreinen voor het kerstreces naar uw Kamer.",
        "In de volgende brief, die uw Kamer in het najaar ontvangt, rapporteer ik over de acties.",
    ],
)
def test_more_ways_to_promise_the_kamer(text: str) -> None:
    assert classify_kind(text, "prose", "kamerbrief") == "toezegging"
