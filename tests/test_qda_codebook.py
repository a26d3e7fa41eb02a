"""The REFI-QDA codebook: valid against Codebook.xsd, the same GUIDs in every language,
the ontology's hierarchy, labels and definitions."""

from __future__ import annotations

import uuid
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest
from typer.testing import CliRunner

from conftest import SHARED
from dlgraph.cli import app
from dlgraph.qda import codebook, term_guid

xmlschema = pytest.importorskip("xmlschema", reason="xmlschema is in the test extra")
REFI = SHARED / "refi-qda"
NS = {"c": "urn:QDA-XML:codebook:1.0"}
DL = "https://w3id.org/dlgraph/ontology#"


@pytest.fixture(scope="module")
def schema() -> object:
    if not (REFI / "Codebook.xsd").exists():
        pytest.skip(f"the REFI-QDA schemas are not at {REFI}")
    return xmlschema.XMLSchema(str(REFI / "Codebook.xsd"))


def codes(data: bytes) -> dict[str, ET.Element]:
    root = ET.fromstring(data)
    return {code.get("guid", ""): code for code in root.iter(f"{{{NS['c']}}}Code")}


@pytest.mark.parametrize("lang", ["en", "sv", "da"])
def test_codebook_is_valid_in_each_language(schema: object, lang: str) -> None:
    data = codebook(lang)
    schema.validate(data)  # type: ignore[attr-defined]
    assert len(codes(data)) == data.count(b"<Code ")


def test_guids_are_the_same_in_every_language_and_come_from_the_iri() -> None:
    english, swedish, danish = (codes(codebook(lang)) for lang in ("en", "sv", "da"))
    assert english.keys() == swedish.keys() == danish.keys()
    initiative = str(uuid.uuid5(uuid.NAMESPACE_URL, DL + "TakingInitiative"))
    assert term_guid(DL + "TakingInitiative") == initiative
    assert english[initiative].get("name") == "taking initiative"
    assert swedish[initiative].get("name") == "ta initiativ"
    assert danish[initiative].get("name") == "tage initiativ"
    assert codebook("sv") == codebook("sv")


def test_hierarchy_descriptions_and_groups_follow_the_ontology() -> None:
    english = codes(codebook("en"))
    parent = {child: code for code in english.values() for child in code}
    principal = english[term_guid(DL + "Principal")]
    assert parent[principal].get("name") == "formal leader"
    frames = english[term_guid(DL + "frames")]
    assert parent[frames].get("name") == "mandate"
    mandate_parts = [
        c.get("name") for c in english[term_guid(DL + "Mandate")].findall("c:Code", NS)
    ]
    assert mandate_parts == [
        "leadership task",
        "resource",
        "direction",
        "frames",
        "room for action",
    ]
    scheme = english[term_guid(DL + "ActKindScheme")]
    assert scheme.get("isCodable") == "false"
    initiative = english[term_guid(DL + "TakingInitiative")]
    assert initiative.get("isCodable") == "true"
    assert initiative.findtext("c:Description", namespaces=NS) == (
        "Starting something without waiting to be told."
    )
    names = {code.get("name") for code in english.values()}
    for wanted in (
        "organisational room",
        "value",
        "goal",
        "organisational risk",
        "challenge",
        "situation",
        "trust relation",
        "room for action",
        "inbetweener",
    ):
        assert wanted in names


def test_cli_writes_the_codebook_and_refuses_an_unknown_language(tmp_path: Path) -> None:
    runner = CliRunner()
    target = tmp_path / "dlgraph.qdc"
    result = runner.invoke(app, ["codebook", "-o", str(target), "--lang", "sv"])
    assert result.exit_code == 0, result.output
    assert target.read_bytes() == codebook("sv")
    result = runner.invoke(app, ["codebook", "--lang", "xx"])
    assert result.exit_code == 2
    assert "unknown codebook language 'xx'" in result.output
