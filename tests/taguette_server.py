"""Starts a real Taguette server (run by .venv-taguette/bin/python) with its check for
news at https://msg.taguette.org turned off, so that the tests stay on loopback.

Usage: python taguette_server.py --no-browser -b 127.0.0.1 -p PORT --database FILE
"""

import taguette.web.base
from taguette.main import main

taguette.web.base.Application.check_messages = lambda self: None

if __name__ == "__main__":
    main()
