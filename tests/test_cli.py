"""The query, queries, reason, stats, convert and synth commands, and what every command
shares (options, help, completion, the package), through typer's runner."""

from __future__ import annotations

import ast
import json
import os
import subprocess
import sys
import textwrap
import typing
from pathlib import Path

import pytest
import typer
from rdflib import Dataset, URIRef
from rdflib.compare import isomorphic
from typer.testing import CliRunner

import dlgraph
from dlgraph.cli import app
from dlgraph.formats import FORMATS
from dlgraph.graph import INFERRED_GRAPH

DATA = Path(__file__).parent / "data"
NQ = DATA / "named-queries.ttl"
REASONING = DATA / "reasoning.ttl"
runner = CliRunner()


@pytest.fixture(autouse=True)
def _in_data_folder(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(DATA)


def invoke(*args: str, input: str | None = None) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args), input=input)
    # the runner's .stdout turns CRLF into LF; the W3C CSV format needs CRLF kept
    return result.exit_code, result.stdout_bytes.decode("utf-8"), result.stderr


# --- query -------------------------------------------------------------------------------


def test_query_named_as_table() -> None:
    code, out, err = invoke("query", "named-queries.ttl", "--named", "inbetweeners")
    assert code == 0
    assert out == textwrap.dedent(
        """\
        ┏━━━━━━━━━━━┳━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━┳━━━━━━━━━━━━━┳━━━━━━━━━━┳━━━━━━━━━━┓
        ┃ person    ┃ role               ┃ unit       ┃ mandate     ┃ task     ┃ resource ┃
        ┡━━━━━━━━━━━╇━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━╇━━━━━━━━━━━━━╇━━━━━━━━━━╇━━━━━━━━━━┩
        │ ex:dina   │ dl:TeamCoordinator │ ex:schoolA │ ex:mandate1 │ ex:task1 │ ex:res1  │
        │ ex:gustav │ dl:ICDPSupervisor  │ ex:daycare │ ex:mandateG │ ex:task3 │          │
        │ ex:hanna  │ dl:FirstTeacher    │ ex:schoolA │             │          │          │
        └───────────┴────────────────────┴────────────┴─────────────┴──────────┴──────────┘
        """
    )
    assert err == "3 row(s)\n"


def test_query_named_with_parameters_as_csv() -> None:
    code, out, err = invoke(
        "query", "named-queries.ttl", "-n", "acts-by-period",
        "--param", "period1=ex:spring", "-p", "period2=https://example.org/nq/autumn",
        "--format", "csv", "--quiet",
    )  # fmt: skip
    assert (code, err) == (0, "")
    assert out == (
        "kind,acts1,acts2,ownInitiative1,ownInitiative2,change\r\n"
        "https://w3id.org/dlgraph/ontology#Coordinating,0,1,0,1,1\r\n"
        "https://w3id.org/dlgraph/ontology#Structuring,1,0,0,0,-1\r\n"
        "https://w3id.org/dlgraph/ontology#SupportingColleagues,0,1,0,1,1\r\n"
        "https://w3id.org/dlgraph/ontology#TakingInitiative,2,1,2,1,-1\r\n"
    )


def test_query_sparql_text_and_file_tsv_json(tmp_path: Path) -> None:
    text = "SELECT ?name WHERE { ?p foaf:name ?name } ORDER BY ?name LIMIT 2"
    code, out, _ = invoke("query", "named-queries.ttl", "--sparql", text, "-f", "tsv")
    assert (code, out) == (0, '?name\n"Anna"\n"Bert"\n')
    query_file = tmp_path / "q.rq"
    query_file.write_text(text)
    code, out, _ = invoke("query", "named-queries.ttl", "-s", str(query_file), "-f", "json")
    assert code == 0
    assert [b["name"]["value"] for b in json.loads(out)["results"]["bindings"]] == ["Anna", "Bert"]


def test_query_ask_and_construct() -> None:
    code, out, _ = invoke("query", "named-queries.ttl", "-s", "ASK { ?x a dl:Crisis }")
    assert (code, out) == (0, "true\n")
    code, out, _ = invoke(
        "query", "named-queries.ttl", "-s",
        "CONSTRUCT { ?x a dl:Crisis } WHERE { ?x a dl:Crisis }", "-f", "nt",
    )  # fmt: skip
    assert (code, out) == (
        0,
        "<https://example.org/nq/pandemic> "
        "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type> "
        "<https://w3id.org/dlgraph/ontology#Crisis> .\n",
    )


def test_query_reads_standard_input() -> None:
    code, out, _ = invoke(
        "query", "-", "-s", "SELECT ?o WHERE { ?s ?p ?o }", "-f", "csv",
        input="<http://example.org/s> <http://example.org/p> <http://example.org/o> .\n",
    )  # fmt: skip
    assert (code, out) == (0, "o\r\nhttp://example.org/o\r\n")


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (["named-queries.ttl"], 2, "error: give either --sparql or --named"),
        (["named-queries.ttl", "-s", "ASK {}", "-n", "summary"], 2, "error: give either"),
        (["named-queries.ttl", "-s", "ASK {}", "-p", "a=b"], 2, "error: --param goes with"),
        (["named-queries.ttl", "-n", "summary", "-p", "novalue"], 2, "is not NAME=VALUE"),
        (["named-queries.ttl", "-n", "inbetweener"], 2, "error: there is no named query"),
        (["named-queries.ttl", "-n", "acts-by-period"], 2, "needs the parameter 'period1'"),
        (["named-queries.ttl", "-s", "SELECT * WHERE { ?s ?p }"], 2, "error: <query>:1:"),
        (["named-queries.ttl", "-s", "DELETE WHERE { ?s ?p ?o }"], 2, "queries are read-only"),
        (["named-queries.ttl", "-n", "summary", "-f", "xml"], 2, "cannot be written as 'xml'"),
        (["missing.ttl", "-n", "summary"], 2, "error: missing.ttl: no such file or folder"),
        (
            ["named-queries.ttl", "-s", "SELECT * { SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }"],
            4,
            "error: the query's SERVICE clause would fetch http://127.0.0.1:9/",
        ),
        (["named-queries.ttl", "--nope"], 2, "No such option: --nope"),
    ],
)
def test_query_errors_have_exit_codes(args: list[str], code: int, message: str) -> None:
    exit_code, out, err = invoke("query", *args)
    assert exit_code == code
    assert message in err
    assert out == ""
    assert "Traceback" not in err


def test_syntax_error_in_input_is_two_lines(tmp_path: Path) -> None:
    bad = tmp_path / "bad.ttl"
    bad.write_text("@prefix ex: <http://example.org/> .\nex:a ex:b .\n")
    code, out, err = invoke("query", str(bad), "-n", "summary")
    assert (code, out) == (2, "")
    assert err == (
        f"error: {bad}:2:11: Turtle syntax error at '.': . is not a valid RDF object\n"
        "hint: fix the Turtle there, or name the right format if it is not Turtle\n"
    )


# --- queries -----------------------------------------------------------------------------


def test_queries_lists_every_named_query() -> None:
    code, out, _ = invoke("queries")
    assert code == 0
    for query in dlgraph.queries():
        assert query.name in out
        assert query.title.split()[0] in out
    assert "period1:iri!" in out and "minimumUnits:integer=2" in out


def test_queries_in_swedish_and_as_json() -> None:
    code, out, _ = invoke("queries", "--lang", "sv")
    assert code == 0 and "Gränsöverskridare" in out
    code, out, _ = invoke("queries", "-f", "json")
    listing = json.loads(out)
    assert [q["name"] for q in listing] == [q.name for q in dlgraph.queries()]
    spanners = next(q for q in listing if q["name"] == "boundary-spanners")
    assert spanners["title"]["da"] == "Grænsekrydsere"
    assert spanners["parameters"] == [
        {
            "name": "minimumUnits",
            "type": "integer",
            "default": 2,
            "required": False,
            "description": "The fewest units a person must connect to be listed.",
        }
    ]


@pytest.mark.parametrize(
    ("args", "message"), [(["--lang", "fi"], "unknown language"), (["-f", "csv"], "unknown format")]
)
def test_queries_usage_errors(args: list[str], message: str) -> None:
    code, _, err = invoke("queries", *args)
    assert code == 2 and message in err


# --- stats -------------------------------------------------------------------------------


def test_stats_per_named_graph() -> None:
    code, out, _ = invoke("stats", "named-queries.ttl", "reasoning.ttl", "--format", "csv")
    assert code == 0
    assert out == (
        "graph,units,people,roles,acts,tasks,mandates,rooms\r\n"
        f"{NQ.resolve().as_uri()},5,8,5,6,6,3,3\r\n"
        f"{REASONING.resolve().as_uri()},1,2,0,1,1,1,0\r\n"
    )
    code, out, _ = invoke("stats", "reasoning.ttl")
    assert code == 0
    assert out == textwrap.dedent(
        """\
        ┏━━━━━━━━━━━━━━━┳━━━━━━━┳━━━━━━━━┳━━━━━━━┳━━━━━━┳━━━━━━━┳━━━━━━━━━━┳━━━━━━━┓
        ┃ graph         ┃ units ┃ people ┃ roles ┃ acts ┃ tasks ┃ mandates ┃ rooms ┃
        ┡━━━━━━━━━━━━━━━╇━━━━━━━╇━━━━━━━━╇━━━━━━━╇━━━━━━╇━━━━━━━╇━━━━━━━━━━╇━━━━━━━┩
        │ reasoning.ttl │ 1     │ 2      │ 0     │ 1    │ 1     │ 1        │ 0     │
        └───────────────┴───────┴────────┴───────┴──────┴───────┴──────────┴───────┘
        """
    )


def test_stats_errors() -> None:
    assert invoke("stats", "nope.ttl")[0] == 2
    assert invoke("stats", "reasoning.ttl", "-f", "xml")[0] == 2
    assert invoke("stats")[0] == 2


# --- reason ------------------------------------------------------------------------------


def test_reason_writes_data_and_inferences(tmp_path: Path) -> None:
    out = tmp_path / "reasoned.trig"
    code, stdout, err = invoke("reason", "reasoning.ttl", "-o", str(out))
    assert (code, stdout) == (0, "")
    assert err.startswith("inferred 26 triple(s) with profile rl (reasonable) in ")
    assert err.endswith(f" s; wrote {out}\n")
    graph = dlgraph.load(out)
    assert graph.graph_names() == (URIRef(REASONING.resolve().as_uri()), INFERRED_GRAPH)


def test_reason_only_inferred_and_quiet(tmp_path: Path) -> None:
    out = tmp_path / "inferred.ttl"
    code, stdout, err = invoke(
        "reason", "reasoning.ttl", "-o", str(out), "--only-inferred", "--profile", "rdfs", "-q"
    )
    assert (code, stdout, err) == (0, "", "")
    inferred = dlgraph.load(out)
    expected = dlgraph.load(REASONING)
    assert isomorphic(inferred.union(), expected.reason("rdfs").inferred)


def test_reason_without_java_exits_3(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    import dlgraph.reason.hermit

    monkeypatch.setattr(dlgraph.reason.hermit.shutil, "which", lambda name: None)
    code, _, err = invoke(
        "reason", "reasoning.ttl", "-o", str(tmp_path / "x.ttl"), "--profile", "dl"
    )
    assert code == 3
    assert err.startswith("error: HermiT (the OWL DL reasoner) needs Java")
    assert not (tmp_path / "x.ttl").exists()


@pytest.mark.java
@pytest.mark.skipif(
    __import__("shutil").which("java") is None, reason="HermiT needs Java (scripts/system-deps.sh)"
)
def test_reason_inconsistent_exits_1(tmp_path: Path) -> None:
    bad = tmp_path / "bad.ttl"
    bad.write_text(
        "<https://example.org/m> a <https://w3id.org/dlgraph/ontology#Mandate> , "
        "<https://w3id.org/dlgraph/ontology#LeadershipTask> .\n"
    )
    code, _, err = invoke("reason", str(bad), "-o", str(tmp_path / "x.ttl"), "--profile", "dl")
    assert code == 1
    assert err.startswith("error: the data is inconsistent with the dlgraph ontology (HermiT)\n")


def test_reason_errors(tmp_path: Path) -> None:
    code, _, err = invoke(
        "reason", "reasoning.ttl", "-o", str(tmp_path / "x.ttl"), "--profile", "owl"
    )
    assert code == 2 and "unknown reasoning profile 'owl'" in err
    code, _, err = invoke("reason", "reasoning.ttl", "-o", str(tmp_path / "x.unknown"))
    assert code == 2 and "cannot tell the output format" in err
    assert invoke("reason", "reasoning.ttl")[0] == 2  # -o is required


# --- convert -----------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_convert_to_every_format(fmt: str, tmp_path: Path) -> None:
    out = tmp_path / f"out{FORMATS[fmt].extension}"
    code, stdout, err = invoke("convert", "named-queries.ttl", "-o", str(out))
    assert (code, stdout) == (0, "")
    assert err == f"wrote {len(dlgraph.load(NQ))} triple(s) to {out}\n"
    again = dlgraph.load(out)
    assert isomorphic(again.union(), dlgraph.load(NQ).union())
    back = tmp_path / "back.data"
    code, _, _ = invoke("convert", str(out), "--from", fmt, "-o", str(back), "--to", "nt", "-q")
    assert code == 0
    assert isomorphic(dlgraph.load(back, format="nt").union(), dlgraph.load(NQ).union())


def test_convert_keeps_named_graphs_in_quad_formats(tmp_path: Path) -> None:
    out = tmp_path / "all.nq"
    assert invoke("convert", "named-queries.ttl", "reasoning.ttl", "-o", str(out), "-q")[0] == 0
    dataset = Dataset()
    dataset.parse(out, format="nquads")
    names = {str(g.identifier) for g in dataset.graphs() if len(g)}
    assert names == {NQ.resolve().as_uri(), REASONING.resolve().as_uri()}


def test_convert_errors_leave_the_old_file(tmp_path: Path) -> None:
    out = tmp_path / "out.ttl"
    out.write_text("old\n")
    bad = tmp_path / "bad.nt"
    bad.write_text("<http://example.org/a> <http://example.org/b> .\n")
    code, _, err = invoke("convert", str(bad), "-o", str(out))
    assert code == 2 and f"error: {bad}:1:" in err
    code, _, err = invoke("convert", "named-queries.ttl", "-o", str(out), "--to", "yaml")
    assert code == 2 and "unknown RDF format 'yaml'" in err
    code, _, err = invoke("convert", "named-queries.ttl", "-o", str(tmp_path / "no" / "x.ttl"))
    assert code == 2 and "does not exist" in err
    assert out.read_text() == "old\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bad.nt", "out.ttl"]


def test_a_killed_writer_leaves_the_old_file(tmp_path: Path) -> None:
    target = tmp_path / "graph.ttl"
    target.write_text("old\n")
    script = textwrap.dedent(
        f"""
        import os
        from dlgraph.write import atomic_writer
        with atomic_writer({str(target)!r}) as handle:
            handle.write(b"half of the new")
            handle.flush()
            os._exit(9)
        """
    )
    process = subprocess.run([sys.executable, "-c", script], check=False, env=dict(os.environ))
    assert process.returncode == 9
    assert target.read_text() == "old\n"
    leftovers = [p.name for p in tmp_path.iterdir() if p.name != "graph.ttl"]
    assert len(leftovers) == 1 and leftovers[0].startswith(".graph.ttl.")


def test_help_lists_the_commands() -> None:
    code, out, _ = invoke("--help")
    assert code == 0
    for command in ("query", "queries", "reason", "stats", "convert"):
        assert f"  {command} " in out
    assert "--install-completion" in out


# --- the command line as a whole -----------------------------------------------------------

COMMANDS = typer.main.get_command(app).commands  # type: ignore[attr-defined]
CLI = Path(dlgraph.__file__).parent / "cli"


def _options(command: str) -> dict[str, list[str]]:
    """Each option of ``command``: its long name, with every name it answers to."""
    return {
        next(o for o in param.opts if o.startswith("--")): [*param.opts, *param.secondary_opts]
        for param in COMMANDS[command].params
        if param.param_type_name == "option"
    }


def test_the_package_exports_app_and_main() -> None:
    import dlgraph.cli

    assert dlgraph.cli.__all__ == ["app", "main"]
    assert dlgraph.cli.__doc__ and "app" in dlgraph.cli.__doc__ and "main" in dlgraph.cli.__doc__


def test_python_dash_m_dlgraph_runs_the_command_line() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "dlgraph", "--version"], capture_output=True, text=True, check=False
    )
    assert (done.returncode, done.stdout, done.stderr) == (
        0,
        f"dlgraph {dlgraph.__version__}\n",
        "",
    )


def test_the_entry_point_is_main() -> None:
    from importlib.metadata import entry_points

    import dlgraph.cli

    scripts = entry_points(group="console_scripts", name="dlgraph")
    if not scripts:
        pytest.skip("dlgraph is not installed here, so it has no entry point to check")
    (script,) = scripts
    assert script.value == "dlgraph.cli:main"
    assert script.load() is dlgraph.cli.main


def test_each_short_option_means_one_thing() -> None:
    meanings: dict[str, set[str]] = {}
    for command in COMMANDS:
        for long, names in _options(command).items():
            for name in names:
                if not name.startswith("--"):
                    meanings.setdefault(name, set()).add(long)
    assert {short: longs for short, longs in meanings.items() if len(longs) > 1} == {}
    assert meanings["-s"] == {"--sparql"} and meanings["-n"] == {"--named"}
    assert meanings["-o"] == {"--output"} and meanings["-q"] == {"--quiet"}


@pytest.mark.parametrize(
    "command", ["ontology", "report", "docs", "reason", "synth", "convert", "anonymize", "new"]
)
def test_what_a_command_writes_is_named_with_dash_o(command: str) -> None:
    assert _options(command)["--output"] == ["--output", "-o"]


LOADING = ("validate", "report", "query", "stats", "convert", "anonymize", "reason", "load")


@pytest.mark.parametrize("command", [*LOADING, "push", "compare"])
def test_commands_that_load_files_can_be_quiet(command: str) -> None:
    assert _options(command)["--quiet"] == ["--quiet", "-q"]


def test_every_command_takes_show_values_and_lang_is_the_same_everywhere() -> None:
    for command in COMMANDS:
        assert "--show-values" in _options(command), command
        if "--lang" in _options(command):
            assert _options(command)["--lang"] == ["--lang", "-l"]
    assert "--profile" in _options("validate") and "--profile" in _options("reason")


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_help_names_values_in_words(command: str) -> None:
    code, out, _ = invoke(command, "--help")
    assert code == 0
    for word in ("TEXT", "FLOAT", "INTEGER", "PATH ", "FILENAME", "DIRECTORY", "BOOLEAN"):
        assert word not in out
    for python_type in ("<str>", "<int>", "<float>", "<Path>", "list[", "<bool>"):
        assert python_type not in out


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        ("dlgraph validate --lang ", "en\nsv\nda\n"),
        ("dlgraph validate --format ", "text\njson\nturtle\n"),
        ("dlgraph reason x.ttl --profile ", "rl\nrdfs\ndl\n"),
        ("dlgraph convert x.ttl --to n", "nt\nnquads\n"),
    ],
)
def test_the_shell_completes_the_declared_choices(words: str, expected: str) -> None:
    env = {
        "_DLGRAPH_COMPLETE": "complete_bash",
        "COMP_WORDS": words,
        "COMP_CWORD": str(len(words.split(" ")) - 1),
    }
    result = runner.invoke(app, [], prog_name="dlgraph", env=env)
    assert (result.exit_code, result.stdout) == (0, expected)


def test_the_declared_choices_are_the_librarys() -> None:
    from dlgraph.cli import options
    from dlgraph.ontology.labels import LANGUAGES
    from dlgraph.validate.api import ENGINES, REASONING
    from dlgraph.validate.report import REPORT_FORMATS

    assert list(options.Language) == list(LANGUAGES)
    assert set(options.ReportFormat) <= set(REPORT_FORMATS)
    assert list(options.RdfFormatName) == list(FORMATS)
    assert set(options.ShapeSet) == set(dlgraph.shape_sets())
    assert list(options.ValidationEngine) == list(ENGINES)
    assert set(options.ValidationProfile) | {"owlrl"} == set(REASONING)
    assert set(options.ReasoningProfile) == set(dlgraph.PROFILES)
    assert list(options.GraphBackend) == list(typing.get_args(dlgraph.Backend))


@pytest.mark.parametrize(
    ("lc_all", "lang", "expected"),
    [
        ("", "sv_SE.UTF-8", "sv"),
        ("", "da_DK", "da"),
        ("da_DK.UTF-8", "sv_SE.UTF-8", "da"),
        ("C.UTF-8", "sv_SE.UTF-8", "en"),
        ("", "fr_FR.UTF-8", "en"),
        ("", "", "en"),
    ],
)
def test_the_language_defaults_from_the_locale(
    lc_all: str, lang: str, expected: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    from dlgraph.cli.options import locale_language

    monkeypatch.setenv("LC_ALL", lc_all)
    monkeypatch.setenv("LANG", lang)
    assert locale_language() == expected


def test_queries_are_titled_in_the_locales_language(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("LC_ALL", raising=False)
    monkeypatch.setenv("LANG", "sv_SE.UTF-8")
    code, out, _ = invoke("queries")
    assert code == 0 and "Gränsöverskridare" in out
    code, out, _ = invoke("queries", "--lang", "en")
    assert code == 0 and "Gränsöverskridare" not in out


def test_synth_takes_the_old_out_spelling_too(tmp_path: Path) -> None:
    out = tmp_path / "town.nt"
    code, stdout, _ = invoke("synth", "--municipalities", "1", "--out", str(out))
    assert code == 0 and json.loads(stdout)["path"] == str(out)
    code, _, err = invoke("synth", "-n", "1", "-o", str(out))
    assert code == 2 and "No such option: -n" in err


def _functions(path: Path) -> list[ast.FunctionDef]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return [node for node in ast.walk(tree) if isinstance(node, ast.FunctionDef)]


def test_the_cli_modules_are_short_and_import_at_the_top() -> None:
    for path in sorted(CLI.glob("*.py")):
        assert len(path.read_text(encoding="utf-8").splitlines()) <= 900, path.name
        for function in _functions(path):
            length = function.end_lineno - function.lineno + 1  # type: ignore[operator]
            limit = 60 if function.name.endswith("_command") else 100
            assert length <= limit, (path.name, function.name, length)
            for node in ast.walk(function):
                if isinstance(node, ast.ImportFrom):
                    assert not (node.module or "").startswith("dlgraph"), (path.name, node.module)
                if isinstance(node, ast.Import):
                    assert not any(a.name.startswith("dlgraph") for a in node.names), path.name


def test_the_library_never_imports_the_cli() -> None:
    for path in sorted(CLI.parent.rglob("*.py")):
        if CLI in path.parents or path.name == "__main__.py":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom):
                assert not (node.module or "").startswith("dlgraph.cli"), path
            if isinstance(node, ast.Import):
                assert not any(a.name.startswith("dlgraph.cli") for a in node.names), path
