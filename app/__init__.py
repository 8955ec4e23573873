"""The akkoord CLI and Streamlit app: thin layers over the library rooms."""

__all__: list[str] = []
