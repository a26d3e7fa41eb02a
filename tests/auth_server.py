"""A small SPARQL server on a loopback port that checks HTTP basic or digest credentials
for real (RFC 7617, RFC 7616 with MD5 and qop=auth), for the credential tests.

It answers ``ASK`` with true, keeps graphs PUT to its Graph Store (``/store``) and gives
them back on GET; it records each request's method, path and Authorization header.
"""

from __future__ import annotations

import base64
import hashlib
import http.server
import json
import secrets
import threading
import urllib.parse
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

REALM = "SPARQL"
XSD_INTEGER = "http://www.w3.org/2001/XMLSchema#integer"


@dataclass
class Seen:
    method: str
    path: str
    authorization: str | None


@dataclass
class AuthServer:
    url: str
    root: str
    requests: list[Seen] = field(default_factory=list)
    graphs: dict[str, bytes] = field(default_factory=dict)


HASHES = {"MD5": hashlib.md5, "SHA-256": hashlib.sha256}


def _digest_ok(
    header: str, method: str, user: str, password: str, nonces: set[str], algorithm: str
) -> bool:
    fields = _parse_digest(header)
    if fields.get("username") != user or fields.get("nonce") not in nonces:
        return False
    if fields.get("algorithm", "MD5") != algorithm:
        return False

    def h(text: str) -> str:
        return HASHES[algorithm](text.encode("utf-8")).hexdigest()

    ha1 = h(f"{user}:{REALM}:{password}")
    ha2 = h(f"{method}:{fields.get('uri', '')}")
    expected = h(
        f"{ha1}:{fields['nonce']}:{fields.get('nc', '')}:{fields.get('cnonce', '')}:auth:{ha2}"
    )
    return secrets.compare_digest(expected, fields.get("response", ""))


def _parse_digest(header: str) -> dict[str, str]:
    scheme, _, rest = header.partition(" ")
    if scheme.lower() != "digest":
        return {}
    return urllib.request.parse_keqv_list(urllib.request.parse_http_list(rest))


@contextmanager
def auth_server(
    scheme: str,
    user: str,
    password: str,
    *,
    extra: Callable[[http.server.BaseHTTPRequestHandler], bool] | None = None,
    echo: bool = False,
    algorithm: str = "MD5",
    early_refusal: bool = False,
) -> Iterator[AuthServer]:
    """Serve on a free loopback port; ``scheme`` is ``basic``, ``digest``, ``negotiate``
    (a scheme dlgraph cannot answer) or ``none``; ``algorithm`` is digest's.

    ``extra`` may answer a request itself (returning True); ``echo`` puts the request's
    Authorization header and the password into the body of every error, as a careless
    server might. ``early_refusal`` refuses an unauthorised PUT without reading its body.
    """
    nonces: set[str] = set()
    state = AuthServer("", "")

    class Handler(http.server.BaseHTTPRequestHandler):
        def _authorized(self) -> bool:
            header = self.headers.get("Authorization")
            if scheme == "none":
                return True
            if scheme == "basic":
                token = base64.b64encode(f"{user}:{password}".encode()).decode()
                return header == f"Basic {token}"
            if scheme == "negotiate":
                return False
            return header is not None and _digest_ok(
                header, self.command, user, password, nonces, algorithm
            )

        def _refuse(self) -> None:
            if scheme == "basic":
                challenge = f'Basic realm="{REALM}"'
            elif scheme == "negotiate":
                challenge = "Negotiate"
            else:
                nonce = secrets.token_hex(8)
                nonces.add(nonce)
                challenge = (
                    f'Digest realm="{REALM}", nonce="{nonce}", qop="auth", algorithm={algorithm}'
                )
            body = b"authentication required"
            if echo:
                body += f" {self.headers.get('Authorization')} {password}".encode()
            self.send_response(401)
            self.send_header("WWW-Authenticate", challenge)
            self._body(body, "text/plain")

        def _answer(self, data: bytes) -> bytes:
            """True for an ASK; for the COUNT of a graph, its statements (its lines)."""
            query = urllib.parse.parse_qs(data.decode()).get("query", [""])[0]
            if "COUNT" not in query:
                return b'{"head": {}, "boolean": true}'
            held = [g for g in state.graphs if f"<{g}>" in query]
            n = sum(1 for line in state.graphs[held[0]].splitlines() if line.strip()) if held else 0
            binding = {"n": {"type": "literal", "value": str(n), "datatype": XSD_INTEGER}}
            document = {"head": {"vars": ["n"]}, "results": {"bindings": [binding]}}
            return json.dumps(document).encode()

        def _body(self, body: bytes, media: str) -> None:
            self.send_header("Content-Type", media)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def _handle(self) -> None:
            if early_refusal and self.command == "PUT" and not self._authorized():
                # as Virtuoso does: refused before the body is read, the connection closed
                state.requests.append(Seen("PUT", self.path, self.headers.get("Authorization")))
                self.close_connection = True
                self._refuse()
                return
            length = int(self.headers.get("Content-Length") or 0)
            data = self.rfile.read(length) if length else b""
            state.requests.append(Seen(self.command, self.path, self.headers.get("Authorization")))
            if extra is not None and extra(self):
                return
            if not self._authorized():
                self._refuse()
                return
            path, _, query = self.path.partition("?")
            graph = urllib.parse.parse_qs(query).get("graph", [""])[0]
            if path == "/store" and self.command == "PUT":
                state.graphs[graph] = data
                self.send_response(201)
                self._body(b"", "text/plain")
            elif path == "/store" and self.command == "GET" and graph in state.graphs:
                self.send_response(200)
                self._body(state.graphs[graph], "application/n-triples")
            elif path == "/query" and self.command == "POST":
                self.send_response(200)
                self._body(self._answer(data), "application/sparql-results+json")
            else:
                self.send_response(500)
                self._body(b"failed" + (f" {password}".encode() if echo else b""), "text/plain")

        def do_GET(self) -> None:
            self._handle()

        def do_POST(self) -> None:
            self._handle()

        def do_PUT(self) -> None:
            self._handle()

        def do_HEAD(self) -> None:
            self._handle()

        def log_message(self, format: str, *args: object) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    state.root = f"http://127.0.0.1:{server.server_address[1]}"
    state.url = f"{state.root}/query"
    try:
        yield state
    finally:
        server.shutdown()
        server.server_close()
