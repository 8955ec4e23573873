"""kill -9 of `akkoord ingest`, and of the app's upload, at chosen and at random moments (fixed
seed): afterwards the store holds whole documents only, `documents` and `search` work, and a
re-run gives the clean store."""

from __future__ import annotations

import random
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from reliability_support import (
    EMBEDDER,
    ROOT,
    assert_no_traceback,
    cli,
    cli_env,
    dump,
    hook_dir,
    killed,
    start_cli,
)

from app import service
from app.config import Settings

SEED = 19
RANDOM_TRIALS = 6
# kill -9 at the n-th audit event whose arguments name the needle: the moments of an ingest.
KILL_POINTS = {
    "parsing (second file opened)": "open|brief_antwoord.txt|1",
    "storing (third file opened, two stored)": "open|brief_wijk.txt|1",
    "embedding (vector cache written)": "open|.keys.npy.|1",
    "index writing (temporary folder made)": "os.mkdir|.index.tmp-|1",
    "index swap (old index moved aside)": "os.rename|.index.tmp-|1",
}


@pytest.fixture(scope="module")
def clean(tmp_path_factory: pytest.TempPathFactory, small_corpus: Path) -> dict[str, Any]:
    """A clean run's store, and how long the run took (the window random kills fall in)."""
    home = tmp_path_factory.mktemp("clean") / "home"
    started = time.monotonic()
    done = cli(home, "ingest", str(small_corpus))
    assert done.returncode == 0, done.stderr
    return {"dump": dump(home / "akkoord.db"), "seconds": time.monotonic() - started}


def _check_after_kill(home: Path, clean: dict[str, Any], corpus: Path) -> str:
    """Whole documents only, the commands work, a re-run gives the clean store; returns what
    the store held after the kill."""
    db = home / "akkoord.db"
    held: dict[str, int] = dump(db)["counts"] if db.exists() else {}
    for doc, n in held.items():
        assert clean["dump"]["counts"].get(doc) == n, f"half document {doc}: {n} clauses"
    listed = cli(home, "documents")
    assert listed.returncode == 0, listed.stderr
    assert_no_traceback(listed)
    assert len(listed.stdout.splitlines()) == len(held)
    if held:  # an empty store would make `search` ingest the bundled corpus: not this test
        found = cli(home, "search", "acute zorg", "--json")
        assert_no_traceback(found)
        assert found.returncode == 0, found.stderr
    again = cli(home, "ingest", str(corpus))
    assert again.returncode == 0, again.stderr
    assert dump(db) == clean["dump"]
    assert service.index_current(Settings(home=home, embedder=EMBEDDER))
    assert not [p for p in home.glob(".index.*") if p.is_dir()]
    return f"{len(held)} of {len(clean['dump']['counts'])} documents"


@pytest.mark.parametrize("moment", list(KILL_POINTS))
def test_kill_at_a_moment_of_the_ingest(
    moment: str, tmp_path: Path, small_corpus: Path, clean: dict[str, Any]
) -> None:
    home = tmp_path / "home"
    if moment.startswith("index swap"):
        # Only a second build swaps: the first index has nothing to replace.
        assert cli(home, "ingest", str(small_corpus), "--no-index").returncode == 0
        env = cli_env(hook_dir(tmp_path), AKKOORD_KILL_AT=KILL_POINTS[moment])
        proc = cli(home, "index", env=env)
    else:
        env = cli_env(hook_dir(tmp_path), AKKOORD_KILL_AT=KILL_POINTS[moment])
        proc = cli(home, "ingest", str(small_corpus), env=env)
    assert killed(proc), (proc.returncode, proc.stderr[-2000:])
    print(f"\n{moment}: {_check_after_kill(home, clean, small_corpus)} held after kill -9")


@pytest.mark.slow
def test_kill_at_random_moments(tmp_path: Path, small_corpus: Path, clean: dict[str, Any]) -> None:
    rng = random.Random(SEED)
    outcomes = []
    for trial in range(RANDOM_TRIALS):
        home = tmp_path / f"home{trial}"
        # Start-up (imports) takes the first part of a run: draw from the working rest.
        delay = rng.uniform(0.4 * clean["seconds"], 1.05 * clean["seconds"])
        proc = start_cli(home, "ingest", str(small_corpus))
        time.sleep(delay)
        proc.kill()
        _, err = proc.communicate(timeout=60)
        stage = "finished" if proc.returncode == 0 else _stage(err)
        outcomes.append(f"{delay:.2f}s {stage}: {_check_after_kill(home, clean, small_corpus)}")
    print("\n" + "\n".join(outcomes))


def _stage(stderr: str) -> str:
    """How far the killed ingest had come, from what it had printed."""
    if "Embedding" in stderr:
        return "embedding/indexing"
    if "ingested" in stderr:
        return "linking/embedding"
    if "Ingesting" in stderr:
        return "parsing/storing"
    return "starting"


# The app's upload path in a process of its own: what the Documenten page calls for each file
# a user adds (save under the home, ingest, rebuild the index), one file after another.
UPLOAD = """
import sys
from pathlib import Path
from app.config import Settings
from app.ui.upload import add_upload
home, folder = Path(sys.argv[1]), Path(sys.argv[2])
settings = Settings(home=home, embedder=sys.argv[3])
for path in sorted(folder.glob("*.txt")):
    add_upload(settings, path.name, path.read_bytes(), lambda step, _: print(step, flush=True))
"""
UPLOAD_TRIALS = 6


def _uploads(home: Path, folder: Path) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-c", UPLOAD, str(home), str(folder), EMBEDDER],
        cwd=ROOT, env=cli_env(), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip


@pytest.mark.slow
def test_kill_the_apps_upload_at_random_moments(tmp_path: Path, small_corpus: Path) -> None:
    """kill -9 of the upload path at random moments (seed SEED): the store holds whole uploaded
    documents only, `documents` works, and uploading the files again gives the clean store and
    a current index."""
    folder = tmp_path / "files"  # the files as a user has them: no meta.json
    folder.mkdir()
    for path in small_corpus.glob("*.txt"):
        (folder / path.name).write_bytes(path.read_bytes())
    started = time.monotonic()
    first = _uploads(tmp_path / "clean", folder)
    out, err = first.communicate(timeout=600)
    assert first.returncode == 0, err[-3000:]
    seconds = time.monotonic() - started
    clean = dump(tmp_path / "clean" / "akkoord.db")
    rng = random.Random(SEED)
    outcomes = []
    for trial in range(UPLOAD_TRIALS):
        home = tmp_path / f"home{trial}"
        # start-up (imports) takes the first half of a run: draw from the working rest
        delay = rng.uniform(0.55 * seconds, 1.05 * seconds)
        proc = _uploads(home, folder)
        time.sleep(delay)
        proc.kill()
        out, err = proc.communicate(timeout=60)
        if not killed(proc):  # it finished before the kill
            assert proc.returncode == 0 and "Traceback" not in err, err[-3000:]
        db = home / "akkoord.db"
        held: dict[str, int] = dump(db)["counts"] if db.exists() else {}
        for doc, n in held.items():
            assert clean["counts"].get(doc) == n, f"half document {doc}: {n} clauses"
        listed = cli(home, "documents")
        assert listed.returncode == 0, listed.stderr
        assert_no_traceback(listed)
        assert len(listed.stdout.splitlines()) == len(held)
        steps = out.strip().splitlines()
        again = _uploads(home, folder)
        _, err2 = again.communicate(timeout=600)
        assert again.returncode == 0, err2[-3000:]
        assert dump(db) == clean
        assert service.index_current(Settings(home=home, embedder=EMBEDDER))
        assert not [p for p in home.glob(".index.*") if p.is_dir()]
        stage = "finished" if proc.returncode == 0 else (steps[-1] if steps else "starting")
        outcomes.append(f"{delay:.2f}s of {seconds:.2f}s, {stage}: {len(held)} of 3 held")
    print("\n" + "\n".join(outcomes))
