"""``dlgraph network``: the measures as a table, CSV and JSON, the exports, the errors."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import networkx as nx
import pytest
from typer.testing import CliRunner

from dlgraph.cli import app

DENMARK = str(Path(__file__).resolve().parent.parent / "examples" / "denmark-icdp")
INSTITUTION = "https://example.org/dlgraph/denmark-icdp/institution"
LEADER = "https://example.org/dlgraph/denmark-icdp/leader"
runner = CliRunner()


def invoke(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_json_gives_each_group_s_measures_and_each_person() -> None:
    code, out, _ = invoke("network", DENMARK, "--network", "trust", "-f", "json", "-q")
    assert code == 0
    data = json.loads(out)
    assert (data["network"], data["by"]) == ("trust", "unit")
    groups = {g["group"]: g for g in data["groups"]}
    institution = groups[INSTITUTION]
    assert (institution["members"], institution["ties"], institution["density"]) == (2, 2, 1.0)
    assert institution["reciprocity"] == 1.0 and institution["indegree_centralization"] == 0.0
    assert LEADER in institution["central_members"]
    kommune = groups["https://example.org/dlgraph/denmark-icdp/kommune"]
    assert kommune["density"] is None
    assert kommune["undefined"]["density"] == "fewer than two members"
    persons = {p["person"]: p for p in data["persons"]}
    assert persons[LEADER]["in_degree"] == 1 and persons[LEADER]["out_degree"] == 1


def test_csv_has_one_row_per_group() -> None:
    code, out, _ = invoke("network", DENMARK, "--network", "trust", "-f", "csv", "-q")
    assert code == 0
    rows = {r["group"]: r for r in csv.DictReader(io.StringIO(out))}
    assert rows[INSTITUTION]["density"] == "1"
    assert rows[INSTITUTION]["reciprocity"] == "1"


def test_the_table_is_in_the_language_asked_for() -> None:
    code, out, err = invoke("network", DENMARK, "--network", "trust", "--lang", "sv")
    assert code == 0
    assert "täthet" in out and "ömsesidighet" in out
    assert "4 group(s), 2 tie(s)" in err


def test_names_of_persons_show_only_as_pseudonyms_or_with_show_values(tmp_path: Path) -> None:
    case = tmp_path / "case.yaml"
    case.write_text(
        "case: t\nbase: https://example.org/t/\n"
        "units:\n  - {id: u, kind: team, name: Team}\n"
        "people:\n  - {id: ann, name: Ann Real}\n  - {id: bo, name: Bo Real}\n"
        "memberships:\n  - {person: ann, unit: u, role: teacher}\n"
        "  - {person: bo, unit: u, role: teacher}\n"
        "advice:\n  - {who: ann, whom: bo}\n",
        encoding="utf-8",
    )
    code, out, _ = invoke("network", str(case), "-q")
    assert code == 0 and "Bo Real" not in out and "bo" in out
    code, out, _ = invoke("network", str(case), "-q", "--show-values")
    assert code == 0 and "Bo Real" in out


def test_graphml_and_gexf_exports_read_back(tmp_path: Path) -> None:
    for fmt, reader in (("graphml", nx.read_graphml), ("gexf", nx.read_gexf)):
        target = tmp_path / f"net.{fmt}"
        code, _, err = invoke(
            "network", DENMARK, "--network", "trust", "--export", fmt, "-o", str(target)
        )
        assert code == 0, err
        back = reader(target)
        assert back.number_of_edges() == 2 and LEADER in back.nodes


def test_an_edge_list_goes_to_stdout_without_dash_o() -> None:
    code, out, _ = invoke("network", DENMARK, "--network", "trust", "--export", "edges", "-q")
    assert code == 0
    assert out.splitlines()[0] == "source,target,source_label,target_label,network"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--network", "friendship"], "unknown network 'friendship'"),
        (["--by", "school"], "unknown grouping 'school'"),
        (["--export", "pdf"], "unknown export format 'pdf'"),
        (["-f", "xml"], "unknown format 'xml'"),
        (["-o", "out.graphml"], "-o/--output names the file of --export"),
    ],
)
def test_bad_usage_is_exit_2_with_one_error_line(args: list[str], message: str) -> None:
    code, _, err = invoke("network", DENMARK, *args)
    assert code == 2
    assert err.startswith(f"error: {message}")
    assert "Traceback" not in err


def test_a_missing_folder_to_write_into_is_bad_input(tmp_path: Path) -> None:
    target = tmp_path / "missing" / "net.graphml"
    code, _, err = invoke("network", DENMARK, "--export", "graphml", "-o", str(target))
    assert code == 2 and err.startswith("error: ") and "Traceback" not in err
    assert not target.parent.exists()


def test_with_subunits_counts_the_teams_members_in_the_institution() -> None:
    code, out, _ = invoke("network", DENMARK, "-f", "json", "-q")
    plain = {g["group"]: g["members"] for g in json.loads(out)["groups"]}
    code, out, _ = invoke("network", DENMARK, "-f", "json", "-q", "--with-subunits")
    assert code == 0
    deep = {g["group"]: g["members"] for g in json.loads(out)["groups"]}
    assert deep[INSTITUTION] > plain[INSTITUTION]


def test_by_municipality_takes_the_persons_of_the_whole_line() -> None:
    code, out, _ = invoke("network", DENMARK, "--by", "municipality", "-f", "json", "-q")
    assert code == 0
    (kommune,) = json.loads(out)["groups"]
    assert kommune["members"] == len(json.loads(out)["persons"])
