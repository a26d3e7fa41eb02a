"""What the HTML report shows of an organisation graph, read out of the triples.

The report draws the line organisation with the organisational rooms and communication
paths over it, the delegations with their mandates, the leadership acts by period, and
the validation findings with the evidence behind them. :func:`report_view` reads all of
that from an rdflib graph into small immutable records, in one language, so that the
HTML layer only arranges and escapes them.

The data need not have been reasoned over: inverse properties the ontology declares
(``dl:hasLineUnit`` for ``dl:inLineUnder``, ``dl:leads`` for ``dl:ledBy``, ...) are read
as well as the forward ones, and class membership follows ``rdfs:subClassOf`` in the
ontology and in the data.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import RDF
from rdflib.term import Node

from dlgraph.ontology.labels import Labels
from dlgraph.ontology.namespaces import DL, FOAF, ORG, PROV, RDFS, TIME
from dlgraph.report.ui_text import half_year_label, text

__all__ = [
    "Act",
    "Delegation",
    "Edge",
    "Finding",
    "Mandate",
    "PictureNode",
    "Quote",
    "ReportView",
    "Summary",
    "report_view",
]

Severity = str
"""``violation``, ``warning`` or ``info``."""

SEVERITIES: tuple[Severity, ...] = ("violation", "warning", "info")


@dataclass(frozen=True)
class Quote:
    """A quote the description of something rests on, with the claim it supports."""

    text: str
    lang: str
    locator: str
    source: str
    claim: str
    """The statement of the claim that rests on the quote, or ``""`` for dl:evidence."""


@dataclass(frozen=True)
class Finding:
    """One result of validation, in the report's language."""

    focus: Node
    focus_label: str
    severity: Severity
    message: str
    rule: int | None = None
    rule_label: str = ""
    path: str = ""
    value: str = ""
    risk: str = ""
    shape: str = ""


@dataclass(frozen=True)
class PictureNode:
    """A node of the picture: a unit, a person, a room, a path hub or a grouping."""

    id: str
    kind: str
    """``unit``, ``person``, ``room``, ``path`` or ``group``."""
    label: str
    iri: str
    type_label: str
    parent: str | None
    """The node it hangs under in the line organisation (units and people)."""
    details: tuple[tuple[str, str], ...] = ()
    crosses: bool = False
    """For rooms and paths: whether it gathers or connects more than one unit."""
    quotes: tuple[int, ...] = ()
    findings: tuple[int, ...] = ()


@dataclass(frozen=True)
class Edge:
    """An edge of the picture."""

    id: str
    kind: str
    """``line`` (parent to unit), ``member`` (unit to person), ``room`` (member to room),
    ``leads`` (leader to room), ``roomunit`` (unit to a room it takes part in),
    ``path``, ``pathunit`` (a path between the units of its ends) or ``delegation``
    (delegator to delegatee)."""
    source: str
    target: str
    label: str = ""
    crosses: bool = False
    findings: tuple[int, ...] = ()
    delegation: int | None = None
    """Index into :attr:`ReportView.delegations` for delegation edges."""


@dataclass(frozen=True)
class Mandate:
    """A mandate's scope: what the delegatee may do, with what, for how long."""

    label: str
    granted_by: str
    granted_to: str
    direction: str
    frames: str
    room_for_action: str
    resources: tuple[str, ...]
    valid: str
    other: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class Delegation:
    """Who delegated what to whom, under which mandate."""

    iri: str
    task: str
    delegator: str
    delegatee: str
    mandate: Mandate | None
    implicit: bool
    """True when read from a mandate alone (no dl:TaskDelegation names it)."""
    quotes: tuple[int, ...] = ()
    findings: tuple[int, ...] = ()
    edge: str | None = None


@dataclass(frozen=True)
class Act:
    """A leadership act as the timeline shows it."""

    iri: str
    label: str
    actor: str
    kinds: tuple[str, ...]
    initiative: str
    """``own``, ``directed`` or ``unknown``."""
    directed_by: str
    situation: str
    role: str
    when: str
    period: str
    quotes: tuple[int, ...] = ()
    findings: tuple[int, ...] = ()
    node: str | None = None


@dataclass(frozen=True)
class Period:
    """A column of the timeline: a period and the acts in it."""

    label: str
    acts: tuple[Act, ...]

    def by_initiative(self, initiative: str) -> tuple[Act, ...]:
        """The acts of this period taken with ``initiative`` (own, directed, unknown)."""
        return tuple(act for act in self.acts if act.initiative == initiative)


@dataclass(frozen=True)
class Summary:
    """The counts the report opens with."""

    units: int
    people: int
    rooms: int
    rooms_crossing: int
    paths: int
    paths_crossing: int
    delegations: int
    mandates: int
    acts: int
    acts_own: int
    acts_directed: int
    claims: int
    quotes: int
    sources: int
    violations: int
    warnings: int
    infos: int


@dataclass(frozen=True)
class RuleGroup:
    """The findings of one coherence rule."""

    rule: int | None
    label: str
    findings: tuple[int, ...]


@dataclass(frozen=True)
class ReportView:
    """Everything the report shows, in one language."""

    lang: str
    title: str
    nodes: tuple[PictureNode, ...]
    edges: tuple[Edge, ...]
    delegations: tuple[Delegation, ...]
    chains: tuple[tuple[str, tuple[int, ...]], ...]
    """Per delegated task: its label and its delegations in chain order."""
    periods: tuple[Period, ...]
    quotes: tuple[Quote, ...]
    findings: tuple[Finding, ...]
    finding_quotes: tuple[tuple[int, ...], ...]
    """For each finding, the quotes behind the statement it is about."""
    finding_nodes: tuple[str | None, ...]
    """For each finding, the picture node or edge it is drawn on, if any."""
    rules: tuple[RuleGroup, ...]
    summary: Summary
    validated: bool


# --------------------------------------------------------------------------------------
# Reading the graph
# --------------------------------------------------------------------------------------

_LINE_UP = (DL.inLineUnder, ORG.subOrganizationOf, ORG.unitOf)
_LINE_DOWN = (DL.hasLineUnit, ORG.hasSubOrganization, ORG.hasUnit)


def _closure(schema: Graph, roots: Iterable[URIRef]) -> frozenset[Node]:
    """The classes ``roots`` and every class below them by rdfs:subClassOf."""
    seen: set[Node] = set(roots)
    todo = list(seen)
    while todo:
        cls = todo.pop()
        for sub in schema.subjects(RDFS.subClassOf, cls):
            if sub not in seen:
                seen.add(sub)
                todo.append(sub)
    return frozenset(seen)


@lru_cache(maxsize=1)
def _vocabulary_classes() -> Graph:
    """The class hierarchy of the bundled ORG, FOAF and PROV-O (org:FormalOrganization is
    an org:Organization only there)."""
    from dlgraph.ontology.vocab import vocabulary

    classes = Graph()
    for namespace in (ORG, FOAF, PROV):
        for triple in vocabulary(str(namespace)).triples((None, RDFS.subClassOf, None)):
            classes.add(triple)
    return classes


def _instances(graph: Graph, classes: frozenset[Node]) -> set[Node]:
    found: set[Node] = set()
    for cls in classes:
        found.update(graph.subjects(RDF.type, cls))
    return found


def _sorted(nodes: Iterable[Node]) -> list[Node]:
    return sorted(set(nodes), key=lambda node: (isinstance(node, BNode), str(node)))


def _first(graph: Graph, subject: Node, *predicates: URIRef) -> Node | None:
    values: list[Node] = []
    for predicate in predicates:
        values.extend(graph.objects(subject, predicate))
    return _sorted(values)[0] if values else None


def _date_of(graph: Graph, node: Node | None) -> dt.date | None:
    """The date of a literal, or of a time:Instant's inXSDDate / inXSDDateTime."""
    if node is None:
        return None
    if isinstance(node, Literal):
        value = node.toPython()
        if isinstance(value, dt.datetime):
            return value.date()
        if isinstance(value, dt.date):
            return value
        try:
            return dt.date.fromisoformat(str(node)[:10])
        except ValueError:
            return None
    for predicate in (TIME.inXSDDate, TIME.inXSDDateTime, TIME.inXSDDateTimeStamp):
        for value in graph.objects(node, predicate):
            found = _date_of(graph, value)
            if found is not None:
                return found
    return None


def _interval(graph: Graph, interval: Node) -> tuple[dt.date | None, dt.date | None]:
    begin = _date_of(graph, _first(graph, interval, TIME.hasBeginning))
    end = _date_of(graph, _first(graph, interval, TIME.hasEnd))
    return begin, end


@dataclass
class _Builder:
    graph: Graph
    schema: Graph
    labels: Labels
    lang: str
    nodes: dict[Node, PictureNode] = field(default_factory=dict)
    ids: dict[Node, str] = field(default_factory=dict)
    edges: list[Edge] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    quote_index: dict[tuple[Node, Node | None], int] = field(default_factory=dict)
    evidence: dict[Node, list[int]] = field(default_factory=lambda: defaultdict(list))

    def label(self, node: Node | None) -> str:
        return "" if node is None else self.labels.get(node, self.lang)

    def literal(self, subject: Node, predicate: URIRef) -> str:
        return self.labels.text(list(self.graph.objects(subject, predicate)), self.lang) or ""

    def t(self, key: str) -> str:
        return text(key, self.lang)

    def node_id(self, node: Node) -> str:
        if node not in self.ids:
            self.ids[node] = f"n{len(self.ids)}"
        return self.ids[node]

    def type_label(self, node: Node, fallback: str) -> str:
        types = [t for t in self.graph.objects(node, RDF.type) if isinstance(t, URIRef)]
        dl_types = [t for t in types if str(t).startswith(str(DL))]
        chosen = _sorted(dl_types or types)
        return self.label(chosen[0]) if chosen else fallback

    # evidence ---------------------------------------------------------------------

    def read_evidence(self) -> None:
        graph = self.graph
        for subject, quote in graph.subject_objects(DL.evidence):
            self._add_quote(subject, quote, None)
        claims: set[Node] = set(graph.subjects(DL.about, None))
        claims.update(graph.objects(None, DL.hasClaim))
        claims.update(graph.subjects(RDF.type, DL.Claim))
        for claim in _sorted(claims):
            about = set(graph.objects(claim, DL.about)) | set(graph.subjects(DL.hasClaim, claim))
            for quote in _sorted(graph.objects(claim, DL.restsOn)):
                for subject in _sorted(about):
                    self._add_quote(subject, quote, claim)
                self._add_quote(claim, quote, claim)

    def _add_quote(self, subject: Node, quote: Node, claim: Node | None) -> None:
        key = (quote, claim)
        if key not in self.quote_index:
            texts = list(self.graph.objects(quote, DL.quoteText))
            literal = _sorted(texts)[0] if texts else None
            source = _first(self.graph, quote, DL.quotedFrom, PROV.wasQuotedFrom)
            statement = ""
            if claim is not None:
                statement = (
                    self.labels.text(list(self.graph.objects(claim, RDFS.comment)), self.lang)
                    or self.labels.text(list(self.graph.objects(claim, RDFS.label)), self.lang)
                    or ""
                )
            self.quote_index[key] = len(self.quotes)
            self.quotes.append(
                Quote(
                    text=str(literal) if literal is not None else self.label(quote),
                    lang=(literal.language or "") if isinstance(literal, Literal) else "",
                    locator=self.literal(quote, DL.locator),
                    source=self.label(source) if source is not None else "",
                    claim=statement,
                )
            )
        index = self.quote_index[key]
        if index not in self.evidence[subject]:
            self.evidence[subject].append(index)

    def quotes_of(self, *subjects: Node | None) -> tuple[int, ...]:
        found: list[int] = []
        for subject in subjects:
            if subject is None:
                continue
            for index in self.evidence.get(subject, ()):
                if index not in found:
                    found.append(index)
        return tuple(found)


def _memberships(graph: Graph) -> Iterator[tuple[Node, Node, Node | None]]:
    """(member, organisation, role) for every way a membership is written."""
    for member, org in graph.subject_objects(ORG.memberOf):
        yield member, org, None
    for org, member in graph.subject_objects(ORG.hasMember):
        yield member, org, None
    for membership in set(graph.subjects(ORG.member, None)):
        roles: list[Node | None] = list(graph.objects(membership, ORG.role)) or [None]
        for member in graph.objects(membership, ORG.member):
            for org in graph.objects(membership, ORG.organization):
                for role in roles:
                    yield member, org, role
    posts = set(graph.subjects(ORG.postIn, None))
    for post in posts:
        post_roles: list[Node | None] = list(graph.objects(post, ORG.role)) or [None]
        holders = set(graph.objects(post, ORG.heldBy)) | set(graph.subjects(ORG.holds, post))
        for holder in holders:
            for org in graph.objects(post, ORG.postIn):
                for role in post_roles:
                    yield holder, org, role


def _leaderships(graph: Graph) -> Iterator[tuple[Node, Node]]:
    """(leader, unit) for unit command in every way it is written."""
    for leader, unit in graph.subject_objects(DL.formalLeaderOf):
        yield leader, unit
    for unit, leader in graph.subject_objects(DL.hasFormalLeader):
        yield leader, unit
    for leader, unit in graph.subject_objects(ORG.headOf):
        yield leader, unit


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
        from dlgraph.ontology.graphs import ontology

        schema = ontology("merged")
    class_graph = Graph()
    for triple in _vocabulary_classes().triples((None, RDFS.subClassOf, None)):
        class_graph.add(triple)
    for triple in schema.triples((None, RDFS.subClassOf, None)):
        class_graph.add(triple)
    for triple in graph.triples((None, RDFS.subClassOf, None)):
        class_graph.add(triple)
    labels = Labels([graph, schema, *label_graphs])
    b = _Builder(graph=graph, schema=class_graph, labels=labels, lang=lang)
    b.read_evidence()

    room_classes = _closure(class_graph, [DL.OrganisationalRoom])
    org_classes = _closure(class_graph, [ORG.Organization, ORG.OrganizationalUnit])
    person_classes = _closure(class_graph, [FOAF.Person, DL.Person, PROV.Person])

    rooms = _instances(graph, room_classes)
    units = _instances(graph, org_classes - room_classes) - rooms
    for predicate in _LINE_UP + _LINE_DOWN:
        for a, b_ in graph.subject_objects(predicate):
            units.update(n for n in (a, b_) if n not in rooms)
    people = _instances(graph, person_classes) - units - rooms

    parents: dict[Node, set[Node]] = defaultdict(set)
    for predicate in _LINE_UP:
        for child, above in graph.subject_objects(predicate):
            if child in units and above in units:
                parents[child].add(above)
    for predicate in _LINE_DOWN:
        for above, child in graph.subject_objects(predicate):
            if child in units and above in units:
                parents[child].add(above)

    # people: where they sit in the line, and what rooms they are in
    person_units: dict[Node, list[Node]] = defaultdict(list)
    person_roles: dict[Node, list[str]] = defaultdict(list)
    room_members: dict[Node, set[Node]] = defaultdict(set)
    room_leaders: dict[Node, set[Node]] = defaultdict(set)
    for leader, unit in _leaderships(graph):
        if unit in rooms:
            room_leaders[unit].add(leader)
            continue
        units.add(unit)
        if leader not in units:
            people.add(leader)
            if unit not in person_units[leader]:
                person_units[leader].insert(0, unit)
            person_roles[leader].append(f"{b.t('formal_leader_of')} {b.label(unit)}")
    for member, org, role in _memberships(graph):
        if org in rooms:
            room_members[org].add(member)
            if role == DL.ProcessLearningLeader:
                room_leaders[org].add(member)
        elif member not in units and member not in rooms:
            people.add(member)
            units.add(org)
            if org not in person_units[member]:
                person_units[member].append(org)
        if role is not None and member not in units:
            person_roles[member].append(f"{b.label(role)} ({b.label(org)})")
    for room, leader in graph.subject_objects(DL.ledBy):
        if room in rooms:
            room_leaders[room].add(leader)
    for leader, room in graph.subject_objects(DL.leads):
        if room in rooms:
            room_leaders[room].add(leader)
    for room, leaders in room_leaders.items():
        room_members[room].update(leaders)
        for leader in leaders:
            if leader not in units and leader not in rooms:
                people.add(leader)

    # agents named by delegations, acts and paths are people when they are not units
    agent_predicates = (DL.delegator, DL.delegatee, DL.actor, DL.directedBy, DL.grantedBy)
    for predicate in agent_predicates:
        for agent in graph.objects(None, predicate):
            if agent not in units and agent not in rooms and not isinstance(agent, Literal):
                people.add(agent)
    for agent in graph.objects(None, DL.grantedTo):
        if agent not in units and agent not in rooms and not isinstance(agent, Literal):
            people.add(agent)
    paths = set(graph.subjects(RDF.type, DL.CommunicationPath)) | set(
        graph.subjects(DL.connects, None)
    )
    for path in paths:
        for agent in graph.objects(path, DL.connects):
            if agent not in units and agent not in rooms and not isinstance(agent, Literal):
                people.add(agent)

    def units_of(agent: Node) -> set[Node]:
        if agent in units:
            return {agent}
        return set(person_units.get(agent, ()))

    # --- picture nodes -------------------------------------------------------------
    node_findings: dict[str, list[int]] = defaultdict(list)
    pending: list[tuple[Node, str, str, str | None, tuple[tuple[str, str], ...], bool]] = []
    unplaced_group = "unplaced"
    any_unplaced = False
    parent: str | None
    details: list[tuple[str, str]]
    for unit in _sorted(units):
        up = _sorted(parents.get(unit, ()))
        parent = b.node_id(up[0]) if up else None
        details = [(b.t("in_line_under"), ", ".join(b.label(p) for p in up))] if up else []
        heads = _sorted(leader for leader, u in _leaderships(graph) if u == unit)
        if heads:
            details.append((b.t("formal_leader"), ", ".join(b.label(x) for x in heads)))
        pending.append(
            (unit, "unit", b.type_label(unit, b.t("unit")), parent, tuple(details), False)
        )
    for person in _sorted(people):
        placed = person_units.get(person, [])
        parent = b.node_id(placed[0]) if placed else unplaced_group
        any_unplaced = any_unplaced or not placed
        details = []
        roles = sorted(set(person_roles.get(person, [])))
        if roles:
            details.append((b.t("roles"), "; ".join(roles)))
        if len(placed) > 1:
            details.append((b.t("units"), ", ".join(b.label(u) for u in placed)))
        if any(v == Literal(True) for v in graph.objects(person, DL.isPseudonym)):
            details.append((b.t("name"), b.t("pseudonym")))
        pending.append(
            (person, "person", b.type_label(person, b.t("person")), parent, tuple(details), False)
        )
    spanned: set[Node]
    for room in _sorted(rooms):
        spanned = set()
        for member in room_members.get(room, ()):
            spanned |= units_of(member)
        room_heads = _sorted(room_leaders.get(room, ()))
        details = [
            (b.t("led_by"), ", ".join(b.label(x) for x in room_heads) or b.t("nobody")),
            (b.t("members"), str(len(room_members.get(room, ())))),
            (b.t("units_gathered"), ", ".join(sorted(b.label(u) for u in spanned)) or "-"),
        ]
        pending.append(
            (room, "room", b.type_label(room, b.t("room")), None, tuple(details), len(spanned) > 1)
        )

    path_info: dict[Node, tuple[list[Node], bool]] = {}
    for path in _sorted(paths):
        ends = _sorted(a for a in graph.objects(path, DL.connects) if not isinstance(a, Literal))
        spanned = set()
        for end in ends:
            spanned |= units_of(end)
        crosses = len(spanned) > 1
        path_info[path] = (ends, crosses)
        if len(ends) != 2:
            medium = b.literal(path, DL.medium)
            details = [(b.t("connects"), ", ".join(b.label(e) for e in ends) or "-")]
            if medium:
                details.append((b.t("medium"), medium))
            pending.append(
                (path, "path", b.type_label(path, b.t("path")), None, tuple(details), crosses)
            )

    # --- delegations ---------------------------------------------------------------
    delegations: list[Delegation] = []
    delegation_nodes: set[Node] = set(graph.subjects(RDF.type, DL.TaskDelegation))
    for predicate in (DL.delegator, DL.delegatee, DL.delegatedTask, DL.withMandate):
        delegation_nodes.update(graph.subjects(predicate, None))
    mandates_used: set[Node] = set()
    mandate_nodes: set[Node] = set(graph.subjects(RDF.type, DL.Mandate))
    mandate_nodes.update(graph.subjects(DL.forTask, None))
    mandate_nodes.update(graph.objects(None, DL.withMandate))
    mandate_nodes.update(graph.objects(None, DL.hasMandate))

    def mandate_view(mandate: Node) -> Mandate:
        resources = []
        for resource in _sorted(graph.objects(mandate, DL.hasResource)):
            kind = _first(graph, resource, DL.resourceKind)
            name = b.label(resource)
            resources.append(f"{name} ({b.label(kind)})" if kind is not None else name)
        valid = ""
        interval = _first(graph, mandate, DL.validDuring)
        if interval is not None:
            begin, end = _interval(graph, interval)
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
            granted_by=", ".join(b.label(x) for x in _sorted(graph.objects(mandate, DL.grantedBy))),
            granted_to=", ".join(b.label(x) for x in _sorted(graph.objects(mandate, DL.grantedTo))),
            direction=b.literal(mandate, DL.direction),
            frames=b.literal(mandate, DL.frames),
            room_for_action=b.literal(mandate, DL.roomForAction),
            resources=tuple(resources),
            valid=valid,
            other=tuple(other),
        )

    raw_delegations: list[
        tuple[Node, Node | None, Node | None, Node | None, Node | None, bool]
    ] = []
    for delegation in _sorted(delegation_nodes):
        delegator = _first(graph, delegation, DL.delegator)
        delegatee = _first(graph, delegation, DL.delegatee)
        task = _first(graph, delegation, DL.delegatedTask)
        mandate = _first(graph, delegation, DL.withMandate)
        if mandate is None and task is not None:
            candidates = set(graph.subjects(DL.forTask, task)) | set(
                graph.objects(task, DL.hasMandate)
            )
            fitting = [
                m for m in candidates if delegatee is None or (m, DL.grantedTo, delegatee) in graph
            ]
            mandate = _sorted(fitting)[0] if fitting else None
        if mandate is not None:
            mandates_used.add(mandate)
        raw_delegations.append((delegation, delegator, delegatee, task, mandate, False))
    for mandate in _sorted(mandate_nodes - mandates_used):
        grantor = _first(graph, mandate, DL.grantedBy)
        holder = _first(graph, mandate, DL.grantedTo)
        task = _first(graph, mandate, DL.forTask)
        if task is None:
            tasks = _sorted(graph.subjects(DL.hasMandate, mandate))
            task = tasks[0] if tasks else None
        if grantor is not None or holder is not None:
            raw_delegations.append((mandate, grantor, holder, task, mandate, True))

    # --- acts ------------------------------------------------------------------------
    act_nodes: set[Node] = set(graph.subjects(RDF.type, DL.LeadershipAct))
    for predicate in (DL.actor, DL.onOwnInitiative, DL.actKind):
        act_nodes.update(graph.subjects(predicate, None))
    act_nodes.update(graph.objects(None, DL.performed))

    # --- findings: where each is drawn ------------------------------------------------
    finding_list = tuple(_named_focus(graph, b, f) for f in findings or ())
    focus_to: dict[Node, list[int]] = defaultdict(list)
    drawn = units | people | rooms | paths
    for index, finding in enumerate(finding_list):
        focus_to[finding.focus].append(index)
        if finding.focus not in drawn:
            # a membership or post is drawn as its member, a claim as what it is about
            for predicate in (ORG.member, ORG.heldBy, DL.about):
                for stand_in in graph.objects(finding.focus, predicate):
                    if stand_in in drawn and index not in focus_to[stand_in]:
                        focus_to[stand_in].append(index)

    # materialise picture nodes
    for node, kind, type_label, parent_id, node_details, crosses in pending:
        node_id = b.node_id(node)
        own = list(focus_to.get(node, ()))
        b.nodes[node] = PictureNode(
            id=node_id,
            kind=kind,
            label=b.label(node),
            iri=str(node) if isinstance(node, URIRef) else "",
            type_label=type_label,
            parent=parent_id,
            details=node_details,
            crosses=crosses,
            quotes=b.quotes_of(node),
            findings=tuple(own),
        )
        for index in own:
            node_findings[node_id].append(index)
    picture: list[PictureNode] = []
    if any_unplaced and people:
        picture.append(
            PictureNode(
                id=unplaced_group,
                kind="group",
                label=b.t("not_in_a_unit"),
                iri="",
                type_label=b.t("group"),
                parent=None,
            )
        )

    # acts are drawn on their actor; findings on an act go to the actor too
    acts: list[Act] = []
    period_nodes = _sorted(graph.subjects(RDF.type, DL.Period))
    period_ranges: list[tuple[dt.date, dt.date, Node]] = []
    for period in period_nodes:
        starts, finishes = _interval(graph, period)
        if starts is not None and finishes is not None:
            period_ranges.append((starts, finishes, period))
    period_ranges.sort(key=lambda item: (item[0], item[1], str(item[2])))
    period_order: dict[str, tuple[int, str]] = {}
    extra_findings: dict[str, list[int]] = defaultdict(list)
    for act in _sorted(act_nodes):
        actor = _first(graph, act, DL.actor) or _first(graph, act, PROV.wasAssociatedWith)
        if actor is None:
            performers = _sorted(graph.subjects(DL.performed, act))
            actor = performers[0] if performers else None
        own_values = list(graph.objects(act, DL.onOwnInitiative))
        initiative = "unknown"
        if own_values:
            initiative = "own" if _sorted(own_values)[0].toPython() is True else "directed"  # type: ignore[attr-defined]
        elif (act, DL.directedBy, None) in graph:
            initiative = "directed"
        started = _first(graph, act, PROV.startedAtTime, PROV.atTime)
        when = _date_of(graph, started)
        period_label, order = _period_for(graph, b, act, when, period_ranges)
        period_order.setdefault(period_label, order)
        actor_id = b.ids.get(actor) if actor is not None else None
        own_findings = tuple(focus_to.get(act, ()))
        if actor_id is not None:
            extra_findings[actor_id].extend(own_findings)
        acts.append(
            Act(
                iri=str(act),
                label=b.label(act),
                actor=b.label(actor) if actor is not None else b.t("unknown_actor"),
                kinds=tuple(sorted(b.label(k) for k in graph.objects(act, DL.actKind))),
                initiative=initiative,
                directed_by=", ".join(
                    b.label(x) for x in _sorted(graph.objects(act, DL.directedBy))
                ),
                situation=", ".join(
                    b.label(x) for x in _sorted(graph.objects(act, DL.inSituation))
                ),
                role=", ".join(b.label(x) for x in _sorted(graph.objects(act, DL.inRole))),
                when=when.isoformat() if when else "",
                period=period_label,
                quotes=b.quotes_of(act),
                findings=own_findings,
                node=actor_id,
            )
        )
    periods = tuple(
        Period(
            label=label,
            acts=tuple(
                sorted(
                    (a for a in acts if a.period == label), key=lambda a: (a.when, a.actor, a.iri)
                )
            ),
        )
        for label in sorted(period_order, key=lambda key: period_order[key])
    )

    # --- edges -------------------------------------------------------------------------
    edges: list[Edge] = []
    seen_edges: set[tuple[str, str, str]] = set()

    def add_edge(
        kind: str,
        source: str,
        target: str,
        label: str = "",
        *,
        crosses: bool = False,
        findings: tuple[int, ...] = (),
        delegation: int | None = None,
    ) -> Edge | None:
        key = (kind, source, target)
        if kind != "delegation" and key in seen_edges:
            return None
        seen_edges.add(key)
        edge = Edge(
            id=f"e{len(edges)}",
            kind=kind,
            source=source,
            target=target,
            label=label,
            crosses=crosses,
            findings=findings,
            delegation=delegation,
        )
        edges.append(edge)
        return edge

    # line and member edges point down the tree (parent to child), as the layout wants
    for unit in _sorted(units):
        for above in _sorted(parents.get(unit, ())):
            add_edge("line", b.ids[above], b.ids[unit])
    for person in _sorted(people):
        placed = person_units.get(person, [])
        for unit in placed:
            add_edge("member", b.ids[unit], b.ids[person])
        if not placed:
            add_edge("member", unplaced_group, b.ids[person])
    for room in _sorted(rooms):
        gathered: set[Node] = set()
        for member in _sorted(room_members.get(room, ())):
            gathered |= units_of(member)
            if member in b.ids and member != room:
                kind = "leads" if member in room_leaders.get(room, ()) else "room"
                add_edge(kind, b.ids[member], b.ids[room])
        # drawn instead of the member edges while people are folded into their units
        for unit in _sorted(gathered):
            add_edge("roomunit", b.ids[unit], b.ids[room])
    for path, (ends, crosses) in path_info.items():
        path_findings = tuple(focus_to.get(path, ()))
        if len(ends) == 2 and all(end in b.ids for end in ends):
            add_edge(
                "path",
                b.ids[ends[0]],
                b.ids[ends[1]],
                b.label(path),
                crosses=crosses,
                findings=path_findings,
            )
        elif path in b.ids:
            for end in ends:
                if end in b.ids:
                    add_edge("path", b.ids[end], b.ids[path], crosses=crosses)
        # drawn instead while people are folded into their units: unit to unit (or hub)
        end_units = [_sorted(units_of(end))[:1] for end in ends]
        if len(ends) == 2 and all(end_units) and end_units[0] != end_units[1]:
            add_edge(
                "pathunit",
                b.ids[end_units[0][0]],
                b.ids[end_units[1][0]],
                b.label(path),
                crosses=crosses,
                findings=path_findings,
            )
        elif len(ends) != 2 and path in b.ids:
            for found in end_units:
                if found:
                    add_edge("pathunit", b.ids[found[0]], b.ids[path], crosses=crosses)

    for delegation, delegator, delegatee, task, mandate, implicit in raw_delegations:
        related = [n for n in (delegation, task, mandate) if n is not None]
        own = []
        for node in related:
            for index in focus_to.get(node, ()):
                if index not in own:
                    own.append(index)
        edge_id = None
        if delegator in b.ids and delegatee in b.ids:
            assert delegator is not None and delegatee is not None
            edge = add_edge(
                "delegation",
                b.ids[delegator],
                b.ids[delegatee],
                b.label(task) if task is not None else b.t("task_not_named"),
                findings=tuple(own),
                delegation=len(delegations),
            )
            if edge is not None:
                edge_id = edge.id
        delegations.append(
            Delegation(
                iri=str(delegation),
                task=b.label(task) if task is not None else b.t("task_not_named"),
                delegator=b.label(delegator) if delegator is not None else b.t("nobody"),
                delegatee=b.label(delegatee) if delegatee is not None else b.t("nobody"),
                mandate=mandate_view(mandate) if mandate is not None else None,
                implicit=implicit,
                quotes=b.quotes_of(*related),
                findings=tuple(own),
                edge=edge_id,
            )
        )

    chains = _chains(raw_delegations, delegations)

    # --- where each finding is drawn, and the evidence behind it ----------------------
    finding_nodes: list[str | None] = []
    finding_quotes: list[tuple[int, ...]] = []
    for index, finding in enumerate(finding_list):
        target: str | None = None
        stand_ins = [
            node
            for predicate in (ORG.member, ORG.heldBy, DL.about)
            for node in _sorted(graph.objects(finding.focus, predicate))
            if node in b.nodes
        ]
        if finding.focus in b.nodes:
            target = b.nodes[finding.focus].id
        elif stand_ins:
            target = b.nodes[stand_ins[0]].id
        else:
            for edge in edges:
                if index in edge.findings:
                    target = edge.id
                    break
            else:
                for act_view in acts:
                    if index in act_view.findings and act_view.node is not None:
                        target = act_view.node
                        break
        finding_nodes.append(target)
        subjects: list[Node] = [finding.focus]
        subjects.extend(graph.objects(finding.focus, DL.about))
        finding_quotes.append(b.quotes_of(*subjects))

    nodes_out: list[PictureNode] = []
    for node, picture_node in b.nodes.items():
        del node
        more = extra_findings.get(picture_node.id)
        if more:
            merged = tuple(dict.fromkeys(picture_node.findings + tuple(more)))
            picture_node = PictureNode(**{**picture_node.__dict__, "findings": merged})
        nodes_out.append(picture_node)
    picture.extend(nodes_out)

    rules: dict[int | None, list[int]] = defaultdict(list)
    rule_labels: dict[int | None, list[str]] = defaultdict(list)
    for index, finding in enumerate(finding_list):
        rules[finding.rule].append(index)
        if finding.rule_label and finding.rule_label not in rule_labels[finding.rule]:
            rule_labels[finding.rule].append(finding.rule_label)
    rule_groups = tuple(
        RuleGroup(
            rule=rule,
            label=(
                b.t("other_findings")
                if rule is None
                else " · ".join(sorted(rule_labels.get(rule, [])))
            ),
            findings=tuple(
                sorted(
                    rules[rule],
                    key=lambda i: (
                        SEVERITIES.index(finding_list[i].severity)
                        if finding_list[i].severity in SEVERITIES
                        else 9,
                        finding_list[i].focus_label,
                    ),
                )
            ),
        )
        for rule in sorted(rules, key=lambda r: (r is None, r or 0))
    )

    claims = set(graph.subjects(RDF.type, DL.Claim)) | set(graph.subjects(DL.about, None))
    quote_nodes = set(graph.subjects(RDF.type, DL.Quote)) | set(graph.subjects(DL.quoteText, None))
    source_classes = _closure(class_graph, [DL.Source])
    sources = _instances(graph, source_classes) | set(graph.objects(None, DL.quotedFrom))
    severities = [f.severity for f in finding_list]
    summary = Summary(
        units=len(units),
        people=len(people),
        rooms=len(rooms),
        rooms_crossing=sum(1 for n in picture if n.kind == "room" and n.crosses),
        paths=len(paths),
        paths_crossing=sum(1 for _, crosses in path_info.values() if crosses),
        delegations=sum(1 for d in delegations if not d.implicit),
        mandates=len(mandate_nodes),
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
    if title is None:
        top = [u for u in _sorted(units) if not parents.get(u)]
        title = ", ".join(b.label(u) for u in top[:3]) or b.t("organisation")
    return ReportView(
        lang=lang,
        title=title,
        nodes=tuple(picture),
        edges=tuple(edges),
        delegations=tuple(delegations),
        chains=chains,
        periods=periods,
        quotes=tuple(b.quotes),
        findings=finding_list,
        finding_quotes=tuple(finding_quotes),
        finding_nodes=tuple(finding_nodes),
        rules=rule_groups,
        summary=summary,
        validated=findings is not None,
    )


def _named_focus(graph: Graph, b: _Builder, finding: Finding) -> Finding:
    """A finding on an unnamed membership or post, named by who holds what where."""
    focus = finding.focus
    if not isinstance(focus, BNode) or b.labels.has_label(focus):
        return finding
    holder = _first(graph, focus, ORG.member, ORG.heldBy)
    where = _first(graph, focus, ORG.organization, ORG.postIn)
    role = _first(graph, focus, ORG.role)
    if holder is None:
        return finding
    parts = [b.label(holder)]
    if role is not None:
        parts.append(b.label(role))
    name = ", ".join(parts) + (f" ({b.label(where)})" if where is not None else "")
    return replace(finding, focus_label=name)


def _period_for(
    graph: Graph,
    b: _Builder,
    act: Node,
    when: dt.date | None,
    ranges: list[tuple[dt.date, dt.date, Node]],
) -> tuple[str, tuple[int, str]]:
    """The period an act belongs to, and a key that orders periods in time."""
    named = _sorted(graph.objects(act, DL.inPeriod))
    if named:
        period = named[0]
        begin, _ = _interval(graph, period)
        return b.label(period), (0, begin.isoformat() if begin else "9999")
    if when is not None:
        for begin, end, period in ranges:
            if begin <= when <= end:
                return b.label(period), (0, begin.isoformat())
        half = 1 if when.month <= 6 else 2
        start = dt.date(when.year, 1 if half == 1 else 7, 1)
        return half_year_label(when.year, half, b.lang), (0, start.isoformat())
    return b.t("no_date"), (1, "")


def _chains(
    raw: list[tuple[Node, Node | None, Node | None, Node | None, Node | None, bool]],
    delegations: list[Delegation],
) -> tuple[tuple[str, tuple[int, ...]], ...]:
    """The delegations of each task, ordered along the chain from the first delegator."""
    by_task: dict[Node | None, list[int]] = defaultdict(list)
    for index, (_, _, _, task, _, _) in enumerate(raw):
        by_task[task].append(index)
    chains: list[tuple[str, tuple[int, ...]]] = []
    for task in _sorted(t for t in by_task if t is not None) + ([None] if None in by_task else []):
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
        chains.append((delegations[indexes[0]].task, tuple(ordered)))
    return tuple(chains)
