"""The records a report view is made of: small immutable values, one language each.

The HTML layer reads these and nothing else; every text in them is already labelled in
the view's language.
"""

from __future__ import annotations

from dataclasses import dataclass

from rdflib.term import Node

__all__ = [
    "DISTRIBUTION_COLUMNS",
    "SEVERITIES",
    "Act",
    "Delegation",
    "DistributionRow",
    "Edge",
    "Finding",
    "Mandate",
    "Period",
    "PictureNode",
    "Quote",
    "ReportView",
    "RuleGroup",
    "Summary",
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
    headline: str = ""
    """What is wrong, in a sentence (the message's first)."""
    advice: str = ""
    """The rest of the message: what to add or change."""
    place: str = ""
    """Where the researcher wrote it in a case file, in the report's language."""


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
class DistributionRow:
    """One unit's network and act-spread measures, as the report prints them."""

    unit: str
    cells: tuple[str, ...]
    """The measures in the order of :data:`DISTRIBUTION_COLUMNS`, "–" when undefined."""
    central: str
    """The central members' labels, comma-separated."""


DISTRIBUTION_COLUMNS: tuple[str, ...] = (
    "members",
    "ties",
    "density",
    "reciprocity",
    "indegree_centralization",
    "acts",
    "share_acts_non_formal",
    "acts_gini",
    "leadership_density",
)
"""The measures of the report's "How distributed?" table (keys of dlgraph.network)."""


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
    distribution: tuple[DistributionRow, ...] = ()
    """Per unit with two or more members: how distributed its leadership is."""
    distribution_network: str = ""
    """The network the distribution table measures (advice, else trust; empty: none)."""
