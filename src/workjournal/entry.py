"""The console scripts' entry point. ``journal remind prompt`` (run by a shell at each prompt)
is answered here before the command-line framework loads; everything else goes to the CLI."""

from __future__ import annotations

import sys


def main() -> None:
    from workjournal import quick

    if quick.run(sys.argv[1:]):
        return
    from workjournal.cli import main as cli_main

    cli_main()
