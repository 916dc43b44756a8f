//! `Position`: a frozen value class, hashable and ordered like a tuple.

use pyo3::prelude::*;

// ANCHOR: position
/// A place in a text: line and column, both counted from 1, columns in
/// characters. `Counter.find` returns the position where the count is reached.
#[pyclass(
    // No setters and no `&mut self` methods: the value cannot change, and
    // PyO3 skips its run-time borrow checking.
    frozen,
    // `==` from `PartialEq`, `__hash__` from `Hash` (only allowed with `frozen`:
    // a hash must not change while the object sits in a set), `<` and the other
    // comparisons from `PartialOrd`.
    eq,
    hash,
    ord,
    // PyO3 0.30 extracts a class by value (a clone) only when asked to: see
    // `earliest` below. Older PyO3 did it for every `Clone` class, which stopped
    // crates from writing their own conversion.
    from_py_object,
    // A read-only property for every field.
    get_all,
    module = "ch04_classes"
)]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Position {
    // Field order matters: the derived comparisons look at `line` first.
    pub line: usize,
    pub column: usize,
}

#[pymethods]
impl Position {
    #[new]
    pub fn new(line: usize, column: usize) -> Self {
        Self { line, column }
    }

    fn __repr__(&self) -> String {
        format!("Position(line={}, column={})", self.line, self.column)
    }
}
// ANCHOR_END: position

// ANCHOR: earliest
// `Vec<Position>` copies each position out of its Python object, which is
// what `from_py_object` allows. (Python's `min()` would do the same job, as
// `ord` gives `Position` its `<`; this function shows the by-value extraction.)
/// The first of several positions, or None when there are none.
#[pyfunction]
pub fn earliest(positions: Vec<Position>) -> Option<Position> {
    positions.into_iter().min()
}
// ANCHOR_END: earliest

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_order_by_line_then_column() {
        let positions = vec![
            Position::new(2, 1),
            Position::new(1, 9),
            Position::new(1, 3),
        ];
        assert_eq!(earliest(positions), Some(Position::new(1, 3)));
        assert_eq!(earliest(Vec::new()), None);
    }
}
