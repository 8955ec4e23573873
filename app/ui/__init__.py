"""The Streamlit app's pages and helpers: one module per page, shared text and resource helpers."""

__all__ = ["common", "deadlines", "documents", "evaluation", "promises", "search", "text"]
