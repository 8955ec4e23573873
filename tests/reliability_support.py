"""What the reliability tests share: running the real CLI in a subprocess, a sitecustomize that
kills the process at a chosen audit event or blocks and records outside connections, and a
store dump to compare homes by."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path
from typing import Any

from corpus.store import Store

ROOT = Path(__file__).resolve().parent.parent
CLI = "from app.cli import main; main()"
EMBEDDER = "use"  # the fast embedder: these tests are about state, not ranking quality

# Injected with PYTHONPATH into a subprocess. AKKOORD_KILL_AT="event|substring|n" sends the
# process SIGKILL at the n-th audit event `event` whose arguments mention `substring` (a kill -9
# at an exact moment, e.g. the rename that swaps a rebuilt index into place).
# AKKOORD_NET_LOG=file: every connection to a non-local address is written there and refused.
SITECUSTOMIZE = r"""
import os, sys

def _install():
    kill_at = os.environ.get("AKKOORD_KILL_AT")
    net_log = os.environ.get("AKKOORD_NET_LOG")
    seen = [0]

    def local(address):
        if isinstance(address, (str, bytes)) or address is None:
            return True  # a unix socket
        host = str(address[0]) if isinstance(address, tuple) and address else str(address)
        return host in ("127.0.0.1", "::1", "localhost", "0.0.0.0", "::") or host.startswith("127.")

    def hook(event, args):
        if kill_at:
            name, needle, nth = kill_at.split("|")
            if event == name and needle in repr(args):
                seen[0] += 1
                if seen[0] == int(nth):
                    os.kill(os.getpid(), 9)
        if net_log and event in ("socket.connect", "socket.sendto", "socket.getaddrinfo"):
            address = args[1] if event != "socket.getaddrinfo" else (args[0], args[1])
            if not local(address):
                with open(net_log, "a", encoding="utf-8") as fh:
                    fh.write(f"{os.getpid()} {event} {address!r}\n")
                raise OSError(101, "network is unreachable (blocked by the reliability test)")

    sys.addaudithook(hook)

_install()
"""


def indexed_home(folder: Path, corpus: Path) -> Path:
    """A home in `folder` holding `corpus`, ingested and indexed with the fast embedder."""
    from conftest import TEST_CACHE

    from app import service
    from app.config import Settings

    settings = Settings(home=folder / "home", embedder=EMBEDDER, cache=TEST_CACHE)
    service.ingest(settings, [corpus])
    service.rebuild_index(settings)
    return settings.home


def copied_home(home: Path, into: Path) -> Path:
    """A copy of `home` under `into`, for a test that may damage or change it."""
    copy = into / "home"
    shutil.copytree(home, copy)
    return copy


def hook_dir(tmp_path: Path) -> Path:
    """A folder holding the sitecustomize above, for PYTHONPATH."""
    folder = tmp_path / "sitecustomize"
    folder.mkdir(exist_ok=True)
    (folder / "sitecustomize.py").write_text(SITECUSTOMIZE, encoding="utf-8")
    return folder


def cli_env(hooks: Path | None = None, **extra: str) -> dict[str, str]:
    """The environment for a CLI subprocess: this checkout first on the path, no shared cache
    (every home embeds its own clauses, so embedding happens and can be interrupted)."""
    env = {k: v for k, v in os.environ.items() if k not in ("AKKOORD_CACHE", "AKKOORD_HOME")}
    env["PYTHONPATH"] = os.pathsep.join([*([str(hooks)] if hooks else []), str(ROOT)])
    env["OMP_NUM_THREADS"] = "1"
    env.update(extra)
    return env


def cli_args(home: Path, *args: str) -> list[str]:
    return [sys.executable, "-c", CLI, "--home", str(home), "--embedder", EMBEDDER, *args]


def cli(
    home: Path, *args: str, env: dict[str, str] | None = None, timeout: float = 300
) -> subprocess.CompletedProcess[str]:
    """Run `akkoord --home HOME --embedder use ARGS` from the checkout root."""
    return subprocess.run(
        cli_args(home, *args),
        cwd=ROOT,
        env=env or cli_env(),
        capture_output=True,
        text=True,
        timeout=timeout,
    )


def start_cli(home: Path, *args: str, env: dict[str, str] | None = None) -> subprocess.Popen[str]:
    return subprocess.Popen(
        cli_args(home, *args),
        cwd=ROOT,
        env=env or cli_env(),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def killed(proc: subprocess.CompletedProcess[str] | subprocess.Popen[str]) -> bool:
    return proc.returncode == -signal.SIGKILL


def assert_no_traceback(proc: subprocess.CompletedProcess[str]) -> None:
    assert "Traceback" not in proc.stderr + proc.stdout, proc.stderr[-3000:]


def assert_one_line_error(proc: subprocess.CompletedProcess[str], *words: str) -> str:
    """A failed command said one line on stderr, containing `words`; returns that line."""
    assert proc.returncode not in (0, -signal.SIGKILL), (proc.returncode, proc.stderr)
    assert_no_traceback(proc)
    lines = [line for line in proc.stderr.splitlines() if line.startswith("Error:")]
    assert len(lines) == 1, proc.stderr
    for word in words:
        assert word in lines[0], lines[0]
    return lines[0]


def dump(db: Path) -> dict[str, Any]:
    """What a store holds, comparable across homes: documents (without their timestamps),
    clauses and links."""
    with Store(db) as store:
        docs = [(d.id, d.title, d.sha256, d.pages, str(d.date)) for d in store.documents()]
        clauses = [
            (c.id, c.doc, c.ordinal, c.text, c.kind, str(c.deadline)) for c in store.clauses()
        ]
        links = [(lk.source, lk.target, lk.kind) for lk in store.links()]
        counts = store.count()
    return {"documents": docs, "clauses": clauses, "links": links, "counts": counts}


def manifest_of(home: Path) -> dict[str, Any]:
    return dict(json.loads((home / "index" / "manifest.json").read_text(encoding="utf-8")))
