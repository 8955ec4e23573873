"""The held-out questions' fixed split for extraction work (eval.extraction_split)."""

from __future__ import annotations

import pytest

from eval.extraction_split import HELDOUT_QA, main, split_heldout
from eval.qa import bundled_documents, load_qa


def test_the_halves_are_disjoint_equal_and_cover_every_held_out_question() -> None:
    tune, test = split_heldout()
    everything = {r.id for r in load_qa(HELDOUT_QA, bundled_documents())}
    assert abs(len(tune) - len(test)) <= 1
    assert not {r.id for r in tune} & {r.id for r in test}
    assert {r.id for r in tune} | {r.id for r in test} == everything
    # The split is fixed: drawn again, the same questions fall in the same half.
    again, _ = split_heldout()
    assert [r.id for r in again] == [r.id for r in tune]


def test_an_unknown_option_is_refused_in_one_line(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--errors-test"]) == 2
    assert capsys.readouterr().err == "--errors-test: unknown option (only --errors-tune)\n"
