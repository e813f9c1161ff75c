"""`python -m layout.i18n update|compile|check` (see layout/i18n/catalogs.py)."""

from __future__ import annotations

import sys

from layout.i18n import catalogs


def main(argv: list[str]) -> int:
    command = argv[0] if argv else ""
    if command == "update":
        for domain, missing in catalogs.update().items():
            print(f"{catalogs.po_path(domain)}: {missing} untranslated")
        return 0
    if command == "compile":
        for path in catalogs.compile_all():
            print(f"wrote {path}")
        return 0
    if command == "check":
        found = catalogs.problems()
        print("\n".join(found) or "catalogs complete")
        return 1 if found else 0
    print("usage: python -m layout.i18n update|compile|check", file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
