//! Appendix: reading a tutorial written for an older PyO3.
//!
//! Each old API that tutorials for PyO3 0.14 to 0.27 use has a program in
//! tests/ui/ that PyO3 0.30 refuses, with the compiler's message beside it,
//! and its fix here, between anchor comments named `fix_NN` after the
//! program's number. Two entries are about Cargo rather than Rust: their old
//! form is a small project in fixtures/, run by tests/cargo_level.rs, and
//! their fix is this crate's own Cargo.toml (`fix_18`) and pyproject.toml
//! (`fix_19`). One entry (20) is old code that PyO3 0.30 still accepts: it is
//! in tests/ui-pass/, and `fix_20` shows that form in use.
//! Python imports the fixes that have a Python face as
//! `appendix_older_tutorials._native`.

use pyo3::prelude::*;

pub mod attach_detach;
pub mod bound_api;
pub mod c_strings;
pub mod extraction;
pub mod into_pyobject;
pub mod module_forms;
pub mod older_options;

// ANCHOR: module
/// The compiled half of `appendix_older_tutorials`. Import the package, not
/// this. A declarative module (`mod`): PyO3 adds each exported item, so no
/// `add_function` calls are written.
#[pymodule]
pub mod _native {
    #[pymodule_export]
    use super::attach_detach::{Basket, checksum, ratio};
    #[pymodule_export]
    use super::bound_api::{Stock, count_words, restock, size_chart};
    #[pymodule_export]
    use super::c_strings::run_snippet;
    #[pymodule_export]
    use super::extraction::{Point, brightness, distance_from_origin, first_item};
    #[pymodule_export]
    use super::into_pyobject::{label, to_celsius};
    #[pymodule_export]
    use super::older_options::Item;
}
// ANCHOR_END: module
