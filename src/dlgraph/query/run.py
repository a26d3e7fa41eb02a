"""Read-only SPARQL over an organisation graph's Dataset, on rdflib's or Oxigraph's engine.

Every query is checked first (:mod:`dlgraph.query.checks`), its values are bound by the one
algorithm of :mod:`dlgraph.query.bindings`, and it is evaluated by Oxigraph when the
Dataset lives in an Oxigraph store, else by rdflib; when rdflib's evaluator fails on a
valid query, Oxigraph evaluates it on a copy.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from typing import Any

from rdflib import Dataset, Graph
from rdflib.plugins.sparql.sparql import Query
from rdflib.term import Identifier

from dlgraph.deadline import run_with_deadline
from dlgraph.errors import DlgraphError, QueryError
from dlgraph.network import NetworkSetting, network_policy
from dlgraph.ontology.namespaces import PREFIXES
from dlgraph.oxigraph.copy import copy_to_oxigraph
from dlgraph.oxigraph.dataset import oxigraph_backing
from dlgraph.query.bindings import bind
from dlgraph.query.checks import check_network, prepare
from dlgraph.query.oxigraph import OxigraphRefused, evaluate, run_on_oxigraph
from dlgraph.query.results import AskResult, GraphResult, QueryResult, SelectResult, to_term

__all__ = ["run_query"]


def run_query(
    dataset: Dataset,
    sparql: str | Query,
    bindings: Mapping[str, Any] | None = None,
    *,
    allow_network: NetworkSetting = False,
    source: str = "<query>",
    timeout: float | None = None,
) -> QueryResult:
    """Run a read-only SPARQL query over ``dataset`` with ``bindings`` for its variables.

    A Dataset on Oxigraph (see :mod:`dlgraph.oxigraph.dataset`) is queried with Oxigraph's
    engine, any other with rdflib's; when rdflib's evaluator fails on a query, Oxigraph
    evaluates it. Values are bound into the text (:func:`dlgraph.query.bindings.bind`);
    only a value the text cannot carry (a blank node, an IRI Oxigraph refuses, a query
    with no group pattern) is left to rdflib's own ``initBindings``. With a ``timeout``
    (seconds) the query is evaluated in a worker process that is stopped at the deadline,
    raising TimeoutExceeded; without one it runs here.
    """
    namespaces = tuple(
        sorted((prefix, str(space)) for prefix, space in dataset.namespaces() if prefix)
    )
    # The text as written is checked first, so that errors name its own lines and columns.
    query = _prepared(sparql, source, namespaces) if isinstance(sparql, str) else sparql
    # SERVICE is sent by rdflib's evaluator on either engine, so the request is the same;
    # a FROM graph that is not loaded is fetched by rdflib, where Oxigraph sees it empty
    reaches_out = check_network(query, dataset, network_policy(allow_network))
    init = {name.lstrip("?$"): to_term(value) for name, value in (bindings or {}).items()}
    text = _bound_text(sparql, init, source)
    if text is not None and init:
        query, init = _prepared(text, source, namespaces), {}
    prefixes = dict(namespaces)
    prefixes.update((prefix, str(space)) for prefix, space in PREFIXES.items())
    backing = oxigraph_backing(dataset)
    if backing is not None and text is not None and not reaches_out:
        try:
            store, union = backing.query_view()
            return run_on_oxigraph(
                store,
                text,
                prefixes,
                source=source,
                timeout=timeout,
                path=backing.path if store is backing.oxigraph else None,
                union=union,
            )
        except OxigraphRefused:
            pass  # a query rdflib reads and Oxigraph does not: rdflib evaluates it
    return run_with_deadline(
        lambda: _evaluate(dataset, query, init, source, text, prefixes),
        timeout,
        f"{source}: the query",
    )


def _bound_text(sparql: str | Query, init: Mapping[str, Identifier], source: str) -> str | None:
    """The query text with ``init`` bound; None for a parsed Query or values the text cannot
    carry (rdflib binds those itself)."""
    if not isinstance(sparql, str):
        return None
    try:
        return bind(sparql, init, source=source)
    except QueryError:
        return None


@functools.lru_cache(maxsize=128)
def _prepared(sparql: str, source: str, namespaces: tuple[tuple[str, str], ...]) -> Query:
    """:func:`~dlgraph.query.checks.prepare`, kept for queries run again (a prepared Query
    is reusable)."""
    return prepare(sparql, source=source, namespaces=dict(namespaces))


def _evaluate(
    dataset: Dataset,
    query: Query,
    init: Mapping[str, Identifier],
    source: str,
    text: str | None = None,
    prefixes: Mapping[str, str] | None = None,
) -> QueryResult:
    try:
        return _evaluate_with_rdflib(dataset, query, init, source)
    except QueryError as error:
        if (
            text is None
            or init
            or not isinstance(error.__cause__, Exception)
            or isinstance(error.__cause__, RecursionError | DlgraphError)
        ):
            raise
        second = _evaluate_on_a_copy(dataset, text, source, prefixes or {})
        if second is None:
            raise
        return second


def _evaluate_on_a_copy(
    dataset: Dataset, text: str, source: str, prefixes: Mapping[str, str]
) -> QueryResult | None:
    """The result of Oxigraph's engine on a copy of ``dataset``, or None where it fails
    too. rdflib's evaluator fails on some valid queries (e.g. ``SUM(DISTINCT ?x)`` over
    no solutions, ``VALUES () { () }``) that Oxigraph evaluates as the standard says."""
    try:
        return evaluate(copy_to_oxigraph(dataset, merged=True), text, prefixes, source, union=False)
    except (DlgraphError, OxigraphRefused):
        return None


def _evaluate_with_rdflib(
    dataset: Dataset, query: Query, init: Mapping[str, Identifier], source: str
) -> QueryResult:
    try:
        result = dataset.query(query, initBindings=init)
        kind = result.type
        if kind == "SELECT":
            variables = tuple(str(v) for v in (result.vars or []))
            rows = tuple(
                tuple(row[i] for i in range(len(variables)))  # type: ignore[index]
                for row in result
            )
            return SelectResult(variables, rows)
        if kind == "ASK":
            return AskResult(bool(result.askAnswer))
        graph = Graph()
        for prefix, namespace in dataset.namespaces():
            graph.bind(prefix, namespace, override=False)
        for triple in result.graph or ():
            graph.add(triple)
        described = query.algebra.name == "DescribeQuery"
        return GraphResult(graph, "DESCRIBE" if described else "CONSTRUCT")
    except DlgraphError:
        raise
    except RecursionError as error:
        raise QueryError(f"{source}: the query nests too deeply to be evaluated") from error
    except Exception as error:
        raise QueryError(f"{source}: the query failed: {error}") from error
