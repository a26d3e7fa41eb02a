"""The files a case names: limits, special files and confinement to the case's folder."""

from __future__ import annotations

import os
import re
import time
import tracemalloc
from pathlib import Path

import pytest
from typer.testing import CliRunner

import dlgraph
from dlgraph import AuthoringError, LimitExceeded
from dlgraph.authoring import load_case
from dlgraph.authoring.files import allow_outside
from dlgraph.cli import app

runner = CliRunner()
SECRET = "root:x:0:0:root:/root:/bin/bash"
CASE = "case: t\nbase: https://example.org/t/\npeople: {path}\n"


def _case(folder: Path, path: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    case = folder / "case.yaml"
    case.write_text(CASE.format(path=path), encoding="utf-8")
    return case


def _secret(tmp_path: Path) -> Path:
    secret = tmp_path / "secret.csv"
    secret.write_text(f"{SECRET}\nid,name\n", encoding="utf-8")
    return secret


def _no_traceback(output: str) -> None:
    assert "Traceback" not in output
    assert all(line.startswith(("error: ", "hint: ")) for line in output.splitlines()), output


# --- special files and size ---------------------------------------------------------------


@pytest.mark.parametrize("allowed", [[], ["--allow-outside"]])
def test_a_csv_linked_to_dev_zero_is_refused_at_once(tmp_path: Path, allowed: list[str]) -> None:
    case = _case(tmp_path / "case", "people.csv")
    (tmp_path / "case" / "people.csv").symlink_to("/dev/zero")
    started = time.monotonic()
    result = runner.invoke(app, [*allowed, "convert", str(case), "-o", str(tmp_path / "o.ttl")])
    assert time.monotonic() - started < 5
    assert result.exit_code == 2
    _no_traceback(result.stderr)
    assert "people.csv" in result.stderr.splitlines()[0]
    expected = "is outside the case's folder" if not allowed else "is not a regular file"
    assert expected in result.stderr
    assert not (tmp_path / "o.ttl").exists()


def test_a_fifo_is_refused_without_waiting_for_a_writer(tmp_path: Path) -> None:
    case = _case(tmp_path, "people.csv")
    os.mkfifo(tmp_path / "people.csv")
    started = time.monotonic()
    with pytest.raises(AuthoringError) as caught:
        load_case(case)
    assert time.monotonic() - started < 5
    assert "people.csv is not a regular file" in caught.value.message
    assert caught.value.exit_code == 2


def test_a_folder_named_as_a_csv_file_is_refused(tmp_path: Path) -> None:
    case = _case(tmp_path, "people.csv")
    (tmp_path / "people.csv").mkdir()
    with pytest.raises(AuthoringError, match=re.escape("people.csv is not a regular file")):
        load_case(case)


def _many_rows(path: Path, rows: int) -> None:
    with path.open("w", encoding="utf-8") as stream:
        stream.write("id,name\n")
        stream.writelines(f"p{index},Person {index}\n" for index in range(rows))


def test_a_large_csv_stops_at_the_limit_reading_only_what_the_limit_allows(
    tmp_path: Path,
) -> None:
    case = _case(tmp_path, "people.csv")
    _many_rows(tmp_path / "people.csv", 200_000)  # about 4 MB
    tracemalloc.start()
    started = time.monotonic()
    try:
        with pytest.raises(LimitExceeded) as caught:
            dlgraph.load(case, max_bytes=50_000)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert time.monotonic() - started < 5
    assert peak < 2_000_000, peak  # streamed: far less than the file
    error = caught.value
    assert error.exit_code == 5
    assert error.message.startswith(f"{tmp_path / 'people.csv'}: ")
    assert "more than 50000 bytes" in error.message and "max_bytes" in error.message
    assert error.hint is not None and "max_bytes=" in error.hint


def test_the_case_file_and_all_its_lists_count_together(tmp_path: Path) -> None:
    case = tmp_path / "case.yaml"
    case.write_text(
        "case: t\nbase: https://example.org/t/\npeople:\n  - a.csv\n  - b.csv\n", "utf-8"
    )
    for name, prefix in (("a.csv", "a"), ("b.csv", "b")):
        _many_rows(tmp_path / name, 300)
        (tmp_path / name).write_text(
            (tmp_path / name).read_text().replace(",Person", f"{prefix},Person")
        )
    one = (tmp_path / "a.csv").stat().st_size
    assert len(load_case(case)) > 0
    limit = case.stat().st_size + one + one // 2  # each list fits, both do not
    with pytest.raises(LimitExceeded) as caught:
        load_case(case, max_bytes=limit)
    assert caught.value.message.startswith(f"{tmp_path / 'b.csv'}: ")
    runner_result = runner.invoke(app, ["convert", str(case), "-o", str(tmp_path / "o.ttl")])
    assert runner_result.exit_code == 0  # the default limit is far away


def test_a_case_file_over_the_limit_is_refused_before_its_lists(tmp_path: Path) -> None:
    from dlgraph.authoring import load_case_text

    case = _case(tmp_path, "people.csv")
    size = case.stat().st_size
    with pytest.raises(LimitExceeded, match=re.escape(f"{case}: ")):
        load_case(case, max_bytes=size - 1)
    with pytest.raises(LimitExceeded, match=r"^case\.yaml: "):
        load_case_text(case.read_text(), source_name="case.yaml", max_bytes=size - 1)


def test_a_packed_workbook_counts_what_it_unpacks_to(tmp_path: Path) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["id", "name"])
    for index in range(400):
        sheet.append([f"p{index}", "Person " + "x" * 200])
    book.save(tmp_path / "people.xlsx")
    case = _case(tmp_path, "people.xlsx")
    size = (tmp_path / "people.xlsx").stat().st_size
    assert len(load_case(case)) > 0
    with pytest.raises(LimitExceeded) as caught:
        load_case(case, max_bytes=size * 2)  # the file fits; its cells do not
    assert caught.value.message.startswith(f"{tmp_path / 'people.xlsx'}: ")
    assert caught.value.exit_code == 5


def test_a_workbook_linked_to_dev_zero_is_refused(tmp_path: Path) -> None:
    case = _case(tmp_path, "people.xlsx")
    (tmp_path / "people.xlsx").symlink_to("/dev/zero")
    with pytest.raises(AuthoringError, match=re.escape("people.xlsx is not a regular file")):
        load_case(case, allow_outside=True)


def test_a_streamed_csv_reads_as_before_across_chunk_boundaries(tmp_path: Path) -> None:
    """Quoted line breaks, CRLF and a UTF-16 file longer than one chunk read whole."""
    case = _case(tmp_path, "people.csv")
    rows = [f'p{index};"Person\r\n{index}";true' for index in range(1500)]  # 90 kB: two chunks
    text = "id;name;pseudonym\r\n" + "\r\n".join(rows) + "\r\n"
    (tmp_path / "people.csv").write_bytes(text.encode("utf-16"))
    graph = load_case(case)
    names = {str(o) for p, o in graph.predicate_objects() if str(p).endswith("name")}
    assert len(names) == 1500 and "Person\r\n1499" in names


def test_a_non_utf8_byte_far_down_names_its_line(tmp_path: Path) -> None:
    case = _case(tmp_path, "people.csv")
    _many_rows(tmp_path / "people.csv", 6_000)  # 80 kB: the byte is in the second chunk
    with (tmp_path / "people.csv").open("ab") as stream:
        stream.write(b"p-last,J\xf6rgen\n")
    with pytest.raises(AuthoringError) as caught:
        load_case(case)
    assert caught.value.line == 6_002
    assert "byte 0xF6 on line 6002" in caught.value.message


# --- confinement -----------------------------------------------------------------------


@pytest.mark.parametrize(
    "name", ["../secret.csv", "{absolute}", "link.csv", "inner/../../secret.csv"]
)
def test_a_csv_outside_the_case_folder_is_refused(tmp_path: Path, name: str) -> None:
    secret = _secret(tmp_path)
    folder = tmp_path / "case"
    (folder / "inner").mkdir(parents=True)
    (folder / "link.csv").symlink_to(secret)
    case = _case(folder, name.format(absolute=secret))
    with pytest.raises(AuthoringError) as caught:
        load_case(case)
    error = caught.value
    assert error.exit_code == 2
    assert error.source == str(case) and error.key == "people"
    assert "is outside the case's folder" in error.message
    assert "--allow-outside" in error.message and error.hint is not None
    assert "allow_outside=True" in error.hint
    assert "root:" not in str(error)
    with pytest.raises(AuthoringError) as allowed:
        load_case(case, allow_outside=True)  # read now: its bad header is the problem
    assert "is outside the case's folder" not in str(allowed.value)


def test_a_symbolic_link_inside_the_folder_is_read(tmp_path: Path) -> None:
    (tmp_path / "lists").mkdir()
    (tmp_path / "lists" / "people.csv").write_text("id,name\nanna,Anna\n", "utf-8")
    (tmp_path / "people.csv").symlink_to(tmp_path / "lists" / "people.csv")
    assert len(load_case(_case(tmp_path, "people.csv"))) > 0


def test_a_workbook_outside_the_folder_is_refused(tmp_path: Path) -> None:
    case = _case(tmp_path / "case", "../people.xlsx#People")
    with pytest.raises(AuthoringError, match=re.escape("workbook ../people.xlsx is outside")):
        load_case(case)


def test_load_and_the_context_manager_allow_outside(tmp_path: Path) -> None:
    (tmp_path / "people.csv").write_text("id,name\nanna,Anna\n", "utf-8")
    case = _case(tmp_path / "case", "../people.csv")
    with pytest.raises(AuthoringError, match="outside"):
        dlgraph.load(case)
    assert len(dlgraph.load(case, allow_outside=True)) > 0
    assert len(dlgraph.OrgGraph().load(case, allow_outside=True)) > 0
    with allow_outside():
        assert len(dlgraph.load(case)) > 0
    with pytest.raises(AuthoringError, match="outside"):
        dlgraph.load(case)  # the block is over


@pytest.mark.parametrize(
    "command",
    [
        ["convert", "{case}", "-o", "{out}.ttl"],
        ["validate", "{case}"],
        ["stats", "{case}"],
        ["query", "{case}", "-n", "summary"],
        ["report", "{case}", "-o", "{out}.html", "--no-validate"],
        ["anonymize", "{case}", "-o", "{out}.ttl"],
        ["load", "{case}", "--store", "{out}.store"],
    ],
    ids=lambda command: command[0],
)
def test_every_command_refuses_outside_files_unless_allowed(
    tmp_path: Path, command: list[str]
) -> None:
    (tmp_path / "people.csv").write_text("id,name\nanna,Anna\n", "utf-8")
    case = _case(tmp_path / "case", "../people.csv")
    args = [part.format(case=case, out=tmp_path / "out") for part in command]
    refused = runner.invoke(app, args)
    assert refused.exit_code == 2, refused.output
    _no_traceback(refused.stderr)
    assert refused.stderr.startswith(f"error: {case}:3:9: the CSV file ../people.csv is outside")
    assert "--allow-outside" in refused.stderr
    before = command[0] in ("convert", "query", "load")  # the option before the command
    allowed = ["--allow-outside", *args] if before else [*args, "--allow-outside"]
    result = runner.invoke(app, allowed)
    assert result.exit_code in (0, 1), result.stderr  # validate: 1 for a violation
    again = runner.invoke(app, args)
    assert again.exit_code == 2  # the switch does not stick between runs


# --- what an error may quote ------------------------------------------------------------


def test_a_linked_file_is_never_echoed_without_show_values(tmp_path: Path) -> None:
    """The measured leak: a list linked to /etc/passwd echoed its root entry."""
    secret = _secret(tmp_path)
    case = _case(tmp_path / "case", "people.csv")
    (tmp_path / "case" / "people.csv").symlink_to(secret)
    for errors in ("text", "json"):
        args = ["--allow-outside", "validate", str(case), "--errors", errors]
        result = runner.invoke(app, args)
        assert result.exit_code == 2
        assert "root:x" not in result.output and "/bin/bash" not in result.output
    text = runner.invoke(app, ["--allow-outside", "validate", str(case)]).stderr
    assert text.splitlines()[0] == (
        f"error: {tmp_path / 'case' / 'people.csv'}:1: unknown column '…' (31 characters, "
        "hidden: --show-values shows it) in the header of people"
    )
    shown = runner.invoke(app, ["--allow-outside", "--show-values", "validate", str(case)])
    assert SECRET in shown.stderr  # asked for


def test_csv_cells_are_hidden_but_the_formats_words_and_the_cases_ids_are_shown(
    tmp_path: Path,
) -> None:
    (tmp_path / "people.csv").write_text("id,name\nanna,A\n", "utf-8")
    (tmp_path / "memberships.csv").write_text(
        "person,unit,role\nAnna Svensson,u,teacher\nann,u,formal-leader\nanna,u,techer\n",
        "utf-8",
    )
    case = tmp_path / "case.yaml"
    case.write_text(
        "case: t\nbase: https://example.org/t/\nunits:\n  - id: u\npeople: people.csv\n"
        "memberships: memberships.csv\n",
        "utf-8",
    )
    with pytest.raises(AuthoringError) as caught:
        load_case(case)
    messages = [(p.problem, p.hint) for p in caught.value.problems]
    assert "Svensson" not in str(messages) and "techer" not in str(messages)
    assert messages[0][0].startswith("'…' (13 characters, hidden: --show-values shows it)")
    assert messages[1] == (
        "'…' (3 characters, hidden: --show-values shows it) is not defined: 'person' "
        "takes a person",
        "did you mean 'anna'?",  # an id the case defines
    )
    assert messages[2][1] is not None and "did you mean 'teacher'?" in messages[2][1]


def test_free_text_in_the_case_file_is_hidden_and_its_tokens_shown() -> None:
    from dlgraph.authoring import load_case_text

    head = "case: t\nbase: https://example.org/t/\n"
    with pytest.raises(AuthoringError) as caught:
        load_case_text(head + "people:\n  - id: Søren Ærø\n    nme: x\n")
    second, first = caught.value.problems  # the unknown key is read first
    assert first.problem == "'…' (9 characters, hidden: --show-values shows it) is not a usable id"
    assert first.hint is not None and "Soren" not in first.hint and "person-1" in first.hint
    assert second.problem == "unknown key 'nme' in people[1]"  # a token: shown
    with pytest.raises(AuthoringError) as colon:
        load_case_text(head + "people:\n  - id: a\n    name: Rektor: Anna Svensson\n")
    assert "Svensson" not in str(colon.value)
    assert colon.value.hint == (
        "a value that holds ': ' must be in quotes: write name: \"...\" on line 5"
    )
    with dlgraph.show_values(), pytest.raises(AuthoringError) as shown:
        load_case_text(head + "people:\n  - id: Søren Ærø\n")
    assert shown.value.problem == "'Søren Ærø' is not a usable id"


def test_a_damaged_workbook_is_one_line_without_its_cells(tmp_path: Path) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    import zipfile

    book = openpyxl.Workbook()
    book.active.append(["id", "name"])
    book.active.append(["p1", 5])
    book.save(tmp_path / "good.xlsx")
    with (
        zipfile.ZipFile(tmp_path / "good.xlsx") as good,
        zipfile.ZipFile(tmp_path / "people.xlsx", "w") as bad,
    ):
        for item in good.infolist():
            data = good.read(item.filename)
            bad.writestr(item, data.replace(b"<v>5</v>", b"<v>Anna Svensson</v>"))
    case = _case(tmp_path, "people.xlsx")
    result = runner.invoke(app, ["convert", str(case), "-o", str(tmp_path / "o.ttl")])
    assert result.exit_code == 2
    _no_traceback(result.stderr)
    assert "cannot read the workbook: it is damaged (ValueError)" in result.stderr
    assert "Svensson" not in result.stderr
