"""Reads archive exports, analyzes them and writes the Whoosh index.

Data flow, one module each: ``readers`` (a package, one module per format: files, folders, WARC and feeds to
records with ``FILE:LINE`` errors, in the file's encoding, as valid Unicode; ``webpage`` takes a page's article
out of its site) -> ``survey`` (the mapping chosen, printed before the run) -> ``mapping`` (the archive's keys to
our article fields, ``aliases``) and ``fields`` (values type-checked) -> ``document`` (article to Whoosh fields:
dates, entities, content) -> ``pipeline`` (all of that in worker processes, text pre-analyzed) -> ``build``
(batched commits into the index, ``index_archives``; ``duplicates`` reports ids seen twice). ``schema`` is the
contract with ``search``; ``location`` says whether a folder holds an index; ``upkeep`` deletes and compacts;
``stats`` and ``cli`` serve ``bayegan index``, ``stats``, ``delete`` and ``compact``.
"""
