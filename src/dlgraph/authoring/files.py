"""The files a case reads besides itself (its CSV files and workbooks): where they may
be, what they may be, and how much of them may be read.

A case is often handed on with its folder, so the paths it names are the folder's to
answer for: each must stay inside the case's folder once ``..`` and symbolic links are
resolved, unless the caller allows files outside it (``--allow-outside``,
``allow_outside=True``). Only regular files are read (a device such as ``/dev/zero`` or a
FIFO never ends, or never begins). Every byte read counts against one budget: the case's
``max_bytes`` less the case file itself, so that no list, or all of them together, can
exhaust memory.
"""

from __future__ import annotations

import os
import stat
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from dlgraph.authoring.words import say
from dlgraph.errors import LimitExceeded

__all__ = [
    "ALLOW_OUTSIDE_HINT",
    "Budget",
    "FileRefused",
    "allow_outside",
    "allowing_outside",
    "confined_path",
    "open_regular",
    "set_allow_outside",
]

ALLOW_OUTSIDE_HINT = say("outside_folder_hint", "en")
"""What to do about a file of a case that lies outside the case's folder."""

_state = {"allow": False}


def allowing_outside() -> bool:
    """Whether cases may read files outside their folder when the caller does not say."""
    return _state["allow"]


def set_allow_outside(enabled: bool) -> None:
    """Let cases read files outside their folder (or stop them): ``--allow-outside``."""
    _state["allow"] = enabled


@contextmanager
def allow_outside(enabled: bool = True) -> Iterator[None]:
    """Within the block, cases may read files outside their folder."""
    before = _state["allow"]
    _state["allow"] = enabled
    try:
        yield
    finally:
        _state["allow"] = before


@dataclass(frozen=True)
class FileRefused(Exception):
    """A file a case names that is not read: outside the folder, or not a regular file."""

    message: str
    hint: str | None = None


_WHAT = {
    "CSV file": "file_csv",
    "workbook": "file_workbook",
    "case file": "file_case",
    "case workbook": "file_case_workbook",
}


def _what(what: str, lang: str) -> str:
    """The kind of file ``what`` (English) in ``lang``."""
    return say(_WHAT[what], lang) if what in _WHAT else what


def confined_path(
    folder: Path, relative: str, what: str, allowed: bool | None, lang: str = "en"
) -> Path:
    """The file ``relative`` names in ``folder``; FileRefused when it resolves outside the
    folder (``..``, an absolute path, a symbolic link) and ``allowed`` is not True (None:
    :func:`allowing_outside` decides)."""
    path = folder / relative
    if allowed if allowed is not None else allowing_outside():
        return path
    try:
        inside = path.resolve().is_relative_to(folder.resolve())
    except (OSError, RuntimeError):  # a loop of symbolic links
        inside = False
    if not inside:
        raise FileRefused(
            say("outside_folder", lang, what=_what(what, lang), file=relative),
            say("outside_folder_hint", lang),
        )
    return path


class Budget:
    """The bytes a case may still read, shared by all its files (None: no limit)."""

    def __init__(self, max_bytes: int | None, used: int = 0, lang: str = "en") -> None:
        self.max_bytes = max_bytes
        self.used = used
        self.lang = lang
        """The language of the limit's message (the case's)."""

    def take(self, count: int, shown: str) -> None:
        """Count ``count`` more bytes of the file ``shown``; LimitExceeded past the limit."""
        self.used += count
        if self.max_bytes is not None and self.used > self.max_bytes:
            raise LimitExceeded(
                say("over_limit", self.lang, file=shown, limit=self.max_bytes),
                hint=say("over_limit_hint", self.lang),
            )

    def reader(self, stream: BinaryIO, shown: str) -> Iterator[bytes]:
        """The bytes of ``stream`` a chunk at a time, each counted before it is used."""
        left = None if self.max_bytes is None else self.max_bytes - self.used
        while True:
            size = _CHUNK if left is None else max(min(_CHUNK, left + 1), 1)
            chunk = stream.read(size)
            if not chunk:
                return
            self.take(len(chunk), shown)
            if left is not None:
                left -= len(chunk)
            yield chunk

    def take_workbook(self, path: Path, shown: str) -> None:
        """Count a workbook at what its parts hold unpacked (zip's declared sizes, which
        Python's zip reader never reads past), so that a small, packed file cannot grow
        into gigabytes of cells."""
        try:
            with zipfile.ZipFile(path) as book:
                unpacked = sum(info.file_size for info in book.infolist())
        except (OSError, zipfile.BadZipFile, ValueError):
            unpacked = 0  # not a workbook: reading it says so
        self.take(max(unpacked, path.stat().st_size), shown)


_CHUNK = 1 << 16


def open_regular(path: Path, what: str, relative: str, lang: str = "en") -> BinaryIO:
    """``path`` opened for reading when it is a regular file; FileRefused for a device, a
    FIFO, a socket or a folder (opened without blocking, then checked, so that a FIFO
    without a writer cannot hang the reader). OSError when it cannot be opened."""
    descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    try:
        mode = os.fstat(descriptor).st_mode
        if not stat.S_ISREG(mode):
            raise FileRefused(
                say("not_regular", lang, what=_what(what, lang), file=relative),
                say("not_regular_hint", lang, what=what),
            )
        if hasattr(os, "set_blocking"):
            os.set_blocking(descriptor, True)
        return os.fdopen(descriptor, "rb")
    except BaseException:
        os.close(descriptor)
        raise


def check_workbook(path: Path, what: str, relative: str, shown: str, budget: Budget) -> None:
    """Let a workbook be read only when it is a regular file (FileRefused otherwise, naming
    it ``relative``) and fits the case's budget at its unpacked size (LimitExceeded past
    it, naming it ``shown``)."""
    open_regular(path, what, relative, budget.lang).close()
    budget.take_workbook(path, shown)
