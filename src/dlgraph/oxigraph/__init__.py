"""dlgraph.oxigraph."""
