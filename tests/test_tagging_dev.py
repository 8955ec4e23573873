"""Regression floors for the per-field tagging figures on the dev Q&A (python -m eval.tagging)."""

from __future__ import annotations

from eval.tagging import DEV_QA, actor_f1, coverage, evaluate_tagging

# Measured on the dev set (36 records): actor F1 0.800, deadline 0.944, theme 0.806, kind 0.861.
# The floors sit a little lower so that segmentation changes do not break the build, while a
# real regression in tagging does.
FLOORS = {
    "actor_f1": 0.75,
    "deadline_accuracy": 0.90,
    "theme_accuracy": 0.75,
    "kind_accuracy": 0.80,
}


def test_actor_f1_compares_names_loosely() -> None:
    assert actor_f1(["minister van VWS"], ["VWS"]) == 1.0
    assert actor_f1(["Patientenfederatie"], ["Patiëntenfederatie"]) == 1.0
    assert actor_f1(["IZA-partijen", "NZa"], ["IZA partijen"]) == 2 * 0.5 / 1.5
    assert actor_f1([], []) == 1.0
    assert actor_f1(["VWS"], []) == 0.0


def test_coverage_reads_words_like_the_scoring_rule() -> None:
    assert (
        coverage(
            "Voor 2023 is het aantal oplei- dingsplekken opgehoogd", "aantal opleidingsplekken"
        )
        == 2 / 7
    )
    assert coverage("a b c", "a b c d") == 1.0


def test_dev_figures_stay_above_floors() -> None:
    # Parses the five bundled documents (no model, no index): the clauses the store would hold.
    report = evaluate_tagging(DEV_QA)
    assert len(report.results) == 36
    # Every record must find its clause; otherwise the figures below measure segmentation.
    assert sum(r.coverage >= 0.8 for r in report.results) >= 32
    for field, floor in FLOORS.items():
        assert getattr(report, field) >= floor, f"{field} {getattr(report, field):.3f} < {floor}"
