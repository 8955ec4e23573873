"""The akkoord Streamlit app: Zoeken, Deadlines, Toezeggingen, Volglijst, Documenten, Evaluatie."""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from app.ui import common, deadlines, documents, evaluation, promises, search, watch

# Served by the app itself: a Material icon name would make the browser fetch the page icon from
# an outside font host, and akkoord makes no outside request.
PAGE_ICON = Path(__file__).resolve().parent / "static" / "akkoord.png"


def main() -> None:
    """Configure the page and run the page the user picked."""
    st.set_page_config(page_title="akkoord", page_icon=str(PAGE_ICON), layout="wide")
    common.prefetch(common.settings())  # whatever page opens first, start loading the index
    pages = [
        st.Page(
            search.render, title="Zoeken", icon=":material/search:", url_path="zoeken", default=True
        ),
        st.Page(deadlines.render, title="Deadlines", icon=":material/event:", url_path="deadlines"),
        st.Page(
            promises.render,
            title="Toezeggingen",
            icon=":material/assignment_turned_in:",
            url_path="toezeggingen",
        ),
        st.Page(
            watch.render, title="Volglijst", icon=":material/visibility:", url_path="volglijst"
        ),
        st.Page(
            documents.render,
            title="Documenten",
            icon=":material/description:",
            url_path="documenten",
        ),
        st.Page(
            evaluation.render, title="Evaluatie", icon=":material/monitoring:", url_path="evaluatie"
        ),
    ]
    st.navigation(pages).run()


main()
