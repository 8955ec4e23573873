"""Per-field tagging figures on Q&A records: the tags of the clause that best covers each quote."""

from __future__ import annotations

import random
import sys
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from corpus.default import DEFAULT_CORPUS
from corpus.model import Clause
from eval.clauses import (
    CLAUSES_TEST,
    CLAUSES_TUNE,
    best_overlap,
    clause_errors,
    corpus_reader,
    evaluate_clauses,
    find_clause,
    format_scores,
    load_clauses,
    score,
)
from eval.qa import DEV_QA, QARecord, bundled_documents, load_qa
from eval.run import Extraction, extraction_scores
from eval.scoring import actor_f1, deadline_correct
from ingest.pipeline import load_meta, parse_file
from tagging.kinds import COMMITMENT_CUES, commitment_cues, commits

KIND_LABELS = ("afspraak", "toezegging", "voornemen", "feit", "footnote", "heading")


@dataclass(frozen=True, slots=True)
class Tagged:
    """One record next to the clause of its document that best covers its quote."""

    record: QARecord
    clause: Clause
    coverage: float  # share of the quote's words the clause covers (the scoring rule's reading)


@dataclass(frozen=True, slots=True)
class TaggingReport:
    """Per-record results and the figures over them (scored as `akkoord eval` scores tags)."""

    results: tuple[Tagged, ...]

    @property
    def scores(self) -> Extraction:
        return extraction_scores([(t.record, t.clause) for t in self.results])

    def confusion(self) -> Counter[tuple[str, str]]:
        """(gold kind, predicted kind) -> number of records."""
        return Counter((t.record.kind, t.clause.kind) for t in self.results)


def best_clause(quote: str, clauses: Sequence[Clause]) -> tuple[Clause, float]:
    """The clause covering most of the quote, with its coverage; among equals the shortest."""
    return best_overlap(quote, clauses)


def evaluate_tagging(
    qa_paths: Sequence[Path] = DEV_QA,
    corpus_dir: Path = DEFAULT_CORPUS,
    clauses_for: Callable[[str], list[Clause]] | None = None,
    use_meta: bool = True,
) -> TaggingReport:
    """For each record (loaded and validated by eval.qa), the clause of its document that best
    covers the quote. Clauses come from `clauses_for(doc)` (e.g. a Store's `clauses`), or else
    from parsing the document in `corpus_dir` afresh."""
    records = load_qa(qa_paths, bundled_documents(corpus_dir))
    clauses_for = clauses_for or corpus_reader(corpus_dir, use_meta)
    results = []
    for record in records:
        clause, cov = best_clause(record.quote, clauses_for(record.doc))
        results.append(Tagged(record, clause, cov))
    return TaggingReport(tuple(results))


def format_report(report: TaggingReport, show_errors: bool = True) -> str:
    """The per-field table, the kind confusion table and, optionally, every disagreement."""
    scores = report.scores
    lines = [
        f"Tagging on {scores.n} Q&A records",
        "",
        f"{'field':<22}{'score':>8}",
        f"{'actor F1':<22}{scores.actor_f1:>8.3f}",
        f"{'deadline accuracy':<22}{scores.deadline:>8.3f}",
        f"{'theme accuracy':<22}{scores.theme:>8.3f}",
        f"{'kind accuracy':<22}{scores.kind:>8.3f}",
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
        lines += ["", "disagreements", *(line for t in report.results for line in _errors(t))]
    return "\n".join(lines)


def _errors(t: Tagged) -> list[str]:
    r, c = t.record, t.clause
    out = []
    if actor_f1(r.actors, c.actors) < 1:
        out.append(f"{r.id} actors: gold {list(r.actors)} got {list(c.actors)}")
    if not deadline_correct(r.deadline, c.deadline):
        out.append(f"{r.id} deadline: gold {r.deadline} got {c.deadline} ({c.deadline_text!r})")
    if c.theme != r.theme:
        out.append(f"{r.id} theme: gold {r.theme} got {c.theme}")
    if c.kind != r.kind:
        out.append(f"{r.id} kind: gold {r.kind} got {c.kind}")
    if t.coverage < 0.8:
        out.append(f"{r.id} (best clause {c.id} covers only {t.coverage:.0%})")
    return out


@dataclass(frozen=True, slots=True)
class KindFit:
    """A logistic regression over tagging.kinds' commitment cues, how well it does out of fold,
    and how well the rules of tagging.kinds.commits do on the same statements."""

    bias: float
    weights: dict[str, float]
    n: int  # statements fitted on
    cv_accuracy: float  # commits / states a fact, mean over the random two-fold splits
    rules_accuracy: float  # tagging.kinds.commits (no fitted parameters) on all n
    agreement: float  # share of the n where the rules decide as the regression fitted on all


def fit_kind_weights(
    path: Path = CLAUSES_TUNE, corpus_dir: Path = DEFAULT_CORPUS, c: float = 3.0, splits: int = 20
) -> KindFit:
    """Weigh the commitment cues on a labelled clause file (the tuning half): a logistic
    regression (scikit-learn) of "commits" (gold kind afspraak or voornemen, not feit) on the
    cues `tagging.kinds.commitment_cues` reads, over statements (prose and bullets; footnotes,
    table rows and promises to parliament are decided before the cues count). Also the mean
    accuracy over `splits` random halvings, each half predicted by a fit on the other."""
    from sklearn.linear_model import LogisticRegression

    meta = load_meta(corpus_dir)
    parsed = {}
    rows: list[list[float]] = []
    gold: list[bool] = []
    by_rules: list[bool] = []
    for record in load_clauses(path):
        if record.kind not in ("afspraak", "voornemen", "feit"):
            continue
        if record.doc not in parsed:
            parsed[record.doc] = parse_file(corpus_dir / record.doc, meta.get(record.doc))
        document, clauses = parsed[record.doc]
        clause, _ = find_clause(record, clauses)
        if clause is None or clause.block not in ("prose", "bullet"):
            continue
        has_deadline = clause.deadline is not None
        cues = commitment_cues(clause.text, document.doc_type, has_deadline, clause.section)
        rows.append([float(cues[name]) for name in COMMITMENT_CUES])
        gold.append(record.kind != "feit")
        by_rules.append(commits(cues))

    def model() -> LogisticRegression:
        return LogisticRegression(C=c, max_iter=2000)

    right = 0
    for seed in range(splits):
        order = list(range(len(rows)))
        random.Random(seed).shuffle(order)
        halves = (order[: len(order) // 2], order[len(order) // 2 :])
        for train, test in (halves, halves[::-1]):
            fitted = model().fit([rows[i] for i in train], [gold[i] for i in train])
            predicted = fitted.predict([rows[i] for i in test])
            right += sum(p == gold[i] for p, i in zip(predicted, test, strict=True))
    full = model().fit(rows, gold)
    weights = dict(zip(COMMITMENT_CUES, (float(w) for w in full.coef_[0]), strict=True))
    rules = sum(r == g for r, g in zip(by_rules, gold, strict=True)) / len(rows)
    cv = right / (splits * len(rows))
    same = sum(p == r for p, r in zip(full.predict(rows), by_rules, strict=True)) / len(rows)
    return KindFit(float(full.intercept_[0]), weights, len(rows), cv, rules, same)


def format_fit(fit: KindFit) -> str:
    """The fitted weights, the regression's out-of-fold accuracy and the rules' accuracy."""
    lines = [
        f"commitment cues on {fit.n} statements of the tuning half (commits / states a fact)",
        f"  logistic regression, out of fold (random halves)  {fit.cv_accuracy:.3f}",
        f"  tagging.kinds.commits (nothing fitted)            {fit.rules_accuracy:.3f}",
        f"  the two decide alike on                           {fit.agreement:.3f}",
        f"  {'bias':<24}{fit.bias:>7.2f}",
        *(f"  {name:<24}{w:>7.2f}" for name, w in fit.weights.items()),
    ]
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    """Print the figures for both halves of the clause set and for the given Q&A files (default:
    the dev set). `--errors-tune` lists the tuning half's disagreements (never the test half's);
    `--fit-kinds` weighs tagging.kinds' commitment cues on the tuning half (fit_kind_weights)."""
    args = list(sys.argv[1:] if argv is None else argv)
    if "--fit-kinds" in args:
        print(format_fit(fit_kind_weights()))
        return 0
    quiet = "--quiet" in args
    use_meta = "--no-meta" not in args  # --no-meta: each document describes itself
    paths = [Path(a) for a in args if not a.startswith("--")] or list(DEV_QA)
    # The clause set is scored with meta.json, as it was labelled; each document parsed once.
    with_meta = corpus_reader()
    for name, path in (("tune", CLAUSES_TUNE), ("test", CLAUSES_TEST)):
        results = evaluate_clauses(path, clauses_for=with_meta)
        print(format_scores(name, score(results)), end="\n\n")
        if name == "tune" and "--errors-tune" in args:
            print("\n".join(clause_errors(results)), end="\n\n")
    reader = with_meta if use_meta else corpus_reader(use_meta=False)
    report = evaluate_tagging(paths, clauses_for=reader)
    print(format_report(report, show_errors=not quiet))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
