"""Recipe: pickling and copying a #[pyclass], in this process and in others."""

from __future__ import annotations

import copy
import multiprocessing
import pickle
import subprocess
import sys
from collections.abc import Callable

import ch13_recipes
import pytest
from ch13_recipes import Envelope, Money, Tally, Version, _native
from cookbook.testing import raises_only_ordinary_exceptions, wrong_kinds
from hypothesis import given

PROTOCOLS = range(2, pickle.HIGHEST_PROTOCOL + 1)


def round_trip(value: object, protocol: int = pickle.DEFAULT_PROTOCOL) -> object:
    return pickle.loads(pickle.dumps(value, protocol))


# ANCHOR: round_trips
@pytest.mark.parametrize("protocol", PROTOCOLS)
def test_each_class_comes_back_equal_from_pickle(protocol: int) -> None:
    money = Money(1250, "EUR")
    assert round_trip(money, protocol) == money
    version = Version.parse("1.4.2")
    assert round_trip(version, protocol) == version
    tally = Tally(["tea", "cake", "tea"])
    back = round_trip(tally, protocol)
    assert isinstance(back, Tally)
    assert back.most_common(5) == [("tea", 2), ("cake", 1)]
    envelope = round_trip(Envelope("orders", {"id": 7, "items": ["tea"]}), protocol)
    assert isinstance(envelope, Envelope)
    assert (envelope.topic, envelope.body) == ("orders", {"id": 7, "items": ["tea"]})


def test_pickle_names_the_public_package_and_the_class() -> None:
    # Protocol 4 and later write the module and the qualified name as two strings.
    data = pickle.dumps(Money(1250, "EUR"), protocol=4)
    assert b"\x8c\x0cch13_recipes\x94\x8c\x05Money" in data
    assert b"_native" not in data
    # __reduce__ stored Version.parse and the text, not the numbers.
    data = pickle.dumps(Version.parse("1.4.2"), protocol=4)
    assert b"parse" in data
    assert b"1.4.2" in data


# ANCHOR_END: round_trips


# ANCHOR: protocols
def test_reduce_works_with_every_protocol_and_the_others_need_protocol_2() -> None:
    # __getnewargs__ and __getstate__ are read by object.__reduce_ex__ for
    # protocol 2 and later; __reduce__ is a complete answer on its own.
    for protocol in (0, 1):
        assert round_trip(Version.parse("0.9.12"), protocol) == Version.parse("0.9.12")
        for value in (Money(5, "EUR"), Tally(["a"]), Envelope("t", None)):
            with pytest.raises(TypeError, match="cannot pickle"):
                pickle.dumps(value, protocol)


# ANCHOR_END: protocols


# ANCHOR: missing
def test_without_module_pickle_looks_in_builtins_and_fails() -> None:
    lost = _native.MoneyWithoutModule(5)
    assert type(lost).__module__ == "builtins"
    with pytest.raises(pickle.PicklingError) as caught:
        pickle.dumps(lost)
    # The message's end changed in Python 3.14; its start did not.
    assert str(caught.value).startswith("Can't pickle <class 'builtins.MoneyWithoutModule'>")
    # copy needs no lookup by name: it works even so.
    assert copy.copy(lost).cents == 5


def test_without_a_reduce_method_neither_pickle_nor_copy_can_rebuild_it() -> None:
    plain = _native.MoneyWithoutReduce(5)
    for attempt in (pickle.dumps, copy.copy, copy.deepcopy):
        with pytest.raises(TypeError) as caught:
            attempt(plain)
        assert str(caught.value) == "cannot pickle 'ch13_recipes._native.MoneyWithoutReduce' object"


def test_the_module_must_really_export_the_class(monkeypatch: pytest.MonkeyPatch) -> None:
    # module = "ch13_recipes" is a promise that ch13_recipes.Money exists.
    monkeypatch.delattr(ch13_recipes, "Money")
    with pytest.raises(pickle.PicklingError) as caught:
        pickle.dumps(Money(5, "EUR"))
    assert str(caught.value).startswith("Can't pickle <class 'ch13_recipes.Money'>")


# ANCHOR_END: missing


# ANCHOR: copies
def test_an_immutable_money_is_its_own_copy() -> None:
    money = Money(1250, "EUR")
    assert copy.copy(money) is money
    assert copy.deepcopy(money) is money


def test_copy_shares_the_body_and_deepcopy_copies_it() -> None:
    body = {"id": 7, "items": ["tea"]}
    envelope = Envelope("orders", body)
    shallow = copy.copy(envelope)
    assert shallow is not envelope
    assert shallow.body is body
    deep = copy.deepcopy(envelope)
    assert deep.body == body
    assert deep.body is not body
    assert deep.body["items"] is not body["items"]


def test_deepcopy_keeps_objects_that_are_shared_inside_the_body() -> None:
    items = ["tea"]
    deep = copy.deepcopy(Envelope("orders", [items, items]))
    first, second = deep.body
    assert first is second
    assert first is not items


def test_a_copied_tally_changes_on_its_own() -> None:
    tally = Tally(["tea"])
    twin = copy.copy(tally)
    twin.add("tea")
    assert (tally["tea"], twin["tea"]) == (1, 2)


def test_a_cycle_through_the_body_survives_pickle_but_not_deepcopy() -> None:
    body: list[object] = ["tea"]
    envelope = Envelope("orders", body)
    body.append(envelope)
    back = round_trip(envelope)
    assert isinstance(back, Envelope)
    assert back.body[1] is back  # pickle's memo rebuilds the cycle
    deep = copy.deepcopy(envelope)
    # copy builds the envelope only after its body, so the body copy holds a
    # second envelope: a known limit of rebuilding from __new__'s arguments.
    assert deep.body[1] is not deep
    assert isinstance(deep.body[1], Envelope)
    assert deep.body[1].body is deep.body


# ANCHOR_END: copies


# ANCHOR: processes
LOAD_AND_PRINT = """
import pickle, sys
value = pickle.load(sys.stdin.buffer)
print(type(value).__module__, type(value).__qualname__, repr(value))
if type(value).__qualname__ == "Tally":
    print(value.most_common(3))
"""


def load_in_another_process(data: bytes) -> list[str]:
    """What a fresh `python -c` prints for the pickle `data`, which it reads from stdin."""
    result = subprocess.run(
        [sys.executable, "-c", LOAD_AND_PRINT],
        input=data,
        capture_output=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr.decode()
    return result.stdout.decode().splitlines()


def test_another_process_loads_what_this_one_pickled() -> None:
    lines = load_in_another_process(pickle.dumps(Money(1250, "EUR")))
    assert lines == ["ch13_recipes Money Money(1250, 'EUR')"]
    lines = load_in_another_process(pickle.dumps(Version.parse("2.0.1")))
    assert lines == ["ch13_recipes Version Version.parse('2.0.1')"]
    tally = Tally(["tea", "cake", "tea"])
    tally.add("scone", 5)
    lines = load_in_another_process(pickle.dumps(tally))
    assert lines == [
        "ch13_recipes Tally <Tally of 3 word(s)>",
        "[('scone', 5), ('tea', 2), ('cake', 1)]",
    ]
    lines = load_in_another_process(pickle.dumps(Envelope("orders", [1, "two"])))
    assert lines == ["ch13_recipes Envelope Envelope('orders', [1, 'two'])"]


def test_a_spawned_worker_pool_gets_them_and_sends_them_back() -> None:
    # spawn: every worker is a fresh interpreter, as on Windows and macOS, so
    # each object crosses as a pickle both ways.
    context = multiprocessing.get_context("spawn")
    chapters = [["tea", "cake"], ["tea"], ["scone", "tea", "cake"]]
    with context.Pool(2) as pool:
        # Tally(words) runs in the workers; the tallies come back pickled.
        tallies = pool.map(Tally, chapters)
        total = sum(tallies, Tally())
        assert total.most_common(2) == [("tea", 3), ("cake", 2)]
        # And the other way: this tally goes to a worker, which asks it.
        assert pool.apply(Tally.most_common, (total, 1)) == [("tea", 3)]
        sent: list[object] = [Money(1250, "EUR"), Version.parse("1.4.2"), Envelope("o", [1])]
        back = pool.map(copy.copy, sent)
    assert back[:2] == sent[:2]
    assert isinstance(back[2], Envelope)
    assert back[2].body == [1]


# ANCHOR_END: processes


# ANCHOR: tampered
class Forged:
    """Pickles as `func(*args)`: what an attacker, or a bug, could write into a pickle."""

    def __init__(self, func: Callable[..., object], *args: object) -> None:
        self.func, self.args = func, args

    def __reduce__(self) -> tuple[Callable[..., object], tuple[object, ...]]:
        return self.func, self.args


class ForgedState:
    """Pickles as `Tally()` given `state`, in place of what __getstate__ wrote."""

    def __init__(self, state: object) -> None:
        self.state = state

    def __reduce__(self) -> tuple[object, ...]:
        return Tally, (), self.state


@pytest.mark.parametrize(
    ("forged", "error", "message"),
    [
        # What the NEWOBJ opcode does: Money.__new__(Money, *args).
        (Forged(Money.__new__, Money, 2**70, "EUR"), OverflowError, "too large"),
        (Forged(Money.__new__, Money, "5", "EUR"), TypeError, "cents"),
        (Forged(Money.__new__, Money), TypeError, "missing 2 required positional arguments"),
        (Forged(Version.parse, "1.4"), ValueError, "three numbers"),
        (Forged(Version.parse, 142), TypeError, "text"),
        (ForgedState({"version": 1, "counts": {"tea": -1}}), ValueError, "between 0 and"),
        (ForgedState({"version": 2, "counts": {}}), ValueError, "version 2"),
        (ForgedState(["tea", 1]), TypeError, "takes a dict"),
    ],
)
def test_a_tampered_pickle_raises_an_ordinary_exception(
    forged: object, error: type[Exception], message: str
) -> None:
    data = pickle.dumps(forged)
    with pytest.raises(error, match=message):
        pickle.loads(data)


def test_a_pickle_with_changed_bytes_raises_an_ordinary_exception() -> None:
    data = pickle.dumps(Money(1250, "EUR"))
    with pytest.raises(ValueError, match="three capital letters"):
        pickle.loads(data.replace(b"EUR", b"EU!"))
    data = pickle.dumps(Version.parse("1.4.2"))
    with pytest.raises(ValueError, match="three numbers"):
        pickle.loads(data.replace(b"1.4.2", b"1.4.x"))


def test_a_truncated_pickle_raises_an_ordinary_exception() -> None:
    data = pickle.dumps(Tally(["tea"]))
    for end in range(len(data)):
        raises_only_ordinary_exceptions(
            pickle.loads,
            data[:end],
            allowed=(pickle.UnpicklingError, EOFError, ValueError, TypeError),
        )


# ANCHOR_END: tampered


# ANCHOR: setstate
@pytest.mark.parametrize(
    ("state", "error", "message"),
    [
        (None, TypeError, "takes a dict such as .*; got NoneType"),
        ({"counts": {}}, ValueError, "the keys 'version' and 'counts', and no others"),
        ({"version": 1, "counts": {}, "extra": 0}, ValueError, "and no others"),
        ({"version": "1", "counts": {}}, ValueError, "version '1' is not one"),
        ({"version": True, "counts": {}}, ValueError, "version True is not one"),
        ({"version": 1, "counts": [("tea", 1)]}, TypeError, "'counts' is list, not a dict"),
        ({"version": 1, "counts": {7: 1}}, TypeError, "a word is a str, not int"),
        ({"version": 1, "counts": {"tea": 1.0}}, TypeError, "a count is an int"),
        ({"version": 1, "counts": {"tea": 2**64}}, ValueError, "between 0 and 2\\*\\*64 - 1"),
    ],
)
def test_setstate_refuses_a_bad_state_and_changes_nothing(
    state: object, error: type[Exception], message: str
) -> None:
    tally = Tally(["tea", "tea"])
    with pytest.raises(error, match=message):
        tally.__setstate__(state)  # type: ignore[arg-type]
    assert tally.most_common(5) == [("tea", 2)]


@given(wrong_kinds())
def test_setstate_given_anything_raises_an_ordinary_exception(state: object) -> None:
    tally = Tally(["tea"])
    if raises_only_ordinary_exceptions(tally.__setstate__, state) is not None:
        assert tally.most_common(5) == [("tea", 1)]


# ANCHOR_END: setstate


@given(wrong_kinds())
def test_bad_arguments_raise_ordinary_exceptions(value: object) -> None:
    raises_only_ordinary_exceptions(Money, value, "EUR")
    raises_only_ordinary_exceptions(Money, 5, value)
    raises_only_ordinary_exceptions(Version.parse, value)
    raises_only_ordinary_exceptions(Tally, value)
    tally = Tally()
    raises_only_ordinary_exceptions(tally.add, value)
    raises_only_ordinary_exceptions(tally.add, "tea", value)
    raises_only_ordinary_exceptions(tally.most_common, value)
    raises_only_ordinary_exceptions(tally.__getitem__, value)
    raises_only_ordinary_exceptions(lambda: tally + value)  # type: ignore[operator]
    raises_only_ordinary_exceptions(Envelope, value, None)
    # Any object at all is a body, so only the topic can be wrong.
    envelope = Envelope("orders", value)
    assert envelope.body is value
    raises_only_ordinary_exceptions(Money(5, "EUR").__deepcopy__, value)


def test_the_checks_say_what_is_expected() -> None:
    with pytest.raises(ValueError, match=r"three capital letters, such as 'EUR'; got \"eur\""):
        Money(5, "eur")
    with pytest.raises(ValueError, match=r"such as '1\.4\.2'; got \"1\.4\.2\.0\""):
        Version.parse("1.4.2.0")
    for text in ("", "1..2", "1.4.x", "1.4.+2", " 1.4.2", "1.4.99999999999"):
        with pytest.raises(ValueError, match="three numbers with dots"):
            Version.parse(text)
    with pytest.raises(TypeError, match=r"cannot create 'ch13_recipes\.Version' instances"):
        Version()
    tally = Tally()
    tally.add("tea", 2**64 - 1)
    with pytest.raises(ValueError, match="cannot go above"):
        tally.add("tea")
    with pytest.raises(ValueError, match="cannot go above"):
        _ = tally + tally
    assert tally["tea"] == 2**64 - 1


def test_versions_order_by_their_numbers() -> None:
    assert Version.parse("1.10.0") > Version.parse("1.9.3")
    assert str(Version.parse("01.2.3")) == "1.2.3"
    assert len({Version.parse("1.2.3"), Version.parse("1.2.3")}) == 1


def test_the_package_exports_the_classes_under_its_own_name() -> None:
    for cls in (Envelope, Money, Tally, Version):
        assert cls.__module__ == "ch13_recipes"
        assert getattr(ch13_recipes, cls.__name__) is cls
