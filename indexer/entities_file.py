"""The authority file of an index (``bayegan index --entities FILE``, issue 10; format in ``analyzers.authority``).

The file is checked before the index is touched, then kept in the index folder as ``entities.tsv``: later runs
without ``--entities`` use the same file (an update keys its persons as the first run did), worker processes and
Ray tasks read it from there, and search opens it with the index (surname filters know the added persons). A
different file for an index that holds articles needs ``--rebuild``: its articles were keyed with the old one.
"""

import os
import shutil
from pathlib import Path

from analyzers import authority
from search.core.store import AUTHORITY_FILE as FILE, authority_file as stored


def check(index_dir, entities, rebuild: bool, has_articles: bool) -> None:
    """Raise ``ValueError`` (one line) for a bad file or one that differs from the index's own."""
    if not entities:
        return
    authority.parse(entities)  # AuthorityError names FILE:LINE
    own = stored(index_dir)
    if own and not rebuild and has_articles and Path(own).read_bytes() != Path(entities).read_bytes():
        raise ValueError(f"{index_dir} was built with another authority file ({own}): add --rebuild to rekey "
                         "its articles with this one")


def install(index_dir, entities) -> str | None:
    """Copy ``entities`` into the index folder (when given) and load the index's file in this process; its path."""
    if entities:
        target = os.path.join(os.fspath(index_dir), FILE)
        if os.path.abspath(entities) != os.path.abspath(target):
            tmp = target + ".tmp"
            shutil.copyfile(entities, tmp)
            os.replace(tmp, target)
    path = stored(index_dir)
    authority.load(path)
    return path


__all__ = ["FILE", "check", "install", "stored"]
