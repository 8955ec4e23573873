"""The annotated clause set: its files load, nothing drifted, the test half holds its floors."""

from __future__ import annotations

import pytest

from eval.clauses import (
    CLAUSES_TEST,
    CLAUSES_TUNE,
    ClauseSetError,
    actor_type,
    evaluate_clauses,
    load_clauses,
    score,
)
from eval.floors import shortfalls


def test_halves_are_disjoint_and_cover_every_block() -> None:
    tune, test = load_clauses(CLAUSES_TUNE), load_clauses(CLAUSES_TEST)
    assert len(tune) + len(test) >= 400
    assert not {r.id for r in tune} & {r.id for r in test}
    for half in (tune, test):
        assert {r.block for r in half} == {"prose", "bullet", "table_row", "footnote"}
        assert {r.doc_type for r in half} == {"letter", "agreement", "annex"}


def test_a_broken_line_names_file_and_line(tmp_path) -> None:
    bad = tmp_path / "clauses_x.jsonl"
    bad.write_text('{"id": "a"}\n', encoding="utf-8")
    with pytest.raises(ClauseSetError, match=r"clauses_x.jsonl:1"):
        load_clauses(bad)


def test_actor_types() -> None:
    assert actor_type("minister voor LZS") == "signer voice"
    assert actor_type("kabinet") == "body"
    assert actor_type("Bestuurlijk Overleg IZA") == "body"
    assert actor_type("IZA-partijen") == "collective parties"
    assert actor_type("NZa") == "named organisation"


def test_test_half_holds_its_floors() -> None:
    s = score(evaluate_clauses(CLAUSES_TEST))
    assert s.drifted == 0, "clause texts changed: re-check the labels of the drifted clauses"
    figures = {"actor F1": s.actor_f1, "deadline": s.deadline, "kind": s.kind}
    assert shortfalls("clauses_test", figures) == []
