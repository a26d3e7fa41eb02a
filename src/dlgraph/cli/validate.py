"""``dlgraph validate`` and ``dlgraph report``: the coherence rules, for machines and people."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated, cast

import typer

import dlgraph
from dlgraph.cli.options import (
    AllowOutside,
    CommandTimeout,
    EndpointOption,
    Errors,
    Graphs,
    Lang,
    MaxMemory,
    OptionalPaths,
    Paths,
    Quiet,
    ReportFormat,
    ShapeSet,
    ShowValues,
    StoreOption,
    Timeout,
    ValidationEngine,
    ValidationProfile,
    as_given,
    deadline,
    output,
    run_language,
)
from dlgraph.cli.output import say, shown
from dlgraph.cli.sources import data_source, load_paths
from dlgraph.errors import EXIT_VIOLATIONS
from dlgraph.privacy import showing_values
from dlgraph.report.ui_text import strings, text
from dlgraph.validate.api import AUTO_ENGINE_THRESHOLD, ValidationReasoning
from dlgraph.validate.api import ValidationEngine as EngineName

__all__ = ["report_command", "validate_command"]


ReportFormatOption = Annotated[
    ReportFormat,
    typer.Option(
        "--format",
        "-f",
        parser=as_given,
        help="text: a report for people, grouped by rule and node, with labels and a "
        "summary line; json: the same as data; turtle: the SHACL validation report.",
    ),
]
ExtraShapes = Annotated[
    list[Path] | None,
    typer.Option(
        "--shapes",
        help="Extra SHACL shapes of your own (a Turtle file); repeat for several. Their "
        "findings are listed under 'Other shapes'.",
        metavar="FILE",
        show_default=False,
    ),
]
ShapeSets = Annotated[
    list[ShapeSet] | None,
    typer.Option(
        "--set",
        parser=as_given,
        help=f"Check only this concern ({', '.join(ShapeSet)}); repeat for several. Default: all.",
        metavar="NAME",
        show_default=False,
    ),
]
InferFirst = Annotated[
    ValidationProfile,
    typer.Option(
        "--profile",
        parser=as_given,
        help="Infer first, over the data and the ontology: none, rdfs or rl (OWL 2 RL; "
        "also accepted: owlrl). --reason is its older name.",
    ),
]
ShaclEngine = Annotated[
    ValidationEngine,
    typer.Option(
        "--engine",
        parser=as_given,
        help="SHACL engine: pyshacl, oxigraph (the shapes compiled to SPARQL on "
        "Oxigraph; the same report, fast on large graphs) or auto (oxigraph from "
        f"{AUTO_ENGINE_THRESHOLD} triples on).",
    ),
]


def validate_command(
    paths: OptionalPaths = None,
    fmt: ReportFormatOption = ReportFormat["text"],
    *,
    lang: Lang,
    shapes: ExtraShapes = None,
    shape_set: ShapeSets = None,
    profile: InferFirst = ValidationProfile["none"],
    store: StoreOption = None,
    endpoint: EndpointOption = None,
    graph: Graphs = None,
    timeout: Timeout = None,
    max_memory: MaxMemory = None,
    engine: ShaclEngine = ValidationEngine["auto"],
    quiet: Quiet = False,
    show_values: ShowValues = False,
    allow_outside: AllowOutside = False,
    errors: Errors = "text",
) -> None:
    """Check that delegated leadership coheres: the twelve coherence rules, and two more.

    Validates the files together with the dlgraph ontology against dlgraph's SHACL shapes
    (mandates, delegation, alignment, coordination, time, organisational rooms, roles,
    line organisation, evidence, datatypes, references) and prints the findings on
    stdout. With --format json or turtle the summary line goes to stderr.

    Exit codes: 0 the graph conforms (warnings and info allowed), 1 at least one
    violation, 2 unusable input or usage (a missing file, a syntax error, an unknown
    option value), 5 the validation ran past --timeout.

    Examples:

      dlgraph validate examples/

      dlgraph validate case.ttl --lang sv --format json > report.json

      dlgraph validate case.ttl --shapes my-rules.ttl --profile rdfs

      dlgraph validate --store data.oxigraph --graph https://example.org/north

      dlgraph validate --endpoint http://127.0.0.1:7878/query
    """
    spoken = run_language(lang, paths)
    report = dlgraph.validate(
        data_source(paths, store, endpoint, graph, timeout, quiet),
        lang=spoken,
        shape_sets=shape_set or None,
        reason=cast(ValidationReasoning, profile),
        extra_shapes=shapes or (),
        timeout=deadline(timeout),
        engine=cast(EngineName, engine),
    )
    text = report.serialize(fmt)
    sys.stdout.write(shown(text, keep_newlines=True) if fmt == "text" else text)
    if fmt != "text":
        say(quiet, report.summary())
    raise typer.Exit(0 if report.conforms else EXIT_VIOLATIONS)


HtmlFile = Annotated[Path, output("The HTML file to write (atomically).")]
WithValidation = Annotated[
    bool,
    typer.Option(
        "--validate/--no-validate",
        help="Validate against the coherence shapes and show the findings (default).",
    ),
]
Redact = Annotated[
    bool,
    typer.Option(
        "--redact",
        help="Leave persons' names (persons appear by pseudonym or id), quotes and claims "
        "out of the report, even with --show-values: for a report to pass on.",
    ),
]
Title = Annotated[
    str | None,
    typer.Option(
        "--title",
        help="The report's title (default: the names of the top units of the line).",
        metavar="TITLE",
        show_default=False,
    ),
]


def report_command(
    paths: Paths,
    target: HtmlFile,
    *,
    lang: Lang,
    check: WithValidation = True,
    title: Title = None,
    redact: Redact = False,
    timeout: CommandTimeout = None,
    quiet: Quiet = False,
    show_values: ShowValues = False,
    allow_outside: AllowOutside = False,
    errors: Errors = "text",
) -> None:
    """Write an HTML report for people: one self-contained file, no network needed.

    It shows the summary counts; a picture of the line organisation with the
    organisational rooms and communication paths across unit boundaries over it, and the
    delegations with the problems validation found drawn on it; the delegation chains
    with each mandate's scope; the leadership acts by period, on own initiative or on
    direction; and the validation findings by rule, with the evidence quotes behind each
    one click away. Quotes are shown word for word, and persons by name with
    --show-values (else by pseudonym or id); --redact leaves names, quotes and claims out.

    Exit codes: 0 the report was written (whatever it found), 2 unusable input or usage.

    Examples:

      dlgraph report examples/ -o report.html

      dlgraph report case.ttl -o rapport.html --lang sv

      dlgraph report examples/ -o to-share.html --redact
    """
    strings(lang)  # the report's own check of its language, before any loading
    spoken = run_language(lang, paths)
    graph = load_paths(paths, quiet)
    findings = None
    summary = text("cli_not_validated", spoken)
    if check:
        with dlgraph.show_values(showing_values() and not redact):
            validation = dlgraph.validate(graph, lang=spoken)
            findings = dlgraph.findings_of(validation)
        summary = text(
            "cli_report_counts",
            spoken,
            violations=len(validation.violations),
            warnings=len(validation.warnings),
            infos=len(validation.infos),
        )
    dlgraph.write_report(target, graph, lang=spoken, findings=findings, title=title, redact=redact)
    say(quiet, text("cli_wrote_report", spoken, target=target, summary=summary))
