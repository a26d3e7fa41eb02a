"""dlgraph.cli."""

from dlgraph.cli.app import app, main

__all__ = ["app", "main"]
