//! Python code running inside this test binary checks the module against
//! Python's own csv module. Nothing is built or installed: `wrap_pymodule!`
//! creates the module on the spot (see chapter 1).

use pyo3::prelude::*;
use pyo3::types::PyDict;

fn globals_with_native(py: Python<'_>) -> PyResult<Bound<'_, PyDict>> {
    let globals = PyDict::new(py);
    globals.set_item(
        "native",
        pyo3::wrap_pymodule!(ch03_into_python::_native)(py),
    )?;
    Ok(globals)
}

// ANCHOR: embedded
#[test]
fn export_csv_writes_what_csv_dictwriter_writes() -> PyResult<()> {
    Python::attach(|py| {
        let globals = globals_with_native(py)?;
        py.run(
            cr#"
import csv, io

rows = [
    {'name': 'Tea, green', 'note': 'say "hi"', 'empty': ''},
    {'name': 'caf\u00e9 \U0001F600', 'note': 'two\r\nlines', 'empty': ''},
]
buffer = io.StringIO(newline='')
writer = csv.DictWriter(buffer, fieldnames=list(rows[0]))
writer.writeheader()
writer.writerows(rows)
expected = buffer.getvalue().encode('utf-8')
assert native.export_csv(rows, 'EUR') == expected, native.export_csv(rows, 'EUR')
"#,
            Some(&globals),
            None,
        )
    })
}
// ANCHOR_END: embedded

#[test]
fn numbers_become_money_and_none_an_empty_field() -> PyResult<()> {
    Python::attach(|py| {
        let globals = globals_with_native(py)?;
        py.run(
            cr#"
from decimal import Decimal
rows = [{'item': 'tea', 'price': Decimal('3.505'), 'tip': None}, {'item': 'cake', 'price': 4, 'tip': 0.5}]
got = native.export_csv(rows, 'EUR')
assert got == b'item,price,tip\r\ntea,3.50 EUR,\r\ncake,4.00 EUR,0.50 EUR\r\n', got
"#,
            Some(&globals),
            None,
        )
    })
}

#[test]
fn a_missing_key_is_a_value_error_naming_row_and_key() -> PyResult<()> {
    Python::attach(|py| {
        let globals = globals_with_native(py)?;
        py.run(
            c"
try:
    native.export_csv([{'a': '1', 'b': '2'}, {'a': '3'}], 'EUR')
except ValueError as error:
    assert str(error).startswith(\"row 1 has no key 'b';\"), str(error)
else:
    raise AssertionError('a missing key should raise ValueError')
",
            Some(&globals),
            None,
        )
    })
}

#[test]
fn vec_u8_becomes_bytes_and_vec_u32_a_list() -> PyResult<()> {
    Python::attach(|py| {
        let globals = globals_with_native(py)?;
        py.run(
            c"
assert type(native.encode_utf8('x')) is bytes
assert type(native.first_bytes(b'xyz', 1)) is bytes
assert type(native.code_points('x')) is list
assert type(native.text_stats('x')) is dict
",
            Some(&globals),
            None,
        )
    })
}
