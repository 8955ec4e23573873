"""The annotated clause set (eval/data/clauses_*.jsonl): load it, tag its clauses, score them."""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from corpus.default import DEFAULT_CORPUS
from corpus.model import Clause
from eval.scoring import actor_scores, coverage, deadline_correct, words
from ingest.pipeline import load_meta, parse_file
from tagging.gazetteer import BODIES, GOVERNMENT, GROUPS

DATA_DIR = Path(__file__).resolve().parent / "data"
CLAUSES_TUNE = DATA_DIR / "clauses_tune.jsonl"
CLAUSES_TEST = DATA_DIR / "clauses_test.jsonl"
ACTOR_TYPES = ("named organisation", "signer voice", "collective parties", "body")
_KINDS = {"afspraak", "toezegging", "voornemen", "feit", "footnote"}
# How a labelled clause was found in the parsed document, most exact first ("missing": not at all).
MATCH_KINDS = ("exact", "contained", "overlap", "missing")
# A clause found by overlap must cover at least this share of the labelled text's words.
MIN_OVERLAP = 0.5
# Only this many clauses (those sharing most words with the text) go to the quadratic matcher.
CANDIDATES = 15


class ClauseSetError(Exception):
    """A line of a clause file that cannot be read as an annotated clause."""


@dataclass(frozen=True, slots=True)
class ClauseRecord:
    """One hand-labelled clause."""

    id: str
    doc: str
    doc_type: str
    block: str
    text: str
    actors: tuple[str, ...]
    deadline_text: str | None
    deadline: dt.date | None
    kind: str
    theme: str


def load_clauses(path: Path) -> list[ClauseRecord]:
    """The records of one clause file; raises ClauseSetError naming the file and line."""
    return read_records(path, _full_record, _KINDS)


def _full_record(raw: dict[str, Any]) -> ClauseRecord:
    return ClauseRecord(
        id=raw["id"],
        doc=raw["doc"],
        doc_type=raw["doc_type"],
        block=raw["block"],
        text=raw["text"],
        actors=tuple(raw["actors"]),
        deadline_text=raw["deadline_text"],
        deadline=dt.date.fromisoformat(raw["deadline"]) if raw["deadline"] else None,
        kind=raw["kind"],
        theme=raw["theme"],
    )


def read_records(
    path: Path, make: Callable[[dict[str, Any]], ClauseRecord], kinds: Collection[str]
) -> list[ClauseRecord]:
    """Each non-blank line of a clause file made into a record by `make`, its kind one of
    `kinds`; raises ClauseSetError naming the file and line."""
    records = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            record = make(json.loads(line))
        except (ValueError, KeyError, TypeError) as exc:
            raise ClauseSetError(f"{path.name}:{n}: {exc}") from exc
        if record.kind not in kinds:
            raise ClauseSetError(f"{path.name}:{n}: unknown kind {record.kind!r}")
        records.append(record)
    return records


# Bodies named by a common noun, in the singular or plural ("werkgroep", "werkgroepen").
_BODY_NAMES = frozenset(BODIES) | {v for variants in BODIES.values() for v in variants}


def actor_type(name: str) -> str:
    """Which of ACTOR_TYPES a (gold or predicted) actor name belongs to."""
    if name == "kabinet" or name in _BODY_NAMES:
        return "body"
    if name.startswith(("Bestuurlijk Overleg", "het Rijk", "Rijk")):
        return "body"
    if name in GOVERNMENT:
        return "signer voice"
    if name in GROUPS or name.endswith("partijen"):
        return "collective parties"
    return "named organisation"


@dataclass(frozen=True, slots=True)
class ClauseResult:
    """A labelled clause next to the parsed clause that holds its text (None when none does),
    and how that clause was found (one of MATCH_KINDS)."""

    record: ClauseRecord
    clause: Clause | None
    how: str = "exact"

    @property
    def drifted(self) -> bool:
        """True when no parsed clause holds the labelled text any more."""
        return self.clause is None


def _flat(text: str) -> str:
    return " ".join(text.split())


def _ordinal(clause_id: str) -> int:
    tail = clause_id.rsplit(":", 1)[-1]
    return int(tail) if tail.isdigit() else 0


def best_overlap(text: str, clauses: Sequence[Clause]) -> tuple[Clause, float]:
    """The clause covering most of `text`'s words (the scoring rule's reading), with that
    share; among equals the shortest."""
    text_words = set(words(text))
    candidates = sorted(clauses, key=lambda c: -len(text_words & set(words(c.text))))
    scored = [(coverage(text, c.text), -len(c.text), c) for c in candidates[:CANDIDATES]]
    cov, _, clause = max(scored, key=lambda s: (s[0], s[1]))
    return clause, cov


def find_clause(record: ClauseRecord, clauses: Sequence[Clause]) -> tuple[Clause | None, str]:
    """The parsed clause that holds a labelled clause's text, and how it was found: the same
    text (white space normalised), else the shortest clause containing it, else the clause that
    best overlaps it (at least MIN_OVERLAP of its words); ties go to the ordinal nearest the
    labelled id. Segmentation may shift ordinals and join or split clauses; the text stays."""
    if not clauses:
        return None, "missing"
    text, ordinal = _flat(record.text), _ordinal(record.id)

    def nearest(found: Sequence[Clause]) -> Clause:
        return min(found, key=lambda c: (len(c.text), abs(_ordinal(c.id) - ordinal)))

    exact = [c for c in clauses if _flat(c.text) == text]
    if exact:
        return nearest(exact), "exact"
    containing = [c for c in clauses if text in _flat(c.text)]
    if containing:
        return nearest(containing), "contained"
    clause, share = best_overlap(text, clauses)
    return (clause, "overlap") if share >= MIN_OVERLAP else (None, "missing")


@dataclass(frozen=True, slots=True)
class ClauseScores:
    """The figures over one half of the set."""

    n: int
    drifted: int  # labelled clauses no parsed clause holds any more (not scored)
    matched: dict[str, int]  # how the scored clauses were found: MATCH_KINDS -> count
    actor_precision: float
    actor_recall: float
    actor_f1: float
    per_type: dict[str, tuple[float, float, float, int]]  # type -> P, R, F1, gold names
    deadline: float
    kind: float
    theme: float
    confusions: list[tuple[str, int]]


def corpus_reader(
    corpus_dir: Path = DEFAULT_CORPUS, use_meta: bool = True
) -> Callable[[str], list[Clause]]:
    """A function giving a bundled document's clauses as the pipeline parses them now, each
    document parsed once however often it is asked for (with its meta.json entry unless
    `use_meta` is off)."""
    meta = load_meta(corpus_dir) if use_meta else {}
    parsed: dict[str, list[Clause]] = {}

    def clauses(doc: str) -> list[Clause]:
        if doc not in parsed:
            parsed[doc] = parse_file(corpus_dir / doc, meta.get(doc))[1]
        return parsed[doc]

    return clauses


def evaluate_clauses(
    path: Path,
    corpus_dir: Path = DEFAULT_CORPUS,
    clauses_for: Callable[[str], list[Clause]] | None = None,
) -> list[ClauseResult]:
    """Each labelled clause with the clause that holds its text as the pipeline tags it now
    (found by text, not id: see find_clause)."""
    clauses_for = clauses_for or corpus_reader(corpus_dir)
    results = []
    for r in load_clauses(path):
        clause, how = find_clause(r, clauses_for(r.doc))
        results.append(ClauseResult(r, clause, how))
    return results


def _matches(name: str, others: Sequence[str]) -> bool:
    # The scoring rule's name comparison: one actor_scores call on a single name.
    return actor_scores([name], others)[0] > 0


def score(results: Sequence[ClauseResult]) -> ClauseScores:
    """Actor P/R/F1 (per clause, averaged; and per actor type over names), deadline, kind and
    theme accuracy, and the ten most frequent confusions, over the clauses that did not drift."""
    kept = [(t.record, t.clause) for t in results if t.clause is not None]
    n = len(kept)
    how = Counter(t.how for t in results)
    actor = [actor_scores(r.actors, c.actors) for r, c in kept]
    hits: Counter[tuple[str, str]] = Counter()
    for r, c in kept:
        for g in r.actors:
            hits[(actor_type(g), "gold")] += 1
            hits[(actor_type(g), "found")] += _matches(g, c.actors)
        for p in c.actors:
            hits[(actor_type(p), "predicted")] += 1
            hits[(actor_type(p), "right")] += _matches(p, r.actors)
    per_type = {}
    for t in ACTOR_TYPES:
        prec = hits[(t, "right")] / hits[(t, "predicted")] if hits[(t, "predicted")] else 0.0
        rec = hits[(t, "found")] / hits[(t, "gold")] if hits[(t, "gold")] else 0.0
        f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
        per_type[t] = (prec, rec, f1, hits[(t, "gold")])
    confusions: Counter[str] = Counter()
    for r, c in kept:
        for g in r.actors:
            if not _matches(g, c.actors):
                confusions[f"actor missed: {g}"] += 1
        for p in c.actors:
            if not _matches(p, r.actors):
                confusions[f"actor extra: {p}"] += 1
        if not deadline_correct(r.deadline, c.deadline):
            gold = "none" if r.deadline is None else "date"
            got = "none" if c.deadline is None else "date"
            confusions[f"deadline {gold} -> {got if gold != got else 'other date'}"] += 1
        if r.kind != c.kind:
            confusions[f"kind {r.kind} -> {c.kind}"] += 1
        if r.theme != c.theme:
            confusions[f"theme {r.theme} -> {c.theme}"] += 1

    def mean(values: Sequence[float]) -> float:
        return sum(values) / n if n else 0.0

    return ClauseScores(
        n=n,
        drifted=len(results) - n,
        matched={k: how[k] for k in MATCH_KINDS[:-1]},
        actor_precision=mean([a[0] for a in actor]),
        actor_recall=mean([a[1] for a in actor]),
        actor_f1=mean([a[2] for a in actor]),
        per_type=per_type,
        deadline=mean([deadline_correct(r.deadline, c.deadline) for r, c in kept]),
        kind=mean([r.kind == c.kind for r, c in kept]),
        theme=mean([r.theme == c.theme for r, c in kept]),
        confusions=confusions.most_common(10),
    )


def format_scores(name: str, s: ClauseScores) -> str:
    """One half's table: overall figures, actors per type, the ten most frequent confusions."""
    lines = [
        f"Clause set {name}: {s.n} clauses"
        + (f" ({s.drifted} no longer found, not scored)" * bool(s.drifted)),
        "  found by text: " + ", ".join(f"{k} {v}" for k, v in s.matched.items()),
        f"{'actor P / R / F1':<28}{s.actor_precision:>7.3f}{s.actor_recall:>7.3f}"
        f"{s.actor_f1:>7.3f}",
    ]
    for t, (p, r, f, gold) in s.per_type.items():
        lines.append(f"  {t + f' ({gold})':<26}{p:>7.3f}{r:>7.3f}{f:>7.3f}")
    lines += [
        f"{'deadline accuracy':<28}{s.deadline:>7.3f}",
        f"{'kind accuracy':<28}{s.kind:>7.3f}",
        f"{'theme accuracy':<28}{s.theme:>7.3f}",
        "most frequent confusions:",
        *(f"  {count:>4}  {what}" for what, count in s.confusions),
    ]
    return "\n".join(lines)


def clause_errors(results: Sequence[ClauseResult]) -> list[str]:
    """One line per disagreement (for the tuning half only: never read the test half's)."""
    out = []
    for t in results:
        r, c = t.record, t.clause
        if c is None:
            out.append(f"{r.id} no longer found")
            continue
        if actor_scores(r.actors, c.actors)[2] < 1:
            out.append(
                f"{r.id} actors: gold {list(r.actors)} got {list(c.actors)} | {r.text[:140]}"
            )
        if not deadline_correct(r.deadline, c.deadline):
            out.append(f"{r.id} deadline: gold {r.deadline} got {c.deadline} ({c.deadline_text!r})")
        if r.kind != c.kind:
            out.append(f"{r.id} kind: gold {r.kind} got {c.kind} | {r.text[:140]}")
    return out
