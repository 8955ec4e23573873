"""Tests for the statement kind of a clause."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from corpus.model import Clause, Document
from tagging.kinds import (
    CUES,
    KIND_MODEL,
    KindModel,
    KindModelError,
    classify_kind,
    commitment_cues,
    commits,
    in_background,
    kind_model,
    main_clause,
    names_doer_in_main,
)
from tagging.tag import tag_clauses


@pytest.mark.parametrize("block", ["heading", "footnote"])
def test_non_statements_keep_their_block(block: str) -> None:
    assert classify_kind("Ik informeer uw Kamer voor de zomer.", block, "kamerbrief", True) == block


def test_table_rows_are_agreements() -> None:
    assert classify_kind("Ontwikkelen leidraad 1-1-2023 LHV", "table_row", "akkoord") == "afspraak"


@pytest.mark.parametrize(
    "text",
    [
        "Wanneer in de zomer de visie klaar is, informeert de Minister van VWS uw Kamer hierover.",
        "Daarover worden afspraken gemaakt in het programma WOZO dat u voor de zomer ontvangt.",
        "Ik zal uw Kamer voor het zomerreces informeren over de voortgang.",
        "In het debat van 11 mei heeft de Minister toegezegd de Kamer te informeren.",
        # A promise kept now beside a new one is still a promise.
        "Met deze brief voldoe ik aan de toezegging. Voor de zomer informeer ik uw Kamer verder.",
    ],
)
def test_promises_to_parliament(text: str) -> None:
    assert classify_kind(text, "prose", "kamerbrief", True) == "toezegging"


@pytest.mark.parametrize(
    "text",
    [
        "Op 29 mei jl. is de Kamer geïnformeerd over het contracteerseizoen 2025/2026.",
        "Uw Kamer is hierover reeds geïnformeerd.",
        "Het kabinet heeft de Kamer onlangs geïnformeerd over de nulmeting.",
    ],
)
def test_a_report_that_parliament_was_informed_is_no_promise(text: str) -> None:
    assert classify_kind(text, "prose", "kamerbrief", False) == "feit"


@pytest.mark.parametrize(
    ("text", "has_deadline", "expected"),
    [
        ("Partijen spreken af dat er in 2024 een evaluatiemoment plaatsvindt.", True, "afspraak"),
        (
            "De kwaliteitsgelden GGZ blijven beschikbaar gedurende de IZA-periode.",
            False,
            "afspraak",
        ),
        ("In december 2019 is de eerste versie opgeleverd.", False, "feit"),
        ("Momenteel werken veel zorgverleners in deeltijd.", False, "feit"),
    ],
)
def test_agreement_document(text: str, has_deadline: bool, expected: str) -> None:
    assert classify_kind(text, "prose", "akkoord", has_deadline) == expected


@pytest.mark.parametrize(
    ("text", "has_deadline", "parties", "expected"),
    [
        ("Naar verwachting wordt de handreiking begin Q3 2026 opgeleverd.", True, 0, "voornemen"),
        ("De landelijke uitrol van deze oplossing start medio 2026.", True, 0, "voornemen"),
        ("Op 5 juni 2019 is ook de VNG partij geworden.", False, 1, "feit"),
        ("In het Coalitieakkoord zijn afspraken gemaakt over 150 miljoen euro.", False, 0, "feit"),
        (
            "Er zijn afspraken gemaakt over overhevelingen; er komt een overheveling per 2021.",
            True,
            0,
            "afspraak",
        ),
        (
            "De bekostiging wordt per 1 januari 2027 geborgd door samenwerking tussen "
            "beroepsgroepen, zorgverzekeraars en overheid.",
            True,
            2,
            "afspraak",
        ),
        ("Bij de medisch-specialistische zorg gaat het om 650 richtlijnen.", False, 0, "feit"),
    ],
)
def test_letter(text: str, has_deadline: bool, parties: int, expected: str) -> None:
    assert classify_kind(text, "prose", "kamerbrief", has_deadline, parties) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Met deze brief informeer ik uw Kamer over de wijkverpleging.", "feit"),
        ("Hierbij informeer ik uw Kamer over de voortgang.", "feit"),
        ("Voor de zomer informeer ik uw Kamer over de voortgang.", "toezegging"),
        (
            "Met deze brief informeer ik uw Kamer over de stand. Na de zomer informeer ik uw "
            "Kamer over de uitkomst.",
            "toezegging",
        ),
        # A promise this letter keeps (KIND_READING: the fulfilment is reported, no new act).
        ("Met deze brief doe ik de toezegging af om uw Kamer te informeren.", "feit"),
        ("Met deze brief kom ik tegemoet aan de toezegging (TZ202603-200) aan uw Kamer.", "feit"),
        ("Met deze brief voldoet het kabinet aan deze toezegging.", "feit"),
        ("Zoals toegezegd geeft de minister in deze brief een reactie op het onderzoek.", "feit"),
    ],
)
def test_what_the_letter_does_now_is_no_promise(text: str, expected: str) -> None:
    assert classify_kind(text, "prose", "kamerbrief") == expected


@pytest.mark.parametrize(
    ("text", "block", "doc_type", "section", "expected"),
    [
        # A title set as a line of its own states nothing.
        ("Visie en plan van aanpak", "bullet", "akkoord", ("3.3 Eerstelijnszorg",), "feit"),
        # An agreement's preface and introduction tell background ...
        (
            "Die zorg staat onder druk. We moeten aan de slag.",
            "prose",
            "akkoord",
            ("0 Voorwoord", "Voor Hendrik"),
            "feit",
        ),
        (
            "Inzetten op gezondheid door preventie.",
            "bullet",
            "akkoord",
            ("Bijlage C Acute zorg", "1. Inleiding"),
            "feit",
        ),
        # ... unless they state what was agreed; a numbered chapter agrees.
        (
            "Partijen spreken af dat de regio's plannen maken.",
            "prose",
            "akkoord",
            ("0 Voorwoord",),
            "afspraak",
        ),
        (
            "De regio's gaan plannen maken.",
            "prose",
            "akkoord",
            ("0 Voorwoord", "3.2 Regionale samenwerking"),
            "afspraak",
        ),
        # What the government sees or how things are now commits nobody.
        (
            "Het kabinet ziet dat partijen hard werken aan de afspraken.",
            "prose",
            "kamerbrief",
            (),
            "feit",
        ),
        (
            "Daarnaast zijn er specifieke investeringsmiddelen beschikbaar.",
            "prose",
            "akkoord",
            (),
            "feit",
        ),
    ],
)
def test_background_titles_and_descriptions_are_facts(
    text: str, block: str, doc_type: str, section: tuple[str, ...], expected: str
) -> None:
    assert classify_kind(text, block, doc_type, section=section) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # In a letter, parties named or agreements to be made are the government's plans ...
        ("We gaan met het veld afspraken maken over transparantie.", "voornemen"),
        ("Met regio's en partijen gaat de minister afspraken maken over de aanpak.", "voornemen"),
        # ... an agreement reached is an afspraak.
        ("Zo is afgesproken dat partijen het zorgplan gaan ondertekenen.", "afspraak"),
        ("We willen in elke gemeente een steunpunt realiseren.", "voornemen"),
        ("We zetten daarom in op een extra impuls.", "voornemen"),
    ],
)
def test_a_letter_agrees_only_when_agreement_was_reached(text: str, expected: str) -> None:
    # "de minister" is found by the actor tagger (names_doer), "we" by the kind cues themselves.
    assert classify_kind(text, "prose", "kamerbrief", names_doer="minister" in text) == expected


@pytest.mark.parametrize(
    "text",
    [
        # A plan without anyone to carry it out is no agreement either: in a letter it reads
        # as a wish or a description (KIND_READING: a desired end state without an actor).
        "Met regio's en partijen worden afspraken gemaakt over de aanpak.",
        "De ambitie is om in elke gemeente een steunpunt te realiseren.",
        "Dat moet de komende jaren beter.",
    ],
)
def test_a_letter_without_a_doer_agrees_to_nothing(text: str) -> None:
    assert classify_kind(text, "prose", "kamerbrief") in ("voornemen", "feit")
    assert not commitment_cues(text)["names a doer"]


@pytest.mark.parametrize(
    "text",
    [
        # A verb in a te-infinitive is subordinate: no plan of the writer's own.
        "Het kabinet roept partijen op om onverminderd aan de slag te gaan met dit plan.",
        "De afspraken kennen een looptijd van vier jaar, zodat de te nemen acties gepland worden.",
        # What one can expect of another is no expectation of the writer's own.
        "Partijen weten van elkaar wat men van elkaar kan verwachten.",
    ],
)
def test_subordinate_verbs_plan_nothing(text: str) -> None:
    assert classify_kind(text, "prose", "kamerbrief") == "feit"


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        # A modal in a subordinate clause plans nothing; in the main clause it does.
        ("Het gaat om de vraag welke zorg we in de toekomst willen.", "feit"),
        ("Het gaat om de modules die moeten worden bijgewerkt.", "feit"),
        ("We willen de zorg in de toekomst dichter bij huis organiseren.", "voornemen"),
        ("Dat moeten we de komende jaren beter doen.", "voornemen"),
        # The verb last in a subordinate clause, what the letter sends along, a verb of seeing.
        ("Het gaat om de leidraad die we als bijlage meesturen.", "feit"),
        ("Met deze brief geven wij een overzicht van de stand van zaken.", "feit"),
        ("We zien een grote inzet van alle betrokkenen.", "feit"),
        # What others do, without planning wording or deadline, is reported.
        ("De beroepsvereniging organiseert bijeenkomsten voor huisartsen.", "feit"),
    ],
)
def test_a_letter_plans_in_its_main_clause(text: str, kind: str) -> None:
    assert classify_kind(text, "prose", "kamerbrief") == kind


@pytest.mark.parametrize(
    ("text", "doc_type"),
    [
        # A simple past or a perfect reports what happened, in any document.
        ("In 2021 waren er ruim twee miljoen bezoeken aan de huisartsenpost.", "akkoord"),
        ("Het rapport kwam in maart uit en werd breed besproken.", "kamerbrief"),
        ("De regiotafels zijn in alle regio's opgezet.", "akkoord"),
    ],
)
def test_a_report_of_the_past_is_a_fact(text: str, doc_type: str) -> None:
    assert classify_kind(text, "prose", doc_type) == "feit"


def test_in_an_agreement_a_statement_agrees_in_a_letter_it_reports() -> None:
    text = "Zorgverzekeraars en zorgaanbieders handelen gelijkgericht bij transformaties."
    assert classify_kind(text, "prose", "akkoord", parties=2) == "afspraak"
    assert classify_kind(text, "prose", "kamerbrief", parties=2) == "feit"
    # A deadline commits, also in a letter.
    dated = "De beroepsvereniging rondt de leidraad eind 2025 af."
    assert classify_kind(dated, "prose", "kamerbrief", True, parties=1) == "voornemen"


def test_cues_are_read_and_decide_in_order() -> None:
    cues = commitment_cues("Zo is afgesproken dat partijen het zorgplan gaan ondertekenen.")
    assert set(cues) == set(CUES)
    # The plan is in the subordinate clause: no planning wording of the main clause, but an
    # agreement stated as such with something to do, which commits even beside a past.
    assert not cues["planning wording"]
    assert cues["agreed"]
    assert commits(cues | {"reports the past": True})
    # A title states nothing, whatever else it shows.
    assert not commits({**cues, "title": True})
    # Without a deadline a description of the present is a fact; with one it commits.
    present = {c: False for c in CUES} | {"describes the present": True}
    assert not commits(present | {"agreement": True})
    assert commits(present | {"agreement": True, "deadline": True})


def test_an_action_item_takes_its_lead_in_kind() -> None:
    item = "Verstevigen van de rol van toezichthouders bij goed werkgeverschap."
    assert classify_kind(item, "bullet", "kamerbrief", lead_in="voornemen") == "voornemen"
    assert classify_kind(item, "bullet", "kamerbrief", lead_in="feit") == "feit"
    assert classify_kind(item, "bullet", "kamerbrief") == "feit"
    # A bare topic is no action, whatever its lead-in.
    topic = "Paramedische zorg aan cliënten in de eerste lijn"
    assert classify_kind(topic, "bullet", "kamerbrief", lead_in="voornemen") == "feit"


@pytest.mark.parametrize(
    ("section", "background"),
    [
        (("0 Voorwoord", "Voor Hendrik"), True),
        (("0 Voorwoord", "3.3 Eerstelijnszorg"), False),
        (("Bijlage B Regionale samenwerking",), False),
        (("Bijlage B Regionale samenwerking", "Inleiding"), True),
        (("Bijlage B Regionale samenwerking", "Inleiding", "2. Afspraken"), False),
        (("Aanleiding", "Wachttijden"), True),
        ((), False),
    ],
)
def test_the_innermost_numbered_or_introductory_heading_decides(
    section: tuple[str, ...], background: bool
) -> None:
    assert in_background(section) is background


def test_the_candidate_cues_read_the_main_clause() -> None:
    cues = commitment_cues(
        "Voor mensen met kanker is dit bijvoorbeeld belangrijk, omdat we de zorg gaan verbeteren.",
        block="bullet",
        section=("Bijlage A Oncologie",),
    )
    assert cues["people"] and cues["evaluative"] and cues["rationale"]
    assert cues["bullet"] and cues["annex"]
    # "gaan" and "we" stand in a subordinate clause ("omdat ..."): no future, no first person.
    assert not cues["future"] and not cues["first person"]
    assert commitment_cues("Partijen dienen het plan op:", names_doer=True)["lead-in"]


def test_the_shipped_model_weighs_known_cues_in_their_sense() -> None:
    model = kind_model()
    assert set(model.weights) <= set(CUES)
    # A deadline pushes towards a commitment, a preface's background towards a fact.
    assert model.weights["deadline"] > 0 > model.weights["background"]
    nothing = dict.fromkeys(CUES, False)
    agreement = nothing | {"agreement": True}
    assert commits(agreement | {"planning wording": True})
    assert not commits(agreement | {"background": True})
    # The score is the bias plus the weights of the cues shown, nothing else.
    shown = agreement | {"deadline": True}
    expected = model.bias + model.weights["agreement"] + model.weights["deadline"]
    assert model.score(shown) == pytest.approx(expected)


def test_a_model_round_trips_and_a_foreign_one_is_refused(tmp_path: Path) -> None:
    model = KindModel(-1.0, {"deadline": 2.5, "agreement": 0.5}, "test")
    model.save(tmp_path / "kind_model.json")
    loaded = KindModel.load(tmp_path / "kind_model.json")
    assert loaded == model
    assert not commits({"agreement": True}, loaded)
    assert commits({"agreement": True, "deadline": True}, loaded)
    # Decided before any weighing: a title, and an agreement stated as such.
    assert not commits({"title": True, "deadline": True}, loaded)
    assert commits({"agreed": True}, loaded)
    (tmp_path / "other.json").write_text('{"bias": 0, "weights": {"rhymes": 1}}', "utf-8")
    with pytest.raises(KindModelError, match=r"other\.json.*rhymes"):
        KindModel.load(tmp_path / "other.json")
    with pytest.raises(KindModelError, match=r"missing\.json"):
        KindModel.load(tmp_path / "missing.json")
    assert KIND_MODEL.name == "kind_model.json"


def test_the_writers_own_voice_names_a_doer_in_the_main_clause_only() -> None:
    assert commitment_cues("We willen de zorg dichter bij huis organiseren.")["names a doer"]
    assert commitment_cues("Ik stuur het plan na de zomer.")["names a doer"]
    assert not commitment_cues("Het gaat om de vraag welke zorg we willen.")["names a doer"]
    assert commitment_cues("De zorg verandert.", names_doer=True)["names a doer"]


@pytest.mark.parametrize(
    ("text", "section", "shown", "absent"),
    [
        (
            "Iedere patiënt is uniek.",
            ("5 Monitoring", "De uitdaging"),
            {"stative", "situation heading"},
            {"action opening", "agreements heading"},
        ),
        (
            "De regiotafels zijn in alle regio's opgezet.",
            ("Afspraak 3 – vermindering regeldruk",),
            {"agreements heading"},
            {"stative", "situation heading"},
        ),
        (
            "Verstevigen van de rol van toezichthouders.",
            ("Afspraken", "Context"),
            {"action opening", "agreements heading", "situation heading"},
            {"stative"},
        ),
    ],
)
def test_grammar_and_heading_cues(
    text: str, section: tuple[str, ...], shown: set[str], absent: set[str]
) -> None:
    cues = commitment_cues(text, section=section)
    assert {c for c in shown | absent if cues[c]} == shown


@pytest.mark.parametrize(
    ("text", "main"),
    [
        ("Het is belangrijk dat de NZa de regels aanpast.", "Het is belangrijk ."),
        ("Omdat de NZa de regels aanpast, stijgt de premie.", ", stijgt de premie."),
        ("De premie stijgt, zodat de NZa ingrijpt.", "De premie stijgt, ."),
        ("Het plan, dat de LHV opstelt, is klaar.", "Het plan, , is klaar."),
        ("De NZa past de regels aan.", "De NZa past de regels aan."),
    ],
)
def test_the_main_clause_leaves_out_reasons_results_and_relative_clauses(
    text: str, main: str
) -> None:
    assert " ".join(main_clause(text).split()) == main


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("De NZa past de regels aan, zodat de premie daalt.", True),
        ("Het is belangrijk dat de NZa de regels aanpast.", False),
        ("Omdat de NZa de regels aanpast, stijgt de premie.", False),
        ("Het aantal praktijken dat de LHV vertegenwoordigt, daalt.", False),
        # "ik" stands for the signer, and counts where the main clause says it.
        ("Ik vraag de NZa om de regels aan te passen.", True),
        ("De premie daalt, omdat ik de regels aanpas.", False),
    ],
)
def test_a_doer_counts_only_where_the_main_clause_names_it(text: str, names: bool) -> None:
    assert names_doer_in_main(text, senders=("minister van VWS",)) is names


def _tagged_letter(*texts: str) -> list[Clause]:
    document = Document(
        id="brief.txt",
        title="Voortgangsbrief",
        date=dt.date(2026, 6, 1),
        doc_type="kamerbrief",
        senders=("minister van VWS",),
    )
    clauses = [
        Clause(id=f"brief:{i:05d}", doc="brief.txt", ordinal=i, text=t, section=("Voortgang",))
        for i, t in enumerate(texts)
    ]
    return tag_clauses(clauses, document)


def test_a_forecast_explained_by_what_an_organisation_does_plans_nothing() -> None:
    tagged = _tagged_letter(
        # Who acts is named only in the reason, the result or a relative clause: a forecast.
        "Omdat de NZa de tarieven aanpast, zal het aanbod in de regio veranderen.",
        "De zorgvraag zal stijgen, zodat het Zorginstituut het pakket moet herzien.",
        "Het aantal praktijken dat de LHV vertegenwoordigt, zal de komende jaren dalen.",
        # The same organisation as the subject of the main clause plans.
        "De NZa zal de tarieven aanpassen.",
    )
    assert [c.kind for c in tagged] == ["feit", "feit", "feit", "voornemen"]
    # The actors themselves are read from the whole clause, as before.
    assert [c.actors for c in tagged] == [("NZa",), ("ZINl",), ("LHV",), ("NZa",)]


@pytest.mark.parametrize(
    "text",
    [
        "Overwegende dat de druk op de acute zorg in de avond en de nacht toeneemt;",
        "Gelet op de afspraken die partijen in 2024 over de regionale plannen maakten,",
    ],
)
def test_an_agreements_recitals_are_facts(text: str) -> None:
    assert classify_kind(text, doc_type="akkoord", names_doer=True) == "feit"


@pytest.mark.parametrize(
    ("text", "plans"),
    [
        # An expectation or a quantity that changes by itself: its "zal" predicts.
        ("Wij verwachten dat de wachttijden in de regio verder oplopen.", False),
        ("Er wordt verwacht dat het aantal aanvragen daalt.", False),
        ("Door de vergrijzing zullen steeds meer ouderen een beroep doen op de wijkzorg.", False),
        ("De druk op de huisartsenposten zal de komende jaren toenemen.", False),
        # A plan, also one expected on a date, stays planning wording.
        ("Wij zullen de regeling voor de wijkzorg aanpassen.", True),
        ("De leidraad zal naar verwachting na de zomer gereed komen.", True),
        ("Wij verwachten dat de wachttijden oplopen en zullen de regeling aanpassen.", True),
    ],
)
def test_a_forecast_is_no_planning_wording(text: str, plans: bool) -> None:
    assert commitment_cues(text, "kamerbrief")["planning wording"] is plans


def test_the_writers_expectation_is_a_fact() -> None:
    expected = "Wij verwachten dat de wachttijden in de regio verder oplopen."
    assert classify_kind(expected, "prose", "kamerbrief", names_doer=True) == "feit"
    planned = "Wij zullen de regeling voor de wijkzorg aanpassen."
    assert classify_kind(planned, "prose", "kamerbrief", names_doer=True) == "voornemen"
    forecast = "Door de vergrijzing zullen steeds meer ouderen een beroep doen op de wijkzorg."
    assert classify_kind(forecast, "prose", "akkoord") == "feit"
