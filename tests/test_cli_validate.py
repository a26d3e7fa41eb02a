"""``dlgraph validate``: formats, languages, options and exit codes, through CliRunner."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from rdflib import Graph, Literal
from typer.testing import CliRunner

from dlgraph.cli import app
from dlgraph.ontology.namespaces import RDF, SH

DATA = Path(__file__).parent / "data" / "shapes"
CONFORMS = str(DATA / "rule1" / "conforms-mandate.ttl")
WARNS = str(DATA / "rule4" / "fails-not-aligned.ttl")
VIOLATES = str(DATA / "rule3" / "fails-no-authority.ttl")

runner = CliRunner()


def run(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, ["validate", *args])
    return result.exit_code, result.stdout, result.stderr


def test_conforming_graph_exits_0_with_the_summary() -> None:
    code, out, err = run(CONFORMS)
    assert (code, err) == (0, "")
    assert out == (
        "Summary: 0 violations, 0 warnings and 0 info in 0 nodes. Conforms: no violation.\n"
    )


def test_warnings_only_exit_0() -> None:
    code, out, err = run(WARNS)
    assert (code, err) == (0, "")
    assert out.splitlines()[0] == "Rule 4 (risk: goal displacement)"
    assert out.splitlines()[-1] == (
        "Summary: 0 violations, 1 warning and 0 info in 1 node. Conforms: no violation."
    )


def test_a_violation_exits_1() -> None:
    code, out, err = run(VIOLATES)
    assert (code, err) == (1, "")
    # A person's name is personal data: the report shows it only when asked.
    assert "      value: ex:anna" in out.splitlines()
    shown = runner.invoke(app, ["--show-values", "validate", VIOLATES])
    assert "      value: Anna (ex:anna)" in shown.stdout.splitlines()
    assert out.endswith(
        "Summary: 1 violation, 0 warnings and 0 info in 1 node. "
        "Does not conform: at least one violation.\n"
    )


def test_show_values_goes_before_or_after_the_command() -> None:
    after = runner.invoke(app, ["validate", VIOLATES, "--show-values"])
    assert "      value: Anna (ex:anna)" in after.stdout.splitlines()
    assert "      value: ex:anna" in run(VIOLATES)[1].splitlines()  # and only for that run


def test_the_language_follows_the_locale(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LC_ALL", "")
    monkeypatch.setenv("LANG", "sv_SE.UTF-8")
    assert run(CONFORMS)[1].startswith("Sammanfattning: 0 överträdelser")
    monkeypatch.setenv("LC_ALL", "da_DK")
    assert run(CONFORMS)[1].startswith("Opsummering: 0 overtrædelser")
    assert run(CONFORMS, "-l", "en")[1].startswith("Summary: 0 violations")


def test_json_on_stdout_summary_on_stderr() -> None:
    code, out, err = run(VIOLATES, "--format", "json", "--lang", "sv")
    assert code == 1
    data = json.loads(out)
    assert data["conforms"] is False
    assert [r["source_shape"]["value"] for r in data["results"]] == [
        "https://w3id.org/dlgraph/shapes#GrantorHoldsAuthority"
    ]
    assert data["results"][0]["message"].startswith("Den som gav mandatet har ingen befogenhet")
    assert err == (
        "Sammanfattning: 1 överträdelse, 0 varningar och 0 info i 1 nod. "
        "Uppfyller inte reglerna: minst en överträdelse.\n"
    )


def test_turtle_is_the_shacl_report() -> None:
    code, out, err = run(WARNS, "-f", "turtle", "-l", "da")
    assert code == 0
    graph = Graph().parse(data=out, format="turtle")
    (report,) = graph.subjects(RDF.type, SH.ValidationReport)
    assert graph.value(report, SH.conforms) == Literal(False)  # SHACL: any result
    assert len(list(graph.objects(report, SH.result))) == 1
    assert err.startswith("Opsummering: 0 overtrædelser, 1 advarsel og 0 info i 1 knude.")


def test_danish_text() -> None:
    code, out, _ = run(VIOLATES, "--lang", "da")
    assert code == 1
    lines = out.splitlines()
    assert lines[:3] == [
        "Regel 3 (risiko: ukoordinerede ledelsesindsatser)",
        "  ex:mandate",
        "    Overtrædelse: Den, der gav mandatet, har ingen myndighed over opgaven: vedkommende "
        "er ikke formel leder af den enhed, opgaven vedrører, eller af en enhed over den i "
        "linjen, og har intet mandat for opgaven eller for en opgave, den er en del af.",
    ]
    assert lines[4] == (
        "      kontrol: den, der giver mandatet, har myndighed over opgaven "
        "(dlsh:GrantorHoldsAuthority)"
    )


def test_several_paths_and_folders_are_validated_together(tmp_path: Path) -> None:
    # The delegation alone lacks its mandate; with the second file it has one.
    source = (DATA / "rule1" / "conforms-mandate.ttl").read_text(encoding="utf-8")
    head, _, mandate = source.partition("ex:mandate a dl:Mandate")
    prefixes = "".join(line + "\n" for line in head.splitlines() if line.startswith("@prefix"))
    (tmp_path / "a.ttl").write_text(head, encoding="utf-8")
    folder = tmp_path / "more"
    folder.mkdir()
    (folder / "b.ttl").write_text(prefixes + "ex:mandate a dl:Mandate" + mandate, encoding="utf-8")
    assert run(str(tmp_path / "a.ttl"))[0] == 1
    assert run(str(tmp_path / "a.ttl"), str(folder))[0] == 0
    assert run(str(tmp_path))[0] == 0


def test_extra_shapes_and_shape_sets(tmp_path: Path) -> None:
    extra = tmp_path / "mine.ttl"
    extra.write_text(
        "@prefix sh: <http://www.w3.org/ns/shacl#> .\n"
        "@prefix dl: <https://w3id.org/dlgraph/ontology#> .\n"
        "@prefix my: <https://example.org/my#> .\n"
        "my:TasksNeedLabels a sh:NodeShape ; sh:targetClass dl:LeadershipTask ;\n"
        "  sh:property [ sh:path <http://www.w3.org/2000/01/rdf-schema#label> ;\n"
        "                sh:minCount 1 ; sh:severity sh:Warning ] .\n",
        encoding="utf-8",
    )
    code, out, _ = run(WARNS, "--shapes", str(extra), "--set", "evidence")
    assert code == 0
    assert out.splitlines()[0] == "Other shapes"
    code, out, _ = run(WARNS, "--set", "evidence", "--set", "rooms")
    assert (code, out.splitlines()[-1]) == (
        0,
        "Summary: 0 violations, 0 warnings and 0 info in 0 nodes. Conforms: no violation.",
    )


def test_reasoning_option() -> None:
    assert run(CONFORMS, "--profile", "rdfs")[0] == 0
    assert run(CONFORMS, "--reason", "rdfs")[0] == 0  # the older name, still read


def test_the_engine_is_the_librarys_choice(tmp_path: Path) -> None:
    # One file, a folder or several files: the command forwards them and the engine; the
    # library decides how to read them, and the report is the same.
    expected = run(VIOLATES, "-f", "json")[1]
    folder = tmp_path / "data"
    folder.mkdir()
    (folder / "case.ttl").write_text(Path(VIOLATES).read_text(encoding="utf-8"))
    for engine in ("auto", "pyshacl", "oxigraph"):
        code, out, _ = run(VIOLATES, "-f", "json", "--engine", engine)
        assert code == 1
        assert json.loads(out)["results"] == json.loads(expected)["results"]
        assert run(str(folder), "--engine", engine)[0] == 1
    code, _, err = run(VIOLATES, "--engine", "fast")
    assert code == 2 and err.startswith("error: unknown validation engine 'fast'")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["no-such-file.ttl"], "no-such-file.ttl"),
        ([CONFORMS, "--format", "csv"], "unknown report format 'csv'"),
        ([CONFORMS, "--lang", "de"], "unknown language 'de'"),
        ([CONFORMS, "--reason", "hermit"], "unknown reasoning 'hermit'"),
        ([CONFORMS, "--set", "mandate"], "unknown shape set 'mandate'"),
        ([CONFORMS, "--shapes", "missing-shapes.ttl"], "missing-shapes.ttl"),
    ],
)
def test_unusable_input_exits_2(args: list[str], message: str) -> None:
    code, out, err = run(*args)
    assert code == 2
    assert out == ""
    assert err.startswith("error: ")
    assert message in err
    assert "Traceback" not in err


def test_syntax_error_in_the_data_exits_2_with_the_line(tmp_path: Path) -> None:
    bad = tmp_path / "bad.ttl"
    bad.write_text("@prefix ex: <https://example.org/> .\nex:a ex:b .\n", encoding="utf-8")
    code, out, err = run(str(bad))
    assert (code, out) == (2, "")
    assert "bad.ttl:2" in err


def test_no_path_is_a_usage_error() -> None:
    assert run()[0] == 2


def test_help_documents_the_exit_codes() -> None:
    result = runner.invoke(app, ["validate", "--help"])
    assert result.exit_code == 0
    text = " ".join(result.stdout.split())
    assert "Exit codes: 0 the graph conforms (warnings and info allowed), 1 at least one" in text
    assert "2 unusable input or usage" in text
    for option in ("--format", "--lang", "--shapes", "--set", "--reason"):
        assert option in text


def test_standard_input_is_read_here() -> None:
    result = runner.invoke(app, ["validate", "-"], input=Path(VIOLATES).read_text())
    assert result.exit_code == 1
    assert result.stdout.endswith("Does not conform: at least one violation.\n")
