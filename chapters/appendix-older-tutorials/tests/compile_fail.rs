//! Old code from PyO3 tutorials, each with the message PyO3 0.30 gives it.
//!
//! `trybuild` compiles every `tests/ui/*.rs` as a separate program and checks
//! that it fails with exactly the error stored in the `.stderr` file next to
//! it. Each program is written in today's PyO3 except for the one old API its
//! name gives, so the error is that API's alone. After a deliberate change (or
//! a new compiler that words it differently), regenerate the files and read
//! the diff:
//!
//!     TRYBUILD=overwrite cargo test -p appendix-older-tutorials --test compile_fail

// ANCHOR: compile_fail
#[test]
fn old_tutorial_code() {
    let cases = trybuild::TestCases::new();
    cases.compile_fail("tests/ui/*.rs");
    // Old code that PyO3 0.30 still accepts, even with deprecation warnings
    // denied: kept here so the appendix can say so with confidence.
    cases.pass("tests/ui-pass/*.rs");
}
// ANCHOR_END: compile_fail
