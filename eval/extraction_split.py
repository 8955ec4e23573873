"""The held-out questions split once into a tuning half and a test half, for extraction work."""

from __future__ import annotations

import random
import sys
from collections.abc import Sequence
from pathlib import Path

from eval.clauses import corpus_reader
from eval.qa import DATA_DIR, QARecord, bundled_documents, load_qa
from eval.run import Extraction
from eval.scoring import actor_f1
from eval.tagging import TaggingReport, tag_records

HELDOUT_QA: tuple[Path, ...] = tuple(sorted(DATA_DIR.glob("heldout_qa_*.jsonl")))
SEED = 1717  # fixed once, before any error was read


def split_heldout(
    paths: Sequence[Path] = HELDOUT_QA,
) -> tuple[list[QARecord], list[QARecord]]:
    """The held-out records, ids sorted then shuffled with random.Random(SEED): the first half
    is for tuning extraction rules, the second half is only reported."""
    records = sorted(load_qa(paths, bundled_documents()), key=lambda r: r.id)
    random.Random(SEED).shuffle(records)
    half = len(records) // 2
    return records[:half], records[half:]


def format_extraction(name: str, s: Extraction) -> str:
    """One line of figures: actor P/R/F1, deadline, kind and theme accuracy."""
    return (
        f"{name:<10}{s.n:>5}{s.actor_precision:>8.3f}{s.actor_recall:>8.3f}{s.actor_f1:>8.3f}"
        f"{s.deadline:>10.3f}{s.kind:>8.3f}{s.theme:>8.3f}"
    )


def main(argv: Sequence[str] | None = None) -> int:
    """Print the figures for both halves (and all); `--errors-tune` lists the tuning half's
    disagreements (never the test half's)."""
    args = list(sys.argv[1:] if argv is None else argv)
    unknown = [a for a in args if a != "--errors-tune"]
    if unknown:
        print(f"{unknown[0]}: unknown option (only --errors-tune)", file=sys.stderr)
        return 2
    tune, test = split_heldout()
    reader = corpus_reader()
    halves = {"tune": tag_records(tune, reader), "test": tag_records(test, reader)}
    print(
        f"{'half':<10}{'n':>5}{'act P':>8}{'act R':>8}{'act F1':>8}{'deadline':>10}"
        f"{'kind':>8}{'theme':>8}"
    )
    for name, tagged in (*halves.items(), ("all", halves["tune"] + halves["test"])):
        print(format_extraction(name, TaggingReport(tuple(tagged)).scores))
    if "--errors-tune" in args:
        print("", "tuning half's disagreements", sep="\n")
        for t in halves["tune"]:
            if actor_f1(t.record.actors, t.clause.actors) < 1:
                print(
                    f"{t.record.id} {t.record.doc} {t.clause.id}: gold {list(t.record.actors)} "
                    f"got {list(t.clause.actors)}\n    {t.clause.text}"
                )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
