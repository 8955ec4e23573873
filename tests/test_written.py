"""The written evaluation documents (eval/data/written): readable, labelled against their own
text, split once by document, and read by the pipeline without meta.json."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from eval.clauses import load_clauses, score
from eval.floors import shortfalls
from eval.written import (
    HALVES,
    WRITTEN,
    WrittenSetError,
    evaluate_written,
    load_documents,
    reader,
    split_documents,
)

DOCS = load_documents()


def _flat(text: str) -> str:
    return " ".join(text.split())


def test_there_are_written_letters_and_agreements() -> None:
    types = {d.type for d in DOCS}
    assert len(DOCS) >= 6
    assert "letter" in types
    assert types - {"letter"}


def test_every_label_quotes_its_own_document() -> None:
    # a table row's label joins its cells with spaces, where the file has tabs or " | "
    texts = {d.name: _flat(d.path.read_text(encoding="utf-8").replace("|", " ")) for d in DOCS}
    for labels in sorted(WRITTEN.glob("*/labels.jsonl")):
        for r in load_clauses(labels):
            assert r.doc in texts, f"{labels}: {r.doc}"
            assert _flat(r.text) in texts[r.doc], f"{labels}: {r.id} not in {r.doc}"


def test_the_split_is_by_document_fixed_and_covers_both_types() -> None:
    halves = split_documents(DOCS)
    assert halves == split_documents(list(reversed(DOCS)))
    assert set(halves) == {d.name for d in DOCS}
    for half in HALVES:
        in_half = [d for d in DOCS if halves[d.name] == half]
        assert any(d.type == "letter" for d in in_half)
        assert any(d.type != "letter" for d in in_half)
    counts = [list(halves.values()).count(h) for h in HALVES]
    assert abs(counts[0] - counts[1]) <= 1


def test_the_pipeline_finds_every_labelled_statement_and_the_test_half_holds_its_floors() -> None:
    results = evaluate_written(DOCS, reader(DOCS))
    for half in HALVES:
        lost = [t.record.id for t in results[half] if t.clause is None]
        assert not lost
    s = score(results["test"])
    figures = {"actor F1": s.actor_f1, "deadline": s.deadline, "kind": s.kind}
    assert shortfalls("written_test", figures) == []


def test_a_label_for_an_unknown_document_is_refused(tmp_path: Path) -> None:
    folder = tmp_path / "w"
    folder.mkdir()
    (folder / "a.txt").write_text("Geachte voorzitter,\n\nDe NZa past de regels aan.\n")
    (folder / "documents.jsonl").write_text(
        '{"doc": "a.txt", "title": "t", "date": "2026-01-05", "type": "letter"}\n'
    )
    (folder / "labels.jsonl").write_text(
        '{"id": "b:1", "doc": "b.txt", "doc_type": "letter", "block": "prose", "text": "x", '
        '"actors": [], "deadline_text": null, "deadline": null, "kind": "feit", '
        '"theme": "kwaliteit"}\n'
    )
    docs = load_documents(tmp_path)
    with pytest.raises(WrittenSetError, match=re.escape("b.txt is not in documents.jsonl")):
        evaluate_written(docs, reader(docs), tmp_path)
