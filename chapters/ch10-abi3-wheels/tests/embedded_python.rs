//! The module, called from Python inside this test binary.

use pyo3::prelude::*;
use pyo3::types::PyDict;

/// Globals holding the native module as `native`, and the `csv` module.
fn globals(py: Python<'_>) -> PyResult<Bound<'_, PyDict>> {
    let globals = PyDict::new(py);
    globals.set_item(
        "native",
        pyo3::wrap_pymodule!(ch10_abi3_wheels::_native)(py),
    )?;
    globals.set_item("csv", py.import("csv")?)?;
    globals.set_item("io", py.import("io")?)?;
    Ok(globals)
}

#[test]
fn add_is_called_from_python() -> PyResult<()> {
    Python::attach(|py| {
        let sum: i64 = py
            .eval(c"native.add(40, 2)", Some(&globals(py)?), None)?
            .extract()?;
        assert_eq!(sum, 42);
        Ok(())
    })
}

#[test]
fn csv_line_agrees_with_the_csv_module() -> PyResult<()> {
    Python::attach(|py| {
        let globals = globals(py)?;
        py.run(
            c"fields = ['a', 'b,c', 'say \"hi\"', 'two\\nlines', '']
out = io.StringIO()
csv.writer(out).writerow(fields)
agree = native.csv_line(fields) == out.getvalue()",
            Some(&globals),
            None,
        )?;
        assert!(globals.get_item("agree")?.expect("set").extract::<bool>()?);
        Ok(())
    })
}

#[test]
fn cargo_test_builds_with_the_full_api() {
    // The abi3 feature comes from pyproject.toml, which only maturin reads.
    assert_eq!(ch10_abi3_wheels::build_flavour(), "full API");
}
