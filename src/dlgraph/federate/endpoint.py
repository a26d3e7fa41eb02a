"""Remote SPARQL 1.1 servers: queries over the Protocol, graphs over the Graph Store Protocol.

An :class:`Endpoint` is reached only because the caller named it (that is the opt-in);
every request has a time-out. A server that cannot be reached, does not answer in time,
answers with an HTTP error or returns results that do not parse raises
:class:`~dlgraph.RemoteError` or :class:`~dlgraph.TimeoutExceeded` naming the endpoint;
results are read and checked whole before anything is returned, so a partial result is
never passed on as complete.

The query URL is what the caller names; the update and Graph Store URLs are derived from
it per kind of server (Oxigraph, Virtuoso, Fuseki, GraphDB: see
:mod:`dlgraph.federate.urls`), or given. Credentials, when a server asks for them, come
from the environment or a netrc file (:mod:`dlgraph.federate.credentials`), never from
an argument.
"""

from __future__ import annotations

import json
import urllib.parse
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from rdflib import BNode, Dataset, Graph, URIRef
from rdflib import Literal as RdfLiteral
from rdflib.term import Identifier, Node

from dlgraph.errors import DlgraphError, InputError, RemoteError
from dlgraph.federate.fetch import (
    PAGE_SIZE,
    data_graph_names,
    default_graph_holds_data,
    fetch_statements,
)
from dlgraph.federate.http import send
from dlgraph.federate.urls import derive_urls
from dlgraph.graph import OrgGraph
from dlgraph.network import DEFAULT_TIMEOUT, NetworkPolicy, NetworkSetting, network_policy
from dlgraph.ontology.graphs import bind_prefixes
from dlgraph.query.bindings import bind
from dlgraph.query.checks import check_read_only, check_services, query_kind, with_prefixes
from dlgraph.query.named import named_query
from dlgraph.query.results import AskResult, GraphResult, QueryResult, SelectResult

__all__ = ["Endpoint", "PushResult"]

_RESULTS_JSON = "application/sparql-results+json"
_NTRIPLES = "application/n-triples"


@dataclass(frozen=True)
class PushResult:
    """One graph uploaded through the Graph Store Protocol."""

    graph: URIRef
    statements: int
    status: int


@dataclass(frozen=True)
class Endpoint:
    """A SPARQL 1.1 server: its query URL and the Graph Store URLs derived from it.

    ``gsp_url`` is where graphs are written (and read, unless ``gsp_read_url`` is given:
    Virtuoso reads without credentials at another URL than it writes). ``timeout`` is
    each request's, in seconds. ``allow_network`` is the policy for ``SERVICE`` clauses
    in queries sent to it; by default only the endpoint itself may be named there.
    """

    url: str
    gsp_url: str = ""
    update_url: str = ""
    timeout: float = DEFAULT_TIMEOUT
    allow_network: NetworkSetting = field(default=False, compare=False)
    gsp_read_url: str = ""

    def __post_init__(self) -> None:
        parts = urllib.parse.urlsplit(self.url)
        if parts.scheme not in ("http", "https") or not parts.netloc:
            raise InputError(
                f"{self.url!r} is not an http(s) URL of a SPARQL endpoint",
                hint="give the query URL, e.g. http://127.0.0.1:7878/query",
            )
        derived = derive_urls(self.url)
        object.__setattr__(self, "url", derived.query)
        read = self.gsp_read_url or (self.gsp_url or derived.graph_store_read)
        object.__setattr__(self, "gsp_url", self.gsp_url or derived.graph_store)
        object.__setattr__(self, "gsp_read_url", read)
        object.__setattr__(self, "update_url", self.update_url or derived.update)

    @property
    def policy(self) -> NetworkPolicy:
        """The network policy for SERVICE clauses: the endpoint itself and what was allowed."""
        base = network_policy(self.allow_network)
        return NetworkPolicy(
            allow_all=base.allow_all,
            allowed=(*base.allowed, self.url),
            timeout=self.timeout,
        )

    # --- queries -----------------------------------------------------------------------

    def query(
        self, sparql: str, bindings: Mapping[str, Identifier] | None = None, *, source: str = ""
    ) -> QueryResult:
        """Run a read-only query on the server; dlgraph's prefixes are declared.

        ``bindings`` (RDF terms) travel as a VALUES block opening the WHERE group.
        """

        source = source or f"query to {self.url}"
        check_read_only(sparql, source)
        check_services(sparql, source, self.policy)
        text = with_prefixes(bind(sparql, bindings or {}, source=source))
        kind = query_kind(sparql)
        accept = _RESULTS_JSON if kind in ("SELECT", "ASK") else f"{_NTRIPLES}, text/turtle;q=0.5"
        body, content_type, _status = self._request(
            "POST",
            self.url,
            data=urllib.parse.urlencode({"query": text}).encode("utf-8"),
            headers={
                "Content-Type": "application/x-www-form-urlencoded",
                "Accept": accept,
            },
        )
        if kind in ("SELECT", "ASK"):
            return self._results(body)
        graph = self._graph(body, content_type)
        return GraphResult(graph, "DESCRIBE" if kind == "DESCRIBE" else "CONSTRUCT")

    def run(self, name: str, /, **parameters: Any) -> QueryResult:
        """Run the named query ``name`` on the server with ``parameters``."""

        sparql = named_query(name).bind(parameters)
        return self.query(sparql, source=f"named query {name} at {self.url}")

    def ping(self) -> None:
        """Ask the server ``ASK {}``; RemoteError or TimeoutExceeded when it fails."""
        result = self.query("ASK {}", source=f"health check of {self.url}")
        if not isinstance(result, AskResult):
            raise self._malformed("an ASK query did not return a boolean")

    def graph_names(self) -> tuple[URIRef, ...]:
        """The named graphs that hold data: with a ``dl:`` or ``org:`` predicate or class.

        A server's own graphs (Virtuoso's configuration, vocabularies) are left out; the
        rule is :mod:`dlgraph.federate.fetch`'s.
        """
        return data_graph_names(self.query, self.url)

    def dataset(
        self, graphs: Iterable[str | URIRef] | None = None, *, page_size: int = PAGE_SIZE
    ) -> OrgGraph:
        """The server's data graphs (:meth:`graph_names`, or ``graphs``) as an OrgGraph.

        Each graph is counted, then fetched over the SPARQL Protocol (no Graph Store
        needed) in pages of ``page_size`` statements in a stable order; an answer the
        server cut short raises RemoteError. When no named graph holds data, the default
        graph is fetched into a graph named by the endpoint URL, if it holds data.
        """
        names = [URIRef(str(name)) for name in graphs] if graphs is not None else None
        found = names if names is not None else list(self.graph_names())
        dataset = Dataset(default_union=True)
        if names is None and not found:
            if not default_graph_holds_data(self.query, self.url):
                raise RemoteError(
                    f"{self.url} holds no data of dlgraph's: no graph has a statement with "
                    "a dl: or org: predicate or class",
                    hint="push data first (dlgraph push FILES --endpoint URL), or name the "
                    "graphs with --graph",
                )
            default = fetch_statements(self.query, self.url, None, page_size=page_size)
            _add(dataset, URIRef(self.url), default)
        for name in found:
            graph = fetch_statements(self.query, self.url, name, page_size=page_size)
            if names is not None and len(graph) == 0:
                raise RemoteError(
                    f"{self.url} holds no graph {name} (or it is empty)",
                    hint="list the server's graphs with: dlgraph query --endpoint URL "
                    "-s 'SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }'",
                )
            _add(dataset, name, graph)
        return OrgGraph(dataset)

    # --- the Graph Store Protocol --------------------------------------------------------

    def put_graph(self, graph: Graph, name: str | URIRef) -> PushResult:
        """Replace the graph ``name`` on the server with ``graph`` (HTTP PUT, N-Triples)."""
        data = graph.serialize(format="nt", encoding="utf-8")
        url = _with_query(self.gsp_url, {"graph": str(name)})
        status = self._request(
            "PUT", url, data=data, headers={"Content-Type": _NTRIPLES}, gsp=True
        )[2]
        return PushResult(URIRef(str(name)), len(graph), status)

    def get_graph(self, name: str | URIRef) -> Graph:
        """The graph ``name`` on the server (HTTP GET, N-Triples), whole.

        The statements are counted over the SPARQL Protocol too: a Graph Store that cuts
        its answer short (Virtuoso's, at ``ResultSetMaxRows``) raises RemoteError.
        """
        url = _with_query(self.gsp_read_url, {"graph": str(name)})
        body, content_type, _status = self._request(
            "GET", url, headers={"Accept": f"{_NTRIPLES}, text/turtle;q=0.5"}, gsp=True
        )
        graph = self._graph(body, content_type)
        counted = self.query(
            "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }",
            {"g": URIRef(str(name))},
            source=f"counting graph {name} at {self.url}",
        )
        if not isinstance(counted, SelectResult):
            raise self._malformed("a COUNT query did not return rows")
        total = counted.rows[0][0] if counted.rows else None
        if isinstance(total, RdfLiteral) and len(graph) < int(total):
            raise RemoteError(
                f"the Graph Store {url} gave {len(graph)} of the {int(total)} statements of "
                "the graph: the server caps its answers and says nothing; nothing of it is used",
                hint="raise the server's result limit (Virtuoso: ResultSetMaxRows in the "
                "[SPARQL] section of virtuoso.ini)",
            )
        return graph

    def push(self, data: OrgGraph, *, graph: str | None = None) -> tuple[PushResult, ...]:
        """Upload ``data``: each named graph under its name, or all of it as ``graph``."""
        if graph is not None:
            return (self.put_graph(data.union(inferred=False), graph),)
        return tuple(
            self.put_graph(data.named_graph(name), name)
            for name in data.graph_names(inferred=False)
        )

    # --- HTTP ----------------------------------------------------------------------------

    def _request(
        self,
        method: str,
        url: str,
        *,
        data: bytes | None = None,
        headers: Mapping[str, str],
        gsp: bool = False,
    ) -> tuple[bytes, str, int]:
        """One request to the server, read whole; its failures name the URL."""
        what = "the Graph Store" if gsp else "the SPARQL endpoint"
        answer = send(method, url, data=data, headers=headers, timeout=self.timeout, what=what)
        return answer.body, answer.content_type, answer.status

    def _malformed(self, reason: str) -> RemoteError:
        return RemoteError(
            f"the SPARQL endpoint {self.url} returned malformed results: {reason}; "
            "nothing of them is used",
            hint="check that the URL is the server's SPARQL query endpoint",
        )

    def _results(self, body: bytes) -> QueryResult:
        try:
            document = json.loads(body.decode("utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError) as error:
            raise self._malformed(f"not SPARQL JSON ({error})") from error
        try:
            return _parse_results(document)
        except (KeyError, TypeError, ValueError) as error:
            raise self._malformed(str(error) or type(error).__name__) from error

    def _graph(self, body: bytes, content_type: str) -> Graph:
        media = content_type.split(";")[0].strip().lower()
        fmt = "turtle" if media in ("text/turtle", "application/x-turtle") else "nt"
        if media and media not in (_NTRIPLES, "text/turtle", "application/x-turtle", "text/plain"):
            raise self._malformed(f"an RDF graph was asked for, the server sent {media!r}")
        graph = bind_prefixes(Graph())
        try:
            graph.parse(data=body.decode("utf-8"), format=fmt)
        except Exception as error:  # rdflib raises many kinds on bad input
            if isinstance(error, DlgraphError):
                raise
            raise self._malformed(f"the graph does not parse ({error})") from error
        return graph


def _with_query(url: str, params: Mapping[str, str]) -> str:
    separator = "&" if "?" in url else "?"
    return url + separator + urllib.parse.urlencode(params)


def _parse_results(document: Any) -> QueryResult:
    if not isinstance(document, dict) or "head" not in document:
        raise ValueError("no 'head' object")
    if "boolean" in document:
        if not isinstance(document["boolean"], bool):
            raise ValueError("'boolean' is not true or false")
        return AskResult(document["boolean"])
    variables = document["head"]["vars"]
    if not isinstance(variables, list) or not all(isinstance(v, str) for v in variables):
        raise ValueError("'head.vars' is not a list of names")
    bindings = document["results"]["bindings"]
    if not isinstance(bindings, list):
        raise ValueError("'results.bindings' is not a list")
    rows: list[tuple[Node | None, ...]] = []
    for binding in bindings:
        if not isinstance(binding, dict):
            raise ValueError("a solution is not an object")
        unknown = set(binding) - set(variables)
        if unknown:
            raise ValueError(f"a solution binds undeclared variables {sorted(unknown)}")
        rows.append(tuple(_term(binding[v]) if v in binding else None for v in variables))
    return SelectResult(tuple(variables), tuple(rows))


def _term(value: Any) -> Node:
    if not isinstance(value, dict) or not isinstance(value.get("value"), str):
        raise ValueError(f"a bound value is not an RDF term: {str(value)[:80]}")
    kind = value.get("type")
    text = value["value"]
    if kind == "uri":
        return URIRef(text)
    if kind == "bnode":
        return BNode(text)
    if kind in ("literal", "typed-literal"):
        if "xml:lang" in value:
            return RdfLiteral(text, lang=value["xml:lang"])
        datatype = value.get("datatype")
        if datatype is not None and datatype != "http://www.w3.org/2001/XMLSchema#string":
            return RdfLiteral(text, datatype=URIRef(datatype))
        return RdfLiteral(text)
    raise ValueError(f"unknown term type {kind!r}")


def _add(dataset: Dataset, name: URIRef, graph: Graph) -> None:
    target = dataset.graph(name)
    for triple in graph:
        target.add(triple)
