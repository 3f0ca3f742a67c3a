"""A real Ray cluster of three nodes on this machine (``ray.cluster_utils.Cluster``), started once for the
cluster tests and stopped at their end."""

import pytest

ray = pytest.importorskip("ray", reason="Ray is part of the test extras: pip install -e '.[test,cluster]'")


@pytest.fixture(scope="session")
def cluster():
    from ray.cluster_utils import Cluster

    c = Cluster(initialize_head=True, head_node_args={"num_cpus": 1, "include_dashboard": False})
    for _ in range(2):
        c.add_node(num_cpus=1)
    c.wait_for_nodes()
    yield c
    ray.shutdown()
    c.shutdown()
