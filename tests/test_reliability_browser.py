"""Hostile documents shown in the app, in headless Chromium, with every outside connection
blocked and recorded (the browser's and the server's): nothing executes, the page stays whole,
no request leaves 127.0.0.1, the server log holds no traceback and no deprecation warning."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import TEST_CACHE
from reliability_support import EMBEDDER, ROOT, cli, cli_env, hook_dir
from test_browser import _driver, chromium_or_skip

from app import service
from app.config import Settings

# Each payload sets window.__pwned or opens a dialog if it ever runs.
HOSTILE = (
    "De minister zegt toe <script>window.__pwned='script'</script> de mondzorg te verbeteren "
    "voor 1 juni 2031.\n\n"
    "De NZa meldt <img src=x onerror=\"window.__pwned='img'\"> over de mondzorg voor 1 mei 2031."
    "\n\n"
    "Zie [klik hier](javascript:window.__pwned='link') voor de mondzorg en "
    "<a href=\"javascript:alert('a')\">deze link</a>.\n\n"
    "**vet** _schuin_ :red[rood] :material/warning: $x^2$ ```code``` <b>html</b> # kop over "
    "mondzorg.\n\n"
    "Unicode over mondzorg: nul\u200bbreedte, \u202eomgekeerd\u202c, \u2066isolaat\u2069 en "
    "een NUL-teken \x00 hier.\n"
)
FILE_NAME = "mondzorg <img src=x onerror=alert(1)> [x](javascript:alert(2)).txt"
TITLE = "Brief <script>alert('titel')</script> **mondzorg**"


@pytest.fixture(scope="module")
def hostile_home(tmp_path_factory: pytest.TempPathFactory, small_corpus: Path) -> Path:
    folder = tmp_path_factory.mktemp("hostile-corpus")
    (folder / FILE_NAME).write_text(HOSTILE, encoding="utf-8")
    meta = {FILE_NAME: {"title": TITLE, "date": "2025-01-10", "doc_type": "kamerbrief"}}
    (folder / "meta.json").write_text(json.dumps(meta), encoding="utf-8")
    settings = Settings(
        home=tmp_path_factory.mktemp("hostile") / "home", embedder=EMBEDDER, cache=TEST_CACHE
    )
    service.ingest(settings, [small_corpus])
    report = service.ingest(settings, [folder])
    assert report.added == [FILE_NAME], report
    service.rebuild_index(settings)
    return settings.home


def test_the_cli_makes_no_outside_request(hostile_home: Path, tmp_path: Path) -> None:
    log = tmp_path / "net.log"
    env = cli_env(hook_dir(tmp_path), AKKOORD_NET_LOG=str(log), AKKOORD_CACHE=str(TEST_CACHE))
    for command in (("search", "mondzorg", "--json"), ("documents",), ("deadlines",)):
        done = cli(hostile_home, *command, env=env)
        assert done.returncode == 0, done.stderr
    assert "<script>" in cli(hostile_home, "search", "mondzorg", env=env).stdout
    assert not log.exists() or log.read_text() == ""


@pytest.mark.browser
def test_hostile_documents_execute_nothing_and_nothing_leaves_127_0_0_1(
    hostile_home: Path, tmp_path: Path
) -> None:
    chromium = chromium_or_skip()
    from playwright.sync_api import sync_playwright

    driver = _driver()
    net_log = tmp_path / "net.log"
    port = driver.free_port()
    env = cli_env(
        hook_dir(tmp_path),
        AKKOORD_HOME=str(hostile_home),
        AKKOORD_EMBEDDER=EMBEDDER,
        AKKOORD_CACHE=str(TEST_CACHE),
        AKKOORD_NET_LOG=str(net_log),
    )
    from app.cli_app import streamlit_command

    server_log = tmp_path / "streamlit.log"
    with server_log.open("wb") as out:
        proc = subprocess.Popen(
            streamlit_command(port), cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT
        )
    outside: list[str] = []
    dialogs: list[str] = []
    texts: dict[str, str] = {}
    pwned: list[object] = []
    try:
        driver._wait_healthy(port, proc, 120)
        base = f"http://127.0.0.1:{port}"
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=chromium, args=driver.CHROMIUM_ARGS)
            try:
                context = browser.new_context()

                def route(r: object) -> None:
                    url = r.request.url  # type: ignore[attr-defined]
                    if url.startswith((base, "data:", "blob:")):
                        r.continue_()  # type: ignore[attr-defined]
                    else:
                        outside.append(url)
                        r.abort()  # type: ignore[attr-defined]

                context.route("**/*", route)
                page = context.new_page()
                page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
                page.goto(base + "/", timeout=120_000)
                box = page.get_by_label("Vraag of zoekwoorden")
                box.wait_for(timeout=120_000)
                box.fill("mondzorg")
                box.press("Enter")
                page.get_by_text("Bron", exact=True).first.wait_for(timeout=120_000)
                page.wait_for_timeout(1500)
                for expander in page.get_by_text("Omliggende tekst").all()[:3]:
                    expander.click()
                page.wait_for_timeout(500)
                texts["zoeken"] = page.locator("[data-testid=stMain]").inner_text()
                pwned.append(page.evaluate("window.__pwned"))
                for path in ("documenten", "deadlines", "toezeggingen"):
                    page.goto(f"{base}/{path}", timeout=120_000)
                    page.locator("[data-testid=stMain]").wait_for(timeout=60_000)
                    page.wait_for_timeout(2500)
                    texts[path] = page.locator("[data-testid=stMain]").inner_text()
                    pwned.append(page.evaluate("window.__pwned"))
                    assert page.locator("[data-testid=stException]").count() == 0, path
                page.screenshot(path=str(tmp_path / "documenten.png"))
            finally:
                browser.close()
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
    log = server_log.read_text(encoding="utf-8", errors="replace")
    assert pwned == [None] * 4 and dialogs == [], (pwned, dialogs)
    assert outside == [], outside
    assert not net_log.exists() or net_log.read_text() == "", net_log.read_text()
    assert "Traceback" not in log and "deprecat" not in log.casefold(), log[-3000:]
    # The payloads are shown as the text they are (a zero-width space defuses "javascript:"
    # and Streamlit's ":red[...]" shortcodes).
    shown = texts["zoeken"].replace("\u200b", "")
    assert "<script>window.__pwned='script'</script>" in shown
    assert """<img src=x onerror="window.__pwned='img'">""" in shown
    assert "[klik hier](javascript:window.__pwned='link')" in shown
    assert ":red[rood]" in shown and "\u202eomgekeerd" in shown
    # The document list is a data grid drawn on a canvas: its cells are never HTML.
    assert "4 documenten" in texts["documenten"]
    print(f"\npages checked: {sorted(texts)}; python {sys.version.split()[0]}")
