"""``python -m innolab`` is the same as the ``innolab`` command."""

from .cli import main

raise SystemExit(main())
