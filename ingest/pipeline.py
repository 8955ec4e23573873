"""Turn files into stored documents and clauses: read, clean, segment, tag, store."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from corpus.model import Clause, Document, clause_id
from corpus.store import Store
from ingest.clean import (
    Line,
    Note,
    drop_furniture,
    extract_footnotes,
    inline_notes,
    normalise,
    to_lines,
)
from ingest.errors import IngestError
from ingest.pdf import read_pdf
from ingest.segment import Segment, pieces, segments, sentences, vocabulary
from ingest.tables import TableRow, split_text_tables
from ingest.text import decode_text
from tagging.docdate import infer_document_date
from tagging.tag import tag_clauses

# Bump when cleaning, segmentation or tagging changes, so that unchanged files are re-ingested.
PIPELINE_VERSION = "15"
SUFFIXES = (".txt", ".pdf")
ROW_SLOT = "\ue002row:"
HYPHENATED_SHARE = 0.02  # more line-end hyphens than this: the text is typeset with hyphenation


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
        raise IngestError(path, f"ongeldige meta.json ({exc})") from exc
    if not isinstance(data, dict):
        raise IngestError(path, "meta.json moet bestandsnamen aan objecten koppelen")
    return data


def parse_file(path: Path, meta: dict[str, object] | None = None) -> tuple[Document, list[Clause]]:
    """Read one file into its Document and tagged clauses; raises IngestError."""
    meta = meta or {}
    if not path.is_file():
        raise IngestError(path, "bestand bestaat niet")
    raw = path.read_bytes()
    pages: int | None = None
    inline: list[Note] = []
    rows: list[TableRow] = []
    if path.suffix.lower() == ".pdf":
        content = read_pdf(path, raw)
        pages = content.pages
        # Table rows travel through cleaning as placeholder lines and are put back after it.
        lines = []
        for item in content.items:
            if isinstance(item, TableRow):
                lines.append(Line(f"{ROW_SLOT}{len(rows)}", item.page))
                rows.append(item)
            else:
                lines.append(item)
        full_text = "\n".join(ln.text for ln in lines)
    else:
        full_text, inline = inline_notes(normalise(decode_text(path, raw)))
        lines = to_lines(full_text)
    lines, subject = drop_furniture(lines)
    lines, notes = extract_footnotes(lines)
    items: list[Line | TableRow] = [
        rows[int(ln.text[len(ROW_SLOT) :])] if ln.text.startswith(ROW_SLOT) else ln for ln in lines
    ]
    if not rows:
        items = split_text_tables(lines)
    vocab = vocabulary(full_text)
    breaks = sum(1 for ln in lines if re.search(r"[^\W\d_]-\s*$", ln.text))
    hyphenated = breaks > HYPHENATED_SHARE * max(1, sum(1 for ln in lines if ln.text.strip()))
    segs = segments(pieces(items, vocab, hyphenated))
    document = _document(path, raw, meta, full_text, subject, segs, pages)
    clauses = _clauses(document, segs, [*inline, *notes])
    return document, tag_clauses(clauses, document)


def _document(
    path: Path,
    raw: bytes,
    meta: dict[str, object],
    text: str,
    subject: str | None,
    segs: Sequence[Segment],
    pages: int | None,
) -> Document:
    key = hashlib.sha256(
        raw + json.dumps(meta, sort_keys=True).encode() + PIPELINE_VERSION.encode()
    )
    date: dt.date | None = None
    inferred = False
    if meta.get("date"):
        try:
            date = dt.date.fromisoformat(str(meta["date"]))
        except ValueError as exc:
            raise IngestError(
                path, f"datum {meta['date']!r} in meta.json is geen ISO-datum (JJJJ-MM-DD)"
            ) from exc
    else:
        date = infer_document_date(text)
        inferred = date is not None
    title = str(meta.get("title") or "") or subject or _title_from(segs) or path.stem
    senders = meta.get("senders") or ()
    return Document(
        id=path.name,
        title=title,
        date=date,
        doc_type=str(meta.get("doc_type") or "onbekend"),
        senders=tuple(str(s) for s in senders) if isinstance(senders, list | tuple) else (),
        sha256=key.hexdigest(),
        path=str(path.resolve()),
        pages=pages,
        date_inferred=inferred,
        pipeline=PIPELINE_VERSION,
    )


def _title_from(segs: Sequence[Segment]) -> str | None:
    for seg in segs[:5]:
        if seg.kind == "heading":
            return seg.text
    return None


def _clauses(document: Document, segs: Sequence[Segment], notes: Sequence[Note]) -> list[Clause]:
    clauses: list[Clause] = []

    def add(**fields: Any) -> None:
        n = len(clauses)
        clauses.append(Clause(id=clause_id(document.id, n), doc=document.id, ordinal=n, **fields))

    for seg in segs:
        common: dict[str, Any] = {
            "text": seg.text,
            "page": seg.page,
            "section": seg.section,
            "note": ",".join(seg.notes) or None,
        }
        if seg.kind == "table_row" and seg.row is not None:
            # The clause reads as the row is printed (subject | date | responsible), so a
            # search result shows who and when; the subject cell is kept on its own.
            row = seg.row
            extra: tuple[tuple[str, str], ...] = (("subject", seg.text),)
            if row.responsible:
                extra += (("responsible", row.responsible),)
            common["text"] = " | ".join(c for c in (seg.text, row.date, row.responsible) if c)
            add(
                **common,
                block="table_row",
                kind="afspraak",
                deadline_text=seg.row.date,
                extra=extra,
            )
        elif seg.kind == "heading":
            add(**common, block="heading", kind="heading")
        else:
            add(**common, block=seg.kind)
    for note in notes:
        # A note holding several statements ("Partijen zijn ... . Op 5 juni 2019 is ook de VNG
        # partij geworden.") gives a clause per sentence, all linked to the same marker.
        for text in _note_statements(note.text):
            add(
                text=text,
                page=note.page,
                section=("Voetnoten",),
                block="footnote",
                kind="footnote",
                note=note.number,
            )
    return clauses


def _note_statements(text: str) -> list[str]:
    """The sentences of a footnote; fragments of a few words ("Wmo 2015", "Zie x.nl.") stay
    with the sentence before them, since they are no statement of their own."""
    out: list[str] = []
    for part in sentences(text) if text else ():
        if out and len(part.split()) < 4:
            out[-1] = f"{out[-1]} {part}"
        else:
            out.append(part)
    return out


def expand(paths: Iterable[Path | str]) -> tuple[list[Path], list[IngestError]]:
    """Files to ingest from files and folders, and an error for each path that yields none."""
    files: list[Path] = []
    errors: list[IngestError] = []
    for p in map(Path, paths):
        if not p.exists():
            errors.append(IngestError(p, "bestand of map bestaat niet"))
        elif p.is_dir():
            found = sorted(f for f in p.rglob("*") if f.suffix.lower() in SUFFIXES)
            if not found:
                errors.append(IngestError(p, "map zonder .txt- of .pdf-documenten"))
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
            document, clauses = parse_file(path, metas[path.parent].get(path.name))
            (report.added if store.put(document, clauses) else report.unchanged).append(path.name)
        except IngestError as exc:
            report.failed.append(exc)
        except OSError as exc:
            report.failed.append(IngestError(path, exc.strerror or str(exc)))
        if progress:
            progress(path)
    return report
