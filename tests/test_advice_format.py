"""Advice ties in the case format: the ``advice`` list in YAML and as ``advice.csv``."""

from __future__ import annotations

from pathlib import Path

from rdflib import RDF, URIRef

import dlgraph
from dlgraph.ontology.namespaces import DL

BASE = "https://example.org/advice/"

HEAD = f"""case: advice
base: {BASE}
people:
  - {{id: ann, name: Ann}}
  - {{id: bo, name: Bo}}
periods:
  - {{id: spring, name: spring, start: 2020-01-01, end: 2020-06-30}}
tasks:
  - {{id: planning, name: planning}}
"""


def _ties(graph: dlgraph.OrgGraph) -> set[tuple[URIRef, URIRef]]:
    rdf = graph.union()
    return {
        (rdf.value(tie, DL.adviceSeeker), rdf.value(tie, DL.adviceGiver))
        for tie in rdf.subjects(RDF.type, DL.AdviceTie)
    }


def test_an_advice_list_becomes_qualified_ties(tmp_path: Path) -> None:
    case = tmp_path / "case.yaml"
    case.write_text(
        HEAD + "advice:\n  - {who: ann, whom: bo, about: planning, when: spring}\n",
        encoding="utf-8",
    )
    graph = dlgraph.load(case)
    rdf = graph.union()
    assert _ties(graph) == {(URIRef(BASE + "ann"), URIRef(BASE + "bo"))}
    tie = next(iter(rdf.subjects(RDF.type, DL.AdviceTie)))
    assert rdf.value(tie, DL.adviceAbout) == URIRef(BASE + "planning")
    assert rdf.value(tie, DL.inPeriod) == URIRef(BASE + "spring")


def test_an_advice_csv_file_is_read_like_a_survey(tmp_path: Path) -> None:
    (tmp_path / "advice.csv").write_text("who,whom,about\nann,bo,trust\nbo,ann,\n", "utf-8")
    case = tmp_path / "case.yaml"
    case.write_text(HEAD + "advice: advice.csv\n", encoding="utf-8")
    graph = dlgraph.load(case)
    ann, bo = URIRef(BASE + "ann"), URIRef(BASE + "bo")
    assert _ties(graph) == {(ann, bo), (bo, ann)}


def test_an_advice_tie_to_an_unknown_person_is_refused(tmp_path: Path) -> None:
    case = tmp_path / "case.yaml"
    case.write_text(HEAD + "advice:\n  - {who: ann, whom: nobody}\n", encoding="utf-8")
    try:
        dlgraph.load(case)
    except dlgraph.DlgraphError as error:
        assert "nobody" in str(error)
    else:
        raise AssertionError("an unknown person was accepted")
