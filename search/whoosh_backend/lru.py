"""A thread-safe LRU map bounded by the summed sizes of its values: the decoded-postings caches of a shard."""

import threading
from collections import OrderedDict


class SizedLRU:
    """``key -> value``, the least recently used dropped first once the sizes (``size_of(value)``; by default the
    length of the value's first array) pass ``budget``. A value over a quarter of the budget is not kept: it
    would push out everything else for one entry. A key already held keeps its value (segments never change, so
    both are the same)."""

    def __init__(self, budget: int, size_of=lambda value: len(value[0])):
        self.budget = budget
        self.size = 0
        self._size_of = size_of
        self._items = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key):
        with self._lock:
            got = self._items.get(key)
            if got is not None:
                self._items.move_to_end(key)
            return got

    def put(self, key, value) -> None:
        n = self._size_of(value)
        if n > self.budget // 4:
            return
        with self._lock:
            if key in self._items:
                return
            self._items[key] = value
            self.size += n
            while self.size > self.budget and self._items:
                _, old = self._items.popitem(last=False)
                self.size -= self._size_of(old)
