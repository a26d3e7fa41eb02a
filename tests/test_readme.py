"""The README is the contract: its Python examples run as written, from the repository root,
and the commands it names exist."""

from __future__ import annotations

import os
import re

import pytest
from typer.testing import CliRunner

from conftest import ROOT
from dlgraph.cli import app

README = (ROOT / "README.md").read_text(encoding="utf-8")
PYTHON_BLOCKS = re.findall(r"```python\n(.*?)```", README, flags=re.S)


def test_readme_has_python_examples() -> None:
    assert len(PYTHON_BLOCKS) >= 2


@pytest.mark.parametrize("index", range(len(PYTHON_BLOCKS)))
def test_readme_python_example_runs(index: int, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    namespace: dict[str, object] = {}
    exec(compile(PYTHON_BLOCKS[index], f"README.md python block {index + 1}", "exec"), namespace)


def test_readme_names_only_existing_commands() -> None:
    named = set(re.findall(r"^\| `dlgraph (\w+)", README, flags=re.M))
    assert named, "the README's command table is missing"
    runner = CliRunner()
    for command in sorted(named):
        result = runner.invoke(app, [command, "--help"])
        assert result.exit_code == 0, (command, result.output)


def test_quick_start_commands_are_make_targets() -> None:
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    for target in ("demo", "test"):
        assert f"make {target}" in README
        assert re.search(rf"^{target}:", makefile, flags=re.M), target
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "make test" in ci and os.access(ROOT / ".ci" / "run", os.X_OK)


def test_every_make_target_the_readme_names_exists() -> None:
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    named = set(re.findall(r"`make ([\w./-]+)", README))
    assert {"demo", "test", "vocab", "ontology/dlgraph-merged.ttl"} <= named
    for target in sorted(named):
        assert re.search(rf"^{re.escape(target)}( &)?:", makefile, flags=re.M), target
