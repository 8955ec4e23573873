"""A second ranking stage: a small linear model re-orders the fused ranking's head."""

from __future__ import annotations

import json
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from corpus.model import ACTORS_FROM, Clause
from index.errors import SearchIndexError
from index.query import QueryPlan, states_time

# Where a clause names who acts, for the "wie" boost and signal: its own text, or a table row's
# responsible column (the tagger's ACTORS_FROM values).
NAMED = ("text", "table")
# The stored model: trained by `python -m eval.rerank --home H --fit` on the held-out questions.
RANKER_FILE = Path(__file__).with_name("ranker.json")
# What the model sees of each candidate, in this order: signals the first stage already has, made
# comparable across queries (scores relative to the best candidate's, cosines as their distance
# below the best). Each is expected to raise the chance that a candidate answers (log_rank to lower
# it), and on every kind of question (KINDS below) its fitted weight has that sign, or similar
# signals taken together do (tests/test_rerank.py); signals whose weight came out near zero or
# against their meaning when fitted beside these (the context's and heading's BM25, the window
# cosine) and signals that also rank the corpus's shape rather than the question (length, table row,
# footnote: they lost dev questions) are left out, and so are two signals of the section contexts
# (the section's cosine below the best section's, the share of the query's words in the clause and
# its section trail), which won nothing out of fold (docs/benchmarks.md, "Clause and section
# vectors"). The clause's own cosine is one signal per embedder, before the section weight: e5's
# cosines crowd together and USE's spread, so a mean of the two (with the section cosine in it) let
# USE decide alone; apart, each gets its own weight (docs/benchmarks.md, "Failure analysis"). The
# *wanneer* signal asks whether the clause states a time in any tense, not whether it carries a
# deadline tag: a report's past date ("op 23 januari", "in 2007") is no deadline but answers
# "wanneer"; beside the deadline signal or instead of it, it won out of fold on both splits, and
# instead of it a little more (docs/benchmarks.md, "Wanneer: a stated time").
# `python -m eval.rerank`.
BASE_FEATURES: tuple[str, ...] = (
    "log_rank",  # log(1 + the fused rank): how the first stage placed it
    "bm25",  # BM25 of the clause text / the best candidate's
    "coverage",  # share of the query's words in the clause
    "coverage_context",  # share of the query's words in the clause or the clauses around it
    "cosine_gap_1",  # the index's first embedder: its cosine - the query's best cosine
    "cosine_gap_2",  # the same for the second embedder (0 for an index of one embedder)
    "when_stated",  # the query asks "wanneer" and the clause states a time, in any tense
    "who",  # the query asks "wie" and the clause names who acts
    "facets",  # how many named facets (actor, time window, kind) its tags match
)
# Per kind of question, base signals that get a weight of their own there: the signal again
# when the query is of that kind, 0 otherwise (its weight is what the kind adds or takes away).
# A "wanneer" question has many candidates that state a time: how the first stage placed them
# and how well they match the words and meaning then count otherwise than for the others. For
# an English question the cross-lingual cosines count otherwise. Each raised R@5 out of fold
# over five fold seeds and leaving one document out, both together more than either; the "wie"
# kind did not (docs/benchmarks.md, "Question kinds").
KINDS: tuple[tuple[str, tuple[str, ...]], ...] = (
    (
        "when",
        ("log_rank", "bm25", "coverage", "coverage_context", "cosine_gap_1", "cosine_gap_2"),
    ),
    ("english", ("cosine_gap_1", "cosine_gap_2")),
)
FEATURES: tuple[str, ...] = BASE_FEATURES + tuple(
    f"{kind}_x_{name}" for kind, names in KINDS for name in names
)


@dataclass(frozen=True, slots=True)
class Signals:
    """What the first stage computed for one query: its plan, its stemmed words the index
    knows, per row the BM25 score of the clause text, per embedder the dense ranking (with its
    section weight), and per embedder, in the index's order, the clauses' own cosines."""

    plan: QueryPlan
    tokens: tuple[str, ...]
    bm25: np.ndarray
    dense: Mapping[str, Sequence[tuple[int, float]]]  # "dense:<embedder>" -> (row, score)
    cosines: Sequence[Sequence[tuple[int, float]]] = ()  # per embedder: (row, cosine), best first


def _gaps(ranking: Sequence[tuple[int, float]], rows: Sequence[int]) -> list[float]:
    """Per row, its cosine minus the best; a row the ranking lacks gets the lowest one seen."""
    if not ranking:
        return [0.0] * len(rows)
    top, floor = ranking[0][1], ranking[-1][1]
    cos = dict(ranking)
    return [cos.get(r, floor) - top for r in rows]


def features(
    rows: Sequence[int],
    clauses: Sequence[Clause],
    tokens: Sequence[Sequence[str]],
    context_tokens: Sequence[Sequence[str]],
    signals: Signals,
) -> np.ndarray:
    """The FEATURES of each candidate (rows in fused order, their clauses, the stemmed tokens
    of each clause and of each clause with its neighbours), one row per candidate."""
    if not rows:
        return np.zeros((0, len(FEATURES)))
    bm25 = signals.bm25[np.asarray(rows)].astype(float)
    if bm25.max() > 0:
        bm25 = bm25 / bm25.max()
    query = set(signals.tokens)

    def cover(words: Sequence[str]) -> float:
        return len(query & set(words)) / len(query) if query else 0.0

    gaps = [_gaps(r, rows) for r in signals.cosines[:2]]
    gaps += [[0.0] * len(rows)] * (2 - len(gaps))
    plan = signals.plan
    base = np.array(
        [
            [
                math.log1p(i),
                bm25[i],
                cover(tokens[i]),
                cover(context_tokens[i]),
                gaps[0][i],
                gaps[1][i],
                float(plan.asks_when and states_time(c.text)),
                float(plan.asks_who and c.get(ACTORS_FROM) in NAMED),
                float(plan.boosts(c)),
            ]
            for i, c in enumerate(clauses)
        ]
    )
    kind = {"when": plan.asks_when, "english": plan.english}
    column = {name: i for i, name in enumerate(BASE_FEATURES)}
    extra = [base[:, column[name]] * float(kind[k]) for k, names in KINDS for name in names]
    return np.column_stack([base, *extra])


@dataclass(frozen=True, slots=True)
class LinearRanker:
    """Standardised features times weights: a logistic regression's decision function, stored
    as plain numbers (no pickle). `depth` is how many fused candidates it re-orders; `embedder`
    the index it was trained on (its dense features mean something only there)."""

    embedder: str
    depth: int
    mean: tuple[float, ...]
    scale: tuple[float, ...]
    coef: tuple[float, ...]
    trained_on: str = ""

    def score(self, x: np.ndarray) -> np.ndarray:
        """A score per row of x (higher: more likely the answer)."""
        z = (x - np.asarray(self.mean)) / np.asarray(self.scale)
        return np.asarray(z @ np.asarray(self.coef), dtype=float)

    def save(self, path: Path) -> None:
        data = {
            "features": list(FEATURES),
            "embedder": self.embedder,
            "depth": self.depth,
            "mean": [round(v, 6) for v in self.mean],
            "scale": [round(v, 6) for v in self.scale],
            "coef": [round(v, 6) for v in self.coef],
            "trained_on": self.trained_on,
        }
        tmp = path.with_suffix(".tmp")
        tmp.write_text(json.dumps(data, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
        tmp.replace(path)

    @classmethod
    def load(cls, path: Path = RANKER_FILE) -> LinearRanker:
        """Read a stored model; refuses one written for other features."""
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            if tuple(data["features"]) != FEATURES:
                raise ValueError(f"features {data['features']} are not {list(FEATURES)}")
            size = len(FEATURES)
            model = cls(
                embedder=str(data["embedder"]),
                depth=int(data["depth"]),
                mean=tuple(float(v) for v in data["mean"]),
                scale=tuple(float(v) or 1.0 for v in data["scale"]),
                coef=tuple(float(v) for v in data["coef"]),
                trained_on=str(data.get("trained_on", "")),
            )
            if {len(model.mean), len(model.scale), len(model.coef)} != {size}:
                raise ValueError(f"expected {size} values per vector")
            return model
        except (OSError, ValueError, KeyError, TypeError) as exc:
            raise SearchIndexError(f"{path}: unreadable ranking model ({exc})") from exc
