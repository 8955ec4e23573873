"""Query understanding: actors, deadline windows, kinds and English domain terms."""

from __future__ import annotations

import datetime as dt

from corpus.model import Clause
from index.query import (
    asks_when,
    asks_who,
    deadline_window,
    find_kinds,
    is_english,
    translate_terms,
    understand,
)

REF = dt.date(2026, 6, 1)


def test_actor_abbreviation_becomes_a_boost() -> None:
    plan = understand("wat moet ZN doen aan de wachtlijsten?", REF)
    assert "ZN" in plan.actors
    tagged = Clause(id="x:00000", doc="x", ordinal=0, text="...", actors=("ZN",))
    untagged = Clause(id="x:00001", doc="x", ordinal=1, text="...")
    assert plan.boosts(tagged) == 1 and plan.boosts(untagged) == 0


def test_year_windows() -> None:
    assert deadline_window("afspraken in 2024", REF) == (dt.date(2024, 1, 1), dt.date(2024, 12, 31))
    start, end = deadline_window("wat moet er voor 1 juli 2025 klaar zijn", REF)
    assert start is None and end == dt.date(2025, 7, 1)
    assert deadline_window("dit jaar", REF) == (dt.date(2026, 1, 1), dt.date(2026, 12, 31))
    assert deadline_window("wijkverpleging", REF) == (None, None)


def test_english_time_cues_are_read() -> None:
    start, end = deadline_window("What must be done by 2025?", REF)
    assert start is None and end is not None and end.year == 2025


def test_deadline_boost_needs_a_deadline_inside_the_window() -> None:
    plan = understand("toezeggingen in 2024", REF)
    inside = Clause(id="x:0", doc="x", ordinal=0, text="", deadline=dt.date(2024, 5, 1))
    outside = Clause(id="x:1", doc="x", ordinal=1, text="", deadline=dt.date(2025, 5, 1))
    assert plan.boosts(inside) > plan.boosts(outside)


def test_kind_words() -> None:
    assert find_kinds("Welke toezeggingen deed de minister?") == ("toezegging",)
    assert find_kinds("What was agreed about GPs?") == ("afspraak",)
    assert find_kinds("huisartsenzorg") == ()


def test_english_terms_get_dutch_equivalents_for_bm25_only() -> None:
    assert is_english("When will the GP funding be settled?")
    assert not is_english("Wanneer is de financiering van de huisarts geregeld?")
    plan = understand("When will the GP funding be settled?", REF)
    assert "huisarts" in plan.lexical and "financiering" in plan.lexical
    assert plan.text == "When will the GP funding be settled?"
    # Longer terms win over the words inside them.
    assert "ggz" in translate_terms("mental health care")
    assert translate_terms("the domain words here") == "domain words"


def test_when_questions_are_recognised() -> None:
    assert asks_when("Wanneer informeert de minister de Kamer?")
    assert asks_when("When will the plan be ready?")
    assert asks_when("deadline ROAZ-plan")
    # A past time answers too: the stated time of any tense is what "wanneer" looks for.
    assert asks_when("Sinds wanneer doen de gemeenten mee?")
    assert asks_when("Since when has the programme been running?")
    assert not asks_when("wie doet mee aan het akkoord")
    assert understand("Per wanneer gaat het in?", REF).asks_when


def test_who_questions_are_recognised() -> None:
    assert asks_who("Wie schrijft de handreiking?")
    assert asks_who("Welke partijen overleggen over de voortgang?")
    assert asks_who("Who coordinates the emergency care framework?")
    assert not asks_who("Wanneer is het regiobeeld klaar?")
    assert not asks_who("wiens plan is dit")  # a whole word only
    assert understand("wie levert het plan op", REF).asks_who
