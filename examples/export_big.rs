//! Export the sample briefing (`sample OUT.pdf`) or a generated big one (`big OUT.pdf
//! [ITEMS QUOTES]`, default 40 items and 2,000 quotes), for looking at and for measuring the
//! whole process under `/usr/bin/time -v` or hyperfine. `ron OUT.ron` writes the big
//! briefing as a briefing file.

#[path = "../tests/support/sample.rs"]
mod sample;

use std::path::Path;
use std::process::ExitCode;

use briefing::model::BriefingLanguage;
use briefing::pdf::{export_to_file, ExportOptions, Paper};

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().collect();
    let (Some(what), Some(out)) = (args.get(1), args.get(2)) else {
        eprintln!("usage: export_big sample|sample-en|big|ron OUT [ITEMS QUOTES] [--letter]");
        return ExitCode::from(2);
    };
    let items = args.get(3).and_then(|s| s.parse().ok()).unwrap_or(40);
    let quotes = args.get(4).and_then(|s| s.parse().ok()).unwrap_or(2000);
    let briefing = match what.as_str() {
        "sample" => sample::sample_briefing(BriefingLanguage::Arabic),
        "sample-en" => sample::sample_briefing(BriefingLanguage::English),
        _ => sample::big_briefing(items, quotes),
    };
    if what == "ron" {
        return match briefing::briefing_file::save(Path::new(out), &briefing) {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => {
                eprintln!("error: {e}");
                ExitCode::FAILURE
            }
        };
    }
    let paper = if args.iter().any(|a| a == "--letter") {
        Paper::Letter
    } else {
        Paper::A4
    };
    let start = std::time::Instant::now();
    let timing = std::env::var("EXPORT_TIMING").is_ok();
    let mut last = -1.0f32;
    let mut progress = |p: f32| {
        if timing && (p - last >= 0.2 || p >= 1.0) {
            eprintln!("{:>6.3} s  progress {p:.2}", start.elapsed().as_secs_f32());
            last = p;
        }
    };
    match export_to_file(
        &briefing,
        Path::new(out),
        &ExportOptions { paper },
        &mut progress,
    ) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}
