"""dlgraph: a knowledge-graph library and OWL ontology for distributed leadership."""

from __future__ import annotations

from ._version import __version__
from .anonymize.pseudonyms import Anonymization, anonymize
from .authoring import load_case, new_case
from .authoring.synth import SynthSummary, synthesize
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
from .federate.compare import MunicipalityComparison, MunicipalityRow, compare_municipalities
from .federate.endpoint import Endpoint, PushResult
from .federate.federation import federated_named_query, federated_query
from .formats import FORMATS, RdfFormat
from .graph import AUTO_OXIGRAPH_BYTES, INFERRED_GRAPH, Engine, LoadedSource, OrgGraph
from .load.sources import LoadProgress, load
from .network import NetworkPolicy
from .ontology.graphs import ontology
from .ontology.namespaces import DL, DLSH
from .ontology.vocab import BundledVocabulary, bundled_vocabularies, resolve_import, vocabulary
from .privacy import show_values
from .query.named import NamedQuery, Parameter, named_query, queries
from .query.run import AskResult, GraphResult, QueryResult, SelectResult
from .reason.infer import PROFILES, Reasoning
from .report.docs import write_docs
from .report.html import findings_of, html_report, write_report
from .store import Store
from .validate.api import shape_sets, validate
from .validate.report import Severity, ValidationReport, ValidationResult

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
