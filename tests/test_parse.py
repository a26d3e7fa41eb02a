"""Parsing one document: formats, exact error positions, and what is refused."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from dlgraph import FORMATS, LimitExceeded, NetworkRefused, ParseError, UnknownNameError
from dlgraph.formats import format_for_name, rdf_format, sniff_format
from dlgraph.load.parse import parse_document
from dlgraph.positions import position_of

# Each case: format, document, line, column, token, words the reason must contain.
SYNTAX_ERRORS = [
    (
        "turtle",
        "@prefix ex: <http://ex/> .\nex:a ex:b ex:c .\nex:d ex:e ;; ex:f .\n",
        3,
        11,
        ";;",
        "; is not a valid RDF object",
    ),
    (
        "turtle",
        "@prefix ex: <http://ex/> .\nex:a ex:b ex:c .\nex:a nope:b ex:c .\n",
        3,
        6,
        "nope:b",
        "The prefix nope: has not been declared",
    ),
    (
        "turtle",
        '@prefix ex: <http://ex/> .\nex:a ex:b "x"@1 .\n',
        2,
        15,
        "1",
        "A language code should always start with a letter",
    ),
    (
        "trig",
        "@prefix ex: <http://ex/> .\nex:g {\n  ex:a ex:b ex:c .\n  ex:a ex:b ] .\n}\n",
        4,
        13,
        "]",
        "] is not a valid RDF object",
    ),
    (
        "nt",
        "<http://ex/a> <http://ex/b> <http://ex/c> .\n\n<http://ex/a> <http://ex/b> bad .\n",
        3,
        29,
        "bad",
        "The object of a triple must be an IRI, a blank node or a literal",
    ),
    (
        "nt",
        "# comment\r\n<http://ex/a> <http://ex/b> <http://ex/c> . extra\r\n",
        2,
        45,
        "extra",
        "The subject of a triple must be an IRI or a blank node",
    ),
    (
        "nquads",
        "<http://ex/a> <http://ex/b> <http://ex/c> <http://g> .\n"
        "<http://ex/a> <http://ex/b> <http://ex/c> oops .\n",
        2,
        43,
        "oops",
        "The subject of a triple must be an IRI or a blank node",
    ),
    (
        "json-ld",
        '{\n  "@id": "http://ex/a",\n  "http://ex/b": [1, 2,]\n}',
        3,
        24,
        "]",
        "Expecting value",
    ),
    (
        "json-ld",
        '{\n  "@id": "http://ex/a"\n',
        3,
        1,
        None,
        "Expecting",
    ),
    (
        "xml",
        '<?xml version="1.0"?>\n<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">\n'
        '  <rdf:Description rdf:about="http://ex/a">\n    <ex:b>x</ex:b>\n'
        "  </rdf:Description>\n</rdf:RDF>\n",
        4,
        5,
        "<ex:b>",
        "unbound prefix",
    ),
    (
        "xml",
        '<?xml version="1.0"?>\n<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">\n'
        '  <rdf:Description rdf:about="http://ex/a" rdf:li="x"/>\n</rdf:RDF>\n',
        3,
        3,
        "<rdf:Description",
        "Invalid property attribute",
    ),
]


@pytest.mark.parametrize(("fmt", "text", "line", "column", "token", "reason"), SYNTAX_ERRORS)
def test_syntax_error_names_line_column_and_token(
    fmt: str, text: str, line: int, column: int, token: str | None, reason: str
) -> None:
    with pytest.raises(ParseError) as caught:
        parse_document(text, fmt, source="case.data")
    error = caught.value
    assert (error.source, error.line, error.column, error.token) == (
        "case.data",
        line,
        column,
        token,
    )
    assert reason in error.message
    assert error.message.startswith(f"case.data:{line}:{column}: ")
    assert error.exit_code == 2


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_every_format_has_a_positioned_syntax_error_case(fmt: str) -> None:
    assert any(case[0] == fmt for case in SYNTAX_ERRORS)


def test_bytes_that_are_not_utf8_are_located() -> None:
    data = b'<http://ex/a> <http://ex/b> "ok" .\n<http://ex/a> <http://ex/b> "\xff" .\n'
    with pytest.raises(ParseError) as caught:
        parse_document(data, "nt", source="bad.nt")
    assert (caught.value.line, caught.value.column) == (2, 30)
    assert "UTF-8" in caught.value.message


def test_doctype_is_refused_before_parsing() -> None:
    laughs = (
        '<?xml version="1.0"?>\n<!DOCTYPE r [\n <!ENTITY a "aaaaaaaaaa">\n'
        ' <!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">\n]>\n'
        '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">&b;</rdf:RDF>\n'
    )
    with pytest.raises(ParseError) as caught:
        parse_document(laughs, "xml", source="laughs.rdf")
    assert (caught.value.line, caught.value.column, caught.value.token) == (2, 1, "<!DOCTYPE")
    assert "refused" in caught.value.message


def test_doctype_in_utf16_is_refused_too() -> None:
    text = '<?xml version="1.0" encoding="UTF-16"?>\n<!DOCTYPE r>\n<r/>\n'
    with pytest.raises(ParseError, match="document type declaration"):
        parse_document(text.encode("utf-16"), "xml")


def test_deep_nesting_is_a_limit_not_a_crash() -> None:
    text = "<http://ex/a> <http://ex/b> " + "[ <http://ex/c> " * 3000 + "]" * 3000 + " ."
    with pytest.raises(LimitExceeded):
        parse_document(text, "turtle")


def test_remote_jsonld_context_is_refused() -> None:
    doc = {"@context": "http://example.org/context.jsonld", "@id": "http://ex/a"}
    with pytest.raises(NetworkRefused, match=re.escape("http://example.org/context.jsonld")):
        parse_document(json.dumps(doc), "json-ld")


def test_nested_and_imported_contexts_are_refused() -> None:
    scoped = {
        "@context": {"p": {"@id": "http://ex/p", "@context": ["http://example.org/scoped"]}},
        "@id": "http://ex/a",
    }
    with pytest.raises(NetworkRefused, match=re.escape("http://example.org/scoped")):
        parse_document(json.dumps(scoped), "json-ld")
    imported = {"@context": {"@version": 1.1, "@import": "file:///etc/hosts"}, "@id": "http://ex/a"}
    with pytest.raises(NetworkRefused, match=re.escape("file:///etc/hosts")):
        parse_document(json.dumps(imported), "json-ld")


def test_relative_context_is_not_read_from_disk_unless_allowed(tmp_path: Path) -> None:
    (tmp_path / "ctx.jsonld").write_text(json.dumps({"@context": {"ex": "http://ex/"}}))
    doc = json.dumps({"@context": "ctx.jsonld", "@id": "ex:a", "ex:p": "v"})
    base = (tmp_path / "doc.jsonld").as_uri()
    with pytest.raises(NetworkRefused):
        parse_document(doc, "json-ld", base=base)
    dataset, _ = parse_document(doc, "json-ld", base=base, allow_network=[tmp_path.as_uri()])
    triples = {(str(s), str(p), str(o)) for s, p, o, _ in dataset.quads((None, None, None, None))}
    assert triples == {("http://ex/a", "http://ex/p", "v")}


def test_allowed_import_merges_under_local_terms(tmp_path: Path) -> None:
    remote = {"@context": {"ex": "http://ex/", "name": "http://ex/remote-name"}}
    (tmp_path / "ctx.jsonld").write_text(json.dumps(remote))
    doc = {
        "@context": {"@version": 1.1, "@import": "ctx.jsonld", "name": "http://ex/local-name"},
        "@id": "ex:a",
        "name": "N",
    }
    dataset, _ = parse_document(
        json.dumps(doc), "json-ld", base=(tmp_path / "d.jsonld").as_uri(), allow_network=True
    )
    triples = {(str(s), str(p), str(o)) for s, p, o, _ in dataset.quads((None, None, None, None))}
    assert triples == {("http://ex/a", "http://ex/local-name", "N")}


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("a.ttl", "turtle"),
        ("A.TTL", "turtle"),
        ("a.trig", "trig"),
        ("a.nt", "nt"),
        ("a.nq", "nquads"),
        ("a.jsonld", "json-ld"),
        ("a.json", "json-ld"),
        ("a.rdf", "xml"),
        ("a.owl", "xml"),
        ("a.txt", None),
        ("README", None),
    ],
)
def test_format_from_file_name(name: str, expected: str | None) -> None:
    found = format_for_name(name)
    assert (found.name if found else None) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("@prefix ex: <http://ex/> .\nex:a ex:b ex:c .", "turtle"),
        ("PREFIX ex: <http://ex/>\nex:a ex:b ex:c .", "turtle"),
        ("[ <http://ex/b> <http://ex/c> ] .", "turtle"),
        ("<http://ex/a> <http://ex/b> <http://ex/c> .\n", "nt"),
        ('# c\n<http://ex/a> <http://ex/b> "x"@en .\n', "nt"),
        ("<http://ex/a> <http://ex/b> <http://ex/c> <http://ex/g> .\n", "nquads"),
        ("@prefix ex: <http://ex/> .\nex:g { ex:a ex:b ex:c . }", "trig"),
        ('{"@id": "http://ex/a"}', "json-ld"),
        ('[{"@id": "http://ex/a"}]', "json-ld"),
        ('<?xml version="1.0"?><rdf:RDF/>', "xml"),
        ("\ufeff<rdf:RDF/>", "xml"),
    ],
)
def test_format_from_content(text: str, expected: str) -> None:
    assert sniff_format(text).name == expected


def test_format_names_and_aliases() -> None:
    assert rdf_format("TTL").name == "turtle"
    assert rdf_format("application/n-quads").name == "nquads"
    with pytest.raises(UnknownNameError) as caught:
        rdf_format("turtel")
    assert caught.value.hint is not None
    assert caught.value.hint.startswith("did you mean turtle or ttl? known formats: json-ld,")


def test_position_of() -> None:
    assert position_of("ab\ncd", 0) == (1, 1)
    assert position_of("ab\ncd", 4) == (2, 2)
    assert position_of("ab\ncd", 99) == (2, 3)


def test_dlgraph_context_resolves_from_the_bundled_copy() -> None:
    doc = {
        "@context": "https://w3id.org/dlgraph/context.jsonld",
        "@id": "https://example.org/pia",
        "@type": "dl:Person",
        "foaf:name": "Pia",
    }
    dataset, _ = parse_document(json.dumps(doc), "json-ld")
    triples = {(str(s), str(p), str(o)) for s, p, o, _ in dataset.quads((None, None, None, None))}
    assert triples == {
        (
            "https://example.org/pia",
            "http://www.w3.org/1999/02/22-rdf-syntax-ns#type",
            "https://w3id.org/dlgraph/ontology#Person",
        ),
        ("https://example.org/pia", "http://xmlns.com/foaf/0.1/name", "Pia"),
    }


def test_bundled_context_matches_the_prefixes() -> None:
    from dlgraph.ontology.namespaces import PREFIXES
    from dlgraph.resources import data_file

    context = json.loads(data_file("context", "dlgraph.jsonld").read_text())["@context"]
    assert context == {prefix: str(space) for prefix, space in PREFIXES.items()}
