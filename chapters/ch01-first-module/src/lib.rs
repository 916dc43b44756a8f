//! Chapter 1: a first extension module.
//!
//! This crate is compiled twice. `maturin` builds it as a shared library that
//! Python imports as `ch01_first_module._native`; `cargo test` builds it as an
//! ordinary Rust library and runs the tests below with an embedded interpreter.

mod message;

pub use message::Message;

// ANCHOR: count_words
use pyo3::prelude::*;

/// Count the words in `text`, where words are separated by whitespace.
#[pyfunction]
pub fn count_words(text: &str) -> usize {
    text.split_whitespace().count()
}
// ANCHOR_END: count_words

// ANCHOR: module
/// The compiled half of `ch01_first_module`. Import the package, not this.
#[pymodule]
pub mod _native {
    #[pymodule_export]
    use super::count_words;

    #[pymodule_export]
    use super::Message;
}
// ANCHOR_END: module

// ANCHOR: rust_tests
#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_words_separated_by_any_whitespace() {
        assert_eq!(count_words("one two\tthree\nfour"), 4);
    }

    #[test]
    fn empty_and_blank_text_have_no_words() {
        assert_eq!(count_words(""), 0);
        assert_eq!(count_words(" \t\n "), 0);
    }
}
// ANCHOR_END: rust_tests
