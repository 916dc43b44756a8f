//! Two older changes still found in tutorials: `Clone` for `Py<T>` (0.22) and
//! `text_signature` on `#[pyclass]` (0.19).

use std::sync::Arc;

use pyo3::prelude::*;

// ANCHOR: fix_24
/// A named callback. `Arc` makes the struct `Clone` again: clones share one
/// `Py<PyAny>`, and no Python reference count changes. (Where a `Python`
/// token is at hand, `callback.clone_ref(py)` makes a second reference.)
#[derive(Clone)]
pub struct Listener {
    pub name: String,
    pub callback: Arc<Py<PyAny>>,
}

impl Listener {
    pub fn call<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        self.callback.bind(py).call1((&self.name,))
    }
}
// ANCHOR_END: fix_24

// ANCHOR: fix_26
/// An item for sale. The class's signature comes from `#[new]`: PyO3 writes
/// it, so nothing needs saying; `#[pyo3(text_signature = "...")]` on `#[new]`
/// replaces it where the generated one is not wanted.
#[pyclass(get_all, module = "appendix_older_tutorials")]
pub struct Item {
    pub name: String,
    pub price: u32,
}

#[pymethods]
impl Item {
    #[new]
    pub fn new(name: String, price: u32) -> Self {
        Item { name, price }
    }
}
// ANCHOR_END: fix_26

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cloned_listeners_share_the_callback() -> PyResult<()> {
        Python::attach(|py| {
            let upper = py.eval(c"str.upper", None, None)?.unbind();
            let first = Listener {
                name: String::from("saved"),
                callback: Arc::new(upper),
            };
            let second = first.clone();
            assert!(Arc::ptr_eq(&first.callback, &second.callback));
            assert_eq!(second.call(py)?.extract::<String>()?, "SAVED");
            Ok(())
        })
    }

    #[test]
    fn the_class_signature_comes_from_new() -> PyResult<()> {
        Python::attach(|py| {
            let signature = py.get_type::<Item>().getattr("__text_signature__")?;
            assert_eq!(signature.extract::<String>()?, "(name, price)");
            Ok(())
        })
    }
}
