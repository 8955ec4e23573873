"""Search the index: BM25 and dense retrieval, fused, boosted by what the query names, filtered."""

from __future__ import annotations

import copy
import itertools
import json
import re
from collections.abc import Mapping, Sequence
from dataclasses import replace
from pathlib import Path

import numpy as np

from corpus.filter import ClauseFilter
from corpus.model import ACTORS_FROM, Clause, Document, Hit
from corpus.store import Store
from index.bm25 import BM25Index, tokenize
from index.build import (
    BM25_DIR,
    CONTEXT_DIR,
    HEADING_DIR,
    IDS_FILE,
    PASSAGES,
    SECTIONS_FILE,
    reading_index,
)
from index.dense import DenseIndex, load_dense_index
from index.embed import Embedder, embedder_dim, embedder_names, get_embedder
from index.errors import IndexMismatch, SearchIndexError
from index.fuse import rrf
from index.manifest import Manifest
from index.query import QueryPlan, states_time, understand
from index.rerank import NAMED, RANKER_FILE, LinearRanker, Signals, features
from index.weights import DEFAULT_WEIGHTS, SearchWeights

MODES = ("hybrid", "bm25", "dense")
# With filters the allowed rows may lie deep in the dense ranking: FAISS is asked for this many
# times the depth, and at least DENSE_FILTERED_MIN rows, before the filter is applied.
DENSE_FILTERED_FACTOR = 20
DENSE_FILTERED_MIN = 2000
# The query `warm()` runs: it names an actor and asks "wanneer", so every part of query
# understanding loads.
WARM_QUERY = "Wanneer moet de NZa dit opleveren?"
# The window ranking scores the rows dense retrieval returns and their neighbours; it asks FAISS
# for this many times the depth, so that most neighbours of a candidate carry their own cosine.
WINDOW_FACTOR = 5
# The key under which a hit's clause lists the other places that state the same (Clause.extra).
ALSO_IN = "ook_in"
# Two clauses state the same when they are a repeated sentence (this share of the longer
# one's words in the other) or a table row and a sentence that holds this share of the row's
# words; either way with at least RESTATE_MIN_WORDS words and every number of one in the other.
RESTATE_SHARE = 0.9
ROW_SHARE = 0.8
RESTATE_MIN_WORDS = 5
# Per embedder, the top cosine at or above which a query that shares no word with the corpus
# still has an answer. e5's cosines crowd together (nonsense strings reach 0.86, questions go
# down to 0.80), so it has no say; USE separates them (nonsense at most 0.21).
# Measured with `python -m benchmarks.retrieval --no-match` (questions vs. nonsense strings).
NO_MATCH_COSINE: dict[str, float] = {"use": 0.25}
# Query vectors kept per searcher (the app and evaluation repeat queries).
QUERY_CACHE = 512
# With a section weight, the clauses of this many best sections join each embedder's dense
# candidates even when their own cosine did not reach the depth ("deze regeling" in a section
# about the regulation); they count at the lowest clause cosine seen.
SECTION_CANDIDATES = 3


_WORD = re.compile(r"\w+")


def _words(text: str) -> frozenset[str]:
    return frozenset(w.casefold() for w in _WORD.findall(text) if len(w) > 2 or w.isdigit())


def restates(a: Clause, b: Clause) -> bool:
    """True when two clauses of one document state the same: a repeated sentence, or a table
    row and the sentence it summarises."""
    if a.doc != b.doc:
        return False
    wa, wb = _words(a.text), _words(b.text)
    numbers_a = {w for w in wa if w.isdigit()}
    numbers_b = {w for w in wb if w.isdigit()}
    if not (numbers_a <= numbers_b or numbers_b <= numbers_a):
        return False
    rows = (a.block == "table_row") + (b.block == "table_row")
    if rows == 1:
        row = wa if a.block == "table_row" else wb
        return len(row) >= RESTATE_MIN_WORDS and len(wa & wb) >= ROW_SHARE * len(row)
    longer = max(len(wa), len(wb))
    return min(len(wa), len(wb)) >= RESTATE_MIN_WORDS and len(wa & wb) >= RESTATE_SHARE * longer


def also_in(clause: Clause) -> str:
    """Where a folded clause stands, for the card: its outermost section and, for a table row,
    the row's first words ("Bijlage L Uitwerkpunten IZA, rij “Ontwikkelen leidraad ...”")."""
    where = clause.section[0] if clause.section else f"pagina {clause.page or '?'}"
    if clause.block == "table_row":
        return f"{where}, rij “{' '.join(clause.text.split()[:6])} ...”"
    return where


def _fold(kept: Hit, other: Clause, document: Document | None) -> Hit:
    """One card for two clauses that state the same: the fuller text (a body sentence rather
    than its table row) at the better rank, the other place listed under ALSO_IN."""
    if len(other.text) <= len(kept.clause.text):
        note: tuple[tuple[str, str], ...] = ((ALSO_IN, also_in(other)),)
        return replace(kept, clause=replace(kept.clause, extra=kept.clause.extra + note))
    notes = tuple((k, v) for k, v in kept.clause.extra if k == ALSO_IN)
    note = ((ALSO_IN, also_in(kept.clause)), *notes)
    return replace(kept, clause=replace(other, extra=other.extra + note), document=document)


def _neighbour_rows(clauses: Sequence[Clause | None]) -> tuple[list[int], list[int]]:
    """Per row, the row of the clause just before and just after it in its document (-1: none)."""
    order = sorted(
        (i for i, c in enumerate(clauses) if c is not None),
        key=lambda i: (clauses[i].doc, clauses[i].ordinal),  # type: ignore[union-attr]
    )
    prev = [-1] * len(clauses)
    nxt = [-1] * len(clauses)
    for a, b in itertools.pairwise(order):
        if clauses[a].doc == clauses[b].doc:  # type: ignore[union-attr]
            nxt[a], prev[b] = b, a
    return prev, nxt


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
        ranker: LinearRanker | None = None,
        sections: tuple[Sequence[DenseIndex | None], Sequence[int]] | None = None,
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
        self._prev, self._next = _neighbour_rows(self._clauses)
        # Per embedder its section-context vectors, and per row its section's number.
        self._sections: dict[str, DenseIndex] = {}
        self._section_of = np.zeros(len(ids), dtype=np.int64)
        self._section_rows: dict[int, list[int]] = {}
        if sections is not None:
            vectors, section_of = sections
            self._sections = {
                m.name: v for (m, _), v in zip(self.dense, vectors, strict=True) if v is not None
            }
            self._section_of = np.asarray(section_of, dtype=np.int64)
            for row, number in enumerate(section_of):
                self._section_rows.setdefault(int(number), []).append(row)
        self._vectors: dict[tuple[str, str], np.ndarray] = {}
        # The second stage re-orders the fused head only on the index it was trained for.
        self._ranker = (
            ranker if ranker is not None and ranker.embedder == manifest.embedder else None
        )
        self._tokens: dict[int, list[str]] = {}
        self._memo: dict[str, list[str]] = {}

    @property
    def ranker(self) -> LinearRanker | None:
        """The second-stage model this searcher re-orders the fused head with, if any."""
        return self._ranker

    @property
    def weights(self) -> SearchWeights:
        """The ranking knobs this searcher ranks with."""
        return self._weights

    def with_weights(self, weights: SearchWeights) -> Searcher:
        """A searcher over the same loaded index and store that ranks with other weights."""
        other = copy.copy(self)
        other._weights = weights
        return other

    def with_ranker(self, ranker: LinearRanker | None) -> Searcher:
        """A searcher over the same loaded index and store with another second stage (None:
        the fused ranking alone)."""
        other = copy.copy(self)
        fits = ranker is not None and ranker.embedder == self.manifest.embedder
        other._ranker = ranker if fits else None
        return other

    @classmethod
    def open(
        cls,
        index_dir: Path,
        store: Store,
        embedder: str,
        threads: int = 2,
        weights: SearchWeights = DEFAULT_WEIGHTS,
        second_stage: bool = True,
    ) -> Searcher:
        """Load the index folder; refuses one built with other embedders or dimensions. With
        `second_stage` off the stored ranker (index/ranker.json) is not read: what training
        a new one needs, when the stored one was written for other features."""
        # A rebuild swapping the folder meanwhile waits: the load never mixes two indexes.
        with reading_index(Path(index_dir)):
            return cls._open(Path(index_dir), store, embedder, threads, weights, second_stage)

    @classmethod
    def _open(
        cls,
        index_dir: Path,
        store: Store,
        embedder: str,
        threads: int,
        weights: SearchWeights,
        second_stage: bool = True,
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
        # An index written by other code (benchmarks.latency) may not say what it embedded.
        if manifest.passages and manifest.passages != PASSAGES:
            raise IndexMismatch(
                f"{index_dir}: index embeds {manifest.passages!r}, this akkoord embeds "
                f"{PASSAGES!r}; run `akkoord index`"
            )
        sections = None
        if any(m.sections for m in manifest.models):
            try:
                section_of = json.loads((index_dir / SECTIONS_FILE).read_text(encoding="utf-8"))
            except (OSError, ValueError) as exc:
                raise SearchIndexError(f"{index_dir / SECTIONS_FILE}: unreadable ({exc})") from exc
            vectors = [
                load_dense_index(index_dir / m.sections) if m.sections else None
                for m in manifest.models
            ]
            if len(section_of) != manifest.clauses or any(
                v is not None and v.size != manifest.sections for v in vectors
            ):
                raise SearchIndexError(
                    f"{index_dir}: damaged index (sections {len(section_of)} rows, "
                    f"{'/'.join(str(v.size) for v in vectors if v is not None)} vectors, "
                    f"manifest {manifest.sections}); run `akkoord index`"
                )
            sections = (vectors, section_of)
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
        ranker = LinearRanker.load() if second_stage and RANKER_FILE.is_file() else None
        return cls(
            index_dir,
            store,
            manifest,
            dense,
            bm25,
            ids,
            context,
            heading,
            weights,
            ranker,
            sections=sections,
        )

    # -- retrieval -------------------------------------------------------------

    def _allowed(self, filters: ClauseFilter | None) -> np.ndarray | None:
        """Per row, whether its clause passes the filter; None when nothing is filtered.
        Raises FilterError for a document the store does not hold."""
        if filters is None or not filters.active():
            return None
        filters.check(self._documents)
        return np.array([c is not None and filters.accepts(c) for c in self._clauses], dtype=bool)

    def bm25_fields(self, plan: QueryPlan) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Per row, the BM25 score of its text, its innermost heading and its context."""
        zeros = np.zeros(self._bm25.size, dtype=np.float32)
        text = self._bm25.scores(plan.lexical)
        heading = zeros if self._heading is None else self._heading.scores(plan.lexical)
        context = zeros if self._context is None else self._context.scores(plan.lexical)
        return text, heading, context

    def bm25_ranking(
        self,
        plan: QueryPlan,
        allowed: np.ndarray | None,
        depth: int | None = None,
        fields: tuple[np.ndarray, np.ndarray, np.ndarray] | None = None,
    ) -> list[tuple[int, float]]:
        """Rows with their BM25 scores (their text's, plus their heading's and their context's at
        lower weights), best first; rows without any query word in them, their heading or
        their context are left out. `depth` defaults to the weights' depth."""
        w = self._weights
        depth = w.depth if depth is None else depth
        text, heading, context = self.bm25_fields(plan) if fields is None else fields
        scores = text + w.heading_weight * heading + w.context_weight * context
        if allowed is not None:
            scores = np.where(allowed, scores, 0.0)
        n = min(depth, int(np.count_nonzero(scores > 0)))
        if n == 0:
            return []
        top = np.argpartition(-scores, n - 1)[:n]
        return [(int(i), float(scores[i])) for i in top[np.argsort(-scores[top], kind="stable")]]

    def dense_rankings(
        self,
        plan: QueryPlan,
        allowed: np.ndarray | None,
        depth: int | None = None,
        window: bool = False,
    ) -> dict[str, list[tuple[int, float]]]:
        """Per embedder, rows with their cosine similarity to the query, best first; with
        `window`, also per embedder ("window:<name>") rows by their window cosine."""
        return self._dense_rankings(plan, allowed, depth, window)[0]

    def _dense_rankings(
        self,
        plan: QueryPlan,
        allowed: np.ndarray | None,
        depth: int | None = None,
        window: bool = False,
    ) -> tuple[dict[str, list[tuple[int, float]]], list[list[tuple[int, float]]]]:
        """dense_rankings(), and per embedder (in the index's order) its rows by their own
        cosine, before the section weight: what the second stage compares."""
        depth = self._weights.depth if depth is None else depth
        out: dict[str, list[tuple[int, float]]] = {}
        cosines: list[list[tuple[int, float]]] = []
        for model, index in self.dense:
            vector = self._query_vector(model, plan.text)
            deep = depth * WINDOW_FACTOR if window else depth
            ranking = self._dense_ranking(vector, index, allowed, deep)
            cosines.append(ranking[:depth])
            if self._weights.section > 0 and model.name in self._sections:
                ranking = self._with_sections(ranking, model, vector, allowed)
            out[f"dense:{model.name}"] = ranking[:depth]
            if window:
                out[f"window:{model.name}"] = self._window_ranking(ranking, allowed)[:depth]
        return out, cosines

    def section_cosines(self, model: Embedder, vector: np.ndarray) -> np.ndarray:
        """Per section, the cosine of its context (title and trail) to the query vector."""
        index = self._sections[model.name]
        scores, numbers = index.search(vector, index.size)
        out = np.full(index.size, -1.0, dtype=np.float32)
        keep = numbers[0] >= 0
        out[numbers[0][keep]] = scores[0][keep]
        return out

    def _with_sections(
        self,
        ranking: list[tuple[int, float]],
        model: Embedder,
        vector: np.ndarray,
        allowed: np.ndarray | None,
    ) -> list[tuple[int, float]]:
        """Rows by their own cosine plus the section weight times their section's cosine; the
        rows of the best sections join the candidates at the lowest cosine seen."""
        if not ranking:
            return ranking
        section = self.section_cosines(model, vector)
        cos = dict(ranking)
        floor = ranking[-1][1]
        for number in np.argsort(-section, kind="stable")[:SECTION_CANDIDATES]:
            for row in self._section_rows.get(int(number), ()):
                if allowed is None or allowed[row]:
                    cos.setdefault(row, floor)
        w = self._weights.section
        return _best_first(
            {row: c + w * float(section[self._section_of[row]]) for row, c in cos.items()}
        )

    def _query_vector(self, model: Embedder, text: str) -> np.ndarray:
        key = (model.name, text)
        vector = self._vectors.get(key)
        if vector is None:
            if len(self._vectors) >= QUERY_CACHE:
                self._vectors.clear()
            vector = self._vectors[key] = model.embed_queries([text])
        return vector

    def _window_ranking(
        self, ranking: list[tuple[int, float]], allowed: np.ndarray | None
    ) -> list[tuple[int, float]]:
        """Rows by the mean cosine of the row and the rows just before and after it in its
        document; a neighbour dense retrieval did not return counts at the lowest cosine seen."""
        if not ranking:
            return []
        cos = dict(ranking)
        floor = ranking[-1][1]
        candidates = set(cos)
        for row in cos:
            candidates.update(r for r in (self._prev[row], self._next[row]) if r >= 0)
        scores: dict[int, float] = {}
        for row in candidates:
            if allowed is not None and not allowed[row]:
                continue
            parts = [cos.get(row, floor)]
            parts += [cos.get(r, floor) for r in (self._prev[row], self._next[row]) if r >= 0]
            scores[row] = sum(parts) / len(parts)
        return _best_first(scores)

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
        vector: np.ndarray,
        index: DenseIndex,
        allowed: np.ndarray | None,
        depth: int,
    ) -> list[tuple[int, float]]:
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

        Scores are BM25 scores, cosines, or fused RRF scores with facet boosts. In hybrid mode
        the stored second stage (index/ranker.json, when the weights' `rerank` is on and it was
        trained for this index's embedders) then re-orders the head of the fused ranking.
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
        fields = self.bm25_fields(plan)
        rankings = {"bm25": [r for r, _ in self.bm25_ranking(plan, allowed, depth, fields)]}
        second = self._ranker is not None and w.rerank
        dense, cosines = self._dense_rankings(plan, allowed, depth, window=w.window > 0)
        for name, ranking in dense.items():
            rankings[name] = [r for r, _ in ranking]
        fused = rrf(rankings, w.fusion(list(rankings)), k=w.fusion_k)
        unit = 1.0 / (w.fusion_k + 1)  # what a rank-1 hit of weight 1 contributes
        for row in fused:
            clause = self._clauses[row]
            if clause is None:
                continue
            fused[row] += unit * w.facet_boost * plan.boosts(clause)
            # A stated time of any tense answers "wanneer", a past date too (no deadline tag).
            if plan.asks_when and states_time(clause.text):
                fused[row] += unit * w.when_boost
            if plan.asks_who and clause.get(ACTORS_FROM) in NAMED:
                fused[row] += unit * w.who_boost
            if clause.kind == "heading":
                fused[row] *= w.heading_factor
            elif clause.kind == "footnote":
                fused[row] *= w.footnote_factor
        ranked = _best_first(fused)
        if not second:
            return ranked
        signals = Signals(plan, self._query_tokens(plan), fields[0], dense, cosines)
        return self.rerank(ranked, signals)

    def _query_tokens(self, plan: QueryPlan) -> tuple[str, ...]:
        return tuple(self._bm25.query_tokens(plan.lexical))

    def signals(self, query: str) -> Signals:
        """What the first stage computes for a query, unfiltered, as the second stage sees it."""
        plan = understand(query)
        text = self._bm25.scores(plan.lexical)
        dense, cosines = self._dense_rankings(plan, None)
        return Signals(plan, self._query_tokens(plan), text, dense, cosines)

    def _tokens_of(self, row: int) -> list[str]:
        tokens = self._tokens.get(row)
        if tokens is None:
            clause = self._clauses[row]
            text = "" if clause is None else clause.text
            tokens = self._tokens[row] = tokenize(text, self._bm25.vocab, self._memo)
        return tokens

    def head(self, ranked: Sequence[tuple[int, float]], depth: int) -> list[int]:
        """The first `depth` rows of a ranking that are answer candidates (stored, no heading)."""
        out: list[int] = []
        for row, _ in ranked:
            clause = self._clauses[row]
            if clause is None or clause.kind == "heading":
                continue
            out.append(row)
            if len(out) == depth:
                break
        return out

    def candidate_features(
        self, rows: Sequence[int], signals: Signals
    ) -> tuple[list[Clause], np.ndarray]:
        """The rows' clauses and the second stage's features of each (index.rerank.FEATURES)."""
        clauses = [c for c in (self._clauses[r] for r in rows) if c is not None]
        own = [self._tokens_of(r) for r in rows]
        around = [
            own[i]
            + [t for n in (self._prev[r], self._next[r]) if n >= 0 for t in self._tokens_of(n)]
            for i, r in enumerate(rows)
        ]
        return clauses, features(rows, clauses, own, around, signals)

    def rerank(self, ranked: list[tuple[int, float]], signals: Signals) -> list[tuple[int, float]]:
        """The ranking with its head (the ranker's depth of answer candidates) re-ordered by the
        second stage; the head keeps the first stage's scores, handed out in the new order."""
        assert self._ranker is not None
        rows = self.head(ranked, self._ranker.depth)
        if len(rows) < 2:
            return ranked
        _, x = self.candidate_features(rows, signals)
        order = np.argsort(-self._ranker.score(x), kind="stable")
        chosen = set(rows)
        scores = sorted((s for r, s in ranked if r in chosen), reverse=True)
        head = [(rows[int(i)], score) for i, score in zip(order, scores, strict=True)]
        return head + [(r, s) for r, s in ranked if r not in chosen]

    def search(
        self, query: str, k: int = 10, filters: ClauseFilter | None = None, mode: str = "hybrid"
    ) -> list[Hit]:
        """The k best clauses for a query, with their documents. Headings are never answers
        (unless the filter asks for kind "heading");
        a clause that states what a better-ranked one states (a repeated sentence, an annex
        table row) is folded into that hit, whose clause then lists it under ALSO_IN.

        Raises FilterError when the filter names a document the store does not hold."""
        retriever = "fused" if mode == "hybrid" else mode
        # Headings answer nothing; only a filter that asks for them (--kind heading) gets them.
        headings = filters is not None and (filters.kind or "").casefold() == "heading"
        hits: list[Hit] = []
        for row, score in self.rank(query, filters, mode):
            clause = self._clauses[row]
            if clause is None or (clause.kind == "heading" and not headings):
                continue
            same = next((i for i, h in enumerate(hits) if restates(h.clause, clause)), None)
            if same is not None:
                hits[same] = _fold(hits[same], clause, self._documents.get(clause.doc))
                continue
            hits.append(Hit(clause, float(score), retriever, self._documents.get(clause.doc)))
            if len(hits) == k:
                break
        return hits

    def top_cosines(self, query: str) -> dict[str, float]:
        """Per embedder, the cosine of the clause nearest to the query."""
        text = understand(query).text
        out: dict[str, float] = {}
        for model, index in self.dense:
            scores, _ = index.search(self._query_vector(model, text), 1)
            out[model.name] = float(scores[0][0]) if scores.size else -1.0
        return out

    def no_good_match(self, query: str) -> bool:
        """True when nothing in the index answers the query: no clause shares a word with it,
        and no embedder with a calibrated threshold (NO_MATCH_COSINE) finds a clause near it
        in meaning."""
        if self.bm25_ranking(understand(query), None, depth=1):
            return False
        tops = self.top_cosines(query)
        return not any(tops[n] >= limit for n, limit in NO_MATCH_COSINE.items() if n in tops)

    def warm(self) -> None:
        """Run one query, so the first user's query does not pay for loading spaCy's
        tokenizer and the actor patterns (seconds on a small machine)."""
        self.rank(WARM_QUERY)

    def neighbours(self, clause_id: str, n: int = 2) -> list[Clause]:
        """The clause with up to n clauses either side of it in its document, in order."""
        return self.store.neighbours(clause_id, before=n, after=n)
