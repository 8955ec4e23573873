"""Documenten: the stored documents with their clause counts, and uploading a new one."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from app.ui import common
from app.ui.upload import UploadError, add_upload_or_busy


def render() -> None:
    """Draw the documents page."""
    cfg = common.settings()
    st.title("Documenten")
    with common.store(cfg) as store:
        documents = store.documents()
        counts = store.count()
    if not documents:
        st.info("Nog geen documenten. Open de pagina Zoeken om het standaardcorpus in te lezen.")
    else:
        table = pd.DataFrame(
            {
                "Titel": [d.title for d in documents],
                "Titel uit": [d.source("title") or "" for d in documents],
                "Datum": [d.date for d in documents],
                "Datum uit": [d.source("date") or "" for d in documents],
                "Clausules": [counts.get(d.id, 0) for d in documents],
                "Soort": [d.doc_type for d in documents],
                "Pagina's": [d.pages for d in documents],
                "Afzenders": [", ".join(d.senders) for d in documents],
                "Afzenders uit": [d.source("senders") or "" for d in documents],
                "Kenmerk": [d.kenmerk or "" for d in documents],
                "Versie": [d.version for d in documents],
                "Bestand": [d.id for d in documents],
            }
        )
        st.dataframe(table, hide_index=True, width="stretch")
        st.caption(f"{len(documents)} documenten, {sum(counts.values())} clausules in totaal.")

    st.subheader("Document toevoegen")
    with st.form("upload", clear_on_submit=True):
        uploaded = st.file_uploader("PDF of tekstbestand", type=["pdf", "txt"], key="upload_file")
        submitted = st.form_submit_button("Inlezen", type="primary")
    if submitted:
        if uploaded is None:
            st.warning("Kies eerst een bestand.")
            return
        _ingest_upload(uploaded.name, uploaded.getvalue())


def _ingest_upload(name: str, data: bytes) -> None:
    cfg = common.settings()
    bar = st.progress(0.0, text="Bestand opslaan")

    def progress(step: str, fraction: float) -> None:
        bar.progress(fraction, text=step)

    try:
        result = add_upload_or_busy(cfg, name, data, progress=progress)
    except UploadError as exc:
        bar.empty()
        st.error(f"Niet ingelezen: {exc}")
        return
    if result.changed:
        common.reset_searcher()
        if result.new_version:
            st.success(f"{result.name} is een nieuwe versie van een opgeslagen bestand; ingelezen.")
        else:
            st.success(f"{result.name} is ingelezen en doorzoekbaar.")
    else:
        st.info(f"{result.name} stond al in het corpus; er is niets veranderd.")
