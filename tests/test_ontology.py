"""The dlgraph ontology: parses, round-trips, passes its quality checks, and each quality
check catches the defect it is for."""

from __future__ import annotations

import re

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import DCTERMS, ORG, OWL, PROV, RDF, RDFS, SKOS

import dlgraph
from conftest import ROOT
from dlgraph import DL
from dlgraph.ontology.graphs import SERIALIZATIONS, serialize_ontology
from dlgraph.ontology.namespaces import ONTOLOGY_IRI, VANN
from dlgraph.reason.hermit import java_available
from dlgraph.reason.quality import (
    check_declared,
    check_domains_ranges,
    check_labels,
    check_ontology,
    check_roots,
    check_with_hermit,
    owl_thing_rooted,
)

needs_java = pytest.mark.skipif(not java_available(), reason="no Java runtime: HermiT cannot run")


@pytest.fixture(scope="module")
def merged() -> Graph:
    return dlgraph.ontology("merged")


@pytest.mark.parametrize("fmt", sorted(set(SERIALIZATIONS.values())))
@pytest.mark.parametrize("part", ["base", "alignment", "merged"])
def test_ontology_round_trips_in_every_format(part: str, fmt: str) -> None:
    original = dlgraph.ontology(part)  # type: ignore[arg-type]
    text = serialize_ontology(part, fmt)  # type: ignore[arg-type]
    again = Graph().parse(data=text, format=fmt)
    assert isomorphic(original, again)


def test_merged_is_base_plus_alignment() -> None:
    base, align, merged = (dlgraph.ontology(p) for p in ("base", "alignment", "merged"))
    assert isomorphic(merged, base + align)
    assert len(align) > 0 and len(base) > len(align)


def test_release_file_is_up_to_date(merged: Graph) -> None:
    release = Graph().parse(ROOT / "ontology" / "dlgraph-merged.ttl")
    assert isomorphic(release, merged), (
        "ontology/dlgraph-merged.ttl is stale: regenerate it with "
        "`make ontology/dlgraph-merged.ttl`"
    )


def test_ontology_header(merged: Graph) -> None:
    onto = URIRef(ONTOLOGY_IRI)
    assert (onto, RDF.type, OWL.Ontology) in merged
    version_iri = merged.value(onto, OWL.versionIRI)
    version_info = merged.value(onto, OWL.versionInfo)
    assert version_iri is not None and str(version_iri).endswith(str(version_info))
    assert str(version_info) == dlgraph.__version__
    assert merged.value(onto, DCTERMS.license) == URIRef(
        "https://creativecommons.org/licenses/by/4.0/"
    )
    for prop in (DCTERMS.title, DCTERMS.description, DCTERMS.creator):
        assert merged.value(onto, prop) is not None, prop
    for prop in (DCTERMS.created, DCTERMS.modified):
        assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", str(merged.value(onto, prop)))
    assert str(merged.value(onto, VANN.preferredNamespacePrefix)) == "dl"
    assert str(merged.value(onto, VANN.preferredNamespaceUri)) == str(DL)


def test_real_ontology_has_no_quality_defect(merged: Graph) -> None:
    findings = check_ontology(merged, reasoner=False)
    assert findings == [], "\n".join(map(str, findings))


@needs_java
def test_hermit_finds_the_ontology_consistent(merged: Graph) -> None:
    assert check_with_hermit(merged) == []


def test_covers_the_domain_concepts(merged: Graph) -> None:
    required = [
        "Municipality", "SchoolOrganiser", "SchoolUnit", "Preschool", "CompulsorySchool",
        "UpperSecondarySchool", "AdultEducation", "PedagogicalInstitution", "Team",
        "LeadershipTeam", "inLineUnder", "formalLeaderOf", "Person", "FormalLeader",
        "Principal", "HeadOfAdministration", "Teacher", "HealthStaff", "Inbetweener",
        "TeamCoordinator", "Supervisor", "ICDPSupervisor", "ResourcePerson",
        "ImplementationCoordinator", "ProcessLearningLeader", "CoherenceCoLeadership",
        "ParticipationCoLeadership", "BoundarySpanningCoLeadership", "RelationalCoLeadership",
        "LeadershipAct", "ActKind", "actor", "onOwnInitiative", "directedBy", "inSituation",
        "LeadershipTask", "DelegatedTask", "TaskDelegation", "Mandate", "forTask",
        "hasResource", "direction", "frames", "roomForAction", "grantedBy", "grantedTo",
        "validDuring", "OrganisationalRoom", "LearningGroup", "DevelopmentOrganisation",
        "Network", "Forum", "CommunicationPath", "Value", "Goal", "TrustRelation",
        "Situation", "ComplexSituation", "Crisis", "Challenge", "MoveToDistanceTeaching",
        "Risk", "OrganisationalFragmentation", "GoalDisplacement", "UncoordinatedLeadership",
        "DetailedSteering", "IndividualHeroics", "OrganisationalResilience", "Source",
        "Quote", "quoteText", "locator", "Claim", "evidence",
    ]  # fmt: skip
    missing = [name for name in required if (DL[name], RDF.type, None) not in merged]
    assert missing == []


@pytest.mark.parametrize(
    ("term", "superclass"),
    [
        ("LeadershipAct", PROV.Activity),
        ("Mandate", PROV.Plan),
        ("TaskDelegation", PROV.Delegation),
        ("OrganisationalRoom", ORG.Organization),
        ("SchoolUnit", ORG.OrganizationalUnit),
        ("Municipality", ORG.FormalOrganization),
    ],
)
def test_alignment_fits(merged: Graph, term: str, superclass: URIRef) -> None:
    assert (DL[term], RDFS.subClassOf, superclass) in merged


def test_alignment_avoids_the_known_traps(merged: Graph) -> None:
    # A room gathers people: as an org:OrganizationalCollaboration its members would be
    # inferred to be organisations.
    closure = set(merged.transitive_objects(DL.OrganisationalRoom, RDFS.subClassOf))
    assert ORG.OrganizationalCollaboration not in closure
    # org:purpose has domain org:Organization: no dl property may specialise it.
    assert list(merged.subjects(RDFS.subPropertyOf, ORG.purpose)) == []
    # dl:evidence applies to acts too, and prov:Activity is disjoint with prov:Entity.
    assert (DL.evidence, RDFS.subPropertyOf, PROV.wasDerivedFrom) not in merged
    # A mandate hangs on prov:Association through prov:hadPlan, not on the delegation.
    chain = merged.value(DL.underMandate, OWL.propertyChainAxiom)
    assert chain is not None
    assert list(merged.items(chain)) == [PROV.qualifiedAssociation, PROV.hadPlan]


def test_roles_are_org_roles_in_one_scheme(merged: Graph) -> None:
    roles = set(merged.subjects(RDF.type, ORG.Role))
    assert DL.ICDPSupervisor in roles and DL.ProcessLearningLeader in roles
    for role in roles:
        assert (role, SKOS.inScheme, DL.RoleScheme) in merged, role
    broader = set(merged.transitive_objects(DL.ICDPSupervisor, SKOS.broader))
    assert DL.Inbetweener in broader


def test_owl_thing_rooted_classes_are_justified_in_readme(merged: Graph) -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    rooted = owl_thing_rooted(merged)
    assert rooted == {DL.CommunicationPath, DL.TrustRelation, DL.AdviceTie}
    section = readme.split("### Classes rooted at owl:Thing", 1)
    assert len(section) == 2, "README lacks the section '### Classes rooted at owl:Thing'"
    for cls in rooted:
        assert f"dl:{cls.split('#')[1]}" in section[1].split("\n## ", 1)[0], cls


# --- each check catches its defect -------------------------------------------------


def test_labels_check_catches_a_missing_label_and_definition(merged: Graph) -> None:
    broken = merged + Graph()
    broken.remove((DL.Mandate, RDFS.label, Literal("mandat", lang="sv")))
    broken.remove((DL.Forum, SKOS.definition, None))
    found = {(f.term, f.message) for f in check_labels(broken)}
    assert found == {
        (str(DL.Mandate), "no rdfs:label in @sv"),
        (str(DL.Forum), "no skos:definition in @en"),
    }


def test_declared_check_catches_an_undeclared_term(merged: Graph) -> None:
    broken = merged + Graph()
    broken.add((DL.Mandate, RDFS.seeAlso, DL.NoSuchTerm))
    found = [f.term for f in check_declared(broken)]
    assert found == [str(DL.NoSuchTerm)]


def test_roots_check_catches_a_floating_class(merged: Graph) -> None:
    broken = merged + Graph()
    broken.add((DL.Floating, RDF.type, OWL.Class))
    broken.add((DL.Unjustified, RDF.type, OWL.Class))
    broken.add((DL.Unjustified, RDFS.subClassOf, OWL.Thing))
    found = {(f.term, f.message) for f in check_roots(broken)}
    assert found == {
        (str(DL.Floating), "no superclass path to ORG, PROV-O, FOAF, SKOS, OWL-Time"),
        (str(DL.Unjustified), "rooted at owl:Thing without a justification"),
    }


def test_domain_range_check_catches_a_missing_domain(merged: Graph) -> None:
    broken = merged + Graph()
    broken.remove((DL.forTask, RDFS.domain, None))
    broken.remove((DL.locator, RDFS.range, None))
    found = {(f.term, f.message) for f in check_domains_ranges(broken)}
    assert found == {(str(DL.forTask), "no rdfs:domain"), (str(DL.locator), "no rdfs:range")}


@needs_java
def test_hermit_check_catches_an_unsatisfiable_class(merged: Graph) -> None:
    broken = merged + Graph()
    broken.add((DL.RoomUnit, RDF.type, OWL.Class))
    broken.add((DL.RoomUnit, RDFS.subClassOf, DL.OrganisationalRoom))
    broken.add((DL.RoomUnit, RDFS.subClassOf, DL.SchoolUnit))
    found = [(f.term, f.message) for f in check_with_hermit(broken)]
    assert found == [(str(DL.RoomUnit), "unsatisfiable class (owl:Nothing)")]


@needs_java
def test_hermit_check_uses_the_w3c_axioms(merged: Graph) -> None:
    # dlgraph itself does not say that acts and mandates are disjoint: PROV-O does
    # (prov:Activity owl:disjointWith prov:Entity), through the bundled copy.
    broken = merged + Graph()
    broken.add((DL.ActMandate, RDF.type, OWL.Class))
    broken.add((DL.ActMandate, RDFS.subClassOf, DL.LeadershipAct))
    broken.add((DL.ActMandate, RDFS.subClassOf, DL.Mandate))
    assert check_with_hermit(broken, with_vocabularies=False) == []
    found = [(f.term, f.message) for f in check_with_hermit(broken)]
    assert found == [(str(DL.ActMandate), "unsatisfiable class (owl:Nothing)")]


@needs_java
def test_hermit_check_catches_an_inconsistency(merged: Graph) -> None:
    broken = merged + Graph()
    thing = URIRef("https://example.org/both")
    broken.add((thing, RDF.type, DL.Person))
    broken.add((thing, RDF.type, DL.LearningGroup))
    findings = check_with_hermit(broken)
    assert len(findings) == 1 and findings[0].message.startswith("inconsistent")
