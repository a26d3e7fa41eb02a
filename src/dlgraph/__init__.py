"""dlgraph: a knowledge-graph library and OWL ontology for distributed leadership."""

from __future__ import annotations

from ._version import __version__
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
from .namespaces import DL, DLSH
from .ontology import ontology
from .report import Severity, ValidationReport, ValidationResult
from .validate import shape_sets, validate

__all__ = [
    "DL",
    "DLSH",
    "AuthoringError",
    "DlgraphError",
    "EnvironmentProblem",
    "InputError",
    "LimitExceeded",
    "NetworkRefused",
    "ParseError",
    "QueryError",
    "QuerySyntaxError",
    "ReadOnlyError",
    "RemoteError",
    "Severity",
    "ShapesError",
    "TimeoutExceeded",
    "UnknownNameError",
    "ValidationReport",
    "ValidationResult",
    "__version__",
    "ontology",
    "shape_sets",
    "validate",
]
