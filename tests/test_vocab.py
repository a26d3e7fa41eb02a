"""The bundled vocabularies: they parse, hold their key terms, resolve offline by IRI."""

from __future__ import annotations

import socket
from collections.abc import Iterator
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.compare import isomorphic

import dlgraph
from dlgraph import (
    BundledVocabulary,
    UnknownNameError,
    bundled_vocabularies,
    resolve_import,
    vocabulary,
)
from dlgraph.errors import EXIT_INPUT
from dlgraph.ontology import namespaces as ns
from dlgraph.ontology import vocab
from dlgraph.ontology.vocab import UNBUNDLED, VOCABULARIES
from dlgraph.resources import data_dir, data_file

BY_PREFIX = {entry.prefix: entry for entry in VOCABULARIES}

KEY_TERMS: dict[str, tuple[URIRef, ...]] = {
    "org": (
        ns.ORG.Organization,
        ns.ORG.OrganizationalUnit,
        ns.ORG.Membership,
        ns.ORG.memberDuring,
        ns.ORG.Role,
        ns.ORG.Post,
        ns.ORG.holds,
        ns.ORG.reportsTo,
        ns.ORG.hasUnit,
        ns.ORG.unitOf,
        ns.ORG.subOrganizationOf,
        ns.ORG.headOf,
    ),
    "prov": (
        ns.PROV.Activity,
        ns.PROV.Agent,
        ns.PROV.Entity,
        ns.PROV.Delegation,
        ns.PROV.actedOnBehalfOf,
        ns.PROV.qualifiedDelegation,
        ns.PROV.wasAssociatedWith,
        ns.PROV.startedAtTime,
        ns.PROV.hadRole,
        ns.PROV.generated,
    ),
    "skos": (
        ns.SKOS.Concept,
        ns.SKOS.ConceptScheme,
        ns.SKOS.prefLabel,
        ns.SKOS.altLabel,
        ns.SKOS.broader,
        ns.SKOS.inScheme,
        ns.SKOS.exactMatch,
        ns.SKOS.closeMatch,
    ),
    "time": (
        ns.TIME.Interval,
        ns.TIME.ProperInterval,
        ns.TIME.Instant,
        ns.TIME.hasBeginning,
        ns.TIME.hasEnd,
        ns.TIME.inXSDDateTimeStamp,
        ns.TIME.intervalDuring,
        ns.TIME.intervalContains,
    ),
    "foaf": (
        ns.FOAF.Person,
        ns.FOAF.Agent,
        ns.FOAF.Organization,
        ns.FOAF.Group,
        ns.FOAF.name,
        ns.FOAF.member,
    ),
    "dcterms": (
        ns.DCTERMS.title,
        ns.DCTERMS.description,
        ns.DCTERMS.created,
        ns.DCTERMS.license,
        ns.DCTERMS.source,
        ns.DCTERMS.LicenseDocument,
    ),
    "vann": (
        ns.VANN.preferredNamespacePrefix,
        ns.VANN.preferredNamespaceUri,
        ns.VANN.usageNote,
        ns.VANN.example,
    ),
}

# The spellings an owl:imports or a user is likely to write, and the file each must reach.
EXPECTED_VARIANTS: dict[str, str] = {
    "http://www.w3.org/ns/prov#": "prov.ttl",
    "http://www.w3.org/ns/prov": "prov.ttl",
    "https://www.w3.org/ns/prov#": "prov.ttl",
    "http://www.w3.org/ns/prov-o": "prov.ttl",
    "http://www.w3.org/ns/prov-o#": "prov.ttl",
    "https://www.w3.org/ns/prov-o": "prov.ttl",
    "http://www.w3.org/ns/prov-o-20130430": "prov.ttl",
    "http://www.w3.org/ns/org#": "org.ttl",
    "http://www.w3.org/ns/org": "org.ttl",
    "https://www.w3.org/ns/org#": "org.ttl",
    "http://www.w3.org/2004/02/skos/core#": "skos.ttl",
    "http://www.w3.org/2004/02/skos/core": "skos.ttl",
    "http://www.w3.org/2006/time#": "time.ttl",
    "http://www.w3.org/2006/time": "time.ttl",
    "https://www.w3.org/2006/time#": "time.ttl",
    "http://www.w3.org/2006/time#2016": "time.ttl",
    "http://xmlns.com/foaf/0.1/": "foaf.ttl",
    "http://xmlns.com/foaf/0.1": "foaf.ttl",
    "https://xmlns.com/foaf/0.1/": "foaf.ttl",
    "http://purl.org/dc/terms/": "dcterms.ttl",
    "http://purl.org/dc/terms": "dcterms.ttl",
    "https://purl.org/dc/terms/": "dcterms.ttl",
    "http://purl.org/vocab/vann/": "vann.ttl",
    "http://purl.org/vocab/vann": "vann.ttl",
}


def _file_graph(entry: BundledVocabulary) -> Graph:
    text = data_file("vocab", entry.filename).read_text(encoding="utf-8")
    return Graph().parse(data=text, format="turtle")


@pytest.mark.parametrize("entry", VOCABULARIES, ids=lambda e: e.prefix)
def test_every_bundled_file_parses_with_the_source_triple_count(entry: BundledVocabulary) -> None:
    graph = _file_graph(entry)
    assert len(graph) == entry.triples


def test_the_registry_and_the_folder_list_the_same_files() -> None:
    shipped = {f.name for f in data_dir("vocab").iterdir() if f.name.endswith(".ttl")}
    assert shipped == {entry.filename for entry in VOCABULARIES}
    assert set(bundled_vocabularies().values()) == shipped


def test_sources_md_names_every_file_and_its_package() -> None:
    sources = data_file("vocab", "SOURCES.md").read_text(encoding="utf-8")
    for entry in VOCABULARIES:
        assert f"`{entry.filename}`" in sources
        assert f"`@vocabulary/{entry.prefix}`" in sources
        assert f"`{entry.namespace}`" in sources
        assert f"| {entry.triples} |" in sources


@pytest.mark.parametrize("prefix", sorted(KEY_TERMS))
def test_each_vocabulary_defines_its_key_terms(prefix: str) -> None:
    graph = vocabulary(BY_PREFIX[prefix].namespace)
    missing = [term for term in KEY_TERMS[prefix] if (term, ns.RDF.type, None) not in graph]
    assert missing == []


def test_key_terms_cover_every_bundled_vocabulary() -> None:
    assert set(KEY_TERMS) == set(BY_PREFIX)


@pytest.mark.parametrize("iri", sorted(EXPECTED_VARIANTS))
def test_the_usual_iri_variants_are_in_the_mapping(iri: str) -> None:
    assert bundled_vocabularies()[iri] == EXPECTED_VARIANTS[iri]


def test_every_iri_in_the_mapping_resolves_to_its_file() -> None:
    # One isomorphism check per file; then every IRI must give exactly those triples
    # (the copies share the cached parse, so blank nodes compare equal).
    reference: dict[str, set[tuple[Any, Any, Any]]] = {}
    for entry in VOCABULARIES:
        graph = vocabulary(entry.namespace)
        assert isomorphic(graph, _file_graph(entry)), entry.filename
        reference[entry.filename] = set(graph)
    for iri, filename in bundled_vocabularies().items():
        assert set(vocabulary(iri)) == reference[filename], iri
        imported = resolve_import(iri)
        assert imported is not None
        assert set(imported) == reference[filename], iri


@pytest.mark.parametrize("entry", VOCABULARIES, ids=lambda e: e.prefix)
def test_ontology_version_and_import_iris_in_a_file_resolve_to_that_file(
    entry: BundledVocabulary,
) -> None:
    graph = _file_graph(entry)
    named = set(graph.subjects(ns.RDF.type, ns.OWL.Ontology))
    named |= set(graph.objects(None, ns.OWL.versionIRI))
    named |= set(graph.objects(None, ns.OWL.imports))
    mapping = bundled_vocabularies()
    assert {str(iri): mapping.get(str(iri)) for iri in named} == {
        str(iri): entry.filename for iri in named
    }


@pytest.mark.parametrize(
    "namespace", [ns.ORG, ns.PROV, ns.SKOS, ns.TIME, ns.FOAF, ns.DCTERMS, ns.VANN], ids=str
)
def test_every_reused_namespace_of_dlgraph_is_bundled(namespace: Namespace) -> None:
    assert str(namespace) in bundled_vocabularies()


@pytest.mark.parametrize("iri", [str(ns.SCHEMA), "http://schema.org/", str(ns.SCHEMA.Person)])
def test_schema_org_is_mapped_by_iri_only(iri: str) -> None:
    assert resolve_import(iri) is None
    with pytest.raises(UnknownNameError) as raised:
        vocabulary(iri)
    assert raised.value.exit_code == EXIT_INPUT
    assert raised.value.hint is not None
    assert "schema.org by IRI only" in raised.value.hint
    assert str(ns.SCHEMA) in UNBUNDLED


@pytest.mark.parametrize(
    "iri",
    [
        "http://example.org/vocab#",
        "http://www.w3.org/ns/prov#Activity",
        "http://www.w3.org/ns/dcat#",
        "prov",
        "",
    ],
)
def test_an_iri_that_is_not_bundled_is_refused_with_the_list(iri: str) -> None:
    assert resolve_import(iri) is None
    with pytest.raises(UnknownNameError) as raised:
        vocabulary(iri)
    assert repr(iri) in raised.value.message
    assert raised.value.hint is not None
    assert "http://www.w3.org/ns/org#" in raised.value.hint
    assert "never fetches" in raised.value.hint


def test_vocabulary_returns_a_fresh_graph_each_time() -> None:
    first = vocabulary(str(ns.ORG))
    first.remove((None, None, None))
    assert len(first) == 0
    assert len(vocabulary(str(ns.ORG))) == BY_PREFIX["org"].triples


def test_the_returned_graph_keeps_the_file_prefixes() -> None:
    graph = vocabulary(str(ns.TIME))
    assert dict(graph.namespaces())["time"] == URIRef(str(ns.TIME))


def test_lexical_forms_survive_the_conversion() -> None:
    # The source writes "1"^^xsd:decimal; rdflib's Turtle shorthand would have made it 1.0.
    graph = vocabulary(str(ns.TIME))
    assert (ns.TIME.unitDay, ns.TIME.days, Literal("1", datatype=ns.XSD.decimal)) in graph
    assert "1.0" not in {str(o) for o in graph.objects(ns.TIME.unitDay, ns.TIME.days)}


def test_the_public_api_is_exported() -> None:
    for name in ("vocabulary", "bundled_vocabularies", "resolve_import", "BundledVocabulary"):
        assert name in dlgraph.__all__
        assert getattr(dlgraph, name) is getattr(vocab, name)


@pytest.fixture
def no_network(no_network: list[str]) -> Iterator[list[str]]:
    """conftest's guard, with the vocabularies parsed afresh under it."""
    vocab._parsed.cache_clear()
    yield no_network
    vocab._parsed.cache_clear()


def test_loading_every_vocabulary_makes_no_network_access(no_network: list[str]) -> None:
    for iri in bundled_vocabularies():
        assert len(vocabulary(iri)) > 0
        assert resolve_import(iri) is not None
    assert resolve_import(str(ns.SCHEMA)) is None
    assert no_network == []


def test_the_network_guard_itself_works(no_network: list[str]) -> None:
    with pytest.raises(OSError, match="network access attempted"):
        socket.create_connection(("127.0.0.1", 9))
    assert len(no_network) == 1


canonical_iris = st.sampled_from([iri for entry in VOCABULARIES for iri in entry.iris])


@given(iri=canonical_iris, https=st.booleans(), strip=st.booleans())
def test_scheme_and_closing_character_do_not_change_the_file(
    iri: str, https: bool, strip: bool
) -> None:
    expected = next(entry.filename for entry in VOCABULARIES if iri in entry.iris)
    spelling = iri[:-1] if strip and iri.endswith(("#", "/")) else iri
    if https:
        spelling = "https://" + spelling.split("://", 1)[1]
    assert bundled_vocabularies()[spelling] == expected


@given(st.text(max_size=60))
def test_arbitrary_text_is_either_bundled_or_refused(text: str) -> None:
    if text.strip() in bundled_vocabularies():
        assert resolve_import(text) is not None
    else:
        assert resolve_import(text) is None
        with pytest.raises(UnknownNameError):
            vocabulary(text)


@pytest.mark.parametrize("entry", VOCABULARIES, ids=lambda e: e.prefix)
def test_every_term_the_ontology_reuses_is_defined_in_the_bundled_copy(
    entry: BundledVocabulary,
) -> None:
    used = {
        term
        for triple in dlgraph.ontology("merged")
        for term in triple
        if isinstance(term, URIRef)
        and str(term).startswith(entry.namespace)
        and str(term) != entry.namespace
    }
    defined = vocabulary(entry.namespace)
    assert sorted(str(t) for t in used if (t, ns.RDF.type, None) not in defined) == []
