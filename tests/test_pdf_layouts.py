"""PDFs typeset from the corpus texts (benchmarks/typeset.py) describe themselves as the text
with meta.json does, and give the same clauses within 3%."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from benchmarks.typeset import clause_parity, typeset
from ingest.pipeline import load_meta, parse_file
from tagging.actors import senders_as_actors

CORPUS = Path(__file__).resolve().parent.parent / "corpus" / "default"
META = load_meta(CORPUS)
LETTER = "004_343f819aeff57cdd.txt"  # the shortest letter with a signature and annex


@pytest.fixture(scope="module")
def reference() -> tuple:
    return parse_file(CORPUS / LETTER, META[LETTER])


@pytest.mark.parametrize("layout", ["briefhoofd", "kaal"])
def test_typeset_letter_describes_itself(layout: str, tmp_path: Path, reference: tuple) -> None:
    pdf = typeset((CORPUS / LETTER).read_text(), META[LETTER], layout, tmp_path / f"{layout}.pdf")
    doc, clauses = parse_file(pdf)  # no meta.json
    ref_doc, _ = reference
    assert doc.date == ref_doc.date
    assert doc.source("date") in ("briefhoofd", "plaats en datum")
    assert doc.title == ref_doc.title
    assert senders_as_actors(doc.senders) == senders_as_actors(ref_doc.senders)
    assert doc.doc_type == "kamerbrief"
    assert doc.pages and doc.pages > 1
    # page furniture never becomes a clause
    furniture = re.compile(r"pagina \d+ van \d+|kenmerk \d|bezoekadres|retouradres|den haag, \d")
    assert not [c.text for c in clauses if furniture.search(c.text.lower())]


@pytest.mark.parametrize("layout", ["briefhoofd", "kaal"])
def test_typeset_letter_same_clauses(layout: str, tmp_path: Path, reference: tuple) -> None:
    """Within 3%: at least 97% of the text clauses (headings aside) have an exact or near-exact
    (difflib ratio >= 0.95 on their words) counterpart among the PDF's, and the other way round;
    footnotes come out as the same footnote clauses."""
    pdf = typeset((CORPUS / LETTER).read_text(), META[LETTER], layout, tmp_path / f"{layout}.pdf")
    _, clauses = parse_file(pdf)
    _, ref_clauses = reference
    texts = [c.text for c in clauses if c.block != "heading"]
    ref_texts = [c.text for c in ref_clauses if c.block != "heading"]
    assert abs(len(texts) - len(ref_texts)) <= 0.03 * len(ref_texts)
    assert clause_parity(ref_texts, texts) >= 0.97
    notes = {c.note for c in clauses if c.block == "footnote"}
    assert notes == {c.note for c in ref_clauses if c.block == "footnote"}


def test_text_export_with_page_markers_gets_pages(tmp_path: Path) -> None:
    topics = ("de wachtlijsten in de ggz", "de acute zorg in de regio", "het ouderenbeleid")
    body = "\n".join(
        f"## Page {n}\nKenmerk 123456-7-X\nDe minister werkt aan {topic}, punt {n}.\n"
        f"Pagina {n} van 3\n"
        for n, topic in enumerate(topics, start=1)
    )
    path = tmp_path / "export.txt"
    path.write_text("Geachte voorzitter,\n" + body, encoding="utf-8")
    doc, clauses = parse_file(path)
    assert doc.pages == 3
    assert doc.kenmerk == "123456-7-X"
    texts = [c.text for c in clauses]
    assert not [t for t in texts if "Page" in t or "Kenmerk" in t or "Pagina" in t]
    pages = {c.page for c in clauses if "punt" in c.text}
    assert pages == {1, 2, 3}
