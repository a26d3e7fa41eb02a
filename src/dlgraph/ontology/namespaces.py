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

PREFIXES: dict[str, str] = {
    "dl": str(DL),
    "dlsh": str(DLSH),
    "org": str(ORG),
    "prov": str(PROV),
    "skos": str(SKOS),
    "time": str(TIME),
    "foaf": str(FOAF),
    "dcterms": str(DCTERMS),
    "owl": str(OWL),
    "rdf": str(RDF),
    "rdfs": str(RDFS),
    "xsd": str(XSD),
    "sh": str(SH),
    "schema": str(SCHEMA),
    "vann": str(VANN),
}
"""Prefix -> namespace IRI bound on every graph dlgraph creates, so output reads alike."""
