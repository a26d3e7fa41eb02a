"""Credentials for SPARQL servers: basic and digest, from the environment or a netrc file,
sent only to the server they belong to, never shown.

The servers are small loopback HTTP servers (tests/auth_server.py) that check the
credentials for real; the password is a string that must appear in no output.
"""

from __future__ import annotations

import base64
import http.server
import logging
import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.compare import isomorphic
from typer.testing import CliRunner

from auth_server import AuthServer, auth_server
from conftest import EXAMPLES
from dlgraph import Endpoint, InputError, RemoteError
from dlgraph.cli import app
from dlgraph.federate.credentials import credentials_for

runner = CliRunner()

USER = "writer"
PASSWORD = "s3cr3t-Pa55-ø"
ASCII_PASSWORD = "s3cr3t-Pa55"


@pytest.fixture(autouse=True)
def no_credentials(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[Path]:
    """No credentials but those a test sets: no variables, an empty home, no netrc."""
    for name in list(os.environ):
        if name.startswith("DLGRAPH_ENDPOINT_") or name == "NETRC":
            monkeypatch.delenv(name)
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    yield home


def suffix(server: AuthServer) -> str:
    port = server.root.rsplit(":", 1)[1]
    return f"_127_0_0_1_{port}"


def secret_free(*texts: str, password: str = PASSWORD) -> None:
    token = base64.b64encode(f"{USER}:{password}".encode()).decode()
    for text in texts:
        assert password not in text and token not in text


def write_netrc(path: Path, text: str, mode: int = 0o600) -> Path:
    path.write_text(text)
    path.chmod(mode)
    return path


def test_basic_credentials_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    with auth_server("basic", USER, PASSWORD) as server:
        monkeypatch.setenv("DLGRAPH_ENDPOINT_USER", USER)
        monkeypatch.setenv("DLGRAPH_ENDPOINT_PASSWORD", PASSWORD)
        Endpoint(server.url).ping()
        # asked first without credentials; sent only after the server's challenge
        assert [seen.authorization is None for seen in server.requests] == [True, False]


def test_digest_credentials_from_netrc_push_and_read_back(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    with auth_server("digest", USER, ASCII_PASSWORD) as server:
        host = server.root.removeprefix("http://")
        netrc = write_netrc(
            tmp_path / "netrc", f"machine {host}\n  login {USER}\n  password {ASCII_PASSWORD}\n"
        )
        monkeypatch.setenv("NETRC", str(netrc))
        endpoint = Endpoint(server.url, gsp_url=f"{server.root}/store")
        graph = Graph()
        graph.add((URIRef("urn:x:a"), URIRef("urn:x:label"), Literal("Å")))
        assert endpoint.put_graph(graph, "urn:x:g").status == 201
        assert isomorphic(endpoint.get_graph("urn:x:g"), graph)
        assert all(
            seen.authorization is None or seen.authorization.startswith("Digest ")
            for seen in server.requests
        )
        sent = [seen.authorization or "" for seen in server.requests]
        secret_free(*sent, password=ASCII_PASSWORD)
        result = runner.invoke(
            app, ["push", str(EXAMPLES / "denmark-icdp"), "--endpoint", server.url,
                  "--gsp", f"{server.root}/store", "--graph", "urn:x:dk"]
        )  # fmt: skip
        assert result.exit_code == 0, result.stderr
        assert b"dlgraph" in server.graphs["urn:x:dk"]


@pytest.mark.parametrize("algorithm", ["MD5", "SHA-256"])
def test_digest_with_each_algorithm_and_a_password_beyond_ascii(
    algorithm: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    with auth_server("digest", USER, PASSWORD, algorithm=algorithm) as server:
        monkeypatch.setenv(f"DLGRAPH_ENDPOINT_USER{suffix(server)}", USER)
        monkeypatch.setenv(f"DLGRAPH_ENDPOINT_PASSWORD{suffix(server)}", PASSWORD)
        Endpoint(server.url).ping()
        assert len(server.requests) == 2


def test_a_user_name_a_header_cannot_carry_is_an_error_without_the_password(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    with auth_server("digest", "Łukasz", PASSWORD) as server:
        monkeypatch.setenv("DLGRAPH_ENDPOINT_USER", "Łukasz")
        monkeypatch.setenv("DLGRAPH_ENDPOINT_PASSWORD", PASSWORD)
        with pytest.raises(RemoteError) as caught:
            Endpoint(server.url).ping()
        assert server.url in str(caught.value)
        secret_free(str(caught.value), repr(caught.value))


def test_a_scheme_dlgraph_cannot_answer_is_named(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DLGRAPH_ENDPOINT_USER", USER)
    monkeypatch.setenv("DLGRAPH_ENDPOINT_PASSWORD", PASSWORD)
    with auth_server("negotiate", USER, PASSWORD) as server:
        with pytest.raises(RemoteError, match="HTTP 401") as caught:
            Endpoint(server.url).ping()
        assert "Negotiate authentication" in (caught.value.hint or "")
        assert [seen.authorization for seen in server.requests] == [None]


@pytest.mark.parametrize("scheme", ["basic", "digest"])
def test_an_upload_answers_the_challenge_in_the_upload_itself(
    scheme: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    # a server that refuses an upload before reading it would break a large one off
    with auth_server(scheme, USER, PASSWORD, early_refusal=True) as server:
        monkeypatch.setenv(f"DLGRAPH_ENDPOINT_USER{suffix(server)}", USER)
        monkeypatch.setenv(f"DLGRAPH_ENDPOINT_PASSWORD{suffix(server)}", PASSWORD)
        graph = Graph()
        for n in range(20_000):
            graph.add((URIRef(f"urn:x:s{n}"), URIRef("urn:x:p"), Literal("x" * 40)))
        endpoint = Endpoint(server.url, gsp_url=f"{server.root}/store")
        assert endpoint.put_graph(graph, "urn:x:big").status == 201
        assert [(seen.method, seen.authorization is None) for seen in server.requests] == [
            ("HEAD", True),
            ("PUT", False),
        ]
        assert len(server.graphs["urn:x:big"]) > 1_000_000


def test_the_most_specific_credentials_win(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    url = "http://127.0.0.1:8890/sparql"
    netrc = write_netrc(
        tmp_path / "netrc",
        "machine 127.0.0.1 login host-user password a\n"
        "machine 127.0.0.1:8890 login port-user password b\n"
        "default login anyone password c\n",
    )
    environ = {
        "NETRC": str(netrc),
        "DLGRAPH_ENDPOINT_USER": "general",
        "DLGRAPH_ENDPOINT_PASSWORD": "d",
    }
    found = credentials_for(url, environ)
    assert found is not None and (found.user, found.password) == ("port-user", "b")
    assert "b" not in repr(found).replace("port-user", "")
    found = credentials_for("http://127.0.0.1:7878/query", environ)
    assert found is not None and found.user == "host-user"
    # no machine entry: the general variables; the netrc's default entry is never used
    found = credentials_for("http://localhost:7878/query", environ)
    assert found is not None and found.user == "general"
    assert credentials_for("http://localhost:7878/query", {"NETRC": str(netrc)}) is None
    environ["DLGRAPH_ENDPOINT_USER_127_0_0_1_8890"] = "variable-user"
    environ["DLGRAPH_ENDPOINT_PASSWORD_127_0_0_1_8890"] = "e"
    found = credentials_for(url, environ)
    assert found is not None and (found.user, found.password) == ("variable-user", "e")
    assert "DLGRAPH_ENDPOINT_USER_127_0_0_1_8890" in found.source


@pytest.mark.parametrize("scheme", ["basic", "digest"])
def test_a_401_says_what_to_set_and_shows_no_secret(
    scheme: str, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    with auth_server(scheme, USER, PASSWORD, echo=True) as server:
        with pytest.raises(RemoteError, match="HTTP 401") as caught:
            Endpoint(server.url).ping()
        assert server.url in str(caught.value)
        hint = caught.value.hint or ""
        assert ".netrc" in hint and f"DLGRAPH_ENDPOINT_USER{suffix(server)}" in hint
        assert "DLGRAPH_ENDPOINT_PASSWORD" in hint

        # wrong credentials: refused once, named by where they came from, never shown
        monkeypatch.setenv("DLGRAPH_ENDPOINT_USER", USER)
        monkeypatch.setenv("DLGRAPH_ENDPOINT_PASSWORD", PASSWORD + "-wrong")
        before = len(server.requests)
        with pytest.raises(RemoteError, match="HTTP 401") as caught:
            Endpoint(server.url).ping()
        assert len(server.requests) - before == 2  # the challenge, one answer to it
        assert "DLGRAPH_ENDPOINT_USER and DLGRAPH_ENDPOINT_PASSWORD" in (caught.value.hint or "")
        texts = [str(caught.value), repr(caught.value), caught.value.hint or ""]
        result = runner.invoke(app, ["query", "--endpoint", server.url, "-s", "ASK {}"])
        assert result.exit_code == 4 and server.url in result.stderr
        texts += [result.stdout, result.stderr, caplog.text]
        secret_free(*texts, password=PASSWORD + "-wrong")
        if scheme == "basic":  # the server echoed the header and the password: scrubbed
            assert "***" in str(caught.value)


def test_failures_after_authentication_show_no_secret(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DLGRAPH_ENDPOINT_USER", USER)
    monkeypatch.setenv("DLGRAPH_ENDPOINT_PASSWORD", PASSWORD)
    with auth_server("basic", USER, PASSWORD, echo=True) as server:
        with pytest.raises(RemoteError, match="HTTP 500") as caught:
            Endpoint(f"{server.root}/elsewhere/query").ping()
        secret_free(str(caught.value), caught.value.hint or "")
        result = runner.invoke(app, ["push", str(EXAMPLES / "denmark-icdp"), "--endpoint",
                                     server.url, "--gsp", f"{server.root}/nowhere"])  # fmt: skip
        assert result.exit_code == 4
        secret_free(result.stdout, result.stderr)


def test_credentials_never_follow_a_redirect_to_another_server(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("DLGRAPH_ENDPOINT_USER", USER)
    monkeypatch.setenv("DLGRAPH_ENDPOINT_PASSWORD", PASSWORD)
    with auth_server("none", USER, PASSWORD) as other:

        def moved(handler: http.server.BaseHTTPRequestHandler) -> bool:
            if not handler.path.startswith("/moved"):
                return False
            handler.send_response(307)
            handler.send_header("Location", other.url)
            handler.send_header("Content-Length", "0")
            handler.end_headers()
            return True

        with auth_server("basic", USER, PASSWORD, extra=moved) as server:
            with pytest.raises(RemoteError, match="another server") as caught:
                Endpoint(f"{server.root}/moved").ping()
            assert other.url in str(caught.value)
            assert other.requests == []


def test_a_server_that_does_not_ask_never_gets_credentials(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("DLGRAPH_ENDPOINT_USER", USER)
    monkeypatch.setenv("DLGRAPH_ENDPOINT_PASSWORD", PASSWORD)
    with auth_server("none", USER, PASSWORD) as server:
        Endpoint(server.url).ping()
        assert [seen.authorization for seen in server.requests] == [None]


def test_half_set_variables_are_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DLGRAPH_ENDPOINT_USER", USER)
    with pytest.raises(InputError, match="DLGRAPH_ENDPOINT_PASSWORD is not set"):
        credentials_for("http://127.0.0.1:1/query")
    with auth_server("basic", USER, PASSWORD) as server:
        result = runner.invoke(app, ["query", "--endpoint", server.url, "-s", "ASK {}"])
    assert result.exit_code == 2 and "DLGRAPH_ENDPOINT_PASSWORD" in result.stderr


def test_credentials_are_looked_up_only_when_a_server_asks(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    broken = write_netrc(tmp_path / "broken", "machine 127.0.0.1 login u bogus p\n")
    monkeypatch.setenv("NETRC", str(broken))
    with auth_server("none", USER, PASSWORD) as server:
        Endpoint(server.url).ping()  # the netrc file is not read
    with auth_server("basic", USER, PASSWORD) as server:
        result = runner.invoke(app, ["query", "--endpoint", server.url, "-s", "ASK {}"])
    assert result.exit_code == 2 and "not a netrc file" in result.stderr


def test_a_netrc_others_can_read_or_that_does_not_parse_is_refused_quietly(
    no_credentials: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    write_netrc(
        no_credentials / ".netrc", f"machine 127.0.0.1 login {USER} password {PASSWORD}\n", 0o644
    )
    with pytest.raises(InputError, match="can be read by other users") as caught:
        credentials_for("http://127.0.0.1:1/query")
    assert "chmod 600" in (caught.value.hint or "")
    broken = write_netrc(tmp_path / "broken", f"machine 127.0.0.1 login {USER} {PASSWORD}\n")
    monkeypatch.setenv("NETRC", str(broken))
    with pytest.raises(InputError, match=r"line [0-9]+: not a netrc file") as caught:
        credentials_for("http://127.0.0.1:1/query")
    secret_free(str(caught.value), caught.value.hint or "")
    assert caught.value.__cause__ is None


def test_no_option_takes_a_password() -> None:
    for command in ("push", "query", "validate", "compare"):
        result = runner.invoke(app, [command, "--help"])
        assert "password" not in result.stdout.lower(), command
