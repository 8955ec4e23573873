"""The annotated clause set: its files load, every clause is found by its text, the test half
holds its floors."""

from __future__ import annotations

import pytest

from corpus.model import Clause
from eval.clauses import (
    CLAUSES_TEST,
    CLAUSES_TUNE,
    ClauseRecord,
    ClauseSetError,
    actor_type,
    evaluate_clauses,
    find_clause,
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
    # Segmentation may move, join or split clauses; only a text found nowhere fails here.
    assert s.drifted == 0, "labelled clauses no longer found: re-check their labels"
    assert sum(s.matched.values()) == s.n
    figures = {"actor F1": s.actor_f1, "deadline": s.deadline, "kind": s.kind}
    assert shortfalls("clauses_test", figures) == []


def _record(text: str, ordinal: int = 5) -> ClauseRecord:
    return ClauseRecord(
        id=f"d:{ordinal:05d}",
        doc="d.txt",
        doc_type="letter",
        block="prose",
        text=text,
        actors=("NZa",),
        deadline_text=None,
        deadline=None,
        kind="voornemen",
        theme="kwaliteit",
    )


def _clauses(*texts: str) -> list[Clause]:
    return [Clause(id=f"d:{i:05d}", doc="d", ordinal=i, text=t) for i, t in enumerate(texts)]


def test_a_labelled_clause_is_found_by_its_text_whatever_its_ordinal() -> None:
    text = "De NZa past de prestaties  aan voor 1 juli 2024."
    parsed = _clauses(
        "Inleiding.", "Iets anders.", "De NZa past de prestaties aan voor 1 juli 2024."
    )
    clause, how = find_clause(_record(text, ordinal=0), parsed)
    assert (clause, how) == (parsed[2], "exact")
    # Twice the same text: the one nearest the labelled ordinal.
    twice = _clauses(text, "Tussendoor.", text)
    assert find_clause(_record(text, ordinal=2), twice) == (twice[2], "exact")


def test_a_fragment_joined_to_its_sentence_is_found_inside_it() -> None:
    parsed = _clauses(
        "Partijen spreken af: de regio's stellen een regiobeeld op.",
        "de regio's stellen een regiobeeld op en delen het met de NZa.",
    )
    clause, how = find_clause(_record("de regio's stellen een regiobeeld op."), parsed)
    assert (clause, how) == (parsed[0], "contained")
    # Contained in both without its full stop: the shorter clause holds it most closely.
    clause, how = find_clause(_record("de regio's stellen een regiobeeld op"), parsed)
    assert (clause, how) == (parsed[0], "contained")


def test_a_clause_split_or_reworded_is_found_by_overlap_or_not_at_all() -> None:
    label = "Het Zorginstituut stelt het kader op. Het kader verschijnt in het voorjaar van 2025."
    parsed = _clauses(
        "Het Zorginstituut stelt het kader op.",
        "Het kader verschijnt in het voorjaar van 2025.",
        "Iets heel anders over huisartsen.",
    )
    clause, how = find_clause(_record(label), parsed)
    assert how == "overlap" and clause in parsed[:2]
    assert find_clause(_record("Geen van deze woorden staat er."), parsed) == (None, "missing")
    assert find_clause(_record(label), []) == (None, "missing")
