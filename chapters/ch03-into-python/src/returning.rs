//! Returning Rust values: each type has an `IntoPyObject` implementation that
//! decides which Python type it becomes.

use std::collections::BTreeMap;

use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;

// ANCHOR: min_max
/// The smallest and the largest of `values`, or `None` when there are none.
///
/// `Option<(f64, f64)>` becomes `tuple[float, float] | None`. NaN is neither
/// smaller nor larger than anything, so a NaN is a `ValueError`.
#[pyfunction]
pub fn min_max(values: Vec<f64>) -> PyResult<Option<(f64, f64)>> {
    if let Some(index) = values.iter().position(|value| value.is_nan()) {
        return Err(PyValueError::new_err(format!(
            "values[{index}] is NaN, which is neither smaller nor larger than any number; \
             remove NaNs first (math.isnan finds them)"
        )));
    }
    let Some((&first, rest)) = values.split_first() else {
        return Ok(None);
    };
    let (mut smallest, mut largest) = (first, first);
    for &value in rest {
        // Strict comparisons keep the first of equal values, as min() and max() do.
        if value < smallest {
            smallest = value;
        }
        if value > largest {
            largest = value;
        }
    }
    Ok(Some((smallest, largest)))
}
// ANCHOR_END: min_max

/// Lower-cased `word` without the punctuation around it ("Hello," -> "hello").
fn normalise(word: &str) -> String {
    word.trim_matches(|c: char| !c.is_alphanumeric())
        .to_lowercase()
}

// ANCHOR: word_frequencies
/// How often each word occurs in `text`, ignoring case and surrounding punctuation.
///
/// A `BTreeMap` becomes a `dict` whose keys are in sorted order.
#[pyfunction]
pub fn word_frequencies(text: &str) -> BTreeMap<String, usize> {
    let mut counts = BTreeMap::new();
    for word in text.split_whitespace().map(normalise) {
        if !word.is_empty() {
            *counts.entry(word).or_insert(0) += 1;
        }
    }
    counts
}
// ANCHOR_END: word_frequencies

// ANCHOR: split_words
/// The words of `text`, split at whitespace.
///
/// The slices borrow from `text`; each becomes a new Python `str` on the way out.
#[pyfunction]
pub fn split_words(text: &str) -> Vec<&str> {
    text.split_whitespace().collect()
}
// ANCHOR_END: split_words

// ANCHOR: text_stats
/// A summary of a text. Python receives it as a `dict` whose keys are the
/// field names, in the order they are declared here.
#[derive(Debug, PartialEq, IntoPyObject)]
pub struct TextStats {
    pub words: usize,
    pub lines: usize,
    pub longest_word: Option<String>,
}

/// Count the words and lines of `text` and find its longest word.
#[pyfunction]
pub fn text_stats(text: &str) -> TextStats {
    let mut longest: Option<&str> = None;
    for word in text.split_whitespace() {
        // The first of equally long words wins.
        if longest.is_none_or(|best| word.chars().count() > best.chars().count()) {
            longest = Some(word);
        }
    }
    TextStats {
        words: text.split_whitespace().count(),
        lines: text.lines().count(),
        longest_word: longest.map(str::to_owned),
    }
}
// ANCHOR_END: text_stats

// ANCHOR: bytes_or_list
/// The UTF-8 encoding of `text`. A `Vec<u8>` becomes `bytes`, not a list.
#[pyfunction]
pub fn encode_utf8(text: &str) -> Vec<u8> {
    text.as_bytes().to_vec()
}

/// The first `n` bytes of `data`. A `&[u8]` becomes `bytes` too: a new
/// object, holding a copy of the slice.
#[pyfunction]
pub fn first_bytes(data: &[u8], n: usize) -> &[u8] {
    &data[..n.min(data.len())]
}

/// The code points of `text`. A `Vec<u32>`, like any other `Vec<T>`, becomes a `list`.
#[pyfunction]
pub fn code_points(text: &str) -> Vec<u32> {
    text.chars().map(u32::from).collect()
}
// ANCHOR_END: bytes_or_list

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn min_max_of_nothing_is_none() {
        assert_eq!(min_max(vec![]).unwrap(), None);
    }

    #[test]
    fn min_max_finds_both_ends() {
        assert_eq!(
            min_max(vec![3.0, -1.5, 8.0, 2.0]).unwrap(),
            Some((-1.5, 8.0))
        );
        assert_eq!(
            min_max(vec![f64::NEG_INFINITY, 0.0]).unwrap(),
            Some((f64::NEG_INFINITY, 0.0))
        );
    }

    #[test]
    fn min_max_keeps_the_first_of_equal_zeros_like_python() {
        let (smallest, largest) = min_max(vec![0.0, -0.0]).unwrap().unwrap();
        assert!(smallest.is_sign_positive() && largest.is_sign_positive());
    }

    #[test]
    fn min_max_refuses_nan_and_names_its_index() {
        let error = min_max(vec![1.0, f64::NAN]).unwrap_err();
        Python::attach(|py| {
            assert!(error.is_instance_of::<PyValueError>(py));
            assert!(error.value(py).to_string().starts_with("values[1] is NaN"));
        });
    }

    #[test]
    fn words_are_counted_without_case_or_punctuation() {
        let counts = word_frequencies("The cat; the HAT. -- the");
        let expected =
            BTreeMap::from([("cat".to_string(), 1), ("hat".into(), 1), ("the".into(), 3)]);
        assert_eq!(counts, expected);
    }

    #[test]
    fn stats_of_a_text() {
        let stats = text_stats("one three\nfive seven\n");
        assert_eq!(
            stats,
            TextStats {
                words: 4,
                lines: 2,
                longest_word: Some("three".into())
            }
        );
        assert_eq!(text_stats("").longest_word, None);
    }

    #[test]
    fn first_bytes_stops_at_the_end() {
        assert_eq!(first_bytes(b"abc", 2), b"ab");
        assert_eq!(first_bytes(b"abc", 99), b"abc");
    }
}
