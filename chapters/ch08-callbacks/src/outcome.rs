//! The outcome protocol: what a task callback returns, read into a Rust enum.
//!
//! A callback answers with one flat tuple of primitives, `(code, data,
//! retry_after_ms)`, whatever happened. `parse_outcome` reads it into an
//! `Outcome`, or into a `Malformed` that says what was wrong with it.

// ANCHOR: outcome
use std::time::Duration;

use pyo3::pybacked::PyBackedBytes;

/// What one call of a task callback asked for.
#[derive(Debug, PartialEq, Eq)]
pub enum Outcome {
    /// Code 0: the task is done, and `data` is its result. `PyBackedBytes`
    /// keeps a reference to the very `bytes` object the callback returned:
    /// no copy, and Rust can still read it as a `&[u8]`.
    Success(PyBackedBytes),
    /// Code 2: call the callback again, after `after` (zero: at once).
    Retry { after: Duration },
    /// Any other code: the task failed and is not tried again. The message
    /// says why.
    Failure(String),
}

/// The code of a successful outcome.
pub const SUCCESS: i64 = 0;
/// The code of an outcome that asks to be called again. Every other code is a failure.
pub const RETRY: i64 = 2;
// ANCHOR_END: outcome

// ANCHOR: max_retry_delay
/// The longest wait between two tries, in milliseconds. A larger
/// `retry_after_ms` waits this long: a slip such as `retry(after_ms=10**9)`
/// (eleven days) must not park a worker for hours.
pub const MAX_RETRY_DELAY_MS: u64 = 10_000;

/// How long to wait before the next try, for a `retry_after_ms` of `ms`.
pub fn retry_delay(ms: u64) -> Duration {
    Duration::from_millis(ms.min(MAX_RETRY_DELAY_MS))
}
// ANCHOR_END: max_retry_delay

// ANCHOR: malformed
use std::fmt;

/// What was wrong with an outcome that does not follow the protocol. Each
/// variant carries what the message needs, already as Rust text, so that
/// printing it never calls Python.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Malformed {
    /// Not a tuple at all; holds the name of its type.
    NotATuple(String),
    /// A tuple of the wrong length; holds the length.
    WrongLength(usize),
    /// The code is not an int (or is a bool); holds the type name.
    CodeNotInt(String),
    /// The data is not bytes; holds the type name.
    DataNotBytes(String),
    /// The delay is not an int (or is a bool); holds the type name.
    DelayNotInt(String),
    /// The delay is below zero; holds its repr.
    NegativeDelay(String),
}

impl fmt::Display for Malformed {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Malformed::NotATuple(kind) => {
                write!(
                    f,
                    "expected a tuple (code, data, retry_after_ms), not {kind}"
                )
            }
            Malformed::WrongLength(len) => write!(
                f,
                "expected a tuple of 3 items (code, data, retry_after_ms), not {len}"
            ),
            Malformed::CodeNotInt(kind) => write!(f, "code must be an int, not {kind}"),
            Malformed::DataNotBytes(kind) => write!(f, "data must be bytes, not {kind}"),
            Malformed::DelayNotInt(kind) => write!(f, "retry_after_ms must be an int, not {kind}"),
            Malformed::NegativeDelay(shown) => {
                write!(f, "retry_after_ms must be 0 or more, not {shown}")
            }
        }
    }
}
// ANCHOR_END: malformed

// ANCHOR: parse_outcome
use pyo3::prelude::*;
use pyo3::types::{PyBool, PyBytes, PyInt, PyTuple};

/// Read what a callback returned into an `Outcome`. Every shape that breaks
/// the protocol is a `Malformed` value: never a panic, never an exception.
pub fn parse_outcome(returned: &Bound<'_, PyAny>) -> Result<Outcome, Malformed> {
    let Ok(tuple) = returned.cast::<PyTuple>() else {
        return Err(Malformed::NotATuple(type_name(returned)));
    };
    // Extracting three items fails for any other length.
    let Ok((code, data, delay)) =
        tuple.extract::<(Bound<'_, PyAny>, Bound<'_, PyAny>, Bound<'_, PyAny>)>()
    else {
        return Err(Malformed::WrongLength(tuple.len()));
    };
    let code = as_int(&code).ok_or_else(|| Malformed::CodeNotInt(type_name(&code)))?;
    let Ok(data) = data.cast::<PyBytes>() else {
        return Err(Malformed::DataNotBytes(type_name(&data)));
    };
    let delay = as_int(&delay).ok_or_else(|| Malformed::DelayNotInt(type_name(&delay)))?;
    // `< 0` on an int cannot fail; an int subclass could make it raise, and
    // a delay that cannot say whether it is negative is not a delay.
    if delay.lt(0).unwrap_or(true) {
        return Err(Malformed::NegativeDelay(shown(delay)));
    }
    // Too large for a u64 is far above the cap anyway.
    let delay_ms = delay.extract::<u64>().unwrap_or(u64::MAX);

    // Every item is well-formed: the code decides. An int too large for an
    // i64 is no code we know, so it is a failure, like any unknown code.
    Ok(match code.extract::<i64>() {
        Ok(SUCCESS) => Outcome::Success(PyBackedBytes::from(data.clone())),
        Ok(RETRY) => Outcome::Retry {
            after: retry_delay(delay_ms),
        },
        _ => Outcome::Failure(failure_message(data.as_bytes())),
    })
}

/// `item` as an int, or `None`. A `bool` is an int to Python (`True + 1 ==
/// 2`), but as a code or a delay it is a mistake, so it is refused.
fn as_int<'a, 'py>(item: &'a Bound<'py, PyAny>) -> Option<&'a Bound<'py, PyInt>> {
    if item.is_instance_of::<PyBool>() {
        return None;
    }
    item.cast::<PyInt>().ok()
}
// ANCHOR_END: parse_outcome

// ANCHOR: failure_message
/// A failure's message: its data read as UTF-8. Bytes that are not UTF-8
/// become U+FFFD rather than hiding the failure behind a second error.
pub fn failure_message(data: &[u8]) -> String {
    if data.is_empty() {
        return "the task failed without a message".to_owned();
    }
    String::from_utf8_lossy(data).into_owned()
}
// ANCHOR_END: failure_message

/// The name of `value`'s type, for messages: "str", "NoneType".
pub(crate) fn type_name(value: &Bound<'_, PyAny>) -> String {
    match value.get_type().name() {
        Ok(name) => name.to_string_lossy().into_owned(),
        Err(_) => "an object whose type has no name".to_owned(),
    }
}

/// An int's repr, for messages. Python refuses to write out ints of more
/// than 4300 digits (`sys.set_int_max_str_digits`).
fn shown(value: &Bound<'_, PyInt>) -> String {
    match value.repr() {
        Ok(repr) => repr.to_string_lossy().into_owned(),
        Err(_) => "an int too long to show".to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    // ANCHOR: pure_tests
    #[test]
    fn a_delay_is_capped_at_the_maximum() {
        assert_eq!(retry_delay(0), Duration::ZERO);
        assert_eq!(retry_delay(250), Duration::from_millis(250));
        assert_eq!(
            retry_delay(MAX_RETRY_DELAY_MS + 1),
            retry_delay(MAX_RETRY_DELAY_MS)
        );
        assert_eq!(
            retry_delay(u64::MAX),
            Duration::from_millis(MAX_RETRY_DELAY_MS)
        );
    }

    #[test]
    fn a_failure_message_is_utf8_with_replacements() {
        assert_eq!(failure_message("card declined".as_bytes()), "card declined");
        assert_eq!(failure_message("naïve ✓".as_bytes()), "naïve ✓");
        assert_eq!(failure_message(b"bad \xff byte"), "bad \u{fffd} byte");
        assert_eq!(failure_message(b""), "the task failed without a message");
    }

    #[test]
    fn every_malformed_shape_says_what_was_expected() {
        let cases = [
            (
                Malformed::NotATuple("dict".into()),
                "expected a tuple (code, data, retry_after_ms), not dict",
            ),
            (
                Malformed::WrongLength(2),
                "expected a tuple of 3 items (code, data, retry_after_ms), not 2",
            ),
            (
                Malformed::CodeNotInt("str".into()),
                "code must be an int, not str",
            ),
            (
                Malformed::DataNotBytes("str".into()),
                "data must be bytes, not str",
            ),
            (
                Malformed::DelayNotInt("float".into()),
                "retry_after_ms must be an int, not float",
            ),
            (
                Malformed::NegativeDelay("-5".into()),
                "retry_after_ms must be 0 or more, not -5",
            ),
        ];
        for (malformed, message) in cases {
            assert_eq!(malformed.to_string(), message);
        }
    }
    // ANCHOR_END: pure_tests

    // ANCHOR: parse_tests
    /// Evaluate a Python expression and parse it as an outcome.
    fn parse(expression: &str) -> Result<Outcome, Malformed> {
        Python::attach(|py| {
            let code = std::ffi::CString::new(expression).expect("no NUL in the expression");
            let value = py
                .eval(&code, None, None)
                .expect("the expression is valid Python");
            parse_outcome(&value)
        })
    }

    /// The data of a success, as Rust bytes.
    fn success_data(outcome: Result<Outcome, Malformed>) -> Vec<u8> {
        match outcome {
            Ok(Outcome::Success(data)) => data.to_vec(),
            other => panic!("expected a success, got {other:?}"),
        }
    }

    #[test]
    fn the_three_codes() {
        assert_eq!(success_data(parse("(0, b'receipt', 0)")), b"receipt");
        assert_eq!(
            parse("(2, b'', 250)"),
            Ok(Outcome::Retry {
                after: Duration::from_millis(250)
            })
        );
        assert_eq!(
            parse("(1, 'card declined'.encode(), 0)"),
            Ok(Outcome::Failure("card declined".into()))
        );
    }

    #[test]
    fn unknown_codes_are_failures() {
        for code in ["-1", "3", "7", "2**63", "2**100", "-(2**100)"] {
            assert_eq!(
                parse(&format!("({code}, b'why', 0)")),
                Ok(Outcome::Failure("why".into())),
                "code {code}"
            );
        }
    }

    #[test]
    fn delays_are_capped_and_huge_ones_too() {
        for delay in ["10**9", "2**64 - 1", "2**64", "2**200"] {
            assert_eq!(
                parse(&format!("(2, b'', {delay})")),
                Ok(Outcome::Retry {
                    after: Duration::from_millis(MAX_RETRY_DELAY_MS)
                }),
                "delay {delay}"
            );
        }
    }

    #[test]
    fn malformed_outcomes_are_values_not_panics() {
        let cases = [
            ("None", Malformed::NotATuple("NoneType".into())),
            ("[0, b'', 0]", Malformed::NotATuple("list".into())),
            ("()", Malformed::WrongLength(0)),
            ("(0, b'')", Malformed::WrongLength(2)),
            ("(0, b'', 0, 0)", Malformed::WrongLength(4)),
            ("('0', b'', 0)", Malformed::CodeNotInt("str".into())),
            ("(0.0, b'', 0)", Malformed::CodeNotInt("float".into())),
            ("(False, b'', 0)", Malformed::CodeNotInt("bool".into())),
            ("(0, 'text', 0)", Malformed::DataNotBytes("str".into())),
            (
                "(0, bytearray(), 0)",
                Malformed::DataNotBytes("bytearray".into()),
            ),
            ("(0, None, 0)", Malformed::DataNotBytes("NoneType".into())),
            ("(2, b'', 0.5)", Malformed::DelayNotInt("float".into())),
            ("(2, b'', None)", Malformed::DelayNotInt("NoneType".into())),
            ("(2, b'', True)", Malformed::DelayNotInt("bool".into())),
            ("(2, b'', -5)", Malformed::NegativeDelay("-5".into())),
            (
                "(0, b'', -(2**100))",
                Malformed::NegativeDelay("-1267650600228229401496703205376".into()),
            ),
        ];
        for (expression, expected) in cases {
            assert_eq!(parse(expression), Err(expected), "{expression}");
        }
    }
    // ANCHOR_END: parse_tests

    #[test]
    fn success_keeps_the_very_bytes_object() -> PyResult<()> {
        Python::attach(|py| {
            let data = PyBytes::new(py, b"result");
            let returned = (0, &data, 0).into_pyobject(py)?;
            let Ok(Outcome::Success(kept)) = parse_outcome(&returned) else {
                panic!("expected a success");
            };
            // Converting back gives the same object: nothing was copied.
            let back = kept.into_pyobject(py)?;
            assert!(back.is(&data));
            Ok(())
        })
    }

    #[test]
    fn subclasses_of_tuple_and_int_are_accepted() -> PyResult<()> {
        Python::attach(|py| {
            let globals = pyo3::types::PyDict::new(py);
            py.run(
                c"
import enum, typing
class Code(enum.IntEnum):
    RETRY = 2
class Result(typing.NamedTuple):
    code: int
    data: bytes
    retry_after_ms: int
value = Result(Code.RETRY, b'', 30)
",
                Some(&globals),
                None,
            )?;
            let value = globals.get_item("value")?.expect("the script sets it");
            assert_eq!(
                parse_outcome(&value),
                Ok(Outcome::Retry {
                    after: Duration::from_millis(30)
                })
            );
            Ok(())
        })
    }
}
