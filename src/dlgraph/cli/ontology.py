"""``dlgraph ontology`` and ``dlgraph docs``: the ontology itself, and its documentation."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated, cast

import typer

import dlgraph
from dlgraph.cli.options import OntologyFormat, OntologyPart, Quiet, ShowValues, as_given, output
from dlgraph.cli.output import say
from dlgraph.errors import EXIT_VIOLATIONS
from dlgraph.ontology.graphs import OntologyPart as PartName
from dlgraph.ontology.graphs import serialize_ontology
from dlgraph.reason.quality import check_ontology
from dlgraph.write import write_atomic

__all__ = ["docs_command", "ontology_command"]


Format = Annotated[
    OntologyFormat,
    typer.Option("--format", "-f", parser=as_given, help="The RDF format to print or write."),
]
Part = Annotated[
    OntologyPart,
    typer.Option(
        "--part",
        parser=as_given,
        help="merged (dlgraph + alignment), base (dlgraph's own axioms) or alignment.",
    ),
]
OntologyFile = Annotated[Path | None, output("Write to this file (atomically) instead of stdout.")]
Check = Annotated[
    bool,
    typer.Option(
        "--check",
        help="Run the quality checks (labels in en/sv/da, definitions, declarations, "
        "superclass roots, domains and ranges, HermiT consistency) instead of printing. "
        "Exit code 1 when a check finds a defect.",
    ),
]
Reasoner = Annotated[
    bool,
    typer.Option("--reasoner/--no-reasoner", help="With --check: run HermiT (needs Java)."),
]


def ontology_command(
    fmt: Format = OntologyFormat["turtle"],
    part: Part = OntologyPart["merged"],
    target: OntologyFile = None,
    check: Check = False,
    reasoner: Reasoner = True,
    quiet: Quiet = False,
    show_values: ShowValues = False,
) -> None:
    """Print or write the dlgraph ontology, or check its quality.

    Example: dlgraph ontology --format json-ld -o dlgraph.jsonld
    """
    if check:
        findings = check_ontology(reasoner=reasoner)
        for finding in findings:
            typer.echo(str(finding))
        say(quiet, f"ontology checks: {f'{len(findings)} defect(s)' if findings else 'no defect'}")
        raise typer.Exit(EXIT_VIOLATIONS if findings else 0)
    text = serialize_ontology(cast(PartName, part), fmt)
    if target is None:
        sys.stdout.write(text)
    else:
        write_atomic(target, text)
        say(quiet, f"wrote {target}")


DocsFolder = Annotated[
    Path, output("The folder to write the pages into (created if need be).", metavar="FOLDER")
]


def docs_command(
    target: DocsFolder,
    show_values: ShowValues = False,
) -> None:
    """Write HTML documentation of the ontology, the shapes and the named queries.

    Writes index.html, ontology.html (pyLODE, in English with the Swedish and Danish
    labels and definitions as notes), terms.html (every term's labels in English, Swedish
    and Danish), shapes.html (each coherence rule's shapes: severity, risk, messages in
    the three languages), queries.html (titles, descriptions, parameters) and
    case-format.html (every key of the researcher case format with its type and an
    example; case-format.sv.html and case-format.da.html in Swedish and Danish). The
    pages open without a network. The paths written are listed on stdout.

    Exit codes: 0 written, 2 unusable output folder, 3 pyLODE is not installed
    (pip install 'dlgraph[docs]').

    Example: dlgraph docs -o site/
    """
    for path in dlgraph.write_docs(target):
        typer.echo(str(path))
