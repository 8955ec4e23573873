"""Search the index: BM25 and dense retrieval, fused, boosted by what the query names, filtered."""

from __future__ import annotations

import copy
import json
from collections.abc import Mapping, Sequence
from pathlib import Path

import numpy as np

from corpus.filter import ClauseFilter
from corpus.model import ACTORS_FROM, Clause, Document, Hit
from corpus.store import Store
from index.bm25 import BM25Index
from index.build import BM25_DIR, CONTEXT_DIR, HEADING_DIR, IDS_FILE, reading_index
from index.dense import DenseIndex, load_dense_index
from index.embed import Embedder, embedder_dim, embedder_names, get_embedder
from index.errors import SearchIndexError
from index.fuse import rrf
from index.manifest import Manifest
from index.query import QueryPlan, understand
from index.weights import DEFAULT_WEIGHTS, SearchWeights

MODES = ("hybrid", "bm25", "dense")
# Where a clause names who acts for the "wie" boost: its own text, or a table row's
# responsible column (the tagger's ACTORS_FROM values).
NAMED = ("text", "table")
# With filters the allowed rows may lie deep in the dense ranking: FAISS is asked for this many
# times the depth, and at least DENSE_FILTERED_MIN rows, before the filter is applied.
DENSE_FILTERED_FACTOR = 20
DENSE_FILTERED_MIN = 2000
# The query `warm()` runs: it names an actor and asks "wanneer", so every part of query
# understanding loads.
WARM_QUERY = "Wanneer moet de NZa dit opleveren?"


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
        weights: SearchWeights = DEFAULT_WEIGHTS,
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
        self._weights = weights

    @property
    def weights(self) -> SearchWeights:
        """The ranking knobs this searcher ranks with."""
        return self._weights

    def with_weights(self, weights: SearchWeights) -> Searcher:
        """A searcher over the same loaded index and store that ranks with other weights."""
        other = copy.copy(self)
        other._weights = weights
        return other

    @classmethod
    def open(
        cls,
        index_dir: Path,
        store: Store,
        embedder: str,
        threads: int = 2,
        weights: SearchWeights = DEFAULT_WEIGHTS,
    ) -> Searcher:
        """Load the index folder; refuses one built with other embedders or dimensions."""
        # A rebuild swapping the folder meanwhile waits: the load never mixes two indexes.
        with reading_index(Path(index_dir)):
            return cls._open(Path(index_dir), store, embedder, threads, weights)

    @classmethod
    def _open(
        cls,
        index_dir: Path,
        store: Store,
        embedder: str,
        threads: int,
        weights: SearchWeights,
    ) -> Searcher:
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
        return cls(index_dir, store, manifest, dense, bm25, ids, context, heading, weights)

    # -- retrieval -------------------------------------------------------------

    def _allowed(self, filters: ClauseFilter | None) -> np.ndarray | None:
        """Per row, whether its clause passes the filter; None when nothing is filtered.
        Raises FilterError for a document the store does not hold."""
        if filters is None or not filters.active():
            return None
        filters.check(self._documents)
        return np.array([c is not None and filters.accepts(c) for c in self._clauses], dtype=bool)

    def bm25_ranking(
        self, plan: QueryPlan, allowed: np.ndarray | None, depth: int | None = None
    ) -> list[tuple[int, float]]:
        """Rows with their BM25 scores (their text's, plus their heading's and their context's at
        lower weights), best first; rows without any query word in them, their heading or
        their context are left out. `depth` defaults to the weights' depth."""
        w = self._weights
        depth = w.depth if depth is None else depth
        scores = self._bm25.scores(plan.lexical)
        if self._heading is not None and w.heading_weight:
            scores = scores + w.heading_weight * self._heading.scores(plan.lexical)
        if self._context is not None and w.context_weight:
            scores = scores + w.context_weight * self._context.scores(plan.lexical)
        if allowed is not None:
            scores = np.where(allowed, scores, 0.0)
        n = min(depth, int(np.count_nonzero(scores > 0)))
        if n == 0:
            return []
        top = np.argpartition(-scores, n - 1)[:n]
        return [(int(i), float(scores[i])) for i in top[np.argsort(-scores[top], kind="stable")]]

    def dense_rankings(
        self, plan: QueryPlan, allowed: np.ndarray | None, depth: int | None = None
    ) -> dict[str, list[tuple[int, float]]]:
        """Per embedder, rows with their cosine similarity to the query, best first."""
        depth = self._weights.depth if depth is None else depth
        return {
            f"dense:{model.name}": self._dense_ranking(model, index, plan, allowed, depth)
            for model, index in self.dense
        }

    def dense_ranking(
        self, plan: QueryPlan, allowed: np.ndarray | None, depth: int | None = None
    ) -> list[tuple[int, float]]:
        """Rows best first by cosine to the query; with several embedders, by the RRF of their
        rankings."""
        depth = self._weights.depth if depth is None else depth
        rankings = self.dense_rankings(plan, allowed, depth)
        if len(rankings) == 1:
            return next(iter(rankings.values()))
        fused = rrf(
            {n: [r for r, _ in ranking] for n, ranking in rankings.items()},
            k=self._weights.fusion_k,
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
        k = depth
        if allowed is not None:
            k = min(index.size, max(depth * DENSE_FILTERED_FACTOR, DENSE_FILTERED_MIN))
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
        filters: ClauseFilter | None = None,
        mode: str = "hybrid",
        depth: int | None = None,
    ) -> list[tuple[int, float]]:
        """Rows and scores, best first, for `mode` in hybrid / bm25 / dense.

        Scores are BM25 scores, cosines, or fused RRF scores with facet boosts.
        """
        if mode not in MODES:
            raise SearchIndexError(f"{mode}: unknown search mode; choose one of {', '.join(MODES)}")
        w = self._weights
        depth = w.depth if depth is None else depth
        plan = understand(query)
        allowed = self._allowed(filters)
        if mode == "bm25":
            return self.bm25_ranking(plan, allowed, depth)
        if mode == "dense":
            return self.dense_ranking(plan, allowed, depth)
        rankings = {"bm25": [r for r, _ in self.bm25_ranking(plan, allowed, depth)]}
        for name, ranking in self.dense_rankings(plan, allowed, depth).items():
            rankings[name] = [r for r, _ in ranking]
        fused = rrf(rankings, w.fusion(list(rankings)), k=w.fusion_k)
        unit = 1.0 / (w.fusion_k + 1)  # what a rank-1 hit of weight 1 contributes
        for row in fused:
            clause = self._clauses[row]
            if clause is None:
                continue
            fused[row] += unit * w.facet_boost * plan.boosts(clause)
            if plan.asks_when and clause.deadline is not None:
                fused[row] += unit * w.when_boost
            if plan.asks_who and clause.get(ACTORS_FROM) in NAMED:
                fused[row] += unit * w.who_boost
            if clause.kind == "heading":
                fused[row] *= w.heading_factor
            elif clause.kind == "footnote":
                fused[row] *= w.footnote_factor
        return _best_first(fused)

    def search(
        self, query: str, k: int = 10, filters: ClauseFilter | None = None, mode: str = "hybrid"
    ) -> list[Hit]:
        """The k best clauses for a query, with their documents.

        Raises FilterError when the filter names a document the store does not hold."""
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
        self.rank(WARM_QUERY)

    def neighbours(self, clause_id: str, n: int = 2) -> list[Clause]:
        """The clause with up to n clauses either side of it in its document, in order."""
        return self.store.neighbours(clause_id, before=n, after=n)
