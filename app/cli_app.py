"""CLI commands: app (filled in by its issue)."""
