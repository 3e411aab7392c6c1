"""The console scripts' entry point. ``journal remind prompt`` (run by a shell at each prompt)
is answered here before the command-line framework loads; everything else goes to the CLI."""

from __future__ import annotations

import sys


def main() -> None:
    try:
        from workjournal import quick

        if quick.run(sys.argv[1:]):
            return
        from workjournal.cli import main as cli_main

        cli_main()
    except KeyboardInterrupt:
        # Ctrl-C before a command began (the CLI still loading): nothing was started, so
        # nothing is lost; end as a shell expects, without a traceback.
        sys.stderr.write("\n")
        raise SystemExit(130) from None
