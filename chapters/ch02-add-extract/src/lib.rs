//! Chapter 2: types coming into Rust.
//!
//! Every function here receives Python objects and turns them into Rust
//! values before doing any work. The interesting part is what happens when
//! that conversion fails.

mod arithmetic;
mod config;
mod points;
mod slug;

pub use arithmetic::{add, add_by_hand};
pub use config::{Config, parse_config};
pub use points::{Colour, Point, PointItems, colour_to_hex, distance, distance_between_dicts};
pub use slug::slugify;

use pyo3::prelude::*;

/// The compiled half of `ch02_add_extract`. Import the package, not this.
#[pymodule]
pub mod _native {
    #[pymodule_export]
    use super::{
        Config, add, add_by_hand, colour_to_hex, distance, distance_between_dicts, parse_config,
        slugify,
    };
}
