"""Delegations and their mandates, their edges in the picture, and the chains per task.

A delegation is read from a ``dl:TaskDelegation`` (or anything with a delegator,
delegatee, task or mandate), its mandate named or found by task and delegatee; a
mandate that no delegation names still shows who granted what to whom, as an implicit
delegation.
"""

from __future__ import annotations

from collections import defaultdict

from rdflib import Graph
from rdflib.namespace import RDF
from rdflib.term import Node

from dlgraph.ontology.namespaces import DL
from dlgraph.report.view.builder import Builder
from dlgraph.report.view.edges import EdgeList
from dlgraph.report.view.reading import first_of, interval_of, sorted_nodes
from dlgraph.report.view.records import Delegation, Mandate

__all__ = ["RawDelegation", "chains", "delegation_edges", "mandate_nodes", "read_delegations"]

RawDelegation = tuple[Node, Node | None, Node | None, Node | None, Node | None, bool]
"""(delegation, delegator, delegatee, task, mandate, implicit) as read from the graph."""


def mandate_nodes(graph: Graph) -> set[Node]:
    """Every node the graph treats as a mandate."""
    found: set[Node] = set(graph.subjects(RDF.type, DL.Mandate))
    found.update(graph.subjects(DL.forTask, None))
    found.update(graph.objects(None, DL.withMandate))
    found.update(graph.objects(None, DL.hasMandate))
    return found


def read_delegations(graph: Graph, mandates: set[Node]) -> list[RawDelegation]:
    """The delegations, then the mandates no delegation names (implicit delegations)."""
    delegation_nodes: set[Node] = set(graph.subjects(RDF.type, DL.TaskDelegation))
    for predicate in (DL.delegator, DL.delegatee, DL.delegatedTask, DL.withMandate):
        delegation_nodes.update(graph.subjects(predicate, None))
    mandates_used: set[Node] = set()
    raw: list[RawDelegation] = []
    for delegation in sorted_nodes(delegation_nodes):
        delegator = first_of(graph, delegation, DL.delegator)
        delegatee = first_of(graph, delegation, DL.delegatee)
        task = first_of(graph, delegation, DL.delegatedTask)
        mandate = first_of(graph, delegation, DL.withMandate)
        if mandate is None and task is not None:
            candidates = set(graph.subjects(DL.forTask, task)) | set(
                graph.objects(task, DL.hasMandate)
            )
            fitting = [
                m for m in candidates if delegatee is None or (m, DL.grantedTo, delegatee) in graph
            ]
            mandate = sorted_nodes(fitting)[0] if fitting else None
        if mandate is not None:
            mandates_used.add(mandate)
        raw.append((delegation, delegator, delegatee, task, mandate, False))
    for mandate in sorted_nodes(mandates - mandates_used):
        grantor = first_of(graph, mandate, DL.grantedBy)
        holder = first_of(graph, mandate, DL.grantedTo)
        task = first_of(graph, mandate, DL.forTask)
        if task is None:
            tasks = sorted_nodes(graph.subjects(DL.hasMandate, mandate))
            task = tasks[0] if tasks else None
        if grantor is not None or holder is not None:
            raw.append((mandate, grantor, holder, task, mandate, True))
    return raw


def _mandate_view(b: Builder, mandate: Node) -> Mandate:
    graph = b.graph
    resources = []
    for resource in sorted_nodes(graph.objects(mandate, DL.hasResource)):
        kind = first_of(graph, resource, DL.resourceKind)
        name = b.label(resource)
        resources.append(f"{name} ({b.label(kind)})" if kind is not None else name)
    valid = ""
    interval = first_of(graph, mandate, DL.validDuring)
    if interval is not None:
        begin, end = interval_of(graph, interval)
        if begin or end:
            valid = f"{begin.isoformat() if begin else '…'} – {end.isoformat() if end else '…'}"
        else:
            valid = b.label(interval)
    other = []
    for predicate in (
        DL.keyResponsibility,
        DL.externalConstraint,
        DL.delegatorResponsibility,
        DL.evaluation,
    ):
        value = b.literal(mandate, predicate)
        if value:
            other.append((b.label(predicate), value))
    return Mandate(
        label=b.label(mandate),
        granted_by=b.names(mandate, DL.grantedBy),
        granted_to=b.names(mandate, DL.grantedTo),
        direction=b.literal(mandate, DL.direction),
        frames=b.literal(mandate, DL.frames),
        room_for_action=b.literal(mandate, DL.roomForAction),
        resources=tuple(resources),
        valid=valid,
        other=tuple(other),
    )


def delegation_edges(
    b: Builder,
    raw: list[RawDelegation],
    focus_to: dict[Node, list[int]],
    edges: EdgeList,
) -> list[Delegation]:
    """The delegations as the report lists them, each drawn as an edge when both its
    ends are in the picture; findings on the delegation, task or mandate go with it."""
    delegations: list[Delegation] = []
    for delegation, delegator, delegatee, task, mandate, implicit in raw:
        related = [n for n in (delegation, task, mandate) if n is not None]
        own = []
        for node in related:
            for index in focus_to.get(node, ()):
                if index not in own:
                    own.append(index)
        task_label = b.label(task) if task is not None else b.t("task_not_named")
        edge_id = None
        if delegator in b.ids and delegatee in b.ids:
            assert delegator is not None and delegatee is not None
            edge = edges.add(
                "delegation",
                b.ids[delegator],
                b.ids[delegatee],
                task_label,
                findings=tuple(own),
                delegation=len(delegations),
            )
            if edge is not None:
                edge_id = edge.id
        delegations.append(
            Delegation(
                iri=str(delegation),
                task=task_label,
                delegator=b.label(delegator) if delegator is not None else b.t("nobody"),
                delegatee=b.label(delegatee) if delegatee is not None else b.t("nobody"),
                mandate=_mandate_view(b, mandate) if mandate is not None else None,
                implicit=implicit,
                quotes=b.quotes_of(*related),
                findings=tuple(own),
                edge=edge_id,
            )
        )
    return delegations


def chains(
    raw: list[RawDelegation], delegations: list[Delegation]
) -> tuple[tuple[str, tuple[int, ...]], ...]:
    """The delegations of each task, ordered along the chain from the first delegator."""
    by_task: dict[Node | None, list[int]] = defaultdict(list)
    for index, (_, _, _, task, _, _) in enumerate(raw):
        by_task[task].append(index)
    found: list[tuple[str, tuple[int, ...]]] = []
    tasks = sorted_nodes(t for t in by_task if t is not None) + ([None] if None in by_task else [])
    for task in tasks:
        indexes = by_task[task]
        delegatees = {raw[i][2] for i in indexes}
        ordered: list[int] = []
        starts = [i for i in indexes if raw[i][1] not in delegatees] or indexes[:1]
        todo = list(starts)
        while todo:
            current = todo.pop(0)
            if current in ordered:
                continue
            ordered.append(current)
            todo.extend(i for i in indexes if raw[i][1] == raw[current][2] and i not in ordered)
        ordered.extend(i for i in indexes if i not in ordered)
        found.append((delegations[indexes[0]].task, tuple(ordered)))
    return tuple(found)
