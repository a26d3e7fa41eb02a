"""dlgraph.load.sources."""
