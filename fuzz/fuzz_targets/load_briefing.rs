//! Fuzz target: see `common::load_briefing`.
#![no_main]

#[path = "../common/mod.rs"]
mod common;

libfuzzer_sys::fuzz_target!(|data: &[u8]| common::load_briefing(data));
