"""Draw the clauses of clauses_train.jsonl: a reproducible, stratified sample of unlabelled
statements of the bundled documents, printed with the context a reader needs (never the tags).

    PYTHONPATH=. python eval/data/sample_train.py > sample.jsonl

Each line: id, doc, doc_type, block, text, and for reading only `section` (the heading path) and
`previous` (the prose or bullet clause before it in the document). The kinds are then labelled
by reading.
"""

from __future__ import annotations

import json
import random
import sys
from collections import defaultdict

from corpus.default import DEFAULT_CORPUS
from corpus.model import Clause
from eval.clauses import CLAUSES_TEST, CLAUSES_TUNE, _flat, corpus_reader, find_clause, load_clauses
from ingest.pipeline import load_meta

SEED = 2026
# (doc_type, block) -> how many clauses to draw (fewer where a stratum runs out).
QUOTAS = {
    ("letter", "prose"): 100,
    ("letter", "bullet"): 35,
    ("agreement", "prose"): 70,
    ("agreement", "bullet"): 30,
    ("annex", "prose"): 45,
    ("annex", "bullet"): 20,
}


def doc_type(clause: Clause, document_type: str) -> str:
    """`annex` under a heading "Bijlage ...", else `agreement` for an akkoord, else `letter`."""
    if any(h.lower().startswith("bijlage") for h in clause.section):
        return "annex"
    return "agreement" if document_type == "akkoord" else "letter"


def sample() -> list[dict[str, object]]:
    """The drawn clauses in document order, each with its reading context."""
    meta = load_meta(DEFAULT_CORPUS)
    clauses_for = corpus_reader()
    docs = sorted(meta)
    labelled: set[str] = set()
    labelled_text: set[str] = set()
    for path in (CLAUSES_TUNE, CLAUSES_TEST):
        for record in load_clauses(path):
            clause, _ = find_clause(record, clauses_for(record.doc))
            if clause is not None:
                labelled.add(clause.id)
            labelled_text.add(_flat(record.text))
    strata: dict[tuple[str, str], list[tuple[Clause, Clause | None, str]]] = defaultdict(list)
    for doc in docs:
        clauses = clauses_for(doc)
        previous: Clause | None = None
        for clause in clauses:
            if clause.block not in ("prose", "bullet"):
                continue
            dtype = doc_type(clause, str(meta[doc].get("doc_type", "")))
            fresh = clause.id not in labelled and _flat(clause.text) not in labelled_text
            if fresh and (dtype, clause.block) in QUOTAS:
                strata[(dtype, clause.block)].append((clause, previous, dtype))
            previous = clause
    rng = random.Random(SEED)
    drawn = []
    for stratum, quota in QUOTAS.items():
        pool = strata[stratum]
        drawn.extend(rng.sample(pool, min(quota, len(pool))))
    drawn.sort(key=lambda d: (d[0].doc, d[0].ordinal))
    return [
        {
            "id": clause.id,
            "doc": clause.doc,
            "doc_type": dtype,
            "block": clause.block,
            "text": clause.text,
            "section": " > ".join(clause.section),
            "previous": previous.text if previous else None,
        }
        for clause, previous, dtype in drawn
    ]


if __name__ == "__main__":
    for row in sample():
        sys.stdout.write(json.dumps(row, ensure_ascii=False) + "\n")
