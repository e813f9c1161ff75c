"""`python -m layout` is the same as the `paiban` command."""

from layout.cli import main

raise SystemExit(main())
