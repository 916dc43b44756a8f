//! Arguments and results cross the queue as JSON bytes: data, never live
//! objects and never pickle, so a worker only ever *parses* what it reads from
//! Redis, and never executes it.
//!
//! Both directions run in Rust, while attached to the interpreter: `encode`
//! walks Python objects and writes JSON with serde_json; `decode` parses JSON
//! and builds Python objects. The kinds that cross are JSON's own: `None`,
//! `bool`, `int` (64-bit), finite `float`, `str`, `list`/`tuple` (a tuple
//! comes back as a list) and `dict` with `str` keys.

use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyBool, PyDict, PyFloat, PyInt, PyList, PyString, PyTuple};
use serde_json::{Map, Number, Value};

/// How deep containers may nest, on the way in and out.
const MAX_DEPTH: usize = 100;

/// Why a Python object could not be written as JSON: a description of the
/// offending value and where it sits inside the outer value ("[2]['key']").
#[derive(Debug)]
pub struct NotJson {
    pub path: String,
    pub reason: String,
}

impl NotJson {
    fn new(path: &str, reason: String) -> Self {
        NotJson {
            path: path.to_owned(),
            reason,
        }
    }

    /// The message for a value named `what` ("argument 0", "the return value").
    pub fn message(&self, what: &str) -> String {
        if self.path.is_empty() {
            format!("{what} is not JSON-encodable: {}", self.reason)
        } else {
            format!(
                "{what} is not JSON-encodable: at {} {}",
                self.path, self.reason
            )
        }
    }
}

fn type_name(object: &Bound<'_, PyAny>) -> String {
    object
        .get_type()
        .qualname()
        .map(|name| name.to_string())
        .unwrap_or_else(|_| "object".to_owned())
}

/// A Python object as a JSON value.
pub fn to_value(object: &Bound<'_, PyAny>) -> Result<Value, NotJson> {
    to_value_at(object, &mut String::new(), 0)
}

fn to_value_at(
    object: &Bound<'_, PyAny>,
    path: &mut String,
    depth: usize,
) -> Result<Value, NotJson> {
    if depth > MAX_DEPTH {
        return Err(NotJson::new(
            path,
            format!("containers nest more than {MAX_DEPTH} deep"),
        ));
    }
    if object.is_none() {
        return Ok(Value::Null);
    }
    // Exact types first: a subclass of int or str (an IntEnum, say) would
    // come back as its base type, which is a silent change of meaning.
    if let Ok(flag) = object.cast_exact::<PyBool>() {
        return Ok(Value::Bool(flag.is_true()));
    }
    if object.is_exact_instance_of::<PyInt>() {
        if let Ok(number) = object.extract::<i64>() {
            return Ok(Value::Number(number.into()));
        }
        if let Ok(number) = object.extract::<u64>() {
            return Ok(Value::Number(number.into()));
        }
        return Err(NotJson::new(
            path,
            "an int outside the 64-bit range; pass it as a str".to_owned(),
        ));
    }
    if object.is_exact_instance_of::<PyFloat>() {
        let number: f64 = object
            .extract()
            .map_err(|_| NotJson::new(path, "a float".to_owned()))?;
        let Some(number) = Number::from_f64(number) else {
            let shown = object
                .repr()
                .map(|repr| repr.to_string())
                .unwrap_or_default();
            return Err(NotJson::new(
                path,
                format!("the float {shown}, which JSON cannot represent"),
            ));
        };
        return Ok(Value::Number(number));
    }
    if let Ok(text) = object.cast_exact::<PyString>() {
        return text
            .to_str()
            .map(|text| Value::String(text.to_owned()))
            .map_err(|_| {
                NotJson::new(
                    path,
                    "a str that is not valid Unicode (a lone surrogate)".to_owned(),
                )
            });
    }
    if let Ok(list) = object.cast_exact::<PyList>() {
        return sequence(list.iter(), path, depth);
    }
    if let Ok(tuple) = object.cast_exact::<PyTuple>() {
        return sequence(tuple.iter(), path, depth);
    }
    if let Ok(dict) = object.cast_exact::<PyDict>() {
        let mut map = Map::new();
        for (key, value) in dict.iter() {
            let Ok(key) = key.cast_exact::<PyString>() else {
                return Err(NotJson::new(
                    path,
                    format!("a dict key of type {} (JSON keys are str)", type_name(&key)),
                ));
            };
            let key = key.to_str().map_err(|_| {
                NotJson::new(path, "a dict key that is not valid Unicode".to_owned())
            })?;
            let before = path.len();
            path.push_str(&format!("['{key}']"));
            let value = to_value_at(&value, path, depth + 1)?;
            path.truncate(before);
            map.insert(key.to_owned(), value);
        }
        return Ok(Value::Object(map));
    }
    Err(NotJson::new(
        path,
        format!("a value of type {}", type_name(object)),
    ))
}

fn sequence<'py>(
    items: impl Iterator<Item = Bound<'py, PyAny>>,
    path: &mut String,
    depth: usize,
) -> Result<Value, NotJson> {
    let mut values = Vec::new();
    for (index, item) in items.enumerate() {
        let before = path.len();
        path.push_str(&format!("[{index}]"));
        values.push(to_value_at(&item, path, depth + 1)?);
        path.truncate(before);
    }
    Ok(Value::Array(values))
}

/// One Python value as JSON bytes, or a `TypeError` that names `what`.
pub fn encode(object: &Bound<'_, PyAny>, what: &str) -> PyResult<Vec<u8>> {
    let value = to_value(object).map_err(|error| PyTypeError::new_err(error.message(what)))?;
    Ok(value.to_string().into_bytes())
}

// ANCHOR: encode_args
/// The arguments of one call as the JSON bytes `[[args...], {kwargs...}]`.
/// A value that JSON cannot carry is a `TypeError` that names the argument,
/// raised before anything is enqueued.
pub fn encode_call(
    args: &Bound<'_, PyTuple>,
    kwargs: Option<&Bound<'_, PyDict>>,
) -> PyResult<Vec<u8>> {
    let mut positional = Vec::with_capacity(args.len());
    for (index, arg) in args.iter().enumerate() {
        let value = to_value(&arg).map_err(|error| {
            PyTypeError::new_err(error.message(&format!("argument {index} ({})", type_name(&arg))))
        })?;
        positional.push(value);
    }
    let mut named = Map::new();
    if let Some(kwargs) = kwargs {
        for (key, arg) in kwargs.iter() {
            let key: String = key.extract()?;
            let value = to_value(&arg).map_err(|error| {
                PyTypeError::new_err(
                    error.message(&format!("argument '{key}' ({})", type_name(&arg))),
                )
            })?;
            named.insert(key, value);
        }
    }
    let call = Value::Array(vec![Value::Array(positional), Value::Object(named)]);
    Ok(call.to_string().into_bytes())
}
// ANCHOR_END: encode_args

/// JSON bytes as a Python value. Bytes that are not JSON are a `ValueError`.
pub fn decode<'py>(py: Python<'py>, bytes: &[u8]) -> PyResult<Bound<'py, PyAny>> {
    let value: Value = serde_json::from_slice(bytes)
        .map_err(|error| PyValueError::new_err(format!("not valid JSON: {error}")))?;
    from_value(py, &value)
}

/// A JSON value as a Python value.
pub fn from_value<'py>(py: Python<'py>, value: &Value) -> PyResult<Bound<'py, PyAny>> {
    Ok(match value {
        Value::Null => py.None().into_bound(py),
        Value::Bool(flag) => PyBool::new(py, *flag).to_owned().into_any(),
        Value::Number(number) => {
            if let Some(int) = number.as_i64() {
                int.into_pyobject(py)?.into_any()
            } else if let Some(int) = number.as_u64() {
                int.into_pyobject(py)?.into_any()
            } else {
                number
                    .as_f64()
                    .unwrap_or(f64::NAN)
                    .into_pyobject(py)?
                    .into_any()
            }
        }
        Value::String(text) => PyString::new(py, text).into_any(),
        Value::Array(items) => {
            let list = PyList::empty(py);
            for item in items {
                list.append(from_value(py, item)?)?;
            }
            list.into_any()
        }
        Value::Object(map) => {
            let dict = PyDict::new(py);
            for (key, item) in map {
                dict.set_item(key, from_value(py, item)?)?;
            }
            dict.into_any()
        }
    })
}

/// A call's arguments, checked for the shape `encode_call` writes.
pub fn decode_call<'py>(
    py: Python<'py>,
    bytes: &[u8],
) -> Result<(Bound<'py, PyList>, Bound<'py, PyDict>), String> {
    let value: Value = serde_json::from_slice(bytes)
        .map_err(|error| format!("its arguments are not valid JSON: {error}"))?;
    let Value::Array(parts) = &value else {
        return Err("its arguments are not a JSON array [args, kwargs]".to_owned());
    };
    let [Value::Array(_), Value::Object(_)] = parts.as_slice() else {
        return Err("its arguments are not a JSON array [args, kwargs]".to_owned());
    };
    let convert = |value: &Value| from_value(py, value).map_err(|error| error.to_string());
    let args = convert(&parts[0])?
        .cast_into::<PyList>()
        .map_err(|e| e.to_string())?;
    let kwargs = convert(&parts[1])?
        .cast_into::<PyDict>()
        .map_err(|e| e.to_string())?;
    Ok((args, kwargs))
}
