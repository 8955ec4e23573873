"""The ranking knobs of the Searcher, in one frozen record."""

from __future__ import annotations

from dataclasses import dataclass

from index.fuse import RRF_K


@dataclass(frozen=True, slots=True)
class SearchWeights:
    """Every knob of hybrid ranking; the defaults are the values tuned on the dev questions with
    `python -m benchmarks.retrieval --grid` (one knob at a time). Vary them with
    `dataclasses.replace(SearchWeights(), fusion_k=30)`.

    Boosts are in units of a rank-1 RRF contribution of weight 1, i.e. 1 / (fusion_k + 1).
    """

    # Fusion weight of the BM25 ranking: BM25 is the stronger retriever on these documents.
    bm25: float = 2.0
    # Fusion weight of each embedder's dense ranking when the index holds several.
    dense: float = 1.0
    # How deep each retriever's list goes into fusion: deep enough that a clause ranked
    # moderately by all three retrievers still collects from each.
    depth: int = 200
    fusion_k: int = RRF_K
    # Per query facet (actor, deadline window, kind) the clause's tags match.
    facet_boost: float = 0.3
    # A clause that states a time (any tense), when the query asks "wanneer" / "when".
    when_boost: float = 1.0
    # A clause that names who acts (in its text, or a table row's responsible column), when the
    # query asks "wie" / "who".
    who_boost: float = 0.5
    # How much the BM25 score of a clause's innermost heading, and that of the clauses just
    # before and after it, add to the BM25 score of its own text.
    heading_weight: float = 0.3
    context_weight: float = 0.35
    # Fusion weight of each embedder's window ranking: a clause scored by the mean cosine of
    # itself and its neighbours in the document, so a sentence that names its subject only in
    # the sentences around it ("deze regeling") is still found through its passage.
    window: float = 0.0
    # Added to a clause's cosine per embedder: this weight times the cosine of its section's
    # context (document title and section trail, embedded once per section), so a clause is
    # found through the section it stands in. Chosen out of fold (`python -m eval.cv`).
    section: float = 0.25
    # Headings name a subject but answer nothing, and footnotes are side matter (sources,
    # definitions) that only now and then repeat a commitment: their fused scores are scaled.
    heading_factor: float = 0.5
    footnote_factor: float = 0.5
    # Re-order the fused head with the stored second-stage model (index/ranker.json, see
    # index.rerank), where there is one for the index's embedders.
    rerank: bool = True

    def fusion(self, names: list[str]) -> dict[str, float]:
        """Fusion weight per ranking name: "bm25", and "dense:<embedder>" for each embedder."""
        return {
            n: self.bm25 if n == "bm25" else self.window if n.startswith("window:") else self.dense
            for n in names
        }


# The tuned values: what the CLI, the app and eval rank with.
DEFAULT_WEIGHTS = SearchWeights()
