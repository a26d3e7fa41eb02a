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
    TimeoutExceeded,
    UnknownNameError,
)
from .namespaces import DL, DLSH
from .ontology import ontology
from .vocab import BundledVocabulary, bundled_vocabularies, resolve_import, vocabulary

__all__ = [
    "DL",
    "DLSH",
    "AuthoringError",
    "BundledVocabulary",
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
    "TimeoutExceeded",
    "UnknownNameError",
    "__version__",
    "bundled_vocabularies",
    "ontology",
    "resolve_import",
    "vocabulary",
]
