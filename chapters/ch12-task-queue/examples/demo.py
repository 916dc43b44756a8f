"""The queue across processes: workers in some terminals, a producer in another.

    redis-server --port 6390
    CH12_URL=redis://127.0.0.1:6390/0 python -m ch12_task_queue worker demo:app
    CH12_URL=redis://127.0.0.1:6390/0 python -m ch12_task_queue worker demo:app
    CH12_URL=redis://127.0.0.1:6390/0 python demo.py 40

Run the commands from this folder (the worker imports `demo`). Start as many
workers as you like, on as many machines as reach the Redis; stop one with
Ctrl-C and the others take over its jobs.
"""

from __future__ import annotations

# ANCHOR: demo
import asyncio
import os
import sys

from ch12_task_queue import App

app = App(os.environ.get("CH12_URL", "redis://127.0.0.1:6379/0"), queue="demo")


# An explicit name: run as a script, this module is `__main__`, imported by a
# worker it is `demo`, and the default name would differ between the two.
@app.task(name="shout")
async def shout(word: str) -> str:
    await asyncio.sleep(0.1)
    return f"{word.upper()} (from process {os.getpid()})"


async def main(count: int) -> None:
    jobs = await shout.enqueue_many([(f"job {n}",) for n in range(count)])
    for job in jobs:
        print(await job.result(timeout=60))


if __name__ == "__main__":
    asyncio.run(main(int(sys.argv[1]) if len(sys.argv) > 1 else 10))
# ANCHOR_END: demo
