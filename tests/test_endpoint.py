"""Remote SPARQL endpoints and federation, against real servers on loopback ports.

Three servers, one per municipality set: the Danish example, the Swedish example, and
two small generated municipalities. The federated results must equal the embedded
dataset's for the same data. The tests of one endpoint's data (named queries, validate,
compare) run on Oxigraph and on Virtuoso 7.2 (tests/virtuoso.py, marked slow); the
federation tests on Oxigraph.
"""

from __future__ import annotations

import csv
import http.server
import io
import json
import time
import urllib.parse
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from rdflib import URIRef
from rdflib.compare import isomorphic
from typer.testing import CliRunner

import dlgraph
from conftest import EXAMPLES
from dlgraph import (
    Endpoint,
    NetworkRefused,
    RemoteError,
    Store,
    TimeoutExceeded,
    compare_municipalities,
    federated_named_query,
    federated_query,
)
from dlgraph.cli import app
from dlgraph.federate.federation import federated_sparql
from municipalities import (
    OxigraphServer,
    fake_server,
    municipality_turtle,
    oxigraph_server,
)
from virtuoso import VirtuosoServer

runner = CliRunner()

DENMARK = EXAMPLES / "denmark-icdp"
SWEDEN = EXAMPLES / "sweden-covid-2020"


def graph_iri(name: str) -> str:
    return f"https://example.org/municipality/{name}"


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    folder = tmp_path_factory.mktemp("synthetic")
    files = []
    for name, schools, tasks, incoherent in (("east", 3, 5, False), ("west", 2, 4, True)):
        path = folder / f"{name}.ttl"
        path.write_text(municipality_turtle(name, schools, tasks, incoherent=incoherent))
        files.append(path)
    return files


@pytest.fixture(scope="module")
def placement(synthetic: list[Path]) -> list[list[tuple[str, Path]]]:
    """Which municipality (graph name, source) goes to which server."""
    return [
        [("denmark", DENMARK)],
        [("sweden", SWEDEN)],
        [(path.stem, path) for path in synthetic],
    ]


@pytest.fixture(scope="module")
def servers(
    tmp_path_factory: pytest.TempPathFactory, placement: list[list[tuple[str, Path]]]
) -> Iterator[list[OxigraphServer]]:
    root = tmp_path_factory.mktemp("servers")
    with (
        oxigraph_server(root / "one") as one,
        oxigraph_server(root / "two") as two,
        oxigraph_server(root / "three") as three,
    ):
        started = [one, two, three]
        for server, municipalities in zip(started, placement, strict=True):
            for name, source in municipalities:
                result = runner.invoke(
                    app, ["push", str(source), "--endpoint", server.url, "--graph", graph_iri(name)]
                )
                assert result.exit_code == 0, result.stderr
        yield started


@pytest.fixture(
    scope="module", params=["oxigraph", pytest.param("virtuoso", marks=pytest.mark.slow)]
)
def data_servers(
    request: pytest.FixtureRequest, placement: list[list[tuple[str, Path]]]
) -> Iterator[list[str]]:
    """The query URLs of three servers of one kind holding :func:`placement`: the Oxigraph
    servers of :func:`servers`, or Virtuoso servers loaded over SQL (``push`` to Virtuoso
    needs credentials, and is tested with them)."""
    if request.param == "oxigraph":
        yield [server.url for server in request.getfixturevalue("servers")]
        return
    virtuosos: list[VirtuosoServer] = request.getfixturevalue("virtuoso_servers")
    for server, municipalities in zip(virtuosos, placement, strict=True):
        server.load(
            {
                graph_iri(name): dlgraph.load(source).union().serialize(format="nt")
                for name, source in municipalities
            }
        )
    try:
        yield [server.url for server in virtuosos]
    finally:
        for server, municipalities in zip(virtuosos, placement, strict=True):
            server.clear(*(graph_iri(name) for name, _ in municipalities))


@pytest.fixture(scope="module")
def embedded(placement: list[list[tuple[str, Path]]]) -> dlgraph.OrgGraph:
    graph = dlgraph.OrgGraph()
    for municipalities in placement:
        for name, source in municipalities:
            graph.load(source, graph_name=graph_iri(name))
    return graph


def rows(result: Any, skip: int = 0) -> list[tuple[Any, ...]]:
    return sorted((row[skip:] for row in result.python_rows()), key=repr)


def test_federated_comparison_equals_the_embedded_dataset(
    servers: list[OxigraphServer], embedded: dlgraph.OrgGraph
) -> None:
    result = federated_named_query("municipality-comparison", [s.url for s in servers])
    expected = embedded.run("municipality-comparison")
    assert result.variables == ("endpoint", *expected.variables)  # type: ignore[union-attr]
    assert rows(result, skip=1) == rows(expected)
    assert len(result) == 4
    by_endpoint = {row[1]: row[0] for row in result.python_rows()}
    assert by_endpoint["https://example.org/synth/east/municipality"] == servers[2].url
    assert by_endpoint["https://example.org/dlgraph/sweden-covid-2020/municipality"] == (
        servers[1].url
    )


def test_federated_with_parameters_equals_embedded(
    servers: list[OxigraphServer], embedded: dlgraph.OrgGraph
) -> None:
    result = federated_named_query(
        "boundary-spanners", [s.url for s in servers], parameters={"minimumUnits": 3}
    )
    expected = embedded.run("boundary-spanners", minimumUnits=3)
    assert rows(result, skip=1) == rows(expected)
    assert len(result) > 0


def test_federated_equals_the_embedded_store(
    servers: list[OxigraphServer], placement: list[list[tuple[str, Path]]], tmp_path: Path
) -> None:
    with Store.open(tmp_path / "store") as store:
        for municipalities in placement:
            for name, source in municipalities:
                store.load(source, graph_name=graph_iri(name))
        expected = store.run("municipality-comparison")
    result = federated_named_query("municipality-comparison", [s.url for s in servers])
    assert rows(result, skip=1) == rows(expected)


def test_cli_federate_writes_the_endpoint_column(
    servers: list[OxigraphServer], embedded: dlgraph.OrgGraph
) -> None:
    args = ["query", "-n", "municipality-comparison", "-f", "csv", "-q"]
    for server in servers:
        args += ["--federate", server.url]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.stderr
    lines = result.stdout_bytes.decode().split("\r\n")
    assert lines[0] == "endpoint,municipality,units,delegatedTasks,mandates,learningGroups," + (
        "inbetweeners,flaggedRisks"
    )
    expected = embedded.run("municipality-comparison").to_csv().split("\r\n")  # type: ignore[union-attr]
    assert sorted(line.split(",", 1)[1] for line in lines[1:] if line) == sorted(
        line for line in expected[1:] if line
    )
    assert [line.split(",")[0] for line in lines[1:] if line] == [
        servers[0].url,
        servers[1].url,
        servers[2].url,
        servers[2].url,
    ]


def test_named_queries_on_an_endpoint_equal_embedded(data_servers: list[str]) -> None:
    remote = Endpoint(data_servers[1], timeout=30)
    local = dlgraph.load(SWEDEN)
    for name in ("summary", "inbetweeners", "delegation-gaps-by-unit", "municipality-comparison"):
        assert rows(remote.run(name)) == rows(local.run(name)), name
    for name in ("cross-boundary-paths", "own-initiative-acts"):
        on_server = runner.invoke(
            app, ["query", "--endpoint", data_servers[1], "-n", name, "-f", "csv", "-q"]
        )
        embedded = runner.invoke(app, ["query", str(SWEDEN), "-n", name, "-f", "csv", "-q"])
        assert on_server.exit_code == embedded.exit_code == 0, on_server.stderr
        head, *body = on_server.stdout.splitlines()
        assert (head, sorted(body)) == (
            embedded.stdout.splitlines()[0],
            sorted(embedded.stdout.splitlines()[1:]),
        )
        assert body, name
    assert remote.graph_names() == (URIRef(graph_iri("sweden")),)


def test_graph_store_get_returns_what_was_pushed(servers: list[OxigraphServer]) -> None:
    fetched = Endpoint(servers[0].url).get_graph(graph_iri("denmark"))
    assert isomorphic(fetched, dlgraph.load(DENMARK).union())


def test_validate_an_endpoint_equals_validating_the_files(
    data_servers: list[str], synthetic: list[Path]
) -> None:
    west = synthetic[1]
    result = runner.invoke(
        app, ["validate", "--endpoint", data_servers[2], "--graph", graph_iri("west"), "-f", "json"]
    )
    expected = runner.invoke(app, ["validate", str(west), "-f", "json"])
    assert expected.exit_code == 1
    assert (result.exit_code, result.stdout) == (expected.exit_code, expected.stdout)
    whole = runner.invoke(app, ["validate", "--endpoint", data_servers[2], "-f", "json"])
    both = runner.invoke(app, ["validate", *map(str, synthetic), "-f", "json"])
    assert (whole.exit_code, whole.stdout) == (both.exit_code, both.stdout)


def test_compare_over_endpoints_equals_compare_of_the_files(
    data_servers: list[str], synthetic: list[Path]
) -> None:
    # the Danish and the generated municipalities (the Swedish case validates slowly)
    remote = compare_municipalities(None, endpoints=[data_servers[0], data_servers[2]])
    graph = dlgraph.OrgGraph()
    for name, source in (("denmark", DENMARK), ("east", synthetic[0]), ("west", synthetic[1])):
        graph.load(source, graph_name=graph_iri(name))
    local = compare_municipalities(graph)
    # sorted by endpoint first: the ports decide which server's rows come first
    stripped = [replace(row, endpoint="") for row in remote.rows]
    assert sorted(stripped, key=lambda r: (r.graph, r.municipality)) == list(local.rows)
    assert {(row.endpoint, row.graph) for row in remote.rows} == {
        (data_servers[0], graph_iri("denmark")),
        (data_servers[2], graph_iri("east")),
        (data_servers[2], graph_iri("west")),
    }
    assert [row.endpoint for row in remote.rows] == sorted(row.endpoint for row in remote.rows)
    assert {row.endpoint for row in local.rows} == {""}
    assert len(local) == 3
    west = next(row for row in local.rows if row.graph == graph_iri("west"))
    report = dlgraph.validate(synthetic[1])
    assert (west.delegated_tasks, west.mandates, west.learning_groups) == (4, 3, 1)
    assert (west.inbetweeners, west.flagged_risks) == (1, 1)
    assert (west.violations, west.warnings) == (len(report.violations), len(report.warnings))
    assert west.risk_findings == sum(1 for r in report.results if r.risks) > 0
    assert 1 in {r.rule for r in report.violations}
    result = runner.invoke(
        app, ["compare", "--endpoint", data_servers[2], "-f", "json", "--no-validate", "-q"]
    )
    assert result.exit_code == 0, result.stderr
    assert [(row["municipality"], row["endpoint"]) for row in json.loads(result.stdout)] == [
        ("https://example.org/synth/east/municipality", data_servers[2]),
        ("https://example.org/synth/west/municipality", data_servers[2]),
    ]


def test_compare_over_two_endpoints_holding_the_same_graph_gives_a_row_for_each(
    data_servers: list[str],
) -> None:
    urls = [data_servers[2], data_servers[2].replace("127.0.0.1", "localhost")]
    comparison = compare_municipalities(None, endpoints=urls, validation=False)
    assert [(row.endpoint, row.municipality) for row in comparison.rows] == [
        (url, f"https://example.org/synth/{name}/municipality")
        for url in sorted(urls)
        for name in ("east", "west")
    ]
    result = runner.invoke(
        app,
        [
            "compare",
            "--endpoint",
            urls[0],
            "--endpoint",
            urls[1],
            "-f",
            "csv",
            "--no-validate",
            "-q",
        ],
    )
    assert result.exit_code == 0, result.stderr
    rows = list(csv.DictReader(io.StringIO(result.stdout_bytes.decode())))
    assert sorted(row["endpoint"] for row in rows) == sorted(urls * 2)


# --- refusals ----------------------------------------------------------------------------


def test_endpoints_off_the_allow_list_are_refused_before_any_request(
    servers: list[OxigraphServer],
) -> None:
    with fake_server(lambda handler: handler.send_error(500)) as fake:
        with pytest.raises(NetworkRefused, match=fake.url):
            federated_named_query(
                "summary", [servers[0].url, fake.url], allow_network=[servers[0].url]
            )
        result = runner.invoke(
            app,
            [
                "query",
                "-n",
                "summary",
                "--federate",
                servers[0].url,
                "--federate",
                fake.url,
                "--allow",
                servers[0].url,
            ],
        )
        assert result.exit_code == 4
        assert fake.url in result.stderr
        sparql = f"SELECT * WHERE {{ SERVICE <{fake.url}> {{ ?s ?p ?o }} }}"
        with pytest.raises(NetworkRefused):
            federated_query(sparql, [servers[0].url], allow_network=[servers[0].url])
        with pytest.raises(NetworkRefused):
            Endpoint(servers[0].url).query(sparql)
        result = runner.invoke(app, ["query", "--endpoint", servers[0].url, "-s", sparql])
        assert result.exit_code == 4
        assert fake.requests == []


def test_federated_sparql_writes_one_service_block_per_endpoint() -> None:
    text = federated_sparql(
        "PREFIX dl: <https://w3id.org/dlgraph/ontology#>\nSELECT ?x WHERE { ?x a dl:Mandate }",
        ["http://127.0.0.1:1/query", "http://127.0.0.1:2/query"],
    )
    assert text.count("SERVICE <http://127.0.0.1:") == 2
    assert text.count("UNION") == 1
    assert "SELECT ?endpoint ?x WHERE" in text


# --- failures: each names the endpoint, exit 4 or 5, nothing partial on stdout ------------


def answer(status: int, body: bytes, content_type: str = "application/sparql-results+json"):  # type: ignore[no-untyped-def]
    def respond(handler: http.server.BaseHTTPRequestHandler) -> None:
        handler.send_response(status)
        handler.send_header("Content-Type", content_type)
        handler.send_header("Content-Length", str(len(body)))
        handler.end_headers()
        handler.wfile.write(body)

    return respond


def truncated(handler: http.server.BaseHTTPRequestHandler) -> None:
    body = b'{"head": {"vars": ["s"]}, "results": {"bindings": [{"s": {"type": "uri", "va'
    handler.send_response(200)
    handler.send_header("Content-Type", "application/sparql-results+json")
    handler.send_header("Content-Length", str(len(body) + 500))
    handler.end_headers()
    handler.wfile.write(body)
    handler.wfile.flush()
    handler.close_connection = True


def never_answers(handler: http.server.BaseHTTPRequestHandler) -> None:
    time.sleep(3)


FAILURES = [
    ("http-500", answer(500, b"internal failure"), RemoteError, 4, "HTTP 500"),
    (
        "malformed-json",
        answer(200, b'{"head": {"vars": ["s"]}, "results": '),
        RemoteError,
        4,
        "malformed",
    ),
    (
        "wrong-shape",
        answer(
            200,
            b'{"head": {"vars": ["s"]}, "results": {"bindings": [{"t": '
            b'{"type": "uri", "value": "x"}}]}}',
        ),
        RemoteError,
        4,
        "undeclared",
    ),
    ("truncated", truncated, RemoteError, 4, "broke off"),
    ("timeout", never_answers, TimeoutExceeded, 5, "did not answer within 0.5 s"),
]


@pytest.mark.parametrize(
    ("respond", "error", "code", "message"),
    [case[1:] for case in FAILURES],
    ids=[case[0] for case in FAILURES],
)
def test_endpoint_failures_are_clear(
    respond: Any, error: type[Exception], code: int, message: str
) -> None:
    with fake_server(respond) as fake:
        with pytest.raises(error, match=message) as caught:
            Endpoint(fake.url, timeout=0.5).query("SELECT ?s WHERE { ?s ?p ?o }")
        assert fake.url in str(caught.value)
        result = runner.invoke(
            app,
            [
                "query",
                "--endpoint",
                fake.url,
                "--timeout",
                "0.5",
                "-s",
                "SELECT ?s WHERE { ?s ?p ?o }",
                "-f",
                "csv",
            ],
        )
        assert result.exit_code == code
        assert result.stdout == ""
        assert fake.url in result.stderr
        assert result.stderr.startswith("error: ")


def test_an_unreachable_endpoint_is_named() -> None:
    from municipalities import free_port

    url = f"http://127.0.0.1:{free_port()}/query"
    for args in (
        ["query", "--endpoint", url, "-n", "summary"],
        ["validate", "--endpoint", url],
        ["push", str(DENMARK), "--endpoint", url],
        ["compare", "--endpoint", url],
        ["query", "--federate", url, "-n", "summary"],
    ):
        result = runner.invoke(app, args)
        assert result.exit_code == 4, args
        assert result.stdout == ""
        assert "cannot reach" in result.stderr and url.removesuffix("/query") in result.stderr


def test_a_federated_endpoint_failing_health_is_named(servers: list[OxigraphServer]) -> None:
    with fake_server(answer(500, b"down")) as fake:
        with pytest.raises(RemoteError, match="HTTP 500") as caught:
            federated_named_query("summary", [servers[0].url, fake.url])
        assert fake.url in str(caught.value)


def healthy_then(respond: Any) -> Any:
    """Answers the health check (ASK {}) and then fails the federated query with ``respond``."""
    ask = answer(200, b'{"head": {}, "boolean": true}')

    def handle(handler: http.server.BaseHTTPRequestHandler) -> None:
        length = int(handler.headers.get("Content-Length") or 0)
        body = handler.rfile.read(length).decode() if length else handler.path.partition("?")[2]
        query = " ".join(urllib.parse.parse_qs(body).get("query", [""])[0].split())
        (ask if query.endswith("ASK {}") else respond)(handler)

    return handle


@pytest.mark.parametrize(
    ("respond", "error", "message"),
    [
        (never_answers, TimeoutExceeded, r"did not (answer|send its data) within 1 s"),
        (answer(200, b'{"head": {"vars": '), RemoteError, "malformed"),
        (answer(500, b"broken"), RemoteError, "HTTP 500"),
    ],
    ids=["timeout", "malformed", "http-500"],
)
def test_a_federated_endpoint_failing_mid_query_gives_no_result(
    servers: list[OxigraphServer], respond: Any, error: type[Exception], message: str
) -> None:
    with fake_server(healthy_then(respond)) as fake:
        with pytest.raises(error, match=message) as caught:
            federated_named_query("summary", [servers[0].url, fake.url], timeout=1)
        assert fake.url in str(caught.value)
        assert any("ASK" not in request for request in fake.requests[1:]) or len(fake.requests) >= 2


# --- fetching data: a server that caps, repeats or holds nothing ---------------------


def sparql_server(
    count: int, rows: Any, graphs: tuple[str, ...] = ("urn:g",), *, default_data: bool = False
) -> Any:
    """A fake SPARQL server: the data graphs ``graphs`` (and data in the default graph when
    ``default_data``), COUNT gives ``count``, and a fetch gives ``rows(query)`` statements
    (a server that caps its answers or repeats pages)."""

    def solutions(variables: list[str], bindings: list[dict[str, Any]]) -> bytes:
        return json.dumps({"head": {"vars": variables}, "results": {"bindings": bindings}}).encode()

    def handle(handler: http.server.BaseHTTPRequestHandler) -> None:
        length = int(handler.headers.get("Content-Length") or 0)
        query = urllib.parse.parse_qs(handler.rfile.read(length).decode())["query"][0]
        if "SELECT DISTINCT ?g" in query:
            body = solutions(["g"], [{"g": {"type": "uri", "value": g}} for g in graphs])
        elif query.rstrip().endswith("}") and "ASK" in query:
            body = json.dumps({"head": {}, "boolean": default_data}).encode()
        elif "COUNT(*)" in query:
            integer = "http://www.w3.org/2001/XMLSchema#integer"
            body = solutions(
                ["n"], [{"n": {"type": "literal", "datatype": integer, "value": str(count)}}]
            )
        else:
            statement = {
                "s": {"type": "uri", "value": "urn:s"},
                "p": {"type": "uri", "value": "urn:p"},
            }
            body = solutions(
                ["s", "p", "o"],
                [{**statement, "o": {"type": "literal", "value": str(n)}} for n in rows(query)],
            )
        answer(200, body)(handler)

    return fake_server(handle)


def test_a_capped_answer_is_refused_not_taken_for_the_data() -> None:
    with sparql_server(5, lambda query: range(3)) as fake:
        with pytest.raises(RemoteError, match="only 3 rows of graph urn:g") as caught:
            Endpoint(fake.url).dataset()
        assert "ResultSetMaxRows" in str(caught.value)
        result = runner.invoke(app, ["validate", "--endpoint", fake.url])
        assert result.exit_code == 4
        assert result.stdout == ""
        assert "only 3 rows" in result.stderr and "ResultSetMaxRows" in result.stderr


def test_pages_are_fetched_in_order_and_checked_against_the_count() -> None:
    def page(query: str) -> range:
        offset = int(query.rsplit("OFFSET", 1)[1])
        return range(offset, min(offset + 2, 5))

    with sparql_server(5, page) as fake:
        fetched = Endpoint(fake.url).dataset(page_size=2)
        assert len(fetched.named_graph("urn:g")) == 5
        fetches = [r for r in fake.requests if r.startswith("POST")]
        assert len(fetches) == 1 + 1 + 3  # the graphs, the count, three pages
    with (
        sparql_server(5, lambda query: range(2)) as fake,  # every page the first one
        pytest.raises(RemoteError, match="counted 5 statements in graph urn:g but gave 2"),
    ):
        Endpoint(fake.url).dataset(page_size=2)


def test_a_server_without_data_says_so() -> None:
    with (
        sparql_server(0, lambda query: range(0), graphs=()) as fake,
        pytest.raises(RemoteError, match="holds no data of dlgraph's"),
    ):
        Endpoint(fake.url).dataset()


def test_data_in_the_default_graph_only_is_fetched_into_a_graph_named_by_the_endpoint() -> None:
    asked = []

    def page(query: str) -> range:
        asked.append(query)
        offset = int(query.rsplit("OFFSET", 1)[1])
        return range(offset, min(offset + 2, 3))

    with sparql_server(3, page, graphs=(), default_data=True) as fake:
        fetched = Endpoint(fake.url).dataset(page_size=2)
    assert fetched.graph_names(inferred=False) == (URIRef(fake.url),)
    assert len(fetched.named_graph(fake.url)) == 3
    # a union default graph may repeat a statement held in two graphs
    assert len(asked) == 2
    assert all("SELECT DISTINCT ?s ?p ?o WHERE { ?s ?p ?o }" in query for query in asked)
