"""Build the index folder from the store: embed clauses (cached), BM25, manifest; atomically."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

import numpy as np

from corpus.lock import file_lock
from corpus.model import Clause, Document
from corpus.store import Store
from index.bm25 import BM25Index
from index.dense import DenseIndex, new_dense_index
from index.embed import Embedder, embedder_names, get_embedder
from index.errors import SearchIndexError
from index.manifest import INDEX_VERSION, MANIFEST_FILE, DenseModel, Manifest

IDS_FILE = "ids.json"
BM25_DIR = "bm25"
HEADING_DIR = "bm25-heading"
CONTEXT_DIR = "bm25-context"
# Past this many clauses exact search gets slow; switch to HNSW (recall reported by the benchmark).
HNSW_THRESHOLD = 200_000


def passage_text(clause: Clause, document: Document | None) -> str:
    """What the embedder sees for a clause: document title and section trail give it context."""
    parts = []
    if document is not None and document.title:
        parts.append(document.title)
    if clause.section:
        parts.append(" > ".join(clause.section))
    parts.append(clause.text)
    return "\n".join(parts)


def heading_text(clause: Clause) -> str:
    """The clause's innermost heading: BM25 scores it as a field of its own, at a lower weight.

    Kept apart from the clause text so that a heading shared by a whole section ("Meer tijd
    voor de patiënt") does not lift every clause under it as if each one said those words.
    """
    return clause.section[-1] if clause.section else ""


def context_texts(clauses: Sequence[Clause]) -> list[str]:
    """For each clause, the text of the clauses just before and after it in its document.

    A clause often leans on its neighbours ("In 2020 wordt deze monitor herhaald" names the
    monitor only in the sentence before), so BM25 also scores this context, at a lower weight.
    """
    out = []
    for i, clause in enumerate(clauses):
        parts = [
            clauses[j].text
            for j in (i - 1, i + 1)
            if 0 <= j < len(clauses) and clauses[j].doc == clause.doc
        ]
        out.append("\n".join(parts))
    return out


class EmbeddingCache:
    """Content-addressed vectors of one embedder in two .npy files (keys, vectors); no pickles."""

    def __init__(self, folder: Path, embedder: Embedder) -> None:
        safe = hashlib.sha1(f"{embedder.name}|{embedder.model}|{embedder.dim}".encode())
        self.folder = folder / f"{embedder.backend}-{safe.hexdigest()[:12]}"
        self.embedder = embedder

    @staticmethod
    def key(text: str) -> str:
        return hashlib.sha1(text.encode("utf-8")).hexdigest()

    def _load(self) -> dict[str, np.ndarray]:
        keys_path, vecs_path = self.folder / "keys.npy", self.folder / "vectors.npy"
        if not (keys_path.exists() and vecs_path.exists()):
            return {}
        try:
            keys = np.load(keys_path, allow_pickle=False)
            vecs = np.load(vecs_path, allow_pickle=False)
        except (OSError, ValueError):
            return {}  # a damaged cache is only a slower build
        if len(keys) != len(vecs) or vecs.ndim != 2 or vecs.shape[1] != self.embedder.dim:
            return {}
        return {str(k): v for k, v in zip(keys, vecs, strict=True)}

    def _save(self, known: dict[str, np.ndarray]) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        keys = np.array(list(known), dtype="U40")
        vecs = np.stack(list(known.values())).astype(np.float32)
        for name, arr in (("keys.npy", keys), ("vectors.npy", vecs)):
            tmp = self.folder / f".{name}.{os.getpid()}.tmp"
            with tmp.open("wb") as fh:
                np.save(fh, arr, allow_pickle=False)
            os.replace(tmp, self.folder / name)

    def embed(
        self, texts: Sequence[str], progress: Callable[[int, int], None] | None = None
    ) -> np.ndarray:
        """Vectors for `texts`, embedding only those not cached yet."""
        known = self._load()
        keys = [self.key(t) for t in texts]
        missing = list(dict.fromkeys(k for k in keys if k not in known))
        if missing:
            first = {k: t for k, t in zip(keys, texts, strict=True) if k in set(missing)}
            vecs = self.embedder.embed_passages([first[k] for k in missing], progress=progress)
            known.update(zip(missing, vecs, strict=True))
            self._save(known)
        elif progress:
            progress(len(texts), len(texts))
        if not texts:
            return np.zeros((0, self.embedder.dim), dtype=np.float32)
        return np.stack([known[k] for k in keys]).astype(np.float32)


def build_index(
    store: Store,
    out_dir: Path,
    embedder: str,
    progress: Callable[[int, int], None] | None = None,
    *,
    threads: int = 2,
    dense: str | None = None,
    cache_dir: Path | None = None,
) -> Manifest:
    """Embed every stored clause, index it densely and with BM25, and write `out_dir` atomically.

    `embedder` names one embedder or several joined by "+"; each gets its own dense index.
    `progress(done, total)` counts vectors over all embedders' passes (clauses x embedders).
    Embeddings are cached by content under `cache_dir` (default: a `cache` folder beside
    `out_dir`), so rebuilding after adding a document embeds only the new clauses.
    """
    out_dir = Path(out_dir)
    models = [get_embedder(name, threads) for name in embedder_names(embedder)]
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    # One build at a time per index folder: a build that waited reads the store after the one
    # before it finished, so the last index written holds every document stored before it.
    with file_lock(_lock_file(out_dir, "build")):
        return _build(store, out_dir, embedder, models, progress, dense, cache_dir)


def _build(
    store: Store,
    out_dir: Path,
    embedder: str,
    models: list[Embedder],
    progress: Callable[[int, int], None] | None,
    dense: str | None,
    cache_dir: Path | None,
) -> Manifest:
    docs = {d.id: d for d in store.documents()}
    clauses = store.clauses()
    if not clauses:
        raise SearchIndexError(f"{store.path}: the store holds no clauses to index")
    texts = [passage_text(c, docs.get(c.doc)) for c in clauses]
    kind = dense or ("hnsw" if len(clauses) > HNSW_THRESHOLD else "flat")
    indexes: list[DenseIndex] = []
    for i, model in enumerate(models):
        cache = EmbeddingCache(cache_dir or out_dir.parent / "cache", model)
        vectors = cache.embed(texts, _stage(progress, i, len(models)))
        index = new_dense_index(kind, model.dim)
        index.add(vectors)
        indexes.append(index)
    manifest = Manifest.new(
        embedder=embedder,
        models=tuple(
            DenseModel(m.name, m.backend, m.model, m.dim, dense_file(i))
            for i, m in enumerate(models)
        ),
        clauses=len(clauses),
        fingerprint=store.fingerprint(),
        dense=kind,
    )
    write_index(out_dir, indexes, clauses, manifest)
    return manifest


def _stage(
    progress: Callable[[int, int], None] | None, stage: int, stages: int
) -> Callable[[int, int], None] | None:
    """Progress of one embedder's pass reported as part of all passes together."""
    if progress is None:
        return None
    report = progress

    def on_progress(done: int, total: int) -> None:
        report(stage * total + done, stages * total)

    return on_progress


def dense_file(position: int) -> str:
    """The file of the dense index of the embedder at `position` in the --embedder value."""
    return f"faiss-{position}.index"


def write_index(
    out_dir: Path, dense: Sequence[DenseIndex], clauses: Sequence[Clause], manifest: Manifest
) -> None:
    """Write the dense indexes, the BM25 indexes (clause text, heading, context), the row ids
    and the manifest, atomically."""
    out_dir = Path(out_dir)
    bm25 = BM25Index.build([c.text for c in clauses])
    heading = BM25Index.build([heading_text(c) for c in clauses])
    context = BM25Index.build(context_texts(clauses))
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    tmp = out_dir.parent / f".{out_dir.name}.tmp-{os.getpid()}"
    shutil.rmtree(tmp, ignore_errors=True)
    try:
        tmp.mkdir()
        for index, model in zip(dense, manifest.models, strict=True):
            index.save(tmp / model.file)
        bm25.save(tmp / BM25_DIR)
        heading.save(tmp / HEADING_DIR)
        context.save(tmp / CONTEXT_DIR)
        (tmp / IDS_FILE).write_text(json.dumps([c.id for c in clauses]), encoding="utf-8")
        manifest.write(tmp)  # written last: a folder without it is never taken for an index
        _swap_into_place(tmp, out_dir)
    except OSError as exc:
        shutil.rmtree(tmp, ignore_errors=True)
        raise SearchIndexError(
            f"{out_dir}: cannot write the index ({exc.strerror or exc})"
        ) from exc


def _swap_into_place(tmp: Path, out_dir: Path) -> None:
    # A folder cannot replace a non-empty folder in one rename: move the old one aside first,
    # and put it back when the new one cannot take its place. Readers hold the swap lock shared
    # while they load, so none reads half of the old index and half of the new.
    old = out_dir.parent / f".{out_dir.name}.old-{os.getpid()}"
    with file_lock(_lock_file(out_dir, "swap")):
        recover_index(out_dir)
        if out_dir.exists():
            os.replace(out_dir, old)
        try:
            os.replace(tmp, out_dir)
        except OSError:
            if old.exists() and not out_dir.exists():
                os.replace(old, out_dir)
            raise
    shutil.rmtree(old, ignore_errors=True)


def _lock_file(out_dir: Path, purpose: str) -> Path:
    return out_dir.parent / f".{out_dir.name}.{purpose}.lock"


@contextmanager
def reading_index(out_dir: Path) -> Iterator[None]:
    """Hold while loading an index folder: no swap replaces it half-way through the load."""
    with file_lock(_lock_file(Path(out_dir), "swap"), shared=True):
        yield


def recover_index(out_dir: Path) -> bool:
    """Undo what a process killed while swapping an index left behind: put the old index back
    when the folder is missing, and remove the temporary folders of processes that are gone.
    True when an index was put back. Call it holding the swap lock."""
    out_dir = Path(out_dir)
    restored = False
    leftovers = sorted(
        [
            *out_dir.parent.glob(f".{out_dir.name}.old-*"),
            *out_dir.parent.glob(f".{out_dir.name}.tmp-*"),
        ],
        key=lambda p: p.stat().st_mtime,
        reverse=True,
    )
    try:
        for folder in leftovers:
            stage, _, pid = folder.name.rpartition("-")
            if pid.isdigit() and _alive(int(pid)):
                continue  # a build still running (this one, or another) writes there
            if (
                stage.endswith(".old")
                and not out_dir.exists()
                and (folder / MANIFEST_FILE).exists()
            ):
                os.replace(folder, out_dir)
                restored = True
            else:
                shutil.rmtree(folder, ignore_errors=True)
    except OSError:
        return restored  # a read-only home: nothing could have been swapped there either
    return restored


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def index_is_current(out_dir: Path, store: Store, embedder: str) -> bool:
    """True when `out_dir` holds an index of the store's current corpus.

    An index built with another embedder still counts as current here: Searcher.open
    refuses it with a clear message instead of silently re-embedding everything.
    """
    if not (Path(out_dir) / MANIFEST_FILE).exists():
        with file_lock(_lock_file(Path(out_dir), "swap")):
            recover_index(Path(out_dir))
    if not (Path(out_dir) / MANIFEST_FILE).exists():
        return False
    try:
        manifest = Manifest.read(Path(out_dir))
    except SearchIndexError:
        return False
    del embedder  # a mismatch is reported by Searcher.open, not rebuilt silently
    return manifest.version == INDEX_VERSION and manifest.fingerprint == store.fingerprint()
