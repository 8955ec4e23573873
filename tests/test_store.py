"""The SQLite store: idempotent re-ingest, replacement in one go, and a lossless round trip."""

from __future__ import annotations

import datetime as dt
import sqlite3
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.service import reparse_outdated
from corpus.model import BLOCKS, KINDS, Clause, Document, clause_id
from corpus.store import MIGRATIONS, Store
from ingest.pipeline import PIPELINE_VERSION, ingest_paths


def _letter(path: Path, extra: str = "") -> None:
    path.write_text(
        "Geachte voorzitter,\n\nDe minister stuurt voor de zomer een brief aan de Kamer.\n"
        f"VWS en ZN werken voor 1 januari 2024 een plan uit.{extra}\n",
        encoding="utf-8",
    )


def test_unchanged_file_changes_nothing_and_changed_file_is_replaced(tmp_path: Path) -> None:
    doc = tmp_path / "brief.txt"
    _letter(doc)
    with Store(tmp_path / "s.sqlite") as store:
        assert ingest_paths([doc], store).added == ["brief.txt"]
        before = store.clauses()
        again = ingest_paths([doc], store)
        assert again.unchanged == ["brief.txt"] and not again.added
        assert store.clauses() == before
        _letter(doc, " Dit gebeurt samen met de NZa.")
        assert ingest_paths([doc], store).versions == ["brief.txt"]  # a new version
        after = store.clauses()
        assert after != before
        assert any("NZa" in c.text for c in after)
        assert [c.ordinal for c in after] == list(range(len(after)))


texts = st.text(min_size=0, max_size=40)
clauses = st.builds(
    Clause,
    id=st.just("x"),
    doc=st.just("d.txt"),
    ordinal=st.just(0),
    text=st.text(min_size=1, max_size=200),
    page=st.none() | st.integers(1, 500),
    section=st.lists(texts, max_size=3).map(tuple),
    block=st.sampled_from(BLOCKS),
    actors=st.lists(texts, max_size=3).map(tuple),
    mentions=st.lists(texts, max_size=3).map(tuple),
    deadline=st.none() | st.dates(dt.date(1990, 1, 1), dt.date(2100, 1, 1)),
    deadline_text=st.none() | texts,
    theme=st.none() | texts,
    kind=st.sampled_from(KINDS),
    note=st.none() | texts,
    extra=st.lists(st.tuples(texts, texts), max_size=3).map(tuple),
)


@settings(max_examples=60, deadline=None)
@given(st.lists(clauses, min_size=1, max_size=5))
def test_clause_round_trip(tmp_path_factory: object, items: list[Clause]) -> None:
    import tempfile

    with tempfile.TemporaryDirectory() as folder, Store(Path(folder) / "s.sqlite") as store:
        stored = [
            Clause(
                **{
                    **{f: getattr(c, f) for f in c.__slots__},
                    "id": clause_id("d.txt", i),
                    "ordinal": i,
                }
            )
            for i, c in enumerate(items)
        ]
        document = Document(id="d.txt", title="t", date=None, doc_type="onbekend", sha256="abc")
        store.put(document, stored)
        assert store.clauses("d.txt") == stored


def test_documents_an_older_pipeline_parsed_are_parsed_again(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    kept, gone = tmp_path / "brief.txt", tmp_path / "weg.txt"
    _letter(kept)
    _letter(gone)
    with Store(tmp_path / "s.sqlite") as store:
        ingest_paths([kept, gone], store)
        current = {d.id: d for d in store.documents()}
        assert {d.pipeline for d in current.values()} == {PIPELINE_VERSION}
        parsed = store.clauses("brief.txt")
        assert len(parsed) > 1
        # Pretend an older akkoord parsed both: one clause each, and the version stamp a store
        # migrated from the first schema has (the content hash may well be the same).
        for doc in current.values():
            store.put(replace(doc, pipeline=""), store.clauses(doc.id)[:1])
        gone.unlink()
        report = reparse_outdated(store)
        assert report is not None and report.added == ["brief.txt"]
        after = {d.id: d for d in store.documents()}
        assert after["brief.txt"].pipeline == PIPELINE_VERSION
        assert store.clauses("brief.txt") == parsed  # all of it again, as the first time
        assert after["weg.txt"].pipeline == "" and len(store.clauses("weg.txt")) == 1
        assert "weg.txt: parsed by an older akkoord, file gone" in caplog.text
        # Nothing left to parse: the one outdated document has no file.
        assert reparse_outdated(store) is None


def test_a_store_of_the_first_schema_gains_the_pipeline_column(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite"
    db = sqlite3.connect(path)
    db.executescript(MIGRATIONS[0])
    db.execute(
        "INSERT INTO documents VALUES ('a.txt', 'A', NULL, 'brief', '[]', 'x', '/a', NULL, 0)"
    )
    db.execute("PRAGMA user_version = 1")
    db.commit()
    db.close()
    with Store(path) as store:
        (doc,) = store.documents()
        assert doc.id == "a.txt" and doc.pipeline == ""
