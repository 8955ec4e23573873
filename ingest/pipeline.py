"""Turn files into stored documents and clauses: read, clean, segment, tag, store."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from corpus.model import Clause, Document, clause_id
from corpus.store import Store
from ingest.tag import tag_clauses

# Bump when cleaning, segmentation or tagging changes, so that unchanged files are re-ingested.
PIPELINE_VERSION = "0"
SUFFIXES = (".txt", ".pdf")


class IngestError(Exception):
    """A file that cannot be ingested; str() is one line naming the file and the problem."""

    def __init__(self, path: Path | str, problem: str) -> None:
        super().__init__(f"{path}: {problem}")
        self.path = str(path)
        self.problem = problem


@dataclass
class IngestReport:
    added: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    failed: list[IngestError] = field(default_factory=list)


def load_meta(folder: Path) -> dict[str, dict[str, object]]:
    """The folder's meta.json (file name -> metadata), or {} when there is none."""
    path = folder / "meta.json"
    if not path.exists():
        return {}
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise IngestError(path, f"invalid meta.json ({exc})") from exc
    if not isinstance(data, dict):
        raise IngestError(path, "meta.json must map file names to objects")
    return data


def parse_file(path: Path, meta: dict[str, object] | None = None) -> tuple[Document, list[Clause]]:
    """Read one file into its Document and tagged clauses; raises IngestError."""
    meta = meta or {}
    raw = path.read_bytes()
    if not raw.strip():
        raise IngestError(path, "empty file")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise IngestError(path, f"not UTF-8 text (byte {exc.start})") from exc
    key = hashlib.sha256(raw + json.dumps(meta, sort_keys=True).encode() + PIPELINE_VERSION.encode())
    date = meta.get("date")
    document = Document(
        id=path.name,
        title=str(meta.get("title") or path.stem),
        date=dt.date.fromisoformat(str(date)) if date else None,
        doc_type=str(meta.get("doc_type") or "onbekend"),
        senders=tuple(str(s) for s in meta.get("senders") or ()),  # type: ignore[attr-defined]
        sha256=key.hexdigest(),
        path=str(path.resolve()),
    )
    paragraphs = [" ".join(p.split()) for p in text.split("\n\n") if p.strip()]
    clauses = [
        Clause(id=clause_id(document.id, i), doc=document.id, ordinal=i, text=p)
        for i, p in enumerate(paragraphs)
    ]
    return document, tag_clauses(clauses, document)


def expand(paths: Iterable[Path | str]) -> tuple[list[Path], list[IngestError]]:
    """Files to ingest from files and folders, and an error for each path that yields none."""
    files: list[Path] = []
    errors: list[IngestError] = []
    for p in map(Path, paths):
        if not p.exists():
            errors.append(IngestError(p, "no such file or folder"))
        elif p.is_dir():
            found = sorted(f for f in p.rglob("*") if f.suffix.lower() in SUFFIXES)
            if not found:
                errors.append(IngestError(p, "folder holds no .txt or .pdf documents"))
            files.extend(found)
        else:
            files.append(p)
    return files, errors


def ingest_paths(
    paths: Sequence[Path | str],
    store: Store,
    progress: Callable[[Path], None] | None = None,
) -> IngestReport:
    """Ingest files and folders into the store; every bad file is reported, none stops the rest."""
    files, errors = expand(paths)
    report = IngestReport(failed=errors)
    metas: dict[Path, dict[str, dict[str, object]]] = {}
    for path in files:
        try:
            if path.parent not in metas:
                metas[path.parent] = load_meta(path.parent)
            document, clauses = parse_file(path, metas[path.parent].get(path.name))  # type: ignore[arg-type]
            (report.added if store.put(document, clauses) else report.unchanged).append(path.name)
        except IngestError as exc:
            report.failed.append(exc)
        except OSError as exc:
            report.failed.append(IngestError(path, exc.strerror or str(exc)))
        if progress:
            progress(path)
    return report
