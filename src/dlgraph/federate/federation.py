"""One SPARQL query across several municipality endpoints, answered as over their union.

dlgraph makes the requests itself: for each endpoint, in a thread of its own, a health
query and then the fetch of its data graphs (:meth:`Endpoint.dataset`: form-encoded
SPARQL Protocol requests, each with the endpoint's time-out and credentials). The query
is then evaluated once over the union of all the fetched graphs, in memory on Oxigraph's
engine as a :class:`~dlgraph.Store` would (one named graph per graph fetched; a graph
held by two endpoints is merged), so that its answer is the embedded dataset's,
aggregates across endpoints included (a COUNT over two endpoints counts each thing
once). A SELECT's rows are tagged with their endpoint where the query keeps endpoints
apart (see :func:`tag_rows`).

A query with ``SERVICE`` clauses of its own runs as written on Oxigraph's engine, whose
SERVICE client posts queries as ``application/sparql-query`` without credentials: each
endpoint it names is first asked that way, with a time-out, so that one that does not
answer so (Virtuoso) is named instead of the query hanging.
"""

from __future__ import annotations

import queue
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any, TypeVar

import pyoxigraph as ox
from rdflib import BNode, URIRef
from rdflib.term import Node

from dlgraph.errors import DlgraphError, InputError, QueryError, RemoteError, TimeoutExceeded
from dlgraph.federate.endpoint import Endpoint
from dlgraph.federate.http import send
from dlgraph.graph import OrgGraph
from dlgraph.limits import check_query_depth
from dlgraph.network import DEFAULT_TIMEOUT, NetworkPolicy, NetworkSetting, network_policy
from dlgraph.ontology.namespaces import PREFIXES
from dlgraph.oxigraph.copy import quads_of
from dlgraph.query.checks import (
    after_prologue,
    check_read_only,
    check_services,
    prepare,
    query_kind,
    walk_algebra,
)
from dlgraph.query.named import named_query
from dlgraph.query.oxigraph import from_ox_result
from dlgraph.query.results import QueryResult, SelectResult
from dlgraph.store import Store

__all__ = [
    "ENDPOINT_VARIABLE",
    "federated_named_query",
    "federated_query",
    "federated_sparql",
    "fetch_data",
    "query_over",
    "tag_rows",
]

ENDPOINT_VARIABLE = "endpoint"
"""The variable that tells which endpoint a row came from."""

_T = TypeVar("_T")


def federated_sparql(sparql: str, endpoints: Sequence[str]) -> str:
    """A SELECT ``sparql`` as a UNION of ``SERVICE`` blocks, one per endpoint URL.

    The SERVICE form of a federated query, for an engine of one's own; the block per
    endpoint gives per-endpoint aggregates, not the aggregate over the union. The endpoint
    IRIs are checked Oxigraph terms written by Oxigraph; the query's own PREFIX
    declarations are kept, and each block runs its whole body as a subquery.
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
    """Run ``sparql`` over the union of the ``endpoints``' data, or as written with SERVICE.

    Each endpoint must be permitted by ``allow_network`` (NetworkRefused before any
    request). Without ``SERVICE`` clauses the query is answered over the endpoints' data
    graphs, fetched by dlgraph; a SELECT gets the ``endpoint`` column first. With them,
    Oxigraph's engine follows them (each must be permitted too). ``timeout`` is each
    request's, each endpoint's whole fetch's and the evaluation's, in seconds.
    """
    policy = network_policy(allow_network)
    resolved = _resolve(endpoints, timeout)
    for endpoint in resolved:
        policy.check(endpoint.url, "the federated query's endpoint")
    check_read_only(sparql, source)
    check_services(sparql, source, policy)
    services = _services(sparql, source)
    if services:
        _ask_as_a_service_client(services, timeout)
        return _evaluate(sparql, services, timeout, source)
    return _over_the_union(sparql, resolved, timeout, source)


def federated_named_query(
    name: str,
    endpoints: Sequence[str | Endpoint],
    *,
    allow_network: NetworkSetting | None = None,
    timeout: float = DEFAULT_TIMEOUT,
    parameters: Mapping[str, Any] | None = None,
) -> SelectResult:
    """Run the named query ``name`` over the union of every endpoint's data.

    The answer equals the embedded dataset's for the same data; the rows carry the
    endpoint they came from in the first column, ``endpoint`` (unbound where a row draws
    on several endpoints, see :func:`tag_rows`). ``allow_network`` is the allow-list; by
    default the endpoints named here (naming them is the opt-in). ``parameters`` are the
    named query's, sent as bindings.
    """
    query = named_query(name)
    resolved = _resolve(endpoints, timeout)
    policy = (
        network_policy(allow_network)
        if allow_network is not None
        else NetworkPolicy(allowed=tuple(e.url for e in resolved), timeout=timeout)
    )
    for endpoint in resolved:  # refused before anything is sent
        policy.check(endpoint.url, f"the federated query {name}")
    if query_kind(query.sparql) != "SELECT":
        raise QueryError(f"the named query {name} is not a SELECT; it cannot be federated")
    result = _over_the_union(
        query.bind(parameters or {}), resolved, timeout, f"federated named query {name}"
    )
    assert isinstance(result, SelectResult)
    return result


def tag_rows(
    result: SelectResult, parts: Sequence[SelectResult], endpoints: Sequence[str]
) -> SelectResult:
    """``result`` (over the union) with the ``endpoint`` column first.

    A row is tagged with an endpoint when the query over that endpoint's data alone gives
    it, and the endpoints' own answers account for every copy of it in ``result``; a row
    that only the union gives (an aggregate or a join across endpoints) is left
    untagged. Blank nodes match any blank node, as they are fresh in each answer.
    """
    owned = [Counter(_key(row) for row in part.rows) for part in parts]
    queues: dict[tuple[Node | None, ...], list[URIRef]] = {}
    for key, copies in Counter(_key(row) for row in result.rows).items():
        owners = [(URIRef(url), counts[key]) for url, counts in zip(endpoints, owned, strict=True)]
        if sum(n for _url, n in owners) == copies:
            queues[key] = [url for url, n in owners for _ in range(n)]
    rows = []
    for row in result.rows:
        queue = queues.get(_key(row))
        rows.append((queue.pop(0) if queue else None, *row))
    return SelectResult((ENDPOINT_VARIABLE, *result.variables), tuple(rows))


def _key(row: Sequence[Node | None]) -> tuple[Node | None, ...]:
    return tuple(BNode("b") if isinstance(term, BNode) else term for term in row)


def _resolve(endpoints: Sequence[str | Endpoint], timeout: float) -> list[Endpoint]:
    if not endpoints:
        raise InputError("give at least one endpoint to federate")
    return [e if isinstance(e, Endpoint) else Endpoint(e, timeout=timeout) for e in endpoints]


def _over_the_union(
    sparql: str, endpoints: Sequence[Endpoint], timeout: float, source: str
) -> QueryResult:
    """``sparql`` over the union of the endpoints' data; a SELECT tagged by endpoint."""
    parts = fetch_data(endpoints, timeout)
    return query_over(sparql, parts, [e.url for e in endpoints], timeout=timeout, source=source)


def fetch_data(endpoints: Sequence[Endpoint], timeout: float) -> list[OrgGraph]:
    """Each endpoint's data graphs, fetched in parallel, each fetch within ``timeout`` s."""

    def fetch(endpoint: Endpoint) -> Callable[[], OrgGraph]:
        def work() -> OrgGraph:
            endpoint.ping()
            return endpoint.dataset()

        return work

    return _in_parallel(
        [(e.url, "the SPARQL endpoint", fetch(e)) for e in endpoints],
        timeout,
        "did not send its data",
    )


def query_over(
    sparql: str,
    parts: Sequence[OrgGraph],
    urls: Sequence[str],
    *,
    timeout: float | None = None,
    source: str = "<federated query>",
) -> QueryResult:
    """``sparql`` over the union of ``parts`` (the data of the endpoints at ``urls``).

    Evaluated on Oxigraph's engine as for a Store (the rdflib engine would parse the
    query again for each part); a graph held by two endpoints is merged, as loading both
    would. A SELECT's rows are tagged by :func:`tag_rows`.
    """
    with Store.memory() as union:
        own: list[Store] = []
        try:
            for part in parts:
                quads = list(quads_of(part.dataset))
                union.oxigraph.extend(quads)
                own.append(Store.memory())
                own[-1].oxigraph.extend(quads)
            result = union.query(sparql, source=source, timeout=timeout)
            if not isinstance(result, SelectResult):
                return result
            answers = []
            for store in own:
                answer = store.query(sparql, source=source, timeout=timeout)
                assert isinstance(answer, SelectResult)
                answers.append(answer)
        finally:
            for store in own:
                store.close()
    return tag_rows(result, answers, urls)


def _in_parallel(
    tasks: Sequence[tuple[str, str, Callable[[], _T]]],
    timeout: float,
    late: str,
    hint: str = "raise the time-out (--timeout SECONDS) or check the server",
) -> list[_T]:
    """The results of ``tasks`` (url, what, work), each in its own thread, within ``timeout``.

    A failure is raised as soon as it happens, as it is (it names its URL); else the
    tasks still running at the time-out are named with ``late``. Threads still running
    are abandoned; their requests end at their own time-outs.
    """
    outcomes: list[dict[str, Any]] = [{} for _ in tasks]
    done: queue.SimpleQueue[int] = queue.SimpleQueue()

    def run(index: int, work: Callable[[], _T]) -> None:
        try:
            outcomes[index]["result"] = work()
        except BaseException as error:  # handed to the caller's thread
            outcomes[index]["error"] = error
        finally:
            done.put(index)

    for index, (_url, _what, work) in enumerate(tasks):
        thread = threading.Thread(target=run, args=(index, work), daemon=True)
        thread.name = "dlgraph-federation"
        thread.start()
    end = time.monotonic() + timeout
    for _ in tasks:  # until all are done, one fails, or the time is up
        try:
            index = done.get(timeout=max(0.0, end - time.monotonic()))
        except queue.Empty:
            break
        if "error" in outcomes[index]:
            break
    finished = [dict(outcome) for outcome in outcomes]  # as they are now, at the time-out
    for (url, what, _work), outcome in zip(tasks, finished, strict=True):
        error = outcome.get("error")
        if isinstance(error, DlgraphError):
            raise error
        if error is not None:
            raise RemoteError(f"{what} {url} failed: {type(error).__name__}") from None
    silent = [
        f"{what} {url}"
        for (url, what, _work), outcome in zip(tasks, finished, strict=True)
        if "result" not in outcome
    ]
    if silent:
        raise TimeoutExceeded(
            f"{' and '.join(silent)} {late} within {timeout:g} s; nothing of it is used",
            hint=hint,
        )
    return [outcome["result"] for outcome in finished]


def _services(sparql: str, source: str) -> tuple[str, ...]:
    """The endpoints the query's own SERVICE clauses name, in order, once each."""
    if "service" not in sparql.lower():
        return ()
    found: dict[str, None] = {}
    for part in walk_algebra(prepare(sparql, source=source).algebra):
        if part.name == "ServiceGraphPattern":
            found[str(part.get("term"))] = None
    return tuple(found)


def _ask_as_a_service_client(urls: Iterable[str], timeout: float) -> None:
    """Ask each endpoint ``ASK {}`` as Oxigraph's SERVICE client asks (a query posted as
    ``application/sparql-query``, without credentials), so that one that does not answer
    so is named before the query waits for it."""

    asked = (
        "(asked as Oxigraph's SERVICE client asks: a query posted as "
        "application/sparql-query, without credentials)"
    )
    hint = (
        "leave SERVICE out and name the endpoints with --federate: dlgraph then makes "
        "the requests itself"
    )

    def ask(url: str) -> Callable[[], None]:
        def work() -> None:
            try:
                send(
                    "POST",
                    url,
                    data=b"ASK {}",
                    headers={
                        "Content-Type": "application/sparql-query",
                        "Accept": "application/sparql-results+json",
                    },
                    timeout=timeout,
                    what="the SERVICE endpoint",
                    credentials=False,
                )
            except DlgraphError as error:
                raise type(error)(f"{error.message} {asked}", hint=hint) from None

        return work

    what = "the SERVICE endpoint"
    late = f"did not answer {asked}"
    _in_parallel([(url, what, ask(url)) for url in urls], timeout, late, hint)


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
