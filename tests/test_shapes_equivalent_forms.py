"""Every rule test graph, rewritten into each form the ontology declares equivalent.

The forms come from the merged ontology's own axioms, not from a list kept here:

* ``p owl:inverseOf q``: every ``s p o`` becomes ``o q s``, and every ``s q o`` becomes
  ``o p s`` (both ways: the data may be written with either property alone);
* ``sub rdfs:subPropertyOf super``: every ``s sub o`` gains ``s super o``, what the
  axiom entails (a shape that reads ``super`` must also read ``sub``).

Each rewritten graph must give exactly the findings its ``.expected`` file lists for the
graph as written, on both engines.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef

import dlgraph
from dlgraph import DL
from dlgraph.ontology.namespaces import ORG, OWL, PREFIXES, PROV, RDFS, SH
from dlgraph.validate.api import shapes_graph
from test_shapes import CASES, _case_id, actual_results, expected_results

Form = tuple[str, URIRef, URIRef]


def _forms() -> list[Form]:
    ontology = dlgraph.ontology("merged")
    forms: list[Form] = []
    for p, q in ontology.subject_objects(OWL.inverseOf):
        if isinstance(p, URIRef) and isinstance(q, URIRef):
            forms += [("inverse", p, q), ("inverse", q, p)]
    for sub, sup in ontology.subject_objects(RDFS.subPropertyOf):
        if isinstance(sub, URIRef) and isinstance(sup, URIRef):
            forms.append(("entailed", sub, sup))
    return sorted(set(forms))


FORMS = _forms()


def rewrite(graph: Graph, form: Form) -> Graph:
    """``graph`` in the equivalent ``form`` (a new graph; the original is left alone)."""
    kind, p, q = form
    out = Graph()
    for prefix, namespace in graph.namespaces():
        out.bind(prefix, namespace)
    for s, pred, o in graph:
        if pred == p and kind == "inverse" and not isinstance(o, Literal):
            out.add((o, q, s))
        else:
            out.add((s, pred, o))
            if pred == p and kind == "entailed":
                out.add((s, q, o))
    return out


def _applicable() -> list[tuple[Path, Form]]:
    pairs = []
    for case in CASES:
        used = set(Graph().parse(case).predicates())
        pairs += [(case, form) for form in FORMS if form[1] in used]
    return pairs


def _id(pair: tuple[Path, Form]) -> str:
    case, (kind, p, q) = pair
    short = [str(t).rsplit("#", 1)[-1].rsplit("/", 1)[-1] for t in (p, q)]
    return f"{_case_id(case)}:{kind}:{short[0]}->{short[1]}"


PAIRS = _applicable()


def test_the_forms_come_from_the_ontology() -> None:
    inverse = {(p, q) for kind, p, q in FORMS if kind == "inverse"}
    assert (DL.delegatee, PROV.qualifiedDelegation) in inverse
    assert (PROV.qualifiedDelegation, DL.delegatee) in inverse
    assert (DL.delegatedThrough, DL.delegatedTask) in inverse
    assert ("entailed", DL.inLineUnder, ORG.subOrganizationOf) in FORMS


def test_every_form_of_a_property_the_shapes_read_is_exercised() -> None:
    # A pair is exercised when some rule test graph is written with one of its two
    # properties (the rewrite then gives the other); a pair no rule reads needs none.
    exercised = {form[1:] for _, form in PAIRS}
    shapes = shapes_graph().serialize(format="nt")

    def read(term: URIRef) -> bool:
        return f"<{term}>" in shapes or _in_queries(term)

    for kind, p, q in FORMS:
        if kind == "inverse" and (read(p) or read(q)):
            assert (p, q) in exercised or (q, p) in exercised, (p, q)
        elif kind == "entailed" and read(q):
            assert (p, q) in exercised, (p, q)


def _in_queries(term: URIRef) -> bool:
    namespace, local = _split(term)
    prefix = next((k for k, v in PREFIXES.items() if v == namespace), None)
    texts = [str(q) for q in shapes_graph().objects(None, SH.select)]
    return prefix is not None and any(re.search(rf"\b{prefix}:{local}\b", t) for t in texts)


def _split(term: URIRef) -> tuple[str, str]:
    text = str(term)
    cut = max(text.rfind("#"), text.rfind("/")) + 1
    return text[:cut], text[cut:]


def test_rewriting_changes_the_graph() -> None:
    case, form = next(pair for pair in PAIRS if pair[1][0] == "inverse")
    graph = Graph().parse(case)
    rewritten = rewrite(graph, form)
    assert (None, form[1], None) not in rewritten
    assert (None, form[2], None) in rewritten
    assert len(rewritten) == len(graph) or form[1] == form[2]


@pytest.mark.slow
@pytest.mark.parametrize("engine", ["pyshacl", "oxigraph"])
@pytest.mark.parametrize("pair", PAIRS, ids=_id)
def test_equivalent_form_gives_the_same_findings(pair: tuple[Path, Form], engine: str) -> None:
    case, form = pair
    graph = Graph().parse(case)
    rewritten = rewrite(graph, form)
    report = dlgraph.validate(rewritten, engine=engine)  # type: ignore[arg-type]
    assert actual_results(report) == expected_results(case, graph)
