//! Frame cost of the app with a 1 MB Arabic article open: one frame while scrolling (the
//! reader lays out only what is in view), and opening the briefing to its first frame.
//!
//! `cargo bench --bench app_frame -- --warm-up-time 1 --measurement-time 3`

use std::path::PathBuf;

use briefing::app::{AppOptions, BriefingApp, Settings, StartWith};
use briefing::model::{ArticleId, Briefing};
use criterion::{criterion_group, criterion_main, Criterion};
use egui::{Event, Modifiers, MouseWheelUnit, Pos2, TouchPhase, Vec2};
use egui_kittest::Harness;

const SAMPLE: &str = include_str!("../assets/kuwait-istanbul-cooperation-initiative.ar.txt");

/// A ~1 MB article made of the sample's paragraphs in a varied (pseudo-random) order.
fn big_article_text() -> String {
    let paras: Vec<&str> = SAMPLE.lines().filter(|l| !l.trim().is_empty()).collect();
    let mut seed: u64 = 0x2545_F491_4F6C_DD1D;
    let mut out = String::with_capacity(1_050_000);
    out.push_str(paras[0]);
    while out.len() < 1_000_000 {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        let p = paras[(seed % paras.len() as u64) as usize];
        out.push_str("\n\n");
        out.push_str(p);
    }
    out
}

fn big_briefing_file() -> (tempfile::TempDir, PathBuf) {
    let text = big_article_text();
    let article = briefing::import::import_bytes(text.as_bytes(), "big.ar.txt", ArticleId(1))
        .expect("the generated article imports");
    let mut b = Briefing::new("Big");
    b.articles.push(article);
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("big.ron");
    briefing::briefing_file::save(&path, &b).expect("saved");
    (dir, path)
}

fn open(path: &std::path::Path) -> Harness<'static, BriefingApp> {
    let app = BriefingApp::new(
        AppOptions::default(),
        StartWith::File(path.to_path_buf()),
        Settings::default(),
    );
    let mut h = Harness::builder()
        .with_size([1400.0, 900.0])
        .with_context_setup(BriefingApp::install_fonts)
        .build_ui_state(|ui, app: &mut BriefingApp| app.ui(ui), app);
    h.step();
    h
}

fn wheel(h: &Harness<'static, BriefingApp>, dy: f32) {
    h.event(Event::PointerMoved(Pos2::new(600.0, 400.0)));
    h.event(Event::MouseWheel {
        unit: MouseWheelUnit::Point,
        delta: Vec2::new(0.0, dy),
        phase: TouchPhase::Move,
        source: egui::MouseWheelSource::Wheel,
        modifiers: Modifiers::NONE,
    });
}

fn bench(c: &mut Criterion) {
    let (_dir, path) = big_briefing_file();
    let mut g = c.benchmark_group("app_1mb_arabic");
    g.sample_size(10);
    g.bench_function("open_to_first_frame", |b| b.iter(|| open(&path)));
    let mut h = open(&path);
    assert!(h.state().document().briefing().articles[0].text.len() >= 1_000_000);
    let mut down = true;
    let mut n = 0;
    g.sample_size(100);
    g.bench_function("scroll_frame", |b| {
        b.iter(|| {
            n += 1;
            if n % 400 == 0 {
                down = !down;
            }
            wheel(&h, if down { -120.0 } else { 120.0 });
            h.step();
        })
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
