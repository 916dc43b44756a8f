//! `Reset`: a `#[pyclass]` enum whose variants Python sees as class attributes.

use pyo3::prelude::*;

// ANCHOR: reset
/// When a `Counter` sets its running count back to zero.
///
/// Python spells the variants `Reset.NEVER`, `Reset.ON_SPACE` and `Reset.ON_NEWLINE`.
#[pyclass(
    // Python's `==` uses the derived `PartialEq`. Without `eq`, a `Reset` that
    // Rust returns is equal to nothing but itself (Python falls back on `is`).
    eq,
    // A value that never changes, so it can be hashed (`hash` needs both).
    frozen,
    hash,
    // `Counter(..., reset=Reset.ON_SPACE)` takes it by value (a copy).
    from_py_object,
    // `OnSpace` becomes `ON_SPACE`, the usual spelling of a Python constant.
    rename_all = "SCREAMING_SNAKE_CASE",
    module = "ch04_classes"
)]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Reset {
    /// Never reset: every occurrence counts, however far apart.
    Never,
    /// Reset on a space: U+0020 only, not a tab or any other Unicode space.
    OnSpace,
    /// Reset on a new line: `'\n'` only (Windows' `"\r\n"` ends in one).
    OnNewline,
}
// ANCHOR_END: reset

// ANCHOR: resets_on
impl Reset {
    /// Whether reading `c` sets the running count back to zero.
    pub fn resets_on(self, c: char) -> bool {
        // No `_ =>` arm: add a variant, and this stops compiling until the
        // new variant is handled here.
        match self {
            Reset::Never => false,
            Reset::OnSpace => c == ' ',
            Reset::OnNewline => c == '\n',
        }
    }
}
// ANCHOR_END: resets_on

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn never_resets_on_anything() {
        assert!(!"a \n\t\r\u{a0}".chars().any(|c| Reset::Never.resets_on(c)));
    }

    #[test]
    fn a_space_is_u0020_only() {
        assert!(Reset::OnSpace.resets_on(' '));
        for other in ['\t', '\n', '\u{a0}', '\u{3000}', 'a'] {
            assert!(!Reset::OnSpace.resets_on(other), "{other:?}");
        }
    }

    #[test]
    fn a_new_line_is_line_feed_only() {
        assert!(Reset::OnNewline.resets_on('\n'));
        for other in ['\r', ' ', '\u{2028}', '\u{85}'] {
            assert!(!Reset::OnNewline.resets_on(other), "{other:?}");
        }
    }
}
