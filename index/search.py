"""Search the index: BM25 and dense retrieval, fused, boosted by what the query names, filtered."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from corpus.model import ACTORS_FROM, Clause, Document, Hit
from corpus.store import Store
from index.bm25 import BM25Index
from index.build import BM25_DIR, CONTEXT_DIR, HEADING_DIR, IDS_FILE
from index.dense import DenseIndex, load_dense_index
from index.embed import Embedder, embedder_dim, embedder_names, get_embedder
from index.errors import SearchIndexError
from index.fuse import rrf
from index.manifest import Manifest
from index.query import QueryPlan, understand

MODES = ("hybrid", "bm25", "dense")
# How deep each retriever's list goes into fusion: deep enough that a clause ranked
# moderately by all three retrievers still collects from each.
DEPTH = 200
# Fusion weights, the boost per matched query facet (actor, deadline window, kind), the boost
# for a dated clause when the query asks "wanneer" and the "wie" boost, in units of a rank-1 RRF
# contribution; chosen on the dev set with benchmarks/retrieval.py --grid. BM25 is the
# stronger retriever on these documents, so it weighs double; "dense" is the weight of each
# embedder's ranking when the index holds several.
WEIGHTS: Mapping[str, float] = {"bm25": 2.0, "dense": 1.0}
FUSION_K = 20
FACET_BOOST = 0.3
WHEN_BOOST = 1.0
# The boost for a clause that names who acts (in its text, or a table row's responsible
# column) when the query asks "wie" / "who".
WHO_BOOST = 0.5
NAMED = ("text", "table")
# How much the BM25 score of a clause's innermost heading, and that of the clauses just
# before and after it, add to the score of its own text.
HEADING_WEIGHT = 0.3
CONTEXT_WEIGHT = 0.35
# Headings name a subject but answer nothing, and footnotes are side matter (sources,
# definitions) that only now and then repeat a commitment: their fused scores are halved.
HEADING_FACTOR = 0.5
FOOTNOTE_FACTOR = 0.5


@dataclass(frozen=True, slots=True)
class Filters:
    """Hard filters on clause tags; None leaves a field unfiltered."""

    actor: str | None = None
    theme: str | None = None
    kind: str | None = None
    doc: str | None = None
    deadline_from: dt.date | None = None
    deadline_until: dt.date | None = None

    def active(self) -> bool:
        return any(getattr(self, f) is not None for f in self.__slots__)

    def accepts(self, clause: Clause) -> bool:
        if self.doc is not None and clause.doc != self.doc:
            return False
        if self.theme is not None and clause.theme != self.theme:
            return False
        if self.kind is not None and clause.kind != self.kind:
            return False
        if self.actor is not None:
            wanted = self.actor.casefold()
            if not any(wanted == a.casefold() for a in clause.actors):
                return False
        if self.deadline_from is not None or self.deadline_until is not None:
            if clause.deadline is None:
                return False
            if self.deadline_from is not None and clause.deadline < self.deadline_from:
                return False
            if self.deadline_until is not None and clause.deadline > self.deadline_until:
                return False
        return True


def _best_first(scores: Mapping[int, float]) -> list[tuple[int, float]]:
    """Rows and scores, highest score first; ties by row, so rankings are reproducible."""
    return sorted(scores.items(), key=lambda kv: (-kv[1], kv[0]))


class Searcher:
    """A loaded index with its store: the one search function the CLI, app and eval call."""

    def __init__(
        self,
        index_dir: Path,
        store: Store,
        manifest: Manifest,
        dense: Sequence[tuple[Embedder, DenseIndex]],
        bm25: BM25Index,
        ids: list[str],
        context: BM25Index | None = None,
        heading: BM25Index | None = None,
    ) -> None:
        self.index_dir = index_dir
        self.store = store
        self.manifest = manifest
        self.dense = list(dense)  # (embedder, its index), in the --embedder value's order
        self._bm25 = bm25
        self._context = context
        self._heading = heading
        self.ids = ids
        by_id = {c.id: c for c in store.clauses()}
        # Rows whose clause left the store since the build are skipped at search time.
        self._clauses: list[Clause | None] = [by_id.get(i) for i in ids]
        self._documents: dict[str, Document] = {d.id: d for d in store.documents()}
        self.weights: dict[str, float] = dict(WEIGHTS)
        self.depth = DEPTH
        self.fusion_k = FUSION_K
        self.facet_boost = FACET_BOOST
        self.when_boost = WHEN_BOOST
        self.who_boost = WHO_BOOST
        self.heading_weight = HEADING_WEIGHT
        self.context_weight = CONTEXT_WEIGHT
        self.heading_factor = HEADING_FACTOR
        self.footnote_factor = FOOTNOTE_FACTOR

    @classmethod
    def open(cls, index_dir: Path, store: Store, embedder: str, threads: int = 2) -> Searcher:
        """Load the index folder; refuses one built with other embedders or dimensions."""
        index_dir = Path(index_dir)
        manifest = Manifest.read(index_dir)
        names = embedder_names(embedder)
        manifest.check(index_dir, embedder, {n: embedder_dim(n) for n in names})
        models = [get_embedder(n, threads) for n in names]
        manifest.check(index_dir, embedder, {m.name: m.dim for m in models})
        dense = [
            (m, load_dense_index(index_dir / built.file))
            for m, built in zip(models, manifest.models, strict=True)
        ]
        bm25 = BM25Index.load(index_dir / BM25_DIR)
        heading = BM25Index.load(index_dir / HEADING_DIR)
        context = BM25Index.load(index_dir / CONTEXT_DIR)
        try:
            ids = json.loads((index_dir / IDS_FILE).read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise SearchIndexError(f"{index_dir / IDS_FILE}: unreadable ({exc})") from exc
        sizes = {
            len(ids),
            bm25.size,
            heading.size,
            context.size,
            manifest.clauses,
            *(d.size for _, d in dense),
        }
        if len(sizes) != 1:
            raise SearchIndexError(
                f"{index_dir}: damaged index (ids {len(ids)}, vectors "
                f"{'/'.join(str(d.size) for _, d in dense)}, bm25 {bm25.size}, "
                f"manifest {manifest.clauses}); run `akkoord index`"
            )
        return cls(index_dir, store, manifest, dense, bm25, ids, context, heading)

    # -- retrieval -------------------------------------------------------------

    def _allowed(self, filters: Filters | None) -> np.ndarray | None:
        if filters is None or not filters.active():
            return None
        return np.array([c is not None and filters.accepts(c) for c in self._clauses], dtype=bool)

    def bm25_ranking(
        self, plan: QueryPlan, allowed: np.ndarray | None, depth: int = DEPTH
    ) -> list[tuple[int, float]]:
        """Rows with their BM25 scores (their text's, plus their heading's and their context's at
        lower weights), best first; rows without any query word in them, their heading or
        their context are left out."""
        scores = self._bm25.scores(plan.lexical)
        if self._heading is not None and self.heading_weight:
            scores = scores + self.heading_weight * self._heading.scores(plan.lexical)
        if self._context is not None and self.context_weight:
            scores = scores + self.context_weight * self._context.scores(plan.lexical)
        if allowed is not None:
            scores = np.where(allowed, scores, 0.0)
        n = min(depth, int(np.count_nonzero(scores > 0)))
        if n == 0:
            return []
        top = np.argpartition(-scores, n - 1)[:n]
        return [(int(i), float(scores[i])) for i in top[np.argsort(-scores[top], kind="stable")]]

    def dense_rankings(
        self, plan: QueryPlan, allowed: np.ndarray | None, depth: int = DEPTH
    ) -> dict[str, list[tuple[int, float]]]:
        """Per embedder, rows with their cosine similarity to the query, best first."""
        return {
            f"dense:{model.name}": self._dense_ranking(model, index, plan, allowed, depth)
            for model, index in self.dense
        }

    def dense_ranking(
        self, plan: QueryPlan, allowed: np.ndarray | None, depth: int = DEPTH
    ) -> list[tuple[int, float]]:
        """Rows best first by cosine to the query; with several embedders, by the RRF of their
        rankings."""
        rankings = self.dense_rankings(plan, allowed, depth)
        if len(rankings) == 1:
            return next(iter(rankings.values()))
        fused = rrf(
            {n: [r for r, _ in ranking] for n, ranking in rankings.items()}, k=self.fusion_k
        )
        return _best_first(fused)[:depth]

    @staticmethod
    def _dense_ranking(
        model: Embedder,
        index: DenseIndex,
        plan: QueryPlan,
        allowed: np.ndarray | None,
        depth: int,
    ) -> list[tuple[int, float]]:
        vector = model.embed_queries([plan.text])
        # With filters the allowed rows may lie deep in the ranking: search further.
        k = depth if allowed is None else min(index.size, max(depth * 20, 2000))
        scores, rows = index.search(vector, k)
        out = [
            (int(r), float(s))
            for r, s in zip(rows[0], scores[0], strict=True)
            if r >= 0 and (allowed is None or allowed[r])
        ]
        return out[:depth]

    def rank(
        self,
        query: str,
        filters: Filters | None = None,
        mode: str = "hybrid",
        depth: int | None = None,
    ) -> list[tuple[int, float]]:
        """Rows and scores, best first, for `mode` in hybrid / bm25 / dense.

        Scores are BM25 scores, cosines, or fused RRF scores with facet boosts.
        """
        if mode not in MODES:
            raise SearchIndexError(f"{mode}: unknown search mode; choose one of {', '.join(MODES)}")
        depth = self.depth if depth is None else depth
        plan = understand(query)
        allowed = self._allowed(filters)
        if mode == "bm25":
            return self.bm25_ranking(plan, allowed, depth)
        if mode == "dense":
            return self.dense_ranking(plan, allowed, depth)
        rankings = {"bm25": [r for r, _ in self.bm25_ranking(plan, allowed, depth)]}
        weights = {"bm25": self.weights["bm25"]}
        for name, ranking in self.dense_rankings(plan, allowed, depth).items():
            rankings[name] = [r for r, _ in ranking]
            weights[name] = self.weights["dense"]
        fused = rrf(rankings, weights, k=self.fusion_k)
        unit = 1.0 / (self.fusion_k + 1)  # what a rank-1 hit of weight 1 contributes
        for row in fused:
            clause = self._clauses[row]
            if clause is None:
                continue
            fused[row] += unit * self.facet_boost * plan.boosts(clause)
            if plan.asks_when and clause.deadline is not None:
                fused[row] += unit * self.when_boost
            if plan.asks_who and clause.get(ACTORS_FROM) in NAMED:
                fused[row] += unit * self.who_boost
            if clause.kind == "heading":
                fused[row] *= self.heading_factor
            elif clause.kind == "footnote":
                fused[row] *= self.footnote_factor
        return _best_first(fused)

    def search(
        self, query: str, k: int = 10, filters: Filters | None = None, mode: str = "hybrid"
    ) -> list[Hit]:
        """The k best clauses for a query, with their documents."""
        retriever = "fused" if mode == "hybrid" else mode
        hits: list[Hit] = []
        for row, score in self.rank(query, filters, mode):
            clause = self._clauses[row]
            if clause is None:
                continue
            hits.append(Hit(clause, float(score), retriever, self._documents.get(clause.doc)))
            if len(hits) == k:
                break
        return hits

    def warm(self) -> None:
        """Run one query, so the first user's query does not pay for loading spaCy's
        tokenizer and the actor patterns (seconds on a small machine)."""
        self.rank("Wanneer moet de NZa dit opleveren?")

    def neighbours(self, clause_id: str, n: int = 2) -> list[Clause]:
        """The clause with up to n clauses either side of it in its document, in order."""
        return self.store.neighbours(clause_id, before=n, after=n)
