"""The validation findings of a view: what each is about, where it is drawn, by rule.

A finding on something the picture does not draw goes to what stands in for it: a
membership or post to its member, a claim to what it is about, an act to its actor.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import replace

from rdflib import BNode, Graph
from rdflib.term import Node

from dlgraph.ontology.namespaces import DL, ORG
from dlgraph.report.view.builder import Builder
from dlgraph.report.view.reading import first_of, sorted_nodes
from dlgraph.report.view.records import (
    SEVERITIES,
    Act,
    Edge,
    Finding,
    PictureNode,
    RuleGroup,
)

__all__ = ["focus_index", "named_findings", "placed_findings", "rule_groups", "with_act_findings"]

_STAND_INS = (ORG.member, ORG.heldBy, DL.about)
"""How a membership or post points to its member, and a claim to what it is about."""


def named_findings(b: Builder, findings: Sequence[Finding]) -> tuple[Finding, ...]:
    """The findings, those on an unnamed membership or post named by who holds what."""
    return tuple(_named_focus(b, finding) for finding in findings)


def _named_focus(b: Builder, finding: Finding) -> Finding:
    """A finding on an unnamed membership or post, named by who holds what where."""
    focus = finding.focus
    graph = b.graph
    if not isinstance(focus, BNode) or b.labels.has_label(focus):
        return finding
    holder = first_of(graph, focus, ORG.member, ORG.heldBy)
    where = first_of(graph, focus, ORG.organization, ORG.postIn)
    role = first_of(graph, focus, ORG.role)
    if holder is None:
        return finding
    parts = [b.label(holder)]
    if role is not None:
        parts.append(b.label(role))
    name = ", ".join(parts) + (f" ({b.label(where)})" if where is not None else "")
    return replace(finding, focus_label=name)


def focus_index(
    graph: Graph, findings: Sequence[Finding], drawn: set[Node]
) -> dict[Node, list[int]]:
    """For each node, the findings on it or on something it stands in for."""
    focus_to: dict[Node, list[int]] = defaultdict(list)
    for index, finding in enumerate(findings):
        focus_to[finding.focus].append(index)
        if finding.focus not in drawn:
            for predicate in _STAND_INS:
                for stand_in in graph.objects(finding.focus, predicate):
                    if stand_in in drawn and index not in focus_to[stand_in]:
                        focus_to[stand_in].append(index)
    return focus_to


def placed_findings(
    b: Builder,
    findings: Sequence[Finding],
    edges: Sequence[Edge],
    acts: Sequence[Act],
) -> tuple[tuple[str | None, ...], tuple[tuple[int, ...], ...]]:
    """Where each finding is drawn (node or edge id, if any), and the quotes behind it."""
    graph = b.graph
    finding_nodes: list[str | None] = []
    finding_quotes: list[tuple[int, ...]] = []
    for index, finding in enumerate(findings):
        target: str | None = None
        stand_ins = [
            node
            for predicate in _STAND_INS
            for node in sorted_nodes(graph.objects(finding.focus, predicate))
            if node in b.nodes
        ]
        if finding.focus in b.nodes:
            target = b.nodes[finding.focus].id
        elif stand_ins:
            target = b.nodes[stand_ins[0]].id
        else:
            target = _drawn_on(index, edges, acts)
        finding_nodes.append(target)
        subjects: list[Node] = [finding.focus]
        subjects.extend(graph.objects(finding.focus, DL.about))
        finding_quotes.append(b.quotes_of(*subjects))
    return tuple(finding_nodes), tuple(finding_quotes)


def _drawn_on(index: int, edges: Sequence[Edge], acts: Sequence[Act]) -> str | None:
    """The first edge that carries finding ``index``, else the actor of an act that does."""
    for edge in edges:
        if index in edge.findings:
            return edge.id
    for act in acts:
        if index in act.findings and act.node is not None:
            return act.node
    return None


def with_act_findings(b: Builder, actor_findings: dict[str, list[int]]) -> list[PictureNode]:
    """The picture nodes, each actor's with the findings on its acts added."""
    nodes: list[PictureNode] = []
    for picture_node in b.nodes.values():
        more = actor_findings.get(picture_node.id)
        if more:
            merged = tuple(dict.fromkeys(picture_node.findings + tuple(more)))
            picture_node = replace(picture_node, findings=merged)
        nodes.append(picture_node)
    return nodes


def rule_groups(b: Builder, findings: Sequence[Finding]) -> tuple[RuleGroup, ...]:
    """The findings by coherence rule (rules in order, other shapes last), each group
    ordered by severity, then by what it is about."""
    rules: dict[int | None, list[int]] = defaultdict(list)
    rule_labels: dict[int | None, list[str]] = defaultdict(list)
    for index, finding in enumerate(findings):
        rules[finding.rule].append(index)
        if finding.rule_label and finding.rule_label not in rule_labels[finding.rule]:
            rule_labels[finding.rule].append(finding.rule_label)

    def order(index: int) -> tuple[int, str]:
        severity = findings[index].severity
        rank = SEVERITIES.index(severity) if severity in SEVERITIES else 9
        return rank, findings[index].focus_label

    return tuple(
        RuleGroup(
            rule=rule,
            label=(
                b.t("other_findings")
                if rule is None
                else " · ".join(sorted(rule_labels.get(rule, [])))
            ),
            findings=tuple(sorted(rules[rule], key=order)),
        )
        for rule in sorted(rules, key=lambda r: (r is None, r or 0))
    )
