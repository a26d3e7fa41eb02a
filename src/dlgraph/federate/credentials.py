"""Credentials for SPARQL servers: from the environment or a netrc file, never from arguments.

A server's user and password are looked up by its host (and port), most specific first:

1. ``DLGRAPH_ENDPOINT_USER_<HOST>_<PORT>`` and ``DLGRAPH_ENDPOINT_PASSWORD_<HOST>_<PORT>``
   (the host upper-cased, every character but letters and digits written ``_``: for
   ``http://127.0.0.1:8890/sparql`` ``DLGRAPH_ENDPOINT_USER_127_0_0_1_8890``);
2. the same without the port (``DLGRAPH_ENDPOINT_USER_127_0_0_1``);
3. a ``machine HOST:PORT`` entry of the netrc file (``$NETRC``, else ``~/.netrc``);
4. a ``machine HOST`` entry of it (a ``default`` entry is not used);
5. ``DLGRAPH_ENDPOINT_USER`` and ``DLGRAPH_ENDPOINT_PASSWORD``, for any server named.

A :class:`Credentials` never shows its password (not in ``repr``, not in messages), and
says where it came from, so that a refusal can name the place to mend.
"""

from __future__ import annotations

import netrc
import os
import re
import urllib.parse
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from dlgraph.errors import InputError

__all__ = ["PASSWORD_VARIABLE", "USER_VARIABLE", "Credentials", "credentials_for", "setup_hint"]

USER_VARIABLE = "DLGRAPH_ENDPOINT_USER"
PASSWORD_VARIABLE = "DLGRAPH_ENDPOINT_PASSWORD"


@dataclass(frozen=True)
class Credentials:
    """A user and password for one server, and where they were found (for messages)."""

    user: str
    password: str = field(repr=False)
    source: str


def origin(url: str) -> tuple[str, str, int]:
    """The scheme, lower-cased host and port (the default one when not written) of ``url``."""
    parts = urllib.parse.urlsplit(url)
    scheme = parts.scheme.lower()
    port = parts.port or (443 if scheme == "https" else 80)
    return scheme, (parts.hostname or "").lower(), port


def variable_suffix(text: str) -> str:
    """``text`` as the end of an environment variable's name: ``127.0.0.1`` is ``127_0_0_1``."""
    return re.sub(r"[^A-Za-z0-9]", "_", text).upper()


def credentials_for(url: str, environ: Mapping[str, str] | None = None) -> Credentials | None:
    """The credentials for the server at ``url``, or None when none are set for it."""
    env = os.environ if environ is None else environ
    _scheme, host, port = origin(url)
    for suffix in (f"_{variable_suffix(host)}_{port}", f"_{variable_suffix(host)}"):
        found = _from_environment(env, suffix)
        if found is not None:
            return found
    found = _from_netrc(env, host, port)
    if found is not None:
        return found
    return _from_environment(env, "")


def _from_environment(env: Mapping[str, str], suffix: str) -> Credentials | None:
    user_name, password_name = USER_VARIABLE + suffix, PASSWORD_VARIABLE + suffix
    user, password = env.get(user_name), env.get(password_name)
    if user is None and password is None:
        return None
    if not user or password is None:
        missing = password_name if user else user_name
        raise InputError(
            f"{missing} is not set, but {password_name if user else user_name} is",
            hint=f"set both {user_name} and {password_name}, or neither",
        )
    return Credentials(user, password, f"{user_name} and {password_name}")


def netrc_path(env: Mapping[str, str]) -> Path:
    """The netrc file dlgraph reads: ``$NETRC``, else ``~/.netrc``."""
    given = env.get("NETRC")
    return Path(given).expanduser() if given else Path("~/.netrc").expanduser()


def _from_netrc(env: Mapping[str, str], host: str, port: int) -> Credentials | None:
    path = netrc_path(env)
    if not path.is_file():
        return None
    try:
        # Only the default file gets the standard library's check that no one else can
        # read it (as with ftplib and curl's --netrc); a named $NETRC is the caller's.
        parsed = netrc.netrc(str(path) if env.get("NETRC") else None)
    except netrc.NetrcParseError as error:
        # The parser's message can quote a token of the file, which may be a password.
        if "too permissive" in str(error.msg):
            raise InputError(
                f"{path} can be read by other users, so dlgraph does not use it",
                hint=f"let only its owner read it: chmod 600 {path}",
            ) from None
        raise InputError(
            f"{path}, line {error.lineno}: not a netrc file dlgraph can read",
            hint="write each server as: machine HOST login USER password PASSWORD",
        ) from None
    except (OSError, UnicodeDecodeError) as error:
        raise InputError(f"{path}: cannot read it ({type(error).__name__})") from None
    hosts = {name.lower(): entry for name, entry in parsed.hosts.items() if name != "default"}
    for machine in (f"{host}:{port}", host):
        entry = hosts.get(machine)
        if entry is not None:
            login, _account, password = entry
            return Credentials(login or "", password or "", f"{path} (machine {machine})")
    return None


def setup_hint(url: str, found: Credentials | None) -> str:
    """What to set for the server at ``url``: to add credentials, or to mend refused ones."""
    _scheme, host, port = origin(url)
    if found is not None:
        return f"the server refused the credentials from {found.source}; mend them there"
    suffix = f"_{variable_suffix(host)}_{port}"
    return (
        f"add 'machine {host}:{port} login USER password PASSWORD' to ~/.netrc (or the file "
        f"$NETRC names), or set {USER_VARIABLE}{suffix} and {PASSWORD_VARIABLE}{suffix} "
        f"(or {USER_VARIABLE} and {PASSWORD_VARIABLE} for every server)"
    )
