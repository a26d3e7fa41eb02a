"""``dlgraph codebook`` and ``dlgraph qda``: REFI-QDA codebooks and projects."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

from dlgraph.cli.options import Lang, Quiet, output
from dlgraph.cli.output import say
from dlgraph.qda import codebook
from dlgraph.write import write_atomic

__all__ = ["codebook_command"]

CodebookFile = Annotated[
    Path | None, output("Write the codebook to this file (atomically) instead of stdout.")
]


def codebook_command(lang: Lang, target: CodebookFile = None, quiet: Quiet = False) -> None:
    """Write the ontology as a REFI-QDA codebook (.qdc) to import into a QDA tool.

    A code per term a researcher codes (kinds of act, roles, mandates and their parts,
    rooms, values, goals, risks, challenges, situations, trust), labelled and described
    in the chosen language; each code's GUID comes from the term's IRI, so it is the same
    in every language and every export.

    Example: dlgraph codebook -o dlgraph.qdc --lang sv
    """
    data = codebook(str(lang))
    if target is None:
        sys.stdout.buffer.write(data)
    else:
        write_atomic(target, data)
        say(quiet, f"wrote {target}")
