"""RDF terms between rdflib and pyoxigraph (Oxigraph's Python binding): the one conversion.

Blank-node ids are cleaned to what Oxigraph accepts, ``xsd:string`` and ``rdf:langString``
literals come back as rdflib's plain and language-tagged literals, so that a term that
goes into Oxigraph and comes back compares equal to what rdflib's own store holds.
"""

from __future__ import annotations

from typing import Any, TypeAlias

import pyoxigraph as ox
from rdflib import BNode, URIRef
from rdflib import Literal as RdfLiteral
from rdflib.namespace import RDF, XSD
from rdflib.term import Node

from dlgraph.errors import QueryError

__all__ = ["OxTerm", "from_ox", "to_ox", "to_ox_graph_name"]

OxTerm: TypeAlias = ox.NamedNode | ox.BlankNode | ox.Literal
_LANG_STRING = str(RDF.langString)
_XSD_STRING = str(XSD.string)


def to_ox(term: Node) -> OxTerm:
    """The pyoxigraph term for an rdflib term; QueryError for an IRI Oxigraph rejects."""
    if isinstance(term, URIRef):
        try:
            return ox.NamedNode(str(term))
        except ValueError as error:
            raise QueryError(f"not a valid IRI: {str(term)!r}: {error}") from error
    if isinstance(term, BNode):
        return ox.BlankNode(_bnode_id(str(term)))
    if isinstance(term, RdfLiteral):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        if term.datatype is not None and str(term.datatype) != _XSD_STRING:
            return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
        return ox.Literal(str(term))
    raise QueryError(f"cannot store a {type(term).__name__} term in Oxigraph")


def _bnode_id(value: str) -> str:
    """A blank node id Oxigraph accepts (letters, digits, ``_``, ``-``)."""
    cleaned = "".join(c if c.isalnum() or c in "_-" else "_" for c in value)
    return cleaned if cleaned and cleaned[0].isalnum() else f"b{cleaned}"


def to_ox_graph_name(name: Node) -> ox.NamedNode | ox.BlankNode:
    """The pyoxigraph graph name for an rdflib graph identifier."""
    term = to_ox(name)
    if isinstance(term, ox.Literal):
        raise QueryError("a literal cannot name a graph")
    return term


def from_ox(term: Any) -> Node | None:
    """The rdflib term for a pyoxigraph term (None stays None)."""
    if term is None:
        return None
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if isinstance(term, ox.Literal):
        datatype = term.datatype.value
        if term.language:
            return RdfLiteral(term.value, lang=term.language)
        if datatype in (_XSD_STRING, _LANG_STRING):
            return RdfLiteral(term.value)
        return RdfLiteral(term.value, datatype=URIRef(datatype))
    raise QueryError(f"cannot read a {type(term).__name__} term from Oxigraph")
