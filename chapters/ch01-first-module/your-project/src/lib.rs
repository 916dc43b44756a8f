// ANCHOR: lib
use pyo3::prelude::*;

/// Count the words in `text`, where words are separated by whitespace.
#[pyfunction]
pub fn count_words(text: &str) -> usize {
    text.split_whitespace().count()
}

/// The compiled half of `wordcount`. Import the package, not this.
#[pymodule]
mod _native {
    #[pymodule_export]
    use super::count_words;
}

#[cfg(test)]
mod tests {
    use super::count_words;

    #[test]
    fn counts_words_separated_by_any_whitespace() {
        assert_eq!(count_words("one two\tthree\nfour"), 4);
    }
}
// ANCHOR_END: lib
