"""REFI-QDA (QDA-XML) exchange with qualitative data analysis software.

:func:`codebook` writes the ontology as a codebook (``.qdc``) a researcher codes with;
:func:`import_project` turns a coded project (``.qdpx``) into a dlgraph case.
"""

from __future__ import annotations

from dlgraph.qda.codebook import codebook
from dlgraph.qda.importing import ImportResult, import_project
from dlgraph.qda.terms import term_guid

__all__ = ["ImportResult", "codebook", "import_project", "term_guid"]
