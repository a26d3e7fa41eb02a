"""``dlgraph network``: how distributed the leadership is, per unit, room or municipality."""

from __future__ import annotations

import csv
import io
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import dlgraph
from dlgraph.cli.options import (
    AllowOutside,
    CommandTimeout,
    Errors,
    ExportOption,
    GroupingOption,
    Lang,
    NetworkFormat,
    NetworkFormatOption,
    NetworkKindOption,
    Paths,
    Quiet,
    ShowValues,
    WithSubunits,
    output,
)
from dlgraph.cli.output import headers, plain, say, stdout_console
from dlgraph.cli.sources import load_paths
from dlgraph.errors import InputError
from dlgraph.ontology.labels import Labels
from dlgraph.report.ui_text import text
from dlgraph.write import write_atomic

if TYPE_CHECKING:  # networkx loads only when the command runs
    from dlgraph import NetworkResult

__all__ = ["network_command"]

COLUMNS = (
    "group",
    "members",
    "ties",
    "density",
    "reciprocity",
    "indegree_centralization",
    "central_members",
    "acts",
    "share_acts_non_formal",
    "share_own_initiative",
    "acts_gini",
    "leadership_density",
)
"""The table's and the CSV file's columns, in order."""

ExportFile = Annotated[Path | None, output("The file --export writes (default: stdout).")]


def network_command(
    paths: Paths,
    kind: NetworkKindOption = "advice",
    by: GroupingOption = "unit",
    with_subunits: WithSubunits = False,
    fmt: NetworkFormatOption = NetworkFormat["table"],
    export: ExportOption = None,
    target: ExportFile = None,
    *,
    lang: Lang,
    timeout: CommandTimeout = None,
    quiet: Quiet = False,
    show_values: ShowValues = False,
    allow_outside: AllowOutside = False,
    errors: Errors = "text",
) -> None:
    """Measure how distributed the leadership is: density, reciprocity and indegree
    centralization of the advice, trust, delegation or direction network of each group,
    its central members, and the spread of its members' leadership acts.

    Person names show only with --show-values or when they are pseudonyms.

    Example: dlgraph network examples/denmark-icdp --network trust --by unit -f json
    """
    if target is not None and export is None:
        raise InputError("-o/--output names the file of --export", hint="add --export graphml")
    graph = load_paths(paths, quiet)
    result = dlgraph.network(graph, kind, by=by, with_subunits=with_subunits)
    if export is not None:
        data = result.export(export)
        if target is None:
            sys.stdout.buffer.write(data)
            sys.stdout.flush()
        else:
            write_atomic(target, data)
            say(quiet, f"wrote {target}")
        return
    labels = Labels([graph.union()])
    if fmt == "json":
        sys.stdout.write(json.dumps(_json(result, labels), indent=2, ensure_ascii=False) + "\n")
    elif fmt == "csv":
        sys.stdout.write(_csv(result))
    else:
        _table(result, labels, str(lang))
    say(quiet, f"{len(result.measures)} group(s), {result.graph.number_of_edges()} tie(s)")


def _json(result: NetworkResult, labels: Labels) -> dict[str, Any]:
    persons = []
    for person in result.persons:
        entry = person.as_dict()
        entry["label"] = labels.get(person.person)
        persons.append(entry)
    return {
        "network": result.network,
        "by": result.by,
        "groups": result.records(),
        "persons": persons,
    }


def _csv(result: NetworkResult) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow([*COLUMNS, "undefined"])
    for record in result.records():
        row = [
            " ".join(record[c]) if c == "central_members" else _value(record[c]) for c in COLUMNS
        ]
        reasons = "; ".join(f"{k}: {v}" for k, v in record["undefined"].items())
        writer.writerow([*row, reasons])
    return out.getvalue()


def _value(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:.6g}"
    return str(value)


def _table(result: NetworkResult, labels: Labels, lang: str) -> None:
    from rich.table import Table  # rich's tables load only when one is printed

    table = Table(*headers(*(text(f"net_{c}", lang) for c in COLUMNS)))
    for measures in result.measures:
        record = measures.as_dict()
        cells = []
        for column in COLUMNS:
            if column == "group":
                cells.append(labels.get(measures.group, lang))
            elif column == "central_members":
                cells.append(", ".join(labels.get(m, lang) for m in measures.central_members))
            elif isinstance(record[column], float):
                cells.append(f"{record[column]:.3f}")
            else:
                cells.append("–" if record[column] is None else str(record[column]))
        table.add_row(*(plain(c) for c in cells))
    stdout_console().print(table)
