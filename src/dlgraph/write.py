"""Write files atomically: a temporary file in the same folder, synced, then renamed.

A crash or a kill while writing leaves the previous file as it was; readers never see
a half-written file. A write the machine refuses (disk full, a read-only file system, no
permission) is an :class:`EnvironmentProblem` (exit code 3) naming the file and the
cause, with no temporary file left behind.
"""

from __future__ import annotations

import contextlib
import errno
import os
import secrets
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from dlgraph.errors import EnvironmentProblem, InputError

__all__ = [
    "atomic_writer",
    "cannot_write",
    "refused_write",
    "remove_temporaries",
    "write_atomic",
]

_CAUSES = {
    errno.ENOSPC: "disk full",
    errno.EDQUOT: "disk full",
    errno.EFBIG: "disk full",
    errno.EROFS: "read-only",
    errno.EACCES: "permission",
    errno.EPERM: "permission",
}
_HINTS = {
    "disk full": "free some space, or write to another disk",
    "read-only": "write to a file system that is not mounted read-only",
    "permission": "write to a folder you may write in, or change its permissions",
}

_open_temporaries: set[Path] = set()
"""The temporary files being written now, for :func:`remove_temporaries`."""


def remove_temporaries() -> None:
    """Remove the temporary files being written now: before a process must end at once."""
    for temporary in list(_open_temporaries):
        with contextlib.suppress(OSError):
            temporary.unlink()


def refused_write(error: BaseException) -> bool:
    """Whether ``error`` is the machine refusing a write (disk full, read-only, permission)."""
    return isinstance(error, OSError) and error.errno in _CAUSES


def cannot_write(target: str | os.PathLike[str], error: OSError) -> EnvironmentProblem:
    """The one-line error for a write to ``target`` that the machine refused with ``error``."""
    cause = _CAUSES.get(error.errno or 0, "cannot write")
    reason = error.strerror or type(error).__name__
    return EnvironmentProblem(f"{target}: cannot write: {reason} ({cause})", hint=_HINTS.get(cause))


@contextlib.contextmanager
def atomic_writer(path: str | os.PathLike[str]) -> Iterator[BinaryIO]:
    """A binary file to write ``path`` through; it replaces ``path`` only on success.

    The temporary file is created next to the target (so the rename stays on one file
    system) with the permissions a new file would get, or those of the file it replaces.
    """
    target = Path(path)
    folder = target.parent
    if not folder.is_dir():
        raise InputError(
            f"{target}: the folder {folder} does not exist", hint="create the folder first"
        )
    if target.is_dir():
        raise InputError(f"{target} is a folder; name a file to write")
    temporary = folder / f".{target.name}.{secrets.token_hex(6)}.tmp"
    try:
        descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
    except OSError as error:
        raise cannot_write(target, error) from error
    _open_temporaries.add(temporary)
    try:
        with os.fdopen(descriptor, "wb") as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        with contextlib.suppress(FileNotFoundError):
            temporary.chmod(target.stat().st_mode & 0o7777)
        temporary.replace(target)
    except BaseException as error:
        with contextlib.suppress(OSError):
            temporary.unlink()
        if isinstance(error, OSError) and refused_write(error):
            raise cannot_write(target, error) from error
        raise
    finally:
        _open_temporaries.discard(temporary)
    _sync_folder(folder)


def write_atomic(
    path: str | os.PathLike[str], data: bytes | str, *, encoding: str = "utf-8"
) -> Path:
    """Write ``data`` (text in ``encoding``) to ``path`` atomically; return the path."""
    payload = data.encode(encoding) if isinstance(data, str) else data
    with atomic_writer(path) as handle:
        handle.write(payload)
    return Path(path)


def _sync_folder(folder: Path) -> None:
    """Make the rename itself durable where the platform allows syncing a folder."""
    try:
        descriptor = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        with contextlib.suppress(OSError):
            os.fsync(descriptor)
    finally:
        os.close(descriptor)
