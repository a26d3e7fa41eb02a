"""One SPARQL query across several municipality endpoints, through SPARQL 1.1 ``SERVICE``.

:func:`federated_query` writes a named query as a UNION of ``SERVICE`` blocks, one per
endpoint, each tagged with ``?endpoint``, and has Oxigraph's engine (pyoxigraph, in
memory, holding no data of its own) evaluate it: Oxigraph sends each block to its
endpoint and joins the answers. Every endpoint must be on the caller's allow-list, and is
checked with a health query (with a time-out) before the federated query runs, so that a
failing endpoint is named. The whole evaluation has a time-out too; a result is returned
only when every endpoint answered.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import pyoxigraph as ox

from dlgraph.errors import InputError, QueryError, RemoteError, TimeoutExceeded
from dlgraph.federate.endpoint import Endpoint
from dlgraph.limits import check_query_depth
from dlgraph.network import DEFAULT_TIMEOUT, NetworkPolicy, NetworkSetting, network_policy
from dlgraph.ontology.namespaces import PREFIXES
from dlgraph.query.checks import (
    after_prologue,
    check_read_only,
    check_services,
    prepare,
    query_kind,
)
from dlgraph.query.named import named_query
from dlgraph.query.oxigraph import from_ox_result
from dlgraph.query.results import QueryResult, SelectResult

__all__ = ["ENDPOINT_VARIABLE", "federated_named_query", "federated_query", "federated_sparql"]

ENDPOINT_VARIABLE = "endpoint"
"""The variable that tells which endpoint a row came from."""


def federated_sparql(sparql: str, endpoints: Sequence[str]) -> str:
    """A SELECT ``sparql`` as a UNION of ``SERVICE`` blocks, one per endpoint URL.

    The endpoint IRIs are checked Oxigraph terms written by Oxigraph; the query's own
    PREFIX declarations are kept, and each block runs its whole body as a subquery.
    """
    if query_kind(sparql) != "SELECT":
        raise QueryError("only a SELECT query can be federated over endpoints")
    if not endpoints:
        raise InputError("give at least one endpoint to federate")
    body = after_prologue(sparql)
    prologue = sparql[: len(sparql) - len(body)]
    variables = _projection(sparql)
    blocks = []
    for url in endpoints:
        iri = str(_iri(url))
        blocks.append(
            f"  {{\n    SERVICE {iri} {{\n{body}\n    }}\n"
            f"    BIND({iri} AS ?{ENDPOINT_VARIABLE})\n  }}"
        )
    projection = " ".join(f"?{v}" for v in (ENDPOINT_VARIABLE, *variables))
    return f"{prologue}SELECT {projection} WHERE {{\n" + "\n  UNION\n".join(blocks) + "\n}\n"


def federated_query(
    sparql: str,
    endpoints: Sequence[str | Endpoint],
    *,
    allow_network: NetworkSetting,
    timeout: float = DEFAULT_TIMEOUT,
    source: str = "<federated query>",
) -> QueryResult:
    """Run ``sparql`` (which may hold its own ``SERVICE`` clauses) on Oxigraph's engine.

    ``endpoints`` are the endpoints taking part: each must be permitted by
    ``allow_network`` (NetworkRefused before any request) and answers a health check
    first. ``SERVICE`` clauses naming anything the policy does not permit are refused.
    """
    policy = network_policy(allow_network)
    resolved = [e if isinstance(e, Endpoint) else Endpoint(e, timeout=timeout) for e in endpoints]
    for endpoint in resolved:
        policy.check(endpoint.url, "the federated query's endpoint")
    check_read_only(sparql, source)
    check_services(sparql, source, policy)
    for endpoint in resolved:
        endpoint.ping()
    return _evaluate(sparql, [e.url for e in resolved], timeout, source)


def federated_named_query(
    name: str,
    endpoints: Sequence[str | Endpoint],
    *,
    allow_network: NetworkSetting | None = None,
    timeout: float = DEFAULT_TIMEOUT,
    parameters: Mapping[str, Any] | None = None,
) -> SelectResult:
    """Run the named query ``name`` on every endpoint in one federated query.

    The rows carry the endpoint they came from in the first column, ``endpoint``.
    ``allow_network`` is the allow-list; by default the endpoints named here (naming
    them is the opt-in). ``parameters`` are the named query's, sent as bindings.
    """

    query = named_query(name)
    resolved = [e if isinstance(e, Endpoint) else Endpoint(e, timeout=timeout) for e in endpoints]
    policy = (
        network_policy(allow_network)
        if allow_network is not None
        else NetworkPolicy(allowed=tuple(e.url for e in resolved), timeout=timeout)
    )
    for endpoint in resolved:  # refused before anything is written or sent
        policy.check(endpoint.url, f"the federated query {name}")
    bound = query.bind(parameters or {})
    sparql = federated_sparql(bound, [e.url for e in resolved])
    result = federated_query(
        sparql, resolved, allow_network=policy, timeout=timeout, source=f"federated {name}"
    )
    assert isinstance(result, SelectResult)
    order = {e.url: index for index, e in enumerate(resolved)}
    rows = sorted(result.rows, key=lambda row: order.get(str(row[0]), len(order)))
    return SelectResult(result.variables, tuple(rows))


def _evaluate(sparql: str, urls: Iterable[str], timeout: float, source: str) -> QueryResult:
    """Evaluate on an empty in-memory Oxigraph in a worker thread, waiting ``timeout`` s.

    Oxigraph's SERVICE client has no time-out of its own; on a time-out the worker is
    abandoned (a daemon thread) and nothing of its result is used.
    """
    check_query_depth(sparql, source)
    outcome: dict[str, Any] = {}

    def work() -> None:
        # Oxigraph's objects must be dropped in the thread that made them: only plain
        # values (the converted result, the error's kind and text) leave this thread.
        try:
            store = ox.Store()
            solutions = store.query(sparql, prefixes=dict(PREFIXES))
            outcome["result"] = from_ox_result(solutions)
        except SyntaxError as error:
            outcome["error"] = ("syntax", str(error))
        except Exception as error:
            outcome["error"] = ("failed", str(error))

    worker = threading.Thread(target=work, name="dlgraph-federated-query", daemon=True)
    worker.start()
    worker.join(timeout)
    names = ", ".join(urls)
    if worker.is_alive():
        raise TimeoutExceeded(
            f"{source} over {names} did not finish within {timeout:g} s; nothing of it is used",
            hint="raise the time-out (--timeout SECONDS) or check the endpoints",
        )
    if "error" in outcome:
        kind, text = outcome["error"]
        if kind == "syntax":
            raise QueryError(f"{source}: Oxigraph cannot parse the federated query: {text}")
        raise RemoteError(
            f"{source} over {names} failed: {text}; nothing of it is used",
            hint="one of the endpoints failed during the query; check each with "
            "dlgraph query --endpoint URL",
        )
    result: QueryResult = outcome["result"]
    return result


def _iri(url: str) -> ox.NamedNode:
    try:
        return ox.NamedNode(url)
    except ValueError as error:
        raise InputError(f"{url!r} is not a valid endpoint IRI: {error}") from error


def _projection(sparql: str) -> tuple[str, ...]:

    algebra = prepare(sparql).algebra
    variables = algebra.get("PV") or []
    return tuple(str(v) for v in variables)
