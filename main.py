"""ASRI Desktop entry point.

With no arguments this opens the desktop app; with a subcommand it runs the CLI
(``python main.py search banjir`` is the same as ``asri search banjir``).
"""

import sys


def _main() -> int:
    args = sys.argv[1:]
    if not args or args[0] in {"--gui", "gui"}:
        from asri_desktop.ui.app import run

        return run(args[1:] if args else [])
    from asri_desktop.cli import main

    return main(args)


if __name__ == "__main__":
    sys.exit(_main())
