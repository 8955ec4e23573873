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
    # (page, title, Material icon, URL path); the first is the landing page.
    table = (
        (search.render, "Zoeken", "search", "zoeken"),
        (deadlines.render, "Deadlines", "event", "deadlines"),
        (promises.render, "Toezeggingen", "assignment_turned_in", "toezeggingen"),
        (watch.render, "Volglijst", "visibility", "volglijst"),
        (documents.render, "Documenten", "description", "documenten"),
        (evaluation.render, "Evaluatie", "monitoring", "evaluatie"),
    )
    pages = [
        st.Page(render, title=title, icon=f":material/{icon}:", url_path=path, default=n == 0)
        for n, (render, title, icon, path) in enumerate(table)
    ]
    st.navigation(pages).run()


main()
