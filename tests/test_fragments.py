"""Every clause of the bundled corpus is a whole piece of text, never a fragment of a sentence.

A fragment, as ingest.segment.is_fragment defines it: a prose or list clause that starts
mid-sentence (a lower-case word, or ",", ";", ":", ")" first; an enumerator such as "a." or
"ii)" is a list item, not a continuation), or one of fewer than four words that ends no
sentence (no ".", "!" or "?" at its end) and is no salutation ("Geachte voorzitter,") or
closing formula ("Hoogachtend,"). Headings, footnotes and table rows are not checked.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from corpus.default import DEFAULT_CORPUS
from ingest.clean import Line
from ingest.pipeline import load_meta, parse_file
from ingest.segment import Piece, is_fragment, pieces, segments


@pytest.fixture(scope="module")
def bundled_clauses():
    folder = Path(DEFAULT_CORPUS)
    meta = load_meta(folder)
    out = []
    for path in sorted(folder.glob("*.txt")):
        _, clauses = parse_file(path, meta.get(path.name))
        out.extend(clauses)
    return out


def test_no_clause_of_the_bundled_corpus_is_a_fragment(bundled_clauses):
    text = [c for c in bundled_clauses if c.block in ("prose", "bullet")]
    assert len(text) > 1000
    bad = [f"{c.id}: {c.text[:80]!r}" for c in text if is_fragment(c.text)]
    assert bad == []


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("Zorginstituut aan te scherpen;", False),
        ("aan te scherpen;", True),
        ("(paramedische zorg);", True),
        ("Afspraken:", True),
        ("Regie op vervolgzorg.", False),
        ("a. Het macrokader is vastgesteld.", False),
        ("ii. Er zijn transformatiemiddelen.", False),
        ("De NZa past de prestaties aan.", False),
        ("Geachte voorzitter,", False),
        ("Hoogachtend,", False),
    ],
)
def test_fragment_definition(text, fragment):
    assert is_fragment(text) is fragment


def _pieces(*items: tuple[str, str]) -> list[Piece]:
    return [Piece(kind, text) for kind, text in items]  # type: ignore[arg-type]


def test_a_sentence_cut_by_a_page_break_is_joined_again():
    segs = segments(
        _pieces(
            ("prose", "De NZa werkt met partijen aan een nieuwe bekostiging die"),
            ("heading", "Pagina 4 van 9"),
            ("prose", "per 2024 ingaat."),
        )
    )
    texts = [s.text for s in segs if s.kind == "prose"]
    assert texts == ["De NZa werkt met partijen aan een nieuwe bekostiging die per 2024 ingaat."]


def test_list_items_ending_in_a_semicolon_keep_their_lead_in():
    segs = segments(
        _pieces(
            ("prose", "Daarom gaan we:"),
            ("bullet", "In gesprek met de IGJ over het toezicht;"),
            ("bullet", "In overleg met het Zorginstituut om de taken aan te scherpen;"),
        )
    )
    texts = [s.text for s in segs]
    assert texts == [
        "Daarom gaan we: In gesprek met de IGJ over het toezicht;",
        "Daarom gaan we: In overleg met het Zorginstituut om de taken aan te scherpen;",
    ]


def test_a_capitalised_word_at_a_line_start_is_not_a_heading():
    # A list item wrapped so that two lines start with "Zorginstituut": one item, no heading.
    lines = [
        Line("- We zijn in overleg met het "),
        Line("Zorginstituut om waar nodig de taken en bevoegdheden van het "),
        Line("Zorginstituut aan te scherpen; "),
        Line(""),
        Line("Kwaliteit van zorg"),
        Line(""),
        Line("De NZa past de prestaties aan."),
    ]
    got = [(p.kind, p.text) for p in pieces(lines, frozenset(), hyphenated=False)]
    assert got == [
        (
            "bullet",
            "We zijn in overleg met het Zorginstituut om waar nodig de taken en bevoegdheden "
            "van het Zorginstituut aan te scherpen;",
        ),
        ("heading", "Kwaliteit van zorg"),
        ("prose", "De NZa past de prestaties aan."),
    ]
