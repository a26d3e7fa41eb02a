#!/usr/bin/env bash
# Installs Taguette (a real QDA tool, for tests/test_qda_taguette_server.py and _real.py)
# into its OWN virtual environment, beside the project's: its pins (SQLAlchemy<1.5,
# jinja2<3.2, tornado, alembic) must not enter .venv. Safe to run again.
# DLGRAPH_TAGUETTE=0 leaves it out; a failed install prints one line and goes on.
set -u
VENV_DIR="${1:-.venv-taguette}"
VERSION="${TAGUETTE_VERSION:-1.5.2}"
PYTHON="${PYTHON:-python3}"

if [ "${DLGRAPH_TAGUETTE:-1}" = "0" ]; then
    echo "taguette: left out (DLGRAPH_TAGUETTE=0)"
    exit 0
fi
if [ -x "$VENV_DIR/bin/taguette" ] \
    && "$VENV_DIR/bin/python" -c "import taguette, sys; sys.exit(taguette.__version__ != '$VERSION')" 2>/dev/null; then
    echo "taguette: $VERSION already in $VENV_DIR"
    exit 0
fi
if ! { test -x "$VENV_DIR/bin/python" || "$PYTHON" -m venv "$VENV_DIR"; }; then
    echo "taguette: could not create $VENV_DIR; the real-Taguette tests will be skipped"
    exit 0
fi
if "$VENV_DIR/bin/python" -m pip install -q --disable-pip-version-check "taguette==$VERSION"; then
    echo "taguette: $VERSION installed in $VENV_DIR"
else
    echo "taguette: pip could not install taguette==$VERSION; the real-Taguette tests will be skipped"
fi
exit 0
