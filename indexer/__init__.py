"""Reads archive exports, analyzes them and writes the Whoosh index.

Data flow, one module each: ``readers`` (a package, one module per format: files, folders, WARC and feeds to
records with ``FILE:LINE`` errors, in the file's encoding, as valid Unicode; ``webpage`` takes a page's article
out of its site) -> ``survey`` (the mapping chosen, printed before the run) -> ``mapping`` (the archive's keys to
our article fields, ``aliases``) and ``fields`` (values type-checked), both applied by ``articles`` ->
``build`` (``index_archives``: each article to the shard of its id; ``duplicates`` reports ids seen twice) ->
``pipeline`` (``document``: dates, entities, fields; analyzed and written in the shards' processes). ``upkeep``
deletes and compacts; ``stats`` and ``cli`` serve ``bayegan index``, ``stats``, ``delete`` and ``compact``.
"""
