"""``python -m dlgraph``: the command line, as the ``dlgraph`` script runs it."""

from dlgraph.cli import main

if __name__ == "__main__":
    main()
