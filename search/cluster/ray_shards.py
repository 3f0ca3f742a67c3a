"""Shards served by Ray actors across a cluster: the same coordinator, with actor handles where the local
transport has worker processes (``search.core.transport``).

One actor per shard, spread over the cluster's nodes, restarted by Ray when it dies (``max_restarts=-1``); it
opens its shard from storage every node can reach (a shared filesystem) and answers the shard protocol's calls.
A call to a dead or restarting actor fails (``max_task_retries=0``: no silent re-run of a search phase); the
coordinator then answers from the other shards with a notice naming the missing one, and the next search reaches
the restarted actor. Ray is optional: ``pip install '.[cluster]'``.
"""

import os
import time

ADDRESS_LOCAL = "local"


def connect(address: str):
    """Join the Ray cluster at ``address`` (``local``: start a Ray runtime in this process); returns ``ray``."""
    from search.core.errors import ClusterProblem

    try:
        import ray
    except ImportError:
        raise ClusterProblem(address, "Ray is not installed: pip install '.[cluster]' (or pip install ray)") from None
    if not ray.is_initialized():
        root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
        # Workers import this project from the same path on every node (a shared checkout or installation).
        runtime_env = {"env_vars": {"HF_HUB_OFFLINE": "1", "PYTHONPATH": root}}
        try:
            if address == ADDRESS_LOCAL:
                ray.init(runtime_env=runtime_env, include_dashboard=False, logging_level="WARNING")
            else:
                ray.init(address=address, runtime_env=runtime_env, logging_level="WARNING")
        except Exception as exc:  # noqa: BLE001 - no cluster there, a version mismatch ...: one line
            first = str(exc).strip().splitlines()[0] if str(exc).strip() else ""
            raise ClusterProblem(address, f"cannot join the Ray cluster at {address} ({type(exc).__name__}: "
                                 f"{first}); start it with 'ray start --head' or give its address") from None
    return ray


def _actor_class(ray):
    @ray.remote(max_restarts=-1, max_task_retries=0, num_cpus=0)
    class ShardActor:
        """One shard, open for searching, on whichever node Ray placed it."""

        def __init__(self, backend_name: str, path: str, warm: bool):
            import importlib

            from search.core.store import backend

            impl = backend(backend_name)
            importlib.import_module("analyzers.warm")  # hazm's tables and the lexicons: seconds, before any call
            importlib.import_module(impl.WORKER_PRELOAD)
            self.shard = impl.open_shard(path, warm=warm)
            self.busy = {}  # method -> [calls, seconds] spent in the shard (what the actor costs per call)

        def call(self, method: str, args: tuple):
            started = time.perf_counter()
            try:
                return getattr(self.shard, method)(*args)
            finally:
                spent = self.busy.setdefault(method, [0, 0.0])
                spent[0] += 1
                spent[1] += time.perf_counter() - started

        def timings(self, reset: bool = False) -> dict:
            """``{method: [calls, seconds]}`` spent answering calls since the start (or the last reset)."""
            out = {m: list(v) for m, v in self.busy.items()}
            if reset:
                self.busy = {}
            return out

        def memory(self) -> dict:
            """This actor's resident and proportional set sizes in bytes (Linux), wherever it runs."""
            return _memory()

        def node(self) -> str:
            return ray.get_runtime_context().get_node_id()

        def pid(self) -> int:
            return os.getpid()

    return ShardActor


def _memory() -> dict:
    out = {}
    try:
        with open("/proc/self/smaps_rollup") as f:
            for line in f:
                key, _, rest = line.partition(":")
                if key in ("Rss", "Pss"):
                    out[key.lower()] = int(rest.split()[0]) * 1024
    except OSError:
        import resource

        out["rss"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024  # the peak: the best there is
    return out


class RayPool:
    """One actor per shard of an index folder, spread over the nodes."""

    def __init__(self, address: str, backend_name: str, paths: list[str], warm: bool = True):
        self.ray = ray = connect(address)
        actor = _actor_class(ray)
        # Absolute: an actor's working folder is its node's, not this process's (the index build does the same).
        self.actors = [actor.options(scheduling_strategy="SPREAD", name=None).remote(backend_name,
                                                                                    os.path.abspath(p), warm)
                       for p in paths]
        ray.get([a.node.remote() for a in self.actors])  # every shard open before the first search

    def handles(self) -> list:
        return [RayShard(self, n) for n in range(len(self.actors))]

    def nodes(self) -> list[str]:
        return self.ray.get([a.node.remote() for a in self.actors])

    def close(self):
        for a in self.actors:
            self.ray.kill(a, no_restart=True)
        self.actors = []


class RayShard:
    def __init__(self, pool: RayPool, number: int):
        self.pool = pool
        self.number = number

    def call(self, method: str, *args):
        return self.pool.actors[self.number].call.remote(method, args).future()

    def close(self):
        pass
