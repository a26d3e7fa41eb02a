"""How distributed is the leadership: networks among persons and their measures.

:func:`network` builds a directed networkx graph of advice, trust, delegation or
direction ties among the persons of an organisation graph, and measures it per unit,
room or municipality (density, reciprocity, indegree centralization, the central
members and their roles) together with the spread of the members' leadership acts.
:mod:`dlgraph.sna.export` writes it as GraphML, GEXF or CSV.
"""

from __future__ import annotations

from dlgraph.sna.analysis import GroupMeasures, NetworkResult, PersonMeasures, network
from dlgraph.sna.export import EXPORTS, ExportFormat, export_network
from dlgraph.sna.groups import GROUPINGS, Group, Grouping
from dlgraph.sna.measures import Measure
from dlgraph.sna.ties import NETWORKS, NetworkKind, ties

__all__ = [
    "EXPORTS",
    "GROUPINGS",
    "NETWORKS",
    "ExportFormat",
    "Group",
    "GroupMeasures",
    "Grouping",
    "Measure",
    "NetworkKind",
    "NetworkResult",
    "PersonMeasures",
    "export_network",
    "network",
    "ties",
]
