"""Read-only SPARQL: checks, the one binding algorithm, the engines, named queries.

Exports the result records (:class:`SelectResult`, :class:`AskResult`,
:class:`GraphResult`), :func:`run_query` over a Dataset, :func:`bind` (how every path
binds values into a query), the checks every query passes first (:func:`prepare`,
:func:`check_read_only`), and the named queries (:func:`named_query`, :func:`queries`).
"""

from __future__ import annotations

from dlgraph.query.bindings import CannotBind, bind
from dlgraph.query.checks import check_read_only, prepare
from dlgraph.query.named import NamedQuery, Parameter, named_query, queries
from dlgraph.query.results import (
    AskResult,
    GraphResult,
    QueryResult,
    SelectResult,
    python_value,
    to_term,
)
from dlgraph.query.run import run_query

__all__ = [
    "AskResult",
    "CannotBind",
    "GraphResult",
    "NamedQuery",
    "Parameter",
    "QueryResult",
    "SelectResult",
    "bind",
    "check_read_only",
    "named_query",
    "prepare",
    "python_value",
    "queries",
    "run_query",
    "to_term",
]
