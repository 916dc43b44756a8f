//! `export_csv_in_place`: the first version of `export_csv`, kept so that
//! Chapter 11 can measure the two side by side and profile this one.
//!
//! It accepts and refuses exactly what `export_csv` does (the checks are the
//! same functions) and writes the same bytes. What differs is the plan: read
//! the whole table into Rust first, then compute the exact size of the output,
//! then write it in place into one `bytes` object, never copying it.

use pyo3::exceptions::PyRuntimeError;
use pyo3::prelude::*;
use pyo3::pybacked::PyBackedStr;
use pyo3::types::{PyBytes, PyString};

use crate::csv_format::{self, Filler};
use crate::export::{self, Row, backed, checked_currency, iterate_rows};

// ANCHOR: export_csv_in_place
/// `export_csv`'s first version: the same contract, the table read into Rust
/// first, then the output measured and written in place.
#[pyfunction]
pub fn export_csv_in_place<'py>(
    rows: &Bound<'py, PyAny>,
    currency: &Bound<'py, PyString>,
) -> PyResult<Bound<'py, PyBytes>> {
    let currency = checked_currency(currency)?;
    let table = Table::read(rows, &currency)?;
    // The exact size first, then one `bytes` object, filled in place. Building a
    // Vec<u8> and returning it would copy the whole output once more.
    PyBytes::new_with(rows.py(), table.csv_len(), |buffer| {
        let mut filler = Filler::new(buffer);
        table.write(&mut filler).map_err(|_| miscounted())?;
        if filler.remaining() != 0 {
            return Err(miscounted());
        }
        Ok(())
    })
}

fn miscounted() -> PyErr {
    PyRuntimeError::new_err("export_csv miscounted the length of its output; this is a bug")
}
// ANCHOR_END: export_csv_in_place

// ANCHOR: table
/// The whole table, checked and converted, ready to be measured and written.
struct Table {
    header: Vec<PyBackedStr>,
    /// Every row's cells, one row after another, in header order.
    cells: Vec<Cell>,
    row_count: usize,
}

/// One value of the table, as the text that goes in the CSV.
enum Cell {
    /// A `str`. `PyBackedStr` keeps the Python string alive and points at its
    /// UTF-8 without copying it.
    Text(PyBackedStr),
    /// A number, formatted as money.
    Amount(String),
    /// `None`.
    Empty,
}
// ANCHOR_END: table

impl AsRef<str> for Cell {
    fn as_ref(&self) -> &str {
        match self {
            Cell::Text(text) => text,
            Cell::Amount(text) => text,
            Cell::Empty => "",
        }
    }
}

impl Table {
    /// Read and check every row. All Python objects are visited here, once:
    /// measuring and writing afterwards are pure Rust, so no Python code (a
    /// mapping's `__getitem__`, say) can change the data between the two.
    fn read(rows: &Bound<'_, PyAny>, currency: &str) -> PyResult<Self> {
        let mut table = Table {
            header: Vec::new(),
            cells: Vec::new(),
            row_count: 0,
        };
        let mut keys: Vec<Bound<'_, PyString>> = Vec::new();
        for (index, row) in iterate_rows(rows)?.enumerate() {
            let row = Row::new(index, row?)?;
            if index == 0 {
                keys = row.str_keys(0)?;
                table.header = keys
                    .iter()
                    .map(|key| backed(key.clone(), 0, key))
                    .collect::<PyResult<_>>()?;
            }
            table.read_row(index, &row, &keys, currency)?;
            table.row_count += 1;
        }
        Ok(table)
    }

    // ANCHOR: read_row
    fn read_row(
        &mut self,
        index: usize,
        row: &Row<'_>,
        keys: &[Bound<'_, PyString>],
        currency: &str,
    ) -> PyResult<()> {
        if row.len()? != keys.len() {
            return Err(row.mismatch(index, keys));
        }
        for key in keys {
            let Some(value) = row.get(key)? else {
                return Err(row.mismatch(index, keys));
            };
            let cell = match export::cell(index, key, &value, currency)? {
                export::Cell::Text(text) => Cell::Text(backed(text.clone(), index, key)?),
                export::Cell::Amount(amount) => Cell::Amount(amount),
                export::Cell::Empty => Cell::Empty,
            };
            self.cells.push(cell);
        }
        Ok(())
    }
    // ANCHOR_END: read_row

    // ANCHOR: passes
    fn records(&self) -> impl Iterator<Item = &[Cell]> {
        let width = self.header.len();
        (0..self.row_count).map(move |row| &self.cells[row * width..(row + 1) * width])
    }

    /// The length of the output in bytes: no header without rows.
    fn csv_len(&self) -> usize {
        if self.row_count == 0 {
            return 0;
        }
        csv_format::record_len(&self.header)
            + self.records().map(csv_format::record_len).sum::<usize>()
    }

    fn write(&self, filler: &mut Filler<'_>) -> Result<(), csv_format::BufferTooShort> {
        if self.row_count == 0 {
            return Ok(());
        }
        filler.record(&self.header)?;
        self.records().try_for_each(|record| filler.record(record))
    }
    // ANCHOR_END: passes
}
