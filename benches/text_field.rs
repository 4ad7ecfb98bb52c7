//! One keystroke in a 5,000-character Arabic agenda-item note to its next frame, in the whole
//! app (the outline's field is focused by a click; each iteration types a new letter and runs
//! the frame that shows it, timed, then takes the letter out again, untimed). Target: under
//! 4 ms median on a 2-core machine.
//!
//! `cargo bench --bench text_field -- --warm-up-time 1 --measurement-time 5`

use briefing::app::{AppOptions, BriefingApp, Settings, StartWith};
use briefing::model::{AgendaItem, Briefing, ItemId};
use criterion::{criterion_group, criterion_main, Criterion};
use egui::Event;
use egui_kittest::kittest::Queryable;
use egui_kittest::Harness;

const SAMPLE: &str = include_str!("../assets/kuwait-istanbul-cooperation-initiative.ar.txt");

/// About 5,000 characters of the sample's Arabic, as one paragraph or as several.
fn note(paragraphs: bool) -> String {
    let words: Vec<&str> = SAMPLE.split_whitespace().collect();
    let mut out = String::new();
    for (i, w) in words.iter().cycle().enumerate() {
        if out.chars().count() >= 5000 {
            break;
        }
        if !out.is_empty() {
            out.push(if paragraphs && i % 90 == 0 { '\n' } else { ' ' });
        }
        out.push_str(w);
    }
    out
}

fn harness(text: String) -> Harness<'static, BriefingApp> {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("note.ron");
    let mut b = Briefing::new("Note");
    b.agenda.push(AgendaItem {
        id: ItemId(1),
        title: "الملف النووي".into(),
        notes: Some(text),
        quotes: Vec::new(),
    });
    briefing::briefing_file::save(&path, &b).expect("saved");
    let app = BriefingApp::new(
        AppOptions::default(),
        StartWith::File(path.clone()),
        Settings::default(),
    );
    let mut h = Harness::builder()
        .with_size([1400.0, 900.0])
        .with_context_setup(BriefingApp::install_fonts)
        .build_ui_state(|ui, app: &mut BriefingApp| app.ui(ui), app);
    h.step();
    // The note is taller than the window: press near its top-right corner (where its Arabic
    // text starts), as a person would.
    let r = h.get_by_label("Agenda item 1 notes").rect();
    let at = egui::pos2(r.max.x - 20.0, r.min.y + 12.0);
    h.hover_at(at);
    h.step();
    h.drag_at(at);
    h.step();
    h.drop_at(at);
    h.step();
    h.step();
    std::mem::forget(dir);
    h
}

fn bench(c: &mut Criterion) {
    let mut g = c.benchmark_group("keystroke_5000_char_arabic_note");
    g.sample_size(60);
    for (name, paragraphs) in [("one_paragraph", false), ("eight_paragraphs", true)] {
        let text = note(paragraphs);
        assert!(text.chars().count() >= 5000);
        let mut h = harness(text.clone());
        let before = h.state().document().briefing().agenda[0].notes.clone();
        h.event(Event::Text("ب".into()));
        h.step();
        assert_ne!(
            h.state().document().briefing().agenda[0].notes,
            before,
            "the keystroke reached the focused note"
        );
        // The timed keystroke types a letter into a note of the starting length; an untimed
        // Backspace then takes it out again, so every timed frame is on a note of 5,000
        // characters (plus the letter). The letter changes each time, so its paragraph is
        // one no field has shown: the cache keeps only what the last frame showed.
        let letters: Vec<char> = "ابتثجحخدذرزسشصضطظعغفقكلمنهوي".chars().collect();
        let mut k = 0usize;
        g.bench_function(name, |b| {
            b.iter_custom(|iters| {
                let mut spent = std::time::Duration::ZERO;
                for _ in 0..iters {
                    k += 1;
                    let t = std::time::Instant::now();
                    h.event(Event::Text(letters[k % letters.len()].to_string()));
                    h.step();
                    spent += t.elapsed();
                    h.key_press(egui::Key::Backspace);
                    h.step();
                }
                spent
            })
        });
        let len = h.state().document().briefing().agenda[0]
            .notes
            .as_deref()
            .map_or(0, |n| n.chars().count());
        assert_eq!(
            len,
            text.chars().count() + 1,
            "each timed letter was taken out again (the first, untimed, one stays)"
        );
        eprintln!("{name}: the note ended at {len} characters after {k} timed keystrokes");
    }
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
