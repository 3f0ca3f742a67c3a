"""What can be wrong with an index folder, as exceptions carrying one line for the user.

Every command (index, stats, search, serve, delete, compact) and the web app turn these into that one line (or a
503), never a traceback: the message names the folder, the problem and what to do.
"""


class IndexProblem(RuntimeError):
    """Base class: ``str(exc)`` is the whole message."""

    def __init__(self, index_dir, detail: str = ""):
        self.index_dir = str(index_dir)
        self.detail = detail
        super().__init__(self.message())

    def __reduce__(self):  # raised in an indexing worker, it crosses to the main process whole (not re-wrapped)
        return type(self), (self.index_dir, self.detail)

    def message(self) -> str:
        return f"{self.index_dir}: {self.detail}"


class IndexMissing(IndexProblem):
    def message(self) -> str:
        return f"no index at {self.index_dir} (create one with bayegan index ARCHIVE --index {self.index_dir})"


class IndexIncompatible(IndexProblem):
    def message(self) -> str:
        return (f"the index at {self.index_dir} cannot be used: {self.detail}; rebuild it with "
                f"bayegan index ARCHIVE --index {self.index_dir} --rebuild")


class IndexDamaged(IndexProblem):
    def message(self) -> str:
        return (f"the index at {self.index_dir} is damaged or unreadable: {self.detail}; rebuild it with "
                f"bayegan index ARCHIVE --index {self.index_dir} --rebuild")


class IndexBusy(IndexProblem):
    def message(self) -> str:
        return f"{self.index_dir}: another process is writing this index{': ' + self.detail if self.detail else ''}"


class ClusterProblem(IndexProblem):
    """The Ray cluster cannot be reached or could not do its part (``search.cluster``): the detail says what."""

    def message(self) -> str:
        return self.detail
