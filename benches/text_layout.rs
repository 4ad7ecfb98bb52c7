//! Layout throughput of the text engine against the raw shaping floor (harfrust alone).
//!
//! `cargo bench --bench text_layout -- --warm-up-time 1 --measurement-time 3`
//!
//! - `layout_600`: shape + break at 600 px + convert to our lines/glyphs (what a new paragraph
//!   costs), one paragraph at a time as the engine is used.
//! - `harfrust_floor`: each paragraph shaped by harfrust alone with Noto Naskh Arabic, plan
//!   and buffer reused: the floor no layout can beat.
//! - `relayout`: re-breaking already shaped paragraphs at a new width (window resize).

#[path = "support/floor.rs"]
mod floor;

use std::hint::black_box;

use briefing::text::{Align, BaseDirection, Paragraph, TextEngine, TextStyle};
use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};

const SAMPLE: &str = include_str!("../assets/kuwait-istanbul-cooperation-initiative.ar.txt");

/// ~1 MB of Arabic paragraphs made of the sample's words in pseudo-random order (fixed seed),
/// with varied paragraph lengths: no two paragraphs repeat.
fn generated_text(target: usize) -> Vec<String> {
    let words: Vec<&str> = SAMPLE.split_whitespace().collect();
    let mut state = 0x2545_F491_4F6C_DD1D_u64;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    let mut paras = Vec::new();
    let mut total = 0;
    while total < target {
        let n = 20 + (next() % 130) as usize;
        let mut p = String::new();
        for i in 0..n {
            if i > 0 {
                p.push(' ');
            }
            p.push_str(words[(next() % words.len() as u64) as usize]);
        }
        total += p.len();
        paras.push(p);
    }
    paras
}

fn sample_paragraphs() -> Vec<String> {
    SAMPLE
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(str::to_owned)
        .collect()
}

fn style() -> TextStyle {
    TextStyle {
        size: 16.0,
        ..TextStyle::default()
    }
}

fn bench_set(c: &mut Criterion, name: &str, paras: &[String], samples: usize) {
    let bytes: usize = paras.iter().map(String::len).sum();
    let mut group = c.benchmark_group(name);
    group.throughput(Throughput::Bytes(bytes as u64));
    group.sample_size(samples);

    let mut engine = TextEngine::new();
    group.bench_function(BenchmarkId::new("layout_600", bytes), |b| {
        b.iter(|| {
            for p in paras {
                let para =
                    engine.shape_and_layout(p, &style(), BaseDirection::Auto, 600.0, Align::Start);
                black_box(para.lines().len());
            }
        })
    });

    group.bench_function(BenchmarkId::new("shape_then_layout_600", bytes), |b| {
        b.iter(|| {
            for p in paras {
                let mut para = engine.shape(p, &style(), BaseDirection::Auto);
                para.layout(600.0, Align::Start);
                black_box(para.lines().len());
            }
        })
    });

    floor::with_floor(|shape_all| {
        group.bench_function(BenchmarkId::new("harfrust_floor", bytes), |b| {
            b.iter(|| shape_all(paras))
        });
    });

    let mut shaped: Vec<Paragraph> = paras
        .iter()
        .map(|p| engine.shape(p, &style(), BaseDirection::Auto))
        .collect();
    let mut flip = false;
    group.bench_function(BenchmarkId::new("relayout", bytes), |b| {
        b.iter(|| {
            flip = !flip;
            let width = if flip { 600.0 } else { 480.0 };
            for p in &mut shaped {
                p.layout(width, Align::Start);
                black_box(p.lines().len());
            }
        })
    });
    group.finish();
}

fn benches(c: &mut Criterion) {
    bench_set(c, "sample_article", &sample_paragraphs(), 30);
    bench_set(c, "generated_1mb", &generated_text(1_000_000), 10);
}

criterion_group!(text_layout, benches);
criterion_main!(text_layout);
