"""Who may reach the network: the caller's policy, refused by default.

Every place in dlgraph that could make a request (an http source, a JSON-LD remote
context, a SPARQL ``SERVICE``) asks a :class:`NetworkPolicy` first, so there is one
switch to audit and one place to add limits.
"""

from __future__ import annotations

import urllib.request
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TypeAlias
from urllib.parse import urlsplit

from .errors import NetworkRefused, RemoteError

__all__ = ["DEFAULT_TIMEOUT", "NetworkPolicy", "NetworkSetting", "is_url", "network_policy"]

DEFAULT_TIMEOUT = 30.0
"""Seconds an allowed request may take before it is abandoned."""


@dataclass(frozen=True)
class NetworkPolicy:
    """Which URLs may be fetched: none (the default), all, or those under given prefixes.

    ``allowed`` holds URL prefixes such as ``https://example.org/contexts/``; a URL is
    allowed when it starts with one of them.
    """

    allow_all: bool = False
    allowed: tuple[str, ...] = ()
    timeout: float = DEFAULT_TIMEOUT

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
        """The bytes at ``url`` if the policy permits it, with the policy's time-out."""
        self.check(url, what)
        scheme = urlsplit(url).scheme.lower()
        if scheme not in ("http", "https", "file"):
            raise NetworkRefused(f"{what}: unsupported URL scheme in {url}")
        try:
            with urllib.request.urlopen(url, timeout=self.timeout) as response:
                data: bytes = response.read()
        except OSError as error:
            raise RemoteError(f"{what}: could not fetch {url}: {error}") from error
        return data


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
