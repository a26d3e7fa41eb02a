"""Read-only SPARQL evaluated on Oxigraph's engine, with a deadline, and its answers as
dlgraph's query results.

Used by :meth:`dlgraph.OrgGraph.query` on the ``oxigraph`` engine, by
:meth:`dlgraph.Store.query`, and as the second evaluator when rdflib's fails on a valid
query. The checks (read-only, syntax, ``SERVICE`` / ``FROM`` and the network policy) are
made by the caller before any query reaches this module.

Bindings are written into the query text by :func:`dlgraph.query.bindings.bind` before
it reaches this module.

Deadline. Oxigraph evaluates in native code that Python cannot interrupt, so with a
time-out the query runs in a forked worker killed at the deadline
(:func:`dlgraph.deadline.run_with_deadline`). A store in memory is inherited by the
worker as a copy-on-write snapshot. An on-disk store (RocksDB) is not used across the
fork: RocksDB's background threads do not exist in the child, and a lock one of them held
at the fork would never be released, so the worker opens the folder anew with
``pyoxigraph.Store.read_only`` and never touches the parent's handle (the worker ends
with ``os._exit``, so no destructor of the inherited handle runs either). A read-only
open sees what was committed when it opened; Oxigraph commits every write as it is made.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import Any

import pyoxigraph as ox
from rdflib import Graph

from dlgraph.deadline import memory_cap, remaining, run_with_deadline
from dlgraph.errors import DlgraphError
from dlgraph.limits import check_query_depth
from dlgraph.ontology.graphs import bind_prefixes
from dlgraph.oxigraph.errors import evaluation_error, storage_error
from dlgraph.oxigraph.terms import from_ox
from dlgraph.query.checks import query_kind
from dlgraph.query.results import AskResult, GraphResult, QueryResult, SelectResult

__all__ = [
    "OxigraphRefused",
    "answer_within",
    "evaluate",
    "from_ox_result",
    "open_read_only",
    "run_on_oxigraph",
]


class OxigraphRefused(Exception):
    """Oxigraph's parser refused a query that rdflib's read (the caller falls back)."""


def evaluate(
    store: ox.Store,
    sparql: str,
    prefixes: Mapping[str, str],
    source: str,
    *,
    union: bool = True,
) -> QueryResult:
    """Run a checked read-only query on ``store``; with ``union`` the default graph is the
    union of the graphs, else the store's default graph."""
    check_query_depth(sparql, source)
    try:
        answer = store.query(sparql, prefixes=dict(prefixes), use_default_graph_as_union=union)
        return from_ox_result(answer, describe=query_kind(sparql) == "DESCRIBE")
    except DlgraphError:
        raise
    except SyntaxError as error:
        raise OxigraphRefused(str(error)) from error
    except RuntimeError as error:
        if "is not supported" in str(error):  # e.g. a function Oxigraph does not know
            raise OxigraphRefused(str(error)) from error
        raise evaluation_error(error, source) from error
    except (ValueError, OSError) as error:
        raise evaluation_error(error, source) from error


def run_on_oxigraph(
    store: ox.Store,
    sparql: str,
    prefixes: Mapping[str, str],
    *,
    source: str,
    timeout: float | None,
    path: Path | None = None,
    union: bool = True,
) -> QueryResult:
    """:func:`evaluate`, stopped at ``timeout`` seconds (see :func:`answer_within`)."""
    return answer_within(
        store,
        lambda opened: evaluate(opened, sparql, prefixes, source, union=union),
        timeout=timeout,
        path=path,
        source=source,
    )


def answer_within(
    store: ox.Store,
    answer: Callable[[ox.Store], QueryResult],
    *,
    timeout: float | None,
    path: Path | None,
    source: str,
) -> QueryResult:
    """``answer(store)``; with ``timeout`` seconds (or a time budget, or a memory cap), in
    a worker process stopped at the deadline (TimeoutExceeded). ``path`` is the folder of
    an on-disk store: the worker then reads it through its own read-only handle (see the
    module's notes on fork safety)."""
    if timeout is None and memory_cap() is None and remaining() is None:
        return answer(store)

    def work() -> QueryResult:
        return answer(open_read_only(path) if path is not None else store)

    return run_with_deadline(work, timeout, f"{source}: the query")


def open_read_only(path: Path) -> ox.Store:
    """The store in the folder ``path``, read-only; a damaged store is an InputError."""
    try:
        return ox.Store.read_only(str(path))
    except RuntimeError as error:
        translated = storage_error(error, path)
        if translated is None:
            raise
        raise translated from error


def from_ox_result(result: Any, *, describe: bool = False) -> QueryResult:
    """A dlgraph query result from what ``pyoxigraph.Store.query`` returned."""
    if isinstance(result, ox.QueryBoolean):
        return AskResult(bool(result))
    if isinstance(result, ox.QuerySolutions):
        variables = tuple(variable.value for variable in result.variables)
        rows = tuple(tuple(from_ox(solution[v]) for v in variables) for solution in result)
        return SelectResult(variables, rows)
    return GraphResult(_graph(result), "DESCRIBE" if describe else "CONSTRUCT")


def _graph(triples: Iterable[Any]) -> Graph:
    graph = bind_prefixes(Graph())
    for triple in triples:
        graph.add(
            (from_ox(triple.subject), from_ox(triple.predicate), from_ox(triple.object))  # type: ignore[arg-type]
        )
    return graph
