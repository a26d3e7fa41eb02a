"""Turn graphs into text in any of dlgraph's formats.

rdflib writes most formats; JSON-LD is written here as flattened JSON-LD with a prefix
context, because rdflib's JSON-LD writer drops blank nodes that refer to each other in a
cycle (they vanish from its output). rdflib's Turtle and TriG writers recurse once per
blank node written inside another (``[ ... [ ... ] ]``) and so fail on a long chain of
blank nodes; here they nest at most :data:`MAX_INLINE_DEPTH` levels and write a deeper
blank node as a statement of its own (``_:b ...``), so that any graph can be written.
Writing is linear in the number of prefixes too (see :mod:`dlgraph.prefixes`).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from typing import Any

from rdflib import BNode, Dataset, Graph, Literal, URIRef, plugin
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID
from rdflib.namespace import RDF, XSD, split_uri
from rdflib.plugins.serializers.trig import TrigSerializer
from rdflib.plugins.serializers.turtle import TurtleSerializer
from rdflib.serializer import Serializer
from rdflib.term import Node

from dlgraph.errors import InputError
from dlgraph.formats import RdfFormat, rdf_format
from dlgraph.prefixes import MAX_PREFIXES, PrefixTable

__all__ = ["MAX_INLINE_DEPTH", "serialize"]

_LOCAL_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_.-]*$")
# A Turtle local name with nothing to escape: no leading "-" or ".", no trailing "."
_TURTLE_LOCAL = re.compile(r"(?:\w|\w[\w.-]*[\w-])?\Z")

MAX_INLINE_DEPTH = 32
"""How many blank nodes (or collections) Turtle and TriG write one inside another."""


class _Flat:
    """A mix-in for rdflib's Turtle writers: inline at most MAX_INLINE_DEPTH levels, and
    make up prefixes (``ns1``...) only while fewer than MAX_PREFIXES are in use."""

    _inlined = 0
    _table: PrefixTable | None = None
    _made_up = 0
    store: Graph

    def get_pname(self, uri: Node, gen_prefix: bool = True) -> str | None:
        """``uri`` as a prefixed name, or None to write it in full.

        As rdflib chooses (the longest known namespace from where the IRI splits into a
        name; a prefix ``nsN`` made up for a property's namespace), but looked up in a
        :class:`PrefixTable` instead of rdflib's trie, whose every insertion and lookup
        scans all namespaces, and never made up past MAX_PREFIXES."""
        if not isinstance(uri, URIRef):
            return None
        if self._table is None:
            self._table = PrefixTable(self.store.namespaces())
        iri = str(uri)
        try:
            namespace = split_uri(iri)[0]
        except ValueError:
            namespace, gen_prefix = iri, False  # only a prefix naming the IRI itself
        found = self._table.longest(iri, at_least=len(namespace))
        if found is None:
            if not gen_prefix or self._made_up >= MAX_PREFIXES:
                return None
            found = (self._new_prefix(), namespace)
            self._table.add(*found)
        prefix, space = found
        local = iri[len(space) :]
        if not _TURTLE_LOCAL.match(local):
            return None
        return f"{self.addNamespace(prefix, URIRef(space))}:{local}"  # type: ignore[attr-defined]

    def _new_prefix(self) -> str:
        assert self._table is not None
        self._made_up += 1
        number = self._made_up
        while f"ns{number}" in self._table.names:
            number += 1
        return f"ns{number}"

    def p_squared(self, node: Node, position: int, newline: bool = False) -> bool:
        if self._inlined >= MAX_INLINE_DEPTH:
            return False  # written with its label here, and as its own statement later
        self._inlined += 1
        try:
            return super().p_squared(node, position, newline)  # type: ignore[misc,no-any-return]
        finally:
            self._inlined -= 1


class FlatTurtleSerializer(_Flat, TurtleSerializer):
    """rdflib's Turtle writer with blank nodes nested at most MAX_INLINE_DEPTH deep."""


class FlatTrigSerializer(_Flat, TrigSerializer):
    """rdflib's TriG writer with blank nodes nested at most MAX_INLINE_DEPTH deep."""


plugin.register("dlgraph-turtle", Serializer, __name__, "FlatTurtleSerializer")
plugin.register("dlgraph-trig", Serializer, __name__, "FlatTrigSerializer")
_WRITERS = {"turtle": "dlgraph-turtle", "trig": "dlgraph-trig"}


def serialize(graph: Graph, format: str | RdfFormat) -> str:
    """``graph`` (a Graph, or a Dataset for the quad formats) as text in ``format``."""
    fmt = rdf_format(format)
    if fmt.name == "json-ld":
        return _jsonld(graph)
    try:
        return str(graph.serialize(format=_WRITERS.get(fmt.name, fmt.rdflib_name)))
    except ValueError as error:
        if fmt.name != "xml":
            raise
        raise InputError(
            f"this graph cannot be written as RDF/XML: {error}",
            hint="RDF/XML needs every property IRI to end in an XML name; write Turtle instead",
        ) from error


def _jsonld(graph: Graph) -> str:
    prefixes = _used_prefixes(graph)
    document: dict[str, Any] = {}
    if prefixes:
        document["@context"] = dict(sorted(prefixes.items()))
    table = PrefixTable(prefixes.items())
    if isinstance(graph, Dataset):
        top: list[dict[str, Any]] = []
        named: list[dict[str, Any]] = []
        for member in sorted(graph.graphs(), key=lambda g: str(g.identifier)):
            nodes = _nodes(member, table)
            if not nodes:
                continue
            if member.identifier == DATASET_DEFAULT_GRAPH_ID:
                top.extend(nodes)
            else:
                name = member.identifier
                key = _node_id(name, table) if isinstance(name, URIRef | BNode) else str(name)
                named.append({"@id": key, "@graph": nodes})
        document["@graph"] = top + named
    else:
        document["@graph"] = _nodes(graph, table)
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def _used_prefixes(graph: Graph) -> dict[str, str]:
    used: set[str] = set()
    terms: Iterable[Any] = (
        term
        for quad in (graph.quads() if isinstance(graph, Dataset) else ((*t, None) for t in graph))
        for term in quad
    )
    for term in terms:
        if isinstance(term, URIRef):
            used.add(str(term))
        elif isinstance(term, Literal) and term.datatype is not None:
            used.add(str(term.datatype))
    table = PrefixTable(
        (prefix, namespace)
        for prefix, namespace in graph.namespaces()
        if prefix and not prefix.startswith("@") and prefix not in ("http", "https", "_")
    )
    prefixes: dict[str, str] = {}
    for iri in used:
        for prefix, space in table.matches(iri):
            if _LOCAL_NAME.match(iri[len(space) :]):
                prefixes[prefix] = space
    return prefixes


def _iri(term: URIRef, prefixes: PrefixTable | PrefixTable) -> str:
    table = prefixes if isinstance(prefixes, PrefixTable) else PrefixTable(prefixes.items())
    text = str(term)
    for prefix, space in table.matches(text):
        if _LOCAL_NAME.match(text[len(space) :]):
            return f"{prefix}:{text[len(space) :]}"
    return text


def _node_id(term: URIRef | BNode, prefixes: PrefixTable) -> str:
    return f"_:{term}" if isinstance(term, BNode) else _iri(term, prefixes)


def _nodes(graph: Graph, prefixes: PrefixTable) -> list[dict[str, Any]]:
    subjects: dict[str, dict[str, Any]] = {}
    for s, p, o in sorted(graph.triples((None, None, None))):
        if not isinstance(s, URIRef | BNode) or not isinstance(p, URIRef):
            continue
        node = subjects.setdefault(_node_id(s, prefixes), {"@id": _node_id(s, prefixes)})
        if p == RDF.type and isinstance(o, URIRef):
            node.setdefault("@type", []).append(_iri(o, prefixes))
            continue
        node.setdefault(_iri(p, prefixes), []).append(_value(o, prefixes))
    return [subjects[key] for key in sorted(subjects)]


def _value(term: Any, prefixes: PrefixTable) -> dict[str, Any]:
    if isinstance(term, URIRef | BNode):
        return {"@id": _node_id(term, prefixes)}
    literal: Literal = term
    value: dict[str, Any] = {"@value": str(literal)}
    if literal.language:
        value["@language"] = literal.language
    elif literal.datatype is not None and literal.datatype != XSD.string:
        value["@type"] = _iri(literal.datatype, prefixes)
    return value
