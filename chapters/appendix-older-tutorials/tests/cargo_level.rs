//! The two entries that live in Cargo.toml rather than in Rust code.
//!
//! Each runs `cargo` on a small project of its own in fixtures/ (set up as an
//! older tutorial would set it up) and compares what cargo says with the
//! `expected.txt` beside it, after replacing this machine's paths. When cargo
//! or PyO3 words it differently, the test fails and shows both; to accept the
//! new words, regenerate the files and read the diff:
//!
//!     APPENDIX_OVERWRITE=1 cargo test -p appendix-older-tutorials --test cargo_level
//!
//! The builds go to `target/appendix-fixtures` (under `CARGO_TARGET_DIR` if
//! that is set), shared by both projects and kept between runs.

use std::path::{Path, PathBuf};
use std::process::Command;

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures")
        .join(name)
}

fn target_dir() -> PathBuf {
    let workspace = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let base = std::env::var_os("CARGO_TARGET_DIR")
        .or_else(|| option_env!("CARGO_TARGET_DIR").map(Into::into))
        .map_or_else(|| workspace.join("target"), |dir| workspace.join(dir));
    base.join("appendix-fixtures")
}

/// Runs `cargo <args>` in the fixture, offline, and returns whether it
/// succeeded and what it wrote to stderr, with this machine's paths replaced.
fn cargo(name: &str, args: &[&str], env: &[(&str, &str)]) -> (bool, String) {
    let dir = fixture(name);
    let target = target_dir();
    let output = Command::new(env!("CARGO"))
        .args(args)
        .envs(env.iter().copied())
        .arg("--offline")
        .arg("--target-dir")
        .arg(&target)
        .current_dir(&dir)
        // Set by maturin for wheel builds; it would hide entry 18's problem.
        .env_remove("PYO3_BUILD_EXTENSION_MODULE")
        .output()
        .expect("cargo runs");
    let stderr = String::from_utf8_lossy(&output.stderr)
        .replace(&*dir.to_string_lossy(), "$FIXTURE")
        .replace(&*target.to_string_lossy(), "$TARGET");
    (output.status.success(), stderr)
}

/// Cargo's progress lines ("Compiling ...", "Blocking waiting for file lock
/// ..."), which depend on what was built before.
fn is_progress(line: &str) -> bool {
    let verbs = [
        "Blocking",
        "Checking",
        "Compiling",
        "Downloaded",
        "Downloading",
        "Finished",
        "Locking",
        "Updating",
    ];
    verbs.iter().any(|verb| line.trim_start().starts_with(verb))
}

/// Compares `actual` with the fixture's expected.txt, or rewrites expected.txt
/// when APPENDIX_OVERWRITE=1.
fn compare_with_expected(name: &str, actual: &str) {
    let path = fixture(name).join("expected.txt");
    if std::env::var_os("APPENDIX_OVERWRITE").is_some_and(|value| value == "1") {
        std::fs::write(&path, actual).expect("expected.txt can be written");
        return;
    }
    let expected = std::fs::read_to_string(&path).unwrap_or_default();
    assert_eq!(
        expected,
        actual,
        "{} differs from what cargo says now (APPENDIX_OVERWRITE=1 rewrites it)",
        path.display()
    );
}

// ANCHOR: extension_module
/// Entry 18: with `features = ["extension-module"]`, PyO3 does not link
/// libpython, so the test binary, which calls into Python, fails to link.
/// Linux only: the linker's words differ elsewhere, and on Windows PyO3 links
/// the Python DLL whatever the feature says.
#[test]
#[cfg_attr(
    not(all(target_os = "linux", target_arch = "x86_64")),
    ignore = "the expected text is that of Rust's own linker on x86-64 Linux"
)]
fn extension_module_feature_breaks_cargo_test() {
    let name = "18_extension_module";
    // `--locked`: use the fixture's Cargo.lock, never rewrite it. The linker
    // stops after 20 missing symbols, and which 20 it meets first changes from
    // build to build: `--error-limit=0` makes it list them all.
    let flags = [("RUSTFLAGS", "-C link-arg=-Wl,--error-limit=0")];
    let (succeeded, stderr) = cargo(name, &["test", "--no-run", "--locked"], &flags);
    assert!(!succeeded, "cargo test should fail to link:\n{stderr}");
    // Keep the error lines and the linker's list of missing symbols; leave
    // out the linker command line and where each symbol was referenced.
    let mut missing: Vec<&str> = Vec::new();
    let mut kept: Vec<String> = Vec::new();
    for line in stderr.lines().filter(|line| !is_progress(line)) {
        let text = line.trim_start().trim_start_matches("= note: ").trim();
        if text.contains("undefined symbol: ") || text.contains("undefined reference to") {
            missing.push(text);
        } else if text.starts_with("error")
            || text.contains("too many errors")
            || text.starts_with("collect2:")
        {
            if !missing.is_empty() {
                kept.extend(first_symbols(&mut missing));
            }
            kept.push(text.to_string());
        }
    }
    let actual = kept.join("\n") + "\n";
    assert!(
        actual.contains("undefined symbol") || actual.contains("undefined reference"),
        "cargo test failed for another reason:\n{stderr}"
    );
    compare_with_expected(name, &actual);
}
// ANCHOR_END: extension_module

/// The first few missing symbols in alphabetical order, and how many more
/// there are: the whole list is long, and the book shows its start.
fn first_symbols(missing: &mut Vec<&str>) -> Vec<String> {
    const SHOWN: usize = 12;
    missing.sort_unstable();
    missing.dedup();
    let mut lines: Vec<String> = missing
        .iter()
        .take(SHOWN)
        .map(|line| line.to_string())
        .collect();
    if missing.len() > SHOWN {
        let more = missing.len() - SHOWN;
        lines.push(format!(
            "... and {more} more undefined symbols (this list is sorted and cut by the test)"
        ));
    }
    missing.clear();
    lines
}

// ANCHOR: abi3_py37
/// Entry 19: `abi3-py37` is not a feature of PyO3 0.30, so cargo stops before
/// compiling anything.
#[test]
fn abi3_py37_feature_does_not_exist() {
    let name = "19_abi3_py37";
    let (succeeded, stderr) = cargo(name, &["check"], &[]);
    assert!(!succeeded, "cargo check should fail:\n{stderr}");
    let lines: Vec<&str> = stderr.lines().filter(|line| !is_progress(line)).collect();
    let actual = lines.join("\n").trim_end().to_string() + "\n";
    assert!(
        actual.contains("`pyo3` does not have that feature"),
        "cargo check failed for another reason:\n{stderr}"
    );
    compare_with_expected(name, &actual);
}
// ANCHOR_END: abi3_py37
