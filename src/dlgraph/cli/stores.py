"""Commands for stores and servers: load, push, compare."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer
from rdflib import URIRef

import dlgraph
from dlgraph import Endpoint, MunicipalityComparison, OrgGraph, Store
from dlgraph.cli.options import (
    AllowOutside,
    CommandTimeout,
    ComparisonFormat,
    Errors,
    IntoGraph,
    Lang,
    OptionalPaths,
    Paths,
    Quiet,
    ShowValues,
    SourceFormat,
    StoreOption,
    one_of,
    per_request,
)
from dlgraph.cli.output import cell, headers, plain, say, stdout_console
from dlgraph.cli.sources import load_paths, one_source, sources

__all__ = ["compare_command", "load_command", "push_command"]


StoreFolder = Annotated[
    Path,
    typer.Option("--store", help="The store's folder (created when missing).", metavar="FOLDER"),
]


def load_command(
    paths: Paths,
    store: StoreFolder,
    graph: IntoGraph = None,
    source_format: SourceFormat = None,
    timeout: CommandTimeout = None,
    quiet: Quiet = False,
    show_values: ShowValues = False,
    allow_outside: AllowOutside = False,
    errors: Errors = "text",
) -> None:
    """Load files or folders into an embedded Oxigraph store on disk, one graph per file.

    Each file is committed in one transaction (a killed load leaves the store as it was
    after the last whole file); a file loaded again replaces its graph. Lists each
    loaded file, its named graph and its statement count on stdout (tab-separated).

    Example: dlgraph load municipalities/ --store data.oxigraph
    """
    with Store.open(store) as opened:
        loaded = opened.load(*sources(paths), format=source_format, graph_name=graph)
        total = len(opened)
    for record in loaded:
        typer.echo(f"{record.name}\t{record.graph}\t{record.statements}")
    say(quiet, f"loaded {len(loaded)} source(s) into {store}; it holds {total} quad(s)")


ServerEndpoint = Annotated[
    str,
    typer.Option(
        "--endpoint",
        help="The server's SPARQL query URL; the Graph Store URL is derived from it "
        "(Oxigraph /store, Virtuoso /sparql-graph-crud-auth, Fuseki /DATASET/data, "
        "GraphDB /rdf-graphs/service). Credentials: see the README (never an option).",
        metavar="URL",
    ),
]
GraphStore = Annotated[
    str | None,
    typer.Option(
        "--gsp",
        help="The Graph Store URL, when the derived one is not the server's.",
        metavar="URL",
        show_default=False,
    ),
]


def push_command(
    paths: Paths,
    endpoint: ServerEndpoint,
    graph: IntoGraph = None,
    gsp: GraphStore = None,
    timeout: CommandTimeout = None,
    quiet: Quiet = False,
    show_values: ShowValues = False,
    allow_outside: AllowOutside = False,
    errors: Errors = "text",
) -> None:
    """Upload files to a SPARQL server through the Graph Store Protocol (HTTP PUT).

    Each graph replaces the graph of the same name on the server. Lists each uploaded
    graph and its statement count on stdout (tab-separated).

    Example: dlgraph push examples/denmark-icdp --endpoint http://127.0.0.1:7878/query
    --graph https://example.org/municipality/north
    """
    data = load_paths(paths, quiet)
    remote = Endpoint(endpoint, gsp_url=gsp or "", timeout=per_request(timeout))
    pushed = remote.push(data, graph=graph)
    for item in pushed:
        typer.echo(f"{item.graph}\t{item.statements}")
    say(quiet, f"pushed {len(pushed)} graph(s) to {remote.gsp_url}")


Endpoints = Annotated[
    list[str] | None,
    typer.Option(
        "--endpoint",
        help="A SPARQL endpoint whose named graphs are municipalities; repeat for more.",
        metavar="URL",
        show_default=False,
    ),
]
ComparisonFormatOption = Annotated[
    ComparisonFormat,
    typer.Option(
        "--format",
        "-f",
        parser=one_of(ComparisonFormat, "format"),
        help="A table for people, or data.",
    ),
]
CountFindings = Annotated[
    bool,
    typer.Option("--validate/--no-validate", help="Count validation findings per municipality."),
]


def compare_command(
    paths: OptionalPaths = None,
    store: StoreOption = None,
    endpoint: Endpoints = None,
    fmt: ComparisonFormatOption = ComparisonFormat["table"],
    *,
    lang: Lang,
    check: CountFindings = True,
    timeout: CommandTimeout = None,
    quiet: Quiet = False,
    show_values: ShowValues = False,
    allow_outside: AllowOutside = False,
    errors: Errors = "text",
) -> None:
    """Compare municipalities side by side, one named graph (file) each.

    Columns: units, delegated tasks, mandates, learning groups, inbetweeners, risks
    recorded in the data (dl:facesRisk), and from validation of each graph: findings that
    indicate a risk, violations, warnings; then how distributed the leadership is: the
    advice network's density, reciprocity and indegree centralization, the Gini of the
    acts and the leadership density (see dlgraph network).

    Example: dlgraph compare municipalities/ --format csv
    """
    one_source(paths, store, endpoint)
    if store is not None:
        with Store.open(store, read_only=True) as opened:
            comparison = dlgraph.compare_municipalities(opened, lang=lang, validation=check)
    else:
        comparison = dlgraph.compare_municipalities(
            load_paths(paths, quiet) if paths else None,
            lang=lang,
            validation=check,
            endpoints=[Endpoint(url, timeout=per_request(timeout)) for url in endpoint or []],
        )
    if fmt == "table":
        _print_comparison(comparison)
    else:
        sys.stdout.write(comparison.serialize(fmt))
    say(quiet, f"{len(comparison)} municipality row(s)")


def _print_comparison(comparison: MunicipalityComparison) -> None:
    """The comparison as a table, the graphs and municipalities by their short names."""
    from rich.table import Table  # rich's tables load only when one is printed

    table = Table(*headers(*comparison.columns))
    graph = OrgGraph()
    for row in comparison.records():
        table.add_row(
            *(
                plain(cell(URIRef(value), graph))
                if key in ("graph", "municipality") and value
                else plain(_number(value))
                for key, value in row.items()
            )
        )
    stdout_console().print(table)


def _number(value: object) -> str:
    """A cell of the table: a measure to three decimals, an undefined one as –."""
    if value is None:
        return "–"
    return f"{value:.3f}" if isinstance(value, float) else str(value)
