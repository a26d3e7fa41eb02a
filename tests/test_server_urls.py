"""The Graph Store and update URLs derived per kind of server, ``--gsp``, and the hint a
server's 404, 405 or 501 from the Graph Store gives."""

from __future__ import annotations

import http.server

import pytest
from rdflib import Graph, URIRef
from typer.testing import CliRunner

from conftest import EXAMPLES
from dlgraph import Endpoint, RemoteError
from dlgraph.cli import app
from municipalities import fake_server

runner = CliRunner()


@pytest.mark.parametrize(
    ("url", "query", "update", "write", "read"),
    [
        (
            "http://127.0.0.1:7878",
            "http://127.0.0.1:7878/query",
            "http://127.0.0.1:7878/update",
            "http://127.0.0.1:7878/store",
            "http://127.0.0.1:7878/store",
        ),
        (
            "http://127.0.0.1:7878/query",
            "http://127.0.0.1:7878/query",
            "http://127.0.0.1:7878/update",
            "http://127.0.0.1:7878/store",
            "http://127.0.0.1:7878/store",
        ),
        (
            "http://127.0.0.1:8890/sparql",
            "http://127.0.0.1:8890/sparql",
            "http://127.0.0.1:8890/sparql-auth",
            "http://127.0.0.1:8890/sparql-graph-crud-auth",
            "http://127.0.0.1:8890/sparql-graph-crud",
        ),
        (
            "http://127.0.0.1:8890/sparql-auth/",
            "http://127.0.0.1:8890/sparql-auth/",
            "http://127.0.0.1:8890/sparql-auth",
            "http://127.0.0.1:8890/sparql-graph-crud-auth",
            "http://127.0.0.1:8890/sparql-graph-crud",
        ),
        (
            "http://127.0.0.1:3030/towns/sparql",
            "http://127.0.0.1:3030/towns/sparql",
            "http://127.0.0.1:3030/towns/update",
            "http://127.0.0.1:3030/towns/data",
            "http://127.0.0.1:3030/towns/data",
        ),
        (
            "http://127.0.0.1:3030/towns/query",
            "http://127.0.0.1:3030/towns/query",
            "http://127.0.0.1:3030/towns/update",
            "http://127.0.0.1:3030/towns/data",
            "http://127.0.0.1:3030/towns/data",
        ),
        (
            "http://127.0.0.1:7200/repositories/towns",
            "http://127.0.0.1:7200/repositories/towns",
            "http://127.0.0.1:7200/repositories/towns/statements",
            "http://127.0.0.1:7200/repositories/towns/rdf-graphs/service",
            "http://127.0.0.1:7200/repositories/towns/rdf-graphs/service",
        ),
    ],
    ids=["oxigraph-root", "oxigraph", "virtuoso", "virtuoso-auth", "fuseki", "fuseki-query",
         "graphdb"],
)  # fmt: skip
def test_urls_are_derived_per_server(
    url: str, query: str, update: str, write: str, read: str
) -> None:
    endpoint = Endpoint(url)
    assert (endpoint.url, endpoint.update_url, endpoint.gsp_url, endpoint.gsp_read_url) == (
        query,
        update,
        write,
        read,
    )


def test_a_given_graph_store_serves_reads_and_writes() -> None:
    endpoint = Endpoint("http://127.0.0.1:8890/sparql", gsp_url="http://127.0.0.1:8890/gsp")
    assert endpoint.gsp_read_url == endpoint.gsp_url == "http://127.0.0.1:8890/gsp"


def refuse(code: int, server: str) -> object:
    def respond(handler: http.server.BaseHTTPRequestHandler) -> None:
        handler.send_response(code)
        handler.send_header("Server", server)
        handler.send_header("Content-Length", "0")
        handler.end_headers()

    return respond


@pytest.mark.parametrize("code", [405, 501])
def test_a_graph_store_that_is_not_one_says_which_url_to_try(code: int) -> None:
    with fake_server(refuse(code, "Virtuoso/07.20.3229 (Linux) x86_64-pc-linux-gnu")) as fake:
        root = fake.url.removesuffix("/query")
        with pytest.raises(RemoteError, match=f"HTTP {code}") as caught:
            Endpoint(fake.url).put_graph(Graph(), URIRef("urn:x:g"))
        assert f"{root}/sparql-graph-crud-auth" in (caught.value.hint or "")
        assert "--gsp" in (caught.value.hint or "")
        result = runner.invoke(
            app,
            ["push", str(EXAMPLES / "denmark-icdp"), "--endpoint", fake.url, "--graph", "urn:x:g"],
        )
        assert result.exit_code == 4
        assert f"{root}/store" in result.stderr and "--gsp" in result.stderr
    with fake_server(refuse(code, "Oxigraph")) as fake:
        root = fake.url.removesuffix("/query")
        with pytest.raises(RemoteError) as caught:
            Endpoint(fake.url).get_graph(URIRef("urn:x:g"))
        hint = caught.value.hint or ""
        for path in ("/store", "/sparql-graph-crud-auth", "/DATASET/data"):
            assert f"{root}{path}" in hint
        assert f"{root}/repositories/REPO/rdf-graphs/service" in hint
