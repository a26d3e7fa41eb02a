"""Push and federation across kinds of server: a real Oxigraph and a real Virtuoso.

Virtuoso takes writes only with credentials (digest, at ``/sparql-graph-crud-auth``);
they come from the per-server environment variables, as a user would set them. One
municipality, "north", is split between the two servers under the same graph name, so
that only the union of their data answers for it. Every named query federated over the
two servers must give the embedded dataset's rows.
"""

from __future__ import annotations

import base64
import http.server
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from rdflib import BNode, URIRef
from rdflib.compare import isomorphic
from typer.testing import CliRunner

import dlgraph
from conftest import EXAMPLES
from dlgraph import (
    Endpoint,
    RemoteError,
    Store,
    TimeoutExceeded,
    federated_named_query,
    federated_query,
)
from dlgraph.cli import app
from dlgraph.federate.federation import fetch_data, query_over
from municipalities import OxigraphServer, fake_server, municipality_turtle, oxigraph_server
from virtuoso import USER, VirtuosoServer, virtuoso_server

pytestmark = pytest.mark.slow

runner = CliRunner()

SE = "https://example.org/dlgraph/sweden-covid-2020/"
PARAMETERS: dict[str, dict[str, Any]] = {
    "acts-by-period": {"period1": URIRef(SE + "spring-2020"), "period2": URIRef(SE + "autumn-2020")}
}


def graph_iri(name: str) -> str:
    return f"https://example.org/municipality/{name}"


@dataclass
class Servers:
    oxigraph: OxigraphServer
    virtuoso: VirtuosoServer
    files: dict[str, Path]
    pushes: list[Any]

    @property
    def urls(self) -> list[str]:
        return [self.oxigraph.url, self.virtuoso.url]


def split_town(folder: Path) -> dict[str, Path]:
    """The generated municipalities: east and west whole, north whole and in two halves."""
    files = {}
    for name, schools, tasks, incoherent in (("east", 3, 5, False), ("west", 2, 4, True)):
        files[name] = folder / f"{name}.ttl"
        files[name].write_text(municipality_turtle(name, schools, tasks, incoherent=incoherent))
    lines = municipality_turtle("north", 3, 4).splitlines()
    prefixes = [line for line in lines if line.startswith("@prefix")]
    body = [line for line in lines if not line.startswith("@prefix")]
    for name, part in (("north", body), ("north-a", body[0::2]), ("north-b", body[1::2])):
        files[name] = folder / f"{name}.ttl"
        files[name].write_text("\n".join([*prefixes, *part]) + "\n")
    return files


@pytest.fixture(scope="module")
def servers(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Servers]:
    root = tmp_path_factory.mktemp("kinds")
    files = split_town(root)
    with (
        oxigraph_server(root / "oxigraph") as oxigraph,
        virtuoso_server(root / "virtuoso") as virtuoso,
        pytest.MonkeyPatch.context() as patch,
    ):
        suffix = f"_127_0_0_1_{virtuoso.http_port}"
        patch.setenv(f"DLGRAPH_ENDPOINT_USER{suffix}", USER)
        patch.setenv(f"DLGRAPH_ENDPOINT_PASSWORD{suffix}", virtuoso.password)
        placement = [
            (oxigraph.url, "denmark", EXAMPLES / "denmark-icdp"),
            (oxigraph.url, "sweden", EXAMPLES / "sweden-covid-2020"),
            (oxigraph.url, "east", files["east"]),
            (oxigraph.url, "north", files["north-a"]),
            (virtuoso.url, "west", files["west"]),
            (virtuoso.url, "north", files["north-b"]),
        ]
        pushes = []
        for url, name, source in placement:
            pushed = runner.invoke(app, ["push", str(source), "--endpoint", url,
                                         "--graph", graph_iri(name)])  # fmt: skip
            assert pushed.exit_code == 0, pushed.stderr
            pushes.append(pushed)
        yield Servers(oxigraph, virtuoso, files, pushes)


def town(servers: Servers) -> list[tuple[str, Path]]:
    """The whole town as embedded: each municipality in its graph, north whole."""
    return [
        ("denmark", EXAMPLES / "denmark-icdp"),
        ("sweden", EXAMPLES / "sweden-covid-2020"),
        ("east", servers.files["east"]),
        ("west", servers.files["west"]),
        ("north", servers.files["north"]),
    ]


@pytest.fixture(scope="module")
def embedded(servers: Servers) -> dlgraph.OrgGraph:
    graph = dlgraph.OrgGraph()
    for name, source in town(servers):
        graph.load(source, graph_name=graph_iri(name))
    return graph


@pytest.fixture(scope="module")
def store(servers: Servers) -> Iterator[Store]:
    """The embedded store (Oxigraph's engine, which needs no rdflib parse of each query)."""
    with Store.memory() as opened:
        for name, source in town(servers):
            opened.load(source, graph_name=graph_iri(name))
        yield opened


@pytest.fixture(scope="module")
def fetched(servers: Servers) -> list[dlgraph.OrgGraph]:
    """What federation fetches from the two servers."""
    return fetch_data([Endpoint(url) for url in servers.urls], timeout=30)


def rows(result: Any, skip: int = 0) -> list[tuple[Any, ...]]:
    """The rows as RDF terms (``true`` is not ``1``), blank nodes alike, in a stable order."""
    return sorted(
        (tuple(BNode("b") if isinstance(t, BNode) else t for t in row[skip:]) for row in result),
        key=repr,
    )


def test_push_to_virtuoso_with_credentials_reads_back_equal(servers: Servers) -> None:
    virtuoso = Endpoint(servers.virtuoso.url)
    assert virtuoso.gsp_url == servers.virtuoso.gsp_url
    west = virtuoso.get_graph(graph_iri("west"))  # read back at /sparql-graph-crud
    assert isomorphic(west, dlgraph.load(servers.files["west"]).union(inferred=False))
    token = base64.b64encode(f"{USER}:{servers.virtuoso.password}".encode()).decode()
    for pushed in servers.pushes:
        for text in (pushed.stdout, pushed.stderr):
            assert servers.virtuoso.password not in text and token not in text
    assert "/sparql-graph-crud-auth" in servers.pushes[-1].stderr


def test_push_to_virtuoso_without_credentials_says_what_to_set(
    servers: Servers, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv(f"DLGRAPH_ENDPOINT_USER_127_0_0_1_{servers.virtuoso.http_port}")
    monkeypatch.delenv(f"DLGRAPH_ENDPOINT_PASSWORD_127_0_0_1_{servers.virtuoso.http_port}")
    west, url = str(servers.files["west"]), servers.virtuoso.url
    result = runner.invoke(app, ["push", west, "--endpoint", url, "--graph", graph_iri("nowhere")])
    assert result.exit_code == 4
    assert "HTTP 401" in result.stderr and servers.virtuoso.gsp_url in result.stderr
    assert f"DLGRAPH_ENDPOINT_USER_127_0_0_1_{servers.virtuoso.http_port}" in result.stderr


@pytest.mark.parametrize("query", [q.name for q in dlgraph.queries()])
def test_every_named_query_over_oxigraph_and_virtuoso_equals_embedded(
    servers: Servers, fetched: list[dlgraph.OrgGraph], store: Store, query: str
) -> None:
    # fetched once for all the queries (federated_named_query fetches, then query_over)
    parameters = PARAMETERS.get(query, {})
    sparql = dlgraph.named_query(query).bind(parameters)
    result = query_over(sparql, fetched, servers.urls)
    expected = store.run(query, **parameters)
    assert result.variables == ("endpoint", *expected.variables)  # type: ignore[union-attr]
    assert rows(result, skip=1) == rows(expected), query


def test_rows_are_tagged_with_their_endpoint_where_the_query_keeps_them_apart(
    servers: Servers, embedded: dlgraph.OrgGraph
) -> None:
    result = federated_named_query("municipality-comparison", servers.urls)
    assert rows(result, skip=1) == rows(embedded.run("municipality-comparison"))
    tags = {str(row[1]): row[0] for row in result.rows}
    oxigraph, virtuoso = URIRef(servers.oxigraph.url), URIRef(servers.virtuoso.url)
    assert tags == {
        "https://example.org/dlgraph/denmark-icdp/kommune": oxigraph,
        "https://example.org/dlgraph/sweden-covid-2020/municipality": oxigraph,
        "https://example.org/synth/east/municipality": oxigraph,
        "https://example.org/synth/west/municipality": virtuoso,
        "https://example.org/synth/north/municipality": None,  # drawn from both servers
    }


def test_an_aggregate_over_both_servers_is_the_embedded_aggregate(
    servers: Servers, embedded: dlgraph.OrgGraph
) -> None:
    result = federated_named_query("summary", servers.urls)
    expected = embedded.run("summary")
    assert rows(result, skip=1) == rows(expected)
    assert [row[0] for row in result.rows] == [None]  # the whole town's, no one endpoint's
    # the union of each endpoint's own summary row would be two rows, neither the total
    apart = [Endpoint(url).run("summary").rows[0] for url in servers.urls]  # type: ignore[union-attr]
    assert expected.rows[0] not in apart  # type: ignore[union-attr]
    municipalities = [int(row[0]) for row in apart]  # type: ignore[call-overload]
    assert municipalities == [4, 1] and int(expected.rows[0][0]) == 5  # type: ignore[union-attr,call-overload]


def test_the_cli_federates_summary_over_oxigraph_and_virtuoso(servers: Servers) -> None:
    args = ["query", "-n", "summary", "-f", "csv", "-q", "--timeout", "20"]
    for url in servers.urls:
        args += ["--federate", url]
    started = time.monotonic()
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.stderr
    assert result.stdout.splitlines()[0].startswith("endpoint,municipalities,units")
    assert result.stdout.splitlines()[1].startswith(",5,")
    assert time.monotonic() - started < 15
    count = "SELECT (COUNT(DISTINCT ?m) AS ?n) WHERE { ?m a dl:Municipality }"
    result = runner.invoke(app, [*args[:1], "-s", count, *args[3:]])
    assert result.exit_code == 0, result.stderr
    assert result.stdout.splitlines() == ["endpoint,n", ",5"]


def test_federation_sends_credentials_to_the_server_that_asks(
    servers: Servers, store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    authenticated = f"http://127.0.0.1:{servers.virtuoso.http_port}/sparql-auth"
    result = federated_named_query("municipality-comparison", [servers.oxigraph.url, authenticated])
    assert rows(result, skip=1) == rows(store.run("municipality-comparison"))
    assert URIRef(authenticated) in {row[0] for row in result.rows}
    monkeypatch.delenv(f"DLGRAPH_ENDPOINT_PASSWORD_127_0_0_1_{servers.virtuoso.http_port}")
    monkeypatch.delenv(f"DLGRAPH_ENDPOINT_USER_127_0_0_1_{servers.virtuoso.http_port}")
    with pytest.raises(RemoteError, match="HTTP 401") as caught:
        federated_named_query("summary", [servers.oxigraph.url, authenticated])
    assert authenticated in str(caught.value) and servers.oxigraph.url not in str(caught.value)


def test_a_time_out_names_the_endpoint_that_did_not_answer(servers: Servers) -> None:
    def never(handler: http.server.BaseHTTPRequestHandler) -> None:
        time.sleep(3)

    with fake_server(never) as silent:
        endpoints = [*servers.urls, Endpoint(silent.url, timeout=1)]
        with pytest.raises(TimeoutExceeded, match="within 1 s") as caught:
            federated_named_query("summary", endpoints, timeout=20)
    message = str(caught.value)
    assert silent.url in message
    assert servers.oxigraph.url not in message and servers.virtuoso.url not in message


def test_a_service_clause_to_virtuoso_is_named_instead_of_hanging(servers: Servers) -> None:
    url = servers.virtuoso.url
    sparql = f"SELECT * WHERE {{ SERVICE <{url}> {{ ?s ?p ?o }} }} LIMIT 1"
    started = time.monotonic()
    with pytest.raises(TimeoutExceeded) as caught:
        federated_query(sparql, [url], allow_network=[url], timeout=2)
    assert time.monotonic() - started < 5
    assert url in str(caught.value) and "application/sparql-query" in str(caught.value)
    assert "--federate" in (caught.value.hint or "")


def test_a_server_that_caps_its_answers_is_refused_not_cut(servers: Servers) -> None:
    # the tests' Virtuoso answers at most 1000 rows (ResultSetMaxRows); Sweden has more
    url, graph = servers.virtuoso.url, graph_iri("capped")
    pushed = runner.invoke(app, ["push", str(EXAMPLES / "sweden-covid-2020"), "--endpoint",
                                 url, "--graph", graph])  # fmt: skip
    assert pushed.exit_code == 0, pushed.stderr
    try:
        result = runner.invoke(app, ["query", "-n", "summary", "--federate",
                                     servers.oxigraph.url, "--federate", url])  # fmt: skip
        assert result.exit_code == 4 and result.stdout == ""
        assert url in result.stderr and "1000" in result.stderr
        assert servers.oxigraph.url not in result.stderr
        with pytest.raises(RemoteError, match="gave 1001 of the 3548 statements"):
            Endpoint(url).get_graph(graph)  # Virtuoso's Graph Store cuts it too
    finally:
        servers.virtuoso.clear(graph)
