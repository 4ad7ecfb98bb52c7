//! Export speed: the sample briefing, and a generated big one (40 items, 2,000 quotes).

#[path = "../tests/support/sample.rs"]
mod sample;

use briefing::model::BriefingLanguage;
use briefing::pdf::{export_pdf, ExportOptions};
use criterion::{criterion_group, criterion_main, Criterion};

fn bench(c: &mut Criterion) {
    let small = sample::sample_briefing(BriefingLanguage::Arabic);
    c.bench_function("export sample briefing (2 pages)", |b| {
        b.iter(|| export_pdf(&small, &ExportOptions::default(), &mut |_| {}).map(|v| v.len()))
    });
    let big = sample::big_briefing(40, 2000);
    let bytes = export_pdf(&big, &ExportOptions::default(), &mut |_| {}).unwrap_or_default();
    eprintln!(
        "pdf_export: the 40-item, 2,000-quote PDF is {} bytes",
        bytes.len()
    );
    // BRIEFING_BENCH_PDF=FILE keeps that PDF, to look inside it; BRIEFING_BENCH_RON=FILE the
    // briefing, for `/usr/bin/time -v briefing export FILE -o OUT.pdf`.
    if let Some(path) = std::env::var_os("BRIEFING_BENCH_PDF") {
        let _ = std::fs::write(path, &bytes);
    }
    if let Some(path) = std::env::var_os("BRIEFING_BENCH_RON") {
        let _ = briefing::briefing_file::save(std::path::Path::new(&path), &big);
    }
    let mut group = c.benchmark_group("big");
    group.sample_size(10);
    group.bench_function("export 40 items, 2000 quotes", |b| {
        b.iter(|| export_pdf(&big, &ExportOptions::default(), &mut |_| {}).map(|v| v.len()))
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
