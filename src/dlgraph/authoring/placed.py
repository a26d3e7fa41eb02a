"""The places of a case's items: which node each item became, where it and each of its
values were written, and which key writes each property (:mod:`dlgraph.places`).

The keys' properties are read from the format's JSON-LD context (a section's scoped
context, else the top level), the same context that turns the case into RDF.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache
from typing import Any, TypeAlias

from rdflib import RDF, BNode, URIRef
from rdflib.term import Node

from dlgraph.authoring.format import Section, case_context
from dlgraph.authoring.items import Item, Where
from dlgraph.places import SourcePlace, SourcePlaces, Step, WrittenNode

__all__ = ["Written", "case_document", "case_places", "instant", "key_steps"]


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


def case_document(
    meta: dict[str, Any], items: list[Item], *, name_blank: bool = False
) -> tuple[dict[str, Any], list[Written]]:
    """The JSON-LD document of a checked case (its own keys ``meta`` and its ``items``) and
    the nodes each item becomes; ``name_blank`` gives the blank nodes (items without an
    id, their intervals, instants and nested mappings) labels of their own, so that where
    they were written can be kept."""
    language = meta.get("language", "en")
    written: list[Written] = []
    graph: list[dict[str, Any]] = []
    head: dict[str, Any] = {key: meta[key] for key in ("title", "description") if key in meta}
    if head:
        graph.append({"id": "", **head})
    source_language = {
        item.id: item.values.get("language") for item in items if item.section.key == "sources"
    }
    for item in items:
        node = _node(item, language, source_language)
        if "id" in node:
            written.append((item, None, URIRef(meta["base"] + node["id"])))
        elif name_blank:
            blank = BNode()
            node = {"id": f"_:{blank}", **node}
            written.append((item, None, blank))
        if name_blank:
            node = {
                key: _named(value, item, key, written) if key != "id" else value
                for key, value in node.items()
            }
        graph.append(node)
    document = {
        "@context": [case_context(), {"@base": meta["base"], "@language": language}],
        "@graph": graph,
    }
    return document, written


def _node(item: Item, language: str, source_language: dict[str | None, Any]) -> dict[str, Any]:
    part = item.section
    values = dict(item.values)
    node: dict[str, Any] = {}
    if "id" in values:
        node["id"] = values.pop("id")
    node["@type"] = (
        values.pop("kind")
        if part.kinds and "kind" in values
        else (part.kinds[0] if part.kinds else part.type_term)
    )
    if part.key == "quotes":
        tag = values.pop("language", None) or source_language.get(values.get("source"))
        text = values.pop("text", None)
        if text is not None:
            node["text"] = {"@value": text, "@language": tag or language}
    for key, value in values.items():
        spec = part.field(key)
        node[key] = instant(value) if spec is not None and spec.type == "date" else value
    return node


def _named(value: Any, item: Item, key: str, written: list[Written]) -> Any:
    """``value`` with each node object in it (an instant, an interval, a nested mapping)
    given a blank node label of its own, recorded as written at ``key`` of ``item``."""
    if isinstance(value, list):
        return [_named(one, item, key, written) for one in value]
    if not isinstance(value, dict) or "@type" not in value:
        return value
    blank = BNode()
    written.append((item, key, blank))
    inner = {name: _named(one, item, key, written) for name, one in value.items()}
    return {"id": f"_:{blank}", **inner}


def instant(iso_date: str) -> dict[str, Any]:
    """The JSON-LD node of a day (an Instant with its date)."""
    return {"@type": "Instant", "date": iso_date}
