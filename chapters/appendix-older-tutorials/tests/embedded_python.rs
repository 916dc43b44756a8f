//! Python code, run inside this test binary, using the fixed modules.

use pyo3::prelude::*;
use pyo3::types::PyDict;

use appendix_older_tutorials::module_forms::{scales, shop, thermometer};

/// Globals holding the three module-form examples (entries 02, 20 and 23) and
/// the native module, as an `import` would bind them.
fn globals(py: Python<'_>) -> PyResult<Bound<'_, PyDict>> {
    let globals = PyDict::new(py);
    globals.set_item("thermometer", pyo3::wrap_pymodule!(thermometer)(py))?;
    globals.set_item("scales", pyo3::wrap_pymodule!(scales)(py))?;
    globals.set_item("shop", pyo3::wrap_pymodule!(shop)(py))?;
    let native = pyo3::wrap_pymodule!(appendix_older_tutorials::_native)(py);
    globals.set_item("native", native)?;
    Ok(globals)
}

#[test]
fn the_module_forms_export_their_functions() -> PyResult<()> {
    Python::attach(|py| {
        py.run(
            c"
assert thermometer.celsius_to_fahrenheit(100.0) == 212.0
assert round(scales.kilograms_to_pounds(2.0), 3) == 4.409
assert scales.UNITS == ('kg', 'lb')
assert shop.price_with_tax(1000) == 1200
",
            Some(&globals(py)?),
            None,
        )
    })
}

#[test]
fn python_code_can_use_the_native_module() -> PyResult<()> {
    Python::attach(|py| {
        py.run(
            c"
assert native.count_words('a b  c') == 3
stock = native.Stock(1)
assert native.restock(stock, 2) == 3 and stock.count == 3
assert native.label(3000) == 3 and native.label(5) == '5 g'
assert native.first_item([4, 5]) == 4
assert native.distance_from_origin(native.Point(3.0, 4.0)) == 5.0
assert native.run_snippet('x = 2 * 21') == {'x': 42}
",
            Some(&globals(py)?),
            None,
        )
    })
}
