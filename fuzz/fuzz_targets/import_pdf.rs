//! Fuzz target: see `common::import_pdf`.
#![no_main]

#[path = "../common/mod.rs"]
mod common;

libfuzzer_sys::fuzz_target!(|data: &[u8]| common::import_pdf(data));
