"""The failure analysis (eval.failures): where the answer is and what stands first."""

from __future__ import annotations

import datetime as dt

from corpus.model import Clause
from eval.failures import first_card, position, traits
from eval.qa import QARecord

QUOTE = "De NZa levert het advies over de bekostiging voor 1 juli 2026 op."


def _record(question: str) -> QARecord:
    return QARecord("q1", question, "nl", "brief.pdf", QUOTE, ("NZa",), None, None, "ggz", "feit")


def _clause(ordinal: int, text: str, doc: str = "brief.pdf", section: str = "1 Ggz") -> Clause:
    return Clause(f"{doc}:{ordinal}", doc, ordinal, text, section=(section,))


ANSWER = _clause(10, QUOTE)


def test_positions_fall_in_their_buckets() -> None:
    assert position(2, True) == position(5, True) == "rank 2-5"
    assert position(6, True) == "rank 6-10"
    assert position(11, True).startswith("rank 11-30")
    assert position(11, False) == "below the head of 30"
    assert position(None, False).startswith("not in")


def test_the_first_card_is_placed_relative_to_the_answer() -> None:
    record = _record("Wanneer komt het advies van de NZa?")
    assert first_card(_clause(3, "x", doc="iza.pdf"), [ANSWER], record).startswith("a clause of")
    assert first_card(_clause(12, "x"), [ANSWER], record).startswith("a neighbour")
    assert first_card(_clause(20, "x"), [ANSWER], record).startswith("another clause")
    assert first_card(_clause(20, "x", section="2 Wijk"), [ANSWER], record).startswith(
        "a clause elsewhere"
    )


def test_traits_name_the_question_type_and_partial_overlap() -> None:
    near = Clause("brief.pdf:11", "brief.pdf", 11, "De NZa levert het advies op.", section=("1",))
    got = traits(near, [ANSWER], _record("Wanneer komt het advies van de NZa?"))
    assert "wanneer: first card undated" in got
    assert "wanneer: no answering clause carries a deadline" in got
    assert "wanneer: first card states a time" not in got
    assert any(t.startswith("first card covers") for t in got)
    past = Clause("brief.pdf:30", "brief.pdf", 30, "Op 23 januari is het advies verschenen.")
    got = traits(past, [ANSWER], _record("Wanneer komt het advies van de NZa?"))
    assert "wanneer: first card undated" in got and "wanneer: first card states a time" in got
    dated = Clause("iza.pdf:1", "iza.pdf", 1, "Iets anders.", deadline=dt.date(2026, 7, 1))
    got = traits(dated, [ANSWER], _record("Wie levert het advies?"))
    assert got == ["wie"]
