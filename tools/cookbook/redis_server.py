"""A real `redis-server` for tests and benchmarks: started on a free loopback
port in a folder of its own, talked to with a few lines of RESP, restarted
with its data kept, stopped at the end.

The capstone's tests use it instead of any stand-in: what the reader runs in
production is what the tests run against.
"""

from __future__ import annotations

import re
import shutil
import socket
import subprocess
import time
from pathlib import Path
from typing import Any

INSTALL_HINT = (
    "redis-server is not on PATH: the capstone's tests need a real one, 7.0 or newer "
    "(Debian/Ubuntu: sudo apt-get install redis-server; macOS: brew install redis)"
)
OLDEST = (7, 0)


def redis_server_executable() -> str | None:
    return shutil.which("redis-server")


def server_version(executable: str) -> tuple[int, ...] | None:
    try:
        result = subprocess.run([executable, "--version"], capture_output=True, text=True)
    except OSError:
        return None
    match = re.search(r"v=(\d+)\.(\d+)\.(\d+)", result.stdout)
    return tuple(int(part) for part in match.groups()) if match else None


def describe() -> str:
    executable = redis_server_executable() or "redis-server"
    version = server_version(executable)
    shown = ".".join(map(str, version)) if version else "of unknown version"
    return f"redis-server {shown} at {executable}"


def version_problem() -> str | None:
    """None when a usable redis-server is on PATH; otherwise one line saying what to do."""
    executable = redis_server_executable()
    if executable is None:
        return INSTALL_HINT
    version = server_version(executable)
    if version is None or version[:2] < OLDEST:
        return f"{describe()} is too old or unreadable: {INSTALL_HINT}"
    return None


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


class RedisError(Exception):
    """An error reply from the server."""


def _encode(args: tuple[object, ...]) -> bytes:
    parts = [f"*{len(args)}\r\n".encode()]
    for arg in args:
        data = arg if isinstance(arg, bytes) else str(arg).encode()
        parts.append(b"$%d\r\n%s\r\n" % (len(data), data))
    return b"".join(parts)


class _Reader:
    def __init__(self, connection: socket.socket) -> None:
        self.file = connection.makefile("rb")

    def reply(self) -> Any:
        line = self.file.readline()
        if not line:
            raise ConnectionError("redis-server closed the connection")
        kind, rest = line[:1], line[1:-2]
        if kind == b"+":
            return rest.decode()
        if kind == b"-":
            return RedisError(rest.decode())
        if kind == b":":
            return int(rest)
        if kind == b"$":
            size = int(rest)
            if size < 0:
                return None
            data = self.file.read(size + 2)[:-2]
            return data
        if kind == b"*":
            count = int(rest)
            return None if count < 0 else [self.reply() for _ in range(count)]
        raise ConnectionError(f"unexpected reply from redis-server: {line!r}")


class RedisServer:
    """One redis-server process. Its data survives `restart()` (append-only
    file, fsync on every write), as a production server's would."""

    def __init__(self, folder: Path, port: int | None = None, password: str | None = None) -> None:
        executable = redis_server_executable()
        if executable is None:
            raise RuntimeError(INSTALL_HINT)
        self.executable = executable
        self.folder = folder
        self.folder.mkdir(parents=True, exist_ok=True)
        self.port = port or free_port()
        self.password = password
        self.process: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        secret = f":{self.password}@" if self.password else ""
        return f"redis://{secret}127.0.0.1:{self.port}/0"

    def start(self) -> None:
        command = [
            self.executable,
            "--port", str(self.port),
            "--bind", "127.0.0.1",
            "--dir", str(self.folder),
            "--save", "",
            "--appendonly", "yes",
            "--appendfsync", "always",
            "--logfile", str(self.folder / "redis.log"),
        ]  # fmt: skip
        if self.password:
            command += ["--requirepass", self.password]
        self.process = subprocess.Popen(command, stdout=subprocess.DEVNULL)
        deadline = time.monotonic() + 15
        while True:
            try:
                if self.command("PING") == "PONG":
                    return
            except (OSError, RedisError):
                pass
            if self.process.poll() is not None or time.monotonic() > deadline:
                log = (self.folder / "redis.log").read_text(errors="replace")[-2000:]
                raise RuntimeError(f"redis-server did not start on port {self.port}:\n{log}")
            time.sleep(0.02)

    def stop(self) -> None:
        """SIGTERM: the server writes what it has and exits."""
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=15)
        self.process = None

    def restart(self, pause: float = 0.0) -> None:
        """Stop, wait `pause` seconds, start again on the same port with the same data."""
        self.stop()
        time.sleep(pause)
        self.start()

    def command(self, *args: object) -> Any:
        """Send one command, return its reply (an error reply is raised)."""
        return self.pipeline([args])[0]

    def pipeline(self, commands: list[tuple[object, ...]]) -> list[Any]:
        if self.password:
            commands = [("AUTH", self.password), *commands]
        with socket.create_connection(("127.0.0.1", self.port), timeout=10) as connection:
            connection.sendall(b"".join(_encode(args) for args in commands))
            reader = _Reader(connection)
            try:
                replies = [reader.reply() for _ in commands]
            finally:
                reader.file.close()
        if self.password:
            replies = replies[1:]
        for reply in replies:
            if isinstance(reply, RedisError):
                raise reply
        return replies

    def commandstats(self) -> dict[str, int]:
        """Calls per command since the last `CONFIG RESETSTAT`."""
        info = self.command("INFO", "commandstats").decode()
        calls = {}
        for line in info.splitlines():
            if line.startswith("cmdstat_"):
                name, _, fields = line[len("cmdstat_") :].partition(":")
                stats = dict(field.split("=") for field in fields.split(","))
                calls[name] = int(stats["calls"])
        return calls

    def __enter__(self) -> RedisServer:
        self.start()
        return self

    def __exit__(self, *_exc: object) -> None:
        self.stop()
