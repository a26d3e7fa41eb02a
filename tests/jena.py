"""Apache Jena (Debian's ``libapache-jena-java``, 4.5) as a referee in the tests.

Jena's SHACL and its SPARQL engine ARQ run on local files, with no network and no
server: many validations and queries per Java process (``tests/java/DlgraphJena.java``,
compiled here with the machine's ``javac`` into a temporary folder), since each start
of the JVM costs about a second. The package also ships the command-line main classes
``shacl.shacl`` (``shacl validate --shapes S --data D``) and ``arq.sparql``
(``sparql --data D --query Q``) in ``jena-cmds.jar``; they take one input per start,
and :meth:`Jena.shacl_command` runs the first, so that a test can check the batch
runner against Jena's own command.

Debian's ``jena-core.jar`` moves Jena's copy of Xerces from ``org.apache.jena.ext.xerces``
to the package ``xerces`` but leaves its message resources under the old name
(``org/apache/jena/ext/xerces/impl/msg/*.properties`` and ``.../xpath/regex/message*``),
so Jena fails at start with ``ExceptionInInitializerError`` (``RuntimeException:
internal error`` in ``XSSimpleTypeDecl.applyFacets1``): the regular expressions of the
XSD datatypes cannot load their messages. ``libxerces2-java`` has them under a third
name (``org/apache/xerces/``), which does not help. The fix used here: copy
jena-core's own resources to ``xerces/impl/...`` in a folder put on the class path.

Blank nodes keep their identity across the process: inputs are written with labels
``in0``, ``in1``, ... that Jena reads as given, and its outputs are read back with those
labels mapped to the original nodes (the report's own blank nodes are ``j0``, ``j1``...).
"""

from __future__ import annotations

import io
import json
import shutil
import subprocess
import zipfile
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import cast

import rdflib
from rdflib import BNode, Dataset, Graph
from rdflib.query import Result
from rdflib.term import Identifier, Node

JAVA_LIBRARIES = Path("/usr/share/java")
"""Where Debian puts the jars of ``libapache-jena-java`` and its dependencies."""
JARS = (
    "jena-arq",
    "jena-base",
    "jena-cmds",
    "jena-core",
    "jena-iri",
    "jena-shacl",
    "jena-shex",
    "jena-dboe-base",
    "jena-dboe-index",
    "jena-dboe-storage",
    "jena-dboe-trans-data",
    "jena-dboe-transaction",
    "jena-rdfconnection",
    "jena-tdb",
    "jena-tdb2",
    "commons-cli",
    "commons-codec",
    "commons-compress",
    "commons-csv",
    "commons-io",
    "commons-lang3",
    "dexx.collection",
    "gson",
    "guava",
    "httpclient",
    "httpcore",
    "jackson-annotations",
    "jackson-core",
    "jackson-databind",
    "jakarta.json-api",
    "jsonld-java",
    "protobuf",
    "slf4j-api",
    "slf4j-nop",
    "thrift",
    "titanium-json-ld",
)
"""The class path: Jena's jars and what they depend on (the package's Depends), with
slf4j-nop (in libslf4j-java, one of its Depends) as the logger: all of /usr/share/java would
bind two slf4j back ends and stop Jena at start."""
BATCH_SOURCE = Path(__file__).resolve().parent / "java" / "DlgraphJena.java"
SET_UP = "apt-get install libapache-jena-java (scripts/system-deps.sh does it as root)"


class JenaError(RuntimeError):
    """Jena failed or could not be started."""


def unavailable() -> str | None:
    """Why Jena cannot run here, or None when it can."""
    for tool in ("java", "javac"):
        if shutil.which(tool) is None:
            return f"no {tool} on this machine (Debian's default-jdk-headless has it)"
    missing = [name for name in JARS if not (JAVA_LIBRARIES / f"{name}.jar").is_file()]
    if missing:
        return f"Apache Jena's jars are missing ({', '.join(missing)}): {SET_UP}"
    return None


def _xerces_resources(folder: Path) -> Path:
    """jena-core's Xerces messages under the package name Debian moved the classes to."""
    old = "org/apache/jena/ext/xerces/impl/"
    with zipfile.ZipFile(JAVA_LIBRARIES / "jena-core.jar") as jar:
        for name in jar.namelist():
            if name.startswith(old) and name.endswith(".properties"):
                target = folder / "xerces" / "impl" / name.removeprefix(old)
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(jar.read(name))
    return folder


class _Labels:
    """Blank nodes written as ``in<N>`` and read back as the nodes they were."""

    def __init__(self) -> None:
        self._labels: dict[BNode, BNode] = {}
        self._nodes: dict[str, Node] = {}

    def term(self, node: Node) -> Node:
        if not isinstance(node, BNode):
            return node
        if node not in self._labels:
            label = BNode(f"in{len(self._labels)}")
            self._labels[node] = label
            self._nodes[str(label)] = node
        return self._labels[node]

    def write(self, data: Graph | Dataset, path: Path) -> Path:
        """``data`` as N-Quads: a Dataset's named graphs kept, a Graph in the default."""
        dataset = Dataset()
        if isinstance(data, Dataset):
            for s, p, o, context in data.quads((None, None, None, None)):
                name = context.identifier if isinstance(context, Graph) else context
                triple = (self.term(s), self.term(p), self.term(o))
                dataset.graph(self.term(name)).add(triple)  # type: ignore[arg-type]
        else:
            for s, p, o in data:
                dataset.add((self.term(s), self.term(p), self.term(o)))
        dataset.serialize(path, format="nquads", encoding="utf-8")
        return path

    def context(self) -> dict[str, Node]:
        """The labels Jena was given, for rdflib's N-Triples reader (``bnode_context``)."""
        return dict(self._nodes)

    def node(self, term: Identifier) -> Identifier:
        """A term of Jena's output, its blank node mapped back when it was an input's."""
        if isinstance(term, BNode):
            found = self._nodes.get(str(term))
            return found if isinstance(found, Identifier) else term
        return term


class Jena:
    """Jena's SHACL and ARQ, run in batches from a work folder."""

    def __init__(self, folder: Path) -> None:
        reason = unavailable()
        if reason is not None:
            raise JenaError(reason)
        self.folder = folder
        classes = folder / "classes"
        classes.mkdir(parents=True, exist_ok=True)
        jars = [str(JAVA_LIBRARIES / f"{name}.jar") for name in JARS]
        self.class_path = ":".join([*jars, str(_xerces_resources(folder / "xerces"))])
        self._run(["javac", "-d", str(classes), "-cp", self.class_path, str(BATCH_SOURCE)])
        self._batch_path = f"{classes}:{self.class_path}"
        self._jobs = 0

    def _run(self, command: list[str]) -> str:
        done = subprocess.run(command, capture_output=True, text=True, timeout=900, check=False)
        if done.returncode != 0:
            raise JenaError(f"{command[0]} failed ({done.returncode}): {done.stderr[-3000:]}")
        return done.stdout

    def _job_folder(self) -> Path:
        self._jobs += 1
        folder = self.folder / f"batch{self._jobs}"
        folder.mkdir()
        return folder

    def validate(self, cases: Sequence[tuple[Sequence[Graph], Graph]]) -> list[Graph]:
        """Jena's SHACL report graph of each (data graphs, shapes), in one Java process.

        The data of a case is the union of its graphs (each written once however many
        cases share it, the ontology for example).
        """
        folder = self._job_folder()
        labels = _Labels()
        written: dict[int, Path] = {}

        def file_of(graph: Graph) -> str:
            if id(graph) not in written:
                written[id(graph)] = labels.write(graph, folder / f"in{len(written)}.nq")
            return str(written[id(graph)])

        lines = []
        for index, (data, shapes) in enumerate(cases):
            out = folder / f"report{index}.nt"
            lines.append(f"shacl\t{','.join(map(file_of, data))}\t{file_of(shapes)}\t{out}")
        self._batch(folder, lines)
        reports = []
        for index in range(len(cases)):
            report = Graph()
            with (folder / f"report{index}.nt").open("rb") as stream:
                report.parse(stream, format="nt", bnode_context=labels.context())
            reports.append(report)
        return reports

    def select(
        self, cases: Sequence[tuple[Graph | Dataset, str]]
    ) -> list[tuple[tuple[str, ...], list[tuple[Identifier | None, ...]]]]:
        """ARQ's variables and rows of each (data, SELECT query), in one Java process.

        A Dataset's default graph is taken as the union of its named graphs (a set), as
        in dlgraph's own datasets.
        """
        folder = self._job_folder()
        labels = _Labels()
        written: dict[int, Path] = {}
        lines = []
        for index, (data, query) in enumerate(cases):
            if id(data) not in written:
                written[id(data)] = labels.write(data, folder / f"in{len(written)}.nq")
            query_file = folder / f"query{index}.rq"
            query_file.write_text(query, encoding="utf-8")
            lines.append(f"select\t{written[id(data)]}\t{query_file}\t{folder}/rows{index}.srj")
        self._batch(folder, lines)
        answers = []
        for index in range(len(cases)):
            text = (folder / f"rows{index}.srj").read_text(encoding="utf-8")
            variables = tuple(json.loads(text)["head"]["vars"])
            # Jena's literals as Jena wrote them: rdflib would normalise their lexical forms.
            rdflib.NORMALIZE_LITERALS = False
            try:
                result = Result.parse(io.StringIO(text), format="json")
            finally:
                rdflib.NORMALIZE_LITERALS = True
            solutions = cast(Iterable[tuple[Identifier | None, ...]], result)
            rows = [
                tuple(None if term is None else labels.node(term) for term in row)
                for row in solutions
            ]
            answers.append((variables, rows))
        return answers

    def _batch(self, folder: Path, lines: Iterable[str]) -> None:
        jobs = folder / "jobs.tsv"
        jobs.write_text("\n".join(lines) + "\n", encoding="utf-8")
        self._run(["java", "-cp", self._batch_path, "DlgraphJena", str(jobs)])

    def shacl_command(self, data: Path, shapes: Path) -> Graph:
        """The report of Jena's own command ``shacl validate`` (main class shacl.shacl)."""
        text = self._run(
            [
                "java",
                "-cp",
                self.class_path,
                "shacl.shacl",
                "validate",
                "--shapes",
                str(shapes),
                "--data",
                str(data),
            ]
        )
        return Graph().parse(data=text, format="turtle")
