"""What Rust return types become in Python. The book shows this script's output."""

from ch03_into_python import (
    code_points,
    encode_utf8,
    first_bytes,
    min_max,
    split_words,
    text_stats,
    word_frequencies,
)

# ANCHOR: shapes
print(min_max([3, -1.5, 8]))  # Option<(f64, f64)>
print(min_max([]))  # Option<(f64, f64)>
print(word_frequencies("the cat, the hat"))  # BTreeMap<String, usize>
print(split_words("one two  three"))  # Vec<&str>
print(text_stats("the quick brown fox\njumps"))  # #[derive(IntoPyObject)] struct
print(encode_utf8("hello"))  # Vec<u8>
print(first_bytes(b"abcdef", 3))  # &[u8]
print(code_points("héllo"))  # Vec<u32>
# ANCHOR_END: shapes
