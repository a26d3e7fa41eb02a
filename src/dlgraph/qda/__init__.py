"""REFI-QDA (QDA-XML) exchange with qualitative data analysis software.

:func:`codebook` writes the ontology as a codebook (``.qdc``) a researcher codes with;
:func:`import_project` turns a coded project (``.qdpx``) into a dlgraph case, and
:func:`export_project` a case into a project.
"""

from __future__ import annotations

from dlgraph.qda.codebook import codebook
from dlgraph.qda.export import ExportResult, export_project
from dlgraph.qda.importing import ImportResult, import_project
from dlgraph.qda.terms import term_guid

__all__ = [
    "ExportResult",
    "ImportResult",
    "codebook",
    "export_project",
    "import_project",
    "term_guid",
]
