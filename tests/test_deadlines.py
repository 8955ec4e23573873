"""Tests for the Dutch time-expression normaliser: corpus expressions, choice, never raising."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tagging.deadlines import (
    find_time_expressions,
    parse_date_cell,
    parse_deadline,
)

# Reference dates: the documents' own dates in corpus/default/meta.json.
IZA = dt.date(2022, 9, 16)
EERSTE_LIJN = dt.date(2023, 5, 17)
IZA_AZWA = dt.date(2026, 6, 19)
KWALITEIT = dt.date(2022, 6, 30)
HLA = dt.date(2020, 6, 29)

D = dt.date
# (expression as it occurs in the corpus, reference date, expected deadline per eval/README.md)
CORPUS_EXPRESSIONS: list[tuple[str, dt.date, dt.date | None]] = [
    ("voor 1 januari 2023", IZA, D(2023, 1, 1)),
    ("per 1 januari 2023", IZA, D(2023, 1, 1)),
    ("uiterlijk 1 januari 2025", IZA, D(2025, 1, 1)),
    ("voor het zomerreces", EERSTE_LIJN, D(2023, 7, 1)),
    ("rond de zomer", KWALITEIT, D(2022, 8, 31)),
    ("voor 1 juni 2023", IZA, D(2023, 6, 1)),
    ("uiterlijk 1-1-2024", IZA, D(2024, 1, 1)),
    ("per 1 januari 2026", IZA_AZWA, None),  # already past for the June 2026 letter
    ("na de zomer", KWALITEIT, D(2022, 11, 30)),
    ("in het najaar van 2022", IZA, D(2022, 11, 30)),
    ("in de zomer", EERSTE_LIJN, D(2023, 8, 31)),
    ("voor de zomer", KWALITEIT, D(2022, 7, 1)),
    ("voor 1 januari 2024", IZA, D(2024, 1, 1)),
    ("uiterlijk 1 juni 2024", IZA, D(2024, 6, 1)),
    ("uiterlijk 1 juli 2023", IZA, D(2023, 7, 1)),
    ("per 1-1-2024", IZA, D(2024, 1, 1)),
    ("per 1 juli 2023", IZA, D(2023, 7, 1)),
    ("per 1 januari 2028", IZA_AZWA, D(2028, 1, 1)),
    ("met ingang van 1 januari 2024", IZA, D(2024, 1, 1)),
    ("in juni", IZA_AZWA, D(2026, 6, 30)),
    ("in het najaar", IZA_AZWA, D(2026, 11, 30)),
    ("Na de zomer", IZA_AZWA, D(2026, 11, 30)),
    ("In december 2019", HLA, None),  # before the letter: a statement about the past
    ("Eind Q2 2023", IZA, D(2023, 6, 30)),
    ("voor de zomer van 2026", IZA_AZWA, D(2026, 7, 1)),
    ("voor de zomer van 2023", EERSTE_LIJN, D(2023, 7, 1)),
    ("voor 1 juli 2023", IZA, D(2023, 7, 1)),
    ("vanaf januari 2023", IZA, D(2023, 1, 1)),
    ("vanaf Q2 2023", IZA, D(2023, 4, 1)),
    ("vanaf 1 januari 2024", IZA, D(2024, 1, 1)),
    ("uiterlijk 14 oktober 2022", IZA, D(2022, 10, 14)),
    ("uiterlijk 1 januari 2026", IZA, D(2026, 1, 1)),
    ("per januari 2022", HLA, D(2022, 1, 1)),
    ("per januari 2021", HLA, D(2021, 1, 1)),
    ("per 1-1-2025", IZA, D(2025, 1, 1)),
    ("per 1 januari 2027", IZA_AZWA, D(2027, 1, 1)),
    ("na het zomerreces", EERSTE_LIJN, D(2023, 11, 30)),
    ("met ingang van volgend jaar", IZA_AZWA, D(2027, 1, 1)),
    ("met ingang van 1-1-2027", IZA_AZWA, D(2027, 1, 1)),
    ("met ingang van 1 januari 2025", IZA, D(2025, 1, 1)),
    ("in september 2019", HLA, None),
    ("in december 2025", IZA_AZWA, None),
    ("in het voorjaar van 2023", IZA, D(2023, 5, 31)),
    ("uiterlijk in het voorjaar van 2023", IZA, D(2023, 5, 31)),
    ("in de zomer van 2026", IZA_AZWA, D(2026, 8, 31)),
    ("in april 2026", IZA_AZWA, None),  # April 2026 lies before the June 2026 letter
    ("in april 2026", IZA, D(2026, 4, 30)),
    ("in Q2 2023", IZA, D(2023, 6, 30)),
    ("in Q1 van 2023", IZA, D(2023, 3, 31)),
    ("in Q1 2023", IZA, D(2023, 3, 31)),
    ("einde van dit jaar", IZA, D(2022, 12, 31)),
    ("eind januari 2023", IZA, D(2023, 1, 31)),
    ("eind Q4 2022", IZA, D(2022, 12, 31)),
    ("Eind Q4 2023", IZA, D(2023, 12, 31)),
    ("begin Q3 2026", IZA_AZWA, D(2026, 7, 31)),
    ("Voor 1 maart 2023", IZA, D(2023, 3, 1)),
    ("Vanaf 1 januari 2026", IZA, D(2026, 1, 1)),
    ("Per 1 januari 2020", HLA, None),
    ("In oktober 2022", IZA, D(2022, 10, 31)),
    ("Eind dit jaar", IZA_AZWA, D(2026, 12, 31)),
    ("medio 2026", IZA_AZWA, D(2026, 6, 30)),
    ("eind 2026", IZA_AZWA, D(2026, 12, 31)),
    ("eind 2027 gerealiseerd", IZA_AZWA, D(2027, 12, 31)),
    ("per 2030", IZA_AZWA, D(2030, 1, 1)),
    ("per 2024", EERSTE_LIJN, D(2024, 1, 1)),
    ("in 2025", IZA, D(2025, 12, 31)),
    ("uiterlijk in 2024", IZA, D(2024, 12, 31)),
    ("Voor 2027, 2028 en 2029", IZA_AZWA, D(2029, 12, 31)),
    ("zowel in 2027 als in 2028", IZA_AZWA, D(2028, 12, 31)),
    ("voor de jaren 2024–2026", EERSTE_LIJN, D(2026, 12, 31)),
    ("in het tweede kwartaal 2022", KWALITEIT, D(2022, 6, 30)),
    ("tweede helft van 2023", IZA, D(2023, 12, 31)),
    ("eerste helft van 2023", IZA, D(2023, 6, 30)),
    ("begin 2026", IZA, D(2026, 3, 31)),
    ("in het voorjaar 2020", HLA, None),
    ("volgend jaar", IZA_AZWA, D(2027, 12, 31)),
    ("dit jaar", IZA_AZWA, D(2026, 12, 31)),
    ("voor het kerstreces", IZA, D(2022, 12, 31)),
    ("voor het einde van het jaar", IZA, D(2022, 12, 31)),
    ("uiterlijk 1 januari", IZA, D(2023, 1, 1)),  # the coming 1 January
    ("zo snel mogelijk", IZA, None),
    ("binnenkort", IZA, None),
    ("de komende periode", IZA, None),
    ("sinds 2019", IZA, None),
    ("op 8 juni jl.", IZA_AZWA, None),
]


def test_table_keeps_every_corpus_expression() -> None:
    # 85 expressions as written in the bundled corpus, each once: a lost row fails here.
    assert len(CORPUS_EXPRESSIONS) == 85
    assert len({(text, ref) for text, ref, _ in CORPUS_EXPRESSIONS}) == 85


@pytest.mark.parametrize(("text", "ref", "expected"), CORPUS_EXPRESSIONS)
def test_corpus_expression(text: str, ref: dt.date, expected: dt.date | None) -> None:
    date, written = parse_deadline(text, ref)
    assert date == expected
    if expected is not None:
        assert written is not None and written in text


@pytest.mark.parametrize(
    ("sentence", "ref", "expected", "words"),
    [
        # A bounding expression beats a mere mention of a period.
        (
            "Sinds 2019 loopt het programma, dat uiterlijk 1 januari 2025 klaar is.",
            IZA,
            D(2025, 1, 1),
            "uiterlijk 1 januari 2025",
        ),
        # A figure from the past next to the target.
        (
            "In 2025 hoeft maximaal 10% van de patiënten te worden opgenomen, t.o.v. 13% in 2020.",
            IZA,
            D(2025, 12, 31),
            "In 2025",
        ),
        # Done in the letter's own year: no deadline.
        (
            "De PREM is in 2020 tevens opgenomen in het Register van het Zorginstituut.",
            HLA,
            None,
            None,
        ),
        ("Voor 2023 is het aantal oplei- dingsplekken opgehoogd tot 870.", EERSTE_LIJN, None, None),
        # The same year, but still to come.
        ("In 2020 wordt deze monitor in alle sectoren herhaald.", HLA, D(2020, 12, 31), "In 2020"),
        # A bare range is a period, not a limit; the cued year in the next sentence is.
        (
            "De looptijd van het akkoord is 2023 t/m 2026. Partijen spreken af dat er in 2024 een "
            "evaluatiemoment plaatsvindt.",
            IZA,
            D(2024, 12, 31),
            "in 2024",
        ),
        # The first sentence that sets a date governs a clause of several sentences.
        (
            "b. In 2025 is de zorg verbeterd. c. Uiterlijk in 2023 is er een plan.",
            IZA,
            D(2025, 12, 31),
            "In 2025",
        ),
        (
            "Wanneer in de zomer de visie geconcretiseerd is, informeert de minister uw Kamer.",
            EERSTE_LIJN,
            D(2023, 8, 31),
            "in de zomer",
        ),
        (
            "Er komt een overheveling (per januari 2021) en nog een (per januari 2022).",
            HLA,
            D(2021, 1, 1),
            "per januari 2021",
        ),
        ("Het gaat om ca. 650 richtlijnen met ongeveer 12-15.000 modules.", KWALITEIT, None, None),
    ],
)
def test_choice_in_sentences(
    sentence: str, ref: dt.date, expected: dt.date | None, words: str | None
) -> None:
    assert parse_deadline(sentence, ref) == (expected, words)


def test_expressions_carry_span_and_role() -> None:
    text = "Sinds 2019 werken we samen; uiterlijk 1 januari 2025 is het plan klaar."
    found = find_time_expressions(text, IZA)
    assert [e.text for e in found] == ["Sinds 2019", "uiterlijk 1 januari 2025"]
    since, limit = found
    assert since.past and not since.bounding
    assert limit.bounding and not limit.past and limit.date == D(2025, 1, 1)
    assert text[limit.start : limit.end] == limit.text


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # The known bug: these gave 1 January of the year after the letter.
        ("Vanaf dit jaar geldt de nieuwe regeling.", D(2023, 1, 1)),
        ("Per dit jaar worden de tarieven geïndexeerd.", D(2023, 1, 1)),
        ("Met ingang van dit jaar is de Kamer de eerste aanspreekpartner.", D(2023, 1, 1)),
        ("De NZa past per 2023 de prestaties aan.", D(2023, 1, 1)),
        ("Met ingang van volgend jaar stopt de regeling.", D(2024, 1, 1)),
        # Done since the start of the year: a fact, no deadline.
        ("Vanaf dit jaar is de regeling ingevoerd.", None),
        # A day without a year after a limit cue is still the coming one.
        ("Uiterlijk 1 maart leveren partijen het plan aan.", D(2024, 3, 1)),
    ],
)
def test_start_of_this_year(sentence: str, expected: dt.date | None) -> None:
    assert parse_deadline(sentence, D(2023, 6, 15))[0] == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # re.IGNORECASE matches these to "september" and "vierde" where str.lower() does not.
        ("uiterlijk 1 ſeptember 2024", D(2024, 9, 1)),
        ("in het vİerde kwartaal van 2024", D(2024, 12, 31)),
        ("voor 31-2-2024", None),  # no such day
        ("voor 31 februari 2024", D(2024, 2, 29)),  # no such day; the month remains
    ],
)
def test_odd_spellings_and_impossible_days(sentence: str, expected: dt.date | None) -> None:
    assert parse_deadline(sentence, IZA)[0] == expected


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("1-1-2023", D(2023, 1, 1)),
        ("1-7-2023(?)", D(2023, 7, 1)),
        ("1-1-2-24", D(2024, 1, 1)),  # typo for 2024
        ("1-1-2024/5", D(2025, 1, 1)),  # either year: the later one, as for ranges
        ("Q2 2023", D(2023, 6, 30)),
        ("2024", D(2024, 12, 31)),
        ("?", None),
        ("", None),
        ("doorlopend", None),
    ],
)
def test_table_date_cells(cell: str, expected: dt.date | None) -> None:
    assert parse_date_cell(cell, IZA) == expected


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=200))
def test_never_raises_on_arbitrary_text(text: str) -> None:
    date, words = parse_deadline(text, IZA)
    assert (date is None) == (words is None)
    for e in find_time_expressions(text, IZA):
        assert 0 <= e.start <= e.end <= len(text)


_PIECES = st.sampled_from(
    [
        "uiterlijk",
        "voor",
        "per",
        "in",
        "eind",
        "Q",
        "Q5",
        "31",
        "-",
        "/",
        "2-24",
        "2023",
        "29",
        "februari",
        "zomer",
        "van",
        "jl.",
        "t/m",
        "1-13-2024",
        "0-0-00",
        "99",
        " ",
        ".",
        "2100",
        "ſeptember",
        "vİerde",
        "kwartaal",
        "dit",
        "jaar",
        "vanaf",
        "met ingang van",
        "binnen",
        "over",
        "drie",
        "maanden",
        "half",
        "komende",
        "Prinsjesdag",
        "tot",
    ]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(_PIECES, max_size=12).map(" ".join))
def test_never_raises_on_date_like_noise(text: str) -> None:
    date, _ = parse_deadline(text, IZA)
    assert date is None or isinstance(date, dt.date)


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # Projections: a quantity that changes by itself, a prognosis.
        ("Tot 2060 stijgt het aantal ouderen met een zorgvraag fors.", None),
        ("Het aantal 80-plussers zal in 2040 naar verwachting verdubbeld zijn.", None),
        ("Volgens de prognose neemt de vraag in 2030 met een derde toe.", None),
        ("Verwacht wordt dat in 2028 een tekort van 50.000 mensen ontstaat.", None),
        # A far goal year without a limiting cue.
        ("In 2040 is het aantal rokers gehalveerd.", None),
        ("Partijen werken aan de realisatie van de visie op de eerstelijnszorg in 2030.", None),
        # Commitments keep their dates: an agreed target inside the term, a limiting cue.
        ("In 2025 worden 20% minder patiënten onnodig doorverwezen.", dt.date(2025, 12, 31)),
        ("Uiterlijk in 2030 stijgt het aandeel tot 50%.", dt.date(2030, 12, 31)),
        ("Per 2030 geldt de nieuwe norm.", dt.date(2030, 1, 1)),
        ("De NZa verwacht het advies in het najaar van 2023 te sturen.", dt.date(2023, 11, 30)),
        # A range written with "tussen ... en ...": the end of its last year.
        (
            "Er wordt tussen 2023 en 2026 in elke regio gewerkt aan de visie in 2030.",
            dt.date(2026, 12, 31),
        ),
    ],
)
def test_projections_and_far_goals_are_no_deadlines(
    sentence: str, expected: dt.date | None
) -> None:
    assert parse_deadline(sentence, IZA)[0] == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # the time of an asked action stays ahead, whatever the tense of the asking
        (
            "Wij hebben de zorgverzekeraars gevraagd om eind dit jaar in elke regio een "
            "loket in te richten.",
            dt.date(2025, 12, 31),
        ),
        ("De NZa is verzocht vóór 1 december een advies uit te brengen.", dt.date(2025, 12, 1)),
        # a time of the asking itself, or of what was done, stays past
        ("Wij hebben in juli het Zorginstituut gevraagd een advies te geven.", None),
        ("In juli is de regeling vastgesteld om gemeenten te helpen.", None),
    ],
)
def test_an_asked_action_keeps_its_time(sentence: str, expected: dt.date | None) -> None:
    assert parse_deadline(sentence, dt.date(2025, 9, 12))[0] == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # a limit on a start: the start's day
        ("Gemeenten voeren de maatregelen uiterlijk per 2027 in.", dt.date(2027, 1, 1)),
        # "gereed" is ready, not a participle; a part of the year well after the letter
        # lies ahead whatever the tense
        ("De standaard is in het vierde kwartaal van 2026 gereed.", dt.date(2026, 12, 31)),
        ("De monitor is in het najaar van 2026 afgerond.", dt.date(2026, 11, 30)),
        # what was done before the letter, or in its own month, stays past
        ("In maart 2026 is de regeling vastgesteld.", None),
        ("In april 2026 is de regeling vastgesteld.", None),
    ],
)
def test_starts_and_completions_ahead_of_the_letter(
    sentence: str, expected: dt.date | None
) -> None:
    assert parse_deadline(sentence, dt.date(2026, 4, 14))[0] == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # before a year begins: its first day
        ("De stichting levert voor 2026 een nieuw register op.", dt.date(2026, 1, 1)),
        ("Het loket staat vóór 2027 open voor aanvragen.", dt.date(2027, 1, 1)),
        ("Er is ruimte voor begeleiding tot 2028.", dt.date(2028, 1, 1)),
        ("Uiterlijk voor 2026 is het stelsel herzien.", dt.date(2026, 1, 1)),
        # "tot en met" takes the whole year in
        ("De pilots lopen door tot en met 2026.", dt.date(2026, 12, 31)),
        # beside an amount "voor" names the year the money is for
        ("Voor 2026 is € 12 miljoen beschikbaar voor de pilots.", dt.date(2026, 12, 31)),
        ("De middelen worden voor 2025 toegevoegd aan het budget.", dt.date(2025, 12, 31)),
        ("De verdeling van de besteding via de fondsen voor 2026 volgt.", dt.date(2026, 12, 31)),
        ("Voor 2026, 2027 en 2028 is geld gereserveerd.", dt.date(2028, 12, 31)),
        # the letter's own year cannot lie ahead of it: "for", to the year's end
        ("De stichting levert voor 2024 een nieuw register op.", dt.date(2024, 12, 31)),
    ],
)
def test_before_a_year_is_its_first_day(sentence: str, expected: dt.date) -> None:
    assert parse_deadline(sentence, dt.date(2024, 3, 10))[0] == expected


@pytest.mark.parametrize(
    ("sentence", "expected", "words"),
    [
        # a period written "van ... tot ..." ends with its last year
        ("De subsidie loopt van 2023–2026.", dt.date(2026, 12, 31), "van 2023–2026"),
        ("Er wordt van 2024 tot 2027 gewerkt aan de aanpak.", dt.date(2027, 12, 31), None),
        ("Het programma liep van 2019-2022 in drie regio's.", None, None),
        # "van" before a single year is a name or an origin, no period
        ("De regeling van 2025 blijft gelden.", None, None),
    ],
)
def test_a_period_from_one_year_to_another(
    sentence: str, expected: dt.date | None, words: str | None
) -> None:
    date, written = parse_deadline(sentence, dt.date(2024, 3, 10))
    assert date == expected
    if words is not None:
        assert written == words


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # a day without a year in a report of what was done: the one just gone
        ("De stichting heeft een loket ingericht, dat per 1 januari is geopend.", None),
        ("Per 1 maart is de nieuwe werkwijze ingevoerd.", None),
        # still to come, or asked for: the coming one
        ("Per 1 januari wordt de nieuwe werkwijze ingevoerd.", dt.date(2025, 1, 1)),
        ("Het bureau is verzocht vóór 1 maart een advies uit te brengen.", dt.date(2025, 3, 1)),
    ],
)
def test_a_yearless_day_reported_as_done_stays_past(
    sentence: str, expected: dt.date | None
) -> None:
    assert parse_deadline(sentence, dt.date(2024, 9, 10))[0] == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # spans counted from the letter's date
        ("De inspectie rapporteert binnen drie maanden over de uitkomsten.", D(2024, 6, 10)),
        ("Binnen zes weken ontvangt u een reactie.", D(2024, 4, 21)),
        ("Binnen 14 dagen volgt een besluit.", D(2024, 3, 24)),
        ("Binnen een jaar is het portaal beschikbaar.", D(2025, 3, 10)),
        ("Binnen anderhalf jaar is de standaard klaar.", D(2025, 9, 10)),
        ("Het komende half jaar werken de partijen het plan uit.", D(2024, 9, 10)),
        ("De komende twaalf maanden bouwen we het netwerk uit.", D(2025, 3, 10)),
        ("Over twee jaar is het nieuwe stelsel ingevoerd.", D(2026, 3, 10)),
        ("We evalueren de regeling over drie jaar.", D(2027, 3, 10)),
        # counted from something else, or "over" meaning "about": no date
        ("Binnen een jaar na de inwerkingtreding volgt een evaluatie.", None),
        ("Het rapport gaat over twee jaar onderzoek.", None),
        ("In de komende maanden volgt meer.", None),
        # several years to come: a term to work in, as "de komende jaren"
        ("In de komende twee jaar bouwen we het netwerk uit.", None),
        ("De komende 4 jaar realiseren we meer praktijkplekken.", None),
    ],
)
def test_spans_count_from_the_letter(sentence: str, expected: dt.date | None) -> None:
    assert parse_deadline(sentence, dt.date(2024, 3, 10))[0] == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # Prinsjesdag is the third Tuesday of September
        ("Voor Prinsjesdag stuur ik u de uitwerking.", D(2024, 9, 17)),
        ("Op Prinsjesdag 2025 verschijnt de raming.", D(2025, 9, 16)),
        # the budget debates in the autumn; Christmas at the year's end; the Voorjaarsnota
        ("Voor de begrotingsbehandeling informeer ik uw Kamer.", D(2024, 11, 30)),
        ("Na de begrotingsbehandeling volgt het wetsvoorstel.", D(2024, 12, 31)),
        ("Voor de kerst ontvangt u de brief.", D(2024, 12, 31)),
        ("Bij de Voorjaarsnota 2025 wordt hierover besloten.", D(2025, 5, 31)),
        # "komend voorjaar" after the spring: next year's
        ("Komend voorjaar stuur ik u de evaluatie.", D(2025, 5, 31)),
        ("Deze zomer volgt het advies.", D(2024, 8, 31)),
    ],
)
def test_parliamentary_year_and_seasons(sentence: str, expected: dt.date) -> None:
    assert parse_deadline(sentence, dt.date(2024, 6, 20))[0] == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # "van volgend jaar" names the year of a quarter, half, month or season
        ("In het eerste kwartaal van volgend jaar volgt het advies.", D(2025, 3, 31)),
        ("In het derde kwartaal van dit jaar volgt het advies.", D(2024, 9, 30)),
        ("In de eerste helft van volgend jaar volgt het advies.", D(2025, 6, 30)),
        ("In de tweede helft van dit jaar volgt het advies.", D(2024, 12, 31)),
        ("Na de zomer van volgend jaar volgt het advies.", D(2025, 11, 30)),
        ("In het voorjaar van volgend jaar volgt het advies.", D(2025, 5, 31)),
        ("In maart van volgend jaar volgt het advies.", D(2025, 3, 31)),
        ("In maart van vorig jaar is het advies verschenen.", None),
        ("Rond de jaarwisseling volgt het advies.", D(2024, 12, 31)),
    ],
)
def test_a_relative_year_after_a_part_of_it(sentence: str, expected: dt.date | None) -> None:
    assert parse_deadline(sentence, dt.date(2024, 6, 20))[0] == expected
