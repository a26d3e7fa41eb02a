"""``dlgraph reason``: materialise what the ontology lets a reasoner infer."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from dlgraph import INFERRED_GRAPH, OrgGraph, Reasoning
from dlgraph.cli.options import (
    AllowOutside,
    CommandTimeout,
    Errors,
    Paths,
    Quiet,
    ReasoningProfile,
    ShowValues,
    TargetFormat,
    as_given,
    output,
)
from dlgraph.cli.output import err_console, say, shown
from dlgraph.cli.sources import load_paths
from dlgraph.errors import EXIT_VIOLATIONS

__all__ = ["reason_command"]


ReasonedFile = Annotated[Path, output("The file to write (atomically); format from its name.")]
Profile = Annotated[
    ReasoningProfile,
    typer.Option(
        "--profile", parser=as_given, help="rl (OWL 2 RL), rdfs, or dl (HermiT, needs Java)."
    ),
]
OnlyInferred = Annotated[
    bool,
    typer.Option(
        "--only-inferred",
        help="Write only the inferred triples, not the data with them.",
    ),
]


def reason_command(
    paths: Paths,
    target: ReasonedFile,
    profile: Profile = ReasoningProfile["rl"],
    only_inferred: OnlyInferred = False,
    to: TargetFormat = None,
    timeout: CommandTimeout = None,
    quiet: Quiet = False,
    show_values: ShowValues = False,
    allow_outside: AllowOutside = False,
    errors: Errors = "text",
) -> None:
    """Materialise what the dlgraph ontology lets a reasoner infer from the data.

    The inferred triples go into their own named graph (urn:dlgraph:inferred) in quad
    formats such as TriG, or alone with --only-inferred. Exit code 1 when HermiT finds
    the data inconsistent with the ontology.

    Example: dlgraph reason examples/ -o reasoned.trig --profile rl
    """
    graph = load_paths(paths, quiet)
    result = graph.reason(profile)
    if not result.consistent:
        _inconsistent(result, quiet)
    if only_inferred:
        inferred = OrgGraph().load(result.inferred, graph_name=str(INFERRED_GRAPH))
        inferred.write(target, to)
    else:
        graph.write(target, to)
    say(
        quiet,
        f"inferred {len(result)} triple(s) with profile {profile} ({result.reasoner}) in "
        f"{result.seconds:.1f} s; wrote {target}",
    )


def _inconsistent(result: Reasoning, quiet: bool) -> None:
    """Say that HermiT found the data inconsistent, and why, then exit with code 1."""
    err_console.print(
        "error: the data is inconsistent with the dlgraph ontology (HermiT)", markup=False
    )
    if result.explanation and not quiet:
        err_console.print(shown(result.explanation.splitlines()[0]), markup=False)
    raise typer.Exit(EXIT_VIOLATIONS)
