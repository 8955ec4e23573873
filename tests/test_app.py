"""The Streamlit pages, run by streamlit.testing's AppTest on the default corpus (no server)."""

from __future__ import annotations

import json
from pathlib import Path

import pyarrow as pa
import pytest
from click.testing import CliRunner
from streamlit.testing.v1 import AppTest

from app.cli import cli
from app.config import Settings
from app.ui.deadlines import STATUS_LABELS
from app.ui.evaluation import EXTRACTION, REPORTS, RETRIEVAL
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


def test_evaluation_page_without_report_says_so() -> None:
    # The autouse fixture's fresh home has no eval folder.
    at = page("app.ui.evaluation.render").run()
    assert not at.exception
    assert "Nog geen evaluatierapport" in at.info[0].value


def test_evaluation_page_shows_what_akkoord_eval_wrote(
    built_settings: Settings, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    qa = tmp_path / "few.jsonl"
    records = [dev_record(qid) for qid in ("dC-02", "d001-01", "dL-01")]
    qa.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    # The eval runs on the built home; the page reads <home>/eval of a home of its own.
    page_home = tmp_path / "page-home"
    report = page_home / REPORTS / "report.md"
    systems = ["akkoord", "bm25", "naive-bm25"]
    args = ["eval", str(qa), "--systems", ",".join(systems), "--report", str(report)]
    result = CliRunner().invoke(cli, ["--home", str(built_settings.home), *args])
    assert result.exit_code == 0, result.output
    summary = json.loads(report.with_suffix(".json").read_text(encoding="utf-8"))
    monkeypatch.setenv("AKKOORD_HOME", str(page_home))

    at = page("app.ui.evaluation.render").run()
    assert not at.exception
    assert f"{summary['n']} vragen" in at.caption[0].value
    retrieval, extraction = (frame.value for frame in at.dataframe)
    assert retrieval.to_dict(orient="index") == {
        name: {m: entry["metrics"][m] for m in RETRIEVAL}
        for name, entry in summary["systems"].items()
    }
    assert list(retrieval.index) == systems
    assert extraction.to_dict(orient="index") == {
        name: {label: summary["systems"][name]["extraction"][f] for f, label in EXTRACTION.items()}
        for name in ("akkoord", "bm25")
    }
    chart = at.get("vega_lite_chart")[0].proto
    assert json.loads(chart.spec)["mark"]["type"] == "bar"
    bars = pa.ipc.open_stream(chart.datasets[0].data.data).read_pandas()
    assert {(b.systeem, b.maat): b.waarde for b in bars.itertuples()} == {
        (name, m): value for name, row in retrieval.iterrows() for m, value in row.items()
    }


def test_evaluation_page_names_a_file_that_is_not_an_eval_summary(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "home" / REPORTS
    folder.mkdir(parents=True)
    made_up = {"systems": {"bm25": {"recall@5": 0.5}}}
    (folder / "dev.json").write_text(json.dumps(made_up), encoding="utf-8")
    monkeypatch.setenv("AKKOORD_HOME", str(tmp_path / "home"))
    at = page("app.ui.evaluation.render").run()
    assert not at.exception
    problem = "not an `akkoord eval` summary (n, k, systems)"
    shown = f"{folder / 'dev.json'}: onleesbare evaluatiesamenvatting ({problem})"
    assert at.error[0].value == shown
