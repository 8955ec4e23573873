"""The SQLite store: idempotent re-ingest, replacement in one go, and a lossless round trip."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from corpus.model import BLOCKS, KINDS, Clause, Document, clause_id
from corpus.store import Store
from ingest.pipeline import ingest_paths


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
        assert ingest_paths([doc], store).added == ["brief.txt"]
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
