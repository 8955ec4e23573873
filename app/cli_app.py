"""CLI command: app, which serves the Streamlit app headless on 127.0.0.1."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import click

from app.cli_common import Context, embedding_progress, one_line_errors, pass_ctx

ENTRY_POINT = Path(__file__).resolve().parent / "streamlit_app.py"


def streamlit_command(port: int) -> list[str]:
    """The `streamlit run` command line for the app on 127.0.0.1:`port`."""
    return [
        sys.executable,
        "-m",
        "streamlit",
        "run",
        str(ENTRY_POINT),
        "--server.headless",
        "true",
        "--server.address",
        "127.0.0.1",
        "--server.port",
        str(port),
        "--browser.gatherUsageStats",
        "false",
        "--client.toolbarMode",
        "minimal",
        "--server.maxUploadSize",
        "50",
    ]


@click.command("app")
@click.option(
    "--port",
    default=8501,
    show_default=True,
    type=click.IntRange(1, 65535),
    help="Port on 127.0.0.1.",
)
@pass_ctx
def app_command(ctx: Context, port: int) -> None:
    """Serve the Streamlit app on http://127.0.0.1:PORT (stop with Ctrl+C)."""
    from app import service

    # Ingest and index before serving, so the app only loads (seconds) and never builds.
    with one_line_errors(), embedding_progress("Building the index") as progress:
        service.prepare_index(ctx.settings, progress=progress)
    env = dict(os.environ)
    env["AKKOORD_HOME"] = str(ctx.settings.home)
    env["AKKOORD_EMBEDDER"] = ctx.settings.embedder
    click.echo(f"akkoord app on http://127.0.0.1:{port} (home {ctx.settings.home})", err=True)
    try:
        code = subprocess.call(streamlit_command(port), env=env)
    except KeyboardInterrupt:
        code = 0
    sys.exit(code)
