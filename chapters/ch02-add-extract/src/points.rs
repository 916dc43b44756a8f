//! `FromPyObject`: derived from attributes, derived from dict items, and by hand.

use pyo3::exceptions::{PyOverflowError, PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyString, PyTuple};

// ANCHOR: point
/// A point read from any object with numeric `x` and `y` attributes: a
/// dataclass, a named tuple, a class of your own.
#[derive(Debug, Clone, Copy, PartialEq, FromPyObject)]
pub struct Point {
    pub x: f64,
    pub y: f64,
}

/// The same fields, read as `obj["x"]` and `obj["y"]`, so a dict works.
#[derive(Debug, Clone, Copy, PartialEq, FromPyObject)]
#[pyo3(from_item_all)]
pub struct PointItems {
    pub x: f64,
    pub y: f64,
}
// ANCHOR_END: point

// ANCHOR: distance
/// The straight-line distance between two objects with `x` and `y` attributes.
#[pyfunction]
pub fn distance(a: Point, b: Point) -> f64 {
    (a.x - b.x).hypot(a.y - b.y)
}

/// The straight-line distance between two dicts with `"x"` and `"y"` keys.
#[pyfunction]
pub fn distance_between_dicts(a: PointItems, b: PointItems) -> f64 {
    (a.x - b.x).hypot(a.y - b.y)
}
// ANCHOR_END: distance

// ANCHOR: colour
/// An RGB colour, accepted from Python as `"#rrggbb"` or as `(r, g, b)`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Colour {
    pub red: u8,
    pub green: u8,
    pub blue: u8,
}

impl<'py> FromPyObject<'_, 'py> for Colour {
    type Error = PyErr;

    fn extract(obj: Borrowed<'_, 'py, PyAny>) -> Result<Self, Self::Error> {
        if let Ok(text) = obj.cast::<PyString>() {
            return parse_hex(&text.to_cow()?);
        }
        match obj.cast::<PyTuple>() {
            Ok(tuple) if tuple.len() == 3 => Ok(Colour {
                red: channel(&tuple, 0)?,
                green: channel(&tuple, 1)?,
                blue: channel(&tuple, 2)?,
            }),
            _ => Err(not_a_colour(&obj)),
        }
    }
}
// ANCHOR_END: colour

// ANCHOR: channel
/// Item `index` of an `(r, g, b)` tuple as a `u8`.
fn channel(tuple: &Bound<'_, PyTuple>, index: usize) -> PyResult<u8> {
    let py = tuple.py();
    let error = match tuple.get_item(index)?.extract::<u8>() {
        Ok(value) => return Ok(value),
        Err(error) => error,
    };
    // Relabel only the two failures we understand. Any int outside 0..=255,
    // 256 or 2**64 alike, fails with OverflowError: a bad value, so ValueError.
    if error.is_instance_of::<PyOverflowError>(py) {
        return Err(PyValueError::new_err(format!(
            "colour channels go from 0 to 255, so {} is not a colour",
            tuple.repr()?
        )));
    }
    // A channel that is not an int at all: the wrong kind of thing.
    if error.is_instance_of::<PyTypeError>(py) {
        return Err(not_a_colour(tuple.as_any()));
    }
    Err(error) // anything else, such as an `__index__` that raises, passes through
}

fn not_a_colour(obj: &Bound<'_, PyAny>) -> PyErr {
    match obj.repr() {
        Ok(repr) => PyTypeError::new_err(format!(
            "a colour is a '#rrggbb' string or a tuple of three ints from 0 to 255, not {repr}"
        )),
        Err(error) => error,
    }
}

/// Parse `#rrggbb` (case-insensitive) into a colour.
fn parse_hex(text: &str) -> PyResult<Colour> {
    let invalid = || PyValueError::new_err(format!("{text:?} is not a colour like '#ff8800'"));
    let digits = text.strip_prefix('#').ok_or_else(invalid)?;
    if digits.len() != 6 || !digits.bytes().all(|byte| byte.is_ascii_hexdigit()) {
        return Err(invalid());
    }
    let channel = |at: usize| u8::from_str_radix(&digits[at..at + 2], 16).map_err(|_| invalid());
    Ok(Colour {
        red: channel(0)?,
        green: channel(2)?,
        blue: channel(4)?,
    })
}
// ANCHOR_END: channel

/// Normalise a colour to lower-case `#rrggbb`.
#[pyfunction]
pub fn colour_to_hex(colour: Colour) -> String {
    format!("#{:02x}{:02x}{:02x}", colour.red, colour.green, colour.blue)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hex_colours_parse_in_either_case() {
        let orange = Colour {
            red: 0xff,
            green: 0x88,
            blue: 0,
        };
        assert_eq!(parse_hex("#ff8800").unwrap(), orange);
        assert_eq!(parse_hex("#FF8800").unwrap(), orange);
    }

    #[test]
    fn malformed_hex_colours_are_value_errors() {
        for text in ["ff8800", "#ff880", "#ff88000", "#gg8800", "#ff88é0"] {
            let error = parse_hex(text).unwrap_err();
            Python::attach(|py| assert!(error.is_instance_of::<PyValueError>(py), "{text}"));
        }
    }

    #[test]
    fn distance_is_euclidean() {
        let origin = Point { x: 0.0, y: 0.0 };
        assert_eq!(distance(origin, Point { x: 3.0, y: 4.0 }), 5.0);
    }
}
