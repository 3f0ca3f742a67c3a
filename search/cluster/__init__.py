"""Past one machine: the sharded index built and served on a Ray cluster (``ray_shards``, ``ray_build``).

Optional: nothing else imports this package unless a command is given ``--ray ADDRESS``.
"""
