"""Helpers for the store, endpoint and federation tests: small generated municipalities,
real Oxigraph servers on loopback ports, and misbehaving HTTP servers."""

from __future__ import annotations

import http.server
import shutil
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest

from dlgraph import DlgraphError, Endpoint


def municipality_turtle(name: str, schools: int, tasks: int, *, incoherent: bool = False) -> str:
    """A small municipality in Turtle: an administration, ``schools`` schools in the line,
    delegated tasks with mandates, a learning group across two schools, an inbetweener
    and a recorded risk. ``incoherent`` leaves the last task without a mandate."""
    ex = f"https://example.org/synth/{name}/"
    lines = [
        "@prefix dl: <https://w3id.org/dlgraph/ontology#> .",
        "@prefix org: <http://www.w3.org/ns/org#> .",
        "@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .",
        f"@prefix ex: <{ex}> .",
        f'ex:municipality a dl:Municipality ; rdfs:label "{name}" .',
        "ex:admin a dl:Administration ; dl:inLineUnder ex:municipality ; dl:facesRisk dl:Burnout .",
        "ex:head a dl:Person ; dl:formalLeaderOf ex:admin .",
    ]
    for s in range(schools):
        lines += [
            f"ex:school{s} a dl:CompulsorySchool ; dl:inLineUnder ex:admin .",
            f"ex:principal{s} a dl:Person ; dl:formalLeaderOf ex:school{s} .",
            f"ex:teacher{s} a dl:Person ; org:memberOf ex:school{s} .",
        ]
    for t in range(tasks):
        school = t % schools
        lines += [
            f"ex:task{t} a dl:DelegatedTask ; dl:concernsUnit ex:school{school} .",
            f"ex:delegation{t} a dl:TaskDelegation ; dl:delegator ex:principal{school} ; "
            f"dl:delegatee ex:teacher{school} ; dl:delegatedTask ex:task{t} .",
        ]
        if not (incoherent and t == tasks - 1):
            lines.append(
                f"ex:mandate{t} a dl:Mandate ; dl:forTask ex:task{t} ; "
                f"dl:grantedBy ex:principal{school} ; dl:grantedTo ex:teacher{school} ."
            )
    if schools >= 2:
        lines += [
            "ex:group a dl:LearningGroup ; dl:ledBy ex:teacher0 .",
            "ex:teacher0 org:memberOf ex:group .",
            "ex:teacher1 org:memberOf ex:group .",
        ]
    lines += [
        "ex:coordination a org:Membership ; org:member ex:teacher0 ; "
        "org:organization ex:school0 ; org:role dl:TeamCoordinator .",
    ]
    return "\n".join(lines) + "\n"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def oxigraph_binary() -> str:
    found = Path(sys.executable).parent / "oxigraph"
    if found.exists():
        return str(found)
    on_path = shutil.which("oxigraph")
    if on_path is None:
        pytest.skip("the Oxigraph server is not installed: pip install -e '.[server]'")
    return on_path


@dataclass
class OxigraphServer:
    process: subprocess.Popen[bytes]
    url: str
    location: Path


@contextmanager
def oxigraph_server(location: Path, *, startup: float = 30.0) -> Iterator[OxigraphServer]:
    """A real ``oxigraph serve`` on a free loopback port, stopped afterwards."""
    port = free_port()
    location.mkdir(parents=True, exist_ok=True)
    process = subprocess.Popen(
        [
            oxigraph_binary(),
            "serve",
            "--location",
            str(location),
            "--bind",
            f"127.0.0.1:{port}",
            "--union-default-graph",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    url = f"http://127.0.0.1:{port}/query"
    try:
        deadline = time.monotonic() + startup
        while True:
            try:
                Endpoint(url, timeout=2).ping()
                break
            except DlgraphError:
                if process.poll() is not None or time.monotonic() > deadline:
                    error = process.stderr.read().decode() if process.stderr else ""
                    raise RuntimeError(f"oxigraph serve did not start on {port}: {error}") from None
                time.sleep(0.1)
        yield OxigraphServer(process, url, location)
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@dataclass
class FakeServer:
    url: str
    requests: list[str]


@contextmanager
def fake_server(
    respond: Callable[[http.server.BaseHTTPRequestHandler], None],
) -> Iterator[FakeServer]:
    """An HTTP server on a loopback port answering every request with ``respond``,
    recording the request paths."""
    requests: list[str] = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def _any(self) -> None:
            requests.append(f"{self.command} {self.path}")
            respond(self)

        def do_GET(self) -> None:
            self._any()

        def do_POST(self) -> None:
            self._any()

        def do_PUT(self) -> None:
            self._any()

        def log_message(self, format: str, *args: object) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield FakeServer(f"http://127.0.0.1:{server.server_address[1]}/query", requests)
    finally:
        server.shutdown()
        server.server_close()
