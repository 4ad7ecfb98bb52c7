//! PDF import over the corpus (`tests/pdf_corpus/pdf/`, 60 PDFs from LibreOffice, Chromium,
//! Typst and XeLaTeX), and a 300-page report.
//!
//! `cargo bench --bench import_pdf`. Criterion reports pages per second ("elements"); then
//! PyMuPDF (`page.get_text()`, in-process in Python) and poppler's `pdftotext` (one process per
//! document, as a tool would call it) are timed on the same pages and the ratios printed.
//! Without Python, PyMuPDF or pdftotext the ratio is skipped. The 300-page report is our own
//! corpus document repeated (`qpdf --empty --pages` when it is there); its peak memory is
//! printed by `examples/pdf_memory.rs` (run under `/usr/bin/time -v`).

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use briefing::import::import_bytes;
use briefing::model::ArticleId;
use criterion::{criterion_group, criterion_main, Criterion, Throughput};

fn corpus() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/pdf_corpus/pdf")
}

/// The corpus PDFs (path, bytes, pages), sorted.
fn documents() -> Vec<(PathBuf, Vec<u8>, usize)> {
    let mut docs: Vec<(PathBuf, Vec<u8>, usize)> = std::fs::read_dir(corpus())
        .into_iter()
        .flatten()
        .flatten()
        .flat_map(|d| std::fs::read_dir(d.path()).into_iter().flatten().flatten())
        .map(|e| e.path())
        .filter_map(|p| {
            let bytes = std::fs::read(&p).ok()?;
            let pages = count_pages(&bytes);
            Some((p, bytes, pages))
        })
        .collect();
    docs.sort_by(|a, b| a.0.cmp(&b.0));
    docs
}

/// The page count, as `/Type /Page` objects (each corpus PDF writes them plainly or the
/// import says how many it read).
fn count_pages(bytes: &[u8]) -> usize {
    briefing::import::pdf::read(bytes, "").map_or(0, |t| t.pages)
}

fn import_all(docs: &[(PathBuf, Vec<u8>, usize)]) -> usize {
    docs.iter()
        .map(|(p, bytes, _)| {
            import_bytes(bytes, &p.to_string_lossy(), ArticleId(1)).map_or(0, |a| a.blocks.len())
        })
        .sum()
}

/// Seconds for PyMuPDF to extract the text of every document (best of three passes).
fn pymupdf_seconds(paths: &[&Path]) -> Result<f64, String> {
    const SCRIPT: &str = r#"
import sys, time
import pymupdf
paths = sys.argv[1:]
data = [open(p, "rb").read() for p in paths]
best = None
for _ in range(3):
    t = time.perf_counter()
    for d in data:
        doc = pymupdf.open(stream=d, filetype="pdf")
        for page in doc:
            page.get_text()
    spent = time.perf_counter() - t
    best = spent if best is None else min(best, spent)
print(best)
"#;
    let out = std::process::Command::new("python3")
        .arg("-c")
        .arg(SCRIPT)
        .args(paths)
        .output()
        .map_err(|e| format!("python3 could not be run ({e})"))?;
    if !out.status.success() {
        let stderr = String::from_utf8_lossy(&out.stderr);
        return Err(format!(
            "PyMuPDF could not be timed: {}",
            stderr.lines().last().unwrap_or("")
        ));
    }
    String::from_utf8_lossy(&out.stdout)
        .trim()
        .parse::<f64>()
        .map_err(|e| format!("not a number ({e})"))
}

/// Seconds for `pdftotext` to extract every document, one process each (best of three).
fn pdftotext_seconds(paths: &[&Path]) -> Result<f64, String> {
    let mut best = f64::INFINITY;
    for _ in 0..3 {
        let t = Instant::now();
        for p in paths {
            let status = std::process::Command::new("pdftotext")
                .arg(p)
                .arg("/dev/null")
                .status()
                .map_err(|e| format!("pdftotext could not be run ({e})"))?;
            if !status.success() {
                return Err(format!("pdftotext failed on {}", p.display()));
            }
        }
        best = best.min(t.elapsed().as_secs_f64());
    }
    Ok(best)
}

fn import_pdf(c: &mut Criterion) {
    let docs = documents();
    if docs.is_empty() {
        eprintln!(
            "import_pdf: no corpus at {}; nothing measured",
            corpus().display()
        );
        return;
    }
    let pages: usize = docs.iter().map(|d| d.2).sum();
    let mut g = c.benchmark_group("import_pdf");
    g.sample_size(10).measurement_time(Duration::from_secs(20));
    g.throughput(Throughput::Elements(pages as u64));
    g.bench_function(format!("import {} PDFs, {pages} pages", docs.len()), |b| {
        b.iter(|| import_all(&docs))
    });
    g.finish();

    let ours = (0..3)
        .map(|_| {
            let t = Instant::now();
            std::hint::black_box(import_all(&docs));
            t.elapsed().as_secs_f64()
        })
        .fold(f64::INFINITY, f64::min);
    println!(
        "import_pdf: briefing {:.2} ms/page ({:.0} pages/s) over {pages} pages",
        ours / pages as f64 * 1e3,
        pages as f64 / ours
    );
    let paths: Vec<&Path> = docs.iter().map(|d| d.0.as_path()).collect();
    for (name, timed) in [
        ("PyMuPDF in-process", pymupdf_seconds(&paths)),
        (
            "pdftotext, a process per document",
            pdftotext_seconds(&paths),
        ),
    ] {
        match timed {
            Ok(theirs) => println!(
                "import_pdf: {name} {:.2} ms/page ({:.0} pages/s); briefing takes {:.2}x its time",
                theirs / pages as f64 * 1e3,
                pages as f64 / theirs,
                ours / theirs
            ),
            Err(why) => println!("import_pdf: {name}: skipped ({why})"),
        }
    }
}

criterion_group!(benches, import_pdf);
criterion_main!(benches);
