"""Turn files into stored documents and clauses: read, clean, segment, tag, store."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from corpus.model import DESCRIBED, Clause, Document, clause_id
from corpus.store import Store
from ingest.clean import (
    Line,
    Note,
    drop_furniture,
    drop_repeated,
    extract_footnotes,
    inline_notes,
    normalise,
    paged_lines,
    to_lines,
)
from ingest.errors import IngestError
from ingest.pdf import read_pdf
from ingest.segment import Segment, pieces, segments, sentences, vocabulary
from ingest.tables import TableRow, split_text_tables
from ingest.text import decode_text
from tagging.describe import GUESSED, describe
from tagging.tag import tag_clauses

# Bump when cleaning, segmentation or tagging changes, so that unchanged files are re-ingested.
PIPELINE_VERSION = "35"
META_SOURCE = "meta.json"
HAND_SOURCE = "handmatig"
SUFFIXES = (".txt", ".pdf")
ROW_SLOT = "\ue002row\ue002"  # no letter or colon before the number: no note marker can match it
HYPHENATED_SHARE = 0.02  # more line-end hyphens than this: the text is typeset with hyphenation


@dataclass
class IngestReport:
    added: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    versions: list[str] = field(default_factory=list)  # stored before, now a changed file
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


def parse_file(
    path: Path,
    meta: dict[str, object] | None = None,
    corrections: dict[str, object] | None = None,
    on_page: Callable[[int, int], None] | None = None,
) -> tuple[Document, list[Clause]]:
    """Read one file into its Document and tagged clauses; raises IngestError.

    The document describes itself from its text; `meta` (a meta.json entry) and then
    `corrections` (fields set by hand) override that description field by field.
    `on_page(done, total)` reports each page of a PDF read.
    """
    meta = meta or {}
    if not path.is_file():
        raise IngestError(path, "bestand bestaat niet")
    raw = path.read_bytes()
    pages: int | None = None
    inline: list[Note] = []
    rows: list[TableRow] = []
    if path.suffix.lower() == ".pdf":
        content = read_pdf(path, raw, on_page)
        pages = content.pages
        # Table rows travel through cleaning as placeholder lines and are put back after it.
        lines = []
        for item in content.items:
            if isinstance(item, TableRow):
                lines.append(Line(f"{ROW_SLOT}{len(rows)}", item.page))
                rows.append(item)
            else:
                # PDF text carries the same odd spaces and hyphens as exported text
                lines.append(replace(item, text=normalise(item.text)))
        full_text = "\n".join(ln.text for ln in lines)
        own_text, first_page = content.text, content.first_page
        inline = list(content.notes)  # notes told apart by their size and place on the page
    else:
        full_text, inline = inline_notes(normalise(decode_text(path, raw)))
        own_text, first_page = full_text, None
        paged = paged_lines(full_text)
        if paged is None:
            lines = to_lines(full_text)
        else:
            lines, pages = paged
            lines = drop_repeated_lines(lines, pages)
            first_page = "\n".join(ln.text for ln in lines if ln.page == 1)
            full_text = "\n".join(ln.text for ln in lines)
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
    fields, sources = _described(path, own_text, first_page, meta, corrections or {})
    if "title" not in fields:
        heading = subject or _title_from(segs)
        fields["title"] = heading or path.stem
        sources["title"] = "briefhoofd" if subject else GUESSED
    fields.setdefault("date", None)
    fields.setdefault("doc_type", "onbekend")
    sources.setdefault("doc_type", GUESSED)
    # The key covers the file and the description it ends up with: the same file with the same
    # description (from meta.json, a carried-over meta.json or the text) is stored once.
    key = hashlib.sha256(
        raw
        + json.dumps([fields, sources], sort_keys=True, default=str).encode()
        + PIPELINE_VERSION.encode()
    )
    document = Document(
        id=path.name,
        sha256=key.hexdigest(),
        path=str(path.resolve()),
        pages=pages,
        date_inferred=sources.get("date") == GUESSED,
        pipeline=PIPELINE_VERSION,
        sources=tuple(sorted(sources.items())),
        file_sha256=hashlib.sha256(raw).hexdigest(),
        **fields,  # type: ignore[arg-type]
    )
    clauses = _clauses(document, segs, [*inline, *notes])
    return document, tag_clauses(clauses, document)


def drop_repeated_lines(lines: Sequence[Line], pages: int) -> list[Line]:
    """Running headers and footers of a paged text export, as read_pdf drops them."""
    per_page: list[list[Line]] = [[] for _ in range(pages)]
    for ln in lines:
        per_page[(ln.page or 1) - 1].append(ln)
    return [ln for page in drop_repeated(per_page) for ln in page]


def _described(
    path: Path,
    text: str,
    first_page: str | None,
    meta: dict[str, object],
    corrections: dict[str, object],
) -> tuple[dict[str, object], dict[str, str]]:
    """The Document fields the text gives, overridden by meta.json, then by hand; with sources."""
    desc = describe(text, first_page)
    fields: dict[str, object] = {}
    sources: dict[str, str] = {}
    for name in DESCRIBED:
        value = getattr(desc, name)
        if value:
            fields[name], sources[name] = value, desc.sources.get(name, GUESSED)
    for given, source in ((meta, META_SOURCE), (corrections, HAND_SOURCE)):
        for name in DESCRIBED:
            if given.get(name):
                fields[name], sources[name] = _field(path, name, given[name], source), source
    return fields, sources


def _field(path: Path, name: str, value: object, source: str) -> object:
    """A meta.json or hand-set value as the Document field holds it."""
    if name == "date":
        try:
            return dt.date.fromisoformat(str(value))
        except ValueError as exc:
            raise IngestError(
                path, f"datum {value!r} in {source} is geen ISO-datum (JJJJ-MM-DD)"
            ) from exc
    if name in ("senders", "signatories"):
        items = value if isinstance(value, list | tuple) else [value]
        return tuple(str(v) for v in items)
    return str(value)


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
    pages: Callable[[Path, int, int], None] | None = None,
) -> IngestReport:
    """Ingest files and folders into the store; every bad file is reported, none stops the rest.

    `progress(path)` is called after each file, `pages(path, done, total)` after each page of
    a PDF read.
    """
    files, errors = expand(paths)
    report = IngestReport(failed=errors)
    metas: dict[Path, dict[str, dict[str, object]]] = {}
    for path in files:
        try:
            meta = file_meta(path, store, metas)
            document, clauses = parse_file(
                path, meta, store.corrections(path.name), _per_page(pages, path)
            )
            store_parsed(store, document, clauses, report)
        except IngestError as exc:
            report.failed.append(exc)
        except OSError as exc:
            report.failed.append(IngestError(path, exc.strerror or str(exc)))
        if progress:
            progress(path)
    return report


def file_meta(
    path: Path, store: Store, metas: dict[Path, dict[str, dict[str, object]]]
) -> dict[str, object]:
    """The metadata `path` is parsed with: what meta.json once gave its stored document, then
    its folder's meta.json (read once per folder into `metas`). Raises IngestError."""
    if path.parent not in metas:
        metas[path.parent] = load_meta(path.parent)
    return {**_known(store.document(path.name), path), **metas[path.parent].get(path.name, {})}


def store_parsed(
    store: Store, document: Document, clauses: Sequence[Clause], report: IngestReport
) -> None:
    """Store a parsed document as its next version when its file changed, and note the outcome
    in `report` (a parallel ingest parses elsewhere and stores through here)."""
    stored = store.document(document.id)
    changed = bool(stored and stored.file_sha256 not in ("", document.file_sha256))
    if stored and changed:
        document = replace(document, version=stored.version + 1)
    elif stored:
        document = replace(document, version=stored.version)
    if store.put(document, clauses):
        (report.versions if changed else report.added).append(document.id)
    else:
        report.unchanged.append(document.id)


def _per_page(
    pages: Callable[[Path, int, int], None] | None, path: Path
) -> Callable[[int, int], None] | None:
    return None if pages is None else lambda done, total: pages(path, done, total)


def _known(stored: Document | None, path: Path) -> dict[str, object]:
    """What meta.json once gave a stored document, kept when the same file is added again
    without it (an upload of a bundled file, a copy in another folder)."""
    if stored is None or stored.file_sha256 != hashlib.sha256(path.read_bytes()).hexdigest():
        return {}
    known: dict[str, object] = {}
    for name, source in stored.sources:
        value = getattr(stored, name, None)
        if source == META_SOURCE and value:
            known[name] = value.isoformat() if isinstance(value, dt.date) else value
    return known
