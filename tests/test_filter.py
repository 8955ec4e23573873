"""The clause filter search and register share: one meaning per field, on hand-made clauses."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from corpus.filter import ClauseFilter, FilterError, actor_matches, document_matches
from corpus.model import Clause

DOC = "003_bc5badbf8b9b28ce.txt"


def clause(**tags: object) -> Clause:
    return Clause(id="003_bc5badbf8b9b28ce:00001", doc=DOC, ordinal=1, text="...", **tags)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("wanted", "matches"),
    [
        (DOC, True),  # file name
        ("003_bc5badbf8b9b28ce", True),  # stem
        ("003", True),  # leading number
        (" 003 ", True),
        ("03", False),  # not the whole number
        ("0", False),
        ("001", False),
        ("003_bc5", False),  # a prefix that is no number
        ("bc5badbf8b9b28ce", False),
    ],
)
def test_a_document_is_named_by_file_name_stem_or_number(wanted: str, matches: bool) -> None:
    assert document_matches(DOC, wanted) is matches
    assert ClauseFilter(doc=wanted).accepts(clause()) is matches


def test_a_document_without_a_number_is_named_by_file_name_or_stem() -> None:
    assert document_matches("brief_a.txt", "brief_a")
    assert document_matches("brief_a.txt", "brief_a.txt")
    assert not document_matches("brief_a.txt", "brief")


@pytest.mark.parametrize(
    ("wanted", "matches"),
    [
        ("VWS", True),
        ("vws", True),
        ("minister van vws", True),
        ("Minister  van VWS", True),  # any whitespace between the words
        ("van", True),
        ("ws", False),  # part of a word
        ("NZa", False),
        ("minister van VWS en OCW", False),  # more than the actor says
    ],
)
def test_actor_is_matched_by_whole_words_ignoring_case(wanted: str, matches: bool) -> None:
    actors = ("minister van VWS", "ZN")
    assert actor_matches(actors, wanted) is matches
    assert ClauseFilter(actor=wanted).accepts(clause(actors=actors)) is matches


def test_an_empty_actor_matches_and_a_clause_without_actors_does_not() -> None:
    assert actor_matches((), "")
    assert not actor_matches((), "VWS")
    assert not ClauseFilter(actor="VWS").accepts(clause())


def test_theme_and_kind_ignore_case() -> None:
    c = clause(theme="passende zorg", kind="toezegging")
    assert ClauseFilter(theme="Passende Zorg", kind="TOEZEGGING").accepts(c)
    assert not ClauseFilter(theme="arbeidsmarkt").accepts(c)
    assert not ClauseFilter(kind="afspraak").accepts(c)
    assert not ClauseFilter(theme="passende zorg").accepts(clause())


def test_deadline_bounds_are_inclusive_and_need_a_deadline() -> None:
    c = clause(deadline=dt.date(2024, 7, 1))
    day = dt.timedelta(days=1)
    assert ClauseFilter(deadline_from=dt.date(2024, 7, 1)).accepts(c)
    assert ClauseFilter(deadline_until=dt.date(2024, 7, 1)).accepts(c)
    assert not ClauseFilter(deadline_from=dt.date(2024, 7, 1) + day).accepts(c)
    assert not ClauseFilter(deadline_until=dt.date(2024, 7, 1) - day).accepts(c)
    assert not ClauseFilter(deadline_until=dt.date(2030, 1, 1)).accepts(clause())


def test_no_field_set_is_inactive_and_accepts_everything() -> None:
    assert not ClauseFilter().active()
    assert ClauseFilter().accepts(clause())
    assert ClauseFilter(kind="feit").active()


def test_check_refuses_a_document_the_store_does_not_hold() -> None:
    ClauseFilter(doc="003").check([DOC, "001_f49a419464a26771.txt"])
    ClauseFilter().check([])
    with pytest.raises(FilterError, match=r"^999: no such document in the store$"):
        ClauseFilter(doc="999").check([DOC])


@given(
    actors=st.lists(st.text(max_size=30), max_size=4).map(tuple),
    wanted=st.text(max_size=30),
)
def test_actor_rule_never_raises_and_an_actor_always_matches_itself(
    actors: tuple[str, ...], wanted: str
) -> None:
    assert isinstance(actor_matches(actors, wanted), bool)
    for a in actors:
        assert actor_matches(actors, a)
