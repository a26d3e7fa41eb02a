"""The HTML report's content, without a browser: what it reads, shows, escapes and writes.

The browser tests (test_report_browser.py) check what a person sees; these check the
page's text and the view it is made from, fast.
"""

from __future__ import annotations

import hashlib
import html
import json
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS

import dlgraph
from dlgraph.errors import UnknownNameError
from dlgraph.ontology.labels import Labels
from dlgraph.ontology.namespaces import DL
from dlgraph.report.html import SCRIPTS, findings_of, html_report, write_report
from dlgraph.report.view import Finding, report_view
from dlgraph.resources import data_dir

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
EX = "https://example.org/patterns/"

HOSTILE = '</script><script>window.__pwned = 1</script><img src=x onerror="window.__pwned=2">'
"""A label a careless page would run: it closes the data's script element."""


def hostile_graph() -> str:
    """A small organisation whose every text field tries to inject markup."""
    text = json.dumps(HOSTILE)  # a valid Turtle string literal with the quotes escaped
    return f"""
@prefix dl: <https://w3id.org/dlgraph/ontology#> .
@prefix org: <http://www.w3.org/ns/org#> .
@prefix foaf: <http://xmlns.com/foaf/0.1/> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix prov: <http://www.w3.org/ns/prov#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix x: <https://example.org/x/> .
x:m a dl:Municipality ; rdfs:label {text}@en .
x:s a dl:CompulsorySchool ; rdfs:label "School & <b>bold</b>"@en ; dl:inLineUnder x:m .
x:t a dl:CompulsorySchool ; rdfs:label "Other school"@en ; dl:inLineUnder x:m .
x:p a dl:Person ; foaf:name {text} ; dl:formalLeaderOf x:s .
x:q a dl:Person ; foaf:name "Q" ; org:memberOf x:t .
x:lg a dl:LearningGroup ; rdfs:label {text}@en ; dl:ledBy x:p ; org:hasMember x:q .
x:task a dl:LeadershipTask ; rdfs:label {text}@en .
x:d a dl:TaskDelegation ; dl:delegator x:p ; dl:delegatee x:q ; dl:delegatedTask x:task ;
    dl:withMandate x:man .
x:man a dl:Mandate ; dl:forTask x:task ; dl:grantedBy x:p ; dl:grantedTo x:q ;
    dl:direction {text}@en ; dl:frames "a & b"@en ; dl:roomForAction "<i>"@en .
x:act a dl:LeadershipAct ; dl:actor x:q ; dl:onOwnInitiative true ;
    prov:startedAtTime "2020-04-01T10:00:00"^^xsd:dateTime .
x:claim a dl:Claim ; dl:about x:act ; rdfs:comment {text}@en ; dl:restsOn x:quote .
x:quote a dl:Quote ; dl:quoteText {text}@sv ; dl:locator {text} ; dl:quotedFrom x:src .
x:src a dl:Publication ; rdfs:label {text}@en .
"""


@pytest.fixture(scope="module")
def patterns() -> dlgraph.OrgGraph:
    return dlgraph.load(EXAMPLES / "patterns.ttl")


def script_data(page: str) -> dict[str, object]:
    found = re.search(
        r'<script type="application/json" id="dlgraph-data">(.*?)</script>', page, re.S
    )
    assert found is not None
    data: dict[str, object] = json.loads(found.group(1))
    return data


def visible_text(page: str) -> str:
    """The page's markup outside its script and style elements."""
    return re.sub(r"<(script|style)\b.*?</\1>", "", page, flags=re.S)


# --- what the view reads ------------------------------------------------------------


def test_patterns_view_reads_line_people_delegation_and_acts(patterns: dlgraph.OrgGraph) -> None:
    view = report_view(patterns.union(), lang="en")
    by_label = {n.label: n for n in view.nodes}
    assert by_label["Municipality A (pseudonym)"].kind == "unit"
    institution = by_label["Day-care institution B (pseudonym)"]
    assert institution.parent == by_label["Municipality A (pseudonym)"].id
    assert by_label["Pia"].kind == "person"
    assert by_label["Leader L"].parent == institution.id
    # Teacher T belongs to no unit: drawn under the grouping for such people
    assert by_label["Teacher T"].parent == "unplaced"
    assert [(d.delegator, d.delegatee, d.task) for d in view.delegations] == [
        ("Leader L", "Pia", "coordinating the implementation of ICDP")
    ]
    mandate = view.delegations[0].mandate
    assert mandate is not None
    assert mandate.direction == "Alle medarbejdere arbejder efter ICDP's samspilstemaer."
    assert mandate.resources == ("four hours a week for supervision (time)",)
    assert mandate.valid == "2024-01-01 – 2024-12-31"
    assert [(p.label, [(a.actor, a.initiative) for a in p.acts]) for p in view.periods] == [
        ("first half of 2020", [("Teacher T", "own")]),
        ("first half of 2024", [("Pia", "directed")]),
    ]
    act = view.periods[0].acts[0]
    assert [view.quotes[i].source for i in act.quotes] == [
        "Distribuerat ledarskap i en komplex situation (2020)"
    ]
    s = view.summary
    assert (s.units, s.people, s.delegations, s.mandates, s.acts, s.acts_own) == (2, 3, 1, 1, 2, 1)
    assert (s.claims, s.quotes, s.sources) == (1, 1, 1)
    assert not view.validated


def test_labels_follow_the_language_with_fallbacks(patterns: dlgraph.OrgGraph) -> None:
    graph = patterns.union()
    sv = report_view(graph, lang="sv")
    acts = [a for p in sv.periods for a in p.acts]
    # act kinds are ontology concepts, labelled in Swedish; the data's English-only
    # labels fall back to English
    assert sorted(k for a in acts for k in a.kinds) == ["samordna", "ta initiativ"]
    assert "Municipality A (pseudonym)" in {n.label for n in sv.nodes}
    labels = Labels([graph, dlgraph.ontology("merged")])
    assert labels.get(URIRef("https://w3id.org/dlgraph/ontology#LearningGroup"), "da") == (
        "læringsgruppe"
    )
    assert labels.get(URIRef(f"{EX}hours"), "da") == "four hours a week for supervision"
    assert labels.get(URIRef(f"{EX}nothing"), "sv") == "nothing"


def test_an_unknown_language_is_refused(patterns: dlgraph.OrgGraph) -> None:
    with pytest.raises(UnknownNameError, match="no report language 'fr'"):
        html_report(patterns, lang="fr")


# --- findings --------------------------------------------------------------------------


@pytest.fixture(scope="module")
def incoherent() -> tuple[dlgraph.OrgGraph, tuple[Finding, ...]]:
    graph = dlgraph.load(EXAMPLES / "denmark-icdp-incoherent")
    return graph, findings_of(dlgraph.validate(graph, lang="en"))


def test_findings_are_grouped_by_rule_and_drawn_on_the_picture(
    incoherent: tuple[dlgraph.OrgGraph, tuple[Finding, ...]],
) -> None:
    graph, findings = incoherent
    validation = dlgraph.validate(graph, lang="en")
    assert len(findings) == len(validation.results) == 5
    view = report_view(graph.union(), lang="en", findings=findings)
    assert [(g.rule, len(g.findings)) for g in view.rules] == [
        (r, len(validation.for_rule(r))) for r in sorted({f.rule for f in findings})
    ]
    # every finding is drawn: on the delegation it concerns or on the member of a role
    assert all(target is not None for target in view.finding_nodes)
    drawn = {e.id for e in view.edges} | {n.id for n in view.nodes}
    assert set(view.finding_nodes) <= drawn
    problem_edges = [e for e in view.edges if e.kind == "delegation" and e.findings]
    assert len(problem_edges) == 2
    assert (view.summary.violations, view.summary.warnings) == (2, 3)
    page = html_report(graph, findings=findings)
    for rule in {f.rule for f in findings}:
        assert f'data-rule="{rule}"' in page
    assert page.count('<li data-finding="') == 5


def test_evidence_behind_a_finding_is_one_click_away(
    incoherent: tuple[dlgraph.OrgGraph, tuple[Finding, ...]],
) -> None:
    graph, findings = incoherent
    view = report_view(graph.union(), lang="en", findings=findings)
    with_evidence = [i for i, quotes in enumerate(view.finding_quotes) if quotes]
    assert with_evidence, "the incoherent case cites quotes for what the findings are about"
    page = html_report(graph, findings=findings)
    for index in with_evidence:
        item = page.split(f'<li data-finding="{index}">', 1)[1].split("</li>", 1)[0]
        assert '<details class="evidence">' in item
        for quote in view.finding_quotes[index]:
            assert html.escape(view.quotes[quote].text, quote=False) in item


# --- escaping ----------------------------------------------------------------------------


def test_markup_in_the_data_is_escaped_everywhere() -> None:
    graph = dlgraph.load(hostile_graph())
    page = html_report(graph, findings=[])
    assert "&lt;/script&gt;&lt;script&gt;window.__pwned = 1" in visible_text(page)
    assert "<img src=x" not in page
    assert "<script>window.__pwned" not in page
    assert "<b>bold</b>" not in page
    assert "School \\u0026 \\u003cb\\u003ebold\\u003c/b\\u003e" in page
    # the data element holds the text intact and cannot be closed by it
    data = script_data(page)
    labels = [n["label"] for n in data["nodes"]]  # type: ignore[index, union-attr]
    assert HOSTILE in labels
    assert page.count("</script>") == len(SCRIPTS) + 1


# --- files ---------------------------------------------------------------------------------


def test_the_report_is_written_atomically_and_self_contained(
    patterns: dlgraph.OrgGraph, tmp_path: Path
) -> None:
    target = tmp_path / "report.html"
    assert write_report(target, patterns, lang="da") == target
    assert [p.name for p in tmp_path.iterdir()] == ["report.html"]
    page = target.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>")
    assert '<html lang="da">' in page
    assert "Delegeringskæder" in page
    # nothing is loaded from elsewhere: no external scripts, styles, fonts or images
    assert not re.search(r"<(script|link|img|iframe)[^>]+(src|href)=", page)
    assert "@import" not in page and "url(" not in visible_text(page)
    assert "default-src 'none'" in page


def test_vendored_scripts_match_their_recorded_checksums() -> None:
    sources = (data_dir("report") / "SOURCES.md").read_text(encoding="utf-8")
    for name in SCRIPTS:
        if name == "report.js":
            continue
        content = (data_dir("report") / name).read_bytes()
        row = next(line for line in sources.splitlines() if line.startswith(f"| `{name}` | `"))
        assert hashlib.sha256(content).hexdigest() == row.rstrip(" |").split("`")[-2]
        assert (
            data_dir("report") / name.replace(".min.js", ".js").replace(".js", ".LICENSE.txt")
        ).is_file()


def test_an_rdflib_graph_works_as_well_as_an_org_graph(patterns: dlgraph.OrgGraph) -> None:
    plain = Graph()
    for triple in patterns.union():
        plain.add(triple)
    assert script_data(html_report(plain))["nodes"] == script_data(html_report(patterns))["nodes"]


def test_a_finding_on_an_unnamed_membership_is_named_by_its_member() -> None:
    graph = dlgraph.load(
        "@prefix org: <http://www.w3.org/ns/org#> ."
        " @prefix dl: <https://w3id.org/dlgraph/ontology#> ."
        " @prefix x: <https://example.org/x/> . @prefix foaf: <http://xmlns.com/foaf/0.1/> ."
        ' x:u a dl:Preschool ; dl:inLineUnder x:m . x:m a dl:Municipality . x:p foaf:name "Pia" .'
        " [] a org:Membership ; org:member x:p ; org:organization x:u ; org:role dl:Supervisor ."
    ).union()
    membership = next(graph.subjects(URIRef("http://www.w3.org/ns/org#member"), None))
    finding = Finding(
        focus=membership, focus_label="[org:Membership]", severity="violation", message="m", rule=10
    )
    view = report_view(graph, lang="sv", findings=[finding])
    assert view.findings[0].focus_label == "Pia, handledare (u)"
    pia = next(n for n in view.nodes if n.label == "Pia")
    assert view.finding_nodes == (pia.id,)
    assert pia.findings == (0,)


@settings(max_examples=30, deadline=None)
@given(st.text(min_size=1, max_size=40).filter(lambda s: s.split()))
def test_any_label_travels_intact_and_cannot_close_its_element(label: str) -> None:
    graph = Graph()
    unit = URIRef("https://example.org/u")
    graph.add((unit, RDF.type, DL.Preschool))
    graph.add((unit, RDFS.label, Literal(label, lang="en")))
    page = html_report(graph, findings=[])
    nodes = script_data(page)["nodes"]
    assert [n["label"] for n in nodes] == [" ".join(label.split())]  # type: ignore[index]
    assert page.count("</script") == len(SCRIPTS) + 1
    assert page.count("<script") == len(SCRIPTS) + 1
