// `cargo test` links the test binaries against libpython. Record where that
// libpython lives, so the tests load the one PyO3 was configured for.
//
// `use_pyo3_cfgs` also gives this crate PyO3's own `cfg`s (`Py_LIMITED_API`,
// `Py_3_10`, ...), so `build_flavour()` can say which API it was built for.
fn main() {
    pyo3_build_config::print_expected_cfgs();
    pyo3_build_config::use_pyo3_cfgs();
    pyo3_build_config::add_libpython_rpath_link_args();
}
