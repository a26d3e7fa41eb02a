"""Stop long work at a deadline, and keep a worker's memory within a cap.

rdflib and pySHACL evaluate in pure Python with no way to interrupt them, and a
pathological query can run for hours. With a time-out the work runs in a forked worker
process that is killed at the deadline; its result (or its DlgraphError) comes back
through a pipe. Without a time-out, or where the platform cannot fork, it runs here.

A time budget (:func:`time_budget`) bounds everything done inside it, reading included:
an alarm raises :class:`DeadlinePassed` in whatever Python code runs at the deadline,
and every worker started inside it is stopped by then too. A worker runs under the
memory cap of :func:`memory_limit` (``RLIMIT_AS``): a query that grows a string or a
cross join without end is LimitExceeded naming the cap, and the worker's own error
output (Oxigraph aborts with a backtrace when an allocation fails) is never shown.
"""

from __future__ import annotations

import contextlib
import faulthandler
import multiprocessing
import os
import pickle
import signal
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from multiprocessing.connection import Connection
from types import FrameType
from typing import IO, Any, TypeVar

from dlgraph.errors import DlgraphError, InputError, LimitExceeded, TimeoutExceeded

__all__ = [
    "DEFAULT_CLI_TIMEOUT",
    "DeadlinePassed",
    "can_enforce",
    "default_max_memory",
    "limit_memory",
    "memory_cap",
    "remaining",
    "run_with_deadline",
    "size_text",
    "time_budget",
]

DEFAULT_CLI_TIMEOUT = 300.0
"""Seconds the command line gives a query or a validation unless told otherwise."""

T = TypeVar("T")

# What a worker killed by its memory cap leaves on its (hidden) standard error.
_OUT_OF_MEMORY = ("memory allocation of", "allocation failed", "MemoryError", "out of memory")


class DeadlinePassed(BaseException):
    """Raised by the alarm inside whatever runs when a :func:`time_budget` ends.

    A BaseException, so that no ``except Exception`` on the way turns it into another
    error; ``error`` is the TimeoutExceeded to report.
    """

    def __init__(self, error: TimeoutExceeded) -> None:
        super().__init__(error.message)
        self.error = error


@dataclass(frozen=True)
class _Budget:
    ends: float
    error: TimeoutExceeded


_budgets: list[_Budget] = []
_caps: list[int] = []


def can_enforce() -> bool:
    """Whether this platform can stop a computation at its deadline (it needs fork)."""
    return "fork" in multiprocessing.get_all_start_methods()


def remaining() -> float | None:
    """Seconds left of the innermost time budget; None outside any."""
    if not _budgets:
        return None
    return max(0.0, _budgets[-1].ends - time.monotonic())


@contextlib.contextmanager
def time_budget(seconds: float | None, error: TimeoutExceeded) -> Iterator[None]:
    """Everything inside stops at ``seconds``: ``error`` is raised (None: no budget).

    In the main thread an alarm raises :class:`DeadlinePassed` wherever Python code runs
    at the deadline (rdflib's readers, a file being written: the write is abandoned, the
    old file kept); workers started inside stop by then too. Native code that holds no
    lock of Python's (Oxigraph loading a store) is stopped only by its caller's watchdog.
    """
    if seconds is None:
        yield
        return
    if seconds <= 0:
        raise InputError(f"the time-out must be positive, not {seconds!r}")
    ends = time.monotonic() + seconds
    if _budgets:
        ends = min(ends, _budgets[-1].ends)
    _budgets.append(_Budget(ends, error))
    alarm = hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()
    previous: Any = None
    hook = sys.unraisablehook
    if alarm:
        previous = signal.signal(signal.SIGALRM, _expire)
        sys.unraisablehook = _ring_again(hook)
        signal.setitimer(signal.ITIMER_REAL, max(ends - time.monotonic(), 1e-3))
    try:
        yield
    except DeadlinePassed as passed:
        raise passed.error from None
    finally:
        _budgets.pop()
        if alarm:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, previous)
            sys.unraisablehook = hook
            if _budgets:  # an outer budget goes on
                signal.setitimer(signal.ITIMER_REAL, max(remaining() or 0.0, 1e-3))


def _ring_again(hook: Callable[[Any], Any]) -> Callable[[Any], Any]:
    """An unraisable hook that rings the alarm again when it rang where no exception can
    leave (a weak reference's callback, a ``__del__``): Python drops it there."""

    def ring(unraisable: Any) -> None:
        if isinstance(unraisable.exc_value, DeadlinePassed) and _budgets:
            signal.setitimer(signal.ITIMER_REAL, 1e-3)
            return
        hook(unraisable)

    return ring


def _expire(signum: int, frame: FrameType | None) -> None:
    if _budgets:
        raise DeadlinePassed(_budgets[-1].error)


def default_max_memory() -> int:
    """Half of the machine's memory: what a worker may take unless told otherwise."""
    try:
        return os.sysconf("SC_PHYS_PAGES") * os.sysconf("SC_PAGE_SIZE") // 2
    except (ValueError, OSError, AttributeError):
        return 4 << 30


def memory_cap() -> int | None:
    """The memory cap (bytes) of the workers started now; None for none."""
    return _caps[-1] if _caps else None


@contextlib.contextmanager
def limit_memory(max_bytes: int | None) -> Iterator[None]:
    """Workers started inside may take at most ``max_bytes`` more than this process holds."""
    if max_bytes is None:
        yield
        return
    if max_bytes <= 0:
        raise InputError(f"the memory limit must be positive, not {max_bytes!r}")
    _caps.append(max_bytes)
    try:
        yield
    finally:
        _caps.pop()


def size_text(size: int) -> str:
    """``size`` bytes for people: 64 MiB, 1.5 GiB."""
    value = float(size)
    for unit in ("bytes", "KiB", "MiB", "GiB"):
        if value < 1024 or unit == "GiB":
            return f"{value:g} {unit}" if unit == "bytes" else f"{value:.4g} {unit}"
        value /= 1024
    raise AssertionError("unreachable")


def _memory_error(what: str, cap: int) -> LimitExceeded:
    return LimitExceeded(
        f"{what} needed more memory than its limit of {size_text(cap)} and was stopped",
        hint="make the query smaller (a cross join, a string that keeps growing), or allow "
        "more memory (max_memory=, --max-memory SIZE)",
    )


def run_with_deadline(
    function: Callable[[], T], timeout: float | None, what: str, *, max_memory: int | None = None
) -> T:
    """``function()``, or TimeoutExceeded naming ``what`` if it runs past ``timeout`` s.

    ``timeout`` None, outside any time budget and with no memory cap (``max_memory``
    bytes, else :func:`memory_cap`), runs it here with no limit. DlgraphErrors raised by
    ``function`` come back as they were raised; running out of memory is LimitExceeded.
    """
    cap = max_memory if max_memory is not None else memory_cap()
    left = remaining()
    if (timeout is None and left is None and cap is None) or not can_enforce():
        return function()
    if timeout is not None and timeout <= 0:
        raise InputError(f"the time-out must be positive, not {timeout!r}")
    budget_first = left is not None and (timeout is None or left <= timeout)
    wait = left if budget_first else timeout
    context = multiprocessing.get_context("fork")
    reader, writer = context.Pipe(duplex=False)
    with tempfile.TemporaryFile() as errors:
        worker = context.Process(
            target=_work, args=(function, writer, what, cap, errors), daemon=True
        )
        worker.start()
        writer.close()
        try:
            if not reader.poll(wait):
                if budget_first:
                    raise _budgets[-1].error
                raise TimeoutExceeded(
                    f"{what} ran past its time-out of {timeout:g} s and was stopped",
                    hint="make the query or the data smaller, or allow more time "
                    "(timeout=, --timeout SECONDS)",
                )
            try:
                status, payload = pickle.loads(reader.recv_bytes())
            except EOFError:
                worker.join()
                raise _died(what, worker.exitcode, cap, errors) from None
        finally:
            if worker.is_alive():
                worker.kill()
            worker.join()
            reader.close()
    if status == "ok":
        return payload  # type: ignore[no-any-return]
    raise _rebuild(payload, what)


def _died(what: str, exitcode: int | None, cap: int | None, errors: IO[bytes]) -> DlgraphError:
    """The error of a worker that ended without an answer, read from its hidden stderr."""
    errors.seek(0)
    said = errors.read(65536).decode("utf-8", "replace")
    if cap is not None and (
        any(sign in said for sign in _OUT_OF_MEMORY)
        or exitcode in (-signal.SIGABRT, -signal.SIGSEGV, -signal.SIGBUS, -signal.SIGKILL)
    ):
        return _memory_error(what, cap)
    return DlgraphError(f"{what} stopped unexpectedly (exit code {exitcode})")


def _cap_memory(cap: int) -> None:
    """Let this process's address space grow by at most ``cap`` bytes from now."""
    import resource  # POSIX only, like fork

    held = 0
    with contextlib.suppress(OSError, ValueError), open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmSize:"):
                held = int(line.split()[1]) * 1024
    _, hard = resource.getrlimit(resource.RLIMIT_AS)
    limit = held + cap
    if hard != resource.RLIM_INFINITY:
        limit = min(limit, hard)
    resource.setrlimit(resource.RLIMIT_AS, (limit, hard))


def _work(
    function: Callable[[], Any],
    writer: Connection,
    what: str,
    cap: int | None,
    errors: IO[bytes],
) -> None:
    os.dup2(errors.fileno(), 2)  # a worker's own output (a Rust backtrace) is never shown
    faulthandler.disable()  # nor Python's dump of an abort, wherever it was to go
    try:
        if cap is not None:
            _cap_memory(cap)
        result = function()
    except MemoryError:
        payload = pickle.dumps(("error", _describe(_memory_error(what, cap or 0))))
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
