"""Hostile and absurd PDFs: streams that inflate to gigabytes and more pages than the limit are
refused with one line naming the file; a long PDF passes the limits in bounded memory."""

from __future__ import annotations

import subprocess
import sys
import zlib
from pathlib import Path

import pymupdf
import pytest
from reliability_support import ROOT, assert_one_line_error, cli, cli_env, dump

from ingest.pdf import MAX_PAGES, MAX_STREAM_BYTES


def _bomb(path: Path, gib: int = 2) -> int:
    """A one-page PDF whose content stream inflates to `gib` GiB of spaces; returns its size.

    Full flushes make each 16 MiB chunk's deflate output identical, so the stream is written
    without compressing gigabytes."""
    deflate = zlib.compressobj(9)
    chunk = b" " * (16 << 20)
    head = deflate.compress(b"BT /Helv 12 Tf 72 72 Td (Geachte voorzitter) Tj ET\n")
    head += deflate.compress(chunk) + deflate.flush(zlib.Z_FULL_FLUSH)
    repeat = deflate.compress(chunk) + deflate.flush(zlib.Z_FULL_FLUSH)
    data = head + repeat * (gib * 64 - 1) + deflate.flush()
    doc = pymupdf.open()
    page = doc.new_page()
    page.insert_text((72, 72), "Geachte voorzitter")
    xref = page.get_contents()[0]
    doc.update_stream(xref, data, compress=False)
    doc.xref_set_key(xref, "Filter", "/FlateDecode")
    doc.save(path)
    return path.stat().st_size


def _pages(path: Path, count: int) -> None:
    doc = pymupdf.open()
    for number in range(count):
        page = doc.new_page()
        page.insert_text(
            (72, 72), f"Bladzijde {number + 1}: de minister zegt toe de Kamer te informeren."
        )
    doc.save(path)


def test_a_pdf_that_inflates_to_gigabytes_is_refused_in_one_line(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    size = _bomb(folder / "bom.pdf")
    assert size < 4 * 1024 * 1024  # a few MB on disk, 2 GiB inflated
    home = tmp_path / "home"
    done = cli(home, "ingest", str(folder), "--no-index")
    line = assert_one_line_error(done, "bom.pdf", "zip-bom")
    assert f"{MAX_STREAM_BYTES // (1024 * 1024)} MB" in line
    assert dump(home / "akkoord.db")["documents"] == []


def test_more_pages_than_the_limit_are_refused_in_one_line(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    _pages(folder / "dik.pdf", MAX_PAGES + 1)
    done = cli(tmp_path / "home", "ingest", str(folder), "--no-index")
    assert_one_line_error(done, "dik.pdf", "te veel pagina's", str(MAX_PAGES + 1))


# VmHWM is this process's own peak: ru_maxrss of a child forked from a large test process
# can still count the parent's memory from before exec.
PEAK = """
import sys
from pathlib import Path
import pymupdf
from ingest.pdf import check_limits
with pymupdf.open(sys.argv[1]) as doc:
    check_limits(doc, Path(sys.argv[1]))
status = Path("/proc/self/status").read_text()
print(int(next(l for l in status.splitlines() if l.startswith("VmHWM:")).split()[1]) // 1024)
"""


@pytest.mark.parametrize("pages", [2_000])
def test_a_long_pdf_passes_the_limits_in_bounded_memory(tmp_path: Path, pages: int) -> None:
    path = tmp_path / "lang.pdf"
    _pages(path, pages)
    done = subprocess.run(
        [sys.executable, "-c", PEAK, str(path)],
        cwd=ROOT, env=cli_env(), capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    peak_mb = int(done.stdout.split()[-1])
    print(f"\n{pages} pages: limits checked, peak memory {peak_mb} MB")
    assert peak_mb < 1024


# Seven statements; page k holds statements k, k+1 and k+2 (mod 7), so no line recurs on most
# pages (which would make it a running header).
STATEMENTS = (
    "De minister informeert de Kamer voor de zomer over de wachtlijsten in de ggz.",
    "Zorgverzekeraars maken afspraken met gemeenten over preventie in de wijk.",
    "De NZa past de prestaties voor de huisartsenzorg per 1 januari 2025 aan.",
    "Het Zorginstituut adviseert over de toets op het basispakket.",
    "Partijen werken een visie uit op de eerstelijnszorg in 2030.",
    "De staatssecretaris stuurt in het najaar een voortgangsrapportage.",
    "Regionale partijen stellen samen een regiobeeld en een regioplan op.",
)


def _letter_pages(path: Path, count: int) -> None:
    doc = pymupdf.open()
    for number in range(count):
        page = doc.new_page()
        for k in range(3):
            text = STATEMENTS[(number + k) % len(STATEMENTS)]
            page.insert_text((72, 72 + 24 * k), text, fontsize=10)
    doc.save(path)


def test_a_long_pdf_shows_its_pages_as_the_cli_reads_it(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    _letter_pages(folder / "lang.pdf", 40)
    done = cli(tmp_path / "home", "ingest", str(folder), "--no-index")
    assert done.returncode == 0, done.stderr
    shown = [line for line in done.stderr.splitlines() if "pages read" in line]
    assert shown[-1] == "lang.pdf: 40/40 pages read"
    assert len(shown) >= 10  # a line per tenth
    assert dump(tmp_path / "home" / "akkoord.db")["counts"]["lang.pdf"] >= 40


# Parsing a PDF whole (read, clean, segment, tag), each page reported, and the process's peak.
PARSE_PEAK = """
import sys
from pathlib import Path
from ingest.pipeline import parse_file
seen = []
doc, clauses = parse_file(Path(sys.argv[1]), on_page=lambda done, total: seen.append((done, total)))
status = Path("/proc/self/status").read_text()
peak = int(next(l for l in status.splitlines() if l.startswith("VmHWM:")).split()[1]) // 1024
print(doc.pages, len(seen), seen[-1][0], seen[-1][1], len(clauses), peak)
"""


def test_a_long_pdf_is_parsed_page_by_page_in_bounded_memory(tmp_path: Path) -> None:
    path = tmp_path / "lang.pdf"
    _letter_pages(path, 500)
    done = subprocess.run(
        [sys.executable, "-c", PARSE_PEAK, str(path)],
        cwd=ROOT, env=cli_env(), capture_output=True, text=True, timeout=600,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    pages, reported, last, total, clauses, peak_mb = map(int, done.stdout.split())
    print(f"\n500 pages parsed: {clauses} clauses, peak memory {peak_mb} MB")
    assert pages == reported == last == total == 500
    assert clauses >= 500  # every page's text is read
    assert peak_mb < 1024
