"""The namespaces dlgraph defines and the ones its ontology reuses."""

from __future__ import annotations

from rdflib import Namespace
from rdflib.namespace import DCTERMS, FOAF, ORG, OWL, PROV, RDF, RDFS, SH, SKOS, TIME, XSD

__all__ = [
    "DCTERMS",
    "DL",
    "DLSH",
    "FOAF",
    "ONTOLOGY_IRI",
    "ORG",
    "OWL",
    "PREFIXES",
    "PROV",
    "RDF",
    "RDFS",
    "SCHEMA",
    "SH",
    "SKOS",
    "TIME",
    "VANN",
    "XSD",
]

ONTOLOGY_IRI = "https://w3id.org/dlgraph/ontology"
DL = Namespace("https://w3id.org/dlgraph/ontology#")
DLSH = Namespace("https://w3id.org/dlgraph/shapes#")
SCHEMA = Namespace("https://schema.org/")
VANN = Namespace("http://purl.org/vocab/vann/")

PREFIXES: dict[str, Namespace] = {
    "dl": DL,
    "dlsh": DLSH,
    "org": ORG,
    "prov": PROV,
    "skos": SKOS,
    "time": TIME,
    "foaf": FOAF,
    "dcterms": DCTERMS,
    "owl": OWL,
    "rdf": RDF,
    "rdfs": RDFS,
    "xsd": XSD,
    "sh": SH,
    "schema": SCHEMA,
    "vann": VANN,
}
"""Prefixes bound on every graph dlgraph creates, so output reads the same everywhere."""
