//! Workshop, chapter 4: an enum and an exhaustive `match`.
//!
//! `Light` is a traffic light: RED, then GREEN, then AMBER, then RED again.
//! Three jobs, each marked TODO; do them in order. Check your work with
//!
//!     uv run workshop check ch04-enums
//!
//! and ask for a nudge with `uv run workshop hint ch04-enums`.

// Until the TODOs are done, some code is unused; that is expected.
#![allow(unused_variables, dead_code)]

use pyo3::prelude::*;

/// A traffic light. Python sees `Light.RED`, `Light.GREEN` and `Light.AMBER`.
#[pyclass(eq, frozen, hash, rename_all = "UPPERCASE")]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
enum Light {
    Red,
    Green,
    Amber,
    // TODO (3 of 3): add a variant `Off`, for a light that is out of order,
    // then build. The compiler points at every `match` that must handle it:
    // an `Off` light stays off (`next()` is OFF) and has no duration (None).
}

#[pymethods]
impl Light {
    /// The light after this one: RED -> GREEN -> AMBER -> RED.
    fn next(&self) -> Light {
        // TODO (1 of 3): `match self { ... }` with one arm per variant, and
        // no `_ =>` arm: then the compiler checks that none is forgotten.
        todo!("Light.next")
    }

    /// How long this light stays on, in seconds: RED 30, GREEN 25, AMBER 5.
    fn seconds(&self) -> Option<u32> {
        // TODO (2 of 3): another exhaustive `match`: `Light::Red => Some(30)`, ...
        todo!("Light.seconds")
    }
}

#[pymodule]
mod ch04_enums_exercise {
    #[pymodule_export]
    use super::Light;
}
