"""Rules of the SPARQL 1.1 grammar that rdflib's parser does not check.

rdflib 7.6 accepts queries the W3C syntax tests reject: a ``BIND`` or ``(... AS ?x)``
to a variable already in scope, ``SELECT *`` or an ungrouped variable with ``GROUP BY``
or aggregates (SPARQL 1.1, sections 18.2.1 and 11.4). These checks walk rdflib's parse
tree and name the rule broken; :func:`dlgraph.query.run.prepare` turns that into a
QuerySyntaxError with a position.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from pyparsing import ParseBaseException, ParseResults
from rdflib.plugins.sparql.parser import parseQuery
from rdflib.plugins.sparql.parserutils import CompValue
from rdflib.term import Variable

__all__ = ["ScopeProblem", "scope_problem"]


@dataclass(frozen=True)
class ScopeProblem:
    """A broken scope rule: what is wrong, and the text to point at (``AS ?x``, ...)."""

    message: str
    anchor: str


@lru_cache(maxsize=256)
def scope_problem(sparql: str) -> ScopeProblem | None:
    """The first scope rule ``sparql`` breaks, or None (also None if it does not parse)."""
    try:
        tree = parseQuery(sparql)
    except (ParseBaseException, RecursionError):
        return None
    for node in _walk(tree):
        problem = _group_problem(node) if node.name == "GroupGraphPatternSub" else None
        if problem is None and node.name in ("SelectQuery", "SubSelect"):
            problem = _select_problem(node)
        if problem is not None:
            return problem
    return None


def _children(node: Any) -> Iterator[Any]:
    if isinstance(node, CompValue):
        yield from node.values()
    elif isinstance(node, list | tuple | ParseResults):
        yield from node


def _walk(node: Any) -> Iterator[CompValue]:
    if isinstance(node, CompValue):
        yield node
    for child in _children(node):
        yield from _walk(child)


def _get(node: CompValue, key: str) -> Any:
    # CompValue.get resolves variables; the plain mapping lookup is what is wanted here.
    return dict.get(node, key)


def _in_scope(node: Any) -> set[Variable]:
    """Variables a pattern brings into scope: not those only in FILTER or MINUS, and of a
    sub-select only those it projects."""
    if isinstance(node, Variable):
        return {node}
    if isinstance(node, CompValue):
        if node.name in ("Filter", "MinusGraphPattern"):
            return set()
        if node.name == "SubSelect":
            return _projected(node)
        if node.name == "Bind":
            variable = _get(node, "var")
            return {variable} if isinstance(variable, Variable) else set()
    found: set[Variable] = set()
    for child in _children(node):
        found |= _in_scope(child)
    return found


def _projected(select: CompValue) -> set[Variable]:
    items = _get(select, "projection")
    if not items:
        return _in_scope(_get(select, "where"))
    names = (_get(item, "evar") or _get(item, "var") for item in items)
    return {name for name in names if isinstance(name, Variable)}


def _has_aggregate(node: Any) -> bool:
    if isinstance(node, CompValue):
        if node.name.startswith("Aggregate_"):
            return True
        if node.name == "SubSelect":
            return False
    return any(_has_aggregate(child) for child in _children(node))


def _group_problem(group: CompValue) -> ScopeProblem | None:
    seen: set[Variable] = set()
    for part in _get(group, "part") or []:
        if isinstance(part, CompValue) and part.name == "Bind":
            variable = _get(part, "var")
            if variable in seen:
                return ScopeProblem(
                    f"BIND assigns ?{variable}, which is already in scope in its group",
                    f"?{variable}",
                )
        seen |= _in_scope(part)
    return None


def _select_problem(select: CompValue) -> ScopeProblem | None:
    where = _in_scope(_get(select, "where"))
    items = _get(select, "projection") or []
    aliases: set[Variable] = set()
    plain: list[Variable] = []
    for item in items:
        alias = _get(item, "evar")
        if alias is None:
            plain.append(_get(item, "var"))
            continue
        if alias in where or alias in aliases or alias in plain:
            return ScopeProblem(
                f"(... AS ?{alias}) names a variable that is already in scope", f"?{alias}"
            )
        aliases.add(alias)
    grouping = _get(select, "groupby")
    if grouping is None and not _has_aggregate(items):
        return None
    if not items:
        return ScopeProblem("SELECT * cannot be used with GROUP BY or aggregates", "*")
    keys: set[Variable] = set()
    for condition in (_get(grouping, "condition") or []) if grouping is not None else []:
        if isinstance(condition, Variable):
            keys.add(condition)
        elif isinstance(condition, CompValue) and isinstance(_get(condition, "evar"), Variable):
            keys.add(_get(condition, "evar"))
    for variable in plain:
        if variable not in keys:
            return ScopeProblem(
                f"?{variable} is selected but neither grouped nor aggregated", f"?{variable}"
            )
    return None
