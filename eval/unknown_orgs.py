"""Actor P/R on hand-written sentences naming organisations no gazetteer holds (a held-out check).

`eval/data/unknown_orgs.jsonl`, one JSON object a line: `id`; `text`, one sentence written for
this check with invented organisations; `actors`, the doers as the actor conventions name them
(short form: the acronym when the text defines one, no leading article; `[]` when the sentence
names no doer, e.g. only a source it cites); `batch`: 1 for the 28 sentences written first
(their errors showed two general bugs, fixed after: "X en de Y" read as one name, and a
gazetteer word inside a longer name), 2 for the 12 written after those fixes and scored once.
Each sentence was labelled before the tagger was run on it. Names compare as the scoring rule
compares them.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from eval.scoring import actor_scores
from tagging.actors import tag_actors
from tagging.orgnames import document_names

UNKNOWN_ORGS = Path(__file__).resolve().parent / "data" / "unknown_orgs.jsonl"


@dataclass(frozen=True, slots=True)
class OrgScores:
    """Micro-averaged precision and recall over the names, and the sentences that disagree."""

    precision: float
    recall: float
    n: int
    errors: tuple[str, ...]

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def _hit(name: str, others: Sequence[str]) -> bool:
    return actor_scores([name], others)[0] > 0


def score_unknown_orgs(path: Path = UNKNOWN_ORGS, batch: int | None = None) -> OrgScores:
    """Tag each sentence (no senders, no default voice) and compare its actors with the labels."""
    gold_n = found = predicted_n = right = 0
    errors = []
    records = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]
    records = [r for r in records if batch is None or r["batch"] == batch]
    for record in records:
        gold = list(record["actors"])
        # A record may give the rest of its document ("context"): the names written there.
        names = document_names([record.get("context", ""), record["text"]])
        predicted = list(tag_actors(record["text"], names=names)[0])
        gold_n += len(gold)
        found += sum(_hit(g, predicted) for g in gold)
        predicted_n += len(predicted)
        right += sum(_hit(p, gold) for p in predicted)
        if sorted(gold) != sorted(predicted):
            errors.append(f"{record['id']}: gold {gold} got {predicted}")
    precision = right / predicted_n if predicted_n else 1.0
    recall = found / gold_n if gold_n else 1.0
    return OrgScores(precision, recall, len(records), tuple(errors))


def main(argv: Sequence[str] | None = None) -> int:
    """Print P/R/F1 on the sentences; `--errors` lists the disagreements."""
    args = list(sys.argv[1:] if argv is None else argv)
    print(f"{'unknown organisations':<24}{'n':>4}{'P':>7}{'R':>7}{'F1':>7}")
    for label, batch in (("batch 1", 1), ("batch 2", 2), ("batch 3", 3), ("all", None)):
        s = score_unknown_orgs(batch=batch)
        print(f"{label:<24}{s.n:>4}{s.precision:>7.3f}{s.recall:>7.3f}{s.f1:>7.3f}")
    if "--errors" in args:
        print("\n".join(s.errors))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
