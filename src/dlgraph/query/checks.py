"""Checks made before SPARQL text goes to Oxigraph or to a remote endpoint.

Queries are read-only, and every ``SERVICE`` endpoint they name must be permitted by the
caller's network policy before any engine sees the query (Oxigraph follows ``SERVICE``
itself). dlgraph's prefixes are declared for engines that do not know them.
"""

from __future__ import annotations

import re

from dlgraph.network import NetworkSetting, network_policy

__all__ = ["after_prologue", "check_read_only", "check_services", "query_kind", "with_prefixes"]

_UPDATE_START = re.compile(
    r"^\s*(INSERT|DELETE|LOAD|CLEAR|CREATE|DROP|COPY|MOVE|ADD|WITH)\b", re.IGNORECASE
)
_PROLOGUE = re.compile(r"^\s*(?:#[^\n]*\n|\s+|(?:PREFIX|BASE)\s[^>]*>)*", re.IGNORECASE)
_SERVICE = re.compile(r"\bSERVICE\b", re.IGNORECASE)
_KIND = re.compile(r"^\s*(SELECT|ASK|CONSTRUCT|DESCRIBE)\b", re.IGNORECASE)


def after_prologue(sparql: str) -> str:
    """The query without its leading comments and PREFIX / BASE declarations."""
    match = _PROLOGUE.match(sparql)
    return sparql[match.end() :] if match else sparql


def query_kind(sparql: str) -> str:
    """SELECT, ASK, CONSTRUCT or DESCRIBE (SELECT when it cannot be told)."""
    match = _KIND.match(after_prologue(sparql))
    return match.group(1).upper() if match else "SELECT"


def check_read_only(sparql: str, source: str) -> None:
    """ReadOnlyError for a SPARQL Update."""
    from dlgraph.query.run import is_update, read_only_error

    if _UPDATE_START.match(after_prologue(sparql)) or (
        _KIND.match(after_prologue(sparql)) is None and is_update(sparql)
    ):
        raise read_only_error(source)


def check_services(sparql: str, source: str, allow_network: NetworkSetting) -> None:
    """NetworkRefused for a ``SERVICE`` endpoint the policy does not permit.

    A ``SERVICE ?variable`` is refused unless the policy allows every URL.
    """
    if _SERVICE.search(sparql) is None:
        return
    from dlgraph.query.run import prepare, walk_algebra

    policy = network_policy(allow_network)
    prepared = prepare(sparql, source=source)
    for part in walk_algebra(prepared.algebra):
        if part.name == "ServiceGraphPattern":
            policy.check(str(part.get("term")), f"{source}: the SERVICE clause")


def with_prefixes(sparql: str) -> str:
    """``sparql`` with dlgraph's prefixes declared before its own (its own win)."""
    from dlgraph.ontology.namespaces import PREFIXES

    declared = "".join(f"PREFIX {prefix}: <{space}>\n" for prefix, space in PREFIXES.items())
    return declared + sparql
