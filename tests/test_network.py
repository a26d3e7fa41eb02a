"""No surprise network: a counting HTTP server on loopback sees no request unless allowed.

Every way an input could make dlgraph (or rdflib, owlready2 underneath) reach out is
tried against a local server that counts requests: JSON-LD remote contexts and
``@import``, http sources, ``owl:imports`` (also through HermiT), owlready2's
``python_module``, RDF/XML external entities, SPARQL ``SERVICE``, ``FROM``,
``FROM NAMED`` and Update ``LOAD``, shapes given as URLs. An allowed request has a
time-out, and a redirect must be allowed too.
"""

from __future__ import annotations

import contextlib
import json
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from rdflib import Graph

import dlgraph
from dlgraph import (
    InputError,
    NetworkPolicy,
    NetworkRefused,
    ParseError,
    ReadOnlyError,
    TimeoutExceeded,
)
from dlgraph.load.parse import parse_document

CONTEXT = {"@context": {"ex": "http://example.org/", "name": "http://example.org/name"}}
TURTLE = b"<http://example.org/a> <http://example.org/p> <http://example.org/b> .\n"


class Server:
    """A loopback HTTP server that records every request it gets."""

    def __init__(self) -> None:
        self.requests: list[str] = []
        self.release = threading.Event()
        outer = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                outer.requests.append(self.path)
                if self.path.startswith("/hang"):
                    outer.release.wait(10)
                    return
                if self.path.startswith("/redirect"):
                    self.send_response(302)
                    self.send_header("Location", "http://127.0.0.2:9/elsewhere.ttl")
                    self.end_headers()
                    return
                body = json.dumps(CONTEXT).encode() if "context" in self.path else TURTLE
                self.send_response(200)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def do_POST(self) -> None:
                outer.requests.append(self.path)
                self.send_response(400)
                self.end_headers()

            do_PUT = do_HEAD = do_DELETE = do_POST  # noqa: N815

            def log_message(self, format: str, *args: object) -> None:
                """Quiet."""

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self.thread = threading.Thread(
            target=self.httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )
        self.thread.start()

    def close(self) -> None:
        self.release.set()
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture
def server() -> Iterator[Server]:
    running = Server()
    yield running
    running.close()


def test_the_counting_server_counts(server: Server) -> None:
    graph = dlgraph.load(f"{server.url}/data.ttl", allow_network=[server.url])
    assert len(graph) == 1
    assert server.requests == ["/data.ttl"]


def test_http_source_needs_permission(server: Server) -> None:
    with pytest.raises(NetworkRefused, match="dlgraph does not reach the network unless asked"):
        dlgraph.load(f"{server.url}/data.ttl")
    with pytest.raises(NetworkRefused):
        dlgraph.load(f"{server.url}/data.ttl", allow_network=["http://127.0.0.1:1/"])
    assert server.requests == []


@pytest.mark.parametrize(
    "document",
    [
        {"@context": "{url}/context.jsonld", "@id": "ex:a", "name": "N"},
        {"@context": ["{url}/context.jsonld"], "@id": "ex:a", "name": "N"},
        {"@context": {"@version": 1.1, "@import": "{url}/context.jsonld"}, "name": "N"},
        {"@context": {"p": {"@id": "http://e/p", "@context": "{url}/context.jsonld"}}},
        {"@graph": [{"@context": "{url}/context.jsonld", "@id": "ex:a"}]},
    ],
    ids=["string", "list", "import", "scoped", "nested"],
)
def test_jsonld_remote_contexts_need_permission(server: Server, document: object) -> None:
    text = json.dumps(document).replace("{url}", server.url)
    with pytest.raises(NetworkRefused, match="JSON-LD context"):
        parse_document(text, "json-ld")
    assert server.requests == []
    parse_document(text, "json-ld", allow_network=[server.url])
    assert server.requests == ["/context.jsonld"]


def test_external_entity_in_rdfxml_is_refused_unread(server: Server, tmp_path: Path) -> None:
    xml = (
        '<?xml version="1.0"?>\n'
        f'<!DOCTYPE rdf:RDF [ <!ENTITY e SYSTEM "{server.url}/entity"> ]>\n'
        '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" '
        'xmlns:ex="http://example.org/">\n'
        '  <rdf:Description rdf:about="http://example.org/a"><ex:p>&e;</ex:p>'
        "</rdf:Description>\n</rdf:RDF>\n"
    )
    path = tmp_path / "entity.rdf"
    path.write_text(xml)
    with pytest.raises(ParseError, match="document type declaration") as caught:
        dlgraph.load(path, allow_network=True)
    assert (caught.value.line, caught.value.column) == (2, 1)
    assert server.requests == []


def test_owl_imports_are_not_followed_when_loading_or_reasoning(server: Server) -> None:
    text = (
        "@prefix owl: <http://www.w3.org/2002/07/owl#> .\n"
        f"<http://example.org/onto> a owl:Ontology ; owl:imports <{server.url}/imported.ttl> .\n"
    )
    graph = dlgraph.load(text)
    graph.reason("rl")
    graph.reason("rdfs")
    assert server.requests == []


@pytest.mark.slow
@pytest.mark.java
def test_hermit_follows_neither_imports_nor_python_module(
    server: Server, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from dlgraph.reason.hermit import java_available

    if not java_available():
        pytest.skip("HermiT needs Java, and no java is on PATH")
    marker = tmp_path / "imported-module-ran"
    (tmp_path / "dlgraph_hostile_module.py").write_text(
        f"open({str(marker)!r}, 'w').write('ran')\n"
    )
    monkeypatch.syspath_prepend(str(tmp_path))
    text = (
        "@prefix owl: <http://www.w3.org/2002/07/owl#> .\n"
        "@prefix owlr: <http://www.lesfleursdunormal.fr/static/_downloads/"
        "owlready_ontology.owl#> .\n"
        f"<http://example.org/onto> a owl:Ontology ; owl:imports <{server.url}/imported.owl> ;\n"
        '  owlr:python_module "dlgraph_hostile_module" .\n'
    )
    dlgraph.load(text).reason("dl")
    assert server.requests == []
    assert not marker.exists()
    # owlready2 on its own follows the import even with only_local=True: the stripping
    # in dlgraph.hermit is what keeps the server quiet.
    import owlready2

    source = tmp_path / "hostile.owl"
    Graph().parse(data=text, format="turtle").serialize(source, format="xml")
    with contextlib.suppress(Exception):  # what it makes of the answer does not matter
        owlready2.World().get_ontology(source.as_uri()).load(only_local=True)
    assert server.requests == ["/imported.owl"]


@pytest.mark.parametrize(
    ("query", "error"),
    [
        ("SELECT * WHERE { SERVICE <{url}/sparql> { ?s ?p ?o } }", NetworkRefused),
        ("SELECT * WHERE { SERVICE SILENT <{url}/sparql> { ?s ?p ?o } }", NetworkRefused),
        ("SELECT * FROM <{url}/g.ttl> WHERE { ?s ?p ?o }", NetworkRefused),
        ("SELECT * FROM NAMED <{url}/g.ttl> WHERE { GRAPH ?g { ?s ?p ?o } }", NetworkRefused),
        ("LOAD <{url}/g.ttl>", ReadOnlyError),
        ("LOAD SILENT <{url}/g.ttl> INTO GRAPH <http://example.org/g>", ReadOnlyError),
    ],
    ids=["service", "service-silent", "from", "from-named", "load", "load-into"],
)
def test_sparql_makes_no_request(server: Server, query: str, error: type[Exception]) -> None:
    graph = dlgraph.load(TURTLE.decode())
    with pytest.raises(error):
        graph.query(query.replace("{url}", server.url))
    assert server.requests == []


def test_rdflib_alone_would_fetch_a_from_graph(server: Server) -> None:
    """The refusal above is needed: rdflib's Dataset fetches FROM graphs on its own."""
    from rdflib import Dataset

    Dataset().query(f"SELECT * FROM <{server.url}/g.ttl> WHERE {{ ?s ?p ?o }}")
    assert server.requests == ["/g.ttl"]


def test_shapes_and_ontology_given_as_urls_are_not_fetched(server: Server) -> None:
    with pytest.raises(InputError):
        dlgraph.validate(TURTLE.decode(), extra_shapes=[f"{server.url}/shapes.ttl"])
    with pytest.raises(dlgraph.UnknownNameError):
        dlgraph.vocabulary(f"{server.url}/ontology.ttl")
    assert dlgraph.resolve_import(f"{server.url}/ontology.ttl") is None
    with pytest.raises(NetworkRefused):
        dlgraph.load(f"{server.url}/ontology.owl")
    assert server.requests == []


def test_an_allowed_request_has_a_time_out(server: Server) -> None:
    policy = NetworkPolicy(allowed=(server.url,), timeout=0.5)
    started = time.monotonic()
    with pytest.raises(TimeoutExceeded, match=r"did not answer within 0\.5 s") as caught:
        dlgraph.load(f"{server.url}/hang.ttl", allow_network=policy)
    assert time.monotonic() - started < 5
    assert caught.value.exit_code == 5
    assert server.requests == ["/hang.ttl"]


def test_a_redirect_must_be_allowed_too(server: Server) -> None:
    with pytest.raises(NetworkRefused, match="redirected"):
        dlgraph.load(f"{server.url}/redirect.ttl", allow_network=[server.url])
    assert server.requests == ["/redirect.ttl"]


def test_an_allowed_response_has_a_size_limit(server: Server) -> None:
    policy = NetworkPolicy(allowed=(server.url,), max_bytes=10)
    with pytest.raises(dlgraph.LimitExceeded, match="more than 10 bytes"):
        dlgraph.load(f"{server.url}/data.ttl", allow_network=policy)


def test_the_bundled_context_and_ontology_need_no_network(server: Server) -> None:
    document = {"@context": "https://w3id.org/dlgraph/context.jsonld", "@id": "dl:x"}
    parse_document(json.dumps(document), "json-ld")
    assert len(dlgraph.ontology("merged")) > 0
    assert server.requests == []


@pytest.mark.parametrize(
    "clause",
    [
        "SELECT $this WHERE { SERVICE <{url}/sparql> { $this ?p ?o } }",
        "SELECT $this FROM <{url}/g.ttl> WHERE { $this ?p ?o }",
        "SELECT $this WHERE { GRAPH <{url}/g.ttl> { $this ?p ?o } }",
    ],
    ids=["service", "from", "graph"],
)
def test_sparql_in_user_shapes_makes_no_request(
    server: Server, tmp_path: Path, clause: str
) -> None:
    shapes = tmp_path / "shapes.ttl"
    shapes.write_text(
        "@prefix sh: <http://www.w3.org/ns/shacl#> .\n"
        "<http://e/Shape> a sh:NodeShape ; sh:targetNode <http://example.org/a> ;\n"
        f'  sh:sparql [ sh:select """{clause.replace("{url}", server.url)}""" ] .\n'
    )
    try:
        dlgraph.validate(TURTLE.decode(), extra_shapes=[shapes], with_ontology=False)
    except dlgraph.ShapesError as error:
        assert "SHACL engine" in str(error)
    assert server.requests == []
