"""`python -m layout` is the same as the `paiban` command."""

import sys

if sys.version_info < (3, 11):  # noqa: UP036 — checked before anything that needs 3.11 is imported
    sys.exit(f"paiban needs Python 3.11 or newer; this is {sys.version.split()[0]} ({sys.executable}).")

from layout.cli import console

console()
