"""The counts a report opens with: units, people, rooms, paths, delegations, acts,
evidence and findings."""

from __future__ import annotations

from collections.abc import Sequence

from rdflib import Graph
from rdflib.namespace import RDF
from rdflib.term import Node

from dlgraph.ontology.namespaces import DL
from dlgraph.report.view.organisation import Organisation
from dlgraph.report.view.reading import closure, instances
from dlgraph.report.view.records import Act, Delegation, Finding, PictureNode, Summary

__all__ = ["summary"]


def summary(
    graph: Graph,
    class_graph: Graph,
    org: Organisation,
    picture: Sequence[PictureNode],
    delegations: Sequence[Delegation],
    mandates: set[Node],
    acts: Sequence[Act],
    findings: Sequence[Finding],
) -> Summary:
    """The counts of what the view shows, and of the claims, quotes and sources."""
    claims = set(graph.subjects(RDF.type, DL.Claim)) | set(graph.subjects(DL.about, None))
    quote_nodes = set(graph.subjects(RDF.type, DL.Quote)) | set(graph.subjects(DL.quoteText, None))
    source_classes = closure(class_graph, [DL.Source])
    sources = instances(graph, source_classes) | set(graph.objects(None, DL.quotedFrom))
    severities = [f.severity for f in findings]
    return Summary(
        units=len(org.units),
        people=len(org.people),
        rooms=len(org.rooms),
        rooms_crossing=sum(1 for n in picture if n.kind == "room" and n.crosses),
        paths=len(org.paths),
        paths_crossing=sum(1 for _, crosses in org.path_info.values() if crosses),
        delegations=sum(1 for d in delegations if not d.implicit),
        mandates=len(mandates),
        acts=len(acts),
        acts_own=sum(1 for a in acts if a.initiative == "own"),
        acts_directed=sum(1 for a in acts if a.initiative == "directed"),
        claims=len(claims),
        quotes=len(quote_nodes),
        sources=len(sources),
        violations=severities.count("violation"),
        warnings=severities.count("warning"),
        infos=severities.count("info"),
    )
