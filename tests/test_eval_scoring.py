"""The eval README's scoring rule and extraction checks, on hand-made cases."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from eval.scoring import (
    actor_f1,
    actor_scores,
    answers,
    coverage,
    deadline_correct,
    needed_share,
    normalise_name,
    words,
)

DOC = "001_f49a419464a26771.txt"
LONG = (
    "VWS werkt voor 1 januari 2023 samen met het Zorginstituut en ZN uit hoe kennis uit "
    "bestaande programma's over passende zorg wordt samengebracht"
)  # 24 words: "programma's" is two


def test_words_drop_hyphens_and_the_space_after_them() -> None:
    assert words("IZA-\n  partijen") == ["izapartijen"]
    assert words("IZA-partijen") == words("iza-partijen") == ["izapartijen"]
    assert words("voortgangsrappor- tages") == ["voortgangsrapportages"]
    assert words("domein\u2011overstijgend") == ["domeinoverstijgend"]


def test_a_hit_from_another_document_never_answers() -> None:
    assert answers(LONG, DOC, DOC, LONG)
    assert not answers(LONG, DOC, "002_e431ec5e724aa676.txt", LONG)


def test_long_quote_needs_half_its_words() -> None:
    quote = words(LONG)
    assert len(quote) >= 12 and needed_share(LONG) == 0.5
    half = " ".join(quote[: (len(quote) + 1) // 2])
    fewer = " ".join(quote[: (len(quote) + 1) // 2 - 1])
    assert answers(LONG, DOC, DOC, "Inleiding. " + half + " en verder.")
    assert not answers(LONG, DOC, DOC, "Inleiding. " + fewer + " en verder.")


def test_short_quote_needs_eighty_percent() -> None:
    short = "Eind Q2 2023 heeft elke regio het regiobeeld opnieuw herijkt."  # 10 words
    assert len(words(short)) == 10 and needed_share(short) == 0.8
    assert answers(short, DOC, DOC, "Eind Q2 2023 heeft elke regio het regiobeeld")  # 8 of 10
    assert not answers(short, DOC, DOC, "Eind Q2 2023 heeft elke regio het")  # 7 of 10


def test_eleven_and_twelve_words_sit_on_either_side_of_the_threshold() -> None:
    eleven = " ".join(f"w{i}" for i in range(11))
    twelve = " ".join(f"w{i}" for i in range(12))
    assert needed_share(eleven) == 0.8
    assert needed_share(twelve) == 0.5
    assert answers(twelve, DOC, DOC, " ".join(f"w{i}" for i in range(6)))
    assert not answers(eleven, DOC, DOC, " ".join(f"w{i}" for i in range(8)))


def test_quote_split_across_two_hits_counts_only_the_hit_with_enough_words() -> None:
    quote = words(LONG)
    assert len(quote) == 24  # a hit needs 12 of them
    first, second = " ".join(quote[:11]), " ".join(quote[11:])
    assert not answers(LONG, DOC, DOC, first)
    assert answers(LONG, DOC, DOC, second)
    # Split in the middle, each half covers exactly half the words: both answer.
    assert answers(LONG, DOC, DOC, " ".join(quote[:12]))
    assert answers(LONG, DOC, DOC, " ".join(quote[12:]))


def test_comparison_is_case_insensitive_and_ignores_punctuation() -> None:
    assert coverage(LONG, LONG.upper().replace(" ", " , ")) == 1.0


def test_matching_blocks_respect_word_order() -> None:
    # The same bag of words in reverse order matches at most one word per block.
    quote = "een twee drie vier vijf"
    assert coverage(quote, "vijf vier drie twee een") == pytest.approx(0.2)
    assert not answers(quote, DOC, DOC, "vijf vier drie twee een")


def test_a_quote_without_words_answers_nothing() -> None:
    assert not answers("— …", DOC, DOC, "— …")


@given(st.text(max_size=80), st.text(max_size=200))
def test_coverage_is_a_share(quote: str, text: str) -> None:
    share = coverage(quote, text)
    assert 0.0 <= share <= 1.0
    assert answers(quote, DOC, DOC, text) == (bool(words(quote)) and share >= needed_share(quote))


def test_actor_names_compare_without_case_punctuation_and_by_containment() -> None:
    assert normalise_name("ROAZ'en") == "roazen"
    assert actor_f1(["VWS"], ["minister van VWS"]) == 1.0
    assert actor_f1(["regio's"], ["Regios"]) == 1.0
    assert actor_f1(["VWS", "NZa", "ZINl"], ["VWS", "NZa"]) == pytest.approx(0.8)
    p, r, f = actor_scores(["VWS"], ["VWS", "ZN", "NZa", "LHV"])
    assert (p, r) == (0.25, 1.0) and f == pytest.approx(0.4)
    assert actor_f1(["VWS"], []) == 0.0
    assert actor_f1([], []) == 1.0


def test_deadline_within_31_days() -> None:
    gold = dt.date(2023, 6, 30)
    assert deadline_correct(gold, dt.date(2023, 7, 31))
    assert not deadline_correct(gold, dt.date(2023, 8, 1))
    assert deadline_correct(gold, dt.date(2023, 5, 30))
    assert not deadline_correct(gold, None)
    assert not deadline_correct(None, gold)
    assert deadline_correct(None, None)
