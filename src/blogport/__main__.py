"""``python -m blogport``: the same as the ``blogport`` command."""

from .cli import main

raise SystemExit(main())
