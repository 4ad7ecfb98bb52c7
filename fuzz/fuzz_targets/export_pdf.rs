//! Fuzz target: see `common::export_pdf`.
#![no_main]

#[path = "../common/mod.rs"]
mod common;

libfuzzer_sys::fuzz_target!(|data: &[u8]| common::export_pdf(data));
