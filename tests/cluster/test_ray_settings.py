"""``bayegan serve`` reaches the cluster named by ``--ray`` or, without it, by ``BAYEGAN_RAY_ADDRESS``."""

import argparse

from web.cli import app_config
from web.settings import load_settings


def _settings(argv, environ):
    args = argparse.Namespace(index="var/ix", ray=None)
    for flag, value in zip(argv[::2], argv[1::2]):
        setattr(args, flag.lstrip("-"), value)
    return load_settings(app_config(args), environ)


def test_the_environment_names_the_cluster_when_the_command_line_does_not():
    assert _settings([], {"BAYEGAN_RAY_ADDRESS": "10.0.0.5:6379"})["RAY_ADDRESS"] == "10.0.0.5:6379"
    assert _settings([], {})["RAY_ADDRESS"] == ""


def test_the_command_line_wins_over_the_environment():
    assert _settings(["--ray", "local"], {"BAYEGAN_RAY_ADDRESS": "10.0.0.5:6379"})["RAY_ADDRESS"] == "local"
