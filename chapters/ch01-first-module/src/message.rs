//! The `Message` class: Rust data that Python code can create and call.

// ANCHOR: class
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;

/// A short piece of text. The public `ch01_first_module.Message` wraps this.
#[pyclass(frozen, module = "ch01_first_module._native")]
pub struct Message {
    text: String,
}

#[pymethods]
impl Message {
    #[new]
    pub fn new(text: String) -> Self {
        Self { text }
    }

    #[getter]
    pub fn text(&self) -> &str {
        &self.text
    }

    #[staticmethod]
    pub fn greet(name: &str) -> String {
        format!("Hello, {name}!")
    }

    /// The text in capitals with an exclamation mark.
    pub fn shout(&self) -> PyResult<String> {
        if self.text.trim().is_empty() {
            return Err(PyValueError::new_err(
                "cannot shout an empty message: give Message some text first",
            ));
        }
        Ok(format!("{}!", self.text.to_uppercase()))
    }
}
// ANCHOR_END: class

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn greet_is_a_plain_rust_function_too() {
        assert_eq!(Message::greet("Ferris"), "Hello, Ferris!");
    }

    #[test]
    fn shout_capitalises_the_text() {
        let message = Message::new("hello there".to_string());
        assert_eq!(message.shout().unwrap(), "HELLO THERE!");
    }

    // ANCHOR: error_test
    #[test]
    fn shouting_an_empty_message_is_a_value_error() {
        let error = Message::new("   ".to_string()).shout().unwrap_err();
        // Looking inside a PyErr needs the interpreter, so attach to it.
        Python::attach(|py| {
            assert!(error.is_instance_of::<PyValueError>(py));
            assert_eq!(
                error.value(py).to_string(),
                "cannot shout an empty message: give Message some text first"
            );
        });
    }
    // ANCHOR_END: error_test
}
