"""The whole command's limits: ``--timeout`` from the first byte read, ``--max-memory``.

A command's time-out starts when its options are read, so loading counts. Python code
is stopped by the library's alarm (:func:`dlgraph.deadline.time_budget`); native code
that runs without Python's lock (Oxigraph loading a store) cannot be interrupted, so a
watchdog thread ends the process a moment after the deadline: it removes the temporary
files being written, prints the same error (as JSON on stdout with ``--errors json``) and
exits with code 5. A store being loaded keeps its last committed state, as after any kill.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import threading
from collections.abc import Iterator

import typer

from dlgraph.cli.output import error_format, error_json, shown
from dlgraph.deadline import limit_memory, time_budget
from dlgraph.errors import EXIT_TIMEOUT, InputError, TimeoutExceeded
from dlgraph.write import remove_temporaries

__all__ = ["GRACE", "memory_size", "start_memory_cap", "start_time_budget", "time_out"]

GRACE = 2.0
"""Seconds past the deadline before the watchdog ends a process stuck in native code."""

_UNITS = {"": 1, "K": 1 << 10, "M": 1 << 20, "G": 1 << 30, "T": 1 << 40}
_SIZE = re.compile(r"\s*(\d+(?:\.\d+)?)\s*([KMGT]?)(?:I?B)?\s*", re.IGNORECASE)


def memory_size(text: str) -> int:
    """Bytes from ``512M``, ``2G``, ``1.5GiB`` or a number of bytes; InputError else."""
    match = _SIZE.fullmatch(text)
    if match is None or float(match.group(1)) <= 0:
        raise InputError(
            f"--max-memory: {text!r} is not a size", hint="give bytes, or a size such as 512M or 2G"
        )
    return int(float(match.group(1)) * _UNITS[match.group(2).upper()])


def time_out(command: str, seconds: float) -> TimeoutExceeded:
    """The error of ``command`` that ran past ``seconds``, naming the option."""
    return TimeoutExceeded(
        f"dlgraph {command} ran past its time-out of {seconds:g} s and was stopped",
        hint="make the data or the query smaller, or allow more time "
        "(--timeout SECONDS; 0 for no limit)",
    )


def start_time_budget(context: typer.Context, seconds: float | None) -> None:
    """Bound the rest of ``context``'s command to ``seconds`` (None: no limit)."""
    if seconds is None:
        return
    if seconds <= 0:
        raise InputError(f"--timeout must be positive (or 0 for none), not {seconds:g}")
    error = time_out(context.info_name or "command", seconds)
    context.with_resource(_watchdog(seconds + GRACE, error))
    context.with_resource(time_budget(seconds, error))


def start_memory_cap(context: typer.Context, max_bytes: int | None) -> None:
    """Cap the memory of the workers ``context``'s command starts."""
    context.with_resource(limit_memory(max_bytes))


@contextlib.contextmanager
def _watchdog(seconds: float, error: TimeoutExceeded) -> Iterator[None]:
    """End the process with ``error`` if it still runs ``seconds`` from now."""
    done = threading.Event()

    def watch() -> None:
        if not done.wait(seconds):
            remove_temporaries()
            if error_format() == "json":
                os.write(1, (json.dumps(error_json(error), indent=2) + "\n").encode())
            else:
                os.write(2, _lines(error).encode("utf-8", "replace"))
            os._exit(EXIT_TIMEOUT)

    threading.Thread(target=watch, name="dlgraph-deadline", daemon=True).start()
    try:
        yield
    finally:
        done.set()


def _lines(error: TimeoutExceeded) -> str:
    """The lines :func:`dlgraph.cli.output.fail` prints on stderr for ``error``."""
    text = f"error: {shown(error.message)}\n"
    return text + (f"hint: {shown(error.hint)}\n" if error.hint else "")
