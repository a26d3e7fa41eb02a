"""dlgraph.validate.report."""
