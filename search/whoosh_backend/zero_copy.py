"""Whoosh reads a segment without copying it.

A Whoosh 2.7 segment is one compound file, memory-mapped; each part a reader opens (terms, postings, stored
fields, lengths) is a ``BufferFile`` over a slice of the map, and ``BufferFile.__init__`` wraps that slice in
``BytesIO(buf)``, which *copies* it. Every reader therefore held a private copy of the terms and postings of every
segment: opening 300,000 articles copied ~1.2 GB per process and took most of the start-up, and each further
searcher (one per concurrent request) copied it again. ``MemoryFile`` is the file object a ``BufferFile`` reads
through, over the map itself: the same bytes, read where they lie; the kernel's page cache is shared by every
process and thread.

Also here: ``StructFile.read_pickle`` of a real file (a segment's directory, read before the map is made; a TOC)
unpickles with pickle's pure-Python unpickler. Those pickles are small and read once per segment opened; garbage
in them (a garbled segment) can announce a 64 GB bytearray, and CPython's C unpickler, failing on it with
``MemoryError``, printed ``SystemError: deallocated bytearray object has exported buffers`` on stderr beside our
one-line error (bench/faults.py, random bytes in every segment). Posting blocks (read through a ``MemoryFile``,
many per query) keep the C unpickler.

Installed from ``search.whoosh_backend`` when the Whoosh version is one whose ``BufferFile`` is known
(``internals.FAST``); with another version Whoosh's own classes are left alone.
"""

import pickle


class MemoryFile:
    """A read-only, seekable binary file over a buffer (a memoryview of the segment's map), without copying it.

    No ``readinto``: what Whoosh unpickles from it is read through ``read``, which never reads past the end."""

    __slots__ = ("_buf", "_pos", "closed")

    def __init__(self, buf):
        self._buf = memoryview(buf)
        self._pos = 0
        self.closed = False

    def read(self, size=-1) -> bytes:
        if self.closed:
            raise ValueError("I/O operation on closed file")  # as BytesIO: a use after close shows
        start, end = self._pos, len(self._buf)
        if size is not None and size >= 0:
            end = min(end, start + size)
        self._pos = max(start, end)
        return bytes(self._buf[start:end])

    def readline(self, size=-1) -> bytes:
        start, stop = self._pos, len(self._buf)
        if size is not None and size >= 0:
            stop = min(stop, start + size)
        end, pos = stop, start
        while pos < stop:  # look for the newline a page at a time: a long line is not copied whole to search it
            chunk = bytes(self._buf[pos:min(stop, pos + 4096)])
            found = chunk.find(b"\n")
            if found >= 0:
                end = pos + found + 1
                break
            pos += len(chunk)
        self._pos = end
        return bytes(self._buf[start:end])

    def __iter__(self):
        while True:
            line = self.readline()
            if not line:
                return
            yield line

    def seek(self, offset: int, whence: int = 0) -> int:
        if whence == 1:
            offset += self._pos
        elif whence == 2:
            offset += len(self._buf)
        if offset < 0:
            raise ValueError(f"negative seek position {offset}")
        self._pos = offset
        return offset

    def tell(self) -> int:
        return self._pos

    def readable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return True

    def writable(self) -> bool:
        return False

    def flush(self) -> None:
        pass

    def close(self) -> None:
        self.closed = True
        self._buf = memoryview(b"")  # the map's export is released (a mmap cannot close while one is held)


def _read_pickle(self):
    f = self.file
    if isinstance(f, MemoryFile):
        return pickle.load(f)
    return pickle._Unpickler(f).load()  # noqa: SLF001 - the pure-Python one (see the module's docstring)


def install() -> bool:
    """Make Whoosh's ``BufferFile`` read through a ``MemoryFile``, and a real file's pickles load in Python; True
    when installed."""
    from whoosh.filedb import structfile

    cls = structfile.BufferFile
    if getattr(cls, "_bayegan_zero_copy", False):
        return True
    structfile.StructFile.read_pickle = _read_pickle

    def __init__(self, buf, name=None, onclose=None):  # Whoosh 2.7.5's, with MemoryFile for BytesIO
        self._buf = buf
        self._name = name
        self.file = MemoryFile(buf)
        self.onclose = onclose
        self.is_real = False
        self.is_closed = False

    cls._whoosh_init = cls.__init__  # kept: the tests compare what Whoosh's own allocates
    cls.__init__ = __init__
    cls._bayegan_zero_copy = True
    return True
