//! Chapter 10: a small module to ship as an abi3 wheel.
//!
//! - `add`: the cheapest function there is, so that timing it measures the
//!   cost of a call and nothing else;
//! - `csv_line`: a list of `str` in, one CSV line out, so that timing it
//!   measures what reading a `str`'s text costs under each ABI;
//! - `build_flavour` and `build_profile`: how this copy was compiled.
//!
//! Python imports this crate as `ch10_abi3_wheels._native`; `cargo test` runs
//! the tests with an embedded interpreter.

use pyo3::prelude::*;
use pyo3::pybacked::PyBackedStr;

// ANCHOR: add
/// `a + b`, for 64-bit integers. A sum that does not fit is an `OverflowError`.
#[pyfunction]
pub fn add(a: i64, b: i64) -> PyResult<i64> {
    a.checked_add(b).ok_or_else(|| {
        pyo3::exceptions::PyOverflowError::new_err("the sum does not fit in 64 bits")
    })
}
// ANCHOR_END: add

// ANCHOR: csv_line
/// The fields as one CSV line, ending in `\r\n`, exactly as Python's
/// `csv.writer(file).writerow(fields)` writes it with the default dialect.
///
/// `PyBackedStr` reads each `str`'s UTF-8 text. With the full API, or an abi3
/// floor of 3.10 or later, it borrows the text Python already keeps; under
/// `abi3-py39` it must ask Python for a new `bytes` copy of every field.
#[pyfunction]
pub fn csv_line(fields: Vec<PyBackedStr>) -> String {
    let mut line = String::with_capacity(fields.iter().map(|f| f.len() + 3).sum());
    for (index, field) in fields.iter().enumerate() {
        if index > 0 {
            line.push(',');
        }
        push_field(&mut line, field);
    }
    if let [only] = fields.as_slice()
        && only.is_empty()
    {
        // A row of one empty field is `""`, or it would read back as no field.
        line.push_str("\"\"");
    }
    line.push_str("\r\n");
    line
}
// ANCHOR_END: csv_line

/// One field, quoted when it holds a comma, a quote or a line break.
pub fn push_field(line: &mut String, field: &str) {
    if field.contains([',', '"', '\n', '\r']) {
        line.push('"');
        line.push_str(&field.replace('"', "\"\""));
        line.push('"');
    } else {
        line.push_str(field);
    }
}

// ANCHOR: build_flavour
/// Which C API this copy was compiled against: "abi3-py39", "abi3-py311"
/// (or another floor), or "full API" (one CPython version only).
#[pyfunction]
pub fn build_flavour() -> String {
    if !cfg!(Py_LIMITED_API) {
        return "full API".to_owned();
    }
    let floor = if cfg!(Py_3_12) {
        "312+"
    } else if cfg!(Py_3_11) {
        "311"
    } else if cfg!(Py_3_10) {
        "310"
    } else {
        "39"
    };
    format!("abi3-py{floor}")
}
// ANCHOR_END: build_flavour

/// How this module was compiled, "debug" or "release". The benchmark uses it
/// to refuse to present a debug build's timings as if they meant something.
#[pyfunction]
pub fn build_profile() -> &'static str {
    if cfg!(debug_assertions) {
        "debug"
    } else {
        "release"
    }
}

/// The compiled half of `ch10_abi3_wheels`. Import the package, not this.
#[pyo3::pymodule(gil_used = false)]
pub mod _native {
    #[pymodule_export]
    use super::{add, build_flavour, build_profile, csv_line};
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_fields_are_joined_with_commas() {
        let mut line = String::new();
        push_field(&mut line, "plain");
        assert_eq!(line, "plain");
    }

    #[test]
    fn a_field_with_a_comma_or_quote_is_quoted_and_its_quotes_doubled() {
        let mut line = String::new();
        push_field(&mut line, "say \"hi\", twice");
        assert_eq!(line, "\"say \"\"hi\"\", twice\"");
    }
}
