"""The ``bayegan`` command: one entry point, a subcommand per part of the product.

Each part registers its own subcommands (``register(subparsers)`` in its ``cli`` module), so this file sits at the
top of the data flow and no part reaches back into another.
"""

import argparse
import importlib
import os
import sys

# Only parts that are built are listed: a subcommand that does not work does not exist.
COMMAND_MODULES: list[str] = ["indexer.cli", "search.cli", "web.cli"]


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="bayegan", description="Bayegan (بایگان): search Persian news archives.")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for name in COMMAND_MODULES:
        importlib.import_module(name).register(subparsers)
    return parser


def main(argv=None) -> int:
    os.environ.setdefault("HF_HUB_OFFLINE", "1")  # hazm must never try to reach a model hub
    args = build_parser().parse_args(argv)
    try:
        code = args.func(args) or 0
        sys.stdout.flush()  # here, where a closed pipe can still be handled, not at interpreter exit
        return code
    except BrokenPipeError:
        # The reader went away (`bayegan stats | head -1`): stop quietly, as other command-line tools do. Python
        # would report the failed flush of stdout again at exit, so stdout is pointed at /dev/null first.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 141  # 128 + SIGPIPE, what a shell reports for a tool killed by the closed pipe


if __name__ == "__main__":
    sys.exit(main())
