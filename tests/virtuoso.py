"""A real Virtuoso Open Source 7 server for the tests, set up as an administrator would.

:func:`virtuoso_server` writes a database folder and a ``virtuoso.ini`` of its own in a
temporary folder (free SQL and HTTP ports on 127.0.0.1, small buffers so that it starts in
a few seconds, a small ``ResultSetMaxRows`` so that a capped fetch shows), starts
``virtuoso-t`` in the foreground as a child, waits until its SPARQL endpoint answers, then
with ``isql-vt`` changes the ``dba`` password and creates a user allowed to write through
the Graph Store (``/sparql-graph-crud-auth``): ``SPARQL_UPDATE`` and read/write permission
on the quad store, as Virtuoso's documentation asks. Data are loaded with ``DB.DBA.TTLP``
over SQL. Debian's package is installed by ``scripts/system-deps.sh``; where it is
missing the tests that need it are skipped with that reason.
"""

from __future__ import annotations

import ctypes
import secrets
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest

from dlgraph import DlgraphError, Endpoint
from municipalities import free_port

MAX_ROWS = 1000
"""``ResultSetMaxRows`` in the tests' virtuoso.ini: small, so that a capped fetch shows."""
USER = "dlgraph"
"""The user for Graph Store writes (``SPARQL_UPDATE``)."""

_INI = """\
[Database]
DatabaseFile = {db}/virtuoso.db
ErrorLogFile = {db}/virtuoso.log
LockFile = {db}/virtuoso.lck
TransactionFile = {db}/virtuoso.trx
xa_persistent_file = {db}/virtuoso.pxa
ErrorLogLevel = 7
FileExtend = 200
MaxCheckpointRemap = 2000
Striping = 0
TempStorage = TempDatabase

[TempDatabase]
DatabaseFile = {db}/virtuoso-temp.db
TransactionFile = {db}/virtuoso-temp.trx
MaxCheckpointRemap = 2000
Striping = 0

[Parameters]
ServerPort = 127.0.0.1:{sql_port}
DisableUnixSocket = 1
MaxClientConnections = 10
CheckpointInterval = 0
CaseMode = 2
DirsAllowed = ., {load}
NumberOfBuffers = 2000
MaxDirtyBuffers = 1200
MaxQueryMem = 100M
ThreadsPerQuery = 1
AsyncQueueMaxThreads = 4

[HTTPServer]
ServerPort = 127.0.0.1:{http_port}
ServerRoot = {vsp}
MaxClientConnections = 8
ServerThreads = 8
Charset = UTF-8
EnabledGzipContent = 0

[SPARQL]
ResultSetMaxRows = {max_rows}
MaxQueryExecutionTime = 60
MaxQueryCostEstimationTime = 400
"""


def virtuoso_binaries() -> tuple[str, str]:
    """``virtuoso-t`` and ``isql-vt``; skips the test where Debian's package is missing."""
    server, isql = shutil.which("virtuoso-t"), shutil.which("isql-vt")
    if server is None or isql is None:
        pytest.skip(
            "Virtuoso is not installed (virtuoso-t, isql-vt): run scripts/system-deps.sh "
            "as root (Debian's virtuoso-opensource)"
        )
    return server, isql


@dataclass
class VirtuosoServer:
    """A running Virtuoso: its SPARQL endpoint, Graph Store and SQL port."""

    process: subprocess.Popen[bytes]
    folder: Path
    sql_port: int
    http_port: int
    isql: str
    dba_password: str
    password: str
    """The password of :data:`USER`."""
    max_rows: int

    @property
    def url(self) -> str:
        """The SPARQL query endpoint (anonymous, read-only)."""
        return f"http://127.0.0.1:{self.http_port}/sparql"

    @property
    def gsp_url(self) -> str:
        """The Graph Store with HTTP digest authentication, for :data:`USER`."""
        return f"http://127.0.0.1:{self.http_port}/sparql-graph-crud-auth"

    def sql(self, statements: str, *, password: str | None = None) -> str:
        """Run SQL ``statements`` as ``dba`` through ``isql-vt``; its output, or RuntimeError."""
        script = self.folder / "load" / f"script-{secrets.token_hex(4)}.sql"
        script.write_text(statements, encoding="utf-8")
        try:
            done = subprocess.run(
                [
                    self.isql,
                    f"127.0.0.1:{self.sql_port}",
                    "dba",
                    password or self.dba_password,
                    str(script),
                ],
                capture_output=True,
                timeout=120,
                check=False,
            )
        finally:
            script.unlink()
        output = done.stdout.decode("utf-8", "replace") + done.stderr.decode("utf-8", "replace")
        if done.returncode != 0 or "*** Error" in output:
            raise RuntimeError(f"isql-vt failed ({done.returncode}): {output[-2000:]}")
        return output

    def load(self, graphs: dict[str, str]) -> None:
        """Load Turtle texts into the named graphs ``{graph IRI: Turtle}`` (DB.DBA.TTLP)."""
        statements = []
        for number, (graph, turtle) in enumerate(graphs.items()):
            path = self.folder / "load" / f"graph-{number}-{secrets.token_hex(4)}.ttl"
            path.write_text(turtle, encoding="utf-8")
            statements.append(
                f"DB.DBA.TTLP (file_to_string_output ({_sql_string(str(path))}), '', "
                f"{_sql_string(graph)}, 0);"
            )
        self.sql("\n".join([*statements, "checkpoint;", ""]))

    def clear(self, *graphs: str) -> None:
        """Remove the named graphs (SPARQL CLEAR over SQL)."""
        self.sql("".join(f"SPARQL CLEAR GRAPH <{graph}>;\n" for graph in graphs))


def _sql_string(text: str) -> str:
    if "\\" in text or "\n" in text:
        raise ValueError(f"not a plain SQL string: {text!r}")
    return "'" + text.replace("'", "''") + "'"


@contextmanager
def virtuoso_server(
    folder: Path, *, max_rows: int = MAX_ROWS, startup: float = 60.0
) -> Iterator[VirtuosoServer]:
    """A real ``virtuoso-t`` on free loopback ports with its own database, removed afterwards."""
    with virtuoso_servers(folder, 1, max_rows=max_rows, startup=startup) as (server,):
        yield server


@contextmanager
def virtuoso_servers(
    folder: Path, count: int, *, max_rows: int = MAX_ROWS, startup: float = 60.0
) -> Iterator[list[VirtuosoServer]]:
    """``count`` servers of :func:`virtuoso_server`, each in a folder of its own under
    ``folder``, started at once (they take their few seconds side by side)."""
    binary, isql = virtuoso_binaries()
    servers: list[VirtuosoServer] = []
    try:
        for n in range(count):
            servers.append(_start(binary, isql, folder / f"server{n}", max_rows))
        for server in servers:
            _wait_until_it_answers(server, startup)
            _set_up_as_an_admin(server)
        yield servers
    finally:
        for server in servers:
            _stop(server)


def _start(binary: str, isql: str, folder: Path, max_rows: int) -> VirtuosoServer:
    """Write the database folder and virtuoso.ini, start ``virtuoso-t`` in the foreground."""
    folder.mkdir(parents=True, exist_ok=True)
    db, load, vsp = folder / "db", folder / "load", folder / "vsp"
    for path in (db, load, vsp):
        path.mkdir(exist_ok=True)
    sql_port, http_port = free_port(), free_port()
    while http_port == sql_port:
        http_port = free_port()
    ini = folder / "virtuoso.ini"
    ini.write_text(
        _INI.format(
            db=db, load=load, vsp=vsp, sql_port=sql_port, http_port=http_port, max_rows=max_rows
        ),
        encoding="utf-8",
    )
    process = subprocess.Popen(
        [binary, "+foreground", "+configfile", str(ini)],
        cwd=db,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        preexec_fn=_die_with_the_tests,
    )
    return VirtuosoServer(
        process, folder, sql_port, http_port, isql, "dba", secrets.token_hex(12), max_rows
    )


def _die_with_the_tests() -> None:
    """In the child before exec: Linux ends it when the test process dies (killed, timed
    out), so that no server outlives the tests that started it."""
    if sys.platform == "linux":
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGTERM)


_PR_SET_PDEATHSIG = 1


def _stop(server: VirtuosoServer) -> None:
    server.process.terminate()
    try:
        server.process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        server.process.kill()
        server.process.wait()
    shutil.rmtree(server.folder, ignore_errors=True)


def _wait_until_it_answers(server: VirtuosoServer, startup: float) -> None:
    deadline = time.monotonic() + startup
    while True:
        try:
            Endpoint(server.url, timeout=2).ping()
            return
        except DlgraphError:
            if server.process.poll() is not None or time.monotonic() > deadline:
                log = server.folder / "db" / "virtuoso.log"
                tail = log.read_text(errors="replace")[-2000:] if log.exists() else ""
                raise RuntimeError(
                    f"virtuoso-t did not start on {server.http_port}: {tail}"
                ) from None
            time.sleep(0.1)


def _set_up_as_an_admin(server: VirtuosoServer) -> None:
    """A new dba password, and a user who may write through the Graph Store."""
    dba_password = "dba" + secrets.token_hex(12)  # a plain identifier in SET PASSWORD
    server.sql(f"SET PASSWORD dba {dba_password};\n", password="dba")
    server.dba_password = dba_password
    server.sql(
        f"DB.DBA.USER_CREATE ('{USER}', '{server.password}');\n"
        f'GRANT SPARQL_UPDATE TO "{USER}";\n'
        f"DB.DBA.RDF_DEFAULT_USER_PERMS_SET ('{USER}', 3);\n"
    )
