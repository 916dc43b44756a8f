//! Chapter 4: classes and enums.
//!
//! A `Counter` looks for one character in a text; a `Reset` enum says which
//! character sets its running count back to zero; a frozen `Position` says
//! where the count was reached; a `Bookmark` gives a position a name. Python
//! imports this crate as `ch04_classes._native`; `cargo test` runs the tests
//! with an embedded interpreter, and tests/compile_fail.rs checks what the
//! compiler says about programs it must refuse.

use pyo3::prelude::*;

mod bookmark;
mod counter;
mod position;
mod reset;

pub use bookmark::Bookmark;
pub use counter::{Counter, MinCount};
pub use position::{Position, earliest};
pub use reset::Reset;

// ANCHOR: module
/// The compiled half of `ch04_classes`. Import the package, not this.
#[pymodule]
pub mod _native {
    #[pymodule_export]
    use super::{Bookmark, Counter, Position, Reset, earliest};
}
// ANCHOR_END: module
