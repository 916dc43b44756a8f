//! pyo3-log's install and cache, seen from Rust with an embedded interpreter.
//!
//! The `log` crate has one logger per process (here, per test binary), so
//! everything that depends on it is one test, in order.

use log::Level;
use pyo3::prelude::*;

// ANCHOR: install_once
#[test]
fn the_logger_is_installed_once_and_caches_each_targets_level() -> PyResult<()> {
    Python::attach(|py| {
        ch13_recipes::logging::install(py)?;
        // A second call (a second init of the module) keeps the first logger.
        ch13_recipes::logging::install(py)?;
        // pyo3-log's own try_init refuses a second logger; init() would panic.
        assert!(pyo3_log::try_init().is_err());

        py.run(
            c"import logging; logging.getLogger('cache_demo').setLevel(logging.WARNING)",
            None,
            None,
        )?;
        // Nothing cached yet for this target: `enabled` says yes to any level.
        assert!(log::log_enabled!(target: "cache_demo", Level::Debug));
        // The first record asks Python, which drops it, and caches WARNING.
        log::debug!(target: "cache_demo", "dropped by Python");
        assert!(!log::log_enabled!(target: "cache_demo", Level::Debug));
        assert!(log::log_enabled!(target: "cache_demo", Level::Warn));

        // After a reset, the next record reads the level again.
        py.run(
            c"import logging; logging.getLogger('cache_demo').setLevel(logging.DEBUG)",
            None,
            None,
        )?;
        assert!(!log::log_enabled!(target: "cache_demo", Level::Debug));
        ch13_recipes::logging::reset_logging_cache();
        log::debug!(target: "cache_demo", "kept");
        assert!(log::log_enabled!(target: "cache_demo", Level::Debug));
        Ok(())
    })
}
// ANCHOR_END: install_once
