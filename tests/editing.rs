//! The editing logic of the text field, without egui: caret movement on laid-out mixed
//! Arabic/Latin text, edits, and undo through the briefing's commands.

use briefing::editing::{EditBuffer, FieldLayout};
use briefing::model::{AgendaItem, Briefing, Command, History, ItemId};
use briefing::text::{Affinity, TextCursor, TextEngine, TextStyle};
use proptest::prelude::*;
use unicode_segmentation::UnicodeSegmentation;

fn layout(engine: &mut TextEngine, text: &str, width: f32) -> FieldLayout {
    FieldLayout::new(engine, text, &TextStyle::default(), width, false)
}

fn end(text: &str) -> TextCursor {
    TextCursor {
        byte: text.len(),
        affinity: Affinity::Upstream,
    }
}

/// A browser's `dir=auto` field: in Arabic, after End, Right three times puts the caret three
/// letters before the end, and typed text lands there.
#[test]
fn right_arrows_after_end_walk_back_through_arabic() {
    let mut engine = TextEngine::new();
    let text = "الملف النووي الإيراني";
    let l = layout(&mut engine, text, 400.0);
    let mut buf = EditBuffer::new(text);
    buf.set_cursor(l.line_boundary(buf.focus(), true), false);
    for _ in 0..3 {
        let c = l.move_visual(buf.focus(), true);
        buf.set_cursor(c, false);
    }
    buf.insert("X", false);
    let chars: Vec<char> = text.chars().collect();
    let n = chars.len();
    let want: String = chars[..n - 3]
        .iter()
        .chain(['X'].iter())
        .chain(chars[n - 3..].iter())
        .collect();
    assert_eq!(buf.text(), want);
}

/// In English the same keys walk the other way: Left from the end goes back.
#[test]
fn left_arrows_after_end_walk_back_through_english() {
    let mut engine = TextEngine::new();
    let text = "Maritime security";
    let l = layout(&mut engine, text, 400.0);
    let mut c = end(text);
    for _ in 0..3 {
        c = l.move_visual(c, false);
    }
    assert_eq!(c.byte, text.len() - 3);
    // Right at the right end stays (no next line).
    assert_eq!(l.move_visual(end(text), true).byte, text.len());
}

/// Walking a mixed line with Right from its left edge to its right edge moves the caret right on
/// every step, visits every caret unit once, and never stops inside a letter+harakat group or
/// a lam-alef.
#[test]
fn right_arrow_moves_right_on_every_step_of_a_mixed_line() {
    let mut engine = TextEngine::new();
    for (text, rtl) in [
        (
            "قال لافروف إن Sergey Lavrov زار 3 دول (الناتو) عام 2024",
            true,
        ),
        (
            "The minister said «مبادرة إسطنبول» in Kuwait on 12 May",
            false,
        ),
        ("كَتَبَ الوزيرُ لا إله", true),
    ] {
        let l = layout(&mut engine, text, 2000.0);
        assert_eq!(l.is_rtl_at(0), rtl, "{text}");
        // Start at the visual left edge: Left until it stops.
        let mut c = l.line_boundary(end(text), !rtl);
        for _ in 0..200 {
            let n = l.move_visual(c, false);
            if n == c {
                break;
            }
            c = n;
        }
        let mut x = l.caret_rect(c).x0;
        let mut steps = 0;
        let units = text
            .graphemes(true)
            .filter(|g| !g.trim().is_empty() || *g == " ")
            .count();
        loop {
            let n = l.move_visual(c, true);
            if n == c {
                break;
            }
            let nx = l.caret_rect(n).x0;
            assert!(
                nx > x - 0.01,
                "{text}: Right moved the caret left ({x} → {nx}) at {n:?}"
            );
            assert!(text.is_char_boundary(n.byte));
            let before = &text[..n.byte];
            assert!(
                text.grapheme_indices(true).any(|(i, _)| i == n.byte) || n.byte == text.len(),
                "{text}: caret inside a grapheme at {} ({before:?})",
                n.byte
            );
            x = nx;
            c = n;
            steps += 1;
            assert!(steps <= units + 4, "{text}: more steps than caret units");
        }
        assert!(
            steps + 3 >= units,
            "{text}: {steps} steps for {units} units"
        );
    }
}

/// Home and End go to the logical start and end; Up and Down move between paragraphs.
#[test]
fn home_end_and_vertical_moves() {
    let mut engine = TextEngine::new();
    let text = "السطر الأول\nsecond line";
    let l = layout(&mut engine, text, 500.0);
    let first_end = text.find('\n').unwrap();
    let mid = TextCursor {
        byte: 4,
        affinity: Affinity::Downstream,
    };
    assert_eq!(l.line_boundary(mid, false).byte, 0);
    assert_eq!(l.line_boundary(mid, true).byte, first_end);
    let down = l.move_vertical(mid, true, l.caret_rect(mid).x0).unwrap();
    assert!(down.byte > first_end, "Down goes to the second paragraph");
    assert!(l.move_vertical(mid, false, 0.0).is_none());
    // The Arabic paragraph is right-aligned, the English one left-aligned.
    let start_ar = l.caret_rect(TextCursor::default());
    let start_en = l.caret_rect(TextCursor {
        byte: first_end + 1,
        affinity: Affinity::Downstream,
    });
    assert!(
        start_ar.x0 > 400.0,
        "Arabic starts at the right: {start_ar:?}"
    );
    assert!(
        start_en.x0 < 1.0,
        "English starts at the left: {start_en:?}"
    );
}

/// A click at the far right of an Arabic line puts the caret at its start; at the far left, at
/// its end.
#[test]
fn clicks_land_on_the_logical_ends_of_an_arabic_line() {
    let mut engine = TextEngine::new();
    let text = "مبادرة إسطنبول للتعاون";
    let l = layout(&mut engine, text, 500.0);
    let h = l.height() / 2.0;
    assert_eq!(l.hit_test(499.0, h).byte, 0);
    assert_eq!(l.hit_test(0.0, h).byte, text.len());
}

fn hostile() -> impl Strategy<Value = String> {
    let pieces = prop::sample::select(vec![
        "ال",
        "ملف",
        "كَتَبَ",
        "لا",
        "لأ",
        "ـ",
        "ً",
        "ّ",
        " ",
        "  ",
        "\n",
        "Lavrov",
        "G7",
        "3.5",
        "(",
        ")",
        "«",
        "»",
        "\u{200F}",
        "\u{2067}",
        "\u{2069}",
        "\u{200D}",
        "👩‍💻",
        "é",
        "e\u{301}",
        "١٢٣",
        "שלום",
        "\u{200C}",
        ".",
        "،",
        "\t",
    ]);
    prop::collection::vec(pieces, 0..24).prop_map(|v| v.concat())
}

#[derive(Debug, Clone)]
enum Op {
    Type(String),
    Left(bool),
    Right(bool),
    Up,
    Down,
    Home,
    End,
    Word(bool),
    Back(bool),
    Del(bool),
    Click(f32, f32, bool),
    All,
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        hostile().prop_map(Op::Type),
        any::<bool>().prop_map(Op::Left),
        any::<bool>().prop_map(Op::Right),
        Just(Op::Up),
        Just(Op::Down),
        Just(Op::Home),
        Just(Op::End),
        any::<bool>().prop_map(Op::Word),
        any::<bool>().prop_map(Op::Back),
        any::<bool>().prop_map(Op::Del),
        (-50.0f32..400.0, -20.0f32..200.0, any::<bool>()).prop_map(|(x, y, s)| Op::Click(x, y, s)),
        Just(Op::All),
    ]
}

fn on_boundary(text: &str, b: usize) -> bool {
    b == text.len() || text.grapheme_indices(true).any(|(i, _)| i == b)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(96))]

    /// Random edits, moves and clicks on hostile mixed text never panic, keep the caret and the
    /// anchor on grapheme boundaries, and undo through the briefing's commands restores every
    /// earlier text exactly.
    #[test]
    fn random_editing_keeps_the_invariants(start in hostile(), ops in prop::collection::vec(op(), 1..40), multiline in any::<bool>()) {
        let mut engine = TextEngine::new();
        let mut buf = EditBuffer::new(&start);
        let mut b = Briefing::new("t");
        let id = ItemId(1);
        let mut history = History::default();
        history.run(&mut b, Command::AddItem(0, AgendaItem { id, title: "x".into(), notes: None, quotes: Vec::new() })).unwrap();
        history.run(&mut b, Command::SetItemNotes(id, Some(start.clone()))).unwrap();
        let mut texts = vec![start.clone()];
        for op in ops {
            let l = layout(&mut engine, buf.text(), 300.0);
            let f = buf.focus();
            let changed = match op {
                Op::Type(s) => buf.insert(&s, multiline),
                Op::Left(s) => { buf.set_cursor(l.move_visual(f, false), s); false }
                Op::Right(s) => { buf.set_cursor(l.move_visual(f, true), s); false }
                Op::Up => { if let Some(c) = l.move_vertical(f, false, l.caret_rect(f).x0) { buf.set_cursor(c, false) } false }
                Op::Down => { if let Some(c) = l.move_vertical(f, true, l.caret_rect(f).x0) { buf.set_cursor(c, false) } false }
                Op::Home => { buf.set_cursor(l.line_boundary(f, false), false); false }
                Op::End => { buf.set_cursor(l.line_boundary(f, true), false); false }
                Op::Word(fw) => { let c = buf.word_step(fw); buf.set_cursor(c, false); false }
                Op::Back(w) => buf.backspace(w),
                Op::Del(w) => buf.delete_forward(w),
                Op::Click(x, y, s) => { buf.set_cursor(l.hit_test(x, y), s); false }
                Op::All => { buf.select_all(); false }
            };
            let t = buf.text();
            prop_assert!(on_boundary(t, buf.focus().byte), "focus {} in {:?}", buf.focus().byte, t);
            prop_assert!(on_boundary(t, buf.anchor().byte), "anchor {} in {:?}", buf.anchor().byte, t);
            prop_assert!(buf.selection().end <= t.len());
            if !multiline {
                prop_assert!(t.matches('\n').count() <= start.matches('\n').count());
            }
            // The caret is drawn inside the field.
            let r = l.caret_rect(f);
            prop_assert!(r.x0.is_finite() && r.y0.is_finite() && r.y1 >= r.y0);
            if changed {
                history.run(&mut b, Command::SetItemNotes(id, Some(t.to_owned()))).unwrap();
                texts.push(t.to_owned());
            }
        }
        // Undo walks back through every text exactly.
        for want in texts.iter().rev().skip(1) {
            prop_assert!(history.undo(&mut b));
            prop_assert_eq!(b.item(id).unwrap().notes.as_deref(), Some(want.as_str()));
        }
        for want in texts.iter().skip(1) {
            prop_assert!(history.redo(&mut b));
            prop_assert_eq!(b.item(id).unwrap().notes.as_deref(), Some(want.as_str()));
        }
    }
}
