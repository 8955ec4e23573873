"""Tests for the actor gazetteer and the split between committing actors and mentions."""

from __future__ import annotations

from pathlib import Path

import pytest

from corpus.model import ACTORS_FROM, THEMES
from ingest.pipeline import load_meta, parse_file
from tagging.actors import (
    ACTORS,
    canonical,
    find_actors,
    normalise,
    resolve_pronouns,
    senders_as_actors,
    split_responsible,
    tag_actors,
)
from tagging.orgnames import find_org_names

CORPUS = Path(__file__).resolve().parent.parent / "corpus" / "default"
IZA_SENDERS = ("ministerie van VWS", "IZA-partijen")
LETTER_SENDERS = ("minister van VWS", "minister voor LZS")


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("Zorgverzekeraars Nederland", "ZN"),
        ("ZN", "ZN"),
        ("Nederlandse Zorgautoriteit", "NZa"),
        ("Zorginstituut Nederland", "ZINl"),
        ("ZINL", "ZINl"),
        ("Ineen", "InEen"),
        ("Actiz", "ActiZ"),
        ("Patiëntenfederatie Nederland", "Patientenfederatie"),
        ("Vereniging van Nederlandse Gemeenten", "VNG"),
        ("de minister van Volksgezondheid, Welzijn en Sport", "minister van VWS"),
        ("minister voor Langdurige Zorg en Sport", "minister voor LZS"),
        ("minister van Langdurige Zorg, Jeugd en Sport (LJS)", "minister voor LJS"),
        ("IZA partijen", "IZA-partijen"),
        ("regio’s", "regio's"),
        ("WVS", "VWS"),  # a typo in the corpus
        ("Stichting Onbekend", None),
        ("", None),
    ],
)
def test_canonical(written: str, expected: str | None) -> None:
    assert canonical(written) == expected


def test_every_canonical_name_maps_to_itself() -> None:
    for name in ACTORS:
        assert canonical(name) == name


def test_find_actors_in_a_query() -> None:
    query = "Wat hebben de NZa en de minister voor Langdurige Zorg en Sport aan de Kamer toegezegd?"
    assert find_actors(query) == ["NZa", "minister voor LZS"]
    assert "Tweede Kamer" in find_actors(query, include_parliament=True)


def test_abbreviations_are_case_sensitive_where_they_are_words() -> None:
    assert find_actors("Deze zin gaat over niets.") == []
    assert find_actors("Het ZIN adviseert.") == ["ZINl"]


def test_full_stop_and_footnote_do_not_hide_a_name() -> None:
    assert find_actors("Dit doet ZN. Daarna volgt VWS.") == ["ZN", "VWS"]


def test_line_break_hyphen_is_rejoined() -> None:
    assert find_actors("afspraken van de IZA- partijen") == ["IZA-partijen"]


def test_consulted_parties_are_mentions() -> None:
    text = (
        "Deze maatregel wordt uitgewerkt voor 1 juni 2023 door het Ministerie van VWS met "
        "consultatie van zorgverzekeraars, patiëntenorganisaties en zorgaanbieders."
    )
    actors, mentions = tag_actors(text, IZA_SENDERS, ("IZA-partijen",))
    assert actors == ("VWS",)
    assert set(mentions) == {"zorgverzekeraars", "zorgaanbieders"}


def test_listed_parties_all_act() -> None:
    text = "VWS werkt voor 1 januari 2023 samen met het Zorginstituut en ZN uit hoe kennis ..."
    assert tag_actors(text, IZA_SENDERS, ("IZA-partijen",))[0] == ("VWS", "ZINl", "ZN")


def test_group_members_in_brackets_replace_the_group() -> None:
    text = "Voor de zomer publiceren de kennisinstituten (RIVM, Nivel en het Zorginstituut) alles."
    assert tag_actors(text, LETTER_SENDERS, ("VWS",))[0] == ("RIVM", "Nivel", "ZINl")


def test_group_after_preposition_is_a_mention() -> None:
    text = "ZonMw heeft een subsidieronde opengesteld om regio's te ondersteunen."
    assert tag_actors(text, LETTER_SENDERS, ("VWS",)) == (("ZonMw",), ("regio's",))
    text = "Eind Q2 2023 heeft elke regio het regiobeeld herijkt."
    assert tag_actors(text, IZA_SENDERS, ("IZA-partijen",))[0] == ("regio's",)


def test_parliament_is_never_an_actor() -> None:
    text = "Na de zomer informeert de minister van VWS uw Kamer hierover."
    assert tag_actors(text, LETTER_SENDERS, ("VWS",)) == (("minister van VWS",), ("Tweede Kamer",))


def test_pronouns_resolve_to_senders() -> None:
    # A co-signed letter does not say which signer 'ik' is: every signer, as signed.
    voices = senders_as_actors(LETTER_SENDERS)
    assert len(voices) == len(LETTER_SENDERS) >= 2
    assert resolve_pronouns("Ik stuur u voor de zomer een brief.", LETTER_SENDERS) == voices
    assert resolve_pronouns("We gaan met zorginkopers na hoe ...", LETTER_SENDERS) == voices
    # In an agreement 'wij' are its parties.
    assert resolve_pronouns("Daar gaan we samen aan werken.", IZA_SENDERS) == ["IZA-partijen"]
    assert resolve_pronouns("Geen voornaamwoord.", LETTER_SENDERS) == []


def test_requesters_and_those_consulted_are_mentions() -> None:
    actors, mentions = tag_actors("VWS vraagt de NZa om de prestaties te herzien.")
    assert actors == ("NZa",) and "VWS" in mentions
    actors, mentions = tag_actors("Het kabinet roept de NZa op om door te gaan.")
    assert actors == ("NZa",) and "kabinet" in mentions
    actors, mentions = tag_actors("De minister is in gesprek met de LHV en InEen hierover.")
    assert "LHV" in mentions and "InEen" in mentions and "LHV" not in actors


def test_bodies_are_actors() -> None:
    text = "De ontwikkelingen worden besproken in het BO IZA."
    assert tag_actors(text)[0] == ("Bestuurlijk Overleg IZA",)
    assert tag_actors("Het Rijk stelt middelen beschikbaar.")[0] == ("kabinet",)


def test_default_voice_only_when_nobody_is_named() -> None:
    assert tag_actors("De uitrol start medio 2026.", LETTER_SENDERS, ("VWS",))[0] == ("VWS",)
    assert tag_actors("De NZa start medio 2026.", LETTER_SENDERS, ("VWS",))[0] == ("NZa",)


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("VWS, NZa", ["VWS", "NZa"]),
        ("ZINl, NZa, VWS, IZA partijen", ["ZINl", "NZa", "VWS", "IZA-partijen"]),
        (
            "ZN, VWS, NZa, IZA- partijen (VNG, GGZ, LHV, InEen, ActiZ)",
            [
                "ZN",
                "VWS",
                "NZa",
                "IZA-partijen",
                "VNG",
                "De Nederlandse GGZ",
                "LHV",
                "InEen",
                "ActiZ",
            ],
        ),
        ("LHV en InEen", ["LHV", "InEen"]),
        ("?", []),
        ("Onbekende partij", ["Onbekende partij"]),
    ],
)
def test_split_responsible(cell: str, expected: list[str]) -> None:
    assert split_responsible(cell) == expected


def test_corpus_clauses_get_known_names() -> None:
    meta = load_meta(CORPUS)
    name = "003_bc5badbf8b9b28ce.txt"
    _, clauses = parse_file(CORPUS / name, meta[name])
    named = [c for c in clauses if c.actors]
    assert len(named) > len(clauses) * 0.8
    known = set(ACTORS)
    previous: tuple[str, ...] = ()
    for clause in clauses:
        # Names the gazetteer lacks come from the naming conventions (tagging.orgnames), in the
        # clause or, for a clause that points back, in the one before.
        found = {o.name for o in find_org_names(normalise(clause.text))}
        if clause.get(ACTORS_FROM) == "previous":
            found |= set(previous)
        assert set(clause.actors) <= known | found, clause.text
        previous = clause.actors
        assert not set(clause.actors) & set(clause.mentions)
        assert clause.theme in THEMES


def test_each_clause_records_where_its_actors_come_from() -> None:
    meta = load_meta(CORPUS)
    name = "001_f49a419464a26771.txt"
    _, clauses = parse_file(CORPUS / name, meta[name])
    source = {c.id: c.get(ACTORS_FROM) for c in clauses}
    assert set(source.values()) == {"text", "table", "previous", "default", "implied", "none"}
    for c in clauses:
        if source[c.id] == "none":
            assert not c.actors
        if source[c.id] == "default":
            assert c.actors == ("IZA-partijen",)  # the agreement's own voice
        if source[c.id] == "implied":
            assert c.actors == ("VWS",)  # a scheme, budget frame or programme it runs
        if source[c.id] == "text":
            assert c.actors and c.block != "table_row"
    row = next(c for c in clauses if c.text.startswith("Ontwikkelen leidraad Meer Tijd"))
    assert row.get(ACTORS_FROM) == "table" and row.actors == ("LHV", "InEen", "ZN")


def test_an_answer_says_when_its_actors_are_inferred() -> None:
    from corpus.model import Clause

    def clause(source: str, actors: tuple[str, ...]) -> Clause:
        return Clause("d:1", "d.txt", 1, "tekst", actors=actors, extra=((ACTORS_FROM, source),))

    assert clause("text", ("NZa", "ZN")).who() == "NZa, ZN"
    assert clause("table", ("LHV",)).who() == "LHV"
    assert clause("default", ("VWS",)).who() == "VWS (stem van het document)"
    assert clause("previous", ("NZa",)).who() == "NZa (uit de zin ervoor)"
    assert clause("implied", ("VWS",)).who() == "VWS (afgeleid uit de tekst)"
    assert clause("none", ()).who() == ""


def test_parties_before_the_iza_are_not_the_iza_parties() -> None:
    meta = load_meta(CORPUS)
    name = "000_763c262ae3ca81dd.txt"  # 2020, about the hoofdlijnenakkoorden
    _, clauses = parse_file(CORPUS / name, meta[name])
    assert not any("IZA-partijen" in c.actors + c.mentions for c in clauses if "IZA" not in c.text)
    done = next(c for c in clauses if c.text.startswith("Partijen zijn sindsdien verder gegaan"))
    assert done.actors == ("veldpartijen",)


def test_those_who_lead_act_and_the_others_work_under_them() -> None:
    text = "Onder regie van VWS en ZN werken partijen toe naar een landelijk netwerk."
    assert tag_actors(text, IZA_SENDERS) == (("VWS", "ZN"), ("IZA-partijen",))
    text = "Onder leiding van de NZa (en het Zorginstituut) stellen zorgverzekeraars een kader op."
    assert tag_actors(text)[0] == ("NZa", "ZINl")
    # Only in its own sentence: the parties of the sentence before keep acting.
    text = "De LHV en ZN maken een plan. Hiervoor wordt onder leiding van VWS een proces ingericht."
    assert set(tag_actors(text)[0]) == {"LHV", "ZN", "VWS"}


def test_the_one_asked_acts() -> None:
    text = "Het kabinet roept partijen op om onverminderd aan de slag te gaan."
    assert tag_actors(text, LETTER_SENDERS) == (("IZA-partijen",), ("kabinet",))
    assert tag_actors("VWS vraagt advies aan de NZa en het Zorginstituut.")[0] == ("NZa", "ZINl")
    # The voice that asks is no doer.
    assert tag_actors("Wij vragen zorgverzekeraars om te starten.", LETTER_SENDERS)[0] == (
        "zorgverzekeraars",
    )


def test_who_is_met_in_a_passive_is_a_counterpart() -> None:
    text = "Met regio's en de NZa worden afspraken gemaakt over de aanpak."
    assert tag_actors(text, LETTER_SENDERS, ("minister van VWS",))[0] == ("minister van VWS",)
    # Active: those worked with are partners.
    assert tag_actors("Zorgverzekeraars werken samen met gemeenten.")[0] == (
        "zorgverzekeraars",
        "gemeenten",
    )
    assert tag_actors("Het plan wordt door de NZa met de regio's besproken.")[0][0] == "NZa"


def test_an_exception_and_an_abbreviation_in_brackets() -> None:
    assert tag_actors("Elke partij (niet VWS) beschrijft haar inzet.")[0] == ("IZA-partijen",)
    text = "De minister is in gesprek met de Landelijke Huisartsenvereniging (LHV) en InEen."
    actors, mentions = tag_actors(text)
    assert "InEen" in mentions and "InEen" not in actors


def test_qualified_parties_in_a_cell_are_not_all_parties() -> None:
    assert split_responsible("GGZ partijen, ZINl") == ["GGZ partijen", "ZINl"]
    assert split_responsible("VWS, regionale partijen") == ["VWS", "regionale partijen"]
    assert split_responsible("alle partijen") == ["IZA-partijen"]


def test_those_consulted_stay_mentions_along_their_list() -> None:
    # A first item the gazetteer does not know ("het veld") does not end the list.
    text = "In overleg met de sector, de NZa en Nictiz herzien wij de regeling."
    actors, mentions = tag_actors(text, LETTER_SENDERS)
    assert "NZa" in mentions and "Nictiz" in mentions
    assert "NZa" not in actors and "Nictiz" not in actors
    text = "Het RIVM actualiseert, in afstemming met het Zorginstituut, de lijst."
    assert tag_actors(text) == (("RIVM",), ("ZINl",))
    text = "VWS stelt een voorstel op in nauwe samenspraak met alle betrokken zorgverzekeraars."
    assert tag_actors(text) == (("VWS",), ("zorgverzekeraars",))
    # Members named after "waaronder" share the role of the parties they belong to.
    text = "VWS is in overleg met partijen uit de mondzorg, waaronder de KNMT en de NHG."
    actors, mentions = tag_actors(text)
    assert actors == ("VWS",) and {"KNMT", "NHG"} <= set(mentions)
    # Partners in an agreement still act.
    text = "VWS maakt afspraken met onder andere de LHV en ZN."
    assert tag_actors(text)[0] == ("VWS", "LHV", "ZN")


def test_an_owner_or_a_source_is_named_not_acting() -> None:
    text = "Het standpunt van de NZa over deze vraag is bekend."
    assert tag_actors(text, LETTER_SENDERS, ("minister van VWS",))[0] == ("minister van VWS",)
    text = "VWS past de kaders aan op basis van de ramingen van het CPB."
    assert tag_actors(text) == (("VWS",), ("CPB",))
    text = "Dit volgt uit de halfjaarrapportages van de NZa en het Zorginstituut."
    assert tag_actors(text)[0] == ()
    # The owner's own action: the owner acts.
    text = "Het is de inzet van de NZa om dit najaar een kader te publiceren."
    assert tag_actors(text)[0] == ("NZa",)
    # A lead written as a compound still leads.
    text = "Partijen werken onder procesregie van het Zorginstituut aan een register."
    assert tag_actors(text, IZA_SENDERS)[0] == ("ZINl",)


def test_parties_pointing_back_are_not_the_agreements_parties() -> None:
    text = "De minister sprak met de KNMT en de NHG. Beide partijen steunen het plan."
    assert "IZA-partijen" not in tag_actors(text, LETTER_SENDERS)[0]
    assert tag_actors("Alle partijen steunen het plan.", IZA_SENDERS)[0] == ("IZA-partijen",)


def test_an_acronym_after_a_name_in_full_is_its_short_form() -> None:
    text = "De Minister voor Langdurige Zorg en Sport (LZS) start een verkenning."
    assert tag_actors(text)[0] == ("minister voor LZS",)
    # After an acronym, a bracketed acronym is another organisation (a member).
    assert "NOV" in tag_actors("Hierover spreken FMS (NOV) en ZN af.")[0]
