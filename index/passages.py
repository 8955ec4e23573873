"""Passages: overlapping windows of neighbouring clauses, embedded and BM25-indexed, so that a
clause that names its subject only in the sentences around it is found through its passage."""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from corpus.model import Clause, Document
from index.bm25 import BM25Index
from index.dense import DenseIndex, FlatIndex, load_dense_index
from index.embed import Embedder
from index.errors import SearchIndexError

# A passage holds neighbouring clauses of one chapter (outermost section) up to about this many
# characters, and starts again with the last clauses of the one before it, up to OVERLAP
# characters of them: the sizes of the naive 1000/200 chunks, cut on clause boundaries.
SIZE = 1000
OVERLAP = 250
PASSAGES_DIR = "passages"
ROWS_FILE = "rows.json"
BM25_DIR = "bm25"


def windows(clauses: Sequence[Clause]) -> list[tuple[int, ...]]:
    """The passages of a corpus as tuples of rows (positions in `clauses`): consecutive clauses
    of one document and chapter, each passage at most SIZE characters unless one clause is
    longer, each overlapping the one before by its last clauses of up to OVERLAP characters.
    Every row is in at least one passage."""
    order = sorted(range(len(clauses)), key=lambda i: (clauses[i].doc, clauses[i].ordinal))
    runs: list[list[int]] = []
    for i in order:
        key = (clauses[i].doc, clauses[i].section[:1])
        if runs and (clauses[runs[-1][-1]].doc, clauses[runs[-1][-1]].section[:1]) == key:
            runs[-1].append(i)
        else:
            runs.append([i])
    out: list[tuple[int, ...]] = []
    for run in runs:
        sizes = [len(clauses[i].text) + 1 for i in run]
        start = 0
        while True:
            end, total = start, 0
            while end < len(run) and (end == start or total + sizes[end] <= SIZE):
                total += sizes[end]
                end += 1
            out.append(tuple(run[start:end]))
            if end == len(run):
                break
            # The next passage repeats the last clauses of this one, up to OVERLAP characters,
            # and always moves on by at least one clause.
            nxt, back = end, 0
            while nxt - 1 > start and back + sizes[nxt - 1] <= OVERLAP:
                nxt -= 1
                back += sizes[nxt]
            start = nxt
    return out


def passage_texts(
    clauses: Sequence[Clause], rows: Sequence[tuple[int, ...]], docs: Mapping[str, Document]
) -> list[str]:
    """What the embedders see of each passage: the document title, the first clause's section
    trail, and the clauses' texts."""
    out = []
    for passage in rows:
        first = clauses[passage[0]]
        document = docs.get(first.doc)
        parts = [document.title] if document is not None and document.title else []
        if first.section:
            parts.append(" > ".join(first.section))
        parts.append(" ".join(clauses[i].text for i in passage))
        out.append("\n".join(parts))
    return out


@dataclass(frozen=True, slots=True)
class Passages:
    """The passages of an index: the rows of each, a dense index per embedder (in the
    manifest's order) and BM25 over their texts."""

    rows: tuple[tuple[int, ...], ...]
    dense: tuple[DenseIndex, ...]
    bm25: BM25Index

    @property
    def size(self) -> int:
        return len(self.rows)

    def save(self, folder: Path) -> None:
        """Write into `folder` (inside the index's temporary folder, swapped in with it)."""
        folder.mkdir(parents=True, exist_ok=True)
        for i, index in enumerate(self.dense):
            index.save(folder / f"faiss-{i}.index")
        self.bm25.save(folder / BM25_DIR)
        tmp = folder / f".{ROWS_FILE}.{os.getpid()}.tmp"
        tmp.write_text(json.dumps([list(r) for r in self.rows]), encoding="utf-8")
        os.replace(tmp, folder / ROWS_FILE)

    @classmethod
    def load(cls, folder: Path, models: int, clauses: int) -> Passages:
        """Read a passage folder written for `models` embedders over `clauses` rows."""
        try:
            rows = tuple(
                tuple(int(r) for r in p)
                for p in json.loads((folder / ROWS_FILE).read_text(encoding="utf-8"))
            )
            dense = tuple(load_dense_index(folder / f"faiss-{i}.index") for i in range(models))
            bm25 = BM25Index.load(folder / BM25_DIR)
        except (OSError, ValueError, TypeError) as exc:
            raise SearchIndexError(f"{folder}: unreadable passages ({exc})") from exc
        if {bm25.size, *(d.size for d in dense)} != {len(rows)} or any(
            not 0 <= r < clauses for p in rows for r in p
        ):
            raise SearchIndexError(f"{folder}: damaged passages; run `akkoord index`")
        return cls(rows, dense, bm25)


def build_passages(
    clauses: Sequence[Clause],
    docs: Mapping[str, Document],
    models: Sequence[Embedder],
    cache_dir: Path,
    progress: Callable[[int, int], None] | None = None,
) -> Passages:
    """The passages of `clauses`, each embedded with every model through the build's
    content-addressed cache in `cache_dir`; `progress(done, total)` counts passage vectors
    over all models."""
    from index.build import EmbeddingCache  # the build imports this module

    rows = windows(clauses)
    texts = passage_texts(clauses, rows, docs)
    dense: list[DenseIndex] = []
    for i, model in enumerate(models):
        index = FlatIndex(model.dim)
        index.add(EmbeddingCache(cache_dir, model).embed(texts, _pass(progress, i, len(models))))
        dense.append(index)
    return Passages(tuple(rows), tuple(dense), BM25Index.build(texts))


def _pass(
    progress: Callable[[int, int], None] | None, i: int, passes: int
) -> Callable[[int, int], None] | None:
    """Progress of the i-th model's pass reported as part of all passes together."""
    if progress is None:
        return None
    report = progress

    def on_progress(done: int, total: int) -> None:
        report(i * total + done, passes * total)

    return on_progress
