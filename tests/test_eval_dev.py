"""CI regression guard: akkoord on the dev set stays above the floors in eval/floors.json."""

from __future__ import annotations

from eval.floors import shortfalls
from eval.qa import DEV_QA, load_qa
from eval.run import document_paths, evaluate
from index import Searcher

DEV_QUESTIONS = 36


def test_dev_retrieval_and_extraction_stay_above_floors(searcher: Searcher) -> None:
    records = load_qa(DEV_QA, document_paths(searcher.store))
    akkoord = evaluate(records, ["akkoord"], searcher, k=10).system("akkoord")
    summary = akkoord.summary()
    extraction = akkoord.extraction()
    assert extraction is not None
    assert summary["n"] == len(records) == DEV_QUESTIONS
    # Tags are scored on every question answered in the top 10, and on no other.
    assert extraction.n == round(summary["R@10"] * DEV_QUESTIONS)
    figures = {
        **{name: summary[name] for name in ("R@1", "R@5", "R@10", "MRR@10")},
        "actor F1": extraction.actor_f1,
        "deadline": extraction.deadline,
        "theme": extraction.theme,
        "kind": extraction.kind,
    }
    assert shortfalls("akkoord", figures) == [], "see `akkoord eval --report` for the misses"
