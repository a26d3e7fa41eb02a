"""The places of a case's items: which node each item became, where it and each of its
values were written, and which key writes each property (:mod:`dlgraph.places`).

The keys' properties are read from the format's JSON-LD context (a section's scoped
context, else the top level), the same context that turns the case into RDF.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache
from typing import Any, TypeAlias

from rdflib import RDF, URIRef
from rdflib.term import Node

from dlgraph.authoring.format import Section, case_context
from dlgraph.authoring.items import Item, Where
from dlgraph.places import SourcePlace, SourcePlaces, Step, WrittenNode

__all__ = ["Written", "case_places", "key_steps"]


Written: TypeAlias = tuple[Item, str | None, Node]
"""A node of a case: the item it was written in, and the key whose value it is (an
interval, an instant, a nested mapping), or None for the item's own node."""


def case_places(written: Iterable[Written]) -> SourcePlaces:
    """Where each node of ``written`` stands: an item with the key of each property of its
    kind and the place of each value given; a value's own node at that value."""
    nodes: dict[Node, WrittenNode] = {}
    for item, key, node in written:
        if key is not None:
            raw = item.raw.get(key)
            where = raw.where if raw is not None else item.where
            nodes[node] = WrittenNode(_place(where, item, key))
            continue
        keys = key_steps(item.section)
        values = {
            keys[name]: _place(raw.where, item, name)
            for name, raw in item.raw.items()
            if name in keys
        }
        nodes[node] = WrittenNode(_place(item.where, item, None), _keys_of(item.section), values)
    return SourcePlaces(nodes)


@cache
def _keys_of(part: Section) -> dict[Step, str]:
    """The key that writes each property of ``part`` (the first, where two write one)."""
    by_step: dict[Step, str] = {}
    for name, step in key_steps(part).items():
        by_step.setdefault(step, name)
    return by_step


def _place(where: Where, item: Item, key: str | None) -> SourcePlace:
    return SourcePlace(
        where.file, where.line, item.label, key, where.row, where.cell, section=item.section.key
    )


@cache
def key_steps(part: Section) -> dict[str, Step]:
    """The property each key of ``part`` writes (``kind`` of a kinded section: rdf:type)."""
    context = case_context()
    scoped = _scoped(context, part.type_term)
    steps: dict[str, Step] = {}
    for spec in part.all_fields:
        if spec.key == "kind" and part.kinds:
            steps[spec.key] = (URIRef(str(RDF.type)), False)
            continue
        term = scoped.get(spec.key, context.get(spec.key))
        step = _term_step(term, context)
        if step is not None:
            steps.setdefault(spec.key, step)
    return steps


def _scoped(context: dict[str, Any], type_term: str | None) -> dict[str, Any]:
    definition = context.get(type_term) if type_term else None
    if isinstance(definition, dict) and isinstance(definition.get("@context"), dict):
        scoped: dict[str, Any] = definition["@context"]
        return scoped
    return {}


def _term_step(term: object, context: dict[str, Any]) -> Step | None:
    """The property a term definition maps to, or None for a keyword or a class."""
    if isinstance(term, dict):
        if isinstance(term.get("@reverse"), str):
            return (_expand(term["@reverse"], context), True)
        if isinstance(term.get("@id"), str) and not term["@id"].startswith("@"):
            return (_expand(term["@id"], context), False)
    return None


def _expand(curie: str, context: dict[str, Any]) -> URIRef:
    prefix, _, local = curie.partition(":")
    namespace = context.get(prefix)
    if isinstance(namespace, str) and not local.startswith("//"):
        return URIRef(namespace + local)
    return URIRef(curie)
