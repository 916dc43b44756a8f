use ch04_classes::Reset;

// A `match` on `Reset` that forgets `Reset::OnNewline`.
fn resets_on(reset: Reset, c: char) -> bool {
    match reset {
        Reset::Never => false,
        Reset::OnSpace => c == ' ',
    }
}

fn main() {
    assert!(resets_on(Reset::OnSpace, ' '));
}
