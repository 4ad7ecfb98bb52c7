//! Small driver for callgrind comparisons of the text engine against the harfrust floor.
//! `cargo run --release --example text_cg -- layout|floor|digest [paragraph count]`

#[path = "../benches/support/floor.rs"]
mod floor;

use std::hash::{DefaultHasher, Hash, Hasher};
use std::hint::black_box;

use briefing::text::{Align, BaseDirection, TextEngine, TextStyle};

const SAMPLE: &str = include_str!("../assets/kuwait-istanbul-cooperation-initiative.ar.txt");

fn paragraphs() -> Vec<String> {
    SAMPLE
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(str::to_owned)
        .collect()
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let mode = args.get(1).map(String::as_str).unwrap_or("layout");
    let reps: usize = args.get(2).and_then(|s| s.parse().ok()).unwrap_or(3);
    let paras = paragraphs();
    let style = TextStyle {
        size: 16.0,
        ..TextStyle::default()
    };
    match mode {
        "floor" => {
            let done = floor::with_floor(|shape_all| {
                for _ in 0..reps {
                    shape_all(&paras);
                }
            });
            if done.is_none() {
                eprintln!("the bundled Naskh font cannot be read");
            }
        }
        "digest" => {
            let mut engine = TextEngine::new();
            let mut h = DefaultHasher::new();
            for p in &paras {
                for (w, al) in [(600.0, Align::Start), (480.0, Align::Justify)] {
                    let mut para = engine.shape_and_layout(p, &style, BaseDirection::Auto, w, al);
                    format!("{:?}", para.lines()).hash(&mut h);
                    para.layout(300.0, Align::Center);
                    format!("{:?}", para.lines()).hash(&mut h);
                }
            }
            println!("{:016x}", h.finish());
        }
        _ => {
            let mut engine = TextEngine::new();
            for _ in 0..reps {
                for p in &paras {
                    let para = engine.shape_and_layout(
                        p,
                        &style,
                        BaseDirection::Auto,
                        600.0,
                        Align::Start,
                    );
                    black_box(para.lines().len());
                }
            }
        }
    }
}
