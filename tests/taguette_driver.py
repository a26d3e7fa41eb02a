"""Drives a real Taguette (run by .venv-taguette/bin/python, never the project's venv):
imports a CSV codebook, adds an HTML document, tags passages and exports through
Taguette's own database models and import/export functions.

Usage: python taguette_driver.py SPEC.json OUTDIR; SPEC has "codebook" (a CSV path),
"document" (an HTML path), "name" and "highlights" ([[passage, [tag, ...]], ...]).
"""

import json
import sys
from pathlib import Path

import bs4
from taguette import convert, database, export, extract, import_codebook


def _byte_range(contents: str, passage: str) -> tuple[int, int]:
    """Taguette's offsets count UTF-8 bytes of the text, tags left out."""
    text = "".join(bs4.BeautifulSoup(contents, "html5lib").strings)
    start = text.index(passage)
    return len(text[:start].encode("utf-8")), len(text[: start + len(passage)].encode("utf-8"))


def main(spec_path: str, out: str) -> None:
    spec = json.loads(Path(spec_path).read_text(encoding="utf-8"))
    outdir = Path(out)
    db = database.connect("sqlite:///" + str(outdir / "taguette.sqlite3"))()
    project = database.Project(name="dlgraph", description="")
    db.add(project)
    with open(spec["codebook"], "rb") as handle:
        tags = import_codebook.list_tags(handle)  # what the web view calls
    by_path = {}
    for tag in tags:
        by_path[tag["path"]] = database.Tag(project=project, **tag)
        db.add(by_path[tag["path"]])
    contents = convert.get_html_body(Path(spec["document"]).read_bytes())
    document = database.Document(
        project=project,
        name=spec["name"],
        description="",
        filename=Path(spec["document"]).name,
        text_direction=database.TextDirection.LEFT_TO_RIGHT,
        contents=contents,
    )
    db.add(document)
    for passage, paths in spec["highlights"]:
        start, end = _byte_range(contents, passage)
        db.add(
            database.Highlight(
                document=document,
                start_offset=start,
                end_offset=end,
                snippet=extract.extract(contents, start, end),
                tags=[by_path[path] for path in paths],
            )
        )
    db.commit()
    with open(outdir / "all_tags.csv", "w", encoding="utf-8", newline="") as handle:
        export.highlights_csv(db, project.id, "", handle)
    stored = db.query(database.Tag).filter(database.Tag.project_id == project.id).all()
    export.codebook_xml(stored, str(outdir / "codebook.qdc"))
    with open(outdir / "codebook.csv", "w", encoding="utf-8", newline="") as handle:
        export.codebook_csv(stored, handle)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
