"""The Streamlit pages, run by streamlit.testing's AppTest on the default corpus (no server)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from app.config import Settings
from app.ui.deadlines import STATUS_LABELS
from app.ui.search import QUERY_LABEL
from app.ui.text import escape_markdown

ROOT = Path(__file__).resolve().parent.parent
ENTRY = str(ROOT / "app" / "streamlit_app.py")
# The first run loads the model and the index; later runs reuse st.cache_resource.
FIRST_RUN = 120


def dev_record(qid: str) -> dict[str, object]:
    for path in sorted((ROOT / "eval" / "data").glob("dev_qa_*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip() and json.loads(line)["id"] == qid:
                return dict(json.loads(line))
    raise LookupError(qid)


@pytest.fixture
def home(built_settings: Settings, monkeypatch: pytest.MonkeyPatch) -> Settings:
    monkeypatch.setenv("AKKOORD_HOME", str(built_settings.home))
    return built_settings


def page(render_path: str) -> AppTest:
    """An AppTest that runs one page's render() as its script."""
    module, func = render_path.rsplit(".", 1)
    script = f"from {module} import {func}\n{func}()\n"
    return AppTest.from_string(script, default_timeout=FIRST_RUN)


def test_search_page_shows_an_answer_card_for_a_dev_question(home: Settings) -> None:
    record = dev_record("dC-02")
    at = AppTest.from_file(ENTRY, default_timeout=FIRST_RUN).run()
    assert not at.exception
    box = next(t for t in at.text_input if t.label == QUERY_LABEL)
    box.input(str(record["question"])).run()
    assert not at.exception
    cards = [m.value for m in at.markdown]
    quote_words = str(record["quote"]).split()[:6]
    # The answer's clause is among the cards, with its words highlighted or plain.
    plain = [c.replace(":orange[**", "").replace("**]", "") for c in cards]
    assert any(escape_markdown(" ".join(quote_words)) in c for c in plain)
    labels = " ".join(cards)
    for label in ("**Wie**", "**Wanneer**", "**Bron**"):
        assert label in labels
    assert at.expander, "each card offers its surrounding clauses"


def test_search_filters_restrict_the_cards_to_one_document(home: Settings) -> None:
    at = page("app.ui.search.render").run()
    doc_box = next(s for s in at.sidebar.selectbox if s.label == "Document")
    doc_id = "003_bc5badbf8b9b28ce.txt"
    doc_box.set_value(doc_id).run()
    next(t for t in at.text_input if t.label == QUERY_LABEL).input("toezegging").run()
    assert not at.exception
    sources = [m.value for m in at.markdown if m.value.startswith("**Bron**")]
    assert sources
    from app.ui import common

    title = common.facets(home)[1][doc_id]
    assert all(escape_markdown(title) in s for s in sources)


def test_empty_query_shows_a_hint_not_results(home: Settings) -> None:
    at = page("app.ui.search.render").run()
    assert not at.exception
    assert at.info and "Typ een vraag" in at.info[0].value
    assert not [m for m in at.markdown if m.value.startswith("**Bron**")]


def test_deadline_register_table_and_status_filter(home: Settings) -> None:
    at = page("app.ui.deadlines.render").run()
    assert not at.exception
    if at.info:
        pytest.skip("no deadlines tagged in the corpus yet")
    table = at.dataframe[0].value
    assert list(table.columns[:3]) == ["Termijn", "Zoals geschreven", "Status"]
    assert len(table) == int(at.metric[0].value)
    assert table["Termijn"].is_monotonic_increasing
    next(s for s in at.sidebar.selectbox if s.label == "Status").set_value("overdue").run()
    assert not at.exception
    if at.dataframe:
        assert set(at.dataframe[0].value["Status"]) == {STATUS_LABELS["overdue"]}


def test_toezeggingen_page_runs(home: Settings) -> None:
    at = page("app.ui.promises.render").run()
    assert not at.exception
    assert at.title[0].value == "Toezeggingen"
    if at.dataframe:
        table = at.dataframe[0].value
        assert {"Minister", "Termijn", "Status", "Afgehandeld in"} <= set(table.columns)
        assert set(table["Status"]) <= {"open", "verlopen", "afgerond"}


def test_documents_page_lists_documents_with_clause_counts(home: Settings) -> None:
    from app import service

    at = page("app.ui.documents.render").run()
    assert not at.exception
    table = at.dataframe[0].value
    with service.open_store(home) as store:
        counts = store.count()
    assert dict(zip(table["Bestand"], table["Clausules"], strict=True)) == counts


def test_evaluation_page_without_report_says_so(
    tmp_path: Path, home: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("AKKOORD_EVAL_REPORTS", str(tmp_path))
    at = page("app.ui.evaluation.render").run()
    assert not at.exception
    assert "Nog geen evaluatierapport" in at.info[0].value


def test_evaluation_page_compares_systems_from_a_report(
    tmp_path: Path, home: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    report = {"systems": {"bm25": {"recall@5": 0.5, "mrr@10": 0.4}, "fused": {"recall@5": 0.7}}}
    (tmp_path / "dev.json").write_text(json.dumps(report), encoding="utf-8")
    monkeypatch.setenv("AKKOORD_EVAL_REPORTS", str(tmp_path))
    at = page("app.ui.evaluation.render").run()
    assert not at.exception
    table = at.dataframe[0].value
    assert table.loc["fused", "recall@5"] == pytest.approx(0.7)
    assert table.loc["bm25", "mrr@10"] == pytest.approx(0.4)
