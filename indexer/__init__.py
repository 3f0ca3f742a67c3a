"""Reads archive exports, analyzes them and writes the Whoosh index.

Data flow, one module each: ``readers`` (files and folders to records, ``FILE:LINE`` errors) -> ``mapping`` (the
archive's keys to our article fields) -> ``document`` (article to Whoosh fields: dates, entities, content) ->
``pipeline`` (all of that in worker processes, text pre-analyzed) -> ``build`` (batched commits into the index,
``index_archives``). ``schema`` is the contract with ``search``; ``stats`` and ``cli`` serve ``bayegan stats``
and ``bayegan index``.
"""
