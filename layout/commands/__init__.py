"""Sub-commands of `paiban`, one module each (see layout/cli.py)."""
