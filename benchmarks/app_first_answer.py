"""Time from `streamlit run` to the first answer card in headless Chromium; prints a table."""

from __future__ import annotations

import argparse
import json
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ENTRY = ROOT / "app" / "streamlit_app.py"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


class BrowserMissing(RuntimeError):
    """No chromium binary to drive."""


@dataclass(frozen=True, slots=True)
class FirstAnswer:
    """Timings of one cold start, and what the page showed."""

    health_s: float  # streamlit run -> /_stcore/health says ok
    answer_s: float  # streamlit run -> the expected answer card is visible
    query_s: float  # Enter pressed -> the expected answer card is visible
    found: bool
    page_text: str


def dev_record(qid: str) -> dict[str, str]:
    for path in sorted((ROOT / "eval" / "data").glob("dev_qa_*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            record = json.loads(line) if line.strip() else {}
            if record.get("id") == qid:
                return record
    raise LookupError(f"{qid}: not in eval/data/dev_qa_*.jsonl")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _wait_healthy(port: int, proc: subprocess.Popen[bytes], timeout: float) -> None:
    url = f"http://127.0.0.1:{port}/_stcore/health"
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"streamlit exited with status {proc.returncode}")
        try:
            with urllib.request.urlopen(url, timeout=1) as response:
                if response.read().decode().strip() == "ok":
                    return
        except OSError:
            pass
        time.sleep(0.1)
    raise TimeoutError(f"{url} did not answer ok within {timeout:.0f} s")


def _normalise(text: str) -> str:
    return " ".join(text.replace("\u200b", "").split()).casefold()


def first_answer(
    home: Path,
    qid: str,
    screenshots: Sequence[Path],
    *,
    chromium: str | None = None,
    timeout: float = 180,
) -> FirstAnswer:
    """Start the app on a free port, ask the dev question `qid`, wait for its answer card."""
    from playwright.sync_api import sync_playwright

    executable = chromium or shutil.which("chromium")
    if not executable:
        raise BrowserMissing("chromium is not installed: run scripts/install_browser.sh as root")
    record = dev_record(qid)
    # The first six words of the quote identify the expected clause on the page.
    expected = _normalise(" ".join(record["quote"].split()[:6]))
    port = free_port()
    env = {**os.environ, "AKKOORD_HOME": str(home), "OMP_NUM_THREADS": "2"}
    cmd = [
        sys.executable, "-m", "streamlit", "run", str(ENTRY),
        "--server.headless", "true", "--server.address", "127.0.0.1",
        "--server.port", str(port), "--browser.gatherUsageStats", "false",
        "--client.toolbarMode", "minimal", "--server.maxUploadSize", "50",
    ]  # fmt: skip
    started = time.monotonic()
    proc = subprocess.Popen(
        cmd, env=env, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT
    )
    try:
        _wait_healthy(port, proc, timeout)
        health_s = time.monotonic() - started
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
            try:
                page = browser.new_page(viewport={"width": 1400, "height": 1100})
                page.goto(f"http://127.0.0.1:{port}/", timeout=timeout * 1000)
                box = page.get_by_label("Vraag of zoekwoorden")
                box.wait_for(timeout=timeout * 1000)
                box.fill(record["question"])
                asked = time.monotonic()
                box.press("Enter")
                page.get_by_text("Bron", exact=True).first.wait_for(timeout=timeout * 1000)
                found = False
                text = ""
                # Cards stream in; poll the page text until the expected clause is there.
                while time.monotonic() - asked < 30:
                    text = page.locator("[data-testid=stMain]").inner_text(timeout=5000)
                    if expected in _normalise(text):
                        found = True
                        break
                    time.sleep(0.05)
                done = time.monotonic()
                page.wait_for_timeout(300)  # let the last cards paint before the screenshot
                for shot in screenshots:
                    shot.parent.mkdir(parents=True, exist_ok=True)
                    page.screenshot(path=str(shot), full_page=False)
            finally:
                browser.close()
        return FirstAnswer(health_s, done - started, done - asked, found, text)
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--home", type=Path, help="a built AKKOORD_HOME (default: env)")
    parser.add_argument("--qid", default="dC-02")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--screenshot", type=Path, default=Path("/tmp/akkoord_first_answer.png"))
    args = parser.parse_args(argv)
    home = args.home or Path(os.environ.get("AKKOORD_HOME", ROOT / ".akkoord"))
    print("| run | to health (s) | to first answer (s) | Enter to answer (s) | found |")
    print("|---|---|---|---|---|")
    for run in range(1, args.runs + 1):
        r = first_answer(home, args.qid, [args.screenshot])
        print(f"| {run} | {r.health_s:.2f} | {r.answer_s:.2f} | {r.query_s:.2f} | {r.found} |")


if __name__ == "__main__":
    main()
