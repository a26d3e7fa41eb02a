"""The report's "How distributed?" section: each unit's network and act-spread measures.

The advice network is measured when the graph has advice ties, else the trust network;
units with fewer than two members are left out (their measures are undefined).
"""

from __future__ import annotations

from rdflib import Graph

from dlgraph.report.view.builder import Builder
from dlgraph.report.view.records import DISTRIBUTION_COLUMNS, DistributionRow
from dlgraph.sna.analysis import network
from dlgraph.sna.ties import ties

__all__ = ["read_distribution"]


def _cell(value: object) -> str:
    if value is None:
        return "–"
    return f"{value:.2f}" if isinstance(value, float) else str(value)


def read_distribution(b: Builder, graph: Graph) -> tuple[str, tuple[DistributionRow, ...]]:
    """The network measured ("" when the graph has neither advice nor trust ties) and a
    row per unit of two or more members, by the unit's label."""
    kind = next((k for k in ("advice", "trust") if ties(graph, k)), "")
    if not kind:
        return "", ()
    rows = []
    for measures in network(graph, kind, by="unit").measures:
        if measures.members < 2:
            continue
        record = measures.as_dict()
        rows.append(
            DistributionRow(
                unit=b.label(measures.group),
                cells=tuple(_cell(record[column]) for column in DISTRIBUTION_COLUMNS),
                central=", ".join(b.label(m) for m in measures.central_members),
            )
        )
    return kind, tuple(sorted(rows, key=lambda r: r.unit))
