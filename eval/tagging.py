"""Per-field tagging figures on Q&A records: actor F1, deadline, theme and kind accuracy."""

from __future__ import annotations

import datetime as dt
import difflib
import json
import re
import sys
import unicodedata
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from corpus.model import Clause
from ingest.pipeline import load_meta, parse_file

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus" / "default"
DEV_QA = tuple(sorted((ROOT / "eval" / "data").glob("dev_qa_*.jsonl")))
KIND_LABELS = ("afspraak", "toezegging", "voornemen", "feit", "footnote", "heading")


@dataclass(frozen=True, slots=True)
class RecordResult:
    """The tags of the clause that best covers one record's quote, next to the gold tags."""

    id: str
    clause_id: str
    coverage: float
    gold_actors: tuple[str, ...]
    actors: tuple[str, ...]
    actor_f1: float
    gold_deadline: dt.date | None
    deadline: dt.date | None
    deadline_text: str | None
    deadline_ok: bool
    gold_theme: str
    theme: str | None
    gold_kind: str
    kind: str


@dataclass
class TaggingReport:
    """Per-record results and the per-field figures over them."""

    results: list[RecordResult] = field(default_factory=list)

    def _mean(self, values: Sequence[float]) -> float:
        return sum(values) / len(values) if values else 0.0

    @property
    def actor_f1(self) -> float:
        return self._mean([r.actor_f1 for r in self.results])

    @property
    def deadline_accuracy(self) -> float:
        return self._mean([float(r.deadline_ok) for r in self.results])

    @property
    def theme_accuracy(self) -> float:
        return self._mean([float(r.theme == r.gold_theme) for r in self.results])

    @property
    def kind_accuracy(self) -> float:
        return self._mean([float(r.kind == r.gold_kind) for r in self.results])

    def confusion(self) -> Counter[tuple[str, str]]:
        """(gold kind, predicted kind) -> number of records."""
        return Counter((r.gold_kind, r.kind) for r in self.results)


def fold(name: str) -> str:
    """A name lower-cased without accents, punctuation or spaces, for loose comparison."""
    name = unicodedata.normalize("NFKD", name)
    name = "".join(c for c in name if not unicodedata.combining(c))
    return re.sub(r"\W+|_", "", name.lower())


def _same(a: str, b: str) -> bool:
    fa, fb = fold(a), fold(b)
    return bool(fa and fb) and (fa in fb or fb in fa)


def actor_f1(predicted: Sequence[str], gold: Sequence[str]) -> float:
    """F1 of predicted against gold names; a name counts when one contains the other."""
    if not predicted and not gold:
        return 1.0
    if not predicted or not gold:
        return 0.0
    precision = sum(any(_same(p, g) for g in gold) for p in predicted) / len(predicted)
    recall = sum(any(_same(p, g) for p in predicted) for g in gold) / len(gold)
    return 0.0 if precision + recall == 0 else 2 * precision * recall / (precision + recall)


def _words(text: str) -> list[str]:
    text = re.sub(r"-\s+", "", text)  # "oplei- dingsplekken" as the scoring rule reads it
    return re.findall(r"\w+", text.lower())


def coverage(quote: str, text: str) -> float:
    """Share of the quote's words that the text covers, as difflib matching blocks."""
    q, t = _words(quote), _words(text)
    if not q:
        return 0.0
    matcher = difflib.SequenceMatcher(None, q, t, autojunk=False)
    return sum(b.size for b in matcher.get_matching_blocks()) / len(q)


def best_clause(quote: str, clauses: Sequence[Clause]) -> tuple[Clause, float]:
    """The clause covering most of the quote; among equals the shortest."""
    qwords = set(_words(quote))
    # Cheap pre-filter on shared words before the quadratic matcher.
    candidates = sorted(clauses, key=lambda c: -len(qwords & set(_words(c.text))))[:15]
    scored = [(coverage(quote, c.text), -len(c.text), c) for c in candidates]
    cov, _, clause = max(scored, key=lambda s: (s[0], s[1]))
    return clause, cov


def _date(value: object) -> dt.date | None:
    return dt.date.fromisoformat(str(value)) if value else None


def evaluate_tagging(
    qa_paths: Sequence[Path] = DEV_QA,
    corpus_dir: Path = CORPUS,
    clauses_for: Callable[[str], list[Clause]] | None = None,
) -> TaggingReport:
    """Take, for each record, the clause of its document that best covers the quote and compare
    its tags with the gold ones. Clauses come from `clauses_for(doc)` (e.g. a Store's
    `clauses`), or else from parsing the document in `corpus_dir` afresh."""
    meta = load_meta(corpus_dir)
    parsed: dict[str, list[Clause]] = {}
    report = TaggingReport()
    for path in qa_paths:
        for line in path.read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            record = json.loads(line)
            doc = record["doc"]
            if doc not in parsed and clauses_for is not None:
                parsed[doc] = clauses_for(doc)
            elif doc not in parsed:
                parsed[doc] = parse_file(corpus_dir / doc, meta.get(doc))[1]
            clause, cov = best_clause(record["quote"], parsed[doc])
            gold_deadline = _date(record.get("deadline"))
            ok = (
                clause.deadline is None
                if gold_deadline is None
                else clause.deadline is not None
                and abs((clause.deadline - gold_deadline).days) <= 31
            )
            report.results.append(
                RecordResult(
                    id=record["id"],
                    clause_id=clause.id,
                    coverage=cov,
                    gold_actors=tuple(record.get("actors") or ()),
                    actors=clause.actors,
                    actor_f1=actor_f1(clause.actors, record.get("actors") or ()),
                    gold_deadline=gold_deadline,
                    deadline=clause.deadline,
                    deadline_text=clause.deadline_text,
                    deadline_ok=ok,
                    gold_theme=record["theme"],
                    theme=clause.theme,
                    gold_kind=record["kind"],
                    kind=clause.kind,
                )
            )
    return report


def format_report(report: TaggingReport, show_errors: bool = True) -> str:
    """The per-field table, the kind confusion table and, optionally, every disagreement."""
    n = len(report.results)
    lines = [
        f"Tagging on {n} Q&A records",
        "",
        f"{'field':<22}{'score':>8}",
        f"{'actor F1':<22}{report.actor_f1:>8.3f}",
        f"{'deadline accuracy':<22}{report.deadline_accuracy:>8.3f}",
        f"{'theme accuracy':<22}{report.theme_accuracy:>8.3f}",
        f"{'kind accuracy':<22}{report.kind_accuracy:>8.3f}",
        "",
        "kind confusion (rows gold, columns predicted)",
    ]
    confusion = report.confusion()
    labels = [k for k in KIND_LABELS if any(k in pair for pair in confusion)]
    lines.append(f"{'':<12}" + "".join(f"{k[:10]:>11}" for k in labels))
    for gold in labels:
        row = "".join(f"{confusion.get((gold, p), 0):>11}" for p in labels)
        lines.append(f"{gold:<12}{row}")
    if show_errors:
        lines += ["", "disagreements"]
        for r in report.results:
            if r.actor_f1 < 1:
                lines.append(f"{r.id} actors: gold {list(r.gold_actors)} got {list(r.actors)}")
            if not r.deadline_ok:
                lines.append(
                    f"{r.id} deadline: gold {r.gold_deadline} got {r.deadline}"
                    f" ({r.deadline_text!r})"
                )
            if r.theme != r.gold_theme:
                lines.append(f"{r.id} theme: gold {r.gold_theme} got {r.theme}")
            if r.kind != r.gold_kind:
                lines.append(f"{r.id} kind: gold {r.gold_kind} got {r.kind}")
            if r.coverage < 0.8:
                lines.append(f"{r.id} (best clause {r.clause_id} covers only {r.coverage:.0%})")
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    """Print the figures for the given Q&A files (default: the dev set)."""
    args = list(sys.argv[1:] if argv is None else argv)
    quiet = "--quiet" in args
    paths = [Path(a) for a in args if a != "--quiet"] or list(DEV_QA)
    print(format_report(evaluate_tagging(paths), show_errors=not quiet))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
