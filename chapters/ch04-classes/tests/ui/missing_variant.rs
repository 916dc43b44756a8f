// A `match` on `Reset` that forgets `Reset::OnNewline`. It must not compile:
// tests/compile_fail.rs checks that it fails with the error in
// missing_variant.stderr.

// ANCHOR: missing_variant
use ch04_classes::Reset;

fn resets_on(reset: Reset, c: char) -> bool {
    match reset {
        Reset::Never => false,
        Reset::OnSpace => c == ' ',
    }
}
// ANCHOR_END: missing_variant

fn main() {
    assert!(resets_on(Reset::OnSpace, ' '));
}
