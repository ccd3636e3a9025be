"""``python -m offline_endpoint``: serve the offline OpenAI-compatible endpoint."""

from offline_endpoint._server import cli_main

raise SystemExit(cli_main())
