"""A real Taguette 1.5.2 (in its own ``.venv-taguette``, made by ``scripts/taguette.sh``)
imports dlgraph's CSV codebook, tags passages of a seed text and exports; dlgraph reads
the exports back. Taguette is driven through its own models and import/export functions
(``tests/taguette_driver.py``) in a subprocess, offline."""

from __future__ import annotations

import csv
import html
import json
import re
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
import yaml

from dlgraph.qda import codebook, import_project
from dlgraph.qda.terms import terms_by_guid

ROOT = Path(__file__).resolve().parent.parent
TAGUETTE_PY = ROOT / ".venv-taguette" / "bin" / "python"
SEEDS = ROOT.parent / "shared" / "seeds"
SEED = {"en": "000_1276523fe928c6db.txt", "sv": "000_1276523fe928c6db.txt"}
SEED["da"] = "002_87e32180d4ed6d3b.txt"
INITIATIVE = {"en": "taking initiative", "sv": "ta initiativ", "da": "tage initiativ"}
QDC = "{urn:QDA-XML:codebook:1.0}"

pytestmark = pytest.mark.slow


def _needs() -> None:
    if not TAGUETTE_PY.exists():
        pytest.skip(f"no {TAGUETTE_PY}: run `bash scripts/taguette.sh` (or `make setup`)")
    if not SEEDS.is_dir():
        pytest.skip(f"no seed texts in {SEEDS}")


def _passages(text: str, count: int) -> list[str]:
    """Distinct lines of the seed with a non-ASCII letter, each found once in the text."""
    lines = [line.strip() for line in text.splitlines()]
    found = [ln for ln in lines if len(ln) > 20 and not ln.isascii() and text.count(ln) == 1]
    return found[:count]


def _taguette(tmp_path: Path, lang: str) -> tuple[Path, list[tuple[str, list[str]]]]:
    """Taguette takes the codebook and the seed, tags passages and exports to tmp_path."""
    (tmp_path / "codebook.in.csv").write_bytes(codebook(lang, "csv"))
    tags = [row[0] for row in csv.reader((tmp_path / "codebook.in.csv").open(encoding="utf-8"))]
    second = next(tag for tag in tags[1:] if tag != INITIATIVE[lang])
    text = (SEEDS / SEED[lang]).read_text(encoding="utf-8")[:4000]
    first, other = _passages(text, 2)
    document = tmp_path / "seed.html"
    document.write_text(f"<html><body><p>{html.escape(text)}</p></body></html>", "utf-8")
    highlights = [(first, [INITIATIVE[lang]]), (other, [INITIATIVE[lang], second])]
    spec = {
        "codebook": str(tmp_path / "codebook.in.csv"),
        "document": str(document),
        "name": f"Källa {lang} – ”seed”",
        "highlights": highlights,
    }
    (tmp_path / "spec.json").write_text(json.dumps(spec), encoding="utf-8")
    driver = Path(__file__).with_name("taguette_driver.py")
    run = subprocess.run(
        [str(TAGUETTE_PY), str(driver), str(tmp_path / "spec.json"), str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert run.returncode == 0, run.stderr[-2000:]
    return tmp_path, highlights


def _term_iri(lang: str, name: str) -> str:
    """The IRI of the one codable dlgraph term labelled ``name`` in ``lang``."""
    found = [t.iri for t in terms_by_guid().values() if t.codable and t.label(lang) == name]
    assert len(found) == 1, (name, found)
    return str(found[0])


def _kebab(iri: str) -> str:
    """dlgraph's built-in name of a term: its IRI's local name in kebab case."""
    return re.sub(r"(?<!^)(?=[A-Z])", "-", iri.rsplit("#", 1)[-1]).lower()


@pytest.mark.parametrize("lang", ["en", "sv", "da"])
def test_taguettes_exports_map_back_to_dlgraphs_terms(tmp_path: Path, lang: str) -> None:
    _needs()
    out, highlights = _taguette(tmp_path, lang)
    wanted = [row[0] for row in csv.reader((out / "codebook.in.csv").open(encoding="utf-8"))]
    # Taguette's REFI-QDA codebook export and its CSV codebook: the same codes, by label
    names = [code.get("name", "") for code in ET.parse(out / "codebook.qdc").iter(f"{QDC}Code")]
    assert names == wanted[1:]
    exported = list(csv.DictReader((out / "codebook.csv").open(encoding="utf-8")))
    assert [row["tag"] for row in exported] == wanted[1:]
    counts = {row["tag"]: row["number of highlights"] for row in exported}
    assert counts[INITIATIVE[lang]] == "2" and counts[highlights[1][1][1]] == "1"
    assert len({_term_iri(lang, name) for name in names}) == len(names)

    # the highlights export: quotes equal the tagged passages, codes map to the terms
    result = import_project(out / "all_tags.csv", tmp_path / "case")
    case = yaml.safe_load(result.case_file.read_text(encoding="utf-8"))
    assert [q["text"] for q in case["quotes"]] == [passage for passage, _ in highlights]
    assert [s["title"] for s in case["sources"]] == [f"Källa {lang} – ”seed”"]
    # each tag of each highlight a claim naming the dlgraph term the tag's label stands for
    assert sorted((c["statement"], c["rests_on"][0]) for c in case["claims"]) == sorted(
        (f"{tag} ({_kebab(_term_iri(lang, tag))})", f"q-{number}")
        for number, (_, tags) in enumerate(highlights, 1)
        for tag in tags
    )
    rows = list(csv.DictReader((out / "all_tags.csv").open(encoding="utf-8")))
    assert sorted((row["tag"], row["content"]) for row in rows) == sorted(
        (tag, passage) for passage, tags in highlights for tag in tags
    )
