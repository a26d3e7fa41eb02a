"""The Virtuoso server the tests start (tests/virtuoso.py) is set up as an admin would."""

from __future__ import annotations

import urllib.error
import urllib.request

import pytest
from rdflib import Literal, URIRef

from dlgraph import Endpoint, SelectResult
from virtuoso import USER, VirtuosoServer

pytestmark = pytest.mark.slow

GRAPH = "https://example.org/test-virtuoso/setup"


def _put(server: VirtuosoServer, body: bytes, *, password: str | None) -> int:
    request = urllib.request.Request(
        f"{server.gsp_url}?graph={GRAPH}",
        data=body,
        method="PUT",
        headers={"Content-Type": "application/n-triples"},
    )
    handlers = []
    if password is not None:
        manager = urllib.request.HTTPPasswordMgrWithDefaultRealm()
        manager.add_password(None, server.gsp_url, USER, password)
        handlers.append(urllib.request.HTTPDigestAuthHandler(manager))
    try:
        with urllib.request.build_opener(*handlers).open(request, timeout=30) as response:
            return int(response.status)
    except urllib.error.HTTPError as error:
        return error.code


def test_the_user_writes_through_the_graph_store_and_anonymous_cannot(
    virtuoso: VirtuosoServer,
) -> None:
    body = b'<https://example.org/s> <https://example.org/p> "v" .\n'
    try:
        assert _put(virtuoso, body, password=None) == 401
        assert _put(virtuoso, body, password="wrong") == 401
        assert _put(virtuoso, body, password=virtuoso.password) in (200, 201, 204)
        result = Endpoint(virtuoso.url).query(
            "SELECT ?o WHERE { GRAPH ?g { ?s ?p ?o } }", {"g": URIRef(GRAPH)}
        )
        assert isinstance(result, SelectResult)
        assert result.rows == ((Literal("v"),),)
    finally:
        virtuoso.clear(GRAPH)


def test_the_default_dba_password_is_refused(virtuoso: VirtuosoServer) -> None:
    with pytest.raises(RuntimeError, match=r"password|Bad login|28000"):
        virtuoso.sql("SELECT 1;\n", password="dba")


def test_turtle_loads_over_sql(virtuoso: VirtuosoServer) -> None:
    virtuoso.load({GRAPH: "<https://example.org/s> <https://example.org/p> 1 ."})
    try:
        assert URIRef(GRAPH) in Endpoint(virtuoso.url).graph_names()
    finally:
        virtuoso.clear(GRAPH)
    assert URIRef(GRAPH) not in Endpoint(virtuoso.url).graph_names()
