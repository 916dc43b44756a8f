//! CSV exactly as Python's `csv` module writes it with the default dialect:
//! `,` between fields, `"` as the quote character, quotes inside a field
//! doubled, `\r\n` after every record, and quotes only where needed
//! (`QUOTE_MINIMAL`). Pure Rust, no Python: the rules are tested here.
//!
//! Two ways to produce the output: `CsvWriter` appends to a growing `Vec<u8>`,
//! one field at a time (what `export_csv` uses); `record_len` and `Filler`
//! measure a record, then fill a buffer of exactly that size (what the first
//! version, `export_csv_in_place`, used to write straight into a `bytes`).

// ANCHOR: needs_quotes
/// What Python's csv writer puts after every record.
pub const LINE_TERMINATOR: &[u8] = b"\r\n";

/// The bytes that make Python's csv writer put a field in quotes: the
/// delimiter, the quote character, and the two line-break characters.
const SPECIAL: [bool; 256] = {
    let mut table = [false; 256];
    table[b',' as usize] = true;
    table[b'"' as usize] = true;
    table[b'\r' as usize] = true;
    table[b'\n' as usize] = true;
    table
};

/// Where the first byte that needs quoting is, if there is one.
pub fn first_special(field: &[u8]) -> Option<usize> {
    // One table lookup per byte, stopping at the first hit. Most fields are
    // short, and most need no quotes at all.
    field.iter().position(|&byte| SPECIAL[usize::from(byte)])
}

/// Whether Python's csv writer puts `field` in quotes: when it contains the
/// delimiter, the quote character, or a line break.
pub fn needs_quotes(field: &str) -> bool {
    first_special(field.as_bytes()).is_some()
}
// ANCHOR_END: needs_quotes

// ANCHOR: csv_writer
/// Appends CSV to a growing buffer, one field at a time, so that each field
/// can be written while the value it comes from is still at hand.
#[derive(Default)]
pub struct CsvWriter {
    out: Vec<u8>,
    /// Where the current record starts in `out`, and its fields so far.
    record_start: usize,
    fields: usize,
}

impl CsvWriter {
    /// Add a field to the current record, quoted if it needs to be.
    #[inline]
    pub fn field(&mut self, field: &str) {
        let bytes = field.as_bytes();
        if self.fields > 0 {
            self.out.push(b',');
        }
        self.fields += 1;
        match first_special(bytes) {
            None => self.out.extend_from_slice(bytes),
            Some(first) => self.quoted(bytes, first),
        }
    }

    /// Write a field in quotes, each `"` in it doubled. The bytes before
    /// `first` hold no quote, so they are copied in one piece; after that,
    /// each run up to the next quote is.
    fn quoted(&mut self, bytes: &[u8], first: usize) {
        self.out.push(b'"');
        let (start, mut rest) = bytes.split_at(first);
        self.out.extend_from_slice(start);
        while let Some(quote) = rest.iter().position(|&byte| byte == b'"') {
            // The quote itself, and then a second one.
            self.out.extend_from_slice(&rest[..=quote]);
            self.out.push(b'"');
            rest = &rest[quote + 1..];
        }
        self.out.extend_from_slice(rest);
        self.out.push(b'"');
    }

    /// End the current record. A record of one field that wrote nothing was a
    /// single empty field: that one is written as `""`.
    pub fn end_record(&mut self) {
        if self.fields == 1 && self.out.len() == self.record_start {
            self.out.extend_from_slice(b"\"\"");
        }
        self.out.extend_from_slice(LINE_TERMINATOR);
        self.record_start = self.out.len();
        self.fields = 0;
    }

    /// Take back the fields written since the last `end_record`.
    pub fn abandon_record(&mut self) {
        self.out.truncate(self.record_start);
        self.fields = 0;
    }

    /// Everything written so far.
    pub fn as_bytes(&self) -> &[u8] {
        &self.out
    }
}
// ANCHOR_END: csv_writer

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

    /// The record written both ways: appended by a `CsvWriter`, and measured
    /// then filled in place. The two must agree.
    fn written(fields: &[&str]) -> String {
        let mut csv = CsvWriter::default();
        for field in fields {
            csv.field(field);
        }
        csv.end_record();

        let mut buffer = vec![0; record_len(fields)];
        let mut filler = Filler::new(&mut buffer);
        filler.record(fields).unwrap();
        assert_eq!(filler.remaining(), 0, "record_len miscounted {fields:?}");
        assert_eq!(
            csv.as_bytes(),
            buffer,
            "the two writers disagree on {fields:?}"
        );
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
    fn quotes_are_doubled_wherever_they_are() {
        assert_eq!(written(&["\""]), "\"\"\"\"\r\n");
        assert_eq!(written(&["\"\"x\""]), "\"\"\"\"\"x\"\"\"\r\n");
        assert_eq!(
            written(&["a,b\"c", "d\ne\"\""]),
            "\"a,b\"\"c\",\"d\ne\"\"\"\"\"\r\n"
        );
        assert_eq!(
            written(&["long enough for a few chunks, \"and\" more"]),
            "\"long enough for a few chunks, \"\"and\"\" more\"\r\n"
        );
    }

    #[test]
    fn first_special_finds_the_first_of_the_four_bytes() {
        assert_eq!(first_special(b""), None);
        assert_eq!(first_special(b"plain text, then"), Some(10));
        assert_eq!(first_special(b"\nfirst"), Some(0));
        assert_eq!(first_special(b"last\r"), Some(4));
        assert_eq!(first_special("é\"".as_bytes()), Some(2));
        assert_eq!(first_special(b"tab\tand\0nul"), None);
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
