"""CLI commands: register (filled in by its issue)."""
