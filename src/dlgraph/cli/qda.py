"""``dlgraph codebook`` and ``dlgraph qda``: REFI-QDA codebooks and projects."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from dlgraph.cli.options import (
    CodebookFormat,
    Lang,
    Quiet,
    ShowValues,
    SourceLanguage,
    as_given,
    output,
)
from dlgraph.cli.output import say
from dlgraph.qda import codebook, export_project, import_project
from dlgraph.write import write_atomic

__all__ = ["codebook_command", "export_command", "import_command", "qda_app"]

CodebookFile = Annotated[
    Path | None, output("Write the codebook to this file (atomically) instead of stdout.")
]
Format = Annotated[
    CodebookFormat,
    typer.Option(
        "--format",
        "-f",
        parser=as_given,
        help="qdc (REFI-QDA XML, for NVivo, ATLAS.ti, MAXQDA, QualCoder) or csv "
        "(tag, description: what Taguette imports).",
    ),
]
ProjectFile = Annotated[
    Path,
    typer.Argument(
        help="The REFI-QDA project archive (.qdpx), or Taguette's highlights (.csv).",
        metavar="PROJECT",
        show_default=False,
    ),
]
CaseFolder = Annotated[
    Path, output("The folder to write the case into (created if need be).", metavar="FOLDER")
]
MapFile = Annotated[
    Path | None,
    typer.Option(
        "--map",
        metavar="FILE",
        help="A YAML file pairing code names or GUIDs with dlgraph terms "
        "(e.g. 'Initiative: taking-initiative'), for codes not from dlgraph's codebook.",
        show_default=False,
    ),
]
CopySources = Annotated[
    bool,
    typer.Option(
        "--copy-sources",
        help="Copy the sources' plain text into FOLDER/sources/; by default the case "
        "names them by reference.",
    ),
]

qda_app = typer.Typer(
    name="qda",
    help="Exchange with qualitative data analysis software (REFI-QDA projects).",
    no_args_is_help=True,
    rich_markup_mode=None,
)


@qda_app.callback()
def _qda(show_values: ShowValues = False) -> None:
    """Exchange with qualitative data analysis software (REFI-QDA projects)."""


def codebook_command(
    lang: Lang,
    target: CodebookFile = None,
    fmt: Format = CodebookFormat["qdc"],
    quiet: Quiet = False,
    show_values: ShowValues = False,
) -> None:
    """Write the ontology as a REFI-QDA codebook (.qdc) to import into a QDA tool.

    A code per term a researcher codes (kinds of act, roles, mandates and their parts,
    rooms, values, goals, risks, challenges, situations, trust), labelled and described
    in the chosen language; each code's GUID comes from the term's IRI, so it is the same
    in every language and every export.

    Example: dlgraph codebook -o dlgraph.qdc --lang sv
    """
    data = codebook(str(lang), str(fmt))
    if target is None:
        sys.stdout.buffer.write(data)
    else:
        write_atomic(target, data)
        say(quiet, f"wrote {target}")


def import_command(
    project: ProjectFile,
    target: CaseFolder,
    map_file: MapFile = None,
    copy_sources: CopySources = False,
    source_language: SourceLanguage = None,
    quiet: Quiet = False,
    show_values: ShowValues = False,
) -> None:
    """Turn a coded REFI-QDA project (.qdpx) into a dlgraph case in FOLDER.

    PROJECT may also be Taguette's highlights export (.csv: id, document, tag,
    content), whose passages become quotes located by document and highlight number.
    Every text source becomes a source, every coded selection a quote with its exact
    text and place; a kind of leadership act coded for a REFI case becomes that
    person's act, the parts of a mandate (task, direction, frames, room for action)
    that person's mandate, other codes claims. The case file's path is printed on stdout.

    Exit codes: 0 written, 2 unusable archive (a path out of the archive, a DTD, bad
    XML), 3 the folder cannot be written, 5 a member larger than the size limit.

    Example: dlgraph qda import interviews.qdpx -o case/ --map codes.yaml
    """
    result = import_project(
        project, target, map_file=map_file, copy_sources=copy_sources, language=source_language
    )
    typer.echo(str(result.case_file))
    say(
        quiet,
        f"{result.sources} source(s), {result.quotes} quote(s), {result.acts} act(s), "
        f"{result.mandates} mandate(s), {result.claims} claim(s)",
    )


CaseFile = Annotated[
    Path,
    typer.Argument(
        help="The case file (or any graph dlgraph loads).", metavar="CASE", show_default=False
    ),
]
ProjectTarget = Annotated[Path, output("The project archive to write (.qdpx), atomically.")]


def export_command(
    case: CaseFile,
    target: ProjectTarget,
    lang: Lang,
    quiet: Quiet = False,
    show_values: ShowValues = False,
) -> None:
    """Write a case's sources and quotes as a REFI-QDA project (.qdpx) for a QDA tool.

    Each source's plain text is its quotes, one paragraph each; each quote is a selection
    coded with dlgraph's codes (in --lang) for the acts, mandates and claims resting on
    it, and the people who act are REFI cases.

    Example: dlgraph qda export case/case.yaml -o evidence.qdpx --lang sv
    """
    result = export_project(case, target, lang=str(lang))
    say(quiet, f"wrote {result.archive}: {result.sources} source(s), {result.selections} quote(s)")
