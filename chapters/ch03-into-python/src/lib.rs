//! Chapter 3: values crossing out of Rust, and the copies at the boundary.
//!
//! - `returning`: tuples, lists, dicts, `None` and bytes through `IntoPyObject`.
//! - `copies`: trivial functions that make the copy at the boundary measurable.
//! - `export`: `export_csv`, Python rows in, CSV bytes out.
//! - `export_in_place`: its first version, kept for Chapter 11 to measure.
//! - `csv_format` and `money`: the pure-Rust rules `export_csv` follows.

use pyo3::prelude::*;

mod copies;
pub mod csv_format;
mod export;
mod export_in_place;
pub mod money;
mod returning;

pub use copies::{
    MAX_FILL, filled_in_place, filled_via_vec, len_of_backed_bytes, len_of_backed_str,
    len_of_slice, len_of_str, len_of_string, len_of_vec,
};
pub use export::export_csv;
pub use export_in_place::export_csv_in_place;
pub use returning::{
    TextStats, code_points, encode_utf8, first_bytes, min_max, split_words, text_stats,
    word_frequencies,
};

// ANCHOR: module
/// The compiled half of `ch03_into_python`. Import the package, not this.
#[pymodule]
pub mod _native {
    #[pymodule_export]
    use super::{code_points, encode_utf8, first_bytes, min_max, split_words, text_stats};

    #[pymodule_export]
    use super::word_frequencies;

    #[pymodule_export]
    use super::{
        filled_in_place, filled_via_vec, len_of_backed_bytes, len_of_backed_str, len_of_slice,
        len_of_str, len_of_string, len_of_vec,
    };

    #[pymodule_export]
    use super::{export_csv, export_csv_in_place};

    #[pymodule_export]
    use super::copies::build_profile;
}
// ANCHOR_END: module
