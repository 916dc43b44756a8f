"""Fixtures for the capstone's tests: a real redis-server, and every
behavioural test run against both backends.

Tests marked `redis` need redis-server 7 or newer on PATH; they fail with a
line saying how to install it when it is missing. Where no redis-server can
be had (GitHub's Windows runners), setting COOKBOOK_WITHOUT_REDIS=1 leaves
them out, and says so.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator

import pytest
from cookbook.redis_server import RedisServer, version_problem
from cookbook.testing import pytest_collection_modifyitems

# Leaves out `redis` tests when COOKBOOK_WITHOUT_REDIS is set (pytest finds the hook here).
__all__ = ["pytest_collection_modifyitems"]


@pytest.fixture(scope="session")
def redis_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RedisServer]:
    """One redis-server for the session, on a free loopback port."""
    problem = version_problem()
    if problem is not None:
        pytest.fail(problem, pytrace=False)
    with RedisServer(tmp_path_factory.mktemp("redis")) as server:
        yield server


@pytest.fixture
def queue_name() -> str:
    """A queue of this test's own, so tests never see each other's jobs."""
    return f"test-{uuid.uuid4().hex[:12]}"


@pytest.fixture(params=["memory", pytest.param("redis", marks=pytest.mark.redis)])
def url(request: pytest.FixtureRequest) -> str | None:
    """The embedded backend (None) and Redis: the same tests run on both."""
    if request.param == "memory":
        return None
    server: RedisServer = request.getfixturevalue("redis_server")
    return server.url
