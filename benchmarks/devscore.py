"""A small stand-alone scorer for the dev Q&A, following the scoring rule in the eval README."""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher
from pathlib import Path

DEV_FILES = sorted(
    (Path(__file__).resolve().parent.parent / "eval" / "data").glob("dev_qa_*.jsonl")
)
_WORD = re.compile(r"\w+")


@dataclass(frozen=True, slots=True)
class Question:
    id: str
    question: str
    lang: str
    doc: str
    quote: str


def load_dev(files: Sequence[Path] = DEV_FILES) -> list[Question]:
    out = []
    for path in files:
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                r = json.loads(line)
                out.append(Question(r["id"], r["question"], r["lang"], r["doc"], r["quote"]))
    return out


def _tokens(text: str) -> list[str]:
    # Hyphens and the white space after them are removed before comparing words.
    return _WORD.findall(re.sub(r"-\s*", "", text).lower())


def covers(text: str, quote: str) -> bool:
    """True when `text` holds enough of the quote's words (50% for 12+ words, else 80%)."""
    q, t = _tokens(quote), _tokens(text)
    if not q:
        return False
    matcher = SequenceMatcher(None, q, t, autojunk=False)
    matched = sum(b.size for b in matcher.get_matching_blocks())
    return matched / len(q) >= (0.5 if len(q) >= 12 else 0.8)


def first_rank(results: Sequence[tuple[str, str]], q: Question) -> int | None:
    """1-based rank of the first (doc, text) result that answers the question."""
    for rank, (doc, text) in enumerate(results, 1):
        if doc == q.doc and covers(text, q.quote):
            return rank
    return None


def metrics(ranks: Sequence[int | None]) -> dict[str, float]:
    n = len(ranks)
    return {
        "R@1": sum(r is not None and r <= 1 for r in ranks) / n,
        "R@5": sum(r is not None and r <= 5 for r in ranks) / n,
        "R@10": sum(r is not None and r <= 10 for r in ranks) / n,
        "MRR@10": sum(1 / r for r in ranks if r is not None and r <= 10) / n,
    }


def evaluate(
    questions: Sequence[Question], run: Callable[[str], Sequence[tuple[str, str]]]
) -> tuple[dict[str, float], list[int | None]]:
    ranks = [first_rank(run(q.question), q) for q in questions]
    return metrics(ranks), ranks


def table(rows: dict[str, dict[str, float]]) -> str:
    cols = ["R@1", "R@5", "R@10", "MRR@10"]
    width = max(len(k) for k in rows) + 2
    lines = ["system".ljust(width) + "".join(c.rjust(8) for c in cols)]
    for name, m in rows.items():
        lines.append(name.ljust(width) + "".join(f"{m[c]:8.3f}" for c in cols))
    return "\n".join(lines)
