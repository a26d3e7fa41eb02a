"""dlgraph.ontology.graphs."""
