"""``dlgraph query`` and ``dlgraph queries``: SPARQL and the named queries."""

from __future__ import annotations

import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Annotated, Any

import typer

import dlgraph
from dlgraph import (
    Endpoint,
    InputError,
    NamedQuery,
    NetworkPolicy,
    NetworkRefused,
    OrgGraph,
    QueryResult,
    SelectResult,
    Store,
)
from dlgraph.cli.options import (
    AllowOutside,
    EndpointOption,
    Errors,
    GraphBackend,
    Lang,
    Language,
    ListingFormat,
    MaxMemory,
    Named,
    OptionalPaths,
    QueryFormat,
    Quiet,
    ShowValues,
    StoreOption,
    Timeout,
    as_given,
    deadline,
    one_of,
    per_request,
)
from dlgraph.cli.output import headers, plain, print_result, say, stdout_console
from dlgraph.cli.sources import load_paths, one_source

__all__ = ["queries_command", "query_command"]


Sparql = Annotated[
    str | None,
    typer.Option(
        "--sparql",
        "-s",
        help="A SPARQL query, or a file holding one (SELECT, ASK, CONSTRUCT, DESCRIBE).",
        metavar="QUERY|FILE",
        show_default=False,
    ),
]
Parameters = Annotated[
    list[str] | None,
    typer.Option(
        "--param",
        "-p",
        help="A named query's parameter; repeat for more.",
        metavar="NAME=VALUE",
        show_default=False,
    ),
]
ResultFormat = Annotated[
    QueryFormat,
    typer.Option(
        "--format",
        "-f",
        parser=as_given,
        help="table (for people), csv, tsv or json (the W3C result formats); a "
        "CONSTRUCT or DESCRIBE prints Turtle as table, JSON-LD as json, or any RDF format.",
    ),
]
Raw = Annotated[
    bool,
    typer.Option(
        "--raw",
        help="Write CSV cells as they are; by default a cell a spreadsheet would run as a "
        "formula (=, +, -, @, tab, line break; numbers excepted) starts with ' (OWASP).",
    ),
]
Federate = Annotated[
    list[str] | None,
    typer.Option(
        "--federate",
        help="Run the query over the union of these SPARQL endpoints' data, which dlgraph "
        "fetches (in parallel, each request with its time-out); repeat for each endpoint. "
        "A SELECT gets an endpoint column. A query with SERVICE clauses of its own runs "
        "as written.",
        metavar="URL",
        show_default=False,
    ),
]
Allow = Annotated[
    list[str] | None,
    typer.Option(
        "--allow",
        help="URL prefixes that --federate endpoints and SERVICE clauses may reach; "
        "default: the --federate endpoints themselves.",
        metavar="URL-PREFIX",
        show_default=False,
    ),
]
QueryBackend = Annotated[
    GraphBackend,
    typer.Option(
        "--backend",
        "--engine",
        parser=as_given,
        help="Where loaded files live, and so which SPARQL engine runs: rdflib, oxigraph, "
        "or auto (Oxigraph from 1 MiB of input). --engine is its former name.",
    ),
]


def query_command(
    paths: OptionalPaths = None,
    sparql: Sparql = None,
    named: Named = None,
    param: Parameters = None,
    fmt: ResultFormat = QueryFormat["table"],
    store: StoreOption = None,
    endpoint: EndpointOption = None,
    federate: Federate = None,
    allow: Allow = None,
    timeout: Timeout = None,
    max_memory: MaxMemory = None,
    backend: QueryBackend = GraphBackend["auto"],
    raw: Raw = False,
    quiet: Quiet = False,
    show_values: ShowValues = False,
    allow_outside: AllowOutside = False,
    errors: Errors = "text",
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
    if (sparql is None) == (named is None):
        raise InputError("give either --sparql or --named", hint="dlgraph queries lists names")
    if param and named is None:
        raise InputError("--param goes with --named; bind nothing into --sparql text")
    ask = _Question(named, *_read_query(sparql), _parameters(param or []), timeout)
    one_source(paths, store, endpoint, federate)
    graph = OrgGraph()
    if federate:
        result = _federated(ask, federate, allow)
    elif store is not None:
        with Store.open(store, read_only=True) as opened:
            result = ask.put_to(opened)
    elif endpoint is not None:
        remote = Endpoint(endpoint, timeout=per_request(timeout), allow_network=allow or False)
        result = remote.run(named, **ask.parameters) if named else remote.query(ask.text)
    else:
        graph = load_paths(paths or [], quiet, backend=backend)
        result = ask.put_to(graph)
    print_result(result, graph, fmt, raw=raw)
    if isinstance(result, SelectResult):
        say(quiet, f"{len(result)} row(s)")


class _Question:
    """The query asked on the command line: a named one with its values, or SPARQL text."""

    def __init__(
        self,
        named: str | None,
        text: str,
        source: str,
        parameters: dict[str, str],
        timeout: float | None,
    ) -> None:
        self.named = named
        self.text = text
        self.source = source
        self.parameters = parameters
        self.timeout = timeout

    def put_to(self, data: OrgGraph | Store) -> QueryResult:
        """The answer of a graph or a store, here under the command line's deadline."""
        seconds = deadline(self.timeout)
        if self.named is not None:
            values: dict[str, Any] = dict(self.parameters)
            return data.run(self.named, timeout=seconds, **values)
        return data.query(self.text, source=self.source, timeout=seconds)


def _read_query(sparql: str | None) -> tuple[str, str]:
    """The query text and the name its errors give: the file's path, or ``<query>``."""
    if sparql is None:
        return "", "<query>"
    candidate = Path(sparql)
    if "\n" not in sparql and len(sparql) < 4096 and _is_file(candidate):
        try:
            return candidate.read_text(encoding="utf-8"), str(candidate)
        except (OSError, UnicodeDecodeError) as error:
            raise InputError(f"{candidate}: cannot read the query: {error}") from error
    return sparql, "<query>"


def _is_file(candidate: Path) -> bool:
    """Whether ``candidate`` names a file; a text too long to be a file name does not."""
    try:
        return candidate.is_file()
    except (OSError, ValueError):
        return False


def _parameters(pairs: Sequence[str]) -> dict[str, str]:
    values: dict[str, str] = {}
    for pair in pairs:
        name, sep, value = pair.partition("=")
        if not sep or not name.strip():
            raise typer.BadParameter(f"{pair!r} is not NAME=VALUE", param_hint="--param")
        values[name.strip()] = value
    return values


def _federated(
    ask: _Question, endpoints: Sequence[str], allow: Sequence[str] | None
) -> QueryResult:
    """The answer across ``endpoints``, reaching only what ``allow`` lets."""
    timeout = per_request(ask.timeout)
    resolved = [Endpoint(url, timeout=timeout) for url in endpoints]
    policy = NetworkPolicy(
        allowed=tuple(allow) if allow else tuple(e.url for e in resolved), timeout=timeout
    )
    try:
        if ask.named is not None:
            return dlgraph.federated_named_query(
                ask.named,
                resolved,
                allow_network=policy,
                timeout=timeout,
                parameters=ask.parameters,
            )
        return dlgraph.federated_query(ask.text, resolved, allow_network=policy, timeout=timeout)
    except NetworkRefused as error:
        raise NetworkRefused(
            error.message,
            hint="allow it with --allow URL-PREFIX, or name it with --federate URL",
        ) from error


ListingFormatOption = Annotated[
    ListingFormat,
    typer.Option(
        "--format",
        "-f",
        parser=one_of(ListingFormat, "format"),
        help="table, or json with every language.",
    ),
]


def queries_command(
    *,
    lang: Lang,
    fmt: ListingFormatOption = ListingFormat["table"],
    show_values: ShowValues = False,
) -> None:
    """List the named queries with their parameters.

    Example: dlgraph queries --lang sv
    """
    one_of(Language, "language")(lang)  # a title in another language would be English
    if fmt == "json":
        listing = [_described(query) for query in dlgraph.queries()]
        sys.stdout.write(json.dumps(listing, ensure_ascii=False, indent=2) + "\n")
        return
    from rich.table import Table  # rich's tables load only when one is printed

    table = Table(*headers("name", "parameters", "title"))
    for query in dlgraph.queries():
        params = ", ".join(
            f"{p.name}:{p.type}{'!' if p.required else ''}"
            + (f"={p.default}" if p.default is not None else "")
            for p in query.parameters
        )
        table.add_row(plain(query.name), plain(params), plain(query.title_in(lang)))
    stdout_console().print(table)


def _described(query: NamedQuery) -> dict[str, Any]:
    """A named query as JSON: its titles and descriptions in every language, its parameters."""
    return {
        "name": query.name,
        "title": dict(query.titles),
        "description": dict(query.descriptions),
        "parameters": [
            {
                "name": p.name,
                "type": p.type,
                "default": p.default,
                "required": p.required,
                "description": p.description,
            }
            for p in query.parameters
        ],
    }
