"""What the HTML report shows of an organisation graph, read out of the triples.

The report draws the line organisation with the organisational rooms and communication
paths over it, the delegations with their mandates, the leadership acts by period, and
the validation findings with the evidence behind them. :func:`report_view` reads all of
that from an rdflib graph into small immutable records, in one language, so that the
HTML layer only arranges and escapes them. One module per section:

* :mod:`~dlgraph.report.view.records`: the records a view is made of;
* :mod:`~dlgraph.report.view.reading`: reading facts however they are written;
* :mod:`~dlgraph.report.view.builder`: the state a view is built in, and the evidence;
* :mod:`~dlgraph.report.view.organisation`: units, people, rooms, paths, their nodes;
* :mod:`~dlgraph.report.view.edges`: the line, memberships, rooms and paths as edges;
* :mod:`~dlgraph.report.view.delegations`: delegations, mandates and chains;
* :mod:`~dlgraph.report.view.timeline`: the leadership acts by period;
* :mod:`~dlgraph.report.view.distribution`: how distributed, per unit;
* :mod:`~dlgraph.report.view.findings`: where each finding is drawn, findings by rule;
* :mod:`~dlgraph.report.view.summary`: the counts the report opens with.
"""

from __future__ import annotations

from collections.abc import Sequence

from rdflib import Graph

from dlgraph.ontology.graphs import ontology
from dlgraph.ontology.labels import Labels
from dlgraph.ontology.namespaces import RDFS
from dlgraph.report.view.builder import Builder
from dlgraph.report.view.delegations import (
    chains,
    delegation_edges,
    mandate_nodes,
    read_delegations,
)
from dlgraph.report.view.distribution import read_distribution
from dlgraph.report.view.edges import EdgeList, path_edges, structure_edges
from dlgraph.report.view.findings import (
    focus_index,
    named_findings,
    placed_findings,
    rule_groups,
    with_act_findings,
)
from dlgraph.report.view.organisation import (
    Organisation,
    materialise,
    pending_nodes,
    read_organisation,
)
from dlgraph.report.view.reading import sorted_nodes, vocabulary_classes
from dlgraph.report.view.records import (
    SEVERITIES,
    Act,
    Delegation,
    Edge,
    Finding,
    Mandate,
    Period,
    PictureNode,
    Quote,
    ReportView,
    RuleGroup,
    Summary,
)
from dlgraph.report.view.summary import summary
from dlgraph.report.view.timeline import act_nodes, read_timeline

__all__ = [
    "SEVERITIES",
    "Act",
    "Delegation",
    "Edge",
    "Finding",
    "Mandate",
    "Period",
    "PictureNode",
    "Quote",
    "ReportView",
    "RuleGroup",
    "Summary",
    "report_view",
]


def report_view(
    graph: Graph,
    *,
    lang: str = "en",
    schema: Graph | None = None,
    findings: Sequence[Finding] | None = None,
    title: str | None = None,
    label_graphs: Sequence[Graph] = (),
) -> ReportView:
    """Read what the report shows from ``graph``, with labels in ``lang``.

    ``schema`` is the ontology whose class hierarchy says what is a unit, a room, a
    person (the bundled merged ontology when None); its labels name types and
    concepts. ``findings`` are the validation results to show (None: not validated).
    ``label_graphs`` are further graphs to take labels from (the shapes, say).
    """
    if schema is None:
        schema = ontology("merged")
    class_graph = _class_graph(graph, schema)
    b = Builder(
        graph=graph, schema=class_graph, labels=Labels([graph, schema, *label_graphs]), lang=lang
    )
    b.read_evidence()
    org = read_organisation(b, class_graph)
    pending, any_unplaced = pending_nodes(b, org)
    mandates = mandate_nodes(graph)
    raw_delegations = read_delegations(graph, mandates)
    acts = act_nodes(graph)

    finding_list = named_findings(b, findings or ())
    focus_to = focus_index(graph, finding_list, org.drawn)
    picture = materialise(b, pending, focus_to, any_unplaced and bool(org.people))
    timeline = read_timeline(b, acts, focus_to)

    edges = EdgeList()
    structure_edges(b, org, edges)
    path_edges(b, org, focus_to, edges)
    delegations = delegation_edges(b, raw_delegations, focus_to, edges)

    finding_nodes, finding_quotes = placed_findings(b, finding_list, edges.edges, timeline.acts)
    picture.extend(with_act_findings(b, timeline.actor_findings))
    network_kind, distribution = read_distribution(b, graph)
    return ReportView(
        lang=lang,
        title=title if title is not None else _title(b, org),
        nodes=tuple(picture),
        edges=tuple(edges.edges),
        delegations=tuple(delegations),
        chains=chains(raw_delegations, delegations),
        periods=timeline.periods,
        quotes=tuple(b.quotes),
        findings=finding_list,
        finding_quotes=finding_quotes,
        finding_nodes=finding_nodes,
        rules=rule_groups(b, finding_list),
        summary=summary(
            graph, class_graph, org, picture, delegations, mandates, timeline.acts, finding_list
        ),
        validated=findings is not None,
        distribution=distribution,
        distribution_network=network_kind,
    )


def _class_graph(graph: Graph, schema: Graph) -> Graph:
    """The class hierarchy of the bundled vocabularies, the ontology and the data."""
    class_graph = Graph()
    for source in (vocabulary_classes(), schema, graph):
        for triple in source.triples((None, RDFS.subClassOf, None)):
            class_graph.add(triple)
    return class_graph


def _title(b: Builder, org: Organisation) -> str:
    """The top units of the line (up to three), else the word for an organisation."""
    top = [u for u in sorted_nodes(org.units) if not org.parents.get(u)]
    return ", ".join(b.label(u) for u in top[:3]) or b.t("organisation")
