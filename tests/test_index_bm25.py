"""BM25 tokenising with Dutch stemming and compound splitting, and the index round trip."""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pytest

from corpus.default import DEFAULT_CORPUS
from index.bm25 import BM25Index, compound_vocabulary, split_compound, tokenize, words
from index.errors import SearchIndexError


@pytest.fixture(scope="module")
def corpus_vocab() -> dict[str, int]:
    # Words hyphenated across line breaks are joined first, as the ingest cleaner does.
    texts = [p.read_text(encoding="utf-8") for p in sorted(DEFAULT_CORPUS.glob("*.txt"))]
    return compound_vocabulary(re.sub(r"(?<=[a-z])-\n(?=[a-z])", "", t) for t in texts)


@pytest.mark.parametrize(
    ("compound", "parts"),
    [
        ("wijkverpleging", ("wijk", "verpleging")),
        ("gegevensuitwisseling", ("gegevens", "uitwisseling")),
        ("huisartsenzorg", ("huisartsen", "zorg")),
    ],
)
def test_compounds_split_on_corpus_words(
    compound: str, parts: tuple[str, ...], corpus_vocab: dict[str, int]
) -> None:
    assert split_compound(compound, corpus_vocab) == parts


def test_short_and_unknown_words_stay_whole(corpus_vocab: dict[str, int]) -> None:
    assert split_compound("zorg", corpus_vocab) == ()
    assert split_compound("xyzxyzxyzxyz", corpus_vocab) == ()


def test_tokens_are_stemmed_without_stop_words(corpus_vocab: dict[str, int]) -> None:
    tokens = tokenize("Wanneer moeten de huisartsen dat doen?", corpus_vocab)
    assert "wanneer" not in tokens and "de" not in tokens
    # The plural stems to the singular's stem, and the compound adds its parts.
    assert tokenize("huisarts", corpus_vocab)[0] == tokens[0]
    assert set(tokenize("huisarts", corpus_vocab)) <= set(tokens)


def test_hyphenated_word_yields_parts_and_joined_form() -> None:
    assert words("IZA-partijen") == ["iza", "partijen", "izapartijen"]


def test_compound_query_finds_text_with_the_parts(tmp_path: Path) -> None:
    texts = [
        "De verpleging in de wijk krijgt meer ruimte.",
        "Het ziekenhuis krijgt een nieuwe vleugel.",
        "Zorg in de wijk en verpleging thuis worden samen bekeken.",
        "Wijken en verpleging in de regio.",
    ]
    index = BM25Index.build(texts)
    scores = index.scores("wijkverpleging")
    assert scores[1] == 0.0
    assert scores[0] > 0 and scores[2] > 0


def test_round_trip_and_unreadable_folder(tmp_path: Path) -> None:
    texts = ["afspraken over de acute zorg", "de huisartsenzorg in de regio", "gegevens delen"]
    index = BM25Index.build(texts)
    index.save(tmp_path / "bm25")
    loaded = BM25Index.load(tmp_path / "bm25")
    assert loaded.size == 3 and loaded.vocab == index.vocab
    assert np.allclose(loaded.scores("acute zorg"), index.scores("acute zorg"))
    assert int(np.argmax(loaded.scores("acute zorg"))) == 0
    with pytest.raises(SearchIndexError, match="unreadable BM25 index"):
        BM25Index.load(tmp_path / "missing")


def test_query_without_known_words_scores_zero() -> None:
    index = BM25Index.build(["de zorg", "het akkoord"])
    assert not index.scores("qwerty").any()


def test_context_is_the_neighbours_within_one_document() -> None:
    from corpus.model import Clause
    from index.build import context_texts

    clauses = [
        Clause(id="a:0", doc="a", ordinal=0, text="De NZa brengt een monitor uit."),
        Clause(id="a:1", doc="a", ordinal=1, text="In 2020 wordt deze monitor herhaald."),
        Clause(id="b:0", doc="b", ordinal=0, text="Een andere brief."),
    ]
    context = context_texts(clauses)
    assert context[0] == "In 2020 wordt deze monitor herhaald."
    assert context[1] == "De NZa brengt een monitor uit."  # b:0 is another document
    assert context[2] == ""
