//! Workshop, chapter 4: an enum and an exhaustive `match`; a solution.

use pyo3::prelude::*;

/// A traffic light. Python sees `Light.RED`, `Light.GREEN`, `Light.AMBER`
/// and `Light.OFF`.
#[pyclass(eq, frozen, hash, rename_all = "UPPERCASE")]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
enum Light {
    Red,
    Green,
    Amber,
    /// Out of order.
    Off,
}

#[pymethods]
impl Light {
    /// The light after this one: RED -> GREEN -> AMBER -> RED; OFF stays OFF.
    fn next(&self) -> Light {
        match self {
            Light::Red => Light::Green,
            Light::Green => Light::Amber,
            Light::Amber => Light::Red,
            Light::Off => Light::Off,
        }
    }

    /// How long this light stays on, in seconds; `None` for a light that is off.
    fn seconds(&self) -> Option<u32> {
        match self {
            Light::Red => Some(30),
            Light::Green => Some(25),
            Light::Amber => Some(5),
            Light::Off => None,
        }
    }
}

#[pymodule]
mod ch04_enums_exercise {
    #[pymodule_export]
    use super::Light;
}
