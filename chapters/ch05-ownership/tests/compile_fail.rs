//! Programs that must not compile, each with the compiler's message beside it.
//!
//! `trybuild` compiles every `tests/ui/*.rs` as a separate program and checks
//! that it fails with exactly the error stored in the `.stderr` file next to
//! it. After a deliberate change (or a new compiler that words it
//! differently), regenerate the files and read the diff:
//!
//!     TRYBUILD=overwrite cargo test -p ch05-ownership --test compile_fail

// ANCHOR: compile_fail
#[test]
fn programs_the_compiler_must_refuse() {
    trybuild::TestCases::new().compile_fail("tests/ui/*.rs");
}
// ANCHOR_END: compile_fail
