"""Ids seen twice in one run: the later record replaces the earlier, and the warning names both places."""


class DuplicateIds:
    """Where each id of this run was last seen (``FILE:LINE``).

    Memory is one short string per article of the run (about 40 MB for 300,000 articles): a duplicate is only
    useful to report if it can say where the other copy is.
    """

    def __init__(self):
        self._where: dict[str, str] = {}

    def check(self, doc_id: str, where: str) -> str | None:
        """A warning when ``doc_id`` was already seen in this run, else None; remembers ``where``."""
        previous = self._where.get(doc_id)
        self._where[doc_id] = where
        if previous is None:
            return None
        return f"duplicate id {doc_id!r}, also at {previous}: this later record replaces it"
