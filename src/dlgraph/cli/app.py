"""The ``dlgraph`` command line: a thin layer over the public API.

Machine output goes to stdout, messages for people to stderr. Every DlgraphError becomes
one or two lines on stderr and the exit code the error names; no traceback.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, NoReturn, cast

import typer
from rdflib import URIRef
from rich.console import Console

from dlgraph._version import __version__
from dlgraph.authoring.case import new_case
from dlgraph.deadline import DEFAULT_CLI_TIMEOUT
from dlgraph.errors import (
    EXIT_VIOLATIONS,
    DlgraphError,
    InputError,
    NetworkRefused,
    UnknownNameError,
)
from dlgraph.federate.endpoint import Endpoint
from dlgraph.graph import INFERRED_GRAPH, Engine, OrgGraph
from dlgraph.load.sources import load
from dlgraph.network import DEFAULT_TIMEOUT
from dlgraph.ontology.graphs import OntologyPart, serialize_ontology
from dlgraph.ontology.labels import LANGUAGES
from dlgraph.privacy import set_show_values
from dlgraph.query.run import SelectResult
from dlgraph.reason.quality import check_ontology
from dlgraph.store import Store
from dlgraph.validate.api import (
    AUTO_ENGINE_THRESHOLD,
    ENGINES,
    REASONING,
    ValidationEngine,
    ValidationReasoning,
    validate,
)
from dlgraph.validate.report import REPORT_FORMATS
from dlgraph.write import write_atomic

if TYPE_CHECKING:
    from dlgraph.load.sources import SourceLike
    from dlgraph.query.run import QueryResult

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
    context: typer.Context,
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_version, is_eager=True, help="Print the version and exit."
        ),
    ] = False,
    show_values: Annotated[
        bool,
        typer.Option(
            "--show-values",
            help="Let error messages and reports show values from the data (names, "
            "quotes, ...); by default they leave personal data out.",
        ),
    ] = False,
) -> None:
    """dlgraph: knowledge graphs of distributed leadership."""
    set_show_values(show_values)
    context.call_on_close(lambda: set_show_values(False))


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
        list[Path] | None,
        typer.Argument(
            help="Files or folders to validate together (Turtle, TriG, N-Triples, N-Quads, "
            "JSON-LD, RDF/XML, researcher case files); folders are read recursively.",
            metavar="PATH...",
            show_default=False,
        ),
    ] = None,
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
            help="Infer first, over the data and the ontology: none, rdfs or rl (OWL 2 RL; "
            "also accepted: owlrl).",
            metavar="MODE",
        ),
    ] = "none",
    store: StoreOption = None,
    endpoint: EndpointOption = None,
    graph: GraphsOption = None,
    timeout: TimeoutOption = None,
    engine: Annotated[
        str,
        typer.Option(
            "--engine",
            help="SHACL engine: pyshacl, oxigraph (the shapes compiled to SPARQL on "
            "Oxigraph; the same report, fast on large graphs) or auto (oxigraph from "
            f"{AUTO_ENGINE_THRESHOLD} triples on).",
            metavar="ENGINE",
        ),
    ] = "auto",
) -> None:
    """Check that delegated leadership coheres: the twelve coherence rules.

    Validates the files together with the dlgraph ontology against dlgraph's SHACL shapes
    (mandates, delegation, alignment, coordination, time, organisational rooms, roles,
    line organisation, evidence) and prints the findings on stdout. With --format json or
    turtle the summary line goes to stderr.

    Exit codes: 0 the graph conforms (warnings and info allowed), 1 at least one
    violation, 2 unusable input or usage (a missing file, a syntax error, an unknown
    option value), 5 the validation ran past --timeout.

    Examples:

      dlgraph validate examples/

      dlgraph validate case.ttl --lang sv --format json > report.json

      dlgraph validate case.ttl --shapes my-rules.ttl --reason rdfs

      dlgraph validate --store data.oxigraph --graph https://example.org/north

      dlgraph validate --endpoint http://127.0.0.1:7878/query
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
        if engine not in ENGINES:
            raise UnknownNameError(
                f"unknown engine {engine!r}", hint=f"use one of: {', '.join(ENGINES)}"
            )
        data: OrgGraph | str
        if (
            engine != "pyshacl"
            and paths is not None
            and len(paths) == 1
            and paths[0].is_file()
            and store is None
            and endpoint is None
            and not graph
        ):
            data = str(paths[0])  # read straight into Oxigraph when that path applies
        else:
            data = _data_source(paths, store, endpoint, graph, _remote(timeout))
        report = validate(
            data,
            lang=lang,
            shape_sets=shape_set or None,
            reason=cast(ValidationReasoning, reason),
            extra_shapes=shapes or (),
            timeout=_deadline(timeout),
            engine=cast(ValidationEngine, engine),
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
    from dlgraph.report.html import findings_of, write_report
    from dlgraph.report.ui_text import strings

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
    from dlgraph.report.docs import write_docs

    with reported():
        for path in write_docs(output):
            typer.echo(str(path))


# --- loading, querying, reasoning, converting ------------------------------------------

Paths = Annotated[
    list[str],
    typer.Argument(
        help="Files or folders to load (Turtle, TriG, N-Triples, N-Quads, JSON-LD, RDF/XML, "
        "case files); - reads standard input.",
        show_default=False,
    ),
]
Quiet = Annotated[
    bool, typer.Option("--quiet", "-q", help="No progress or messages on stderr; errors only.")
]
TABLE_FORMATS = ("table", "csv", "tsv", "json")


def _deadline(seconds: float | None) -> float | None:
    """The deadline for work done here: 300 s unless given, none for 0."""
    if seconds is None:
        return DEFAULT_CLI_TIMEOUT
    return None if seconds == 0 else seconds


def _remote(seconds: float | None) -> float:
    """The time-out of each request to an endpoint: 30 s unless given."""
    return seconds or DEFAULT_TIMEOUT


def _complete_named(incomplete: str) -> list[str]:
    from dlgraph.query.named import queries

    return [q.name for q in queries() if q.name.startswith(incomplete)]


def _complete_rdf_format(incomplete: str) -> list[str]:
    from dlgraph.formats import FORMATS

    return [name for name in FORMATS if name.startswith(incomplete)]


SourceFormat = Annotated[
    str | None,
    typer.Option(
        "--from",
        help="Read every input as this format instead of guessing.",
        autocompletion=_complete_rdf_format,
    ),
]


def _say(quiet: bool, message: str) -> None:
    if not quiet:
        err_console.print(message, markup=False)


def _load_paths(
    paths: list[str], quiet: bool, format: str | None = None, engine: str = "auto"
) -> OrgGraph:
    """Load ``paths`` with a progress bar on a terminal's stderr."""
    from dlgraph.load.sources import LoadProgress, load

    sources: list[SourceLike] = [sys.stdin.buffer if p == "-" else Path(p) for p in paths]
    chosen = cast(Engine, engine)  # load checks the name
    if quiet or not err_console.is_terminal:
        return load(*sources, format=format, engine=chosen)
    from rich.progress import Progress

    with Progress(console=err_console, transient=True) as progress:
        task = progress.add_task("loading", total=None)

        def report(step: LoadProgress) -> None:
            progress.update(task, total=step.total, completed=step.done, description=step.name)

        return load(*sources, format=format, progress=report, engine=chosen)


def _parameters(pairs: list[str]) -> dict[str, str]:
    values: dict[str, str] = {}
    for pair in pairs:
        name, sep, value = pair.partition("=")
        if not sep or not name.strip():
            raise typer.BadParameter(f"{pair!r} is not NAME=VALUE", param_hint="--param")
        values[name.strip()] = value
    return values


def _cell(term: object, graph: OrgGraph) -> str:
    """A term as people read it: prefixed names, and files as paths relative to here."""
    from rdflib import URIRef

    from dlgraph.query.run import compact

    if isinstance(term, URIRef) and str(term).startswith("file://"):
        from urllib.parse import unquote, urlsplit

        path = Path(unquote(urlsplit(str(term)).path))
        try:
            return str(path.relative_to(Path.cwd()))
        except ValueError:
            return str(path)
    return compact(term, graph.dataset.namespace_manager)  # type: ignore[arg-type]


def _print_table(result: QueryResult, graph: OrgGraph) -> None:
    """A SELECT as a table, an ASK as true/false, a graph as Turtle, on stdout."""
    from rich.table import Table

    out = Console(highlight=False, width=None if sys.stdout.isatty() else 10_000)
    if isinstance(result, SelectResult):
        table = Table(*result.variables)
        for column in table.columns:
            column.overflow = "fold"
        for row in result.rows:
            table.add_row(*(_cell(term, graph) for term in row))
        out.print(table)
    elif result.kind == "ASK":
        sys.stdout.write(f"{str(bool(result)).lower()}\n")
    else:
        sys.stdout.write(result.serialize("turtle"))


@app.command("query")
def query_command(
    paths: OptionalPaths = None,
    sparql: Annotated[
        str | None,
        typer.Option(
            "--sparql",
            "-s",
            help="A SPARQL query, or a file holding one (SELECT, ASK, CONSTRUCT, DESCRIBE).",
        ),
    ] = None,
    named: Annotated[
        str | None,
        typer.Option(
            "--named",
            "-n",
            help="Run a named query (see dlgraph queries).",
            autocompletion=_complete_named,
        ),
    ] = None,
    param: Annotated[
        list[str] | None,
        typer.Option(
            "--param", "-p", help="NAME=VALUE for a named query's parameter; repeat for more."
        ),
    ] = None,
    fmt: Annotated[
        str,
        typer.Option(
            "--format",
            "-f",
            help="table (for people), csv, tsv or json (the W3C result formats); a "
            "CONSTRUCT or DESCRIBE prints Turtle as table, JSON-LD as json, or any RDF format.",
        ),
    ] = "table",
    store: StoreOption = None,
    endpoint: EndpointOption = None,
    federate: Annotated[
        list[str] | None,
        typer.Option(
            "--federate",
            help="Run the query across SPARQL endpoints through SERVICE; repeat for each "
            "endpoint. With --named, dlgraph writes one SERVICE block per endpoint and adds "
            "an endpoint column.",
            metavar="URL",
            show_default=False,
        ),
    ] = None,
    allow: Annotated[
        list[str] | None,
        typer.Option(
            "--allow",
            help="URL prefixes that --federate endpoints and SERVICE clauses may reach; "
            "default: the --federate endpoints themselves.",
            metavar="PREFIX",
            show_default=False,
        ),
    ] = None,
    timeout: TimeoutOption = None,
    engine: Annotated[
        str,
        typer.Option(
            "--engine",
            help="Where loaded files live and which SPARQL engine runs: rdflib, oxigraph, "
            "or auto (Oxigraph from 1 MiB of input).",
            metavar="auto|rdflib|oxigraph",
        ),
    ] = "auto",
    quiet: Quiet = False,
) -> None:
    """Run a SPARQL query or a named query over files, a store or endpoints; results on stdout.

    Queries are read-only; the prefixes dl, org, prov, skos, time, foaf, dcterms, owl,
    rdf, rdfs, xsd, sh, schema and vann are declared.

    Examples:

      dlgraph query examples/ --named inbetweeners --format csv

      dlgraph query --store data.oxigraph --named municipality-comparison

      dlgraph query --federate http://127.0.0.1:7001/query --federate
      http://127.0.0.1:7002/query --named municipality-comparison
    """
    with reported():
        if (sparql is None) == (named is None):
            raise InputError("give either --sparql or --named", hint="dlgraph queries lists names")
        if param and named is None:
            raise InputError("--param goes with --named; bind nothing into --sparql text")
        text, source = _read_query(sparql) if sparql is not None else (None, "<query>")
        parameters = _parameters(param or [])
        _one_source(paths, store, endpoint, federate)
        graph = OrgGraph()
        if federate:
            result = _federated(federate, allow, _remote(timeout), named, text, parameters)
        elif store is not None:
            with Store.open(store, read_only=True) as opened:
                result = (
                    opened.run(named, timeout=_deadline(timeout), **parameters)
                    if named is not None
                    else opened.query(text or "", source=source, timeout=_deadline(timeout))
                )
        elif endpoint is not None:
            remote = Endpoint(endpoint, timeout=_remote(timeout), allow_network=allow or False)
            result = remote.run(named, **parameters) if named else remote.query(text or "")
        else:
            graph = _load_paths(paths or [], quiet, engine=engine)
            values: dict[str, Any] = dict(parameters)
            result = (
                graph.run(named, timeout=_deadline(timeout), **values)
                if named
                else graph.query(text or "", source=source, timeout=_deadline(timeout))
            )
        if fmt == "table":
            _print_table(result, graph)
        else:
            sys.stdout.write(result.serialize(fmt))
        if isinstance(result, SelectResult):
            _say(quiet, f"{len(result)} row(s)")


def _read_query(sparql: str) -> tuple[str, str]:
    """The query text and the name its errors give: the file's path, or ``<query>``."""
    candidate = Path(sparql)
    if "\n" not in sparql and len(sparql) < 4096 and candidate.is_file():
        try:
            return candidate.read_text(encoding="utf-8"), str(candidate)
        except (OSError, UnicodeDecodeError) as error:
            raise InputError(f"{candidate}: cannot read the query: {error}") from error
    return sparql, "<query>"


@app.command("queries")
def queries_command(
    lang: Annotated[
        str, typer.Option("--lang", "-l", help="Language of the titles: en, sv or da.")
    ] = "en",
    fmt: Annotated[
        str, typer.Option("--format", "-f", help="table, or json with every language.")
    ] = "table",
) -> None:
    """List the named queries with their parameters.

    Example: dlgraph queries --lang sv
    """
    with reported():
        from dlgraph.ontology.labels import LANGUAGES as QUERY_LANGUAGES
        from dlgraph.query.named import queries

        if lang not in QUERY_LANGUAGES:
            raise InputError(f"unknown language {lang!r}", hint="use en, sv or da")
        if fmt == "json":
            listing = [
                {
                    "name": q.name,
                    "title": dict(q.titles),
                    "description": dict(q.descriptions),
                    "parameters": [
                        {
                            "name": p.name,
                            "type": p.type,
                            "default": p.default,
                            "required": p.required,
                            "description": p.description,
                        }
                        for p in q.parameters
                    ],
                }
                for q in queries()
            ]
            sys.stdout.write(json.dumps(listing, ensure_ascii=False, indent=2) + "\n")
            return
        if fmt != "table":
            raise InputError(f"unknown format {fmt!r}", hint="use table or json")
        from rich.table import Table

        table = Table("name", "parameters", "title")
        for q in queries():
            params = ", ".join(
                f"{p.name}:{p.type}{'!' if p.required else ''}"
                + (f"={p.default}" if p.default is not None else "")
                for p in q.parameters
            )
            table.add_row(q.name, params, q.title_in(lang))
        Console(highlight=False, width=None if sys.stdout.isatty() else 10_000).print(table)


@app.command("reason")
def reason_command(
    paths: Paths,
    output: Annotated[
        Path,
        typer.Option(
            "--output", "-o", help="The file to write (atomically); format from its name."
        ),
    ],
    profile: Annotated[
        str,
        typer.Option(
            "--profile",
            help="rl (OWL 2 RL), rdfs, or dl (HermiT, needs Java).",
            autocompletion=lambda incomplete: [
                p for p in ("rl", "rdfs", "dl") if p.startswith(incomplete)
            ],
        ),
    ] = "rl",
    only_inferred: Annotated[
        bool,
        typer.Option(
            "--only-inferred",
            help="Write only the inferred triples, not the data with them.",
        ),
    ] = False,
    to: Annotated[
        str | None,
        typer.Option(
            "--to",
            "-t",
            help="Output format when the file name does not say it.",
            autocompletion=_complete_rdf_format,
        ),
    ] = None,
    quiet: Quiet = False,
) -> None:
    """Materialise what the dlgraph ontology lets a reasoner infer from the data.

    The inferred triples go into their own named graph (urn:dlgraph:inferred) in quad
    formats such as TriG, or alone with --only-inferred. Exit code 1 when HermiT finds
    the data inconsistent with the ontology.

    Example: dlgraph reason examples/ -o reasoned.trig --profile rl
    """
    with reported():
        graph = _load_paths(paths, quiet)
        result = graph.reason(profile)
        if not result.consistent:
            err_console.print(
                "error: the data is inconsistent with the dlgraph ontology (HermiT)", markup=False
            )
            if result.explanation and not quiet:
                err_console.print(result.explanation.splitlines()[0], markup=False)
            raise typer.Exit(EXIT_VIOLATIONS)
        if only_inferred:
            inferred = OrgGraph().load(result.inferred, graph_name=str(INFERRED_GRAPH))
            inferred.write(output, to)
        else:
            graph.write(output, to)
        _say(
            quiet,
            f"inferred {len(result)} triple(s) with profile {profile} ({result.engine}) in "
            f"{result.seconds:.1f} s; wrote {output}",
        )


@app.command("synth")
def synth_command(
    municipalities: Annotated[
        int,
        typer.Option(
            "--municipalities",
            "-n",
            help="How many municipalities: 1 is a small town (about 10 000 triples), 290 "
            "a national school system (about 5 million).",
            metavar="N",
        ),
    ],
    out: Annotated[
        Path,
        typer.Option(
            "--out",
            "-o",
            help="The file to write: .nq gives N-Quads with one named graph per "
            "municipality, anything else N-Triples. Written atomically.",
            metavar="FILE",
        ),
    ],
    seed: Annotated[int, typer.Option("--seed", help="The random seed.", metavar="S")] = 0,
) -> None:
    """Write a synthetic school system with a known share of incoherent delegations.

    Prints, as JSON on stdout, what was written and the exact number of findings each
    coherence shape must report (``expected_findings_by_shape`` and ``..._by_rule``).

    Example:

      dlgraph synth --municipalities 20 --seed 1 -o national.nq
    """
    from dlgraph.authoring.synth import synthesize

    with reported():
        summary = synthesize(municipalities, out, seed=seed)
        sys.stdout.write(json.dumps(summary.to_dict(), indent=2) + "\n")


@app.command("stats")
def stats_command(
    paths: Paths,
    fmt: Annotated[str, typer.Option("--format", "-f", help="table, csv, tsv or json.")] = "table",
    quiet: Quiet = False,
) -> None:
    """Count units, people, roles, acts, tasks, mandates and rooms per named graph.

    Each loaded file is its own named graph (N-Quads, TriG and JSON-LD keep theirs).

    Example: dlgraph stats examples/
    """
    with reported():
        if fmt not in TABLE_FORMATS:
            raise InputError(f"unknown format {fmt!r}", hint="use table, csv, tsv or json")
        graph = _load_paths(paths, quiet)
        result = graph.run("summary-by-graph")
        if fmt == "table":
            _print_table(result, graph)
        else:
            sys.stdout.write(result.serialize(fmt))


@app.command("convert")
def convert_command(
    paths: Paths,
    output: Annotated[
        Path,
        typer.Option("--output", "-o", help="The file to write (atomically)."),
    ],
    to: Annotated[
        str | None,
        typer.Option(
            "--to",
            "-t",
            help="turtle, trig, nt, nquads, json-ld or xml; else from the output's name.",
            autocompletion=_complete_rdf_format,
        ),
    ] = None,
    source_format: SourceFormat = None,
    quiet: Quiet = False,
) -> None:
    """Convert between RDF formats; the output replaces its file only once complete.

    Quad formats (TriG, N-Quads, JSON-LD) keep one named graph per input file; triple
    formats get the union.

    Example: dlgraph convert case.ttl -o case.jsonld
    """
    with reported():
        graph = _load_paths(paths, quiet, format=source_format)
        graph.write(output, to)
        _say(quiet, f"wrote {len(graph)} triple(s) to {output}")


@app.command("anonymize")
def anonymize_command(
    paths: Paths,
    output: Annotated[
        Path,
        typer.Option(
            "--output", "-o", help="The file to write (atomically); format from its name."
        ),
    ],
    key_file: Annotated[
        Path | None,
        typer.Option(
            "--key-file",
            help="A file holding the secret key; else $DLGRAPH_ANON_KEY; else a random key "
            "(pseudonyms then differ on every run).",
            show_default=False,
        ),
    ] = None,
    to: Annotated[
        str | None,
        typer.Option(
            "--to",
            "-t",
            help="Output format when the file name does not say it.",
            autocompletion=_complete_rdf_format,
        ),
    ] = None,
    show_mapping: Annotated[
        bool,
        typer.Option(
            "--show-mapping",
            help="Also print each original value and its pseudonym on stderr (personal "
            "data: only where you may see it).",
        ),
    ] = False,
    quiet: Quiet = False,
) -> None:
    """Replace the names, contact details and IRIs of persons with keyed pseudonyms.

    Persons are nodes typed dl:Person, foaf:Person, prov:Person or schema:Person (or with
    a given name, family name, e-mail or telephone). Their names (foaf:name, rdfs:label,
    ...), e-mail addresses and telephone numbers are replaced with pseudonyms made with
    HMAC-SHA-256 and the key: the same key gives the same pseudonym in every file, and
    without the key there is no way back. Person IRIs are minted anew, the structure is
    kept, persons are marked dl:isPseudonym true, and their names are replaced inside
    quotes and comments too. Prints on stderr how many values of each property changed,
    never the values.

    Example: DLGRAPH_ANON_KEY=... dlgraph anonymize case.ttl -o case-anon.ttl
    """
    from dlgraph.anonymize.pseudonyms import anonymize, read_key

    with reported():
        graph = _load_paths(paths, quiet)
        result = anonymize(graph.dataset, read_key(key_file))
        OrgGraph(result.graph).write(output, to)  # type: ignore[arg-type]
        _say(quiet, result.summary())
        if show_mapping:
            for original, pseudonym in sorted(result.mapping.items()):
                typer.echo(f"{original}\t{pseudonym}", err=True)
        _say(quiet, f"wrote {output}")


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


# --- stores, endpoints, federation, comparison -------------------------------------------

StoreOption = Annotated[
    Path | None,
    typer.Option(
        "--store",
        help="An embedded Oxigraph store (a folder) made with dlgraph load --store.",
        metavar="DIR",
        show_default=False,
    ),
]
EndpointOption = Annotated[
    str | None,
    typer.Option(
        "--endpoint",
        help="A SPARQL 1.1 endpoint's query URL (e.g. http://127.0.0.1:7878/query).",
        metavar="URL",
        show_default=False,
    ),
]
GraphsOption = Annotated[
    list[str] | None,
    typer.Option(
        "--graph",
        help="Only this named graph of the store or endpoint; repeat for several.",
        metavar="IRI",
        show_default=False,
    ),
]
TimeoutOption = Annotated[
    float | None,
    typer.Option(
        "--timeout",
        help="Seconds a query or validation here may run (default 300; 0 for no limit), "
        "and each request to an endpoint may take (default 30). Past it: exit code 5.",
        metavar="SECONDS",
        show_default=False,
    ),
]
OptionalPaths = Annotated[
    list[str] | None,
    typer.Argument(
        help="Files or folders to load (Turtle, TriG, N-Triples, N-Quads, JSON-LD, RDF/XML, "
        "case files); - reads standard input.",
        show_default=False,
    ),
]


def _one_source(paths: object, store: object, endpoint: object, federate: object = None) -> None:
    given = [
        name
        for name, value in (
            ("PATH", paths),
            ("--store", store),
            ("--endpoint", endpoint),
            ("--federate", federate),
        )
        if value
    ]
    if len(given) != 1:
        raise InputError(
            "give the data as exactly one of PATH..., --store DIR, --endpoint URL"
            + (" or --federate URL..." if federate is not None else "")
            + (f" (got {', '.join(given)})" if given else ""),
        )


def _data_source(
    paths: list[Path] | None,
    store: Path | None,
    endpoint: str | None,
    graphs: list[str] | None,
    timeout: float,
) -> OrgGraph:
    """The data named on the command line as an in-memory OrgGraph."""
    _one_source(paths, store, endpoint)
    if store is not None:
        with Store.open(store, read_only=True) as opened:
            return opened.to_org_graph(graphs or None)
    if endpoint is not None:
        return Endpoint(endpoint, timeout=timeout).dataset(graphs or None)
    if graphs:
        raise InputError("--graph goes with --store or --endpoint")
    return load(*(paths or []))


def _federated(
    endpoints: list[str],
    allow: list[str] | None,
    timeout: float,
    named: str | None,
    sparql: str | None,
    parameters: dict[str, str],
) -> QueryResult:
    from dlgraph.federate.federation import federated_named_query, federated_query
    from dlgraph.network import NetworkPolicy

    resolved = [Endpoint(url, timeout=timeout) for url in endpoints]
    policy = NetworkPolicy(
        allowed=tuple(allow) if allow else tuple(e.url for e in resolved), timeout=timeout
    )
    try:
        if named is not None:
            return federated_named_query(
                named, resolved, allow_network=policy, timeout=timeout, parameters=parameters
            )
        return federated_query(sparql or "", resolved, allow_network=policy, timeout=timeout)
    except NetworkRefused as error:
        raise NetworkRefused(
            error.message,
            hint="allow it with --allow URL-PREFIX, or name it with --federate URL",
        ) from error


@app.command("load")
def load_command(
    paths: Paths,
    store: Annotated[
        Path,
        typer.Option("--store", help="The store's folder (created when missing).", metavar="DIR"),
    ],
    graph: Annotated[
        str | None,
        typer.Option("--graph", help="Put everything into this one named graph.", metavar="IRI"),
    ] = None,
    source_format: SourceFormat = None,
    quiet: Quiet = False,
) -> None:
    """Load files or folders into an embedded Oxigraph store on disk, one graph per file.

    Each file is committed in one transaction (a killed load leaves the store as it was
    after the last whole file); a file loaded again replaces its graph. Lists each
    loaded file, its named graph and its statement count on stdout (tab-separated).

    Example: dlgraph load municipalities/ --store data.oxigraph
    """
    with reported():
        sources: list[SourceLike] = [sys.stdin.buffer if p == "-" else Path(p) for p in paths]
        with Store.open(store) as opened:
            loaded = opened.load(*sources, format=source_format, graph_name=graph)
            total = len(opened)
        for record in loaded:
            typer.echo(f"{record.name}\t{record.graph}\t{record.statements}")
        _say(quiet, f"loaded {len(loaded)} source(s) into {store}; it holds {total} quad(s)")


@app.command("push")
def push_command(
    paths: Paths,
    endpoint: Annotated[
        str,
        typer.Option(
            "--endpoint",
            help="The server's SPARQL query URL; the Graph Store URL is derived from it "
            "(Oxigraph /store, Fuseki /data, GraphDB /rdf-graphs/service).",
            metavar="URL",
        ),
    ],
    graph: Annotated[
        str | None,
        typer.Option(
            "--graph",
            help="Upload everything as this one named graph (default: one graph per file, "
            "named by its file URI).",
            metavar="IRI",
        ),
    ] = None,
    gsp: Annotated[
        str | None,
        typer.Option(
            "--gsp", help="The Graph Store URL, when it cannot be derived.", metavar="URL"
        ),
    ] = None,
    timeout: TimeoutOption = None,
    quiet: Quiet = False,
) -> None:
    """Upload files to a SPARQL server through the Graph Store Protocol (HTTP PUT).

    Each graph replaces the graph of the same name on the server. Lists each uploaded
    graph and its statement count on stdout (tab-separated).

    Example: dlgraph push examples/denmark-icdp --endpoint http://127.0.0.1:7878/query
    --graph https://example.org/municipality/north
    """
    with reported():
        data = _load_paths(paths, quiet)
        remote = Endpoint(endpoint, gsp_url=gsp or "", timeout=_remote(timeout))
        pushed = remote.push(data, graph=graph)
        for item in pushed:
            typer.echo(f"{item.graph}\t{item.statements}")
        _say(quiet, f"pushed {len(pushed)} graph(s) to {remote.gsp_url}")


@app.command("compare")
def compare_command(
    paths: OptionalPaths = None,
    store: StoreOption = None,
    endpoint: Annotated[
        list[str] | None,
        typer.Option(
            "--endpoint",
            help="A SPARQL endpoint whose named graphs are municipalities; repeat for more.",
            metavar="URL",
            show_default=False,
        ),
    ] = None,
    fmt: Annotated[str, typer.Option("--format", "-f", help="table, csv or json.")] = "table",
    lang: Annotated[
        str, typer.Option("--lang", "-l", help="Language of validation: en, sv or da.")
    ] = "en",
    check: Annotated[
        bool,
        typer.Option(
            "--validate/--no-validate", help="Count validation findings per municipality."
        ),
    ] = True,
    timeout: TimeoutOption = None,
    quiet: Quiet = False,
) -> None:
    """Compare municipalities side by side, one named graph (file) each.

    Columns: units, delegated tasks, mandates, learning groups, inbetweeners, risks
    recorded in the data (dl:facesRisk), and from validation of each graph: findings that
    indicate a risk, violations, warnings.

    Example: dlgraph compare municipalities/ --format csv
    """
    with reported():
        from dlgraph.federate.compare import compare_municipalities

        if fmt not in ("table", "csv", "json"):
            raise InputError(f"unknown format {fmt!r}", hint="use table, csv or json")
        _one_source(paths, store, endpoint)
        endpoints = [Endpoint(url, timeout=_remote(timeout)) for url in endpoint or []]
        if store is not None:
            with Store.open(store, read_only=True) as opened:
                comparison = compare_municipalities(opened, lang=lang, validation=check)
        else:
            data = _load_paths(paths, quiet) if paths else None
            comparison = compare_municipalities(
                data, lang=lang, validation=check, endpoints=endpoints
            )
        if fmt != "table":
            sys.stdout.write(comparison.serialize(fmt))
        else:
            from rich.table import Table

            table = Table(*comparison.columns)
            graph = OrgGraph()
            for row in comparison.records():
                table.add_row(
                    *(
                        _cell(URIRef(value), graph)
                        if key in ("graph", "municipality") and value
                        else str(value)
                        for key, value in row.items()
                    )
                )
            Console(highlight=False, width=None if sys.stdout.isatty() else 10_000).print(table)
        _say(quiet, f"{len(comparison)} municipality row(s)")


def main() -> None:
    """Entry point of the ``dlgraph`` script."""
    try:
        app()
    except KeyboardInterrupt:
        err_console.print("interrupted", markup=False)
        sys.exit(130)
