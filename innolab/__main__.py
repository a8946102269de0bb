"""``python -m innolab`` is the same as the ``innolab`` command."""

from innolab.cli import main

raise SystemExit(main())
