//! The limits a briefing must survive: importing an article at the 50 MB size limit, and
//! loading, saving and exporting a briefing with 10,000 quotes.
//!
//! `cargo bench --bench limits`. Peak memory is measured on the real binary, see README.

#[path = "../tests/support/sample.rs"]
mod sample;

use std::time::Duration;

use briefing::briefing_file;
use briefing::import::{import_bytes, MAX_ARTICLE_BYTES};
use briefing::model::ArticleId;
use briefing::pdf::{export_pdf, ExportOptions};
use criterion::{criterion_group, criterion_main, Criterion, Throughput};

/// Arabic text of exactly `MAX_ARTICLE_BYTES` bytes (or just under, on a char boundary), made
/// of the sample's paragraphs in a varied order.
fn article_at_the_limit() -> Vec<u8> {
    let paragraphs: Vec<&str> = sample::KUWAIT
        .lines()
        .filter(|l| !l.trim().is_empty())
        .collect();
    let limit = MAX_ARTICLE_BYTES as usize;
    let mut text = String::with_capacity(limit);
    let mut state = 0x2545_f491_4f6c_dd1du64;
    while text.len() < limit {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        let p = paragraphs[(state % paragraphs.len() as u64) as usize];
        if text.len() + p.len() + 1 > limit {
            break;
        }
        text.push_str(p);
        text.push('\n');
    }
    text.into_bytes()
}

fn limits(c: &mut Criterion) {
    let mut g = c.benchmark_group("limits");
    g.sample_size(10).measurement_time(Duration::from_secs(20));

    let bytes = article_at_the_limit();
    g.throughput(Throughput::Bytes(bytes.len() as u64));
    g.bench_function("import 50 MB article", |b| {
        b.iter(|| import_bytes(&bytes, "big.txt", ArticleId(1)).map(|a| a.blocks.len()))
    });

    let big = sample::big_briefing(100, 10_000);
    let dir = tempfile::tempdir().expect("a temporary folder");
    let path = dir.path().join("big.ron");
    g.throughput(Throughput::Elements(10_000));
    g.bench_function("save 10k quotes", |b| {
        b.iter(|| briefing_file::save(&path, &big))
    });
    g.bench_function("load 10k quotes", |b| b.iter(|| briefing_file::load(&path)));
    g.bench_function("export 10k quotes", |b| {
        b.iter(|| export_pdf(&big, &ExportOptions::default(), &mut |_| {}).map(|pdf| pdf.len()))
    });
    g.finish();
}

criterion_group!(benches, limits);
criterion_main!(benches);
