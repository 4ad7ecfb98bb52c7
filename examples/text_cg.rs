//! Small driver for callgrind comparisons of the text engine against the harfrust floor.
//! `cargo run --release --example text_cg -- layout|floor|digest [paragraph count]`

use std::hash::{DefaultHasher, Hash, Hasher};
use std::hint::black_box;

use briefing::text::{Align, BaseDirection, FontFace, TextEngine, TextStyle};
use harfrust::{
    BufferClusterLevel, Direction, FontRef, ShapeOptions, ShapePlan, ShaperData, UnicodeBuffer,
};

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
            let font = FontRef::new(FontFace::NaskhRegular.data()).unwrap();
            let data = ShaperData::new(&font);
            let shaper = data.shaper(&font).build();
            let script = harfrust::script::ARABIC;
            let plan = ShapePlan::new(&shaper, Direction::RightToLeft, Some(script), None, &[]);
            let mut buffer = Some(UnicodeBuffer::new());
            for _ in 0..reps {
                for p in &paras {
                    let mut buf = buffer.take().unwrap_or_default();
                    buf.set_cluster_level(BufferClusterLevel::MonotoneCharacters);
                    buf.push_str(p);
                    buf.set_direction(Direction::RightToLeft);
                    buf.set_script(script);
                    let out = shaper.shape(
                        buf,
                        ShapeOptions::new().plan(Some(&plan)).point_size(Some(16.0)),
                    );
                    black_box(out.len());
                    buffer = Some(out.clear());
                }
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
