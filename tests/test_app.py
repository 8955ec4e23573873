"""The Streamlit pages, run by streamlit.testing's AppTest on the default corpus (no server)."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import pyarrow as pa
import pytest
from click.testing import CliRunner
from conftest import SMALL_DOCUMENTS, SMALL_META
from streamlit.testing.v1 import AppTest

from app.cli import cli
from app.config import Settings
from app.ui.deadlines import STATUS_LABELS
from app.ui.evaluation import EXTRACTION, REPORTS, RETRIEVAL
from app.ui.search import QUERY_LABEL
from app.ui.text import escape_markdown, format_date

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
    """The pages see the default corpus, indexed."""
    monkeypatch.setenv("AKKOORD_HOME", str(built_settings.home))
    return built_settings


@pytest.fixture
def small_home(store_settings: Settings, monkeypatch: pytest.MonkeyPatch) -> Settings:
    """The pages see the small corpus, stored but not indexed (enough for the registers)."""
    monkeypatch.setenv("AKKOORD_HOME", str(store_settings.home))
    monkeypatch.setenv("AKKOORD_EMBEDDER", store_settings.embedder)
    return store_settings


@pytest.fixture
def small_search_home(small_settings: Settings, monkeypatch: pytest.MonkeyPatch) -> Settings:
    """The pages see the small corpus, indexed with one embedder."""
    monkeypatch.setenv("AKKOORD_HOME", str(small_settings.home))
    monkeypatch.setenv("AKKOORD_EMBEDDER", small_settings.embedder)
    return small_settings


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
    cards = answer_cards(at)
    # Ten cards by default, each with its surrounding clauses, as the caption says.
    assert len(cards) == len(at.expander) == 10
    assert at.caption[-1].value.startswith("10 resultaten in ")
    assert all(label in card["rank"] for label, card in zip(RANKS, cards, strict=True))
    # The answer's clause is the text of one card (its words highlighted or plain), and that
    # card shows who, the deadline as written and as a date, and the source document.
    quote = escape_markdown(" ".join(str(record["quote"]).split()[:6]))
    card = next(c for c in cards if quote in unhighlight(c["wat"]))
    actors = record["actors"]
    assert isinstance(actors, list) and actors
    assert all(escape_markdown(a) in card["wie"] for a in actors)
    due = dt.date.fromisoformat(str(record["deadline"]))
    assert card["wanneer"] == (
        f"**Wanneer**  \n“{escape_markdown(str(record['deadline_text']))}”  \n"
        f"{format_date(due)} ({due.isoformat()}) :red-badge[termijn verstreken]"
    )
    title = json.loads((ROOT / "corpus" / "default" / "meta.json").read_text())[record["doc"]]
    assert card["bron"].startswith("**Bron**  \n" + escape_markdown(title["title"]))


RANKS = [f"**{n}. Wat**" for n in range(1, 11)]


def unhighlight(markdown: str) -> str:
    return markdown.replace(":orange[**", "").replace("**]", "")


def answer_cards(at: AppTest) -> list[dict[str, str]]:
    """The search page's cards in rank order: each one's rank line, Wat, Wie, Wanneer and Bron
    (the markdown the user reads, before the card's surrounding clauses)."""
    values = [m.value for m in at.markdown]
    starts = [i for i, v in enumerate(values) if re.match(r"\*\*\d+\. Wat\*\*", v)]
    return [dict(zip(CARD_PARTS, values[i : i + 5], strict=True)) for i in starts]


CARD_PARTS = ("rank", "wat", "wie", "wanneer", "bron")


def test_search_filters_restrict_the_cards_to_one_document(small_search_home: Settings) -> None:
    at = page("app.ui.search.render").run()
    next(t for t in at.text_input if t.label == QUERY_LABEL).input(
        "wachttijden wijkverpleging"
    ).run()
    assert not at.exception
    unfiltered = [m.value for m in at.markdown if m.value.startswith("**Bron**")]
    # Both letters speak of the waiting times, so without a filter both are among the sources.
    for doc in ("brief_wijk.txt", "brief_antwoord.txt"):
        assert any(s.startswith(source_of(doc)) for s in unfiltered), (doc, unfiltered)
    doc_box = next(s for s in at.sidebar.selectbox if s.label == "Document")
    doc_box.set_value("brief_antwoord.txt").run()
    assert not at.exception
    sources = [m.value for m in at.markdown if m.value.startswith("**Bron**")]
    assert sources and all(s.startswith(source_of("brief_antwoord.txt")) for s in sources)
    assert at.caption[-1].value.startswith(f"{len(sources)} resultaten in ")


def source_of(doc: str) -> str:
    """The start of the Bron line of a card from a small-corpus document: its title and date
    (a .txt file has no pages; a section trail may follow)."""
    meta = SMALL_META[doc]
    return "**Bron**  \n" + escape_markdown(f"{meta['title']} · {meta['date']}")


def test_empty_query_shows_a_hint_not_results(small_search_home: Settings) -> None:
    at = page("app.ui.search.render").run()
    assert not at.exception
    assert [i.value for i in at.info] == ["Typ een vraag of een paar zoekwoorden en druk op Enter."]
    assert not [m for m in at.markdown if m.value.startswith("**Bron**")]


def metrics(at: AppTest) -> dict[str, int]:
    return {m.label: int(m.value) for m in at.metric}


def test_deadline_register_table_and_status_filter(small_home: Settings) -> None:
    at = page("app.ui.deadlines.render").run()
    assert not at.exception
    assert not at.info, at.info[0].value
    # The small corpus has four dated commitments: two past due, one fulfilled, one far ahead.
    assert metrics(at) == {
        "Termijnen": 4,
        "Openstaand": 1,
        "Termijn verstreken": 2,
        "Deels voldaan": 0,
        "Voldaan": 1,
        "Vervallen": 0,
    }
    table = at.dataframe[0].value
    assert list(table.columns[:4]) == ["Termijn", "Zoals geschreven", "Eerdere termijn", "Status"]
    assert list(table["Termijn"]) == [
        dt.date(2023, 7, 1),
        dt.date(2024, 10, 1),
        dt.date(2024, 12, 1),
        dt.date(2090, 1, 1),
    ]
    assert list(table["Zoals geschreven"]) == [
        "voor 1 juli 2023",
        "voor 1 oktober 2024",
        "voor 1 december 2024",
        "voor 1 januari 2090",
    ]
    assert list(table["Status"]) == [
        "termijn verstreken",
        "voldaan",
        "termijn verstreken",
        "openstaand",
    ]
    assert list(table["Document"]) == [
        "Afspraken acute zorg",
        "Kamerbrief wijkverpleging",
        "Kamerbrief wijkverpleging",
        "Afspraken acute zorg",
    ]
    next(s for s in at.sidebar.selectbox if s.label == "Status").set_value(
        "termijn verstreken"
    ).run()
    assert not at.exception
    overdue = at.dataframe[0].value
    assert list(overdue["Termijn"]) == [dt.date(2023, 7, 1), dt.date(2024, 12, 1)]
    assert set(overdue["Status"]) == {STATUS_LABELS["termijn verstreken"]}
    assert metrics(at) == {
        "Termijnen": 2,
        "Openstaand": 0,
        "Termijn verstreken": 2,
        "Deels voldaan": 0,
        "Voldaan": 0,
        "Vervallen": 0,
    }


def test_toezeggingen_page_lists_promises_and_what_fulfilled_them(small_home: Settings) -> None:
    at = page("app.ui.promises.render").run()
    assert not at.exception
    assert at.title[0].value == "Toezeggingen"
    assert metrics(at) == {
        "Toezeggingen": 2,
        "Openstaand": 0,
        "Termijn verstreken": 1,
        "Deels voldaan": 0,
        "Voldaan": 1,
        "Vervallen": 0,
    }
    table = at.dataframe[0].value.set_index("Termijn")
    fulfilled, housing = table.loc[dt.date(2024, 10, 1)], table.loc[dt.date(2024, 12, 1)]
    assert fulfilled["Status"] == "voldaan" and housing["Status"] == "termijn verstreken"
    assert fulfilled["Registernummer"] == "TZ202403-021" and housing["Registernummer"] == ""
    assert fulfilled["Afgehandeld in"] == "Kamerbrief wachttijden wijkverpleging"
    assert housing["Afgehandeld in"] == ""
    assert set(table["Minister"]) == {"minister van VWS"}
    assert "huisvesting van huisartsenpraktijken" in housing["Toezegging"]
    # Read as the user sees it: the label is Markdown, escaped.
    assert [e.label for e in at.expander] == [
        escape_markdown("TZ202403-021 — voldaan in Kamerbrief wachttijden wijkverpleging")
    ]


def test_documents_page_lists_documents_with_clause_counts(small_home: Settings) -> None:
    from app import service

    at = page("app.ui.documents.render").run()
    assert not at.exception
    table = at.dataframe[0].value
    with service.open_store(small_home) as store:
        counts = store.count()
    assert sorted(table["Bestand"]) == sorted(SMALL_DOCUMENTS)
    assert dict(zip(table["Bestand"], table["Clausules"], strict=True)) == counts
    titles = dict(zip(table["Bestand"], table["Titel"], strict=True))
    assert titles == {doc: meta["title"] for doc, meta in SMALL_META.items()}
    assert at.caption[0].value == f"3 documenten, {sum(counts.values())} clausules in totaal."


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
