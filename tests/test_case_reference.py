"""The case-format reference of ``dlgraph docs``: made from the source the JSON Schema is
derived from, every key of the schema in it in English, Swedish and Danish and nothing
else, each description translated, each example a value the schema accepts."""

from __future__ import annotations

import json
import re
from typing import Any

import jsonschema
import pytest
import yaml

from dlgraph.authoring.descriptions import DESCRIPTIONS
from dlgraph.authoring.format import METADATA, SCHEMA_FILE, SECTIONS
from dlgraph.authoring.reference import CASE_KEYS, case_reference
from dlgraph.report.docs import case_format_page
from dlgraph.resources import data_file

LANGUAGES = ("en", "sv", "da")
SCHEMA: dict[str, Any] = json.loads(data_file(*SCHEMA_FILE).read_text(encoding="utf-8"))


def _schema_keys() -> set[str]:
    """Every key the shipped JSON Schema knows, as ``section.key`` (``case.`` for the
    case's own keys, ``section.key.sub`` inside a mapping such as an act's association)."""
    keys = {f"{CASE_KEYS}.{key}" for key in SCHEMA["properties"] if key not in SCHEMA["$defs"]}
    for part in SECTIONS:
        for key, spec in SCHEMA["$defs"][part.key]["properties"].items():
            keys.add(f"{part.key}.{key}")
            for option in [spec, *spec.get("anyOf", [])]:
                keys.update(f"{part.key}.{key}.{sub}" for sub in option.get("properties", {}))
    return keys


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_reference_has_every_key_of_the_schema_and_no_other(lang: str) -> None:
    page = case_format_page(lang)
    shown = set(re.findall(r'data-key="([^"]+)"', page))
    assert shown == _schema_keys()
    assert f'<html lang="{lang}">' in page


def test_the_schema_keys_include_the_nested_and_the_case_keys() -> None:
    keys = _schema_keys()
    assert {"case.base", "acts.association.plan", "people.pseudonym"} <= keys
    assert len(keys) > 170


def test_every_description_of_the_format_is_translated() -> None:
    docs = {m.doc for m in METADATA} | {p.doc for p in SECTIONS}
    docs |= {f.doc for p in SECTIONS for f in p.all_fields if f.type != "kind"}
    docs |= {sub.doc for p in SECTIONS for f in p.all_fields for sub in f.fields}
    assert docs == set(DESCRIPTIONS)


@pytest.mark.parametrize("lang", ["sv", "da"])
def test_the_reference_speaks_its_language(lang: str) -> None:
    english = {doc.key: doc for doc in case_reference("en")}
    for section in case_reference(lang):
        assert section.description != english[section.key].description
        for key, original in zip(section.keys, english[section.key].keys, strict=True):
            assert key.key == original.key
            assert key.description != original.description, (section.key, key.key)
            for english_word in ("the id", "built-in", "a date", "mapping", "a list"):
                assert english_word not in key.type, (section.key, key.key)


def _accepts(schema: dict[str, Any], example: str) -> list[str]:
    value = yaml.load(example, Loader=yaml.BaseLoader)  # as an editor sees the text
    if value in ("true", "false"):
        value = value == "true"
    wrapped = {"$defs": SCHEMA["$defs"], **schema}
    return [e.message for e in jsonschema.Draft202012Validator(wrapped).iter_errors(value)]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_example_is_a_value_the_schema_accepts(lang: str) -> None:
    for section in case_reference(lang):
        for key in section.keys:
            if section.key == CASE_KEYS:
                schema = SCHEMA["properties"][key.key]
            else:
                schema = SCHEMA["$defs"][section.key]["properties"][key.key]
            assert _accepts(schema, key.example) == [], (section.key, key.key, key.example)
