"""The named queries keep to SPARQL that rdflib, Oxigraph, Jena ARQ and Virtuoso 7.2
evaluate alike.

The engines' answers are compared where the engines run (tests/test_jena.py for Jena ARQ,
tests/test_virtuoso.py for Virtuoso); this test needs no server, so the forms measured to
go wrong on Virtuoso stay out of the named queries wherever the tests run. Each form is
listed with what Virtuoso 7.2 (Debian's 7.2.5) did with it.
"""

from __future__ import annotations

import re

import pytest

import dlgraph

# name: (pattern, what Virtuoso 7.2 does with it)
FORMS: dict[str, tuple[re.Pattern[str], str]] = {
    "bnode-function": (
        re.compile(r"\bBNODE\s*\(", re.IGNORECASE),
        "refuses the query: 'Built-in function is not implemented'",
    ),
    "exists-in-an-expression": (
        re.compile(
            r"(\|\||&&|\bIF\s*\(|\bCOALESCE\s*\()\s*(NOT\s+)?EXISTS\b|"
            r"\bEXISTS\s*\{[^{}]*\}\s*(\|\||&&)",
            re.IGNORECASE,
        ),
        "cannot compile EXISTS combined with || (SQL error SQ074)",
    ),
    "boolean-value": (
        re.compile(
            r"\bBIND\s*\(\s*(!|BOUND\s*\(|[^()]*\)\s*(=|!=|<|>)).*\bAS\s+\?\w+\s*\)",
            re.IGNORECASE,
        ),
        'writes a boolean as 1 or 0 (an integer), or as "1"^^xsd:boolean, never as true',
    ),
    "comparison-caught-by-coalesce": (
        re.compile(r"\bCOALESCE\s*\([^()]*\s(<|>|<=|>=|=|!=)\s", re.IGNORECASE),
        "takes a comparison with an unbound value as true, so COALESCE never sees an error",
    ),
    "comparison-with-a-parameter-unguarded": (
        re.compile(r"!BOUND\(\?(\w+)\)\s*\|\|\s*\?\w+\s*=\s*\?\1\)", re.IGNORECASE),
        "takes ?x = ?parameter as true when ?x is unbound",
    ),
    "zero-or-one-path-in-not-exists-or-minus": (
        re.compile(r"\b(NOT\s+EXISTS|MINUS)\s*\{[^}]*\)\?\s", re.IGNORECASE),
        "drops a different row from one run to the next",
    ),
}


_COMMENT = re.compile(r"(^|\s)#.*$", re.MULTILINE)
"""A comment: ``#`` at the start of a line or after a space (an IRI's ``#`` follows a letter
or a slash)."""


def _body(text: str) -> str:
    """The query without its comments."""
    return _COMMENT.sub("", text)


@pytest.mark.parametrize("name", [query.name for query in dlgraph.queries()])
def test_the_named_query_avoids_what_virtuoso_evaluates_differently(name: str) -> None:
    text = _body(dlgraph.named_query(name).sparql)
    found = {form: reason for form, (pattern, reason) in FORMS.items() if pattern.search(text)}
    assert found == {}


# The forms as the named queries had them before, each found by its pattern.
FORMER = {
    "bnode-function": "BIND(COALESCE(?mandate, BNODE()) AS ?mandateOrNone)",
    "exists-in-an-expression": "BIND(IF(EXISTS { ?act dl:inPeriod ?period1 }\n"
    "          || COALESCE(?day >= ?begin1 && ?day <= ?end1, false), 1, 0) AS ?inFirst)",
    "boolean-value": "BIND(!BOUND(?hasMandate) AS ?lacksMandate)",
    "comparison-caught-by-coalesce": "COALESCE(?day >= ?begin1 && ?day <= ?end1, false)",
    "comparison-with-a-parameter-unguarded": "FILTER(!BOUND(?inUnit) || ?unit = ?inUnit)",
    "zero-or-one-path-in-not-exists-or-minus": "FILTER NOT EXISTS {\n"
    "    ?from (org:memberOf|org:headOf)? ?shared .\n    ?to (org:memberOf)? ?shared .\n  }",
}


@pytest.mark.parametrize("form", FORMS)
def test_each_form_is_found(form: str) -> None:
    pattern, _ = FORMS[form]
    assert pattern.search(_body(FORMER[form]))
