"""The tagging eval (python -m eval.tagging): the shared scoring rule, and floors on the dev Q&A."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from corpus.model import Clause
from eval.clauses import CLAUSES_TEST, CLAUSES_TUNE, ClauseSetError
from eval.floors import shortfalls
from eval.qa import DEV_QA, parse_record
from eval.scoring import coverage
from eval.tagging import (
    KIND_FIT_FILES,
    KIND_TRAIN,
    best_clause,
    evaluate_tagging,
    fit_kind_weights,
    load_kind_records,
    written_tune_records,
)
from eval.written import load_documents, split_documents
from tagging.kinds import CUES, KindModel

DEV_QUESTIONS = 36


def test_best_clause_reads_words_as_the_scoring_rule_does() -> None:
    quote = "Voor 2023 is het aantal oplei- dingsplekken opgehoogd"
    whole = Clause(id="d:0", doc="d", ordinal=0, text="Voor 2023 is het aantal opleidingsplekken")
    longer = Clause(id="d:1", doc="d", ordinal=1, text=f"{whole.text} fors opgehoogd, zo blijkt")
    clause, cov = best_clause(quote, [whole, longer])
    assert clause == longer
    assert cov == coverage(quote, longer.text) == 1.0
    # Among clauses that cover as much, the shortest.
    assert best_clause("het aantal", [longer, whole]) == (whole, 1.0)


def test_tags_are_scored_as_akkoord_eval_scores_them(tmp_path: Path) -> None:
    line = DEV_QA[0].read_text(encoding="utf-8").splitlines()[0]
    record = parse_record(line)
    assert len(record.actors) == 1
    qa = tmp_path / "one.jsonl"
    qa.write_text(line + "\n", encoding="utf-8")
    # One clause holding the quote, tagged right except for one actor too many.
    clause = Clause(
        id="x:0",
        doc=record.doc,
        ordinal=0,
        text=record.quote,
        actors=(*record.actors, "Nederlandse Vereniging van Ziekenhuizen"),
        deadline=record.deadline,
        theme=record.theme,
        kind=record.kind,  # type: ignore[arg-type]
    )
    scores = evaluate_tagging([qa], clauses_for=lambda doc: [clause]).scores
    assert scores.n == 1
    assert (scores.actor_precision, scores.actor_recall) == (0.5, 1.0)
    assert scores.actor_f1 == pytest.approx(2 / 3)
    assert (scores.deadline, scores.theme, scores.kind) == (1.0, 1.0, 1.0)


def test_dev_figures_stay_above_floors() -> None:
    # Parses the five bundled documents (no model, no index): the clauses the store would hold.
    report = evaluate_tagging(DEV_QA)
    scores = report.scores
    assert scores.n == len(report.results) == DEV_QUESTIONS
    # The figures measure tagging only when each quote finds its clause (one does not, d001-10).
    assert sum(t.coverage >= 0.8 for t in report.results) >= DEV_QUESTIONS - 1
    figures = {
        "actor F1": scores.actor_f1,
        "deadline": scores.deadline,
        "theme": scores.theme,
        "kind": scores.kind,
    }
    assert shortfalls("tagging", figures) == []


def test_dev_records_name_actors_in_the_gazetteer_spelling() -> None:
    # Actor names compare without folding accents: the gold names must be written as tagged.
    names = [
        name
        for path in DEV_QA
        for line in path.read_text(encoding="utf-8").splitlines()
        for name in json.loads(line)["actors"]
    ]
    assert len(names) >= DEV_QUESTIONS
    assert [name for name in names if not name.isascii()] == []


def test_the_shipped_kind_model_is_what_the_fit_gives() -> None:
    # Parses the five bundled documents; fits on the tuning half and the clauses labelled for
    # training only, never on the test half (nor, with --with-written, on a written test half).
    fit = fit_kind_weights(splits=2)
    assert fit.sources == (CLAUSES_TUNE.name, KIND_TRAIN.name)
    assert CLAUSES_TEST not in KIND_FIT_FILES
    halves = split_documents(load_documents())
    assert {halves[r.doc] for r, _ in written_tune_records()} == {"tune"}
    assert fit.n > 300
    assert set(fit.weights) <= set(CUES)
    # Facts below zero, commitments above, for the cues the fit kept.
    for cue in ("background", "reports the past", "describes the present"):
        assert fit.weights.get(cue, -1) < 0, cue
    for cue in ("deadline", "agreement", "planning wording"):
        assert fit.weights.get(cue, 1) > 0, cue
    assert 0.5 < fit.chosen.cv_accuracy <= 1
    # The cues are chosen by the accuracy with each document left out.
    assert fit.chosen.by_document >= fit.decision_list.by_document
    # tagging/kind_model.json is this fit, written by `python -m eval.tagging --fit-kinds`.
    shipped = KindModel.load()
    assert shipped.weights == pytest.approx(fit.weights, abs=1e-5)
    assert shipped.bias == pytest.approx(fit.model.bias, abs=1e-5)


def test_kind_only_records_load_and_a_bad_one_is_named(tmp_path: Path) -> None:
    path = tmp_path / "train.jsonl"
    row = {"id": "d:1", "doc": "d.txt", "doc_type": "letter", "block": "prose", "text": "Zo."}
    path.write_text(json.dumps(row | {"kind": "feit", "why": "x"}) + "\n\n", encoding="utf-8")
    (record,) = load_kind_records(path)
    assert (record.kind, record.actors, record.deadline, record.theme) == ("feit", (), None, "")
    path.write_text(json.dumps(row | {"kind": "wens"}) + "\n", encoding="utf-8")
    with pytest.raises(ClauseSetError, match=r"train\.jsonl:1: unknown kind 'wens'"):
        load_kind_records(path)
    path.write_text(json.dumps(row) + "\n", encoding="utf-8")
    with pytest.raises(ClauseSetError, match=r"train\.jsonl:1"):
        load_kind_records(path)
    # The full clause files load the same way.
    assert len(load_kind_records(CLAUSES_TUNE)) == 204
