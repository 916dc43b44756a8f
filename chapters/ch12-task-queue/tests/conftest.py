"""Fixtures for the capstone's tests: a real redis-server, and every
behavioural test run against both backends."""

from __future__ import annotations

import uuid
from collections.abc import Iterator

import pytest
from cookbook.redis_server import INSTALL_HINT, RedisServer, redis_server_executable


@pytest.fixture(scope="session")
def redis_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RedisServer]:
    """One redis-server for the session, on a free loopback port."""
    if redis_server_executable() is None:
        pytest.fail(INSTALL_HINT, pytrace=False)
    with RedisServer(tmp_path_factory.mktemp("redis")) as server:
        yield server


@pytest.fixture
def queue_name() -> str:
    """A queue of this test's own, so tests never see each other's jobs."""
    return f"test-{uuid.uuid4().hex[:12]}"


@pytest.fixture(params=["memory", "redis"])
def url(request: pytest.FixtureRequest) -> str | None:
    """The embedded backend (None) and Redis: the same tests run on both."""
    if request.param == "memory":
        return None
    server: RedisServer = request.getfixturevalue("redis_server")
    return server.url
