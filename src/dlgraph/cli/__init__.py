"""The ``dlgraph`` command line, a thin layer over the public API.

It exports ``app``, the Typer app (for typer's CliRunner and for embedding), and
``main``, the entry point of the ``dlgraph`` script and of ``python -m dlgraph``. One
module holds the app, its root options and main (:mod:`dlgraph.cli.app`); the options
the commands share are declared once (:mod:`dlgraph.cli.options`); each group of commands
has its module (ontology, validate, query, reason, files, stores).
"""

from dlgraph.cli.app import app, main

__all__ = ["app", "main"]
