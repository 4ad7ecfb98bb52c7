//! Print the glyphs a PDF page draws, in content-stream order: `cargo run --example pdf_glyphs
//! -- FILE.pdf [PAGE] [--lines]` (pages from 1); with `--lines`, the page's lines instead.
fn main() {
    let args: Vec<String> = std::env::args().collect();
    let Some(path) = args.get(1) else {
        eprintln!("usage: pdf_glyphs FILE.pdf [PAGE]");
        std::process::exit(2);
    };
    let page = args
        .get(2)
        .and_then(|p| p.parse::<usize>().ok())
        .unwrap_or(1);
    let bytes = match std::fs::read(path) {
        Ok(b) => b,
        Err(e) => {
            eprintln!("{path}: {e}");
            std::process::exit(1);
        }
    };
    match briefing::import::pdf::dump_glyphs(
        &bytes,
        page.saturating_sub(1),
        args.iter().any(|a| a == "--lines"),
    ) {
        Ok(text) => print!("{text}"),
        Err(e) => {
            eprintln!("{path}: {e:?}");
            std::process::exit(1);
        }
    }
}
