// A tutorial for PyO3 0.21 to 0.26 implements `FromPyObject<'py>` with an
// `extract_bound` method. PyO3 0.27 gave the trait a second lifetime, an
// `Error` type and an `extract` method that takes `Borrowed`.
use pyo3::prelude::*;

struct Rgb(u8, u8, u8);

impl<'py> FromPyObject<'py> for Rgb {
    fn extract_bound(ob: &Bound<'py, PyAny>) -> PyResult<Self> {
        let (red, green, blue) = ob.extract()?;
        Ok(Rgb(red, green, blue))
    }
}

fn main() {}
