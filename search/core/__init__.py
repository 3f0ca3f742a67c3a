"""The backend-neutral search core: requests, query nodes, facets, the coordinator over shards, result shape.

Nothing here imports a search library: a backend (``search.whoosh_backend``) is named by the index manifest and
loaded by ``search.core.store.backend``. The web app and the CLI import only this package.
"""
