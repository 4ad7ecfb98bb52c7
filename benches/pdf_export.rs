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
    let mut group = c.benchmark_group("big");
    group.sample_size(10);
    group.bench_function("export 40 items, 2000 quotes", |b| {
        b.iter(|| export_pdf(&big, &ExportOptions::default(), &mut |_| {}).map(|v| v.len()))
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
