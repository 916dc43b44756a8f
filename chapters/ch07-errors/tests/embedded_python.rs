//! The exception classes, the cause chain, the note and `describe_failure`,
//! checked with Python embedded in the test binary.

use pyo3::exceptions::{PyKeyboardInterrupt, PyOverflowError, PySystemExit, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyTuple};

use ch07_errors::{describe_failure, duration, exceptions};

/// What `parse_duration` raises for `text`, as a Python exception.
fn python_error(text: &str) -> PyErr {
    duration::parse_duration(text)
        .expect_err("a text that is not a duration")
        .into()
}

#[test]
fn the_classes_sit_under_value_error_and_name_the_package() -> PyResult<()> {
    Python::attach(|py| {
        let base = py.get_type::<exceptions::DurationError>();
        assert!(base.is_subclass_of::<PyValueError>()?);
        assert_eq!(base.fully_qualified_name()?, "ch07_errors.DurationError");
        for class in [
            py.get_type::<exceptions::EmptyDurationError>(),
            py.get_type::<exceptions::MissingNumberError>(),
            py.get_type::<exceptions::NegativeNumberError>(),
            py.get_type::<exceptions::MissingUnitError>(),
            py.get_type::<exceptions::UnknownUnitError>(),
            py.get_type::<exceptions::RepeatedUnitError>(),
            py.get_type::<exceptions::UnitOrderError>(),
        ] {
            assert!(class.is_subclass(&base)?, "{class}");
            assert_eq!(class.module()?, "ch07_errors");
        }
        Ok(())
    })
}

// ANCHOR: mapping_test
#[test]
fn each_rust_variant_becomes_its_python_class() {
    Python::attach(|py| {
        assert!(python_error("").is_instance_of::<exceptions::EmptyDurationError>(py));
        assert!(python_error("h").is_instance_of::<exceptions::MissingNumberError>(py));
        assert!(python_error("-5s").is_instance_of::<exceptions::NegativeNumberError>(py));
        assert!(python_error("1h30").is_instance_of::<exceptions::MissingUnitError>(py));
        assert!(python_error("5min").is_instance_of::<exceptions::UnknownUnitError>(py));
        assert!(python_error("1h1h").is_instance_of::<exceptions::RepeatedUnitError>(py));
        assert!(python_error("30m1h").is_instance_of::<exceptions::UnitOrderError>(py));
        // Every one of them is also a DurationError and a ValueError.
        let error = python_error("30m1h");
        assert!(error.is_instance_of::<exceptions::DurationError>(py));
        assert!(error.is_instance_of::<PyValueError>(py));
        assert_eq!(
            error.value(py).to_string(),
            "unit 'h' at position 4 in '30m1h' comes after 'm'"
        );
    });
}
// ANCHOR_END: mapping_test

#[test]
fn each_exception_carries_its_text_position_and_unit() -> PyResult<()> {
    Python::attach(|py| {
        let error = python_error("1h1h");
        let value = error.value(py);
        assert_eq!(value.getattr("text")?.extract::<String>()?, "1h1h");
        assert_eq!(value.getattr("position")?.extract::<usize>()?, 3);
        assert_eq!(value.getattr("unit")?.extract::<String>()?, "h");
        // No unit to speak of: None.
        let error = python_error("1h30");
        assert!(error.value(py).getattr("unit")?.is_none());
        Ok(())
    })
}

// ANCHOR: cause_test
#[test]
fn a_number_too_large_is_chained_to_an_overflow_error() -> PyResult<()> {
    Python::attach(|py| {
        let error = python_error("99999999999999999999s");
        // Exactly DurationError: no subclass stands for "too large".
        assert!(
            error
                .get_type(py)
                .is(py.get_type::<exceptions::DurationError>())
        );
        let cause = error.cause(py).expect("a __cause__");
        assert!(cause.is_instance_of::<PyOverflowError>(py));
        assert_eq!(
            cause.value(py).to_string(),
            "the number 99999999999999999999 does not fit in 64 bits \
             (the largest is 18446744073709551615)"
        );
        // What `raise ... from ...` sets, so a traceback shows only the cause.
        let suppress: bool = error.value(py).getattr("__suppress_context__")?.extract()?;
        assert!(suppress);
        Ok(())
    })
}
// ANCHOR_END: cause_test

// ANCHOR: note_test
#[test]
fn the_likely_mistake_gets_a_note() -> PyResult<()> {
    Python::attach(|py| {
        let error = python_error("30m1h");
        let notes: Vec<String> = error.value(py).getattr("__notes__")?.extract()?;
        assert_eq!(notes, ["write the largest unit first, as in '1h30m'"]);
        // No note where there is no likely mistake to point at.
        let plain = python_error("1h1h");
        assert!(!plain.value(py).hasattr("__notes__")?);
        Ok(())
    })
}
// ANCHOR_END: note_test

/// A Python function, defined by running `code`, and looked up by `name`.
fn python_function<'py>(py: Python<'py>, code: &std::ffi::CStr, name: &str) -> Bound<'py, PyAny> {
    let globals = PyDict::new(py);
    py.run(code, Some(&globals), None).expect("the code runs");
    globals
        .get_item(name)
        .expect("a dict lookup")
        .expect("the code defines it")
}

// ANCHOR: describe_test
#[test]
fn describe_failure_turns_an_exception_into_a_dict() -> PyResult<()> {
    Python::attach(|py| {
        let fails = python_function(py, c"def fails(name):\n    raise KeyError(name)\n", "fails");
        let args = PyTuple::new(py, ["colour"])?;
        let failure = describe_failure(&fails, &args)?.expect("a description");
        let item = |key: &str| -> PyResult<String> {
            failure.get_item(key)?.expect("the key is there").extract()
        };
        assert_eq!(item("type")?, "KeyError");
        assert_eq!(item("message")?, "'colour'");
        // The traceback as Python prints it, without the final "KeyError: ..." line.
        let traceback = item("traceback")?;
        assert!(
            traceback.starts_with(
                "Traceback (most recent call last):\n  File \"<string>\", line 2, in fails\n"
            ),
            "{traceback}"
        );
        Ok(())
    })
}

#[test]
fn describe_failure_raises_keyboard_interrupt_and_system_exit_again() -> PyResult<()> {
    Python::attach(|py| {
        let stops = python_function(py, c"def stops(kind):\n    raise kind()\n", "stops");
        for kind in [
            py.get_type::<PyKeyboardInterrupt>(),
            py.get_type::<PySystemExit>(),
        ] {
            let args = PyTuple::new(py, [&kind])?;
            let error = describe_failure(&stops, &args).expect_err("raised again");
            assert!(error.get_type(py).is(&kind));
        }
        Ok(())
    })
}
// ANCHOR_END: describe_test

#[test]
fn describe_failure_returns_none_when_the_call_returns() -> PyResult<()> {
    Python::attach(|py| {
        let returns = python_function(py, c"def returns(*args):\n    return args\n", "returns");
        let args = PyTuple::new(py, [1, 2])?;
        assert!(describe_failure(&returns, &args)?.is_none());
        Ok(())
    })
}
