"""HTTP to SPARQL servers: one request, its credentials, its redirects and its failures.

Every request to an endpoint or a Graph Store goes through :func:`send`: it has a
time-out; it answers a server's HTTP basic or digest challenge with the credentials of
:mod:`dlgraph.federate.credentials` for that server's host and port (never sent before
the server asks, never to another host: a redirect off the server is refused; an
upload asks first with ``HEAD``, so that its body goes once, with the answer); and it
turns every failure into :class:`~dlgraph.RemoteError` or
:class:`~dlgraph.TimeoutExceeded` naming the URL, with no password in any text.
"""

from __future__ import annotations

import base64
import hashlib
import http.client
import socket
import urllib.error
import urllib.request
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from dlgraph.errors import DlgraphError, RemoteError, TimeoutExceeded
from dlgraph.federate.credentials import Credentials, credentials_for, origin, setup_hint
from dlgraph.federate.urls import graph_store_suggestion

__all__ = ["Answer", "send"]

_MAX_ERROR_TEXT = 300


@dataclass(frozen=True)
class Answer:
    """A server's successful answer, read whole."""

    body: bytes
    content_type: str
    status: int


class _AuthUnsupported(Exception):
    """The server asks for authentication that dlgraph cannot give."""


class _Redirected(Exception):
    """The server sent the request to another origin."""

    def __init__(self, target: str) -> None:
        super().__init__(target)
        self.target = target


class _DigestOnce(urllib.request.HTTPDigestAuthHandler):
    """Digest authentication that answers a challenge once (urllib retries up to six
    times, resending the body each time), reads every ``WWW-Authenticate`` header, and
    answers a challenge met before the request (``challenges``) in the request itself."""

    def __init__(self, passwords: urllib.request.HTTPPasswordMgr, challenges: list[str]) -> None:
        super().__init__(passwords)
        self._early = next((c for c in challenges if _scheme(c) == "digest"), None)
        self._answered_early = False

    def http_request(self, req: Any) -> Any:
        if self._early is not None and not req.has_header("Authorization"):
            words = urllib.request.parse_http_list(self._early.split(" ", 1)[-1])
            chal = urllib.request.parse_keqv_list([word for word in words if word])
            self._early = None
            try:
                auth = self.get_authorization(req, chal)
            except (ValueError, urllib.error.URLError):
                auth = None  # the server's own challenge will say what is wrong
            if auth:
                req.add_unredirected_header(self.auth_header, f"Digest {auth}")
                self._answered_early = True
        return req

    https_request = http_request

    def http_error_auth_reqed(self, auth_header: str, host: str, req: Any, headers: Any) -> Any:
        for challenge in headers.get_all(auth_header) or []:
            if _scheme(challenge) != "digest":
                continue
            if req.has_header("Authorization") and not self._answered_early:
                return None  # refused once: the default handler raises the 401
            self._answered_early = False  # an early answer on a stale nonce: once more
            try:
                return self.retry_http_digest_auth(req, challenge)
            except urllib.error.HTTPError:
                raise  # the answer to the retried request
            except (ValueError, urllib.error.URLError) as error:
                raise _AuthUnsupported(f"digest authentication as asked ({error})") from None
        return None

    def get_algorithm_impls(self, algorithm: str) -> tuple[Any, Any]:
        """The hash for ``algorithm``, over UTF-8 (RFC 7616; urllib's takes only ASCII)."""
        hashes = {"MD5": hashlib.md5, "SHA": hashlib.sha1, "SHA-256": hashlib.sha256}
        if algorithm not in hashes:
            raise ValueError(f"the {algorithm!r} algorithm")
        digest = hashes[algorithm]

        def h(text: str) -> str:
            return digest(text.encode("utf-8")).hexdigest()

        def kd(secret: str, data: str) -> str:
            return h(f"{secret}:{data}")

        return h, kd


class _BasicOnly(urllib.request.HTTPBasicAuthHandler):
    """Basic authentication that leaves other schemes alone instead of raising, and
    answers a challenge met before the request (``challenges``) in the request itself."""

    def __init__(self, passwords: urllib.request.HTTPPasswordMgr, challenges: list[str]) -> None:
        super().__init__(passwords)
        self._early = any(_scheme(c) == "basic" for c in challenges)

    def http_request(self, req: Any) -> Any:
        if self._early and not req.has_header("Authorization"):
            self._early = False
            user, password = self.passwd.find_user_password("", req.full_url)
            if password is not None:
                token = base64.b64encode(f"{user}:{password}".encode()).decode("ascii")
                req.add_unredirected_header(self.auth_header, f"Basic {token}")
        return req

    https_request = http_request

    def http_error_auth_reqed(self, authreq: str, host: str, req: Any, headers: Any) -> Any:
        challenges = headers.get_all(authreq) or []
        if not any(_scheme(c) == "basic" for c in challenges):
            return None
        return super().http_error_auth_reqed(authreq, host, req, headers)


def _scheme(challenge: str) -> str:
    """The scheme of a ``WWW-Authenticate`` challenge, lower-cased."""
    words = challenge.split(None, 1)
    return words[0].lower() if words else ""


def _challenges(url: str, timeout: float) -> list[str]:
    """The challenges the server at ``url`` answers a body-less ``HEAD`` with (none unless
    it answers 401).

    A server that asks for credentials may answer a PUT before reading its body and close
    the connection, and the upload then breaks off; so an upload asks first, and answers
    a challenge in the upload itself.
    """
    request = urllib.request.Request(url, method="HEAD")
    try:
        with urllib.request.build_opener(_SameOrigin()).open(request, timeout=timeout):
            return []
    except urllib.error.HTTPError as error:
        if error.code == 401 and error.headers:
            return list(error.headers.get_all("WWW-Authenticate") or [])
        return []
    except (*_FAILURES, ValueError):
        return []  # the upload itself will say what is wrong


class _SameOrigin(urllib.request.HTTPRedirectHandler):
    """Follow a redirect only on the same scheme, host and port."""

    def redirect_request(  # type: ignore[no-untyped-def]
        self, req, fp, code, msg, headers, newurl
    ) -> urllib.request.Request | None:
        if origin(newurl) != origin(req.full_url):
            raise _Redirected(newurl)
        return super().redirect_request(req, fp, code, msg, headers, newurl)


class _Passwords(urllib.request.HTTPPasswordMgr):
    """The credentials of the server at ``url``, looked up only when that server asks
    (a netrc file that cannot be read troubles no one whose servers do not ask)."""

    def __init__(self, url: str) -> None:
        super().__init__()
        self._url = url
        self._looked = False
        self.found: Credentials | None = None

    def find_user_password(self, realm: str | None, authuri: str) -> tuple[str | None, str | None]:
        if origin(authuri) != origin(self._url):
            return None, None
        if not self._looked:
            self.found, self._looked = credentials_for(self._url), True
        if self.found is None:
            return None, None
        return self.found.user, self.found.password


_FAILURES = (OSError, http.client.HTTPException, UnicodeError, _Redirected, _AuthUnsupported)


def send(
    method: str,
    url: str,
    *,
    data: bytes | None = None,
    headers: Mapping[str, str],
    timeout: float,
    what: str,
    credentials: bool = True,
) -> Answer:
    """Make one request to ``what`` (e.g. "the SPARQL endpoint") at ``url`` and read it whole.

    ``credentials=False`` sends none even when some are set (to ask as a client would
    that has none).
    """
    passwords = _Passwords(url) if credentials else None
    handlers: list[urllib.request.BaseHandler] = [_SameOrigin()]
    if passwords is not None:
        early = _challenges(url, timeout) if method == "PUT" else []
        handlers += [_DigestOnce(passwords, early), _BasicOnly(passwords, early)]
    request = urllib.request.Request(url, data=data, method=method, headers=dict(headers))
    try:
        with urllib.request.build_opener(*handlers).open(request, timeout=timeout) as response:
            body: bytes = response.read()
            return Answer(body, response.headers.get("Content-Type", ""), int(response.status))
    except _FAILURES as error:
        found = passwords.found if passwords is not None else None
        raise _failure(error, url, what, timeout, found) from None


def _failure(
    error: Exception, url: str, what: str, timeout: float, found: Credentials | None
) -> DlgraphError:
    """The error for a request that failed with ``error``, naming ``url``, no secret in it."""
    if isinstance(error, urllib.error.HTTPError):
        return _http_error(error, url, what, found)
    if isinstance(error, _Redirected):
        return RemoteError(
            f"{what} {url} redirected the request to {error.target}, another server; "
            "dlgraph does not follow it",
            hint="give the URL it redirects to, if you trust that server",
        )
    if isinstance(error, _AuthUnsupported):
        return RemoteError(
            f"{what} {url} asks for {error}, which dlgraph cannot give",
            hint="dlgraph answers HTTP basic and digest (MD5, SHA, SHA-256) challenges",
        )
    if isinstance(error, UnicodeError):  # a header or URL HTTP/1.1 cannot carry
        return RemoteError(
            f"cannot send the request to {what} {url}: it holds characters HTTP cannot carry "
            "in a URL or header",
            hint="write the URL with percent-escapes (and a user name in ASCII)",
        )
    reason = error.reason if isinstance(error, urllib.error.URLError) else error
    if isinstance(reason, TimeoutError | socket.timeout):
        return timed_out(what, url, timeout)
    if isinstance(error, urllib.error.URLError):
        return RemoteError(
            f"cannot reach {what} {url}: {_scrub(str(error.reason), found)}",
            hint="check the URL and that the server runs "
            "(e.g. oxigraph serve --location DIR --bind 127.0.0.1:7878)",
        )
    return RemoteError(
        f"{what} {url} broke off the answer ({type(error).__name__}: "
        f"{_scrub(str(error), found)}); nothing of it is used",
        hint="try again; check the server's log",
    )


def timed_out(what: str, url: str, timeout: float) -> TimeoutExceeded:
    """The error for ``what`` at ``url`` not answering within ``timeout`` seconds."""
    return TimeoutExceeded(
        f"{what} {url} did not answer within {timeout:g} s; nothing of it is used",
        hint="raise the time-out (--timeout SECONDS) or check the server",
    )


def _http_error(
    error: urllib.error.HTTPError, url: str, what: str, found: Credentials | None
) -> RemoteError:
    detail = _error_text(error, found)
    server = error.headers.get("Server", "") if error.headers else ""
    hint = _http_hint(error.code, url, what, found, server)
    if error.code == 401 and error.headers:
        challenges = error.headers.get_all("WWW-Authenticate") or []
        offered = {challenge.split()[0] for challenge in challenges if challenge.split()}
        if offered and not {scheme.lower() for scheme in offered} & {"basic", "digest"}:
            hint = (
                f"the server asks for {', '.join(sorted(offered))} authentication; dlgraph "
                "answers HTTP basic and digest challenges only"
            )
    return RemoteError(
        f"{what} {url} answered HTTP {error.code} {error.reason}"
        + (f": {detail}" if detail else ""),
        hint=hint,
    )


def _http_hint(code: int, url: str, what: str, found: Credentials | None, server: str) -> str:
    graph_store = what == "the Graph Store"
    if code == 401:
        return setup_hint(url, found)
    if code == 403:
        if found is not None:
            return (
                f"the user from {found.source} may not do this; on Virtuoso, Graph Store "
                "writes need a user with the SPARQL_UPDATE role"
            )
        return "the server refuses access; see dlgraph's README on credentials"
    if graph_store and code in (404, 405, 501):
        where = url.partition("?")[0]
        return f"{where} is not the server's Graph Store; " + graph_store_suggestion(url, server)
    if code == 404:
        return "check the URL: it must be the server's SPARQL query endpoint (or Graph Store)"
    if code >= 500:
        return "the server failed; check its log"
    return "the server did not accept the request; check the query and the URL"


def _error_text(error: urllib.error.HTTPError, found: Credentials | None) -> str:
    try:
        raw = error.read(64 * 1024) if error.fp is not None else b""
    except OSError:
        return ""
    text = _scrub(" ".join(raw.decode("utf-8", "replace").split()), found)
    return text[:_MAX_ERROR_TEXT] + ("..." if len(text) > _MAX_ERROR_TEXT else "")


def _scrub(text: str, found: Credentials | None) -> str:
    """``text`` without the password or the basic token made of it (a server may echo them)."""
    if found is None or not found.password:
        return text
    token = base64.b64encode(f"{found.user}:{found.password}".encode()).decode("ascii")
    for secret in (token, found.password):
        text = text.replace(secret, "***")
    return text
