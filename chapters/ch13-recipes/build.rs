// `cargo test` links the test binaries against libpython. Record where that
// libpython lives, so the tests load the one PyO3 was configured for.
fn main() {
    pyo3_build_config::add_libpython_rpath_link_args();
}
