"""Rebuild the bundled vocabularies in src/dlgraph/data/vocab/ from their npm packages.

Maintainer tool, not part of the library. `make vocab` runs it: it fetches the packages
this script names (``--packages``) with npm's own client into build/vocab-npm/, then
points the script at that folder. By hand:

    mkdir -p /tmp/vocab-npm && cd /tmp/vocab-npm && \\
        npm pack $(python scripts/bundle_vocabularies.py --packages)
    python scripts/bundle_vocabularies.py /tmp/vocab-npm

Each package ships its vocabulary as one N-Quads file whose single graph is the
vocabulary's namespace. The script checks the file's SHA-256 against the one recorded
below (and in SOURCES.md), parses it without normalising any literal, writes the same
triples as Turtle, parses that Turtle back and refuses to write unless the two graphs
are isomorphic term for term (lexical forms included).
"""

from __future__ import annotations

import argparse
import hashlib
import io
import os
import sys
import tarfile
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import rdflib
from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.compare import isomorphic
from rdflib.plugins.serializers.turtle import TurtleSerializer

OUT_DIR = Path(__file__).resolve().parent.parent / "src" / "dlgraph" / "data" / "vocab"


@dataclass(frozen=True)
class Source:
    prefix: str
    title: str
    namespace: str
    package: str
    version: str
    member: str
    sha256: str
    extra_prefixes: tuple[tuple[str, str], ...] = ()


SOURCES: tuple[Source, ...] = (
    Source(
        "org",
        "W3C Organization Ontology (ORG)",
        "http://www.w3.org/ns/org#",
        "@vocabulary/org",
        "1.0.6",
        "package/org.nq",
        "80a5bba783001574ac4babcb92abfc76795b8f4904f1d35c33e46e92bbed8b10",
        (
            ("foaf", "http://xmlns.com/foaf/0.1/"),
            ("dcterms", "http://purl.org/dc/terms/"),
            ("skos", "http://www.w3.org/2004/02/skos/core#"),
            ("prov", "http://www.w3.org/ns/prov#"),
        ),
    ),
    Source(
        "prov",
        "W3C PROV Ontology (PROV-O) with its modules",
        "http://www.w3.org/ns/prov#",
        "@vocabulary/prov",
        "1.0.6",
        "package/prov.nq",
        "95bc4a976f6ba48bbabc45724f88bc8461540920b6e6764884416e23119e8790",
    ),
    Source(
        "skos",
        "SKOS Simple Knowledge Organization System",
        "http://www.w3.org/2004/02/skos/core#",
        "@vocabulary/skos",
        "1.0.6",
        "package/skos.nq",
        "b49144e95e8afd324497e45f11d6a5d0bcfc5c18530078b768a3d38559bce696",
        (("dcterms", "http://purl.org/dc/terms/"),),
    ),
    Source(
        "time",
        "OWL-Time",
        "http://www.w3.org/2006/time#",
        "@vocabulary/time",
        "1.0.6",
        "package/time.nq",
        "413cf7708ec2bee651f29a500b9e51a8c71dd32b011b4be369877ab13230676b",
        (
            ("skos", "http://www.w3.org/2004/02/skos/core#"),
            ("dcterms", "http://purl.org/dc/terms/"),
        ),
    ),
    Source(
        "foaf",
        "FOAF Vocabulary",
        "http://xmlns.com/foaf/0.1/",
        "@vocabulary/foaf",
        "1.0.6",
        "package/foaf.nq",
        "5115950fcfb8d8aaf2669fcc555eb8622151bed22d46384e097ea72b58dc2373",
        (
            ("dc", "http://purl.org/dc/elements/1.1/"),
            ("vs", "http://www.w3.org/2003/06/sw-vocab-status/ns#"),
            ("geo", "http://www.w3.org/2003/01/geo/wgs84_pos#"),
        ),
    ),
    Source(
        "dcterms",
        "DCMI Metadata Terms",
        "http://purl.org/dc/terms/",
        "@vocabulary/dcterms",
        "1.0.6",
        "package/dcterms.nq",
        "482b01c81f24fde89ba1a69e8d85fd8386af12b7fdc50a54a062f9449bb6aec8",
        (
            ("dc", "http://purl.org/dc/elements/1.1/"),
            ("dcam", "http://purl.org/dc/dcam/"),
            ("dcmitype", "http://purl.org/dc/dcmitype/"),
        ),
    ),
    Source(
        "vann",
        "VANN: a vocabulary for annotating vocabulary descriptions",
        "http://purl.org/vocab/vann/",
        "@vocabulary/vann",
        "1.0.6",
        "package/vann.nq",
        "67a07a5724766ad00bc8530934885bcbc1da7cdba07102899585f672b72a2751",
        (
            ("dcterms", "http://purl.org/dc/terms/"),
            ("cc", "http://web.resource.org/cc/"),
        ),
    ),
)


class LexicalTurtleSerializer(TurtleSerializer):
    """Turtle that keeps every literal's lexical form.

    rdflib's Turtle shorthand rewrites some numbers (``"0"^^xsd:decimal`` becomes ``0.0``);
    a literal is written bare only when the shorthand is its lexical form unchanged.
    """

    def label(self, node: Any, position: int) -> str:
        if isinstance(node, Literal) and node.datatype is not None:
            plain = node._literal_n3(use_plain=True)
            if plain != str(node):
                return node._literal_n3(
                    use_plain=False,
                    qname_callback=lambda dt: self.get_pname(dt, False),
                )
        result: str = super().label(node, position)
        return result


def tarball_path(folder: Path, source: Source) -> Path:
    name = source.package.lstrip("@").replace("/", "-")
    return folder / f"{name}-{source.version}.tgz"


def read_member(tarball: Path, member: str) -> bytes:
    with tarfile.open(tarball, "r:gz") as archive:
        extracted = archive.extractfile(member)
        if extracted is None:
            raise SystemExit(f"{tarball}: {member} is not a regular file")
        return extracted.read()


def vocabulary_graph(data: bytes, source: Source) -> Graph:
    dataset = Dataset()
    dataset.parse(data=data, format="nquads")
    names = {str(context) for _, _, _, context in dataset.quads((None, None, None, None))}
    if names != {source.namespace}:
        raise SystemExit(f"{source.member}: expected one graph {source.namespace}, got {names}")
    graph = Graph(bind_namespaces="core")
    for s, p, o, _ in dataset.quads((None, None, None, None)):
        graph.add((s, p, o))
    graph.bind(source.prefix, URIRef(source.namespace))
    for prefix, namespace in source.extra_prefixes:
        graph.bind(prefix, URIRef(namespace))
    return graph


def header(source: Source) -> str:
    return (
        f"# {source.title}\n"
        f"# Namespace: {source.namespace}\n"
        f"# The triples of {source.member.removeprefix('package/')} in the npm package "
        f"{source.package} {source.version},\n"
        f"# unchanged, written as Turtle with rdflib {rdflib.__version__} by "
        "scripts/bundle_vocabularies.py.\n"
        "# Provenance and licence: SOURCES.md in this folder.\n\n"
    )


def write_atomically(path: Path, text: str) -> None:
    handle, temp_name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    temp = Path(temp_name)
    try:
        temp.chmod(0o644)
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as stream:
            stream.write(text)
            stream.flush()
            os.fsync(stream.fileno())
        temp.replace(path)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise


def bundle(source: Source, folder: Path) -> tuple[int, int]:
    data = read_member(tarball_path(folder, source), source.member)
    digest = hashlib.sha256(data).hexdigest()
    if digest != source.sha256:
        raise SystemExit(
            f"{source.package} {source.member}: sha256 {digest}, expected {source.sha256}"
        )
    graph = vocabulary_graph(data, source)
    buffer = io.BytesIO()
    LexicalTurtleSerializer(graph).serialize(buffer, encoding="utf-8")
    body = buffer.getvalue().decode("utf-8")
    again = Graph().parse(data=body, format="turtle")
    if len(again) != len(graph) or not isomorphic(again, graph):
        raise SystemExit(f"{source.prefix}: the Turtle does not hold the same triples; not written")
    text = header(source) + body
    write_atomically(OUT_DIR / f"{source.prefix}.ttl", text)
    return len(graph), len(text.encode("utf-8"))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("folder", type=Path, nargs="?", help="folder holding the npm pack tarballs")
    parser.add_argument(
        "--packages", action="store_true", help="print the npm packages to fetch and stop"
    )
    args = parser.parse_args(argv)
    if args.packages:
        print("\n".join(f"{source.package}@{source.version}" for source in SOURCES))
        return 0
    if args.folder is None:
        parser.error("the folder holding the npm pack tarballs is required")
    rdflib.NORMALIZE_LITERALS = False
    OUT_DIR.mkdir(parents=True, exist_ok=True)
    for source in SOURCES:
        triples, size = bundle(source, args.folder)
        print(f"{source.prefix}.ttl\t{triples} triples\t{size} bytes\t{source.sha256}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
