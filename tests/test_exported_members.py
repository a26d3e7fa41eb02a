"""``dlgraph.__all__`` is exactly what the package exports, and stays what it was.

The public names are imported on first use; these tests check that each one resolves to
what its subpackage defines, that nothing public is exported outside ``__all__``, that
the four functions named like subpackages stay functions whatever is imported, and
that ``import dlgraph`` loads none of the heavy parts.
"""

from __future__ import annotations

import importlib
import subprocess
import sys
import types

import dlgraph

# The public API as it was before the package was laid out in subpackages, plus Backend
# (the storage backend's new name; Engine stays as its former name), network and NetworkResult.
PUBLIC = {
    "AUTO_OXIGRAPH_BYTES", "DL", "DLSH", "FORMATS", "INFERRED_GRAPH", "PROFILES",
    "Anonymization", "AskResult", "AuthoringError", "Backend", "BundledVocabulary",
    "DlgraphError", "Endpoint", "Engine", "EnvironmentProblem", "GraphResult", "InputError",
    "LimitExceeded", "LoadProgress", "LoadedSource", "MunicipalityComparison",
    "MunicipalityRow", "NamedQuery", "NetworkPolicy", "NetworkRefused", "NetworkResult",
    "OrgGraph",
    "Parameter", "ParseError", "PushResult", "QueryError", "QueryResult", "QuerySyntaxError",
    "RdfFormat", "ReadOnlyError", "Reasoning", "RemoteError", "SelectResult", "Severity",
    "ShapesError", "Store", "SynthSummary", "TimeoutExceeded", "UnknownNameError",
    "ValidationReport", "ValidationResult", "__version__", "anonymize",
    "bundled_vocabularies", "compare_municipalities", "federated_named_query",
    "federated_query", "findings_of", "html_report", "load", "load_case", "named_query",
    "network", "new_case", "ontology", "queries", "resolve_import", "shape_sets", "show_values",
    "synthesize", "validate", "vocabulary", "write_docs", "write_report",
}  # fmt: skip

SUBPACKAGES = (
    "anonymize",
    "authoring",
    "cli",
    "federate",
    "load",
    "ontology",
    "oxigraph",
    "query",
    "reason",
    "report",
    "sna",
    "validate",
)


def test_all_is_the_public_api() -> None:
    assert set(dlgraph.__all__) == PUBLIC
    assert len(dlgraph.__all__) == len(PUBLIC)


def test_all_is_exactly_what_the_package_exports() -> None:
    for name in SUBPACKAGES:
        importlib.import_module(f"dlgraph.{name}")
    exported = {
        name
        for name in dir(dlgraph)
        if not name.startswith("_") and not isinstance(getattr(dlgraph, name), types.ModuleType)
    }
    assert exported == PUBLIC - {"__version__"}


def test_every_public_name_is_its_subpackage_s_own() -> None:
    for name in dlgraph.__all__:
        value = getattr(dlgraph, name)
        if isinstance(value, type | types.FunctionType):
            assert value.__module__.startswith("dlgraph."), name
            assert value.__name__ == name, name


def test_the_functions_named_like_subpackages_stay_functions() -> None:
    for name in SUBPACKAGES:
        importlib.import_module(f"dlgraph.{name}")
    importlib.import_module("dlgraph.network")
    for name in ("load", "validate", "ontology", "anonymize", "network"):
        value = getattr(dlgraph, name)
        assert isinstance(value, types.FunctionType), name
    from dlgraph import load, validate
    from dlgraph.validate import engines

    assert (load.__name__, validate.__name__) == ("load", "validate")
    assert engines.__name__ == "dlgraph.validate.engines"


def test_import_dlgraph_loads_no_heavy_part() -> None:
    script = (
        "import sys, dlgraph\n"
        "heavy = ['rdflib', 'pyoxigraph', 'pyshacl', 'owlready2', 'owlrl', 'oxrdflib', "
        "'typer', 'rich', 'jinja2', 'yaml']\n"
        "print(sorted(m for m in heavy if m in sys.modules))\n"
    )
    loaded = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    ).stdout.strip()
    assert loaded == "[]"
