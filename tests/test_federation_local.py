"""Federation without real servers: which endpoint a row is tagged with (:func:`tag_rows`,
on answers made here), and a failing endpoint among slow ones (small loopback servers)."""

from __future__ import annotations

import http.server
import time

import pytest
from rdflib import BNode, Literal, URIRef

from dlgraph import Endpoint, RemoteError, federated_named_query
from dlgraph.federate.federation import tag_rows
from dlgraph.query.results import SelectResult
from municipalities import fake_server

A, B = "http://127.0.0.1:1/query", "http://127.0.0.1:2/query"


def answer(*rows: tuple[object, ...]) -> SelectResult:
    return SelectResult(("x",), tuple(rows))  # type: ignore[arg-type]


def test_rows_each_endpoint_gives_alone_are_its_own() -> None:
    anna, bo = Literal("Anna"), Literal("Bo")
    union = answer((anna,), (bo,), (anna,))
    tagged = tag_rows(union, [answer((anna,), (bo,)), answer((anna,))], [A, B])
    assert tagged.variables == ("endpoint", "x")
    assert tagged.rows == ((URIRef(A), anna), (URIRef(A), bo), (URIRef(B), anna))


def test_a_row_only_the_union_gives_is_untagged() -> None:
    total, one, other = Literal(5), Literal(4), Literal(1)
    tagged = tag_rows(answer((total,)), [answer((one,)), answer((other,))], [A, B])
    assert tagged.rows == ((None, total),)


def test_a_row_both_give_but_the_union_once_is_untagged() -> None:
    # a DISTINCT answer: the same row from both endpoints is one row of the union
    term = URIRef("urn:x:shared")
    tagged = tag_rows(answer((term,)), [answer((term,)), answer((term,))], [A, B])
    assert tagged.rows == ((None, term),)


def test_blank_nodes_match_any_blank_node() -> None:
    tagged = tag_rows(answer((BNode("u1"),)), [answer(), answer((BNode("p7"),))], [A, B])
    assert tagged.rows == ((URIRef(B), BNode("u1")),)


def test_a_failing_endpoint_is_named_at_once_while_another_is_still_silent() -> None:
    def slow(handler: http.server.BaseHTTPRequestHandler) -> None:
        time.sleep(3)

    def broken(handler: http.server.BaseHTTPRequestHandler) -> None:
        handler.send_error(500)

    with fake_server(slow) as silent, fake_server(broken) as failing:
        started = time.monotonic()
        endpoints = [Endpoint(silent.url, timeout=10), Endpoint(failing.url, timeout=10)]
        with pytest.raises(RemoteError, match="HTTP 500") as caught:
            federated_named_query("summary", endpoints, timeout=10)
        assert time.monotonic() - started < 2
        assert failing.url in str(caught.value) and silent.url not in str(caught.value)
