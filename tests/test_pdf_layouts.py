"""PDFs typeset from the corpus texts (benchmarks/typeset.py) describe themselves as the text
with meta.json does, and give the same clauses within 3%: letters in the letterhead and plain
layouts, the agreement in its own layout."""

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


AGREEMENT = "001_f49a419464a26771.txt"  # the agreement: title page, running footer, annex table


@pytest.fixture(scope="module")
def agreement(tmp_path_factory: pytest.TempPathFactory) -> tuple:
    """The agreement read from its text with meta.json, and from a PDF in the agreement layout
    (a title page, a running footer "<title> | <month year>" and page numbers) without it."""
    text = (CORPUS / AGREEMENT).read_text()
    pdf = typeset(text, META[AGREEMENT], "akkoord", tmp_path_factory.mktemp("iza") / "iza.pdf")
    return parse_file(CORPUS / AGREEMENT, META[AGREEMENT]), parse_file(pdf)


def test_typeset_agreement_describes_itself(agreement: tuple) -> None:
    (ref_doc, _), (doc, clauses) = agreement
    assert doc.date == ref_doc.date
    assert doc.source("date") == "titelpagina"
    assert doc.title == ref_doc.title
    assert doc.doc_type == "akkoord"
    assert senders_as_actors(doc.senders) == senders_as_actors(ref_doc.senders)
    # the running footer and the page numbers never become clauses
    footer = re.compile(r"integraal zorgakkoord \(iza\) \| \w+ \d{4}", re.IGNORECASE)
    assert not [c.text for c in clauses if footer.search(c.text)]
    assert not [c.text for c in clauses if re.fullmatch(r"\d{1,3}", c.text.strip())]


def test_typeset_agreement_same_clauses(agreement: tuple) -> None:
    """Within 3%, as for the letters; the annex table (Onderwerp / Gereed / Verantwoordelijke,
    set as text lines) gives the same rows with the same dates and group headings."""
    (_, ref_clauses), (_, clauses) = agreement
    texts = [c.text for c in clauses if c.block != "heading"]
    ref_texts = [c.text for c in ref_clauses if c.block != "heading"]
    assert abs(len(texts) - len(ref_texts)) <= 0.03 * len(ref_texts)
    assert clause_parity(ref_texts, texts) >= 0.97

    def rows(cs: list) -> set[tuple[str, str | None, str]]:
        return {(c.text, c.deadline_text, c.section[-1]) for c in cs if c.block == "table_row"}

    ref_rows = rows(ref_clauses)
    assert len(rows(clauses) & ref_rows) >= 0.97 * len(ref_rows)


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
