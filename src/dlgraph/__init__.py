"""dlgraph: a knowledge-graph library and OWL ontology for distributed leadership."""

from __future__ import annotations

from ._version import __version__
from .anonymize import Anonymization, anonymize
from .authoring import load_case, new_case
from .compare import MunicipalityComparison, MunicipalityRow, compare_municipalities
from .docs import write_docs
from .endpoint import Endpoint, PushResult
from .errors import (
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
from .federation import federated_named_query, federated_query
from .formats import FORMATS, RdfFormat
from .graph import AUTO_OXIGRAPH_BYTES, INFERRED_GRAPH, Engine, LoadedSource, OrgGraph
from .htmlreport import findings_of, html_report, write_report
from .load import LoadProgress, load
from .named_queries import NamedQuery, Parameter, named_query, queries
from .namespaces import DL, DLSH
from .network import NetworkPolicy
from .ontology import ontology
from .privacy import show_values
from .query import AskResult, GraphResult, QueryResult, SelectResult
from .reason import PROFILES, Reasoning
from .report import Severity, ValidationReport, ValidationResult
from .store import Store
from .synth import SynthSummary, synthesize
from .validate import shape_sets, validate
from .vocab import BundledVocabulary, bundled_vocabularies, resolve_import, vocabulary

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
