"""Many municipalities: SPARQL servers, federated queries, and municipalities side by side.

Exports :class:`Endpoint` (a SPARQL 1.1 server: queries, Graph Store uploads),
:func:`federated_query` and :func:`federated_named_query` (one query over several
servers), and :func:`compare_municipalities` (one row per municipality).
"""

from __future__ import annotations

from dlgraph.federate.compare import MunicipalityComparison, MunicipalityRow, compare_municipalities
from dlgraph.federate.endpoint import Endpoint, PushResult
from dlgraph.federate.federation import federated_named_query, federated_query

__all__ = [
    "Endpoint",
    "MunicipalityComparison",
    "MunicipalityRow",
    "PushResult",
    "compare_municipalities",
    "federated_named_query",
    "federated_query",
]
