"""Shared fixtures: the seeds, a composed three-outlet corpus, a guard against the network, and
hypothesis without time limits."""

from __future__ import annotations

import ipaddress
import shutil
import socket
from pathlib import Path

import pytest
from hypothesis import settings

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
THREE_OUTLETS = ROOT / "tests" / "fixtures" / "three_outlets"


# No time limit on a generated example: speed is measured in benchmarks/, and a loaded CI
# machine must not turn a slow first example into a failure.
settings.register_profile("framing", deadline=None)
settings.load_profile("framing")


class NetworkBlocked(RuntimeError):
    """Raised when code under test tries to reach a host other than this machine."""


def _is_local(address: object) -> bool:
    if isinstance(address, (str, bytes)):  # AF_UNIX socket path
        return True
    host = address[0] if isinstance(address, tuple) else address
    if host in ("localhost", "", None):
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


@pytest.fixture(autouse=True)
def no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every test fails if the code tries to reach anything but this machine."""
    real_connect = socket.socket.connect
    real_getaddrinfo = socket.getaddrinfo

    def guarded_connect(self: socket.socket, address: object) -> None:
        if not _is_local(address):
            raise NetworkBlocked(f"network access attempted: {address!r}")
        return real_connect(self, address)

    def guarded_getaddrinfo(host: object, *args: object, **kwargs: object) -> object:
        if not _is_local(host if not isinstance(host, bytes) else host.decode()):
            raise NetworkBlocked(f"name lookup attempted: {host!r}")
        return real_getaddrinfo(host, *args, **kwargs)

    monkeypatch.setattr(socket.socket, "connect", guarded_connect)
    monkeypatch.setattr(socket, "getaddrinfo", guarded_getaddrinfo)


@pytest.fixture
def seeds() -> Path:
    return SEEDS


@pytest.fixture
def three_outlets() -> Path:
    return THREE_OUTLETS


@pytest.fixture
def corpus_copy(tmp_path: Path):
    """Copy a corpus folder into tmp_path so a test can alter it freely."""

    def make(source: Path = SEEDS) -> Path:
        target = tmp_path / source.name
        shutil.copytree(source, target)
        return target

    return make
