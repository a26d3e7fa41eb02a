"""dlgraph.query.run."""
