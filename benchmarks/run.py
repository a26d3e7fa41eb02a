"""Benchmarks: dlgraph's fast path against the base stack, on the same synthetic data.

``python -m benchmarks [--quick] [--json] [--sizes 1,4,20]``. For each size (a number of
municipalities from :mod:`dlgraph.synth`), in the same run and on the same file:

* load: rdflib parse into a Graph, against ``dlgraph.load(path, backend="oxigraph")``;
* named queries: rdflib's SPARQL engine (``OrgGraph.run``) against ``Store.run``, every
  named query (with parameter values where it has parameters); rows compared as sorted lists;
* validation: pySHACL (``engine="pyshacl"``) against the compiled shapes on Oxigraph
  (``engine="oxigraph"``), each in a child process with a time limit; findings compared;
* reasoning: OWL 2 RL on owlrl (``dlgraph.reason.infer.infer(reasoner="owlrl")``) against
  dlgraph's path (``reasoner="auto"``: reasonable plus property chains); the inferred
  triples dlgraph keeps compared. Both read the file into rdflib first (not timed) and
  the ontology's own owlrl closure, computed once per process for both, is not timed.

Peak memory is the child's maximum resident set size. Prints a table; ``--json`` prints
one JSON object with the speed-ups and ``results_identical``.
"""

from __future__ import annotations

import argparse
import json
import math
import multiprocessing as mp
import resource
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

_TOWN = "https://example.org/dlgraph-synth/m0001/"
QUERIES: tuple[tuple[str, dict[str, str]], ...] = (
    ("summary", {}),
    ("summary-by-graph", {}),
    ("own-initiative-acts", {}),
    ("own-initiative-acts", {"crisis": _TOWN + "pandemic"}),
    ("delegation-gaps", {}),
    ("delegation-gaps", {"inMunicipality": _TOWN + "municipality"}),
    ("delegation-gaps-by-unit", {}),
    ("inbetweeners", {}),
    ("inbetweeners", {"inUnit": _TOWN + "unit0"}),
    ("cross-boundary-paths", {}),
    ("room-connections", {}),
    ("room-connections", {"onlyRoom": _TOWN + "lg0"}),
    ("municipality-comparison", {}),
    ("boundary-spanners", {}),
    ("acts-by-period", {"period1": _TOWN + "spring", "period2": _TOWN + "autumn"}),
)
"""Every named query, and those with parameters also with values from the first
municipality (present at every size)."""


def _child(task: str, path: str, queue: Any) -> None:
    import rdflib  # noqa: F401  (imports are not part of what is timed)

    import dlgraph
    import dlgraph.store  # noqa: F401

    started = time.perf_counter()
    outcome: Any = None
    counted: Any = None  # what a load returns: counted after the clock stops
    if task == "load-rdflib":
        from rdflib import Graph

        counted = Graph().parse(path, format="nt")
    elif task == "load-oxigraph":
        from dlgraph import load

        counted = load(path, backend="oxigraph")  # what a user's call costs
    elif task.startswith("query-"):
        outcome = _queries(task.removeprefix("query-"), path)
    elif task.startswith("validate-"):
        from dlgraph import validate

        engine = task.removeprefix("validate-")
        data: Any = path
        if engine == "pyshacl":
            data = _rdflib_graph(path)
        report = validate(data, engine=engine)  # type: ignore[arg-type]
        outcome = sorted(
            (str(r.focus_node), r.path, str(r.value), r.severity.value, str(r.source_shape))
            for r in report.results
        )
    elif task.startswith("reason-"):
        from dlgraph.reason.infer import _ontology_entailments, infer

        graph = _rdflib_graph(path).union(inferred=False)
        _ontology_entailments("rl", True)
        started = time.perf_counter()
        result = infer(graph, "rl", reasoner=task.removeprefix("reason-"))
        outcome = (
            result.reasoner,
            sorted(" ".join(term.n3() for term in t) for t in result.inferred),
        )
    elapsed = time.perf_counter() - started
    if counted is not None:
        outcome = len(counted)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    queue.put((elapsed, peak, outcome))


def _rdflib_graph(path: str) -> Any:
    """The file in rdflib's memory store: the baselines' graph (``load``'s default backend
    would put a file of 1 MiB or more on Oxigraph)."""
    from dlgraph import load

    graph = load(path, backend="rdflib")
    if graph.backend != "rdflib":
        raise RuntimeError(f"the baseline graph is on {graph.backend}, not rdflib")
    return graph


def _queries(engine: str, path: str) -> dict[str, Any]:
    times: dict[str, Any] = {}
    if engine == "rdflib":
        graph: Any = _rdflib_graph(path)
    else:
        from dlgraph.store import Store

        graph = Store.memory()
        graph.load(path)
    for name, parameters in QUERIES:
        started = time.perf_counter()
        result = graph.run(name, **parameters)
        rows = sorted(repr(tuple(str(v) for v in row)) for row in result)
        label = name + "".join(f" {key}" for key in parameters)
        times[label] = (time.perf_counter() - started, rows)
    return times


def _run(task: str, path: str, limit: float) -> tuple[float | None, float | None, Any]:
    context = mp.get_context("spawn")
    queue = context.Queue()
    process = context.Process(target=_child, args=(task, path, queue))
    process.start()
    deadline = time.monotonic() + limit
    while True:
        try:
            elapsed, peak, outcome = queue.get(timeout=1.0)
            break
        except Exception:
            if not process.is_alive() or time.monotonic() > deadline:
                process.kill()
                process.join()
                return None, None, None
    process.join()
    return elapsed, peak, outcome


def _ratio(base: float | None, fast: float | None) -> float | None:
    if base is None or fast is None or fast <= 0:
        return None
    return base / fast


def _fit(points: list[tuple[float, float]]) -> float | None:
    """The exponent b of y = a * x**b fitted by least squares on logs."""
    pairs = [(math.log(x), math.log(y)) for x, y in points if x > 0 and y and y > 0]
    if len(pairs) < 2:
        return None
    mx = sum(x for x, _ in pairs) / len(pairs)
    my = sum(y for _, y in pairs) / len(pairs)
    var = sum((x - mx) ** 2 for x, _ in pairs)
    if var == 0:
        return None
    return sum((x - mx) * (y - my) for x, y in pairs) / var


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m benchmarks")
    parser.add_argument("--quick", action="store_true", help="small sizes, a few minutes")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    parser.add_argument("--sizes", help="comma-separated numbers of municipalities")
    parser.add_argument("--limit", type=float, default=600.0, help="seconds per measurement")
    parser.add_argument("--validate-sizes", help="sizes to validate (default: all)")
    parser.add_argument(
        "--reason-sizes", help="sizes to reason over (default: all up to 20 municipalities)"
    )
    parser.add_argument(
        "--baseline-max",
        type=int,
        default=4,
        help="largest size (municipalities) the baselines run at; dlgraph runs at all sizes",
    )
    args = parser.parse_args(argv)
    sizes = [int(s) for s in (args.sizes or ("1,2" if args.quick else "1,4,20,80,290")).split(",")]
    validate_sizes = (
        [int(s) for s in args.validate_sizes.split(",")] if args.validate_sizes else sizes
    )
    reason_sizes = (
        [int(s) for s in args.reason_sizes.split(",")]
        if args.reason_sizes
        else [s for s in sizes if s <= 20]
    )
    limit = min(args.limit, 150.0) if args.quick else args.limit
    from dlgraph.authoring.synth import synthesize

    rows: list[dict[str, Any]] = []
    identical = True
    compared = 0
    with tempfile.TemporaryDirectory() as folder:
        for size in sizes:
            path = str(Path(folder) / f"synth-{size}.nt")
            triples = synthesize(size, path, seed=0).triples
            measures: list[tuple[str, str, str]] = [
                ("load", "load-rdflib", "load-oxigraph"),
                ("queries", "query-rdflib", "query-oxigraph"),
            ]
            if size in validate_sizes:
                measures.append(("validate", "validate-pyshacl", "validate-oxigraph"))
            if size in reason_sizes:
                measures.append(("reason", "reason-owlrl", "reason-auto"))
            for what, base_task, fast_task in measures:
                skipped: tuple[float | None, float | None, Any] = (None, None, None)
                base = _run(base_task, path, limit) if size <= args.baseline_max else skipped
                fast = _run(fast_task, path, limit)
                row: dict[str, Any] = {"what": what, "municipalities": size, "triples": triples}
                if what == "queries":
                    base_total = sum(t for t, _ in base[2].values()) if base[2] else None
                    fast_total = sum(t for t, _ in fast[2].values()) if fast[2] else None
                    same = (
                        None
                        if base[2] is None
                        else bool(fast[2])
                        and base[2].keys() == fast[2].keys()
                        and all(base[2][q][1] == fast[2][q][1] for q in base[2])
                    )
                    row["per_query_max_s"] = (
                        max(t for t, _ in fast[2].values()) if fast[2] else None
                    )
                    row["per_query_s"] = {
                        label: {
                            "baseline": base[2][label][0] if base[2] else None,
                            "dlgraph": timed[0],
                        }
                        for label, timed in (fast[2] or {}).items()
                    }
                    row.update(baseline_s=base_total, dlgraph_s=fast_total, identical=same)
                elif what == "reason":
                    engine, inferred = fast[2] if fast[2] else (None, None)
                    same = None if base[2] is None or fast[2] is None else base[2][1] == inferred
                    row.update(baseline_s=base[0], dlgraph_s=fast[0], identical=same)
                    row["engine"], row["inferred"] = (
                        engine,
                        None if inferred is None else len(inferred),
                    )
                else:
                    same = None if base[2] is None else base[2] == fast[2]
                    row.update(baseline_s=base[0], dlgraph_s=fast[0], identical=same)
                row["ratio"] = _ratio(row["baseline_s"], row["dlgraph_s"])
                row["baseline_peak_mb"], row["dlgraph_peak_mb"] = base[1], fast[1]
                if row["identical"] is not None:
                    identical = identical and bool(row["identical"])
                compared += row["identical"] is not None
                rows.append(row)
    summary = _summary(rows, identical and compared > 0)
    if args.json:
        print(json.dumps(summary, indent=2))
    else:
        _table(rows, summary)


def _best(rows: list[dict[str, Any]], what: str) -> float | None:
    ratios = [r["ratio"] for r in rows if r["what"] == what and r["ratio"] is not None]
    return ratios[-1] if ratios else None


def _summary(rows: list[dict[str, Any]], identical: bool) -> dict[str, Any]:
    exponents: dict[str, float | None] = {}
    for what in ("load", "queries", "validate", "reason"):
        for key, column in (("time", "dlgraph_s"), ("memory", "dlgraph_peak_mb")):
            points = [(r["triples"], r[column]) for r in rows if r["what"] == what]
            exponents[f"{what}_{key}"] = _fit(points)
    return {
        "load_speedup_vs_rdflib": _best(rows, "load"),
        "query_speedup_vs_rdflib": _best(rows, "queries"),
        "validate_speedup_vs_pyshacl": _best(rows, "validate"),
        "reason_speedup_vs_owlrl": _best(rows, "reason"),
        "results_identical": identical,
        "fitted_exponents": exponents,
        "rows": rows,
    }


def _cell(value: Any, digits: int = 2) -> str:
    if value is None:
        return "-"
    if isinstance(value, float):
        return f"{value:.{digits}f}"
    return str(value)


def _table(rows: list[dict[str, Any]], summary: dict[str, Any]) -> None:
    header = "what      munis  triples    baseline s  dlgraph s  ratio   base MB  dlgraph MB  same"
    out: Callable[[str], Any] = sys.stdout.write
    out(header + "\n")
    for r in rows:
        out(
            f"{r['what']:<9} {r['municipalities']:>5}  {r['triples']:>9}  "
            f"{_cell(r['baseline_s']):>10}  {_cell(r['dlgraph_s']):>9}  {_cell(r['ratio'], 1):>5}  "
            f"{_cell(r['baseline_peak_mb'], 0):>8}  {_cell(r['dlgraph_peak_mb'], 0):>10}  "
            f"{r['identical']}{' (' + str(r['engine']) + ')' if r.get('engine') else ''}\n"
        )
    for key in (
        "load_speedup_vs_rdflib",
        "query_speedup_vs_rdflib",
        "validate_speedup_vs_pyshacl",
        "reason_speedup_vs_owlrl",
    ):
        out(f"{key}: {_cell(summary[key], 1)}\n")
    out(f"results_identical: {summary['results_identical']}\n")
    out(f"fitted exponents: {summary['fitted_exponents']}\n")


if __name__ == "__main__":
    main()
