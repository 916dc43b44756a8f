"""count_primes and count_primes_attached: the same answers, and the same checks of limit.

Who else gets to run while they work is in test_progress.py.
"""

from __future__ import annotations

# ANCHOR: reference
import math

import pytest
from ch06_attach import count_primes, count_primes_attached
from hypothesis import given
from hypothesis import strategies as st

MAX_LIMIT = 10_000_000


def reference_count(limit: int) -> int:
    """Plain Python, written separately from the Rust: a prime is a number
    from 2 up with no divisor from 2 to its square root."""
    return sum(1 for n in range(2, limit) if all(n % d for d in range(2, math.isqrt(n) + 1)))


@given(st.integers(min_value=0, max_value=3_000))
def test_both_agree_with_the_python_reference(limit: int) -> None:
    expected = reference_count(limit)
    assert count_primes(limit) == expected
    assert count_primes_attached(limit) == expected


# ANCHOR_END: reference


def test_known_counts() -> None:
    assert [count_primes(limit) for limit in (0, 1, 2, 3, 10, 100)] == [0, 0, 0, 1, 4, 25]
    assert count_primes(1_000_000) == count_primes_attached(1_000_000) == 78_498


# ANCHOR: limits
@pytest.mark.parametrize("limit", [-1, MAX_LIMIT + 1, 2**64, 10**30])
def test_a_limit_out_of_range_is_refused_at_once(limit: int) -> None:
    for function in (count_primes, count_primes_attached):
        with pytest.raises(ValueError, match="limit must be from 0 to") as caught:
            function(limit)
        assert str(caught.value) == f"limit must be from 0 to {MAX_LIMIT}, got {limit}"


@pytest.mark.parametrize(("limit", "kind"), [(True, "bool"), (1e6, "float"), ("100", "str")])
def test_a_limit_must_be_an_int(limit: object, kind: str) -> None:
    with pytest.raises(TypeError) as caught:
        count_primes(limit)  # type: ignore[arg-type]
    assert str(caught.value) == f"limit must be an int, not {kind}"
    # PyO3 adds a note naming the argument, shown in the traceback.
    assert caught.value.__notes__ == ["while processing 'limit'"]


# ANCHOR_END: limits
