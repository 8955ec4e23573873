"""Load and validate Q&A files (JSON Lines) against the schema in the eval README."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from pathlib import Path

from corpus.default import DEFAULT_CORPUS
from corpus.model import THEMES
from eval.scoring import join_hyphens

DATA_DIR = Path(__file__).resolve().parent / "data"
# The development questions the search weights were tuned on.
DEV_QA: tuple[Path, ...] = tuple(sorted(DATA_DIR.glob("dev_qa_*.jsonl")))
LANGS: tuple[str, ...] = ("nl", "en")
QA_KINDS: tuple[str, ...] = ("afspraak", "toezegging", "voornemen", "feit")
REQUIRED: tuple[str, ...] = (
    "id",
    "question",
    "lang",
    "doc",
    "quote",
    "actors",
    "deadline_text",
    "deadline",
    "theme",
    "kind",
)


class QAError(Exception):
    """A bad Q&A line; str() is "<file>:<line>: <problem>"."""

    def __init__(self, path: Path | str, line: int, problem: str) -> None:
        super().__init__(f"{path}:{line}: {problem}")
        self.path = str(path)
        self.line = line
        self.problem = problem


@dataclass(frozen=True, slots=True)
class QARecord:
    """One evaluation question with its gold answer."""

    id: str
    question: str
    lang: str
    doc: str
    quote: str
    actors: tuple[str, ...]
    deadline_text: str | None
    deadline: dt.date | None
    theme: str
    kind: str
    source: str = ""  # "<file>:<line>" the record was read from


def collapse(text: str) -> str:
    """Every run of white space as one space, stripped."""
    return " ".join(text.split())


def bundled_documents(folder: Path = DEFAULT_CORPUS) -> dict[str, Path]:
    """File name -> path of the plain-text documents in a folder (the bundled corpus by default)."""
    return {p.name: p for p in sorted(folder.glob("*.txt"))}


class DocumentTexts:
    """Reads each named document once and answers whether a quote occurs in it."""

    def __init__(self, paths: Mapping[str, Path | str]) -> None:
        self._paths = {name: Path(p) for name, p in paths.items()}
        self._texts: dict[str, tuple[str, str]] = {}

    def __contains__(self, doc: object) -> bool:
        return doc in self._paths

    def text(self, doc: str) -> str:
        """The document's raw text (PDFs through pymupdf, page by page)."""
        return _read_text(self._paths[doc])

    def contains(self, doc: str, quote: str) -> bool:
        """True when the quote occurs in the document, whitespace-collapsed, with or without
        hyphen joins removed (a line-break hyphenation may be kept in the file)."""
        if doc not in self._texts:
            plain = collapse(self.text(doc))
            self._texts[doc] = (plain.casefold(), collapse(join_hyphens(plain)).casefold())
        plain, joined = self._texts[doc]
        q = collapse(quote).casefold()
        return q in plain or collapse(join_hyphens(q)) in joined


def _read_text(path: Path) -> str:
    if path.suffix.lower() == ".pdf":
        import pymupdf

        with pymupdf.open(path) as pdf:
            return "\n".join(page.get_text() for page in pdf)
    return path.read_text(encoding="utf-8")


def load_qa(
    paths: Iterable[Path | str],
    documents: Mapping[str, Path | str] | None = None,
) -> list[QARecord]:
    """Every record of the Q&A files, validated; raises QAError on the first bad line.

    `documents` maps document file names to their files (default: the bundled corpus); a record
    naming a document outside it, or quoting text the document does not hold, is an error.
    """
    texts = DocumentTexts(bundled_documents() if documents is None else documents)
    records: list[QARecord] = []
    seen: dict[str, str] = {}
    for path in map(Path, paths):
        try:
            raw = path.read_bytes()
        except OSError as exc:
            raise QAError(path, 0, exc.strerror or str(exc)) from exc
        try:
            content = raw.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise QAError(path, 0, f"not UTF-8 text (byte {exc.start})") from exc
        for number, line in enumerate(content.splitlines(), start=1):
            if not line.strip():
                continue
            try:
                record = parse_record(line)
            except ValueError as exc:
                raise QAError(path, number, str(exc)) from exc
            record = replace(record, source=f"{path}:{number}")
            if record.id in seen:
                raise QAError(
                    path, number, f"duplicate id {record.id!r} (first at {seen[record.id]})"
                )
            seen[record.id] = record.source
            if record.doc not in texts:
                raise QAError(path, number, f"unknown document {record.doc!r}")
            if not texts.contains(record.doc, record.quote):
                raise QAError(path, number, f"quote not found in {record.doc}")
            records.append(record)
    return records


def parse_record(line: str) -> QARecord:
    """One JSON line as a QARecord; a schema problem raises ValueError(problem)."""
    try:
        obj = json.loads(line)
    except json.JSONDecodeError as exc:
        raise ValueError(f"invalid JSON ({exc.msg} at column {exc.colno})") from exc
    if not isinstance(obj, dict):
        raise ValueError("a record must be a JSON object")
    missing = [f for f in REQUIRED if f not in obj]
    if missing:
        raise ValueError(f"missing field {', '.join(missing)}")
    for name in ("id", "question", "lang", "doc", "quote", "theme", "kind"):
        if not isinstance(obj[name], str) or not obj[name].strip():
            raise ValueError(f"field {name} must be a non-empty string")
    if obj["lang"] not in LANGS:
        raise ValueError(f"lang {obj['lang']!r} is not one of {', '.join(LANGS)}")
    if obj["kind"] not in QA_KINDS:
        raise ValueError(f"kind {obj['kind']!r} is not one of {', '.join(QA_KINDS)}")
    if obj["theme"] not in THEMES:
        raise ValueError(f"theme {obj['theme']!r} is not a known theme")
    actors = obj["actors"]
    if not isinstance(actors, list) or not all(isinstance(a, str) and a.strip() for a in actors):
        raise ValueError("field actors must be a list of non-empty strings")
    for name in ("deadline_text", "deadline"):
        if obj[name] is not None and not isinstance(obj[name], str):
            raise ValueError(f"field {name} must be a string or null")
    deadline: dt.date | None = None
    if obj["deadline"] is not None:
        try:
            deadline = dt.date.fromisoformat(obj["deadline"])
        except ValueError as exc:
            raise ValueError(
                f"deadline {obj['deadline']!r} is not an ISO date (YYYY-MM-DD)"
            ) from exc
    return QARecord(
        id=obj["id"],
        question=obj["question"],
        lang=obj["lang"],
        doc=obj["doc"],
        quote=obj["quote"],
        actors=tuple(actors),
        deadline_text=obj["deadline_text"],
        deadline=deadline,
        theme=obj["theme"],
        kind=obj["kind"],
    )
