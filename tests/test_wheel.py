"""The wheel carries the package data, and dlgraph finds that data once installed.

The ontology and the shapes are the repository's top-level ``ontology/`` and ``shapes/``
folders; the build maps them into ``dlgraph/data/`` (pyproject.toml), and
``dlgraph.resources`` finds them in the checkout and in the installed wheel alike.
"""

from __future__ import annotations

import json
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

import dlgraph
from conftest import ROOT
from dlgraph.resources import data_dir, data_file

DATA = ROOT / "src" / "dlgraph" / "data"

# Folders of the checkout and where the wheel must carry each of their files.
SHIPPED = {
    ROOT / "ontology": ("dlgraph/data/ontology", "*.ttl"),
    ROOT / "shapes": ("dlgraph/data/shapes", "*.ttl"),
    DATA / "queries": ("dlgraph/data/queries", "*.rq"),
    DATA / "context": ("dlgraph/data/context", "*.jsonld"),
    DATA / "report": ("dlgraph/data/report", "*"),
    DATA / "docs": ("dlgraph/data/docs", "*"),
    DATA / "schema": ("dlgraph/data/schema", "*.json"),
    DATA / "starter": ("dlgraph/data/starter", "*"),
    DATA / "starter" / "sv": ("dlgraph/data/starter/sv", "*"),
    DATA / "starter" / "da": ("dlgraph/data/starter/da", "*"),
    DATA / "vocab": ("dlgraph/data/vocab", "*"),
}

PIP_WHEEL = [sys.executable, "-m", "pip", "wheel", "-q", "--disable-pip-version-check"]
PIP_WHEEL += ["--no-deps", "--no-build-isolation", "--no-index"]

# Run by the installed copy: where dlgraph and its data files were found.
PROBE = """
import json, dlgraph
from dlgraph.resources import data_file, iter_data_files
print(json.dumps({
    "package": dlgraph.__file__,
    "ontology": str(data_file("ontology", "dlgraph.ttl")),
    "ontology_text": data_file("ontology", "dlgraph-merged.ttl").read_text(encoding="utf-8"),
    "shapes": [f.name for f in iter_data_files("shapes", ".ttl")],
    "query": data_file("queries", "summary.rq").read_text(encoding="utf-8"),
    "triples": len(dlgraph.ontology("merged")),
    "shape_sets": dlgraph.shape_sets(),
}))
"""


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The wheel pip builds from this checkout, offline, with the installed hatchling."""
    folder = tmp_path_factory.mktemp("wheel")
    run = subprocess.run(
        [*PIP_WHEEL, "-w", str(folder), str(ROOT)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert run.returncode == 0, (
        f"pip wheel failed (is hatchling installed? make setup):\n{run.stderr}"
    )
    (built,) = folder.glob("dlgraph-*.whl")
    return built


def test_the_data_folders_are_no_links() -> None:
    assert not [path.name for path in DATA.iterdir() if path.is_symlink()]


def test_the_wheel_carries_every_data_file(wheel: Path) -> None:
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
        for folder, (target, pattern) in SHIPPED.items():
            files = sorted(path for path in folder.glob(pattern) if path.is_file())
            assert files, folder
            for path in files:
                name = f"{target}/{path.name}"
                assert name in names, name
                assert archive.read(name) == path.read_bytes(), name
        assert "dlgraph/py.typed" in names
        assert "dlgraph/resources.py" in names
        assert not [name for name in names if name.startswith(("ontology/", "shapes/"))]


def _probe(path: Path, cwd: Path) -> dict[str, object]:
    """PROBE's answer from a Python that finds dlgraph only at ``path``."""
    run = subprocess.run(
        [sys.executable, "-c", PROBE],
        check=True,
        capture_output=True,
        text=True,
        cwd=cwd,
        env={"PYTHONPATH": str(path), "PATH": "/usr/bin:/bin"},
        timeout=300,
    )
    answer: dict[str, object] = json.loads(run.stdout)
    return answer


@pytest.mark.parametrize("layout", ["unzipped", "zipped"])
def test_data_files_are_found_in_the_installed_wheel(
    wheel: Path, layout: str, tmp_path: Path
) -> None:
    if layout == "unzipped":
        site = tmp_path / "site-packages"
        with zipfile.ZipFile(wheel) as archive:
            archive.extractall(site)
    else:
        site = wheel
    answer = _probe(site, tmp_path)
    assert str(answer["package"]).startswith(str(site))
    assert str(answer["ontology"]).startswith(str(site))
    assert answer["ontology_text"] == (ROOT / "ontology" / "dlgraph-merged.ttl").read_text(
        encoding="utf-8"
    )
    assert answer["shapes"] == sorted(path.name for path in (ROOT / "shapes").glob("*.ttl"))
    assert answer["query"] == (DATA / "queries" / "summary.rq").read_text(encoding="utf-8")
    assert answer["triples"] == len(dlgraph.ontology("merged"))
    assert answer["shape_sets"] == list(dlgraph.shape_sets())


def test_the_checkout_reads_its_own_ontology_and_shapes() -> None:
    if Path(dlgraph.__file__).parent != ROOT / "src" / "dlgraph":
        pytest.skip(f"dlgraph is imported from {dlgraph.__file__}, not from this checkout")
    assert Path(str(data_dir("ontology"))) == ROOT / "ontology"
    assert Path(str(data_file("shapes", "roles.ttl"))) == ROOT / "shapes" / "roles.ttl"
    assert Path(str(data_dir("queries"))) == DATA / "queries"
    with pytest.raises(FileNotFoundError, match=r"data/ontology/missing\.ttl"):
        data_file("ontology", "missing.ttl")
