//! Import of real saved web pages: the public article-extraction benchmark (181 news pages) in
//! `../shared/corpora/article-extraction-benchmark` (or `BRIEFING_CORPUS`), when it is there.
//!
//! `cargo bench --bench import_corpus`. Criterion reports pages per second ("elements"); then
//! trafilatura (`pip install trafilatura`) is timed in-process in Python on the same pages and
//! the ratio printed. Without the corpus the benchmark says so and measures nothing; without
//! Python or trafilatura it skips the ratio.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use briefing::import::import_bytes;
use briefing::model::ArticleId;
use criterion::{criterion_group, criterion_main, Criterion, Throughput};

/// Where the corpus's `html/` folder of `.html.gz` pages is.
fn corpus_dir() -> PathBuf {
    std::env::var_os("BRIEFING_CORPUS")
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("../shared/corpora/article-extraction-benchmark")
        })
        .join("html")
}

/// The corpus pages (name, bytes), sorted by name; empty when the corpus is missing.
fn pages(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut pages: Vec<(String, Vec<u8>)> = entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.to_string_lossy().ends_with(".html.gz"))
        .filter_map(|p| {
            let file = std::fs::File::open(&p).ok()?;
            let mut bytes = Vec::new();
            flate2::read::GzDecoder::new(file)
                .read_to_end(&mut bytes)
                .ok()?;
            let name = p.file_name()?.to_string_lossy().replace(".gz", "");
            Some((name, bytes))
        })
        .collect();
    pages.sort();
    pages
}

/// Seconds per page for trafilatura in-process (best of three passes over the pages), or why
/// it could not be timed.
fn trafilatura_seconds_per_page(dir: &Path) -> Result<f64, String> {
    const SCRIPT: &str = r#"
import glob, gzip, os, sys, time
import trafilatura
pages = [gzip.open(p).read().decode("utf-8", "replace")
         for p in sorted(glob.glob(os.path.join(sys.argv[1], "*.html.gz")))]
best = None
for _ in range(3):
    t = time.perf_counter()
    for html in pages:
        trafilatura.extract(html)
    spent = time.perf_counter() - t
    best = spent if best is None else min(best, spent)
print(best / len(pages))
"#;
    let out = std::process::Command::new("python3")
        .arg("-c")
        .arg(SCRIPT)
        .arg(dir)
        .output()
        .map_err(|e| format!("python3 could not be run ({e})"))?;
    if !out.status.success() {
        let stderr = String::from_utf8_lossy(&out.stderr);
        let last = stderr.lines().last().unwrap_or("").to_owned();
        return Err(format!("trafilatura could not be timed: {last}"));
    }
    String::from_utf8_lossy(&out.stdout)
        .trim()
        .parse::<f64>()
        .map_err(|e| format!("trafilatura's timing was not a number ({e})"))
}

/// Import every page once; the number of blocks, so nothing is optimised away.
fn import_all(pages: &[(String, Vec<u8>)]) -> usize {
    pages
        .iter()
        .map(|(name, bytes)| import_bytes(bytes, name, ArticleId(1)).map_or(0, |a| a.blocks.len()))
        .sum()
}

fn import_corpus(c: &mut Criterion) {
    let dir = corpus_dir();
    let pages = pages(&dir);
    if pages.is_empty() {
        eprintln!(
            "import_corpus: no corpus at {}; set BRIEFING_CORPUS to the benchmark's folder. Nothing measured.",
            dir.display()
        );
        return;
    }
    let mut g = c.benchmark_group("import_corpus");
    g.sample_size(10).measurement_time(Duration::from_secs(20));
    g.throughput(Throughput::Elements(pages.len() as u64));
    g.bench_function(format!("import {} saved web pages", pages.len()), |b| {
        b.iter(|| import_all(&pages))
    });
    g.finish();

    // The ratio, on the same footing as trafilatura's: best of three passes.
    let ours = (0..3)
        .map(|_| {
            let t = Instant::now();
            std::hint::black_box(import_all(&pages));
            t.elapsed().as_secs_f64()
        })
        .fold(f64::INFINITY, f64::min)
        / pages.len() as f64;
    println!(
        "import_corpus: briefing {:.1} ms/page ({:.0} pages/s)",
        ours * 1e3,
        1.0 / ours
    );
    match trafilatura_seconds_per_page(&dir) {
        Ok(theirs) => println!(
            "import_corpus: trafilatura in-process {:.1} ms/page ({:.0} pages/s); briefing is {:.1}x faster",
            theirs * 1e3,
            1.0 / theirs,
            theirs / ours
        ),
        Err(why) => println!("import_corpus: ratio skipped: {why}"),
    }
}

criterion_group!(benches, import_corpus);
criterion_main!(benches);
