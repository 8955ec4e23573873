"""Ingestion of the bundled texts: cleaning, footnotes, segmentation, and bad input."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pymupdf
import pytest

from corpus.store import Store
from ingest.errors import IngestError
from ingest.pipeline import ingest_paths, load_meta, parse_file

DEFAULT = Path(__file__).resolve().parent.parent / "corpus" / "default"


@pytest.fixture(scope="module")
def letter000() -> list:
    meta = load_meta(DEFAULT)
    return parse_file(DEFAULT / "000_763c262ae3ca81dd.txt", meta["000_763c262ae3ca81dd.txt"])[1]


def test_footnotes_are_clauses_and_markers_are_gone(letter000: list) -> None:
    notes = [c for c in letter000 if c.block == "footnote"]
    assert [c.note for c in notes][:3] == ["1", "2", "3"]
    assert all(c.kind == "footnote" for c in notes)
    body = " ".join(c.text for c in letter000 if c.block != "footnote")
    assert "paramedische zorg." in body and "zorg1." not in body
    carrier = next(c for c in letter000 if "paramedische zorg." in c.text and c.block == "prose")
    assert carrier.note == "1"
    # the note printed mid-sentence at the page end is taken out, the sentence is whole
    assert any(c.text.startswith("In de akkoorden zijn – gedifferentieerd") for c in letter000)
    assert not any("afsprakenopgenomen" in c.text for c in letter000)


def test_a_footnote_ends_where_the_body_resumes() -> None:
    # In the 2022 letter the body after a note block starts indented or with a bullet; before
    # this rule note 18 swallowed three pages of body text.
    _, clauses = parse_file(DEFAULT / "004_343f819aeff57cdd.txt")
    notes = {c.note: c.text for c in clauses if c.block == "footnote"}
    assert notes["18"] == "Kamerstukken 31 765 626"
    assert notes["19"] == "Kamerstukken 31839-853"
    assert max(len(t) for t in notes.values()) < 800
    body = [c for c in clauses if c.block != "footnote"]
    assert any("voorbehouden handelingen opnieuw bekeken" in c.text for c in body)


def test_every_footnote_of_the_iza_is_found() -> None:
    # Its note 26 is set apart by a space ("op de SEH. 26 In 2020"), note 32 follows a plural
    # with an apostrophe ("programma’s32") and note 57 is printed without a space ("57Voor");
    # missing 26 once left notes 26-58 in the body, note 32 as a section heading.
    _, clauses = parse_file(DEFAULT / "001_f49a419464a26771.txt")
    notes = {c.note: c.text for c in clauses if c.block == "footnote"}
    assert set(notes) == {str(n) for n in range(1, 59)}
    assert notes["57"].startswith("Voor indexering van subsidies")
    body = [c for c in clauses if c.block != "footnote"]
    assert not any("Dit betreft onder andere de volgende programma" in c.text for c in body)
    assert not any(any("Tijd voor verbinding" in h for h in c.section) for c in clauses)
    carrier = next(c for c in body if c.note and "26" in c.note.split(","))
    assert carrier.text.startswith("In 2020 waren er ongeveer 1,7 miljoen bezoeken")


def test_every_footnote_of_the_2023_letter_is_found() -> None:
    # Its note 18 is marked after a closing guillemet ("dragen».18") and notes 22-24 as a run
    # ("ketens.22 23 24"); missing either once left notes 18-44 in the body as headings.
    _, clauses = parse_file(DEFAULT / "002_e431ec5e724aa676.txt")
    notes = {c.note for c in clauses if c.block == "footnote"}
    assert notes == {str(n) for n in range(1, 45)}
    body = [c for c in clauses if c.block != "footnote"]
    assert not any(c.text.startswith("32 Evaluatie van de ervaringen") for c in body)
    assert any(
        c.text.startswith("uitspraak te kunnen doen") or "innovatieve ketens." in c.text
        for c in body
    )


def test_a_line_cut_from_its_sentence_by_a_blank_line_is_no_heading() -> None:
    from ingest.clean import to_lines
    from ingest.segment import pieces

    text = (
        "Paramedische zorg aan Wlz-cliënten\n\n"
        "Zoals toegezegd in de brief over de voortgang\n\n"
        "geeft de Minister in deze brief een beleidsreactie.\n\n"
        "6. Over de inzet van de middelen voor de organisatiegraad\n\n"
        "basiszorg uit het coalitieakkoord\n"
        "a) VWS stelt tot en met 2026 middelen beschikbaar.\n"
    )
    found = [(p.kind, p.text) for p in pieces(to_lines(text), frozenset(), False)]
    assert found == [
        ("heading", "Paramedische zorg aan Wlz-cliënten"),
        (
            "prose",
            "Zoals toegezegd in de brief over de voortgang geeft de Minister in deze brief "
            "een beleidsreactie.",
        ),
        (
            "heading",
            "6. Over de inzet van de middelen voor de organisatiegraad basiszorg uit het "
            "coalitieakkoord",
        ),
        ("prose", "a) VWS stelt tot en met 2026 middelen beschikbaar."),
    ]


def test_a_sentence_pointing_back_joins_the_one_before() -> None:
    from ingest.segment import _group as group
    from ingest.segment import sentences

    text = (
        "LHV, FMS, NVZ en ZN zetten zich in op bredere implementatie van goede voorbeelden. "
        "Partijen maken hiervoor een gezamenlijk plan dat in het voorjaar wordt vastgesteld. "
        "Daarnaast start een nieuw programma voor de wijkverpleging in de regio's."
    )
    clauses = group(sentences(text))
    assert len(clauses) == 2  # "hiervoor" points back; "Daarnaast" opens a new statement
    assert clauses[0].startswith("LHV") and "gezamenlijk plan" in clauses[0]
    assert clauses[1].startswith("Daarnaast")


def test_page_break_words_and_furniture(letter000: list) -> None:
    text = " ".join(c.text for c in letter000)
    assert "Subsidieregeling SectorplanPlus" in text
    assert "Pagina 22 van 23" not in text and "Retouradres" not in text
    assert any(c.block == "heading" and c.text == "1.4 Regeldruk" for c in letter000)


def test_sections_and_bullets(letter000: list) -> None:
    heading = next(c for c in letter000 if c.text == "1.2 Arbeidsmarkt")
    assert heading.section[-1] == "1.2 Arbeidsmarkt"
    assert any(c.block == "bullet" and c.text.startswith("Partijen weten") for c in letter000)
    assert all("\uf0b7" not in c.text for c in letter000)


def test_word_inline_notes_keep_register_ids() -> None:
    _, clauses = parse_file(DEFAULT / "003_bc5badbf8b9b28ce.txt")
    notes = {c.note: c.text for c in clauses if c.block == "footnote"}
    assert notes["33"] == "TZ202606-144"
    assert not any("[footnoteRef" in c.text or "[bookmark" in c.text for c in clauses)


def test_hyphenation_joins_breaks_and_keeps_real_hyphens() -> None:
    _, clauses = parse_file(DEFAULT / "002_e431ec5e724aa676.txt")
    text = " ".join(c.text for c in clauses)
    assert "bekostiging en inkoop" in text and "bekos-" not in text
    assert "organisatievormen" in text and "«tussenversie»" in text
    # A hyphen that belongs to the word stays, also where it ends a line ("medisch-").
    assert "IZA-partijen" in text and "patiënten, nadat zij medisch-specialistische zorg" in text


def test_date_inferred_without_meta(tmp_path: Path) -> None:
    src = (DEFAULT / "000_763c262ae3ca81dd.txt").read_bytes()
    (tmp_path / "brief.txt").write_bytes(src)
    document, _ = parse_file(tmp_path / "brief.txt")
    # the letterhead "Datum 29 juni 2020" is read, so the date is not flagged as a guess
    assert document.date == dt.date(2020, 6, 29) and not document.date_inferred
    assert document.source("date") == "briefhoofd"


def test_bad_inputs_are_reported_and_the_rest_ingested(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "latin.txt").write_bytes("caf\xe9 zorg".encode("latin-1"))
    (tmp_path / "broken.pdf").write_bytes(b"%PDF-1.7 this is not a pdf")
    locked = pymupdf.open()
    locked.new_page().insert_text((50, 50), "Geheim")
    locked.save(
        tmp_path / "locked.pdf",
        encryption=pymupdf.mupdf.PDF_ENCRYPT_AES_256,
        user_pw="x",
        owner_pw="y",
    )
    (tmp_path / "good.txt").write_text(
        "De minister stuurt voor de zomer een brief.\n", encoding="utf-8"
    )
    (tmp_path / "nodocs").mkdir()
    with Store(tmp_path / "store.sqlite") as store:
        report = ingest_paths([tmp_path, tmp_path / "missing.txt", tmp_path / "nodocs"], store)
        assert report.added == ["good.txt"]
        problems = {Path(e.path).name: e.problem for e in report.failed}
        assert problems["empty.txt"] == "het bestand is leeg"
        assert problems["latin.txt"].startswith("geen UTF-8-tekst")
        assert "geen leesbare PDF" in problems["broken.pdf"]
        assert "versleutelde PDF" in problems["locked.pdf"]
        assert problems["missing.txt"] == "bestand of map bestaat niet"
        assert "map zonder .txt- of .pdf-documenten" in problems["nodocs"]
        assert all("\n" not in str(e) for e in report.failed)
        assert [d.id for d in store.documents()] == ["good.txt"]


def test_parse_file_raises_typed_error(tmp_path: Path) -> None:
    with pytest.raises(IngestError, match="het bestand is leeg"):
        (tmp_path / "e.txt").write_text("  \n", encoding="utf-8")
        parse_file(tmp_path / "e.txt")


def test_a_signature_block_of_two_signers_keeps_its_words_apart(tmp_path: Path) -> None:
    """A name line and the next signer's title line ("A.B. Jansen" / "de staatssecretaris")
    are two phrases, not the halves of a word cut by a page break."""
    path = tmp_path / "brief.txt"
    path.write_text(
        "Den Haag, 12 september 2025\n\nGeachte voorzitter,\n\n"
        "De NZa past de beleidsregel aan per 1 januari 2026.\n\nHoogachtend,\n\n"
        "de minister van Volksgezondheid, Welzijn en Sport,\n\nA.B. Jansen\n\n"
        "de staatssecretaris van Volksgezondheid, Welzijn en Sport,\n\nC. de Wit\n",
        encoding="utf-8",
    )
    _, clauses = parse_file(path)
    text = " ".join(c.text for c in clauses)
    assert "Jansen de staatssecretaris" in text and "Jansende" not in text
