//! Part IV: recipes, one module per question that PyO3 users ask most.
//!
//! `maturin` builds this crate as the module `ch13_recipes._native`; each
//! recipe's functions and classes are exported from it below, and re-exported
//! by the Python package `ch13_recipes`.

use pyo3::prelude::*;

pub mod blocking;
pub mod ctrl_c;
pub mod iterators;
pub mod logging;
pub mod pickling;
pub mod rich_errors;

// ANCHOR: module
/// The compiled half of `ch13_recipes`. Import the package, not this.
#[pymodule]
pub mod _native {
    #[pymodule_export]
    use crate::ctrl_c::{count_primes, count_primes_without_checks};
    #[pymodule_export]
    use crate::logging::{
        Ticker, checksum, import_batches_in_threads, import_rows, report_with_tracing,
        reset_logging_cache,
    };
    #[pymodule_export]
    use crate::pickling::{Envelope, Money, Tally, Version};
    // Demonstrations: what goes wrong without `module =` or `__getnewargs__`.
    #[pymodule_export]
    use crate::blocking::{blocking_wait, bridged_wait, coroutine_wait};
    #[pymodule_export]
    use crate::iterators::{
        Batched, Words, dict_visit_checked, dict_visit_panics, dict_visit_snapshot, list_visit,
        total, total_collected,
    };
    #[pymodule_export]
    use crate::pickling::{MoneyWithoutModule, MoneyWithoutReduce};
    #[pymodule_export]
    use crate::rich_errors::{SizeError, parse_size};
    // Demonstrations of what a PyO3 coroutine cannot do.
    #[pymodule_export]
    use crate::blocking::{coroutine_wait_inline, coroutine_wait_without_runtime};

    use pyo3::prelude::*;

    #[pymodule_init]
    fn init(module: &Bound<'_, PyModule>) -> PyResult<()> {
        // ANCHOR: logging_init
        // Rust's `log` records go to Python's `logging` from now on.
        crate::logging::install(module.py())?;
        // ANCHOR_END: logging_init
        Ok(())
    }
}
// ANCHOR_END: module
