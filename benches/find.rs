//! Find over a whole briefing: one query over 50 articles totalling 20 MB of Arabic text, with
//! each article's index built once, outside the timed loop (as the app keeps them).
//!
//! `cargo bench --bench find`. The budget is 30 ms (median) on the 2-core development machine.

#[path = "../tests/support/sample.rs"]
mod sample;

use std::time::Duration;

use briefing::find::{find_in_briefing, BriefingIndex, FindOptions, Query};
use briefing::model::Briefing;
use criterion::{criterion_group, criterion_main, Criterion, Throughput};

const ARTICLES: usize = 50;
const TOTAL_BYTES: usize = 20 * 1024 * 1024;

/// 50 articles of the sample's paragraphs in varied orders, some with harakat and tatweel
/// added and digits in Arabic-Indic form, so the folding has work to do.
fn big_briefing() -> Briefing {
    let paragraphs: Vec<&str> = sample::KUWAIT
        .lines()
        .chain(sample::HARAKAT.lines())
        .filter(|l| !l.trim().is_empty())
        .collect();
    let mut briefing = Briefing::new("find");
    let mut state = 0x2545_f491_4f6c_dd1du64;
    for n in 0..ARTICLES {
        let mut text = String::with_capacity(TOTAL_BYTES / ARTICLES + 4096);
        while text.len() < TOTAL_BYTES / ARTICLES {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            let p = paragraphs[(state % paragraphs.len() as u64) as usize];
            match state % 7 {
                // Eastern digits.
                0 => text.extend(p.chars().map(|c| match c.to_digit(10) {
                    Some(d) => char::from_u32(0x0660 + d).unwrap_or(c),
                    None => c,
                })),
                // Tatweel after some lams.
                1 => text.extend(p.chars().flat_map(|c| {
                    let extra = (c == 'ل').then_some('ـ');
                    std::iter::once(c).chain(extra)
                })),
                _ => text.push_str(p),
            }
            text.push('\n');
        }
        let mut article = sample::article(
            n as u32 + 1,
            &text,
            &format!("article {}", n + 1),
            "KUNA",
            "2026-11-29",
            None,
        );
        article.id = briefing.next_article_id();
        briefing.articles.push(article);
    }
    briefing
}

fn find(c: &mut Criterion) {
    let briefing = big_briefing();
    let bytes: usize = briefing.articles.iter().map(|a| a.text.len()).sum();
    let index = BriefingIndex::new(&briefing);
    let mut g = c.benchmark_group("find");
    g.sample_size(30).measurement_time(Duration::from_secs(10));
    g.throughput(Throughput::Bytes(bytes as u64));
    for (name, text) in [
        ("name", "جراح الجابر"),
        ("folded word", "اسطنبول"),
        ("latin", "nato"),
        ("absent", "مفاوضات السلام"),
    ] {
        g.bench_function(format!("query {name}, 50 articles, 20 MB"), |b| {
            b.iter(|| {
                let query = Query::new(text, FindOptions::default());
                find_in_briefing(&index, &query).len()
            })
        });
    }
    g.bench_function("whole word, 50 articles, 20 MB", |b| {
        let options = FindOptions {
            whole_word: true,
            ..FindOptions::default()
        };
        b.iter(|| find_in_briefing(&index, &Query::new("الكويت", options)).len())
    });
    g.finish();

    let mut g = c.benchmark_group("find index");
    g.sample_size(10).measurement_time(Duration::from_secs(20));
    g.throughput(Throughput::Bytes(bytes as u64));
    g.bench_function("build, 50 articles, 20 MB", |b| {
        b.iter(|| BriefingIndex::new(&briefing).len())
    });
    g.finish();
}

criterion_group!(benches, find);
criterion_main!(benches);
