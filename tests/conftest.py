"""Paths and fixtures shared by the tests.

The test modules import the paths (``from conftest import EXAMPLES``); pytest hands out
the fixtures. The W3C suites live outside the repository, in ``../shared/w3c``: a test
that needs them calls :func:`need_w3c`, a parametrisation uses :func:`w3c_missing`.
"""

from __future__ import annotations

import socket
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[1]
"""The repository's root folder."""
EXAMPLES = ROOT / "examples"
TEST_DATA = ROOT / "tests" / "data"
SHARED = ROOT.parent / "shared"
"""Material shared with the repository's neighbours, not part of it."""
W3C = SHARED / "w3c"


def write_workbook(path: Path, sheets: dict[str, list[list[object]]]) -> Path:
    """Write an Excel workbook with openpyxl as Excel keeps one: a sheet per entry of
    ``sheets`` (its rows as given: text, numbers, booleans, dates), dates shown as dates."""
    from datetime import datetime

    import openpyxl  # only the workbook tests need it

    book = openpyxl.Workbook()
    book.remove(book.active)  # type: ignore[arg-type]
    for title, rows in sheets.items():
        sheet = book.create_sheet(title)
        for row in rows:
            sheet.append(row)
        for cells in sheet.iter_rows():
            for cell in cells:
                if isinstance(cell.value, datetime):
                    cell.number_format = "yyyy-mm-dd hh:mm" if cell.value.hour else "yyyy-mm-dd"
    book.save(path)
    return path


def w3c_missing(folder: Path = W3C) -> pytest.MarkDecorator:
    """The skip mark for a parameter that needs ``folder`` of the W3C suites."""
    return pytest.mark.skip(reason=f"the W3C suites are not at {folder} (../shared/w3c)")


def need_w3c(*parts: str) -> Path:
    """``../shared/w3c/<parts>``; skips the calling test when it is not there."""
    path = W3C.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"the W3C suites are not at {path} (../shared/w3c)")
    return path


@pytest.fixture
def no_network(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """Make every way out to the network raise, and record each attempt."""
    attempts: list[str] = []

    def refuse(name: str) -> Any:
        def refused(*args: object, **kwargs: object) -> Any:
            attempts.append(f"{name}{args!r}")
            raise OSError(f"network access attempted in a test: {name}")

        return refused

    monkeypatch.setattr(socket, "socket", refuse("socket.socket"))
    monkeypatch.setattr(socket, "create_connection", refuse("socket.create_connection"))
    monkeypatch.setattr(socket, "getaddrinfo", refuse("socket.getaddrinfo"))
    monkeypatch.setattr(urllib.request, "urlopen", refuse("urllib.request.urlopen"))
    yield attempts


VIRTUOSO_SERVERS = 3
"""Virtuoso servers the session starts (at once, in a few seconds): the endpoint tests
place municipalities on three servers, as they do on Oxigraph."""


@pytest.fixture(scope="session")
def virtuoso_servers(tmp_path_factory: pytest.TempPathFactory) -> Iterator[list[Any]]:
    """Real Virtuoso servers for the whole session (tests/virtuoso.py), started together;
    skipped with the reason where Debian's virtuoso-opensource is not installed. Tests load
    their own graphs under IRIs of their own and clear them afterwards."""
    from virtuoso import virtuoso_servers as start

    with start(tmp_path_factory.mktemp("virtuoso"), VIRTUOSO_SERVERS) as servers:
        yield servers


@pytest.fixture(scope="session")
def virtuoso(virtuoso_servers: list[Any]) -> Any:
    """The first of :func:`virtuoso_servers`."""
    return virtuoso_servers[0]
