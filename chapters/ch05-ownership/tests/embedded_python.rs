//! Reference counts and garbage collection, observed from Rust with Python
//! embedded in the test binary.

use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList};

use ch05_ownership::EventBus;

// ANCHOR: refcount_helper
/// The reference count of `object`. PyO3 0.29 deprecated `get_refcnt`, which
/// a later release will remove, and points to the raw C call that replaces it,
/// `ffi::Py_REFCNT(object.as_ptr())`, which is unsafe Rust. A count is for
/// watching while you learn or debug, never for program logic; in a test that
/// only watches, the deprecated method in one helper is the honest choice.
#[allow(deprecated)]
fn refcount(object: &Bound<'_, PyAny>) -> isize {
    object.get_refcnt()
}
// ANCHOR_END: refcount_helper

// ANCHOR: handles
#[test]
fn what_each_kind_of_handle_costs_in_references() {
    Python::attach(|py| {
        let list = PyList::empty(py).into_any(); // a Bound: one reference
        let start = refcount(&list);

        let second: Bound<'_, PyAny> = list.clone(); // another Bound: one more
        assert_eq!(refcount(&list), start + 1);

        let borrowed: Borrowed<'_, '_, PyAny> = list.as_borrowed(); // a loan: none
        assert_eq!(refcount(&list), start + 1);

        let owned: Py<PyAny> = second.unbind(); // the same reference, now without 'py
        assert_eq!(refcount(&list), start + 1);

        let bound_again: &Bound<'_, PyAny> = owned.bind(py); // a view of the Py: none
        assert_eq!(refcount(&list), start + 1);
        assert!(bound_again.is(&list) && borrowed.is(&list)); // one object, three views

        drop(owned); // dropping a Py gives its reference back
        assert_eq!(refcount(&list), start);
    });
}
// ANCHOR_END: handles

// ANCHOR: subscribe_refcount
#[test]
fn subscribing_holds_exactly_one_reference_until_unsubscribed() -> PyResult<()> {
    Python::attach(|py| {
        let callback = py.eval(c"lambda *args: None", None, None)?;
        let start = refcount(&callback);
        let bus = Bound::new(py, EventBus::new())?;

        let token = bus.call_method1("subscribe", (&callback,))?;
        assert_eq!(refcount(&callback), start + 1);

        bus.call_method1("emit", (1, 2))?; // calling takes no lasting reference
        assert_eq!(refcount(&callback), start + 1);

        bus.call_method1("unsubscribe", (token,))?;
        assert_eq!(refcount(&callback), start);
        Ok(())
    })
}
// ANCHOR_END: subscribe_refcount

#[test]
fn dropping_the_bus_gives_every_reference_back() -> PyResult<()> {
    Python::attach(|py| {
        let callback = py.eval(c"print", None, None)?;
        let start = refcount(&callback);
        let bus = Bound::new(py, EventBus::new())?;
        for _ in 0..3 {
            bus.call_method1("subscribe", (&callback,))?;
        }
        assert_eq!(refcount(&callback), start + 3);
        drop(bus);
        assert_eq!(refcount(&callback), start);
        Ok(())
    })
}

// ANCHOR: leaky_bus
/// `EventBus` without `__traverse__` and `__clear__`: Python's garbage
/// collector cannot see the callbacks it holds.
#[pyclass]
struct LeakyBus {
    callbacks: Vec<Py<PyAny>>,
}

#[pymethods]
impl LeakyBus {
    #[new]
    fn new() -> Self {
        Self {
            callbacks: Vec::new(),
        }
    }

    fn subscribe(&mut self, callback: Bound<'_, PyAny>) {
        self.callbacks.push(callback.unbind());
    }
}
// ANCHOR_END: leaky_bus

// ANCHOR: cycle_test
/// Build a cycle, bus -> callback -> bus, drop every other reference to it,
/// collect garbage, and report whether the cycle is still alive.
const CYCLE: &std::ffi::CStr = cr#"
import gc, weakref

def make_cycle(make_bus):
    bus = make_bus()
    callback = lambda *args, bus=bus: bus  # the callback refers back to the bus
    bus.subscribe(callback)
    return weakref.ref(callback)  # a way to ask later, without keeping it alive

def still_alive_after_collecting(make_bus):
    alive = make_cycle(make_bus)  # nothing outside the cycle refers to it now
    gc.collect()
    return alive() is not None
"#;

#[test]
fn a_cycle_through_rust_is_collected_only_with_traverse_and_clear() -> PyResult<()> {
    Python::attach(|py| {
        let globals = PyDict::new(py);
        py.run(CYCLE, Some(&globals), None)?;
        let still_alive = globals
            .get_item("still_alive_after_collecting")?
            .expect("the script defines it");

        let leaky = still_alive.call1((py.get_type::<LeakyBus>(),))?;
        assert!(
            leaky.extract::<bool>()?,
            "without __traverse__, the cycle leaks"
        );

        let bus = still_alive.call1((py.get_type::<EventBus>(),))?;
        assert!(
            !bus.extract::<bool>()?,
            "with __traverse__, gc.collect() frees it"
        );
        Ok(())
    })
}
// ANCHOR_END: cycle_test
