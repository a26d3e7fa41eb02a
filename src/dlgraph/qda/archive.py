"""A REFI-QDA project archive (``.qdpx``) opened safely: no member outside the archive's
own tree, no member larger than the size limit, whatever its header claims."""

from __future__ import annotations

import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from dlgraph.errors import InputError
from dlgraph.limits import check_size

__all__ = ["DEFAULT_MAX_MEMBER_BYTES", "Archive", "open_archive"]

DEFAULT_MAX_MEMBER_BYTES = 256 * 1024 * 1024
"""The largest member (project.qde or a source) read from an archive: 256 MiB."""

_CHUNK = 1024 * 1024


def _unsafe(name: str) -> bool:
    path = PurePosixPath(name.replace("\\", "/"))
    return path.is_absolute() or ".." in path.parts or ":" in name.split("/", 1)[0]


@dataclass(frozen=True)
class Archive:
    """The members of a project archive, read one at a time within ``max_bytes``."""

    path: Path
    names: frozenset[str]
    max_bytes: int | None

    def read(self, name: str) -> bytes:
        """The bytes of member ``name``; LimitExceeded past ``max_bytes`` (read, not declared)."""
        if name not in self.names:
            raise InputError(
                f"{self.path}: the archive has no member {name!r}",
                hint="the project names a source the archive does not contain",
            )
        limit = self.max_bytes
        chunks: list[bytes] = []
        size = 0
        try:
            with zipfile.ZipFile(self.path) as archive, archive.open(name) as member:
                while chunk := member.read(_CHUNK):
                    size += len(chunk)
                    check_size(b"", f"{self.path}!{name}", limit, size=size)
                    chunks.append(chunk)
        except (OSError, zipfile.BadZipFile, EOFError, zlib.error) as error:
            raise InputError(
                f"{self.path}: the archive member {name!r} is damaged ({error})",
                hint="export the project again",
            ) from error
        return b"".join(chunks)


def open_archive(path: Path, max_bytes: int | None = DEFAULT_MAX_MEMBER_BYTES) -> Archive:
    """Open ``path`` as a project archive; InputError for a non-zip or an escaping name."""
    try:
        with zipfile.ZipFile(path) as archive:
            infos = archive.infolist()
    except (OSError, zipfile.BadZipFile) as error:
        raise InputError(
            f"{path}: not a readable REFI-QDA project archive ({error})",
            hint="give the .qdpx file the QDA tool exported",
        ) from error
    for info in infos:
        if _unsafe(info.filename):
            raise InputError(
                f"{path}: the archive member {info.filename!r} points outside the archive",
                hint="an archive with absolute paths or '..' is refused; export it again",
            )
        check_size(b"", f"{path}!{info.filename}", max_bytes, size=info.file_size)
    return Archive(path, frozenset(info.filename for info in infos), max_bytes)
