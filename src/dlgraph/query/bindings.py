"""Bindings for engines that take none: a SPARQL ``VALUES`` block of checked RDF terms.

The SPARQL 1.1 Protocol has no parameter for bindings, and Oxigraph's substitutions
only reach projected variables, so a named query's parameters travel as SPARQL's own
inline data: each value is first a typed RDF term (an IRI Oxigraph accepts, a literal
with its datatype or language) and is written by Oxigraph's N-Triples serialiser, which
escapes it. No value text is ever spliced into the query.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from rdflib import BNode
from rdflib.term import Identifier

from dlgraph.errors import QueryError
from dlgraph.oxigraph.terms import to_ox

__all__ = ["bind_inline", "values_block"]

_WHERE = re.compile(r"\bWHERE\s*\{", re.IGNORECASE)
_VARIABLE = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")


def values_block(bindings: Mapping[str, Identifier]) -> str:
    """``VALUES (?a ?b) { (term term) }`` for ``bindings``; empty text when there are none."""
    if not bindings:
        return ""
    names: list[str] = []
    terms: list[str] = []
    for name, term in bindings.items():
        variable = name.lstrip("?$")
        if not _VARIABLE.match(variable):
            raise QueryError(f"{name!r} is not a SPARQL variable name")
        if isinstance(term, BNode):
            raise QueryError(f"cannot bind the blank node {term} to ?{variable}")
        names.append(f"?{variable}")
        terms.append(str(to_ox(term)))
    return f"VALUES ({' '.join(names)}) {{ ({' '.join(terms)}) }}"


def bind_inline(sparql: str, bindings: Mapping[str, Identifier], *, source: str) -> str:
    """``sparql`` with ``bindings`` as a VALUES block opening its outermost WHERE group."""
    if not bindings:
        return sparql
    match = _first_where(sparql)
    if match is None:
        raise QueryError(f"{source}: cannot bind parameters: the query has no WHERE {{ ... }}")
    return f"{sparql[:match]}\n  {values_block(bindings)}\n{sparql[match:]}"


def _first_where(sparql: str) -> int | None:
    """The offset just after the first ``WHERE {`` outside comments."""
    offset = 0
    for line in sparql.splitlines(keepends=True):
        if not line.lstrip().startswith("#"):
            found = _WHERE.search(line)
            if found is not None:
                return offset + found.end()
        offset += len(line)
    return None
