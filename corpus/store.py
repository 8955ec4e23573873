"""SQLite store of documents, clauses and links: idempotent, one transaction per change."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any, cast

from corpus.lock import file_lock
from corpus.model import Block, Clause, Document, Kind, Link, LinkKind

# Numbered migrations: the store records how many it has applied in PRAGMA user_version.
MIGRATIONS: tuple[str, ...] = (
    """
    CREATE TABLE documents (
        id TEXT PRIMARY KEY,
        title TEXT NOT NULL,
        date TEXT,
        doc_type TEXT NOT NULL,
        senders TEXT NOT NULL,
        sha256 TEXT NOT NULL,
        path TEXT NOT NULL,
        pages INTEGER,
        date_inferred INTEGER NOT NULL DEFAULT 0
    );
    CREATE TABLE clauses (
        id TEXT PRIMARY KEY,
        doc TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        ordinal INTEGER NOT NULL,
        text TEXT NOT NULL,
        page INTEGER,
        section TEXT NOT NULL,
        block TEXT NOT NULL,
        actors TEXT NOT NULL,
        mentions TEXT NOT NULL,
        deadline TEXT,
        deadline_text TEXT,
        theme TEXT,
        kind TEXT NOT NULL,
        note TEXT,
        extra TEXT NOT NULL,
        UNIQUE (doc, ordinal)
    );
    CREATE INDEX clauses_deadline ON clauses(deadline);
    CREATE TABLE links (
        source TEXT NOT NULL REFERENCES clauses(id) ON DELETE CASCADE,
        target TEXT NOT NULL REFERENCES clauses(id) ON DELETE CASCADE,
        kind TEXT NOT NULL,
        method TEXT NOT NULL,
        score REAL NOT NULL,
        PRIMARY KEY (source, target, kind)
    );
    """,
    """
    ALTER TABLE documents ADD COLUMN pipeline TEXT NOT NULL DEFAULT '';
    """,
    # 3: the document's own description and where each field came from; hand-set fields live
    # apart from the documents, so that they survive re-parsing and re-adding the file.
    """
    ALTER TABLE documents ADD COLUMN signatories TEXT NOT NULL DEFAULT '[]';
    ALTER TABLE documents ADD COLUMN addressee TEXT;
    ALTER TABLE documents ADD COLUMN kenmerk TEXT;
    ALTER TABLE documents ADD COLUMN kamerstuk TEXT;
    ALTER TABLE documents ADD COLUMN sources TEXT NOT NULL DEFAULT '{}';
    ALTER TABLE documents ADD COLUMN file_sha256 TEXT NOT NULL DEFAULT '';
    ALTER TABLE documents ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
    CREATE TABLE corrections (
        doc TEXT PRIMARY KEY,
        fields TEXT NOT NULL
    );
    """,
)


# How long a write waits for another process's transaction before it gives up.
BUSY_TIMEOUT_S = 30.0


class StoreError(Exception):
    """The store file cannot be opened or is not an akkoord store."""


class StoreBusy(StoreError):
    """Another process kept the store locked past BUSY_TIMEOUT_S; str() says to try again."""


class Store:
    """Documents and their clauses in one SQLite file."""

    def __init__(self, path: Path | str) -> None:
        self.path = Path(path)
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            # Streamlit serves each run from another thread; the app never shares a Store across
            # threads at once, so sqlite3's same-thread check is lifted.
            self._db = sqlite3.connect(self.path, check_same_thread=False, timeout=BUSY_TIMEOUT_S)
            self._db.execute("PRAGMA foreign_keys = ON")
            # Two processes opening a fresh home at once would both create the tables (and one
            # fail on "table documents already exists"): set up and migrate one at a time.
            with file_lock(self.path.with_name(self.path.name + ".lock")):
                self._db.execute("PRAGMA journal_mode = WAL")
                self._migrate()
        except (sqlite3.DatabaseError, OSError) as exc:
            raise _open_error(self.path, exc) from exc

    def close(self) -> None:
        self._db.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _migrate(self) -> None:
        version = self._db.execute("PRAGMA user_version").fetchone()[0]
        if version > len(MIGRATIONS):
            raise StoreError(
                f"{self.path}: written by a newer akkoord (store schema {version}, this one reads "
                f"up to {len(MIGRATIONS)}); upgrade akkoord or use another --home"
            )
        for number, script in enumerate(MIGRATIONS[version:], start=version + 1):
            with self._transaction():
                self._db.executescript(script)
                self._db.execute(f"PRAGMA user_version = {number}")

    @contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        # sqlite3's own context manager commits or rolls back; BEGIN makes the
        # transaction explicit so that executescript does not commit half-way. IMMEDIATE takes
        # the write lock at once, so a second writer waits (busy timeout) instead of failing.
        try:
            self._db.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as exc:
            raise _open_error(self.path, exc) from exc
        try:
            yield self._db
        except BaseException:
            self._db.rollback()
            raise
        else:
            self._db.commit()

    # -- documents -----------------------------------------------------------

    def _stored_version(self, doc_id: str) -> tuple[str, str] | None:
        """The content hash and pipeline version stored for a document, or None."""
        row = self._db.execute(
            "SELECT sha256, pipeline FROM documents WHERE id = ?", (doc_id,)
        ).fetchone()
        return None if row is None else (cast(str, row[0]), cast(str, row[1]))

    def put(self, document: Document, clauses: Sequence[Clause]) -> bool:
        """Store a document with its clauses, replacing any earlier version in one transaction.

        Returns False (and writes nothing) when the same content, parsed by the same pipeline,
        is stored already.
        """
        stored = self._stored_version(document.id)
        if document.sha256 and stored == (document.sha256, document.pipeline):
            return False
        with self._transaction() as db:
            db.execute("DELETE FROM documents WHERE id = ?", (document.id,))
            db.execute(
                "INSERT INTO documents VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    document.id,
                    document.title,
                    _date_out(document.date),
                    document.doc_type,
                    json.dumps(list(document.senders), ensure_ascii=False),
                    document.sha256,
                    document.path,
                    document.pages,
                    int(document.date_inferred),
                    document.pipeline,
                    json.dumps(list(document.signatories), ensure_ascii=False),
                    document.addressee,
                    document.kenmerk,
                    document.kamerstuk,
                    json.dumps(dict(document.sources), ensure_ascii=False),
                    document.file_sha256,
                    document.version,
                ),
            )
            db.executemany(
                "INSERT INTO clauses VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [_clause_row(c) for c in clauses],
            )
        return True

    def delete(self, doc_id: str) -> bool:
        """Remove a document with its clauses and links; False when it was not stored."""
        with self._transaction() as db:
            return db.execute("DELETE FROM documents WHERE id = ?", (doc_id,)).rowcount > 0

    def documents(self) -> list[Document]:
        """Every stored document, ordered by id."""
        rows = self._db.execute("SELECT * FROM documents ORDER BY id").fetchall()
        return [_document(r) for r in rows]

    def document(self, doc_id: str) -> Document | None:
        row = self._db.execute("SELECT * FROM documents WHERE id = ?", (doc_id,)).fetchone()
        return None if row is None else _document(row)

    # -- corrections ---------------------------------------------------------

    def corrections(self, doc_id: str) -> dict[str, object]:
        """The fields set by hand for a document (field -> JSON value), {} when none."""
        row = self._db.execute("SELECT fields FROM corrections WHERE doc = ?", (doc_id,)).fetchone()
        return {} if row is None else cast(dict[str, object], json.loads(row[0]))

    def set_corrections(self, doc_id: str, fields: dict[str, object]) -> None:
        """Add or replace hand-set fields of a document (kept when the document is re-parsed)."""
        merged = {**self.corrections(doc_id), **fields}
        with self._transaction() as db:
            db.execute(
                "INSERT OR REPLACE INTO corrections VALUES (?, ?)",
                (doc_id, json.dumps(merged, ensure_ascii=False, sort_keys=True)),
            )

    # -- clauses -------------------------------------------------------------

    def clauses(self, doc: str | None = None) -> list[Clause]:
        """All clauses, or those of one document, in document then reading order."""
        if doc is None:
            rows = self._db.execute("SELECT * FROM clauses ORDER BY doc, ordinal")
        else:
            rows = self._db.execute("SELECT * FROM clauses WHERE doc = ? ORDER BY ordinal", (doc,))
        return [_clause(r) for r in rows.fetchall()]

    def clause(self, clause_id: str) -> Clause | None:
        row = self._db.execute("SELECT * FROM clauses WHERE id = ?", (clause_id,)).fetchone()
        return None if row is None else _clause(row)

    def neighbours(self, clause_id: str, before: int = 2, after: int = 2) -> list[Clause]:
        """The clause with up to `before` and `after` clauses around it in its document."""
        row = self._db.execute(
            "SELECT doc, ordinal FROM clauses WHERE id = ?", (clause_id,)
        ).fetchone()
        if row is None:
            return []
        doc, ordinal = row
        rows = self._db.execute(
            "SELECT * FROM clauses WHERE doc = ? AND ordinal BETWEEN ? AND ? ORDER BY ordinal",
            (doc, ordinal - before, ordinal + after),
        )
        return [_clause(r) for r in rows.fetchall()]

    def count(self) -> dict[str, int]:
        """Clauses per document id."""
        rows = self._db.execute("SELECT doc, COUNT(*) FROM clauses GROUP BY doc ORDER BY doc")
        return {doc: n for doc, n in rows.fetchall()}

    def fingerprint(self) -> str:
        """A hash over the stored documents' content hashes: changes whenever the corpus does."""
        rows = self._db.execute("SELECT id, sha256 FROM documents ORDER BY id").fetchall()
        digest = hashlib.sha256()
        for doc_id, sha in rows:
            digest.update(f"{doc_id}\0{sha}\n".encode())
        return digest.hexdigest()[:16]

    # -- links ---------------------------------------------------------------

    def set_links(self, links: Iterable[Link], kind: LinkKind = "fulfils") -> None:
        """Replace every link of `kind` in one transaction."""
        with self._transaction() as db:
            db.execute("DELETE FROM links WHERE kind = ?", (kind,))
            db.executemany(
                "INSERT OR REPLACE INTO links VALUES (?, ?, ?, ?, ?)",
                [(lk.source, lk.target, lk.kind, lk.method, lk.score) for lk in links],
            )

    def links(self, kind: LinkKind | None = None) -> list[Link]:
        query = "SELECT source, target, kind, method, score FROM links"
        rows = (
            self._db.execute(query + " WHERE kind = ? ORDER BY target, source", (kind,))
            if kind
            else self._db.execute(query + " ORDER BY target, source")
        )
        return [Link(s, t, cast(LinkKind, k), m, sc) for s, t, k, m, sc in rows.fetchall()]


def _open_error(path: Path, exc: Exception) -> StoreError:
    """One line for a store that cannot be opened, with the way out where there is one."""
    problem = (exc.strerror if isinstance(exc, OSError) else None) or str(exc)
    if "readonly" in problem or "unable to open" in problem or isinstance(exc, PermissionError):
        return StoreError(
            f"{path}: cannot open the store ({problem}); the home folder {path.parent} must be "
            "writable: fix its permissions or use another --home"
        )
    if "locked" in problem:
        return StoreBusy(f"{path}: in use by another akkoord (bezig, probeer het zo opnieuw)")
    return StoreError(f"{path}: not a readable akkoord store ({problem})")


def sha256_file(path: Path) -> str:
    """The hex SHA-256 of a file's bytes."""
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _date_out(value: dt.date | None) -> str | None:
    return None if value is None else value.isoformat()


def _date_in(value: str | None) -> dt.date | None:
    return None if value is None else dt.date.fromisoformat(value)


def _clause_row(c: Clause) -> tuple[Any, ...]:
    return (
        c.id,
        c.doc,
        c.ordinal,
        c.text,
        c.page,
        json.dumps(list(c.section), ensure_ascii=False),
        c.block,
        json.dumps(list(c.actors), ensure_ascii=False),
        json.dumps(list(c.mentions), ensure_ascii=False),
        _date_out(c.deadline),
        c.deadline_text,
        c.theme,
        c.kind,
        c.note,
        json.dumps([list(kv) for kv in c.extra], ensure_ascii=False),
    )


def _clause(r: tuple[Any, ...]) -> Clause:
    return Clause(
        id=r[0],
        doc=r[1],
        ordinal=r[2],
        text=r[3],
        page=r[4],
        section=tuple(json.loads(r[5])),
        block=cast(Block, r[6]),
        actors=tuple(json.loads(r[7])),
        mentions=tuple(json.loads(r[8])),
        deadline=_date_in(r[9]),
        deadline_text=r[10],
        theme=r[11],
        kind=cast(Kind, r[12]),
        note=r[13],
        extra=tuple((k, v) for k, v in json.loads(r[14])),
    )


def _document(r: tuple[Any, ...]) -> Document:
    return Document(
        id=r[0],
        title=r[1],
        date=_date_in(r[2]),
        doc_type=r[3],
        senders=tuple(json.loads(r[4])),
        sha256=r[5],
        path=r[6],
        pages=r[7],
        date_inferred=bool(r[8]),
        pipeline=r[9],
        signatories=tuple(json.loads(r[10])),
        addressee=r[11],
        kenmerk=r[12],
        kamerstuk=r[13],
        sources=tuple(json.loads(r[14]).items()),
        file_sha256=r[15],
        version=r[16],
    )
