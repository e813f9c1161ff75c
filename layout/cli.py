"""The `paiban` command (also `python -m layout`).

Each sub-command is a module in `layout/commands/` with `register(subparsers)`, which
adds its parser and sets `func` to the function that runs it (returning the exit code).
"""

from __future__ import annotations

import argparse
import importlib
import os
import pkgutil
import sys

import layout.commands


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="paiban", description="Newspaper issue layout for Chinese papers.")
    subparsers = parser.add_subparsers(dest="command", required=True)
    for info in sorted(pkgutil.iter_modules(layout.commands.__path__), key=lambda m: m.name):
        importlib.import_module(f"layout.commands.{info.name}").register(subparsers)
    args = parser.parse_args(argv)
    try:
        return args.func(args)
    except BrokenPipeError:  # `paiban lint … | head`: the reader left; stop quietly
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1
