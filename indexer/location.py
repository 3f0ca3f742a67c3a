"""Whether a folder holds an index: one check and one message for every command that needs an existing index
(``stats``, ``search``, ``serve``, ``delete``, ``compact``), instead of Whoosh's internal "Index 'MAIN' does not
exist in FileStorage(...)" or a traceback."""

import os

from whoosh.filedb.filestore import FileStorage

INDEX_NAME = "MAIN"


class NoIndex(FileNotFoundError):
    """There is no index in the folder."""


def missing_index_message(index_dir: str) -> str:
    return f"no index at {index_dir} (create one with bayegan index)"


def index_exists(index_dir: str) -> bool:
    try:
        return os.path.isdir(index_dir) and FileStorage(index_dir).index_exists(INDEX_NAME)
    except OSError:
        return False


def require_index(index_dir: str) -> None:
    """Raise ``NoIndex`` (with the message every command prints) when ``index_dir`` holds no index."""
    if not index_exists(index_dir):
        raise NoIndex(missing_index_message(index_dir))
