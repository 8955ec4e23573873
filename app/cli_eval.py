"""CLI commands: eval (filled in by its issue)."""
