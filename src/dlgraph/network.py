"""Who may reach the network: the caller's policy, refused by default.

Every place in dlgraph that could make a request (an http source, a JSON-LD remote
context, a SPARQL ``SERVICE``) asks a :class:`NetworkPolicy` first, so there is one
switch to audit and one place to add limits.
"""

from __future__ import annotations

import urllib.error
import urllib.request
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TypeAlias
from urllib.parse import urlsplit

from dlgraph.errors import LimitExceeded, NetworkRefused, RemoteError, TimeoutExceeded

__all__ = [
    "DEFAULT_MAX_FETCH_BYTES",
    "DEFAULT_TIMEOUT",
    "NetworkPolicy",
    "NetworkSetting",
    "is_url",
    "network_policy",
]

DEFAULT_TIMEOUT = 30.0
"""Seconds an allowed request may take before it is abandoned."""
DEFAULT_MAX_FETCH_BYTES = 512 * 1024 * 1024
"""The most bytes an allowed request may bring back."""


@dataclass(frozen=True)
class NetworkPolicy:
    """Which URLs may be fetched: none (the default), all, or those under given prefixes.

    ``allowed`` holds URL prefixes such as ``https://example.org/contexts/``; a URL is
    allowed when it starts with one of them.
    """

    allow_all: bool = False
    allowed: tuple[str, ...] = ()
    timeout: float = DEFAULT_TIMEOUT
    max_bytes: int = DEFAULT_MAX_FETCH_BYTES

    def permits(self, url: str) -> bool:
        """Whether ``url`` may be fetched under this policy."""
        return self.allow_all or any(url.startswith(prefix) for prefix in self.allowed)

    def check(self, url: str, what: str) -> None:
        """Raise NetworkRefused naming ``what`` wanted ``url`` unless the policy permits it."""
        if not self.permits(url):
            raise NetworkRefused(
                f"{what} would fetch {url}; dlgraph does not reach the network unless asked",
                hint=(
                    "pass allow_network=True (or a list of allowed URL prefixes) to allow it, "
                    "or use a local copy"
                ),
            )

    def fetch(self, url: str, what: str) -> bytes:
        """The bytes at ``url`` if the policy permits it, with the policy's time-out.

        Redirects are followed only to URLs the policy permits too; a response larger
        than ``max_bytes`` raises LimitExceeded, a request past the time-out
        TimeoutExceeded.
        """
        self.check(url, what)
        scheme = urlsplit(url).scheme.lower()
        if scheme not in ("http", "https", "file"):
            raise NetworkRefused(f"{what}: unsupported URL scheme in {url}")
        opener = urllib.request.build_opener(_PolicyRedirects(self, what))
        try:
            with opener.open(url, timeout=self.timeout) as response:
                data: bytes = response.read(self.max_bytes + 1)
        except TimeoutError as error:
            raise self._timed_out(url, what) from error
        except urllib.error.URLError as error:
            if isinstance(error.reason, TimeoutError):
                raise self._timed_out(url, what) from error
            if isinstance(error.reason, NetworkRefused):
                raise error.reason from error
            raise RemoteError(f"{what}: could not fetch {url}: {error}") from error
        except OSError as error:
            raise RemoteError(f"{what}: could not fetch {url}: {error}") from error
        if len(data) > self.max_bytes:
            raise LimitExceeded(
                f"{what}: {url} sent more than {self.max_bytes} bytes",
                hint="raise the policy's max_bytes if you trust the source",
            )
        return data

    def _timed_out(self, url: str, what: str) -> TimeoutExceeded:
        return TimeoutExceeded(
            f"{what}: {url} did not answer within {self.timeout:g} s",
            hint="try again later, or allow more time (NetworkPolicy(timeout=...))",
        )


class _PolicyRedirects(urllib.request.HTTPRedirectHandler):
    """Follow a redirect only to a URL the same policy permits."""

    def __init__(self, policy: NetworkPolicy, what: str) -> None:
        self._policy = policy
        self._what = what

    def redirect_request(  # type: ignore[no-untyped-def]
        self, req, fp, code, msg, headers, newurl
    ) -> urllib.request.Request | None:
        if not self._policy.permits(newurl):
            raise urllib.error.URLError(
                NetworkRefused(
                    f"{self._what} was redirected from {req.full_url} to {newurl}, "
                    "which is not allowed",
                    hint="allow the redirect's target too, or use the final URL",
                )
            )
        return super().redirect_request(req, fp, code, msg, headers, newurl)


NetworkSetting: TypeAlias = bool | Iterable[str] | NetworkPolicy
"""What callers pass as ``allow_network``: False/True, URL prefixes, or a policy."""


def network_policy(setting: NetworkSetting) -> NetworkPolicy:
    """The policy for a caller's ``allow_network`` argument (bool, prefixes or a policy)."""
    if isinstance(setting, NetworkPolicy):
        return setting
    if isinstance(setting, bool):
        return NetworkPolicy(allow_all=setting)
    if isinstance(setting, str):
        return NetworkPolicy(allowed=(setting,))
    return NetworkPolicy(allowed=tuple(setting))


def is_url(text: str) -> bool:
    """Whether ``text`` is an absolute URL with a network or file scheme."""
    if any(c.isspace() for c in text):
        return False
    scheme = urlsplit(text).scheme.lower()
    return scheme in ("http", "https", "ftp", "file")
