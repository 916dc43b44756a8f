"""The redis step and the test server it vouches for."""

from __future__ import annotations

from pathlib import Path

import pytest
from cookbook import redis_server
from cookbook.redis_server import INSTALL_HINT, RedisServer


def test_a_missing_redis_server_is_one_line_saying_how_to_install_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(redis_server, "redis_server_executable", lambda: None)
    problem = redis_server.version_problem()
    assert problem == INSTALL_HINT
    assert "\n" not in problem
    assert "apt-get install redis-server" in problem


def test_a_redis_server_older_than_7_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(redis_server, "redis_server_executable", lambda: "/usr/bin/redis-server")
    monkeypatch.setattr(redis_server, "server_version", lambda _exe: (6, 2, 14))
    problem = redis_server.version_problem()
    assert problem is not None
    assert problem.startswith("redis-server 6.2.14 at /usr/bin/redis-server is too old")


@pytest.mark.redis
def test_the_server_keeps_its_data_across_a_restart(tmp_path: Path) -> None:
    if redis_server.version_problem() is not None:
        pytest.fail(INSTALL_HINT, pytrace=False)
    with RedisServer(tmp_path) as server:
        assert server.command("SET", "k", "v") == "OK"
        port = server.port
        server.restart()
        assert server.port == port
        assert server.command("GET", "k") == b"v"
        assert server.pipeline([("INCR", "n"), ("INCR", "n")]) == [1, 2]
        assert server.commandstats()["incr"] == 2
