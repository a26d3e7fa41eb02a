"""Run a long computation (a query, a validation) so that it can be stopped at a deadline.

rdflib and pySHACL evaluate in pure Python with no way to interrupt them, and a
pathological query can run for hours. With a time-out the work runs in a forked worker
process that is killed at the deadline; its result (or its DlgraphError) comes back
through a pipe. Without a time-out, or where the platform cannot fork, it runs here.
"""

from __future__ import annotations

import multiprocessing
import pickle
from collections.abc import Callable
from multiprocessing.connection import Connection
from typing import Any, TypeVar

from dlgraph.errors import DlgraphError, InputError, TimeoutExceeded

__all__ = ["DEFAULT_CLI_TIMEOUT", "can_enforce", "run_with_deadline"]

DEFAULT_CLI_TIMEOUT = 300.0
"""Seconds the command line gives a query or a validation unless told otherwise."""

T = TypeVar("T")


def can_enforce() -> bool:
    """Whether this platform can stop a computation at its deadline (it needs fork)."""
    return "fork" in multiprocessing.get_all_start_methods()


def run_with_deadline(function: Callable[[], T], timeout: float | None, what: str) -> T:
    """``function()``, or TimeoutExceeded naming ``what`` if it runs past ``timeout`` s.

    ``timeout`` None runs it here with no limit. DlgraphErrors raised by ``function``
    come back as they were raised.
    """
    if timeout is None or not can_enforce():
        return function()
    if timeout <= 0:
        raise InputError(f"the time-out must be positive, not {timeout!r}")
    context = multiprocessing.get_context("fork")
    reader, writer = context.Pipe(duplex=False)
    worker = context.Process(target=_work, args=(function, writer, what), daemon=True)
    worker.start()
    writer.close()
    try:
        if not reader.poll(timeout):
            raise TimeoutExceeded(
                f"{what} ran past its time-out of {timeout:g} s and was stopped",
                hint="make the query or the data smaller, or allow more time "
                "(timeout=, --timeout SECONDS)",
            )
        try:
            status, payload = pickle.loads(reader.recv_bytes())
        except EOFError:
            raise DlgraphError(
                f"{what} stopped unexpectedly (exit code {worker.exitcode})"
            ) from None
    finally:
        if worker.is_alive():
            worker.kill()
        worker.join()
        reader.close()
    if status == "ok":
        return payload  # type: ignore[no-any-return]
    raise _rebuild(payload, what)


def _work(function: Callable[[], Any], writer: Connection, what: str) -> None:
    try:
        result = function()
    except BaseException as error:  # everything goes back to the caller
        payload = pickle.dumps(("error", _describe(error)))
    else:
        try:
            payload = pickle.dumps(("ok", result))
        except Exception as error:
            failure = f"{what} failed: its result cannot be passed back ({error})"
            payload = pickle.dumps(
                ("error", (DlgraphError, (failure,), {"message": failure, "hint": None}))
            )
    writer.send_bytes(payload)
    writer.close()


def _describe(error: BaseException) -> tuple[type[BaseException], tuple[Any, ...], dict[str, Any]]:
    state = dict(getattr(error, "__dict__", {}))
    try:
        pickle.dumps((type(error), error.args, state))
    except Exception:
        return (DlgraphError, (str(error),), {"message": str(error), "hint": None})
    return (type(error), error.args, state)


def _rebuild(
    payload: tuple[type[BaseException], tuple[Any, ...], dict[str, Any]], what: str
) -> BaseException:
    kind, args, state = payload
    if issubclass(kind, DlgraphError):
        error = kind.__new__(kind)
        Exception.__init__(error, *args)
        error.__dict__.update(state)
        return error
    try:
        return kind(*args)
    except Exception:
        return DlgraphError(f"{what} failed: {args}")
