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
    return args.func(args) or 0


if __name__ == "__main__":
    sys.exit(main())
