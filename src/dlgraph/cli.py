"""The ``dlgraph`` command line: a thin layer over the public API.

Machine output goes to stdout, messages for people to stderr. Every DlgraphError becomes
one or two lines on stderr and the exit code the error names; no traceback.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, NoReturn, cast

import typer
from rich.console import Console

from . import __version__
from .authoring import new_case
from .errors import EXIT_VIOLATIONS, DlgraphError, UnknownNameError
from .load import load
from .ontology import OntologyPart, serialize_ontology
from .quality import check_ontology
from .report import LANGUAGES, REPORT_FORMATS
from .validate import REASONING, Reasoning, validate
from .write import write_atomic

__all__ = ["app", "main"]

app = typer.Typer(
    name="dlgraph",
    help=(
        "Load, validate, reason over, query and publish knowledge graphs of distributed "
        "leadership in organisations.\n\n"
        "Exit codes: 0 success (validate: no violation), 1 validate found a violation, "
        "2 unusable input or usage, 3 missing environment (Java, optional package), "
        "4 network refused or remote endpoint failed, 5 time or size limit exceeded."
    ),
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)

err_console = Console(stderr=True, highlight=False, soft_wrap=True)


def fail(error: DlgraphError) -> NoReturn:
    """Print ``error`` for a person and exit with its code."""
    err_console.print(f"error: {error.message}", markup=False)
    if error.hint:
        err_console.print(f"hint: {error.hint}", markup=False)
    raise typer.Exit(error.exit_code)


@contextmanager
def reported() -> Iterator[None]:
    """Turn DlgraphError raised inside the block into a message and an exit code."""
    try:
        yield
    except DlgraphError as error:
        fail(error)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"dlgraph {__version__}")
        raise typer.Exit(0)


@app.callback()
def _root(
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_version, is_eager=True, help="Print the version and exit."
        ),
    ] = False,
) -> None:
    """dlgraph: knowledge graphs of distributed leadership."""


@app.command("ontology")
def ontology_command(
    fmt: Annotated[
        str,
        typer.Option("--format", "-f", help="turtle, json-ld, rdf/xml or n-triples."),
    ] = "turtle",
    part: Annotated[
        str,
        typer.Option(
            "--part",
            help="merged (dlgraph + alignment), base (dlgraph's own axioms) or alignment.",
        ),
    ] = "merged",
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", help="Write to this file (atomically) instead of stdout."),
    ] = None,
    check: Annotated[
        bool,
        typer.Option(
            "--check",
            help="Run the quality checks (labels in en/sv/da, definitions, declarations, "
            "superclass roots, domains and ranges, HermiT consistency) instead of printing. "
            "Exit code 1 when a check finds a defect.",
        ),
    ] = False,
    reasoner: Annotated[
        bool,
        typer.Option("--reasoner/--no-reasoner", help="With --check: run HermiT (needs Java)."),
    ] = True,
) -> None:
    """Print or write the dlgraph ontology, or check its quality.

    Example: dlgraph ontology --format json-ld -o dlgraph.jsonld
    """
    with reported():
        if check:
            findings = check_ontology(reasoner=reasoner)
            for finding in findings:
                typer.echo(str(finding))
            count = f"{len(findings)} defect(s)" if findings else "no defect"
            err_console.print(f"ontology checks: {count}", markup=False)
            raise typer.Exit(EXIT_VIOLATIONS if findings else 0)
        text = serialize_ontology(cast(OntologyPart, part), fmt)
        if output is None:
            sys.stdout.write(text)
        else:
            write_atomic(output, text)
            err_console.print(f"wrote {output}", markup=False)


@app.command("validate")
def validate_command(
    paths: Annotated[
        list[Path],
        typer.Argument(
            help="Files or folders to validate together (Turtle, TriG, N-Triples, N-Quads, "
            "JSON-LD, RDF/XML, researcher case files); folders are read recursively.",
            metavar="PATH...",
            show_default=False,
        ),
    ],
    fmt: Annotated[
        str,
        typer.Option(
            "--format",
            "-f",
            help="text: a report for people, grouped by rule and node, with labels and a "
            "summary line; json: the same as data; turtle: the SHACL validation report.",
            metavar="FORMAT",
        ),
    ] = "text",
    lang: Annotated[
        str,
        typer.Option(
            "--lang",
            "-l",
            help="Language of the messages and labels: en, sv or da.",
            metavar="LANG",
        ),
    ] = "en",
    shapes: Annotated[
        list[Path] | None,
        typer.Option(
            "--shapes",
            "-s",
            help="Extra SHACL shapes of your own (a Turtle file); repeat for several. Their "
            "findings are listed under 'Other shapes'.",
            metavar="FILE",
            show_default=False,
        ),
    ] = None,
    shape_set: Annotated[
        list[str] | None,
        typer.Option(
            "--set",
            help="Check only this concern (delegation, mandates, alignment, coordination, "
            "time, rooms, roles, line-organisation, evidence); repeat for several. "
            "Default: all.",
            metavar="NAME",
            show_default=False,
        ),
    ] = None,
    reason: Annotated[
        str,
        typer.Option(
            "--reason",
            help="Infer first, over the data and the ontology: none, rdfs or owlrl.",
            metavar="MODE",
        ),
    ] = "none",
) -> None:
    """Check that delegated leadership coheres: the twelve coherence rules.

    Validates the files together with the dlgraph ontology against dlgraph's SHACL shapes
    (mandates, delegation, alignment, coordination, time, organisational rooms, roles,
    line organisation, evidence) and prints the findings on stdout. With --format json or
    turtle the summary line goes to stderr.

    Exit codes: 0 the graph conforms (warnings and info allowed), 1 at least one
    violation, 2 unusable input or usage (a missing file, a syntax error, an unknown
    option value).

    Examples:

      dlgraph validate examples/

      dlgraph validate case.ttl --lang sv --format json > report.json

      dlgraph validate case.ttl --shapes my-rules.ttl --reason rdfs
    """
    with reported():
        if fmt not in REPORT_FORMATS:
            raise UnknownNameError(
                f"unknown report format {fmt!r}", hint=f"use one of: {', '.join(REPORT_FORMATS)}"
            )
        if lang not in LANGUAGES:
            raise UnknownNameError(
                f"unknown language {lang!r}", hint=f"use one of: {', '.join(LANGUAGES)}"
            )
        if reason not in REASONING:
            raise UnknownNameError(
                f"unknown reasoning {reason!r}", hint=f"use one of: {', '.join(REASONING)}"
            )
        graph = load(*paths)
        report = validate(
            graph,
            lang=lang,
            shape_sets=shape_set or None,
            reason=cast(Reasoning, reason),
            extra_shapes=shapes or (),
        )
        sys.stdout.write(report.serialize(fmt))
        if fmt != "text":
            err_console.print(report.summary(), markup=False)
    raise typer.Exit(0 if report.conforms else EXIT_VIOLATIONS)


@app.command("report")
def report_command(
    paths: Annotated[
        list[Path],
        typer.Argument(
            help="Files or folders to show together (Turtle, TriG, N-Triples, N-Quads, "
            "JSON-LD, RDF/XML, researcher case files); folders are read recursively.",
            metavar="PATH...",
            show_default=False,
        ),
    ],
    output: Annotated[
        Path,
        typer.Option(
            "--output",
            "-o",
            help="The HTML file to write (atomically).",
            metavar="FILE",
            show_default=False,
        ),
    ],
    lang: Annotated[
        str,
        typer.Option(
            "--lang",
            "-l",
            help="Language of the labels, messages and headings: en, sv or da.",
            metavar="LANG",
        ),
    ] = "en",
    check: Annotated[
        bool,
        typer.Option(
            "--validate/--no-validate",
            help="Validate against the coherence shapes and show the findings (default).",
        ),
    ] = True,
    title: Annotated[
        str | None,
        typer.Option(
            "--title",
            help="The report's title (default: the names of the top units of the line).",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Write an HTML report for people: one self-contained file, no network needed.

    It shows the summary counts; a picture of the line organisation with the
    organisational rooms and communication paths across unit boundaries over it, and the
    delegations with the problems validation found drawn on it; the delegation chains
    with each mandate's scope; the leadership acts by period, on own initiative or on
    direction; and the validation findings by rule, with the evidence quotes behind each
    one click away.

    Exit codes: 0 the report was written (whatever it found), 2 unusable input or usage.

    Examples:

      dlgraph report examples/ -o report.html

      dlgraph report case.ttl -o rapport.html --lang sv
    """
    from .htmlreport import findings_of, write_report
    from .ui_text import strings

    with reported():
        strings(lang)
        graph = load(*paths)
        findings = None
        summary = "not validated"
        if check:
            validation = validate(graph, lang=lang)
            findings = findings_of(validation)
            summary = (
                f"{len(validation.violations)} violation(s), {len(validation.warnings)} "
                f"warning(s), {len(validation.infos)} info"
            )
        write_report(output, graph, lang=lang, findings=findings, title=title)
        err_console.print(f"wrote {output} ({summary})", markup=False)


@app.command("new")
def new_command(
    name: Annotated[str, typer.Argument(help="The case's name: letters, digits, - and _.")],
    output: Annotated[
        Path,
        typer.Option("--output", "-o", help="The folder to create the case folder in."),
    ] = Path("."),
) -> None:
    """Write a commented starter case (YAML, CSV files, JSON Schema) to fill in.

    The case goes to OUTPUT/NAME/NAME.yaml with people.csv, memberships.csv and
    acts.csv beside it; it loads as it is. The files written are listed on stdout.

    Example: dlgraph new covid-sweden -o cases
    """
    with reported():
        files = new_case(name, output)
        for path in files:
            typer.echo(str(path))
        err_console.print(
            f"wrote the starter case {name}: edit {files[0]} and check it with "
            f"dlgraph convert {files[0]}",
            markup=False,
        )


@app.command("docs")
def docs_command(
    output: Annotated[
        Path,
        typer.Option(
            "--output",
            "-o",
            help="The folder to write the pages into (created if need be).",
            metavar="DIR",
            show_default=False,
        ),
    ],
) -> None:
    """Write HTML documentation of the ontology, the shapes and the named queries.

    Writes index.html, ontology.html (pyLODE, in English with the Swedish and Danish
    labels and definitions as notes), terms.html (every term's labels in English, Swedish
    and Danish), shapes.html (each coherence rule's shapes: severity, risk, messages in
    the three languages) and queries.html (titles, descriptions, parameters). The pages
    open without a network. The paths written are listed on stdout.

    Exit codes: 0 written, 2 unusable output folder, 3 pyLODE is not installed
    (pip install 'dlgraph[docs]').

    Example: dlgraph docs -o site/
    """
    from .docs import write_docs

    with reported():
        for path in write_docs(output):
            typer.echo(str(path))


def main() -> None:
    """Entry point of the ``dlgraph`` script."""
    try:
        app()
    except KeyboardInterrupt:
        err_console.print("interrupted", markup=False)
        sys.exit(130)
