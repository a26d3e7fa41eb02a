import java.io.*;
import java.nio.charset.StandardCharsets;
import java.nio.file.*;
import java.util.*;
import org.apache.jena.graph.*;
import org.apache.jena.query.*;
import org.apache.jena.riot.*;
import org.apache.jena.riot.lang.LabelToNode;
import org.apache.jena.atlas.io.IndentedLineBuffer;
import org.apache.jena.riot.out.NodeFormatter;
import org.apache.jena.riot.out.NodeFormatterNT;
import org.apache.jena.shacl.*;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.DatasetGraphFactory;
import org.apache.jena.sparql.core.Quad;
import org.apache.jena.sys.JenaSystem;

/** Runs many SHACL validations and SPARQL SELECTs in one JVM; one job per line. */
public final class DlgraphJena {
    private static final NodeFormatter NT = new NodeFormatterNT();

    public static void main(String[] args) throws IOException {
        JenaSystem.init();
        Map<String, DatasetGraph> data = new HashMap<>();
        for (String line : Files.readAllLines(Paths.get(args[0]), StandardCharsets.UTF_8)) {
            if (line.isEmpty()) continue;
            String[] job = line.split("\t");
            DatasetGraph dataset = data.computeIfAbsent(job[1], DlgraphJena::read);
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(Paths.get(job[3])))) {
                if (job[0].equals("shacl")) {
                    Shapes shapes = Shapes.parse(data.computeIfAbsent(job[2], DlgraphJena::read).getDefaultGraph());
                    Graph report = ShaclValidator.get().validate(shapes, dataset.getDefaultGraph()).getGraph();
                    writeTriples(report, out);
                } else {
                    String text = Files.readString(Paths.get(job[2]), StandardCharsets.UTF_8);
                    Query query = QueryFactory.create(text);
                    try (QueryExecution execution = QueryExecutionFactory.create(query, DatasetFactory.wrap(dataset))) {
                        ResultSetFormatter.outputAsJSON(out, execution.execSelect());
                    }
                }
            }
        }
    }

    /** N-Quads files (paths joined by commas), blank node labels kept as written; the
     *  default graph is the union of all graphs (a set of triples). */
    private static DatasetGraph read(String paths) {
        DatasetGraph dataset = DatasetGraphFactory.createGeneral();
        for (String path : paths.split(",")) {
            RDFParser.source(path).lang(Lang.NQUADS)
                .labelToNode(LabelToNode.createUseLabelAsGiven()).parse(dataset);
        }
        Graph union = dataset.getDefaultGraph();
        List<Quad> quads = new ArrayList<>();
        dataset.find(Node.ANY, Node.ANY, Node.ANY, Node.ANY).forEachRemaining(quads::add);
        for (Quad quad : quads) {
            if (!quad.isDefaultGraph()) union.add(quad.asTriple());
        }
        return dataset;
    }

    /** N-Triples; blank nodes of the inputs keep their labels, the report's own get j0, j1, ... */
    private static void writeTriples(Graph graph, OutputStream stream) {
        PrintWriter out = new PrintWriter(new OutputStreamWriter(stream, StandardCharsets.UTF_8));
        Map<Node, String> own = new HashMap<>();
        graph.find().forEachRemaining(t -> {
            out.print(term(t.getSubject(), own) + " " + term(t.getPredicate(), own) + " "
                + term(t.getObject(), own) + " .\n");
        });
        out.flush();
    }

    private static String term(Node node, Map<Node, String> own) {
        if (!node.isBlank()) {
            IndentedLineBuffer text = new IndentedLineBuffer();
            NT.format(text, node);
            return text.asString();
        }
        String label = node.getBlankNodeLabel();
        if (label.matches("in[0-9]+")) return "_:" + label;
        return "_:" + own.computeIfAbsent(node, n -> "j" + own.size());
    }
}
