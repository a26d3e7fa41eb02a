"""The format's three descriptions agree: the Python description (case_format), the
JSON Schema shipped for editors, and the JSON-LD context that maps keys to the ontology."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml
from rdflib import URIRef
from rdflib.namespace import OWL, RDF, RDFS, SKOS

import dlgraph
from conftest import ROOT
from dlgraph import DL, AuthoringError
from dlgraph.authoring import load_case_text
from dlgraph.authoring.format import (
    METADATA,
    SCHEMA_FILE,
    SECTIONS,
    VOCABULARY,
    case_context,
    case_schema,
    context_terms,
)
from dlgraph.resources import data_file

CASE_FILES = sorted((ROOT / "examples").rglob("*.yaml"))
STARTER = ROOT / "src" / "dlgraph" / "data" / "starter" / "case.yaml"


class _JsonLikeLoader(yaml.SafeLoader):
    """YAML as an editor's schema validator sees it: dates stay text (YAML 1.2 core)."""


_JsonLikeLoader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def _data(text: str) -> Any:
    return yaml.load(text, Loader=_JsonLikeLoader)  # a SafeLoader subclass


@pytest.fixture(scope="module")
def validator() -> jsonschema.Draft202012Validator:
    schema = json.loads(data_file(*SCHEMA_FILE).read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


def test_shipped_schema_is_the_generated_one() -> None:
    shipped = json.loads(data_file(*SCHEMA_FILE).read_text(encoding="utf-8"))
    assert shipped == case_schema(), (
        "data/schema/case.schema.json is stale: regenerate it with python -c "
        '"import json; from dlgraph.authoring.format import case_schema; '
        'print(json.dumps(case_schema(), indent=2, ensure_ascii=False))"'
    )


@pytest.mark.parametrize("path", [*CASE_FILES, STARTER], ids=lambda p: p.name)
def test_every_case_file_validates_against_the_schema(
    path: Path, validator: jsonschema.Draft202012Validator
) -> None:
    text = path.read_text(encoding="utf-8")
    if path == STARTER:
        text = text.replace("$case", "starter").replace("$$", "$")
    errors = [f"{list(e.path)}: {e.message}" for e in validator.iter_errors(_data(text))]
    assert errors == []


HEAD = "case: t\nbase: https://example.org/t/\n"

# Cases both the schema and the Python reader must reject.
REJECTED = {
    "unknown top-level key": HEAD + "peple: []\n",
    "unknown item key": HEAD + "people:\n  - id: a\n    nmae: A\n",
    "boolean as text": HEAD + "people:\n  - id: a\n    pseudonym: 'true'\n",
    "number as text": HEAD + "people:\n  - id: a\n    name: 7\n",
    "bad id": HEAD + "people:\n  - id: 'a b'\n",
    "id starting with a digit": HEAD + "people:\n  - id: 1a\n",
    "bad date": HEAD + "periods:\n  - id: p\n    start: 2020/03/01\n",
    "bad kind": HEAD + "units:\n  - id: u\n    kind: school\n",
    "bad role": HEAD + "people:\n  - id: a\nunits:\n  - id: u\n"
    "memberships:\n  - {person: a, unit: u, role: boss}\n",
    "bad language": HEAD + "language: english\n",
    "missing base": "case: t\n",
    "missing required key": HEAD + "quotes:\n  - {id: q, source: s, text: x}\n"
    "sources:\n  - id: s\n",
    "missing id": HEAD + "people:\n  - name: A\n",
    "value id that is a built-in name": HEAD + "values:\n  - id: trust\n",
    "section as mapping": HEAD + "people:\n  id: a\n",
    "not a CSV file": HEAD + "people: people.txt\n",
    "list of numbers for ids": HEAD + "units:\n  - id: u\n    formal_leader: [1]\n",
    "bad interval": HEAD + "units:\n  - id: u\npeople:\n  - id: a\n"
    "memberships:\n  - {person: a, unit: u, role: teacher, during: 2020-01-01/2020}\n",
    "association without plan": HEAD + "people:\n  - id: a\n"
    "acts:\n  - actor: a\n    association: {agent: a}\n",
    "language map with a bad tag": HEAD + "units:\n  - id: u\n    name: {EN: U}\n",
}

# Cases both accept.
ACCEPTED = {
    "minimal": HEAD,
    "empty section": HEAD + "people:\n",
    "null values": HEAD + "people:\n  - id: a\n    name:\n",
    "language map": HEAD + "units:\n  - id: u\n    name: {en: U, sv: [E, F]}\n",
    "open interval": HEAD + "units:\n  - id: u\npeople:\n  - id: a\n"
    "memberships:\n  - {person: a, unit: u, role: teacher, during: 2020-01-01/..}\n",
    "one value for a list key": HEAD + "units:\n  - id: u\npeople:\n  - id: a\n"
    "    formal_leader_of: u\n",
    "datetime with zone": HEAD + "people:\n  - id: a\n"
    "acts:\n  - {actor: a, time: '2020-03-18T08:00:00+01:00'}\n",
}


@pytest.mark.parametrize("text", REJECTED.values(), ids=REJECTED.keys())
def test_schema_and_reader_both_reject(
    text: str, validator: jsonschema.Draft202012Validator
) -> None:
    assert list(validator.iter_errors(_data(text))), "the schema accepts it"
    with pytest.raises(AuthoringError):
        load_case_text(text, source_name="case.yaml")


@pytest.mark.parametrize("text", ACCEPTED.values(), ids=ACCEPTED.keys())
def test_schema_and_reader_both_accept(
    text: str, validator: jsonschema.Draft202012Validator
) -> None:
    assert [e.message for e in validator.iter_errors(_data(text))] == []
    load_case_text(text, source_name="case.yaml")


def test_references_are_checked_by_the_reader_only(
    validator: jsonschema.Draft202012Validator,
) -> None:
    # A schema cannot see that an id is defined elsewhere in the file: the reader can.
    text = HEAD + "people:\n  - id: a\n    formal_leader_of: [nowhere]\n"
    assert list(validator.iter_errors(_data(text))) == []
    with pytest.raises(AuthoringError, match="'nowhere' is not defined"):
        load_case_text(text)


# --- the JSON-LD context --------------------------------------------------------------


def _scope(type_term: str) -> dict[str, Any]:
    """The terms in force inside a node of ``type_term``: the global ones, overridden by
    the type-scoped context."""
    context = case_context()
    terms = dict(context)
    definition = context[type_term]
    if isinstance(definition, dict):
        terms.update(definition.get("@context", {}))
    return terms


def _section_types(section_key: str) -> list[str]:
    part = next(s for s in SECTIONS if s.key == section_key)
    return list(part.kinds) if part.kinds else [str(part.type_term)]


@pytest.mark.parametrize("part", SECTIONS, ids=lambda s: s.key)
def test_every_key_of_every_section_is_mapped_by_the_context(part: Any) -> None:
    for type_term in _section_types(part.key):
        scope = _scope(type_term)
        for field in part.all_fields:
            if field.key == "kind" and part.kinds:
                continue  # becomes @type
            if part.key == "quotes" and field.key == "language":
                continue  # tags the quote's text
            assert field.key in scope, f"{part.key}.{field.key} in {type_term}"
            if field.type == "object":
                assert field.type_term in case_context()
                inner = _scope(str(field.type_term))
                for sub in field.fields:
                    assert sub.key in inner


def test_metadata_keys_that_become_triples_are_mapped() -> None:
    mapped = {"title", "description"}
    assert mapped <= {m.key for m in METADATA}
    assert mapped <= set(case_context())


def test_the_context_never_points_to_a_remote_context() -> None:
    text = data_file("context", "dlgraph-case.jsonld").read_text(encoding="utf-8")
    document = json.loads(text)
    assert set(document) == {"@context"}

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            assert "@import" not in node
            for key, value in node.items():
                if key == "@context":
                    assert isinstance(value, dict)
                walk(value)

    walk(document)


def _iri(term: str) -> URIRef:
    context = case_context()
    definition = context[term]
    compact = definition["@id"] if isinstance(definition, dict) else definition
    prefix, local = compact.split(":", 1)
    return URIRef(context[prefix] + local)


SCHEMES = {
    "role": DL.RoleScheme,
    "act-kind": DL.ActKindScheme,
    "challenge": DL.ChallengeScheme,
    "risk": DL.RiskScheme,
    "value": DL.ValueScheme,
    "resource-kind": DL.ResourceKindScheme,
}


@pytest.mark.parametrize("category", sorted(SCHEMES))
def test_built_in_names_are_exactly_the_concepts_of_their_scheme(category: str) -> None:
    ontology = dlgraph.ontology()
    scheme = SCHEMES[category]
    concepts = set(ontology.subjects(SKOS.inScheme, scheme))
    named = {_iri(name) for name in VOCABULARY[category]}
    assert named == concepts


ORG = "http://www.w3.org/ns/org#"
OWL_TIME = "http://www.w3.org/2006/time#"
# the classes each kind of a section must be, or be below (reused roots as written)
KIND_ROOTS = {
    "unit-kind": {
        URIRef(ORG + n) for n in ("Organization", "FormalOrganization", "OrganizationalUnit")
    },
    "room-kind": {DL.OrganisationalRoom},
    "source-kind": {DL.Source},
    "value-kind": {DL.Value},
    "goal-kind": {DL.Goal},
    "situation-kind": {DL.Situation},
    "period-kind": {URIRef(OWL_TIME + "Interval"), URIRef(OWL_TIME + "ProperInterval")},
}


@pytest.mark.parametrize("category", sorted(KIND_ROOTS))
def test_kinds_are_classes_under_their_root(category: str) -> None:
    ontology = dlgraph.ontology()
    roots = KIND_ROOTS[category]
    for name in VOCABULARY[category]:
        iri = _iri(name)
        assert (iri, RDF.type, OWL.Class) in ontology, name
        assert roots & set(ontology.transitive_objects(iri, RDFS.subClassOf)), name


def test_every_dl_iri_of_the_context_is_declared_in_the_ontology() -> None:
    declared = set(dlgraph.ontology().subjects(RDF.type, None))
    used = {iri for iri in (_iri_any(v) for v in _definitions()) if iri.startswith(str(DL))}
    assert used and used <= declared, sorted(used - declared)


def _definitions() -> list[Any]:
    found: list[Any] = []

    def walk(context: dict[str, Any]) -> None:
        for key, value in context.items():
            if key.startswith("@"):
                continue
            found.append(value)
            if isinstance(value, dict) and isinstance(value.get("@context"), dict):
                walk(value["@context"])

    walk(case_context())
    return found


def _iri_any(definition: Any) -> URIRef:
    context = case_context()
    if isinstance(definition, dict):
        definition = definition.get("@id") or definition.get("@reverse") or ""
    if ":" not in definition or definition.startswith("@") or definition[-1] in "#/":
        return URIRef("")
    prefix, local = definition.split(":", 1)
    return URIRef(context.get(prefix, prefix + ":") + local)


def test_built_in_names_are_unique_and_terms_of_the_context() -> None:
    names = [name for names in VOCABULARY.values() for name in names]
    assert len(names) == len(set(names))
    assert set(names) <= context_terms()
