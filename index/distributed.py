"""Ingest on a Ray cluster: workers parse, tag and embed; the driver keeps every store write."""

from __future__ import annotations

import importlib
import os
import socket
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import numpy as np

from corpus.model import Clause, Document
from corpus.store import Store
from index.build import ProgressFn, build_index
from index.embed import Embedder, get_embedder
from index.errors import SearchIndexError
from index.manifest import Manifest
from ingest.errors import IngestError
from ingest.pipeline import IngestReport, expand, file_meta, parse_file, store_parsed

# Texts per embedding task: large enough that a task's overhead (a few ms) is small beside its
# embedding (seconds), small enough that two workers share the bundled corpus evenly.
TEXTS_PER_TASK = 128
# The packages a worker imports; sent with the job, so that a cluster runs this checkout's code.
WORKER_PACKAGES = ("corpus", "ingest", "tagging", "index")
PROBE_SECONDS = 5.0


class ClusterError(Exception):
    """Ray is missing, or the cluster cannot be reached or started."""


@dataclass
class WorkerStats:
    """What the workers did: texts embedded per embedder and per worker process, seconds spent."""

    embedded: dict[str, int] = field(default_factory=dict)
    by_worker: dict[str, int] = field(default_factory=dict)
    # (worker, embedder) -> (texts, seconds): each embedder's throughput on each worker
    passes: dict[tuple[str, str], tuple[int, float]] = field(default_factory=dict)

    def add(self, embedder: str, worker: str, count: int, seconds: float) -> None:
        self.embedded[embedder] = self.embedded.get(embedder, 0) + count
        self.by_worker[worker] = self.by_worker.get(worker, 0) + count
        done, spent = self.passes.get((worker, embedder), (0, 0.0))
        self.passes[worker, embedder] = (done + count, spent + seconds)

    def lines(self) -> list[str]:
        """One line per worker: each embedder's texts, seconds and texts per second."""
        out = []
        for worker in sorted(self.by_worker):
            parts = [
                f"{name} {count} in {seconds:.0f} s ({count / max(seconds, 1e-9):.1f}/s)"
                for (w, name), (count, seconds) in sorted(self.passes.items())
                if w == worker
            ]
            out.append(f"{worker}: {', '.join(parts)}")
        return out


class RayCluster:
    """A connection to a Ray cluster (a local one when `address` is None), closed on exit.

    `num_cpus` sizes a local cluster (default: this machine's cores); a running cluster's
    address ("host:6379", "ray://host:10001" or "auto") brings its own.
    """

    def __init__(
        self, address: str | None = None, num_cpus: int | None = None, threads: int = 1
    ) -> None:
        try:
            import ray
        except ImportError as exc:
            raise ClusterError(
                "ray: package missing; run `pip install 'akkoord[ray]'` (or `pip install ray`)"
            ) from exc
        self.ray = ray
        self.threads = threads
        self.stats = WorkerStats()
        packages = [_package_dir(name) for name in WORKER_PACKAGES]
        options: dict[str, Any] = {
            "runtime_env": {
                "py_modules": packages,
                # One engine thread per task: Ray runs one task per CPU it counts.
                "env_vars": {"OMP_NUM_THREADS": str(threads), "OMP_WAIT_POLICY": "PASSIVE"},
            },
            "log_to_driver": False,
            "configure_logging": False,
        }
        if address is None:
            # A private local cluster: no dashboard, bound to this machine only.
            options.update(
                num_cpus=num_cpus,
                include_dashboard=False,
                _node_ip_address="127.0.0.1",
            )
            # Ray starts its workers at nice 15, below every other process: on a busy machine a
            # local cluster's embedding then waits for everything else. Here the workers do
            # this command's own work, so they run at its priority (unless set otherwise).
            os.environ.setdefault("RAY_worker_niceness", "0")
        else:
            _probe(address)
            options["address"] = address
        # Ray reports usage statistics unless told not to (it reads only its environment, so
        # this is set here, for the processes it starts); nothing leaves the machine here.
        os.environ["RAY_USAGE_STATS_ENABLED"] = "0"
        os.environ.setdefault("RAY_DISABLE_IMPORT_WARNING", "1")
        try:
            ray.init(**options)
        except Exception as exc:  # ConnectionError, RuntimeError, ValueError: all one message
            where = address or "local cluster"
            raise ClusterError(
                f"{where}: cannot start or reach the Ray cluster ({_first_line(exc)})"
            ) from exc
        self._parse = ray.remote(num_cpus=1)(_parse_task)
        self._embed = ray.remote(num_cpus=1)(_embed_task)

    def __enter__(self) -> RayCluster:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.ray.shutdown()

    def workers(self) -> int:
        """The CPUs the cluster offers, that is, how many tasks run at once."""
        return int(self.ray.cluster_resources().get("CPU", 1))

    def parse(
        self, jobs: Sequence[tuple[Path, dict[str, object], dict[str, object]]]
    ) -> list[tuple[Document, list[Clause]] | IngestError]:
        """Parse files on the workers, in the order of `jobs` (path, meta, corrections).

        The driver reads each file and sends its bytes, so the workers need no shared disk.
        """
        refs = [
            self._parse.remote(path.name, path.read_bytes(), meta, corrections)
            for path, meta, corrections in jobs
        ]
        try:
            results = self.ray.get(refs)
        except self.ray.exceptions.RayError as exc:
            raise ClusterError(f"parsing on the cluster failed ({_first_line(exc)})") from exc
        out: list[tuple[Document, list[Clause]] | IngestError] = []
        for (path, _meta, _corr), result in zip(jobs, results, strict=True):
            if isinstance(result, str):
                out.append(IngestError(path, result))
            else:
                document, clauses = result
                out.append((replace(document, path=str(path.resolve())), clauses))
        return out

    def encode(self, model: Embedder, texts: list[str], progress: ProgressFn | None) -> np.ndarray:
        """Embed passages on the workers (an EncodeFn for build_index); rows in text order."""
        chunks = [texts[i : i + TEXTS_PER_TASK] for i in range(0, len(texts), TEXTS_PER_TASK)]
        refs = [self._embed.remote(model.name, chunk, self.threads) for chunk in chunks]
        position = {ref: i for i, ref in enumerate(refs)}
        parts: list[np.ndarray | None] = [None] * len(refs)
        pending, done = list(refs), 0
        while pending:
            ready, pending = self.ray.wait(pending, num_returns=1)
            for ref in ready:
                vectors, worker, seconds = self.ray.get(ref)
                parts[position[ref]] = vectors
                self.stats.add(model.name, worker, len(vectors), seconds)
                done += len(vectors)
                if progress:
                    progress(done, len(texts))
        if not parts:
            return np.zeros((0, model.dim), dtype=np.float32)
        return np.concatenate([p for p in parts if p is not None]).astype(np.float32)


def _parse_task(
    name: str, raw: bytes, meta: dict[str, object], corrections: dict[str, object]
) -> tuple[Document, list[Clause]] | str:
    """On a worker: parse a file's bytes under its own name; the problem as text on failure."""
    with tempfile.TemporaryDirectory(prefix="akkoord-ray-") as tmp:
        path = Path(tmp) / name
        path.write_bytes(raw)
        try:
            return parse_file(path, meta, corrections)
        except IngestError as exc:
            return exc.problem
        except OSError as exc:
            return exc.strerror or str(exc)


def _embed_task(embedder: str, texts: list[str], threads: int) -> tuple[np.ndarray, str, float]:
    """On a worker: embed passages with the named embedder (loaded once per worker process)."""
    import time

    start = time.perf_counter()
    model = get_embedder(embedder, threads)
    vectors = model.embed_passages(texts)
    worker = f"{socket.gethostname()}:{os.getpid()}"
    return vectors, worker, time.perf_counter() - start


def ingest_on_cluster(
    cluster: RayCluster,
    paths: Sequence[Path | str],
    store: Store,
    progress: Callable[[Path], None] | None = None,
) -> IngestReport:
    """Ingest files and folders as ingest_paths does, with parsing and tagging on the cluster;
    the driver reads the files and meta.json and writes the store."""
    files, errors = expand(paths)
    report = IngestReport(failed=errors)
    metas: dict[Path, dict[str, dict[str, object]]] = {}
    jobs = []
    for path in files:
        try:
            jobs.append((path, file_meta(path, store, metas), store.corrections(path.name)))
        except IngestError as exc:
            report.failed.append(exc)
        except OSError as exc:
            report.failed.append(IngestError(path, exc.strerror or str(exc)))
    for (path, _meta, _corr), result in zip(jobs, cluster.parse(jobs), strict=True):
        if isinstance(result, IngestError):
            report.failed.append(result)
        else:
            store_parsed(store, *result, report)
        if progress:
            progress(path)
    return report


def build_index_on_cluster(
    cluster: RayCluster,
    store: Store,
    out_dir: Path,
    embedder: str,
    progress: ProgressFn | None = None,
    *,
    cache_dir: Path | None = None,
    threads: int = 2,
) -> Manifest:
    """build_index with the clauses the embedding cache lacks embedded on the cluster."""
    try:
        return build_index(
            store,
            out_dir,
            embedder,
            progress,
            threads=threads,
            cache_dir=cache_dir,
            encode=cluster.encode,
        )
    except cluster.ray.exceptions.RayError as exc:
        raise SearchIndexError(f"{out_dir}: embedding on the cluster failed ({exc})") from exc


def _probe(address: str) -> None:
    """Fail at once when nothing listens at a cluster address: Ray itself retries for minutes."""
    if address == "auto":
        return  # Ray looks for a cluster started on this machine and says so when there is none
    host, _, port = address.removeprefix("ray://").rpartition(":")
    if not host or not port.isdigit():
        raise ClusterError(f"{address}: not a Ray address; give host:port or ray://host:port")
    try:
        socket.create_connection((host, int(port)), timeout=PROBE_SECONDS).close()
    except OSError as exc:
        raise ClusterError(
            f"{address}: cannot start or reach the Ray cluster ({exc.strerror or exc})"
        ) from exc


def _package_dir(name: str) -> str:
    return str(Path(importlib.import_module(name).__path__[0]))


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip() or type(exc).__name__
    return text.splitlines()[0]
