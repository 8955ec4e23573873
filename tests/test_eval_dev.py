"""CI regression guard: akkoord on the dev set stays above the floors in eval/floors.json."""

from __future__ import annotations

import json
from pathlib import Path

from eval.qa import load_qa
from eval.run import document_paths, evaluate
from index import Searcher

ROOT = Path(__file__).resolve().parent.parent
DEV = sorted((ROOT / "eval" / "data").glob("dev_qa_*.jsonl"))
FLOORS = json.loads((ROOT / "eval" / "floors.json").read_text(encoding="utf-8"))


def test_dev_set_recall_and_deadline_accuracy_stay_above_floors(searcher: Searcher) -> None:
    records = load_qa(DEV, document_paths(searcher.store))
    result = evaluate(records, ["akkoord"], searcher, k=10)
    akkoord = result.system("akkoord")
    summary = akkoord.summary()
    extraction = akkoord.extraction()
    assert extraction is not None
    assert summary["n"] == len(records) > 0
    figures = {"R@5": summary["R@5"], "deadline": extraction.deadline}
    floors = FLOORS["akkoord"]
    for name, value in figures.items():
        assert value >= floors[name], (
            f"dev {name} {value:.3f} fell below its floor {floors[name]:.3f} "
            f"(measured {FLOORS['measured'][name]:.3f}); see `akkoord eval --report`"
        )
