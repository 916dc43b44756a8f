//! Workshop, chapter 13: make a long Rust loop answer Ctrl-C.
//!
//! `estimate_pi(samples)` throws `samples` darts at a unit square, with a
//! seeded random number generator, and returns four times the share that
//! lands inside the quarter circle. It runs detached, so other Python
//! threads run meanwhile. But it never lets Python run its signal handlers:
//! Ctrl-C during `estimate_pi(10**12)` waits for all 10**12 darts, hours.
//!
//! Two jobs, each marked TODO; do them in order. Check your work with
//!
//!     uv run workshop check ch13-ctrl-c
//!
//! and ask for a nudge with `uv run workshop hint ch13-ctrl-c`.

// Until the TODOs are done, some code is unused; that is expected.
#![allow(unused_variables, unused_mut, dead_code)]

use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyBool, PyInt};

/// The most darts `estimate_pi` accepts: 10**12, hours of work.
const MAX_SAMPLES: u64 = 1_000_000_000_000;

/// Darts thrown between two looks for Ctrl-C: about a millisecond's worth.
const CHUNK: u64 = 1 << 16;

/// Four times the share of `samples` random points of the unit square that
/// fall inside the quarter circle of radius 1: pi, give or take.
#[pyfunction]
fn estimate_pi(py: Python<'_>, samples: &Bound<'_, PyAny>) -> PyResult<f64> {
    let samples = samples_in_range(samples)?;
    // TODO (1 of 2): throw the darts in chunks of CHUNK, not all at once.
    // - Loop while `darts.thrown < samples`; each turn throws
    //   `CHUNK.min(samples - darts.thrown)` darts, detached, as below.
    // - Between two chunks, attached again, call `py.check_signals()`: Python
    //   runs its signal handlers there, and the default SIGINT handler raises
    //   KeyboardInterrupt, which comes back as an `Err`. Return that very
    //   error (`?` does): never make a new one.
    // TODO (2 of 2): before returning it, add a note to the interrupt
    // (`interrupt.add_note(py, text)`) saying how far the work got:
    //   "estimate_pi(<samples>) was interrupted after <darts.thrown> samples;
    //    the estimate so far: <darts.estimate()>"
    let darts = py.detach(|| Darts::default().throw(samples));
    Ok(darts.estimate())
}

/// The darts thrown so far, and the random number generator that throws
/// the next ones (SplitMix64, seeded with 0).
#[derive(Clone, Copy, Debug, Default)]
struct Darts {
    state: u64,
    thrown: u64,
    inside: u64,
}

impl Darts {
    /// Throw `count` more darts.
    fn throw(mut self, count: u64) -> Self {
        for _ in 0..count {
            let x = self.uniform();
            let y = self.uniform();
            if x * x + y * y < 1.0 {
                self.inside += 1;
            }
        }
        self.thrown += count;
        self
    }

    /// What the darts so far say pi is (0 before the first).
    fn estimate(&self) -> f64 {
        if self.thrown == 0 {
            return 0.0;
        }
        4.0 * self.inside as f64 / self.thrown as f64
    }

    /// A number from 0 (included) to 1 (excluded), with 53 random bits.
    fn uniform(&mut self) -> f64 {
        self.state = self.state.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.state;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^= z >> 31;
        (z >> 11) as f64 / (1_u64 << 53) as f64
    }
}

/// `obj` as a number of samples, 1 to 10**12, or an exception that says what
/// to fix.
fn samples_in_range(obj: &Bound<'_, PyAny>) -> PyResult<u64> {
    if !obj.is_instance_of::<PyInt>() || obj.is_instance_of::<PyBool>() {
        let kind = obj.get_type().name()?;
        return Err(PyTypeError::new_err(format!(
            "samples must be an int, not {kind}"
        )));
    }
    match obj.extract::<u64>() {
        Ok(samples) if (1..=MAX_SAMPLES).contains(&samples) => Ok(samples),
        _ => Err(PyValueError::new_err(format!(
            "samples must be from 1 to {MAX_SAMPLES}"
        ))),
    }
}

#[pymodule]
mod ch13_ctrl_c_exercise {
    #[pymodule_export]
    use super::estimate_pi;
}
