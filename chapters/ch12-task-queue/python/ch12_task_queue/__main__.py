"""`python -m ch12_task_queue worker MODULE:APP [--concurrency N] [--burst]`

Runs a worker process for the `App` named APP in the module MODULE (imported
from the current directory or sys.path). SIGTERM or SIGINT stops it
gracefully: it stops claiming, lets running tasks finish (for `--grace`
seconds, then cancels them), hands every job it claimed but did not start
back to the queue, and exits with status 0.
"""

from __future__ import annotations

import argparse
import asyncio
import importlib
import logging
import signal
import sys

from ch12_task_queue._app import App
from ch12_task_queue._worker import DEFAULT_GRACE, Runner


def load_app(target: str) -> App:
    """`module:attribute` -> the App it names; a SystemExit with a message otherwise."""
    module_name, _, attribute = target.partition(":")
    if not module_name or not attribute:
        raise SystemExit(f"expected MODULE:APP (for example tasks:app), got {target!r}")
    try:
        module = importlib.import_module(module_name)
    except ImportError as error:
        raise SystemExit(f"cannot import {module_name!r}: {error}") from None
    app = getattr(module, attribute, None)
    if not isinstance(app, App):
        found = "nothing" if app is None else f"a {type(app).__name__}"
        raise SystemExit(f"{target} should be a ch12_task_queue.App, but {module_name} has {found}")
    return app


# ANCHOR: signals
async def run(app: App, concurrency: int, burst: bool, grace: float) -> int:
    runner = Runner(app, concurrency=concurrency, burst=burst, grace=grace)
    loop = asyncio.get_running_loop()

    def stop(signal_name: str) -> None:
        logging.getLogger("ch12_task_queue").info("%s: stopping gracefully", signal_name)
        runner.stop()

    for signal_number in (signal.SIGTERM, signal.SIGINT):
        try:
            loop.add_signal_handler(signal_number, stop, signal_number.name)
        except (NotImplementedError, RuntimeError):  # Windows: no loop signal handlers
            signal.signal(
                signal_number,
                lambda number, _frame: loop.call_soon_threadsafe(stop, signal.Signals(number).name),
            )
    stats = await runner.run()
    logging.getLogger("ch12_task_queue").info(
        "worker done: %d succeeded, %d failed, %d retried",
        stats.succeeded,
        stats.failed,
        stats.retried,
    )
    return 0


# ANCHOR_END: signals


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m ch12_task_queue")
    commands = parser.add_subparsers(dest="command", required=True)
    worker = commands.add_parser("worker", help="run a worker process")
    worker.add_argument("app", metavar="MODULE:APP", help="where the App is, e.g. tasks:app")
    worker.add_argument("--concurrency", type=int, default=10, help="tasks at once (default 10)")
    worker.add_argument("--burst", action="store_true", help="exit once the queue is drained")
    worker.add_argument(
        "--grace",
        type=float,
        default=DEFAULT_GRACE,
        help=f"seconds running tasks get to finish after SIGTERM (default {DEFAULT_GRACE:g})",
    )
    worker.add_argument("--log-level", default="INFO", help="logging level (default INFO)")
    args = parser.parse_args(argv)
    logging.basicConfig(
        level=args.log_level.upper(), format="%(asctime)s %(levelname)s %(name)s: %(message)s"
    )
    if "" not in sys.path:
        sys.path.insert(0, "")
    app = load_app(args.app)
    try:
        return asyncio.run(run(app, args.concurrency, args.burst, args.grace))
    except (TypeError, ValueError) as error:
        raise SystemExit(f"cannot start the worker: {error}") from None
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
