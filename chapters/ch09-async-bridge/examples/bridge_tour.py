"""A tour of the async bridge: Rust futures awaited from asyncio, Python
coroutines awaited from Rust, and what cancellation and failure look like."""

# ANCHOR: tour
import asyncio
import contextvars

from ch09_async_bridge import RustPanic, _native, configure, live_futures, map_async, sleep

configure(2)  # before the first bridge call: two tokio worker threads
user: contextvars.ContextVar[str] = contextvars.ContextVar("user", default="nobody")


async def greet(name: str) -> str:
    await asyncio.sleep(0.01)
    return f"hello {name}, from {user.get()}'s context"


async def main() -> None:
    print("sleep(10, 'awake') ->", await sleep(10, "awake"))
    values = await asyncio.gather(*(sleep(50, i) for i in range(1000)))
    print("1000 sleeps of 50 ms under gather, in order:", values == list(range(1000)))

    user.set("ada")
    print(await map_async(greet, ["rust", "python"], concurrency=2))

    try:
        await asyncio.wait_for(sleep(60_000), timeout=0.05)
    except TimeoutError:
        print("wait_for gave up on sleep(60_000): TimeoutError")
    while live_futures():
        await asyncio.sleep(0.01)
    print("Rust futures still alive:", live_futures())

    try:
        await _native.fail_after(1, "the Rust future said no")
    except ValueError as error:
        print("an Err from a Rust future:", repr(error))
    try:
        await _native.panic_after(1, "a bug in Rust")
    except RustPanic as error:
        print("a panic in a Rust future:", type(error).__qualname__, "-", error)
    try:
        await _native.panic_after(1, "a bug in Rust", keep_message=True)
    except RustPanic as error:
        print("the same, caught inside the future:", type(error).__qualname__, "-", error)

    try:
        configure(4)
    except RuntimeError as error:
        print("RuntimeError:", error)


asyncio.run(main())
# ANCHOR_END: tour
