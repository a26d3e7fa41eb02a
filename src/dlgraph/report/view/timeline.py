"""The leadership acts of a view, by period: who acted, on whose initiative, when.

Acts are drawn on their actor, so findings on an act go to the actor's picture node
too. An act belongs to the period it names, else to the named period its date falls in,
else to the half-year of its date.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from rdflib import Graph
from rdflib.namespace import RDF
from rdflib.term import Node

from dlgraph.ontology.namespaces import DL, PROV
from dlgraph.report.ui_text import half_year_label
from dlgraph.report.view.builder import Builder
from dlgraph.report.view.reading import date_of, first_of, interval_of, sorted_nodes
from dlgraph.report.view.records import Act, Period

__all__ = ["Timeline", "act_nodes", "read_timeline"]

_Ranges = list[tuple[dt.date, dt.date, Node]]


def act_nodes(graph: Graph) -> set[Node]:
    """Every node the graph treats as a leadership act."""
    found: set[Node] = set(graph.subjects(RDF.type, DL.LeadershipAct))
    for predicate in (DL.actor, DL.onOwnInitiative, DL.actKind):
        found.update(graph.subjects(predicate, None))
    found.update(graph.objects(None, DL.performed))
    return found


class Timeline:
    """The acts, their periods in time order, and the findings each actor gets."""

    def __init__(self) -> None:
        self.acts: list[Act] = []
        self.periods: tuple[Period, ...] = ()
        self.actor_findings: dict[str, list[int]] = defaultdict(list)
        """Picture node id -> findings on the acts of that actor."""


def read_timeline(b: Builder, acts: set[Node], focus_to: dict[Node, list[int]]) -> Timeline:
    """The timeline of ``acts``; ``focus_to`` gives the findings on each node."""
    timeline = Timeline()
    ranges = _period_ranges(b.graph)
    period_order: dict[str, tuple[int, str]] = {}
    for act in sorted_nodes(acts):
        view, order = _act(b, act, ranges, tuple(focus_to.get(act, ())))
        period_order.setdefault(view.period, order)
        if view.node is not None:
            timeline.actor_findings[view.node].extend(view.findings)
        timeline.acts.append(view)
    timeline.periods = tuple(
        Period(
            label=label,
            acts=tuple(
                sorted(
                    (a for a in timeline.acts if a.period == label),
                    key=lambda a: (a.when, a.actor, a.iri),
                )
            ),
        )
        for label in sorted(period_order, key=lambda key: period_order[key])
    )
    return timeline


def _period_ranges(graph: Graph) -> _Ranges:
    """The named periods with both ends dated, in time order."""
    ranges: _Ranges = []
    for period in sorted_nodes(graph.subjects(RDF.type, DL.Period)):
        starts, finishes = interval_of(graph, period)
        if starts is not None and finishes is not None:
            ranges.append((starts, finishes, period))
    ranges.sort(key=lambda item: (item[0], item[1], str(item[2])))
    return ranges


def _actor(graph: Graph, act: Node) -> Node | None:
    actor = first_of(graph, act, DL.actor) or first_of(graph, act, PROV.wasAssociatedWith)
    if actor is None:
        performers = sorted_nodes(graph.subjects(DL.performed, act))
        actor = performers[0] if performers else None
    return actor


def _initiative(graph: Graph, act: Node) -> str:
    """``own``, ``directed`` or ``unknown``."""
    own_values = list(graph.objects(act, DL.onOwnInitiative))
    if own_values:
        return "own" if sorted_nodes(own_values)[0].toPython() is True else "directed"  # type: ignore[attr-defined]
    if (act, DL.directedBy, None) in graph:
        return "directed"
    return "unknown"


def _act(
    b: Builder, act: Node, ranges: _Ranges, findings: tuple[int, ...]
) -> tuple[Act, tuple[int, str]]:
    """The act as the timeline shows it, and the key that orders its period in time."""
    graph = b.graph
    actor = _actor(graph, act)
    when = date_of(graph, first_of(graph, act, PROV.startedAtTime, PROV.atTime))
    period, order = _period_for(b, act, when, ranges)
    view = Act(
        iri=str(act),
        label=b.label(act),
        actor=b.label(actor) if actor is not None else b.t("unknown_actor"),
        kinds=tuple(sorted(b.label(k) for k in graph.objects(act, DL.actKind))),
        initiative=_initiative(graph, act),
        directed_by=b.names(act, DL.directedBy),
        situation=b.names(act, DL.inSituation),
        role=b.names(act, DL.inRole),
        when=when.isoformat() if when else "",
        period=period,
        quotes=b.quotes_of(act),
        findings=findings,
        node=b.ids.get(actor) if actor is not None else None,
    )
    return view, order


def _period_for(
    b: Builder, act: Node, when: dt.date | None, ranges: _Ranges
) -> tuple[str, tuple[int, str]]:
    """The period an act belongs to, and a key that orders periods in time."""
    graph = b.graph
    named = sorted_nodes(graph.objects(act, DL.inPeriod))
    if named:
        period = named[0]
        begin, _ = interval_of(graph, period)
        return b.label(period), (0, begin.isoformat() if begin else "9999")
    if when is not None:
        for begin, end, period in ranges:
            if begin <= when <= end:
                return b.label(period), (0, begin.isoformat())
        half = 1 if when.month <= 6 else 2
        start = dt.date(when.year, 1 if half == 1 else 7, 1)
        return half_year_label(when.year, half, b.lang), (0, start.isoformat())
    return b.t("no_date"), (1, "")
