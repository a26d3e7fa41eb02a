"""dlgraph: a knowledge-graph library and OWL ontology for distributed leadership.

The public API is what ``__all__`` names; each name is imported from its subpackage the
first time it is used (PEP 562), so that ``import dlgraph`` costs little more than Python
itself and a command or a program pays only for the parts it uses. The exception tree
(:mod:`dlgraph.errors`) and the version are always there.

Four public functions share their names with the subpackages that hold them:
``dlgraph.load``, ``dlgraph.validate``, ``dlgraph.ontology`` and ``dlgraph.anonymize`` are
the functions. Their modules are reached with ``from dlgraph.validate import engines``
(``import dlgraph.validate.engines as engines`` would look ``engines`` up on the function).
"""

import importlib as _importlib
import sys as _sys
import types as _types
import typing as _typing

from dlgraph._version import __version__
from dlgraph.errors import (
    AuthoringError,
    DlgraphError,
    EnvironmentProblem,
    InputError,
    LimitExceeded,
    NetworkRefused,
    ParseError,
    QueryError,
    QuerySyntaxError,
    ReadOnlyError,
    RemoteError,
    ShapesError,
    TimeoutExceeded,
    UnknownNameError,
)

if _typing.TYPE_CHECKING:
    from dlgraph.anonymize.pseudonyms import Anonymization, anonymize
    from dlgraph.authoring import load_case, new_case
    from dlgraph.authoring.synth import SynthSummary, synthesize
    from dlgraph.federate.compare import (
        MunicipalityComparison,
        MunicipalityRow,
        compare_municipalities,
    )
    from dlgraph.federate.endpoint import Endpoint, PushResult
    from dlgraph.federate.federation import federated_named_query, federated_query
    from dlgraph.formats import FORMATS, RdfFormat
    from dlgraph.graph import AUTO_OXIGRAPH_BYTES, INFERRED_GRAPH, Backend, Engine, OrgGraph, load
    from dlgraph.load.sources import LoadedSource, LoadProgress
    from dlgraph.network import NetworkPolicy
    from dlgraph.ontology.graphs import ontology
    from dlgraph.ontology.namespaces import DL, DLSH
    from dlgraph.ontology.vocab import (
        BundledVocabulary,
        bundled_vocabularies,
        resolve_import,
        vocabulary,
    )
    from dlgraph.privacy import show_values
    from dlgraph.query.named import NamedQuery, Parameter, named_query, queries
    from dlgraph.query.results import AskResult, GraphResult, QueryResult, SelectResult
    from dlgraph.reason.infer import PROFILES, Reasoning
    from dlgraph.report.docs import write_docs
    from dlgraph.report.html import findings_of, html_report, write_report
    from dlgraph.sna.analysis import NetworkResult, network
    from dlgraph.store import Store
    from dlgraph.validate.api import shape_sets, validate
    from dlgraph.validate.report import Severity, ValidationReport, ValidationResult

_LAZY: dict[str, str] = {
    "AUTO_OXIGRAPH_BYTES": "dlgraph.graph",
    "DL": "dlgraph.ontology.namespaces",
    "DLSH": "dlgraph.ontology.namespaces",
    "FORMATS": "dlgraph.formats",
    "INFERRED_GRAPH": "dlgraph.graph",
    "PROFILES": "dlgraph.reason.infer",
    "Anonymization": "dlgraph.anonymize.pseudonyms",
    "AskResult": "dlgraph.query.results",
    "Backend": "dlgraph.graph",
    "BundledVocabulary": "dlgraph.ontology.vocab",
    "Endpoint": "dlgraph.federate.endpoint",
    "Engine": "dlgraph.graph",
    "GraphResult": "dlgraph.query.results",
    "LoadProgress": "dlgraph.load.sources",
    "LoadedSource": "dlgraph.load.sources",
    "MunicipalityComparison": "dlgraph.federate.compare",
    "MunicipalityRow": "dlgraph.federate.compare",
    "NamedQuery": "dlgraph.query.named",
    "NetworkPolicy": "dlgraph.network",
    "NetworkResult": "dlgraph.sna.analysis",
    "OrgGraph": "dlgraph.graph",
    "Parameter": "dlgraph.query.named",
    "PushResult": "dlgraph.federate.endpoint",
    "QueryResult": "dlgraph.query.results",
    "RdfFormat": "dlgraph.formats",
    "Reasoning": "dlgraph.reason.infer",
    "SelectResult": "dlgraph.query.results",
    "Severity": "dlgraph.validate.report",
    "Store": "dlgraph.store",
    "SynthSummary": "dlgraph.authoring.synth",
    "ValidationReport": "dlgraph.validate.report",
    "ValidationResult": "dlgraph.validate.report",
    "anonymize": "dlgraph.anonymize.pseudonyms",
    "bundled_vocabularies": "dlgraph.ontology.vocab",
    "compare_municipalities": "dlgraph.federate.compare",
    "federated_named_query": "dlgraph.federate.federation",
    "federated_query": "dlgraph.federate.federation",
    "findings_of": "dlgraph.report.html",
    "html_report": "dlgraph.report.html",
    "load": "dlgraph.graph",
    "load_case": "dlgraph.authoring",
    "named_query": "dlgraph.query.named",
    "network": "dlgraph.sna.analysis",
    "new_case": "dlgraph.authoring",
    "ontology": "dlgraph.ontology.graphs",
    "queries": "dlgraph.query.named",
    "resolve_import": "dlgraph.ontology.vocab",
    "shape_sets": "dlgraph.validate.api",
    "show_values": "dlgraph.privacy",
    "synthesize": "dlgraph.authoring.synth",
    "validate": "dlgraph.validate.api",
    "vocabulary": "dlgraph.ontology.vocab",
    "write_docs": "dlgraph.report.docs",
    "write_report": "dlgraph.report.html",
}
"""Where each public name lives, imported when it is first used."""

__all__ = [
    "AUTO_OXIGRAPH_BYTES",
    "DL",
    "DLSH",
    "FORMATS",
    "INFERRED_GRAPH",
    "PROFILES",
    "Anonymization",
    "AskResult",
    "AuthoringError",
    "Backend",
    "BundledVocabulary",
    "DlgraphError",
    "Endpoint",
    "Engine",
    "EnvironmentProblem",
    "GraphResult",
    "InputError",
    "LimitExceeded",
    "LoadProgress",
    "LoadedSource",
    "MunicipalityComparison",
    "MunicipalityRow",
    "NamedQuery",
    "NetworkPolicy",
    "NetworkRefused",
    "NetworkResult",
    "OrgGraph",
    "Parameter",
    "ParseError",
    "PushResult",
    "QueryError",
    "QueryResult",
    "QuerySyntaxError",
    "RdfFormat",
    "ReadOnlyError",
    "Reasoning",
    "RemoteError",
    "SelectResult",
    "Severity",
    "ShapesError",
    "Store",
    "SynthSummary",
    "TimeoutExceeded",
    "UnknownNameError",
    "ValidationReport",
    "ValidationResult",
    "__version__",
    "anonymize",
    "bundled_vocabularies",
    "compare_municipalities",
    "federated_named_query",
    "federated_query",
    "findings_of",
    "html_report",
    "load",
    "load_case",
    "named_query",
    "network",
    "new_case",
    "ontology",
    "queries",
    "resolve_import",
    "shape_sets",
    "show_values",
    "synthesize",
    "validate",
    "vocabulary",
    "write_docs",
    "write_report",
]

_SHADOWED = frozenset({"anonymize", "load", "network", "ontology", "validate"})
"""Public functions named like the subpackage (or module) that holds them: ``network``
is the function :func:`dlgraph.sna.network`, not the module ``dlgraph.network`` of the
network policy."""


def __getattr__(name: str) -> _typing.Any:
    """The public name ``name``, imported from its module on first use (PEP 562)."""
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'dlgraph' has no attribute {name!r}")
    value = getattr(_importlib.import_module(module), name)
    if name not in _SHADOWED:
        globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})


class _Package(_types.ModuleType):
    """dlgraph's module: the functions named like subpackages or modules keep their names.

    Importing a submodule sets an attribute of its parent named like it; without this,
    the first ``import dlgraph.load.sources`` (done by Store, say) would replace the
    function ``dlgraph.load`` by the package ``dlgraph.load``.
    """

    def __getattribute__(self, name: str) -> _typing.Any:
        if name in _SHADOWED:
            return __getattr__(name)
        return super().__getattribute__(name)


_sys.modules[__name__].__class__ = _Package
