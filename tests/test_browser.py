"""End to end: `streamlit run` on 127.0.0.1, driven by Playwright in Debian's headless Chromium."""

from __future__ import annotations

import importlib.util
import json
import os
import shutil
import sys
from pathlib import Path
from types import ModuleType

import pytest

from app.config import Settings

ROOT = Path(__file__).resolve().parent.parent


def _driver() -> ModuleType:
    # The benchmark script drives the browser; benchmarks/ is a folder of scripts, not a package.
    spec = importlib.util.spec_from_file_location(
        "app_first_answer", ROOT / "benchmarks" / "app_first_answer.py"
    )
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while being built
    spec.loader.exec_module(module)
    return module


def chromium_or_skip() -> str:
    path = shutil.which("chromium")
    if path:
        return path
    # CI installs chromium (scripts/test.sh runs scripts/install_browser.sh): there a missing
    # browser is a failure, whatever value the CI variable has.
    if os.environ.get("CI"):
        pytest.fail("chromium is missing in CI: run scripts/install_browser.sh first")
    pytest.skip("chromium is not installed (run scripts/install_browser.sh as root)")


@pytest.mark.browser
def test_a_dev_question_gets_its_answer_card_in_the_browser(
    request: pytest.FixtureRequest, tmp_path: Path
) -> None:
    chromium = chromium_or_skip()
    # Asked for only once chromium is known to be there: a skipped test builds no corpus.
    built_settings: Settings = request.getfixturevalue("built_settings")
    shots = [tmp_path / "search.png"]
    if os.environ.get("AKKOORD_SCREENSHOT_DIR"):
        shots.append(Path(os.environ["AKKOORD_SCREENSHOT_DIR"]) / "screenshot_search.png")
    result = _driver().first_answer(built_settings.home, "dC-02", shots, chromium=chromium)
    # The card holding the expected clause is on the page, with its source and labels.
    assert result.found, result.page_text[:2000]
    for label in ("Wie", "Wanneer", "Bron"):
        assert label in result.page_text
    assert "10 resultaten in " in result.page_text
    meta = json.loads((ROOT / "corpus" / "default" / "meta.json").read_text(encoding="utf-8"))
    assert meta["001_f49a419464a26771.txt"]["title"] in result.page_text
    assert all(p.stat().st_size > 10_000 for p in shots)
    print(
        f"\nstreamlit run -> health ok {result.health_s:.1f} s, -> first answer "
        f"{result.answer_s:.1f} s (query to answer {result.query_s:.2f} s); screenshots: "
        + ", ".join(map(str, shots))
    )


def test_a_missing_chromium_fails_in_ci_and_skips_elsewhere(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))  # no chromium on this PATH
    for ci in ("true", "1", "yes"):
        monkeypatch.setenv("CI", ci)
        with pytest.raises(pytest.fail.Exception, match="chromium is missing in CI"):
            chromium_or_skip()
    monkeypatch.delenv("CI")
    with pytest.raises(pytest.skip.Exception, match="chromium is not installed"):
        chromium_or_skip()
