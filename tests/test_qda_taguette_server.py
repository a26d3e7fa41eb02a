"""A real Taguette 1.5.2 server (``.venv-taguette``, single-user mode, bound to
127.0.0.1 on a free port, its database in a temporary folder), driven over HTTP as its
web client does: token log-in, project form, codebook import and its confirmation form,
document upload, highlights through the API, exports through its export URLs."""

from __future__ import annotations

import csv
import html
import http.cookiejar
import io
import json
import re
import socket
import subprocess
import time
import urllib.parse
import urllib.request
import uuid
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml

from dlgraph.qda import codebook, import_project
from dlgraph.qda.terms import terms_by_guid

ROOT = Path(__file__).resolve().parent.parent
TAGUETTE_PY = ROOT / ".venv-taguette" / "bin" / "python"
SEEDS = ROOT.parent / "shared" / "seeds"
SEED = {"en": "000_1276523fe928c6db.txt", "sv": "000_1276523fe928c6db.txt"}
SEED["da"] = "002_87e32180d4ed6d3b.txt"
QDC = "{urn:QDA-XML:codebook:1.0}"

pytestmark = pytest.mark.slow


@dataclass
class Taguette:
    """A logged-in session with a running Taguette."""

    base: str
    opener: urllib.request.OpenerDirector
    jar: http.cookiejar.CookieJar

    def xsrf(self) -> str:
        return next(c.value for c in self.jar if c.name == "_xsrf" and c.value is not None)

    def get(self, path: str) -> bytes:
        with self.opener.open(self.base + path, timeout=20) as response:
            return bytes(response.read())

    def post(self, path: str, body: bytes, content_type: str) -> bytes:
        request = urllib.request.Request(self.base + path, data=body, method="POST")
        request.add_header("Content-Type", content_type)
        request.add_header("X-XSRFToken", self.xsrf())
        with self.opener.open(request, timeout=20) as response:
            return bytes(response.read())

    def form(self, path: str, fields: dict[str, str]) -> bytes:
        body = urllib.parse.urlencode({**fields, "_xsrf": self.xsrf()}).encode()
        return self.post(path, body, "application/x-www-form-urlencoded")

    def upload(self, path: str, fields: dict[str, str], name: str, data: bytes) -> bytes:
        boundary = uuid.uuid4().hex
        parts = [
            f'--{boundary}\r\nContent-Disposition: form-data; name="{k}"\r\n\r\n{v}\r\n'.encode()
            for k, v in {**fields, "_xsrf": self.xsrf()}.items()
        ]
        parts.append(
            f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="{name}"'
            "\r\nContent-Type: application/octet-stream\r\n\r\n".encode()
            + data
            + b"\r\n"
        )
        body = b"".join(parts) + f"--{boundary}--\r\n".encode()
        return self.post(path, body, f"multipart/form-data; boundary={boundary}")

    def json(self, path: str, obj: object) -> object:
        return json.loads(self.post(path, json.dumps(obj).encode(), "application/json"))


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture(scope="module")
def taguette(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Taguette]:
    """Taguette started on loopback, logged in through its single-user token link."""
    if not TAGUETTE_PY.exists():
        pytest.skip(f"no {TAGUETTE_PY}: run `bash scripts/taguette.sh` (or `make setup`)")
    folder = tmp_path_factory.mktemp("taguette")
    port = _free_port()
    command = [str(TAGUETTE_PY), str(Path(__file__).with_name("taguette_server.py"))]
    command += ["--no-browser", "-b", "127.0.0.1", "-p", str(port)]
    log = (folder / "log").open("w+", encoding="utf-8")
    server = subprocess.Popen(
        [*command, "--database", str(folder / "t.sqlite3")], stdout=log, stderr=log
    )
    try:
        token = None
        for _ in range(200):
            log.seek(0)
            found = re.search(r"\?token=([0-9a-f]+)", log.read())
            if found:
                token = found.group(1)
                break
            assert server.poll() is None, "Taguette stopped while starting"
            time.sleep(0.05)
        assert token, "Taguette printed no log-in link"
        jar = http.cookiejar.CookieJar()
        opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
        session = Taguette(f"http://127.0.0.1:{port}", opener, jar)
        session.get(f"/?token={token}")
        session.get("/project/new")  # sets the XSRF cookie
        yield session
    finally:
        server.terminate()
        server.wait(timeout=10)
        log.close()


def _tags(taguette: Taguette, pid: str) -> dict[str, int]:
    """The project's tags by path, from the JSON its project page hands its web client."""
    found = re.search(rb"var tags = (\{.*?\});\n", taguette.get(f"/project/{pid}"))
    assert found, "no tags on the project page"
    return {t["path"]: t["id"] for t in json.loads(found.group(1)).values()}


def _term_iri(lang: str, name: str) -> str:
    found = [t.iri for t in terms_by_guid().values() if t.codable and t.label(lang) == name]
    assert len(found) == 1, (name, found)
    return str(found[0])


def _kebab(iri: str) -> str:
    return re.sub(r"(?<!^)(?=[A-Z])", "-", iri.rsplit("#", 1)[-1]).lower()


@pytest.mark.parametrize("lang", ["en", "sv", "da"])
def test_taguette_server_round_trip(taguette: Taguette, tmp_path: Path, lang: str) -> None:
    if not (SEEDS / SEED[lang]).exists():
        pytest.skip(f"no seed text {SEEDS / SEED[lang]}")
    with taguette.opener.open(
        urllib.request.Request(
            taguette.base + "/project/new",
            data=urllib.parse.urlencode(
                {"name": f"dlgraph {lang}", "description": "", "_xsrf": taguette.xsrf()}
            ).encode(),
        ),
        timeout=20,
    ) as response:
        project = re.search(r"/project/([0-9]+)", response.url)
    assert project, "no project made"
    pid = project.group(1)

    defaults = set(_tags(taguette, pid))  # the tags Taguette gives a new project
    # the codebook: upload, then Taguette's confirmation form with every tag imported
    book = codebook(lang, "csv")
    wanted = [row[0] for row in csv.reader(io.StringIO(book.decode("utf-8")))][1:]
    page = taguette.upload(f"/project/{pid}/import_codebook", {}, "codebook.csv", book)
    fields = dict(
        re.findall(r'name="(tag\d+-(?:path|description))" value="([^"]*)"', page.decode())
    )
    fields = {k: html.unescape(v) for k, v in fields.items()}
    fields.update({k.replace("-path", "-import"): "on" for k in fields if k.endswith("-path")})
    taguette.form(f"/project/{pid}/import_codebook", fields)
    tag_ids = _tags(taguette, pid)
    assert sorted(set(tag_ids) - defaults) == sorted(wanted)

    # a document: the seed's opening, uploaded as HTML; two highlights over multi-byte text
    text = (SEEDS / SEED[lang]).read_text(encoding="utf-8")[:3000]
    page_html = f"<html><body><p>{html.escape(text)}</p></body></html>".encode()
    name = f"Källa {lang} – ”seed”"
    made = json.loads(
        taguette.upload(
            f"/api/project/{pid}/document/new",
            {"name": name, "description": ""},
            "seed.html",
            page_html,
        )
    )
    did = made["created"]
    contents = json.loads(taguette.get(f"/api/project/{pid}/document/{did}/contents"))
    body = "".join(part["contents"] for part in contents["contents"])
    plain = re.sub(r"<[^>]+>", "", body)
    plain = html.unescape(plain)
    lines = [ln.strip() for ln in text.splitlines()]
    first, second = [ln for ln in lines if len(ln) > 30 and not ln.isascii()][:2]
    tags = [wanted[0], wanted[1]]
    highlights = [(first, [tags[0]]), (second, tags)]
    for passage, paths in highlights:
        start = plain.index(passage)
        offsets = len(plain[:start].encode()), len(plain[: start + len(passage)].encode())
        taguette.json(
            f"/api/project/{pid}/document/{did}/highlight/new",
            {
                "start_offset": offsets[0],
                "end_offset": offsets[1],
                "tags": [tag_ids[p] for p in paths],
            },
        )

    # the exports, through Taguette's own export URLs
    (tmp_path / "all_tags.csv").write_bytes(taguette.get(f"/project/{pid}/export/highlights/.csv"))
    qdc = ET.fromstring(taguette.get(f"/project/{pid}/export/codebook.qdc"))
    names = [code.get("name", "") for code in qdc.iter(f"{QDC}Code")]
    assert sorted(set(names) - defaults) == sorted(wanted)
    names = [n for n in names if n not in defaults]
    assert len({_term_iri(lang, n) for n in names}) == len(names)
    exported = list(
        csv.DictReader(io.StringIO(taguette.get(f"/project/{pid}/export/codebook.csv").decode()))
    )
    assert {row["tag"]: row["number of highlights"] for row in exported}[tags[0]] == "2"

    result = import_project(tmp_path / "all_tags.csv", tmp_path / "case")
    case = yaml.safe_load(result.case_file.read_text(encoding="utf-8"))
    assert [q["text"] for q in case["quotes"]] == [first, second]
    assert [s["title"] for s in case["sources"]] == [name]
    assert sorted((c["statement"], c["rests_on"][0]) for c in case["claims"]) == sorted(
        (f"{tag} ({_kebab(_term_iri(lang, tag))})", f"q-{n}")
        for n, (_, paths) in enumerate(highlights, 1)
        for tag in paths
    )
