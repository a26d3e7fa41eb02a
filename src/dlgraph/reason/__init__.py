"""dlgraph.reason.infer."""
