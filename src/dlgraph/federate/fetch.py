"""Fetching a server's data whole: only the graphs that hold data, every statement of each.

The graphs that hold data are the named graphs with at least one statement whose predicate,
or whose class (the object of ``rdf:type``), is a term of dlgraph's vocabulary (``dl:``) or
of the W3C organisation ontology (``org:``). A server's own graphs (Virtuoso keeps its
configuration and other vocabularies in named graphs) are left out by that rule; a caller
who wants other graphs names them.

Servers cap the rows of an answer and still answer HTTP 200 (Virtuoso's
``ResultSetMaxRows``, 10 000 in Debian's configuration). So each graph's statements are
counted first, fetched in pages in a stable order (``ORDER BY ?s ?p ?o``, ``LIMIT`` and
``OFFSET``) when there are more than a page, and every page is checked against the count:
an answer shorter than asked for raises :class:`~dlgraph.RemoteError` naming the limit,
never passes on part of a graph as the whole.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Protocol

from rdflib import Graph, Literal, URIRef
from rdflib.term import Identifier, Node

from dlgraph.errors import RemoteError
from dlgraph.ontology.graphs import bind_prefixes
from dlgraph.query.results import AskResult, QueryResult, SelectResult

__all__ = ["PAGE_SIZE", "data_graph_names", "default_graph_holds_data", "fetch_statements"]

PAGE_SIZE = 10_000
"""Statements fetched per request: at most Virtuoso's default ``ResultSetMaxRows``."""

_DATA = (
    'STRSTARTS(STR(?p), "https://w3id.org/dlgraph/ontology#") '
    '|| STRSTARTS(STR(?p), "http://www.w3.org/ns/org#") '
    "|| (?p = rdf:type && ISIRI(?o) && ("
    'STRSTARTS(STR(?o), "https://w3id.org/dlgraph/ontology#") '
    '|| STRSTARTS(STR(?o), "http://www.w3.org/ns/org#")))'
)
_CHECK_GRAPH_LIST = 100
"""From this many graphs on, the list of graphs is checked against a count."""


class Runs(Protocol):
    """What runs a read-only query on the server (:meth:`Endpoint.query`)."""

    def __call__(
        self, sparql: str, bindings: Mapping[str, Identifier] | None = None, *, source: str = ""
    ) -> QueryResult: ...


def data_graph_names(run: Runs, url: str) -> tuple[URIRef, ...]:
    """The named graphs that hold data (see the module's rule), in IRI order."""
    source = f"listing the graphs of {url}"
    result = _select(
        run, f"SELECT DISTINCT ?g WHERE {{ GRAPH ?g {{ ?s ?p ?o }} FILTER({_DATA}) }}", source
    )
    names = sorted({row[0] for row in result.rows if isinstance(row[0], URIRef)})
    if len(result.rows) >= _CHECK_GRAPH_LIST:
        count = _count(
            run,
            "SELECT (COUNT(DISTINCT ?g) AS ?n) "
            f"WHERE {{ GRAPH ?g {{ ?s ?p ?o }} FILTER({_DATA}) }}",
            {},
            source,
        )
        if count != len(result.rows):
            raise _capped(url, f"the list of its graphs ({count})", len(result.rows))
    return tuple(names)


def default_graph_holds_data(run: Runs, url: str) -> bool:
    """Whether the server's default graph has a statement of the module's rule."""
    result = run(f"ASK {{ ?s ?p ?o FILTER({_DATA}) }}", source=f"looking for data at {url}")
    if not isinstance(result, AskResult):
        raise RemoteError(f"{url} did not answer an ASK query with a boolean")
    return result.value


def fetch_statements(
    run: Runs, url: str, graph: URIRef | None, *, page_size: int = PAGE_SIZE
) -> Graph:
    """Every statement of the named graph ``graph`` (or of the default graph, for None).

    Counted first; fetched in one request when they fit a page, else in pages ordered by
    subject, predicate and object. RemoteError when an answer is shorter than the count
    says (the server caps its answers) or the graph changed while it was fetched.
    """
    if page_size < 1:
        raise ValueError("page_size must be positive")
    what = f"graph {graph}" if graph is not None else "the default graph"
    source = f"fetching {what} from {url}"
    # A named graph is a set; a default graph may be a union with repeats (Oxigraph's).
    if graph is not None:
        select, bindings = "SELECT ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } }", {"g": graph}
        counting = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"
    else:
        select, bindings = "SELECT DISTINCT ?s ?p ?o WHERE { ?s ?p ?o }", {}
        counting = f"SELECT (COUNT(*) AS ?n) WHERE {{ {{ {select} }} }}"
    expected = _count(run, counting, bindings, source)
    fetched = bind_prefixes(Graph())
    if expected <= page_size:
        rows = _select(run, select, source, bindings).rows
        if len(rows) < expected:
            raise _capped(url, f"{what} ({expected} statements)", len(rows))
        _add(fetched, rows)
    else:
        for offset in range(0, expected, page_size):
            rows = _page(run, select, bindings, source, page_size, offset, url)
            if len(rows) < min(page_size, expected - offset):
                raise _capped(url, f"{what} ({expected} statements)", len(rows))
            _add(fetched, rows)
    if len(fetched) != expected:
        raise RemoteError(
            f"{url} counted {expected} statements in {what} but gave {len(fetched)}; "
            "nothing of it is used",
            hint="the data changed while it was fetched, or the server repeats or drops "
            "statements between pages; try again",
        )
    return fetched


def _page(
    run: Runs,
    query: str,
    bindings: Mapping[str, Identifier],
    source: str,
    size: int,
    offset: int,
    url: str,
) -> tuple[tuple[Node | None, ...], ...]:
    paged = f"{query} ORDER BY ?s ?p ?o LIMIT {size} OFFSET {offset}"
    try:
        return _select(run, paged, source, bindings).rows
    except RemoteError as error:
        if "SR353" not in str(error):
            raise
        raise RemoteError(
            f"{url} refused to sort past {offset + size} statements: {error.message}",
            hint="raise MaxSortedTopRows in the [Parameters] section of Virtuoso's "
            "virtuoso.ini above the largest graph's statements",
        ) from error


def _select(
    run: Runs, query: str, source: str, bindings: Mapping[str, Identifier] | None = None
) -> SelectResult:
    result = run(query, bindings, source=source)
    if not isinstance(result, SelectResult):
        raise RemoteError(f"{source}: a SELECT query did not return solutions")
    return result


def _count(run: Runs, query: str, bindings: Mapping[str, Identifier], source: str) -> int:
    rows = _select(run, query, source, bindings).rows
    value = rows[0][0] if len(rows) == 1 and len(rows[0]) == 1 else None
    if not isinstance(value, Literal) or not isinstance(value.toPython(), int):
        raise RemoteError(f"{source}: a COUNT query did not return one integer")
    count: int = value.toPython()
    return count


def _capped(url: str, what: str, got: int) -> RemoteError:
    return RemoteError(
        f"{url} gave only {got} rows of {what}: the server caps its answers at {got} rows "
        "and says nothing; nothing of it is used",
        hint=f"raise the server's result limit above {got} (Virtuoso: ResultSetMaxRows in "
        "the [SPARQL] section of virtuoso.ini), or ask its administrator",
    )


def _add(graph: Graph, rows: tuple[tuple[Node | None, ...], ...]) -> None:
    for s, p, o in rows:
        if s is None or p is None or o is None:
            raise RemoteError("a statement came back with an unbound subject, predicate or object")
        graph.add((s, p, o))
