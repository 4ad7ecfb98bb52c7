//! Import one PDF and print its pages and blocks: run under `/usr/bin/time -v` to read the
//! import's peak memory (`cargo run --release --example pdf_memory -- REPORT.pdf`).
fn main() {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: pdf_memory FILE.pdf");
        std::process::exit(2);
    };
    let t = std::time::Instant::now();
    match briefing::import::import_file_noted(
        std::path::Path::new(&path),
        briefing::model::ArticleId(1),
    ) {
        Ok(imported) => println!(
            "{path}: {} blocks, {} bytes of text in {:.2} s",
            imported.article.blocks.len(),
            imported.article.text.len(),
            t.elapsed().as_secs_f64()
        ),
        Err(e) => {
            eprintln!("{e}");
            std::process::exit(1);
        }
    }
}
