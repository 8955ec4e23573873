"""Regression floors: the figures measured on the dev set (eval/floors.json) minus a margin."""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path

FLOORS_FILE = Path(__file__).resolve().parent / "floors.json"


def floors(section: str, path: Path = FLOORS_FILE) -> dict[str, float]:
    """Each figure's floor in a section ("akkoord", "tagging"): measured minus the margin."""
    data = json.loads(path.read_text(encoding="utf-8"))
    margin = float(data["margin"])
    return {name: round(value - margin, 4) for name, value in data[section].items()}


def shortfalls(section: str, figures: Mapping[str, float], path: Path = FLOORS_FILE) -> list[str]:
    """One line per figure below its floor, or with no floor, or per floor with no figure;
    empty when every figure holds."""
    pinned = floors(section, path)
    problems = [f"{name}: no figure measured" for name in pinned if name not in figures]
    for name, value in figures.items():
        if name not in pinned:
            problems.append(f"{name}: no floor in {path.name}")
        elif value < pinned[name]:
            problems.append(f"{name} {value:.3f} fell below its floor {pinned[name]:.3f}")
    return problems
