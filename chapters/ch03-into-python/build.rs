// `cargo test` links the test binaries against libpython: record where it lives,
// so they load the one PyO3 was configured for (see chapter 1).
fn main() {
    pyo3_build_config::add_libpython_rpath_link_args();
}
