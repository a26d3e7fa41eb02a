"""pySHACL, the reference SHACL engine, behind one function.

:func:`run_shacl` is the single entry point to pySHACL. :func:`dlgraph.validate` reaches
it through :mod:`dlgraph.validate.engines`, and the W3C SHACL conformance tests call it
with the suite's own shapes and data, so that the engine the conformance suite checks is
the one validation runs.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Mapping
from functools import lru_cache
from typing import Any, cast

from pyshacl import validate as pyshacl_validate
from pyshacl.errors import ReportableRuntimeError
from pyshacl.helper.sparql_query_helper import SPARQLQueryHelper
from rdflib import Graph
from rdflib.plugins.sparql import prepareQuery
from rdflib.plugins.sparql.sparql import Query
from rdflib.query import Result
from rdflib.term import Identifier

from dlgraph.errors import ShapesError
from dlgraph.validate.outcome import EngineOutcome

__all__ = ["run_shacl"]


class _DropAll(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        return False


_DROP_ALL = _DropAll()


def _silence_pyshacl() -> None:
    """Keep pySHACL from writing to stderr: the library never prints.

    pySHACL's ``validate`` attaches a fresh stderr handler to its logger on every call, so
    a level or a handler set beforehand does not hold; a filter on the logger does. What
    it would log, it also raises or reports, and dlgraph passes that on.
    """
    logger = logging.getLogger("pyshacl-validate")
    if _DROP_ALL not in logger.filters:
        logger.addFilter(_DROP_ALL)


def _remember_valid_sparql() -> None:
    """Check each SHACL-SPARQL query text for forbidden constructs once, not per node.

    pySHACL checks the text of a SPARQL constraint (no MINUS, VALUES, SERVICE, nested
    SELECT without the pre-bound variables, no AS ?this ...) before every evaluation, for
    every focus node, with regular expressions whose cost grows with the square of the
    text's length. The check depends only on the text and on which variables may be
    pre-bound, so a text that passed once passes again: the first outcome is kept. A
    text that fails is checked (and fails) every time, as before.
    """
    original: Callable[..., object] = SPARQLQueryHelper.check_invalid_sparql
    if getattr(original, "_dlgraph_remembers", False):
        return
    passed: set[tuple[str, bool, frozenset[str]]] = set()

    def check_invalid_sparql(
        self: SPARQLQueryHelper,
        sparql_text: str,
        valuenode: object = None,
        extravars: object = None,
    ) -> bool:
        extra = frozenset(str(v) for v in cast(Iterable[object], extravars or ()))
        key = (sparql_text, valuenode is not None, extra)
        if key not in passed:
            original(self, sparql_text, valuenode=valuenode, extravars=extravars)
            passed.add(key)
        return True

    check_invalid_sparql._dlgraph_remembers = True  # type: ignore[attr-defined]
    SPARQLQueryHelper.check_invalid_sparql = check_invalid_sparql  # type: ignore[method-assign]


_remember_valid_sparql()


@lru_cache(maxsize=512)
def _prepared(text: str, namespaces: tuple[tuple[str, str], ...]) -> Query:
    return prepareQuery(text, initNs=dict(namespaces))


class _PreparedQueryGraph(Graph):
    """A Graph that parses each SPARQL query text once and reuses it.

    pySHACL runs every SHACL-SPARQL constraint as a fresh query string for each focus
    node, with the focus node pre-bound; parsing dominated validation time. A prepared
    query evaluates with other initial bindings unchanged, so parsing it once per text
    gives the same results.
    """

    def query(  # type: ignore[override]
        self,
        query_object: str | Query,
        processor: str = "sparql",
        result: str = "sparql",
        initNs: Mapping[str, Any] | None = None,  # noqa: N803
        initBindings: Mapping[str, Identifier] | None = None,  # noqa: N803
        use_store_provided: bool = True,
        **kwargs: Any,
    ) -> Result:
        if isinstance(query_object, str) and not kwargs.get("base"):
            namespaces = initNs if initNs is not None else dict(self.namespaces())
            key = tuple(sorted((str(p), str(n)) for p, n in namespaces.items()))
            query_object = _prepared(query_object, key)
        return super().query(
            query_object,
            processor,
            result,
            initNs,
            initBindings,
            use_store_provided,
            **kwargs,
        )


def run_shacl(data: Graph, shapes: Graph) -> EngineOutcome:
    """Validate ``data`` against ``shapes`` (SHACL Core and SHACL-SPARQL).

    ``data`` itself is never changed: the engine works on a copy. Reasoning, if wanted,
    is the caller's (``dlgraph.validate`` adds what :func:`dlgraph.reason.infer.infer` finds);
    the SHACL Advanced Features (rules, functions, SPARQL targets) are off. Shapes the
    engine cannot use (malformed, or using unsupported SPARQL) raise :class:`ShapesError`.
    """
    _silence_pyshacl()
    # The engine works in place on this copy: data stays as it was, and pySHACL need not
    # clone it again.
    working = _PreparedQueryGraph()
    for prefix, namespace in data.namespaces():
        working.bind(prefix, namespace, override=True, replace=True)
    for triple in data:
        working.add(triple)
    try:
        conforms, report, _text = pyshacl_validate(
            working,
            shacl_graph=shapes,
            inference="none",
            advanced=False,
            inplace=True,
            allow_infos=False,
            allow_warnings=False,
        )
    except ReportableRuntimeError as error:
        raise ShapesError(
            f"the SHACL engine cannot use these shapes: {error.message}",
            hint="check the shapes for malformed constraints or unsupported SPARQL",
        ) from error
    except NotImplementedError as error:
        raise ShapesError(
            f"the SHACL engine does not support a feature these shapes use: {error}",
            hint="see the README's notes on SHACL conformance for what is not supported",
        ) from error
    except RecursionError as error:
        raise ShapesError(
            "the SHACL engine ran out of stack on these shapes or this data",
            hint="look for very deep lists or property paths in the shapes",
        ) from error
    except Exception as error:  # rdflib raises bare Exception from SPARQL constraints
        raise ShapesError(
            f"the SHACL engine failed on these shapes: {error}",
            hint="check the shapes' SPARQL: FROM, GRAPH and SERVICE are not supported",
        ) from error
    if not isinstance(report, Graph):
        # pySHACL returns the failure in place of the report when validation fails.
        raise ShapesError(
            f"the SHACL engine failed: {report}",
            hint="check the shapes for malformed constraints or unsupported SPARQL",
        )
    return EngineOutcome(conforms=bool(conforms), report=report)
