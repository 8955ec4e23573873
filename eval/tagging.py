"""Per-field tagging figures on Q&A records: the tags of the clause that best covers each quote."""

from __future__ import annotations

import random
import sys
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from corpus.default import DEFAULT_CORPUS
from corpus.model import Clause
from eval.clauses import (
    CLAUSES_TEST,
    CLAUSES_TUNE,
    DATA_DIR,
    ClauseRecord,
    best_overlap,
    clause_errors,
    corpus_reader,
    evaluate_clauses,
    find_clause,
    format_scores,
    read_records,
    score,
)
from eval.qa import DEV_QA, QARecord, bundled_documents, load_qa
from eval.run import Extraction, extraction_scores
from eval.scoring import actor_f1, deadline_correct
from ingest.pipeline import load_meta, parse_file
from tagging.kinds import (
    COMMITMENT_CUES,
    CUES,
    DECIDING_CUES,
    KIND_MODEL,
    KindModel,
    commitment_cues,
    names_doer_in_main,
)

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
    return TaggingReport(tuple(tag_records(records, clauses_for)))


def tag_records(
    records: Sequence[QARecord], clauses_for: Callable[[str], list[Clause]]
) -> list[Tagged]:
    """Each record next to the clause of its document that best covers its quote."""
    return [Tagged(r, *best_clause(r.quote, clauses_for(r.doc))) for r in records]


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
class CueSet:
    """A set of cues with how a logistic regression over them does out of fold."""

    cues: tuple[str, ...]
    c: float  # the regression's inverse regularisation strength
    cv_accuracy: float  # repeated stratified 5-fold
    halves_accuracy: float  # random halvings, each half predicted by a fit on the other
    by_document: float  # each document (the agreement's body and its annexes apart) left out:
    # the model selection's figure, the one that predicts documents the fit has not seen


@dataclass(frozen=True, slots=True)
class KindFit:
    """The kind model fitted on the training files (the tuning half and the clauses labelled
    for training only), the cue sets compared, and the steps of the cue selection."""

    model: KindModel
    n: int  # statements fitted on
    chosen: CueSet
    decision_list: CueSet  # the former decision list's weighed cues (COMMITMENT_CUES)
    steps: tuple[tuple[str, float, float], ...]  # ("+ cue" / "- cue", by document, 5-fold)
    sources: tuple[str, ...] = ()  # the files fitted on

    @property
    def weights(self) -> dict[str, float]:
        return self.model.weights


# Clauses whose kind was labelled by reading for training only (never scored): the same fields
# as the clause set's, without actors, deadline and theme. Drawn apart from both halves.
KIND_TRAIN = DATA_DIR / "clauses_train.jsonl"
# The files the kind model is fitted on: never the test half.
KIND_FIT_FILES = (CLAUSES_TUNE, KIND_TRAIN)

# The regularisation strengths tried, and the least gain in accuracy with each document left out
# a step of the cue selection must bring (while 5-fold accuracy loses no more than it).
C_GRID = (0.1, 0.3, 1.0, 3.0, 10.0, 30.0, 100.0)
MIN_GAIN = 0.005


def load_kind_records(path: Path) -> list[ClauseRecord]:
    """The records of a clause file for fitting kinds: a full clause-set file, or one labelled
    for kind only (actors, deadline and theme absent); raises ClauseSetError naming the line."""
    return read_records(path, _kind_record, KIND_LABELS)


def _kind_record(raw: dict[str, Any]) -> ClauseRecord:
    return ClauseRecord(
        id=str(raw["id"]),
        doc=str(raw["doc"]),
        doc_type=str(raw["doc_type"]),
        block=str(raw["block"]),
        text=str(raw["text"]),
        actors=tuple(raw.get("actors") or ()),
        deadline_text=None,
        deadline=None,
        kind=str(raw["kind"]),
        theme=str(raw.get("theme") or ""),
    )


def written_tune_records() -> list[tuple[ClauseRecord, Path]]:
    """The labelled statements of the written documents' tuning half (eval.written), with
    their document's path: never a test-half document."""
    from eval.written import WRITTEN, load_documents, split_documents

    docs = load_documents()
    halves = split_documents(docs)
    path = {d.name: d.path for d in docs}
    return [
        (r, path[r.doc])
        for labels in sorted(WRITTEN.glob("*/labels.jsonl"))
        for r in load_kind_records(labels)
        if halves.get(r.doc) == "tune"
    ]


def kind_rows(
    paths: Sequence[Path] | Path = KIND_FIT_FILES,
    corpus_dir: Path = DEFAULT_CORPUS,
    written: bool = False,
) -> tuple[list[dict[str, bool]], list[bool], list[str]]:
    """The cues of each statement of labelled clause files (those that exist; each parsed
    clause once) that the regression decides (prose and bullets without a deciding cue:
    footnotes, table rows, promises to parliament and DECIDING_CUES are decided before it),
    whether its gold kind commits (afspraak or voornemen, not feit), and its document (annexes
    apart). With `written`, also the written documents' tuning half, each document read
    without meta.json as a user's would be."""
    paths = [paths] if isinstance(paths, Path) else list(paths)
    meta = load_meta(corpus_dir)
    parsed = {}
    seen: set[str] = set()
    rows: list[dict[str, bool]] = []
    gold: list[bool] = []
    groups: list[str] = []
    records = [
        (r, corpus_dir / r.doc) for path in paths if path.exists() for r in load_kind_records(path)
    ]
    if written:
        records += written_tune_records()
    for record, source in records:
        if record.kind not in ("afspraak", "voornemen", "feit"):
            continue
        if record.doc not in parsed:
            parsed[record.doc] = parse_file(source, meta.get(record.doc))
        document, clauses = parsed[record.doc]
        clause, _ = find_clause(record, clauses)
        if clause is None or clause.block not in ("prose", "bullet") or clause.id in seen:
            continue
        seen.add(clause.id)
        cues = commitment_cues(
            clause.text,
            document.doc_type,
            clause.deadline is not None,
            clause.section,
            clause.block,
            # As tagging.tag reads it: a doer named in the main clause.
            names_doer_in_main(clause.text, document.senders),
        )
        if any(cues[cue] for cue, _ in DECIDING_CUES):
            continue  # decided before the regression weighs anything
        rows.append(cues)
        gold.append(record.kind != "feit")
        annex = any(h.lower().startswith("bijlage") for h in clause.section)
        groups.append(f"{record.doc}:{'annex' if annex else document.doc_type}")
    return rows, gold, groups


def _predict(
    x: np.ndarray, y: np.ndarray, train: np.ndarray, test: np.ndarray, c: float
) -> np.ndarray:
    from sklearn.linear_model import LogisticRegression

    if x.shape[1] == 0 or len(set(y[train])) < 2:  # nothing to weigh: the majority
        return np.full(len(test), bool(y[train].mean() >= 0.5))
    fitted = LogisticRegression(C=c, max_iter=5000).fit(x[train], y[train])
    return np.asarray(fitted.predict(x[test]), dtype=bool)


def _cv(x: np.ndarray, y: np.ndarray, c: float, repeats: int = 4) -> float:
    from sklearn.model_selection import RepeatedStratifiedKFold

    folds = RepeatedStratifiedKFold(n_splits=5, n_repeats=repeats, random_state=16)
    right = sum(int((_predict(x, y, tr, te, c) == y[te]).sum()) for tr, te in folds.split(x, y))
    return right / (repeats * len(y))


def _halves(x: np.ndarray, y: np.ndarray, c: float, splits: int) -> float:
    right = 0
    for seed in range(splits):
        order = np.array(random.Random(seed).sample(range(len(y)), len(y)))
        a, b = order[: len(y) // 2], order[len(y) // 2 :]
        right += sum(int((_predict(x, y, tr, te, c) == y[te]).sum()) for tr, te in ((a, b), (b, a)))
    return right / (splits * len(y))


def _by_document(x: np.ndarray, y: np.ndarray, groups: np.ndarray, c: float) -> float:
    right = 0
    for g in sorted(set(groups)):
        test, train = np.flatnonzero(groups == g), np.flatnonzero(groups != g)
        right += int((_predict(x, y, train, test, c) == y[test]).sum())
    return right / len(y)


def fit_kind_weights(
    paths: Sequence[Path] = KIND_FIT_FILES,
    corpus_dir: Path = DEFAULT_CORPUS,
    splits: int = 20,
    written: bool = False,
) -> KindFit:
    """Fit the kind model on labelled clause files (the tuning half and the training-only
    labels, never the test half): a logistic regression (scikit-learn) of "commits" on the cues
    `tagging.kinds.commitment_cues` reads. The cues are chosen stepwise from COMMITMENT_CUES
    (the former decision list's), each step adding or removing the cue that raises the accuracy
    with each document left out most, while it gains at least MIN_GAIN there and the repeated
    5-fold accuracy loses no more than MIN_GAIN; the regularisation is chosen from C_GRID, by
    the same by-document accuracy (5-fold breaks ties), before and after. Also reports, for the
    chosen cues and for the former decision list's, the mean accuracy over `splits` random
    halvings."""
    from sklearn.linear_model import LogisticRegression

    rows, gold, groups = kind_rows(paths, corpus_dir, written)
    y, g = np.array(gold), np.array(groups)

    def matrix(cues: Sequence[str]) -> np.ndarray:
        return np.array([[float(r[name]) for name in cues] for r in rows]).reshape(len(rows), -1)

    def judged(cues: Sequence[str], c: float) -> tuple[float, float]:
        m = matrix(cues)
        return _by_document(m, y, g, c), _cv(m, y, c, repeats=2)

    def best_c(cues: Sequence[str]) -> float:
        return max(C_GRID, key=lambda c: (judged(cues, c), -c))

    # Stepwise from the former decision list's cues: each step takes the single addition or
    # removal that raises the by-document accuracy most, while it gains at least MIN_GAIN.
    pool = [cue for cue in CUES if cue not in dict(DECIDING_CUES)]
    start = [cue for cue in COMMITMENT_CUES if cue in pool]
    chosen = list(start)
    c = best_c(chosen)
    best_doc, best_cv = judged(chosen, c)
    steps: list[tuple[str, float, float]] = []
    while True:
        moves = [([*chosen, cue], f"+ {cue}") for cue in pool if cue not in chosen]
        moves += [([k for k in chosen if k != cue], f"- {cue}") for cue in chosen]
        scored = [(judged(m, c), name, m) for m, name in moves]
        allowed = [t for t in scored if t[0][1] >= best_cv - MIN_GAIN]
        if not allowed:
            break
        (doc_acc, cv_acc), move, cues = max(allowed)
        if doc_acc < best_doc + MIN_GAIN:
            break
        chosen, best_doc, best_cv = cues, doc_acc, cv_acc
        steps.append((move, doc_acc, cv_acc))
    x = matrix(chosen)
    c = best_c(chosen)

    def cue_set(cues: Sequence[str]) -> CueSet:
        m = matrix(cues)
        return CueSet(
            tuple(cues), c, _cv(m, y, c), _halves(m, y, c, splits), _by_document(m, y, g, c)
        )

    full = LogisticRegression(C=c, max_iter=5000).fit(x, y)
    used = tuple(p.name for p in paths if p.exists()) + (("written tune half",) if written else ())
    model = KindModel(
        float(full.intercept_[0]),
        dict(zip(chosen, (float(w) for w in full.coef_[0]), strict=True)),
        f"{' + '.join(used)}: {len(rows)} statements, C={c:g}",
    )
    return KindFit(model, len(rows), cue_set(chosen), cue_set(start), tuple(steps), used)


def format_fit(fit: KindFit) -> str:
    """The selection steps, both cue sets' out-of-fold accuracy and the fitted weights."""
    lines = [
        f"kind model on {fit.n} statements of {' + '.join(fit.sources)} (commits / states a fact)",
        "stepwise from the decision list's cues (step, by-document and 5-fold accuracy after it):",
        *(f"  {step:<26}{doc:>7.3f}{acc:>7.3f}" for step, doc, acc in fit.steps),
        *(["  (no step gains)"] if not fit.steps else []),
        f"{'out of fold, C=' + format(fit.chosen.c, 'g'):<36}"
        f"{'5-fold':>8}{'halves':>8}{'by doc':>8}",
    ]
    for name, s in (("chosen cues", fit.chosen), ("decision-list cues", fit.decision_list)):
        lines.append(
            f"  {name:<34}{s.cv_accuracy:>8.3f}{s.halves_accuracy:>8.3f}{s.by_document:>8.3f}"
        )
    lines += [
        f"  {'bias':<24}{fit.model.bias:>7.2f}",
        *(f"  {name:<24}{w:>7.2f}" for name, w in fit.weights.items()),
    ]
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    """Print the figures for both halves of the clause set and for the given Q&A files (default:
    the dev set). `--errors-tune` lists the tuning half's disagreements (never the test half's);
    `--fit-kinds` refits tagging/kind_model.json on the tuning half and the training-only labels
    (fit_kind_weights)."""
    args = list(sys.argv[1:] if argv is None else argv)
    if "--fit-kinds" in args:
        # --with-written: also the written documents' tuning half (eval.written); not what
        # ships: fitted so, plans named in the third person ("gaat de minister ... maken") came
        # out as facts
        fit = fit_kind_weights(written="--with-written" in args)
        print(format_fit(fit))
        fit.model.save(KIND_MODEL)
        print(f"written to {KIND_MODEL}")
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
