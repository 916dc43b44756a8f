//! CSV exactly as Python's `csv` module writes it with the default dialect:
//! `,` between fields, `"` as the quote character, quotes inside a field
//! doubled, `\r\n` after every record, and quotes only where needed
//! (`QUOTE_MINIMAL`). Pure Rust, no Python: the rules are tested here.
//!
//! The output is produced in two steps, so that it can be written straight
//! into a Python `bytes` object: first measure (`record_len`), then fill a
//! buffer of exactly that size (`Filler`).

// ANCHOR: needs_quotes
/// What Python's csv writer puts after every record.
pub const LINE_TERMINATOR: &[u8] = b"\r\n";

/// Whether Python's csv writer puts `field` in quotes: when it contains the
/// delimiter, the quote character, or a line break.
pub fn needs_quotes(field: &str) -> bool {
    field
        .bytes()
        .any(|byte| matches!(byte, b',' | b'"' | b'\r' | b'\n'))
}

/// How many bytes `field` takes in the output, quotes included.
pub fn field_len(field: &str) -> usize {
    if needs_quotes(field) {
        let doubled_quotes = field.bytes().filter(|&byte| byte == b'"').count();
        field.len() + doubled_quotes + 2
    } else {
        field.len()
    }
}

/// A record of exactly one empty field is written as `""`, because a bare empty
/// line reads back as a record with no fields at all. (CPython's `_csv.c` has
/// the same rule: "single empty field record must be quoted".)
fn is_single_empty_field<S: AsRef<str>>(fields: &[S]) -> bool {
    matches!(fields, [only] if only.as_ref().is_empty())
}

/// How many bytes a record takes in the output, line terminator included.
pub fn record_len<S: AsRef<str>>(fields: &[S]) -> usize {
    let data = if is_single_empty_field(fields) {
        2
    } else {
        let separators = fields.len().saturating_sub(1);
        fields.iter().map(|f| field_len(f.as_ref())).sum::<usize>() + separators
    };
    data + LINE_TERMINATOR.len()
}
// ANCHOR_END: needs_quotes

// ANCHOR: filler
/// The buffer ended before everything was written: the length was miscounted.
#[derive(Debug, PartialEq, Eq)]
pub struct BufferTooShort;

/// Writes into a buffer whose exact size was computed beforehand.
///
/// Running out of room is an error, not a panic, so a miscount can never
/// crash the interpreter.
pub struct Filler<'buf> {
    rest: &'buf mut [u8],
}

impl<'buf> Filler<'buf> {
    pub fn new(buffer: &'buf mut [u8]) -> Self {
        Self { rest: buffer }
    }

    /// Bytes not written yet. A correct count ends at zero.
    pub fn remaining(&self) -> usize {
        self.rest.len()
    }

    fn put(&mut self, bytes: &[u8]) -> Result<(), BufferTooShort> {
        let rest = std::mem::take(&mut self.rest);
        let (head, tail) = rest
            .split_at_mut_checked(bytes.len())
            .ok_or(BufferTooShort)?;
        head.copy_from_slice(bytes);
        self.rest = tail;
        Ok(())
    }

    fn field(&mut self, field: &str) -> Result<(), BufferTooShort> {
        if !needs_quotes(field) {
            return self.put(field.as_bytes());
        }
        self.put(b"\"")?;
        for (index, part) in field.split('"').enumerate() {
            if index > 0 {
                self.put(b"\"\"")?;
            }
            self.put(part.as_bytes())?;
        }
        self.put(b"\"")
    }

    /// Write one record and its line terminator: `record_len(fields)` bytes.
    pub fn record<S: AsRef<str>>(&mut self, fields: &[S]) -> Result<(), BufferTooShort> {
        if is_single_empty_field(fields) {
            self.put(b"\"\"")?;
        } else {
            for (index, field) in fields.iter().enumerate() {
                if index > 0 {
                    self.put(b",")?;
                }
                self.field(field.as_ref())?;
            }
        }
        self.put(LINE_TERMINATOR)
    }
}
// ANCHOR_END: filler

#[cfg(test)]
mod tests {
    use super::*;

    /// Measure, then fill a buffer of exactly that size, like `export_csv` does.
    fn written(fields: &[&str]) -> String {
        let mut buffer = vec![0; record_len(fields)];
        let mut filler = Filler::new(&mut buffer);
        filler.record(fields).unwrap();
        assert_eq!(filler.remaining(), 0, "record_len miscounted {fields:?}");
        String::from_utf8(buffer).unwrap()
    }

    // ANCHOR: quoting_tests
    #[test]
    fn plain_fields_are_written_as_they_are() {
        assert_eq!(written(&["a", "b c", "é😀", "'x'"]), "a,b c,é😀,'x'\r\n");
    }

    #[test]
    fn separators_quotes_and_line_breaks_are_quoted() {
        assert_eq!(written(&["1,5"]), "\"1,5\"\r\n");
        assert_eq!(written(&["say \"hi\""]), "\"say \"\"hi\"\"\"\r\n");
        assert_eq!(written(&["a\nb", "c\rd"]), "\"a\nb\",\"c\rd\"\r\n");
    }

    #[test]
    fn one_empty_field_is_quoted_but_several_are_not() {
        assert_eq!(written(&[""]), "\"\"\r\n");
        assert_eq!(written(&["", ""]), ",\r\n");
        assert_eq!(written(&[]), "\r\n");
    }
    // ANCHOR_END: quoting_tests

    #[test]
    fn whitespace_and_other_control_characters_are_not_quoted() {
        assert!(!needs_quotes(" leading and trailing "));
        assert!(!needs_quotes("tab\there"));
        assert!(!needs_quotes("nul\0"));
        assert!(!needs_quotes("line\u{2028}separator"));
    }

    #[test]
    fn field_len_counts_quotes_and_doubling() {
        assert_eq!(field_len("abc"), 3);
        assert_eq!(field_len("a,b"), 5);
        assert_eq!(field_len("\""), 4);
        assert_eq!(field_len(""), 0);
    }

    #[test]
    fn a_short_buffer_is_an_error_not_a_panic() {
        let mut buffer = [0; 4];
        let mut filler = Filler::new(&mut buffer);
        assert_eq!(filler.record(&["abc", "d"]), Err(BufferTooShort));
    }
}
