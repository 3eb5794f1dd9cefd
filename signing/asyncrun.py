"""Run pyHanko's coroutines from the synchronous API of this package."""

from __future__ import annotations

import asyncio
from typing import Any, Coroutine, TypeVar

T = TypeVar("T")


def run_blocking(coro: Coroutine[Any, Any, T]) -> T:
    """asyncio.run(coro), refusing clearly when called on a running event loop's thread."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return asyncio.run(coro)
    coro.close()
    raise RuntimeError("signing functions are blocking: call them via asyncio.to_thread() from async code")
