"""Where a command's data comes from: files (with progress), a store or an endpoint."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path

import dlgraph
from dlgraph import Endpoint, InputError, LoadProgress, OrgGraph, Store
from dlgraph.cli.options import per_request
from dlgraph.cli.output import err_console
from dlgraph.load.sources import SourceLike

__all__ = ["data_source", "load_paths", "one_source", "sources"]


def sources(paths: Sequence[str]) -> list[SourceLike]:
    """The paths named on the command line; ``-`` is standard input."""
    return [sys.stdin.buffer if path == "-" else Path(path) for path in paths]


def load_paths(
    paths: Sequence[str], quiet: bool, format: str | None = None, backend: str = "auto"
) -> OrgGraph:
    """Load ``paths`` with a progress bar on a terminal's stderr."""
    chosen = sources(paths)
    if quiet or not err_console.is_terminal:
        return dlgraph.load(*chosen, format=format, backend=backend)  # type: ignore[arg-type]
    from rich.progress import Progress  # rich's progress loads only on a terminal

    with Progress(console=err_console, transient=True) as progress:
        task = progress.add_task("loading", total=None)

        def report(step: LoadProgress) -> None:
            progress.update(task, total=step.total, completed=step.done, description=step.name)

        return dlgraph.load(*chosen, format=format, progress=report, backend=backend)  # type: ignore[arg-type]


def one_source(paths: object, store: object, endpoint: object, federate: object = None) -> None:
    """InputError unless the data is given in exactly one way."""
    given = [
        name
        for name, value in (
            ("PATH", paths),
            ("--store", store),
            ("--endpoint", endpoint),
            ("--federate", federate),
        )
        if value
    ]
    if len(given) != 1:
        raise InputError(
            "give the data as exactly one of PATH..., --store DIR, --endpoint URL"
            + (" or --federate URL..." if federate is not None else "")
            + (f" (got {', '.join(given)})" if given else ""),
        )


def data_source(
    paths: Sequence[str] | None,
    store: Path | None,
    endpoint: str | None,
    graphs: Sequence[str] | None,
    timeout: float | None,
    quiet: bool,
) -> OrgGraph | SourceLike:
    """The data named on the command line, as the library takes it.

    One path goes to the library as it is, which reads it the way it chooses; several
    are loaded together into one graph.
    """
    one_source(paths, store, endpoint)
    if store is not None:
        with Store.open(store, read_only=True) as opened:
            return opened.to_org_graph(graphs or None)
    if endpoint is not None:
        remote = Endpoint(endpoint, timeout=per_request(timeout))
        return remote.dataset(graphs or None)
    if graphs:
        raise InputError("--graph goes with --store or --endpoint")
    if paths is not None and len(paths) == 1 and paths[0] != "-":
        return sources(paths)[0]
    return load_paths(paths or [], quiet)
