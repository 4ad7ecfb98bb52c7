//! Fuzz target: see `common::import_docx`.
#![no_main]

#[path = "../common/mod.rs"]
mod common;

libfuzzer_sys::fuzz_target!(|data: &[u8]| common::import_docx(data));
