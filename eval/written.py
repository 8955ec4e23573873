"""Tagging figures on documents written for evaluation, which no rule was chosen on.

Run: python -m eval.written [--pdf] [--errors-tune] [--describe]

`eval/data/written/<writer>/` holds invented Dutch letters, agreements and annexes (`*.txt`),
each statement labelled by its writer while writing (`labels.jsonl`, the clause-set schema of
eval/data/CLAUSES.md) and each document's own description (`documents.jsonl`: title, date,
type, senders). The writers never saw the tagger or its output. The documents are read as a
user brings them: without meta.json, so every date, signer and type comes from the text.

The documents are split once, by document, into a tuning and a test half (`split_documents`,
seeded, stratified by type); rules may be chosen on the tuning half's errors (`--errors-tune`),
the test half is the headline and its errors are never printed. With `--pdf` every document is
also typeset as a PDF (benchmarks.typeset.typeset_plain) and read back, as a user's PDF would be.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import sys
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from corpus.model import Clause, Document
from eval.clauses import (
    DATA_DIR,
    ClauseResult,
    clause_errors,
    find_clause,
    format_scores,
    load_clauses,
    score,
)
from ingest.pipeline import parse_file

WRITTEN = DATA_DIR / "written"
SEED = 1414
HALVES = ("tune", "test")
# How a document's type is written in documents.jsonl, against Document.doc_type.
_TYPES = {
    "letter": ("kamerbrief", "brief aan gemeenten"),
    "agreement": ("akkoord",),
    "annex": ("bijlage",),
}


class WrittenSetError(Exception):
    """A written document or its labels cannot be read."""


@dataclass(frozen=True, slots=True)
class WrittenDocument:
    """One written document and how its writer describes it."""

    path: Path
    title: str
    date: dt.date
    type: str  # letter, agreement or annex
    senders: tuple[str, ...]
    batch: int = 1  # documents written together are split together

    @property
    def name(self) -> str:
        return self.path.name


def load_documents(root: Path = WRITTEN) -> list[WrittenDocument]:
    """Every document of every writer's folder under `root`, by file name."""
    docs = []
    for listing in sorted(root.glob("*/documents.jsonl")):
        for n, line in enumerate(listing.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip():
                continue
            try:
                raw = json.loads(line)
                path = listing.parent / raw["doc"]
                if not path.is_file():
                    raise ValueError(f"no file {raw['doc']}")
                docs.append(
                    WrittenDocument(
                        path=path,
                        title=str(raw["title"]),
                        date=dt.date.fromisoformat(raw["date"]),
                        type=str(raw["type"]),
                        senders=tuple(raw.get("senders") or ()),
                        batch=int(raw.get("batch", 1)),
                    )
                )
            except (ValueError, KeyError, TypeError) as exc:
                raise WrittenSetError(f"{listing}:{n}: {exc}") from exc
    return sorted(docs, key=lambda d: d.name)


def split_documents(docs: Sequence[WrittenDocument], seed: int = SEED) -> dict[str, str]:
    """Document name -> "tune" or "test", batch by batch (a later batch leaves the split of an
    earlier one as it was): the letters, then the other documents, each group shuffled with
    `seed` and dealt alternately into the two halves (the dealing runs on from one group into
    the next, so a batch's halves differ by at most one document)."""
    halves: dict[str, str] = {}
    for batch in sorted({d.batch for d in docs}):
        turn = 0
        for group in (True, False):
            names = sorted(
                d.name for d in docs if d.batch == batch and (d.type == "letter") == group
            )
            random.Random(seed).shuffle(names)
            for name in names:
                halves[name] = HALVES[turn % 2]
                turn += 1
    return halves


def reader(
    docs: Sequence[WrittenDocument], form: str = "text", workdir: Path | None = None
) -> Callable[[str], tuple[Document, list[Clause]]]:
    """A function giving a written document as the pipeline reads it without meta.json, from
    its text or (form "pdf") from a PDF typeset from it into `workdir`; each read once."""
    by_name = {d.name: d for d in docs}
    parsed: dict[str, tuple[Document, list[Clause]]] = {}

    def read(name: str) -> tuple[Document, list[Clause]]:
        if name not in parsed:
            path = by_name[name].path
            if form == "pdf":
                from benchmarks.typeset import typeset_plain

                assert workdir is not None
                path = typeset_plain(path.read_text(encoding="utf-8"), workdir / f"{path.stem}.pdf")
            parsed[name] = parse_file(path)
        return parsed[name]

    return read


def evaluate_written(
    docs: Sequence[WrittenDocument],
    read: Callable[[str], tuple[Document, list[Clause]]],
    root: Path = WRITTEN,
) -> dict[str, list[ClauseResult]]:
    """Each half's labelled statements next to the clause holding their text."""
    halves = split_documents(docs)
    results: dict[str, list[ClauseResult]] = {h: [] for h in HALVES}
    for labels in sorted(root.glob("*/labels.jsonl")):
        for r in load_clauses(labels):
            if r.doc not in halves:
                raise WrittenSetError(f"{labels}: {r.doc} is not in documents.jsonl")
            clause, how = find_clause(r, read(r.doc)[1])
            results[halves[r.doc]].append(ClauseResult(r, clause, how))
    return results


def describe_rows(
    docs: Sequence[WrittenDocument], read: Callable[[str], tuple[Document, list[Clause]]]
) -> list[tuple[str, str, bool, bool, bool]]:
    """(name, half, date right, type right, senders right) per document: what it says of itself."""
    halves = split_documents(docs)
    rows = []
    for d in docs:
        got = read(d.name)[0]
        rows.append(
            (
                d.name,
                halves[d.name],
                got.date == d.date,
                got.doc_type in _TYPES.get(d.type, ()),
                d.type != "letter" or set(got.senders) == set(d.senders),
            )
        )
    return rows


def format_batches(
    docs: Sequence[WrittenDocument], results: dict[str, list[ClauseResult]], form: str
) -> str:
    """One row per batch and half: a later batch was written after the rules chosen on an
    earlier one, so its test half is the fairest figure."""
    batch_of = {d.name: d.batch for d in docs}
    lines = [
        f"by batch ({form})    n  actor F1  deadline    kind   theme",
    ]
    for batch in sorted(set(batch_of.values())):
        for half in HALVES:
            part = [t for t in results[half] if batch_of[t.record.doc] == batch]
            s = score(part)
            lines.append(
                f"batch {batch} {half:<5}{s.n:>6}{s.actor_f1:>10.3f}{s.deadline:>10.3f}"
                f"{s.kind:>8.3f}{s.theme:>8.3f}"
            )
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m eval.written", description=__doc__)
    parser.add_argument("--pdf", action="store_true", help="also read every document as a PDF")
    parser.add_argument(
        "--errors-tune", action="store_true", help="print the tuning half's disagreements"
    )
    parser.add_argument(
        "--describe", action="store_true", help="print date / type / signers per document"
    )
    args = parser.parse_args(argv)
    docs = load_documents()
    if not docs:
        print(f"no written documents under {WRITTEN}", file=sys.stderr)
        return 1
    halves = split_documents(docs)
    for half in HALVES:
        names = ", ".join(n for n, h in halves.items() if h == half)
        print(f"{half}: {names}")
    forms = ["text", "pdf"] if args.pdf else ["text"]
    with tempfile.TemporaryDirectory() as tmp:
        for form in forms:
            read = reader(docs, form, Path(tmp))
            results = evaluate_written(docs, read)
            for half in HALVES:
                print()
                print(format_scores(f"written {half} ({form})", score(results[half])))
            print()
            print(format_batches(docs, results, form))
            if args.describe:
                print()
                print(f"document ({form})                             half  date  type  signers")
                for name, half, date, kind, senders in describe_rows(docs, read):
                    print(f"{name:<46}{half:<6}{date!s:<6}{kind!s:<6}{senders!s}")
            if args.errors_tune and form == "text":
                print()
                print("tuning half's disagreements")
                for line in clause_errors(results["tune"]):
                    print(line)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
