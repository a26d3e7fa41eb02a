"""dlgraph docs: the pages exist, show the three languages, and need no network."""

from __future__ import annotations

import re
import socket
from pathlib import Path

import pytest
from rdflib import URIRef

import dlgraph
from dlgraph import DL, write_docs
from dlgraph.ontology.namespaces import RDFS, SH
from dlgraph.report.docs import DOC_PAGES
from dlgraph.validate.api import shapes_graph


class NetworkUsed(AssertionError):
    """Raised by the guarded socket calls: the code under test reached for the network."""


@pytest.fixture(scope="module")
def pages(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """The pages, written once with every socket connection and name lookup refused."""
    folder = tmp_path_factory.mktemp("docs") / "site"
    guard = pytest.MonkeyPatch()

    def refuse(*args: object, **kwargs: object) -> None:
        raise NetworkUsed(f"network access attempted: {args!r}")

    guard.setattr(socket.socket, "connect", refuse)
    guard.setattr(socket.socket, "connect_ex", refuse)
    guard.setattr(socket, "getaddrinfo", refuse)
    guard.setattr(socket, "create_connection", refuse)
    try:
        written = write_docs(folder)
    finally:
        guard.undo()
    assert [p.name for p in written] == list(DOC_PAGES)
    assert sorted(p.name for p in folder.iterdir()) == sorted(DOC_PAGES)
    return {p.name: p.read_text(encoding="utf-8") for p in written}


def test_every_page_is_self_contained(pages: dict[str, str]) -> None:
    for name, page in pages.items():
        assert page.lstrip().lower().startswith("<!doctype html"), name
        # links to other sites are fine; nothing is loaded from one
        assert not re.search(r"<(script|img|iframe)[^>]+src=\"?https?:", page), name
        assert not re.search(r"<link[^>]+href=\"?https?:", page), name
        assert "@import" not in page, name


def test_the_ontology_page_is_english_with_swedish_and_danish_labels(
    pages: dict[str, str],
) -> None:
    page = pages["ontology.html"]
    assert "dlgraph: an ontology of distributed leadership" in page
    section = page.split('id="OrganisationalRoom"', 1)[1].split('class="property entity"', 1)[0]
    assert ">organisational room<" in section or "organisational room\n" in section
    assert "Labels: organisatoriskt rum (Swedish); organisatorisk rum (Danish)" in section
    assert "Swedish definition: Ett rum vid sidan av linjestyrning" in section
    # headings carry the English label only (pyLODE would join all three)
    assert "organisational roomorganisatorisk" not in page


def test_the_terms_page_lists_every_term_in_three_languages(pages: dict[str, str]) -> None:
    page = pages["terms.html"]
    merged = dlgraph.ontology("merged")
    terms = {s for s in merged.subjects(RDFS.label, None) if str(s).startswith(str(DL))}
    assert page.count("<tr id=") == len(terms)
    row = page.split('<tr id="dl:LearningGroup">', 1)[1].split("</tr>", 1)[0]
    for text in ("learning group", "lärgrupp", "læringsgruppe"):
        assert f">{text}<" in row


def test_the_shapes_page_has_every_rule_with_messages_in_three_languages(
    pages: dict[str, str],
) -> None:
    page = pages["shapes.html"]
    shapes = shapes_graph()
    rules = {int(r) for r in shapes.objects(None, DL.coherenceRule)}
    assert rules == set(range(1, 15))
    for rule in rules:
        assert f'<h2 id="rule-{rule}">Rule {rule}</h2>' in page
    documented = set(shapes.subjects(DL.coherenceRule, None))
    assert page.count('<div class="card shape"') == len(documented)
    shape = URIRef("https://w3id.org/dlgraph/shapes#DelegatedTaskHasMandate")
    card = page.split('id="dlsh:DelegatedTaskHasMandate"', 1)[1].split('<div class="card', 1)[0]
    assert '<span class="sev violation">violation</span>' in card
    for message in shapes.objects(shape, SH.message):
        escaped = str(message).replace("'", "&#39;").replace('"', "&#34;")
        assert escaped in card
    assert "uncoordinated leadership" in card
    assert "okoordinerat ledarskap" in card


def test_the_queries_page_has_every_named_query(pages: dict[str, str]) -> None:
    page = pages["queries.html"]
    queries = dlgraph.queries()
    assert queries
    assert page.count('<div class="card query"') == len(queries)
    for query in queries:
        card = page.split(f'id="{query.name}"', 1)[1].split('<div class="card', 1)[0]
        for lang in ("en", "sv", "da"):
            title = query.title_in(lang).replace("'", "&#39;")
            assert f'<dd lang="{lang}"><strong>{title}</strong>' in card
        for parameter in query.parameters:
            assert f"<code>{parameter.name}</code>" in card


def test_docs_refuse_a_file_as_the_folder(tmp_path: Path) -> None:
    target = tmp_path / "taken"
    target.write_text("x")
    with pytest.raises(dlgraph.InputError, match="is a file"):
        write_docs(target)


def test_the_index_shows_the_coding_workflow_in_three_languages(pages: dict[str, str]) -> None:
    index = pages["index.html"]
    for command in ("dlgraph codebook", "dlgraph qda import", "dlgraph qda export"):
        assert command in index
    for lang, words in (("en", "coded passage"), ("sv", "kodat avsnitt"), ("da", "kodet afsnit")):
        assert re.search(rf'<p lang="{lang}">.*{words}.*</p>', index), lang
