"""dlgraph qda import: a hand-made REFI-QDA project becomes a case whose quotes are the
coded passages exactly, whose act codes are acts of the REFI case's person; hostile
archives are refused with the documented exit codes."""

from __future__ import annotations

import tempfile
import zipfile
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

import dlgraph
from conftest import SHARED
from dlgraph.cli import app
from dlgraph.errors import InputError, LimitExceeded, ParseError
from dlgraph.qda import import_project, term_guid
from qda_projects import Source, guid, project_xml, write_qdpx

DL = "https://w3id.org/dlgraph/ontology#"
INITIATIVE = term_guid(DL + "TakingInitiative").upper()
STRESS = guid("code-stress")
RESPONSIBILITY_SV = guid("code-ta-ansvar")
LOCAL = guid("code-local")
FRAMES = term_guid(DL + "frames").upper()
TRUST = term_guid(DL + "Trust").upper()
ROOM_SV, TASK_EN, PRINCIPAL_SV = guid("room"), guid("task"), guid("rektor")

# multi-byte characters at both ends of the first passage, an emoji (4 UTF-8 bytes, one
# code point) inside and CRLF line ends before the second
TEXT = (
    "Intervju 1\r\nÅsa klev fram 😀 och tog initiativ – utan att någon bad henne ✓\r\n"
    "Hon fick handlingsutrymme att planera veckan, inom budgetens ramar.\r\nSlut."
)
FIRST = "Åsa klev fram 😀 och tog initiativ – utan att någon bad henne ✓"
OUTSIDE = "Rektorn kände stress.\nHon tog ansvar för schemat, ändå."


def build(folder: Path) -> Path:
    inside = Source("Intervju Åsa", TEXT, f"internal://{guid('s1').lower()}.txt")
    inside.selections = [
        (FIRST, "", [INITIATIVE, PRINCIPAL_SV, TRUST]),
        ("handlingsutrymme att planera veckan", "", [ROOM_SV]),
        ("planera veckan", "", [TASK_EN]),
        ("inom budgetens ramar", "", [FRAMES]),
        ("Slut.", "", [STRESS]),
    ]
    outside = Source("Interview two", OUTSIDE, "relative://interview-two.txt")
    outside.selections = [
        ("stress", "kände ", [STRESS]),
        ("tog ansvar för schemat", "", [RESPONSIBILITY_SV, LOCAL]),
    ]
    codes = [
        (INITIATIVE, "taking initiative"),
        (STRESS, "Stress"),
        (RESPONSIBILITY_SV, "ta ansvar"),
        (LOCAL, "Local code"),
        (FRAMES, "frames"),
        (TRUST, "trust"),
        (ROOM_SV, "Handlingsutrymme"),
        (TASK_EN, "Leadership task"),
        (PRINCIPAL_SV, "rektor"),
    ]
    qde = project_xml(codes, [inside, outside], [("Åsa", ["Intervju Åsa"])])
    return write_qdpx(folder / "project.qdpx", qde, [inside, outside])


def test_the_hand_made_project_follows_project_xsd(tmp_path: Path) -> None:
    xmlschema = pytest.importorskip("xmlschema")
    if not (SHARED / "refi-qda" / "Project.xsd").exists():
        pytest.skip("the REFI-QDA schemas are not in ../shared/refi-qda")
    with zipfile.ZipFile(build(tmp_path)) as archive:
        qde = archive.read("project.qde")
    xmlschema.XMLSchema(str(SHARED / "refi-qda" / "Project.xsd")).validate(qde)


def test_import_writes_a_case_whose_quotes_are_the_coded_passages(tmp_path: Path) -> None:
    (tmp_path / "map.yaml").write_text("Local code: sharing-knowledge\n", encoding="utf-8")
    result = import_project(build(tmp_path), tmp_path / "case", map_file=tmp_path / "map.yaml")
    case = yaml.safe_load(result.case_file.read_text(encoding="utf-8"))
    texts = [quote["text"] for quote in case["quotes"]]
    room, task, frames = (
        "handlingsutrymme att planera veckan",
        "planera veckan",
        "inom budgetens ramar",
    )
    assert texts == [FIRST, room, task, frames, "Slut.", "stress", "tog ansvar för schemat"]
    assert case["quotes"][0]["locator"].startswith(
        f"Intervju Åsa, line 2, characters 12-{12 + len(FIRST)}"
    )
    assert [s["identifier"] for s in case["sources"]] == [
        f"internal://{guid('s1').lower()}.txt",
        "relative://interview-two.txt",
    ]
    assert case["people"] == [{"id": "p-1", "name": "Åsa"}]
    assert case["acts"] == [
        {
            "id": "a-1",
            "actor": "p-1",
            "kind": ["taking-initiative"],
            "role": "principal",
            "aligned_with": ["trust"],
            "evidence": ["q-1"],
        }
    ]
    assert case["tasks"] == [{"id": "t-1", "name": task, "evidence": ["q-3"]}]
    assert case["mandates"] == [
        {
            "id": "m-1",
            "granted_to": "p-1",
            "evidence": ["q-2", "q-3", "q-4"],
            "room_for_action": room,
            "task": "t-1",
            "frames": frames,
        }
    ]
    statements = {(c["about"], c["statement"]) for c in case["claims"]}
    assert statements == {
        ("p-1", "Stress"),
        ("s-2", "Stress"),
        ("s-2", "ta ansvar (taking-responsibility)"),
        ("s-2", "Local code (sharing-knowledge)"),
    }
    graph = dlgraph.load(result.case_file).union()
    quoted = {str(o) for o in graph.objects(None, dlgraph.DL.quoteText)}
    assert quoted == set(texts)
    (act,) = graph.subjects(dlgraph.DL.actKind, dlgraph.DL.TakingInitiative)
    (quote,) = graph.objects(act, dlgraph.DL.evidence)
    assert str(graph.value(quote, dlgraph.DL.quoteText)) == FIRST
    assert {str(o) for o in graph.objects(None, dlgraph.DL.roomForAction)} == {room}
    assert {str(o) for o in graph.objects(None, dlgraph.DL.frames)} == {frames}


def test_copy_sources_keeps_the_text_beside_the_case(tmp_path: Path) -> None:
    result = import_project(build(tmp_path), tmp_path / "case", copy_sources=True)
    case = yaml.safe_load(result.case_file.read_text(encoding="utf-8"))
    assert case["sources"][0]["identifier"] == "sources/s-1.txt"
    copied = (tmp_path / "case" / "sources" / "s-1.txt").read_bytes().decode("utf-8")
    assert copied == TEXT


def _hostile(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / "hostile.qdpx"
    qde = project_xml([], [], [])
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("project.qde", data if name == "project.qde" else qde.encode())
        if name != "project.qde":
            archive.writestr(name, data)
    return path


DTD = (
    b'<?xml version="1.0"?><!DOCTYPE Project [<!ENTITY a "aaaaaaaa">]>'
    b'<Project xmlns="urn:QDA-XML:project:1.0" name="&a;"/>'
)


@pytest.mark.parametrize(
    ("member", "data", "error", "code", "words"),
    [
        ("../evil.txt", b"x", InputError, 2, "points outside the archive"),
        ("/etc/evil.txt", b"x", InputError, 2, "points outside the archive"),
        ("project.qde", DTD, ParseError, 2, "document type declaration"),
        ("sources/bomb.txt", b"0" * (3 * 1024 * 1024), LimitExceeded, 5, "more than the limit"),
    ],
)
def test_hostile_archives_are_refused(
    tmp_path: Path, member: str, data: bytes, error: type[Exception], code: int, words: str
) -> None:
    path = _hostile(tmp_path, member, data)
    with pytest.raises(error, match=words) as raised:
        import_project(path, tmp_path / "case", max_bytes=1024 * 1024)
    assert raised.value.exit_code == code  # type: ignore[attr-defined]
    assert not (tmp_path / "case").exists()
    if code != 5:
        result = CliRunner().invoke(app, ["qda", "import", str(path), "-o", str(tmp_path / "c")])
        assert result.exit_code == code, result.output
        assert result.output.startswith("error: ")


@pytest.mark.parametrize(
    "path", ["relative://../secret.txt", "internal://../secret.txt", "absolute:///etc/passwd"]
)
def test_a_source_path_out_of_the_project_is_refused(tmp_path: Path, path: str) -> None:
    (tmp_path / "secret.txt").write_text("secret", encoding="utf-8")
    (tmp_path / "inner").mkdir()
    source = Source("s", "secret", path)
    archive = tmp_path / "inner" / "p.qdpx"
    with zipfile.ZipFile(archive, "w") as zipped:
        zipped.writestr("project.qde", project_xml([], [source], []))
    with pytest.raises(InputError):
        import_project(archive, tmp_path / "case")


def test_a_member_larger_than_it_claims_is_cut_at_the_limit(tmp_path: Path) -> None:
    """A zip bomb whose headers understate its size: zipfile stops at the size the header
    gives, and the member is refused as damaged, never read in full."""
    inside = Source("bomb", "0" * (2 * 1024 * 1024), "internal://bomb.txt")
    path = write_qdpx(tmp_path / "p.qdpx", project_xml([], [inside], []), [inside])
    data = bytearray(path.read_bytes())
    real = (2 * 1024 * 1024).to_bytes(4, "little")
    data = data.replace(real, (100).to_bytes(4, "little"))  # both headers say 100 bytes
    path.write_bytes(bytes(data))
    with pytest.raises(InputError, match="is damaged"):
        import_project(path, tmp_path / "case", max_bytes=1024 * 1024)
    result = CliRunner().invoke(app, ["qda", "import", str(path), "-o", str(tmp_path / "c")])
    assert result.exit_code == 2, result.output
    assert result.output.startswith("error: ")


def test_the_cli_prints_the_case_file(tmp_path: Path) -> None:
    project = build(tmp_path)
    args = ["qda", "import", str(project), "-o", str(tmp_path / "c"), "--source-language", "sv"]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.output
    case_file = tmp_path / "c" / "interviews-2024.yaml"
    assert str(case_file) in result.output
    graph = dlgraph.load(case_file).union()
    languages = {o.language for o in graph.objects(None, dlgraph.DL.quoteText)}  # type: ignore[attr-defined]
    assert languages == {"sv"}
    assert "2 source(s), 7 quote(s), 1 act(s), 1 mandate(s), 4 claim(s)" in result.output


def test_validation_names_what_the_coding_leaves_open(tmp_path: Path) -> None:
    """The coded mandate has its holder, task, frames and room for action; validation asks
    for the rest (who granted it, its direction and resources)."""
    result = import_project(build(tmp_path), tmp_path / "case")
    report = dlgraph.validate(dlgraph.load(result.case_file))
    shapes = {str(finding.source_shape).rpartition("#")[2] for finding in report.results}
    assert shapes == {"MandateGivesDirection", "MandateNamesResources", "MandateHasOneGrantor"}


def test_an_external_source_is_read_within_its_folder_and_the_limit(tmp_path: Path) -> None:
    (tmp_path / "secret.txt").write_text("secret", encoding="utf-8")
    (tmp_path / "inner").mkdir()
    (tmp_path / "inner" / "link.txt").symlink_to(tmp_path / "secret.txt")
    (tmp_path / "inner" / "big.txt").write_bytes(b"x" * 2048)
    for name, error, words in (
        ("link.txt", InputError, "leaves the project's folder"),
        ("big.txt", LimitExceeded, "more than the limit"),
    ):
        source = Source("s", "", f"relative://{name}")
        archive = tmp_path / "inner" / "p.qdpx"
        with zipfile.ZipFile(archive, "w") as zipped:
            zipped.writestr("project.qde", project_xml([], [source], []))
        with pytest.raises(error, match=words):
            import_project(archive, tmp_path / "case", max_bytes=1024)


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    # a byte order mark opening the file is not text (it is dropped before counting)
    text=st.text(
        alphabet=st.characters(blacklist_categories=["Cs"], blacklist_characters="\ufeff"),
        min_size=1,
        max_size=40,
    ),
    data=st.data(),
)
@example(text="a\x85b\u2028c\rd\r\n\te\x00", data=None).via("YAML folds these breaks")
def test_a_quote_is_the_text_between_the_code_points(
    tmp_path: Path, text: str, data: st.DataObject
) -> None:
    """Whatever the characters (astral, combining, line breaks), the quote is text[start:end]."""
    start, end = (0, len(text)) if data is None else (0, 0)
    if data is not None:
        start = data.draw(st.integers(0, len(text) - 1))
        end = data.draw(st.integers(start + 1, len(text)))
    source = Source("s", text, "internal://s.txt")
    qde = project_xml([(STRESS, "Stress")], [source], []).replace(
        "</TextSource>",
        f'<PlainTextSelection guid="{guid("sel")}" startPosition="{start}" '
        f'endPosition="{end}"><Coding guid="{guid("c")}"><CodeRef targetGUID="{STRESS}"/>'
        "</Coding></PlainTextSelection></TextSource>",
    )
    folder = Path(tempfile.mkdtemp(dir=tmp_path))
    archive = write_qdpx(folder / "p.qdpx", qde, [source])
    result = import_project(archive, folder / "case")
    case = yaml.safe_load(result.case_file.read_text(encoding="utf-8"))
    assert [quote["text"] for quote in case["quotes"]] == [text[start:end]]
    graph = dlgraph.load(result.case_file).union()
    assert [str(o) for o in graph.objects(None, dlgraph.DL.quoteText)] == [text[start:end]]


def test_a_folder_that_cannot_be_made_is_refused(tmp_path: Path) -> None:
    (tmp_path / "file").write_text("", encoding="utf-8")
    result = CliRunner().invoke(
        app, ["qda", "import", str(build(tmp_path)), "-o", str(tmp_path / "file" / "case")]
    )
    assert result.exit_code == 2, result.output
    assert result.output.startswith("error: ") and "cannot create the case folder" in result.output
