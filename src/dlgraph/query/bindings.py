"""The one way dlgraph binds values into a query: a ``VALUES`` block of checked RDF terms.

rdflib binds ``initBindings`` before evaluation; Oxigraph's substitutions reach projected
variables only; the SPARQL 1.1 Protocol has no parameter for bindings at all. So every
path (:meth:`dlgraph.OrgGraph.query` and ``run`` on either backend, :meth:`dlgraph.Store.run`,
endpoints, federation) binds values the same way, as SPARQL's own inline data: each value
is first a typed RDF term (an IRI Oxigraph accepts, a literal with its datatype or
language), written by Oxigraph's N-Triples serialiser, which escapes it, in a ``VALUES``
block that opens the query's outermost group pattern. No value text is ever spliced into
the query.

That is rdflib's answer for every pattern except one: rdflib also pushes a binding into a
sub-select that does not project the variable, where SPARQL's scoping (and Oxigraph) does
not. A variable the query does not name is left out (it changes nothing, as in rdflib).
A blank node cannot be written in a query, and a query without a group pattern
(``DESCRIBE ?x`` alone) has nowhere to put the block: :func:`bind` raises
:class:`CannotBind` for those, and :func:`dlgraph.query.run.run_query` then lets rdflib bind
the value itself.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from rdflib import BNode
from rdflib.term import Identifier

from dlgraph.errors import QueryError
from dlgraph.oxigraph.terms import to_ox

__all__ = ["CannotBind", "bind", "values_block"]

_VARIABLE = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")


class CannotBind(QueryError):
    """The values cannot be written into this query (a blank node, no group pattern)."""


def values_block(bindings: Mapping[str, Identifier]) -> str:
    """``VALUES (?a ?b) { (term term) }`` for ``bindings``; empty text when there are none.

    QueryError for a name that is not a variable or an IRI Oxigraph refuses; CannotBind for
    a blank node.
    """
    if not bindings:
        return ""
    names: list[str] = []
    terms: list[str] = []
    for name, term in bindings.items():
        variable = name.lstrip("?$")
        if not _VARIABLE.match(variable):
            raise QueryError(f"{name!r} is not a SPARQL variable name")
        if isinstance(term, BNode):
            raise CannotBind(f"cannot bind the blank node {term} to ?{variable}")
        names.append(f"?{variable}")
        terms.append(str(to_ox(term)))
    return f"VALUES ({' '.join(names)}) {{ ({' '.join(terms)}) }}"


def bind(sparql: str, bindings: Mapping[str, Identifier], *, source: str = "<query>") -> str:
    """``sparql`` with ``bindings`` as a VALUES block opening its outermost group pattern.

    Raises QueryError for an IRI Oxigraph refuses or a name that is not a variable, and
    CannotBind for a blank node or a query with no group pattern to hold the block.
    """
    named = {
        name.lstrip("?$"): term
        for name, term in bindings.items()
        if re.search(
            rf"[?$]{re.escape(name.lstrip('?$'))}(?![A-Za-z0-9_\u00b7\u0300-\u036f\u203f-\u2040])",
            sparql,
        )
    }
    if not named:
        return sparql
    block = values_block(named)
    group = _where_group(sparql)
    if group is None:
        raise CannotBind(f"{source}: cannot bind parameters: the query has no WHERE {{ ... }}")
    opened, closed, kind, where = group
    body = sparql[opened + 1 : closed]
    if kind == "short":  # CONSTRUCT WHERE: the template is the pattern, so write both out
        return f"{sparql[:where]}{{{body}}} WHERE {{ {block}\n{body}}}{sparql[closed + 1 :]}"
    if kind == "subselect":
        return f"{sparql[: opened + 1]} {block} {{{body}}} {sparql[closed:]}"
    return f"{sparql[: opened + 1]} {block}\n{sparql[opened + 1 :]}"


_IRI = re.compile(r'<[^<>"{}|^`\\\x00-\x20]*>')
_STRING = re.compile(
    r"'''(?:[^'\\]|\\.|'(?!''))*'''|\"\"\"(?:[^\"\\]|\\.|\"(?!\"\"))*\"\"\""
    r"|'(?:[^'\\\n\r]|\\.)*'|\"(?:[^\"\\\n\r]|\\.)*\"",
    re.DOTALL,
)
_WORD = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_FORM = re.compile(r"(SELECT|ASK|CONSTRUCT|DESCRIBE)\b", re.IGNORECASE)


def _tokens(sparql: str) -> list[tuple[int, str]]:
    """Offsets and texts of braces, parentheses and words outside comments, strings, IRIs."""
    found: list[tuple[int, str]] = []
    index = 0
    while index < len(sparql):
        char = sparql[index]
        if char == "#":
            end = sparql.find("\n", index)
            index = len(sparql) if end < 0 else end
            continue
        if char in "'\"":
            match = _STRING.match(sparql, index)
            index = match.end() if match else index + 1
            continue
        if char == "<":
            match = _IRI.match(sparql, index)
            index = match.end() if match else index + 1
            continue
        if char in "{}()":
            found.append((index, char))
            index += 1
            continue
        if char.isalpha() or char == "_":
            match = _WORD.match(sparql, index)
            assert match is not None
            if index == 0 or sparql[index - 1] not in "?$:":
                found.append((index, match.group(0).upper()))
            index = match.end()
            continue
        index += 1
    return found


def _where_group(sparql: str) -> tuple[int, int, str, int] | None:
    """The offsets of the outermost group pattern's braces, what it holds (``group``,
    ``subselect``, or ``short`` for CONSTRUCT WHERE) and where its WHERE keyword is;
    None when the query has none."""
    tokens = _tokens(sparql)
    start = next((i for i, (_, t) in enumerate(tokens) if _FORM.fullmatch(t)), None)
    if start is None:
        return None
    index = start + 1
    if tokens[start][1] == "CONSTRUCT" and index < len(tokens) and tokens[index][1] == "WHERE":
        group = _group_at(tokens, index)  # CONSTRUCT WHERE { triples }: the short form
        return None if group is None else (group[0], group[1], "short", tokens[index][0])
    if tokens[start][1] == "CONSTRUCT" and index < len(tokens) and tokens[index][1] == "{":
        template = _group_at(tokens, index)  # CONSTRUCT { template } ... WHERE { ... }
        if template is None:
            return None
        index = next(i for i, (offset, _) in enumerate(tokens) if offset == template[1]) + 1
    depth = 0
    while index < len(tokens):
        text = tokens[index][1]
        depth += {"(": 1, ")": -1}.get(text, 0)
        if text == "{" and depth == 0:
            return _group_at(tokens, index)
        index += 1
    return None


def _group_at(tokens: list[tuple[int, str]], first: int) -> tuple[int, int, str, int] | None:
    """The group opening at or after token ``first`` (skipping FROM clauses, WHERE)."""
    index = first
    while index < len(tokens) and tokens[index][1] != "{":
        index += 1
    if index >= len(tokens):
        return None
    braces = 0
    for j in range(index, len(tokens)):
        if tokens[j][1] == "{":
            braces += 1
        elif tokens[j][1] == "}":
            braces -= 1
            if braces == 0:
                sub_select = index + 1 < len(tokens) and tokens[index + 1][1] == "SELECT"
                kind = "subselect" if sub_select else "group"
                return tokens[index][0], tokens[j][0], kind, tokens[index][0]
    return None
