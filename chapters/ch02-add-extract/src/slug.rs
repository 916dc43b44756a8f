//! Keyword arguments with defaults, declared with `#[pyo3(signature = ...)]`.

use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;

// ANCHOR: slugify
/// Turn `text` into a URL-friendly slug: ASCII letters and digits, with every
/// other run of characters replaced by `separator`.
///
/// `max_length`, when given, cuts the slug without leaving a separator at the
/// end. `lowercase=False` keeps the letters' case.
#[pyfunction]
#[pyo3(signature = (text, *, separator = "-", max_length = None, lowercase = true))]
pub fn slugify(
    text: &str,
    separator: &str,
    max_length: Option<usize>,
    lowercase: bool,
) -> PyResult<String> {
    // ASCII only, so that a slug's length in bytes is its length in characters.
    if separator.is_empty() || !separator.bytes().all(|byte| byte.is_ascii_punctuation()) {
        return Err(PyValueError::new_err(format!(
            "separator must be ASCII punctuation such as '-' or '_', not {separator:?}"
        )));
    }
    Ok(make_slug(text, separator, max_length, lowercase))
}
// ANCHOR_END: slugify

fn make_slug(text: &str, separator: &str, max_length: Option<usize>, lowercase: bool) -> String {
    let words = text
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|word| !word.is_empty());
    let mut slug = String::new();
    for word in words {
        let next_len = slug.len() + if slug.is_empty() { 0 } else { separator.len() } + word.len();
        if max_length.is_some_and(|limit| next_len > limit) {
            if slug.is_empty() {
                // A first word longer than the limit is cut; later words are dropped whole.
                slug.push_str(&word[..max_length.unwrap_or(0)]);
            }
            break;
        }
        if !slug.is_empty() {
            slug.push_str(separator);
        }
        slug.push_str(word);
    }
    if lowercase {
        slug.make_ascii_lowercase();
    }
    slug
}

#[cfg(test)]
mod tests {
    use super::make_slug;

    #[test]
    fn punctuation_and_spaces_become_one_separator() {
        assert_eq!(make_slug("Hello, World!", "-", None, true), "hello-world");
        assert_eq!(
            make_slug("  --Rust & Python--  ", "_", None, true),
            "rust_python"
        );
    }

    #[test]
    fn max_length_never_leaves_a_trailing_separator() {
        assert_eq!(make_slug("one two three", "-", Some(9), true), "one-two");
        assert_eq!(make_slug("one two three", "-", Some(7), true), "one-two");
        assert_eq!(make_slug("extraordinary", "-", Some(5), true), "extra");
        assert_eq!(make_slug("anything", "-", Some(0), true), "");
    }

    #[test]
    fn non_ascii_letters_are_separators() {
        assert_eq!(
            make_slug("Grüße aus Köln", "-", None, true),
            "gr-e-aus-k-ln"
        );
    }
}
