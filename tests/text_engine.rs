//! Assertion tests for the text engine: visual order, direction, wrapping, hit-testing,
//! selection, harakat/lam-alef integrity, missing glyphs, bidi isolation, robustness.

use std::ops::Range;

use briefing::text::{
    isolate, Align, BaseDirection, FontFace, Glyph, GlyphRun, Paragraph, TextEngine, TextStyle,
    Weight,
};
use skrifa::{FontRef, MetadataProvider};

const SAMPLE: &str = include_str!("../assets/kuwait-istanbul-cooperation-initiative.ar.txt");

fn sample_paragraph() -> &'static str {
    let p = SAMPLE.lines().nth(3).unwrap_or_default();
    assert!(
        p.starts_with("أكد نائب وزير الخارجية"),
        "4th line of the sample"
    );
    p
}

fn style() -> TextStyle {
    TextStyle {
        size: 16.0,
        ..TextStyle::default()
    }
}

fn shape(text: &str) -> Paragraph {
    TextEngine::new().shape(text, &style(), BaseDirection::Auto)
}

/// The text of each line, top to bottom.
fn line_texts(p: &Paragraph) -> Vec<&str> {
    p.lines()
        .iter()
        .map(|l| &p.text()[l.text_range.clone()])
        .collect()
}

fn run_text<'a>(p: &'a Paragraph, r: &GlyphRun) -> &'a str {
    &p.text()[r.text_range.clone()]
}

/// All glyphs of the paragraph with their run.
fn glyphs(p: &Paragraph) -> Vec<(&GlyphRun, &Glyph)> {
    p.lines()
        .iter()
        .flat_map(|l| l.runs.iter())
        .flat_map(|r| r.glyphs.iter().map(move |g| (r, g)))
        .collect()
}

/// Non-empty glyph ranges sorted by start must tile the text exactly (no gap, no overlap).
fn assert_glyph_ranges_tile(p: &Paragraph) {
    let mut ranges: Vec<Range<usize>> = glyphs(p)
        .into_iter()
        .map(|(_, g)| g.text_range.clone())
        .filter(|r| !r.is_empty())
        .collect();
    ranges.sort_by_key(|r| r.start);
    let mut rebuilt = String::new();
    let mut at = 0;
    for r in &ranges {
        assert_eq!(r.start, at, "glyph ranges must tile the text: {ranges:?}");
        rebuilt.push_str(&p.text()[r.clone()]);
        at = r.end;
    }
    assert_eq!(at, p.text().len());
    assert_eq!(rebuilt, p.text());
}

/// Cluster ranges of all lines tile the text exactly.
fn assert_clusters_tile(p: &Paragraph) {
    let mut ranges: Vec<Range<usize>> = p
        .lines()
        .iter()
        .flat_map(|l| l.clusters.iter().map(|c| c.text_range.clone()))
        .collect();
    ranges.sort_by_key(|r| r.start);
    let mut at = 0;
    for r in ranges {
        assert_eq!(r.start, at, "each byte covered exactly once");
        at = r.end;
    }
    assert_eq!(at, p.text().len());
}

/// Index (in visual order over the line's runs) of the run whose text contains `needle`.
fn run_index_containing(p: &Paragraph, needle: &str) -> usize {
    let runs = &p.lines()[0].runs;
    runs.iter()
        .position(|r| run_text(p, r).contains(needle))
        .unwrap_or_else(|| panic!("no run contains {needle:?}: {:?}", visual_runs(p)))
}

fn visual_runs(p: &Paragraph) -> Vec<(bool, FontFace, String)> {
    p.lines()
        .iter()
        .flat_map(|l| l.runs.iter())
        .map(|r| (r.rtl, r.face, run_text(p, r).to_owned()))
        .collect()
}

/// Glyph ranges within a run go right-to-left (decreasing) for RTL runs and increasing for LTR.
fn assert_run_glyph_order(r: &GlyphRun) {
    let starts: Vec<usize> = r
        .glyphs
        .iter()
        .filter(|g| !g.text_range.is_empty())
        .map(|g| g.text_range.start)
        .collect();
    for w in starts.windows(2) {
        if r.rtl {
            assert!(
                w[0] > w[1],
                "RTL run glyphs must go right to left: {starts:?}"
            );
        } else {
            assert!(
                w[0] < w[1],
                "LTR run glyphs must go left to right: {starts:?}"
            );
        }
    }
    for w in r.glyphs.windows(2) {
        assert!(w[0].x <= w[1].x + w[1].advance.abs() + 0.01 || w[1].advance == 0.0);
    }
}

fn nominal(face: FontFace, c: char) -> u32 {
    FontRef::new(face.data())
        .ok()
        .and_then(|f| f.charmap().map(c))
        .map(|g| g.to_u32())
        .unwrap_or(0)
}

#[test]
fn nato_line_visual_order() {
    let p = shape("الناتو (NATO) منذ أكثر من 20 عاماً");
    assert!(p.is_rtl());
    assert_eq!(p.lines().len(), 1);
    let runs = &p.lines()[0].runs;
    // NATO is exactly one LTR run, in Noto Sans.
    let nato: Vec<_> = runs.iter().filter(|r| run_text(&p, r) == "NATO").collect();
    assert_eq!(nato.len(), 1, "{:?}", visual_runs(&p));
    assert!(!nato[0].rtl);
    assert_eq!(nato[0].face, FontFace::SansRegular);
    // Visual order, left to right: عاماً, 20, منذ, NATO, الناتو.
    let order: Vec<usize> = ["عاماً", "20", "منذ", "NATO", "الناتو"]
        .iter()
        .map(|n| run_index_containing(&p, n))
        .collect();
    assert!(
        order.windows(2).all(|w| w[0] < w[1]),
        "{:?}",
        visual_runs(&p)
    );
    // Runs are laid out left to right without overlap.
    for w in runs.windows(2) {
        assert!(w[0].x + w[0].width <= w[1].x + 0.01);
    }
    // Arabic runs are RTL and in Naskh; the digits read 2 then 0 from left to right.
    for r in runs {
        let t = run_text(&p, r);
        if t.contains("عاماً") || t.contains("منذ") || t.contains("الناتو") {
            assert!(r.rtl, "{t:?}");
            assert_eq!(r.face, FontFace::NaskhRegular);
        }
        assert_run_glyph_order(r);
    }
    let digits = &runs[run_index_containing(&p, "20")];
    assert!(!digits.rtl);
    let d: Vec<&str> = digits
        .glyphs
        .iter()
        .map(|g| &p.text()[g.text_range.clone()])
        .filter(|t| t.chars().all(|c| c.is_ascii_digit()) && !t.is_empty())
        .collect();
    assert_eq!(d, ["2", "0"]);
    // "(" inside RTL text is drawn with the mirrored glyph.
    let open = p.text().find('(').unwrap_or_default();
    let (run, g) = glyphs(&p)
        .into_iter()
        .find(|(_, g)| g.text_range == (open..open + 1))
        .expect("a glyph for '('");
    assert!(run.rtl);
    assert_eq!(g.id, nominal(run.face, ')'), "bracket mirrored in RTL");
    assert_glyph_ranges_tile(&p);
}

#[test]
fn xavier_line_visual_order() {
    let p = shape("قال Xavier Colomina إن الشراكة ضرورة");
    assert!(p.is_rtl());
    let runs = &p.lines()[0].runs;
    let ltr: Vec<_> = runs.iter().filter(|r| !r.rtl).collect();
    assert_eq!(ltr.len(), 1, "{:?}", visual_runs(&p));
    assert_eq!(run_text(&p, ltr[0]), "Xavier Colomina");
    assert_eq!(ltr[0].face, FontFace::SansRegular);
    let order: Vec<usize> = ["ضرورة", "Xavier", "قال"]
        .iter()
        .map(|n| run_index_containing(&p, n))
        .collect();
    assert!(
        order.windows(2).all(|w| w[0] < w[1]),
        "{:?}",
        visual_runs(&p)
    );
    for r in runs {
        assert_run_glyph_order(r);
    }
    // Inside the LTR run, Xavier is left of Colomina.
    let x_of = |needle: &str| {
        let at = p.text().find(needle).unwrap_or_default();
        glyphs(&p)
            .into_iter()
            .find(|(_, g)| g.text_range.start == at)
            .map(|(_, g)| g.x)
            .unwrap_or(f32::NAN)
    };
    assert!(x_of("Xavier") < x_of("Colomina"));
    assert!(x_of("ضرورة") < x_of("Xavier"));
    assert!(x_of("Colomina") < x_of("قال"));
    assert_glyph_ranges_tile(&p);
}

#[test]
fn bold_uses_bold_faces() {
    let bold = TextStyle {
        weight: Weight::Bold,
        ..style()
    };
    let p = TextEngine::new().shape("قال Xavier", &bold, BaseDirection::Auto);
    let faces: Vec<FontFace> = p.lines()[0].runs.iter().map(|r| r.face).collect();
    assert!(faces.contains(&FontFace::NaskhBold), "{faces:?}");
    assert!(faces.contains(&FontFace::SansBold), "{faces:?}");
}

#[test]
fn paragraph_direction() {
    let mut e = TextEngine::new();
    let s = style();
    let rtl = |e: &mut TextEngine, t: &str, d| e.shape(t, &s, d).is_rtl();
    assert!(rtl(&mut e, "مرحبا بالعالم", BaseDirection::Auto));
    assert!(!rtl(&mut e, "Hello world", BaseDirection::Auto));
    assert!(rtl(&mut e, "2024 - «مرحبا» Hello", BaseDirection::Auto));
    assert!(!rtl(&mut e, "(20) Hello مرحبا", BaseDirection::Auto));
    assert!(
        !rtl(&mut e, "123 456", BaseDirection::Auto),
        "no strong char: LTR"
    );
    assert!(!rtl(&mut e, "", BaseDirection::Auto));
    // P2: characters inside an isolate are skipped.
    let t = format!("{} مرحبا", isolate("Hello", None));
    assert!(rtl(&mut e, &t, BaseDirection::Auto));
    // Forced.
    assert!(rtl(&mut e, "Hello", BaseDirection::Rtl));
    assert!(!rtl(&mut e, "مرحبا", BaseDirection::Ltr));
}

fn check_wrapped(width: f32) {
    let text = sample_paragraph();
    let mut p = TextEngine::new().shape(text, &style(), BaseDirection::Auto);
    p.layout(width, Align::Start);
    assert!(p.is_rtl());
    let lines = p.lines();
    assert!(lines.len() > 2, "wrapped at {width}: {} lines", lines.len());
    // Logical order, top to bottom, each byte once.
    assert_eq!(lines[0].text_range.start, 0);
    assert_eq!(lines[lines.len() - 1].text_range.end, text.len());
    for w in lines.windows(2) {
        assert_eq!(w[0].text_range.end, w[1].text_range.start);
        assert!(w[0].top < w[1].top);
        assert!(w[0].baseline < w[1].baseline);
    }
    assert_clusters_tile(&p);
    assert_glyph_ranges_tile(&p);
    // Right-aligned: the ink of every line ends at the right edge, and fits the width.
    for l in lines {
        let ink: Vec<_> = l
            .clusters
            .iter()
            .filter(|c| !p.text()[c.text_range.clone()].trim().is_empty())
            .collect();
        let right = ink.iter().map(|c| c.x1).fold(f32::MIN, f32::max);
        let left = ink.iter().map(|c| c.x0).fold(f32::MAX, f32::min);
        assert!(
            (right - width).abs() < 0.5,
            "line ends at {right}, not {width}"
        );
        assert!(left >= -0.5, "line starts at {left}");
        for r in &l.runs {
            assert!(
                r.rtl
                    || run_text(&p, r).trim().is_empty()
                    || run_text(&p, r).chars().any(|c| c.is_ascii_digit())
            );
        }
    }
    assert!(p.height() > 0.0 && p.width() <= width + 0.5);
}

#[test]
fn wrapped_paragraph_300() {
    check_wrapped(300.0);
}

#[test]
fn wrapped_paragraph_600() {
    check_wrapped(600.0);
}

#[test]
fn relayout_without_reshaping_is_stable() {
    let mut p = TextEngine::new().shape(sample_paragraph(), &style(), BaseDirection::Auto);
    assert_eq!(p.lines().len(), 1, "shape() lays out unwrapped");
    p.layout(300.0, Align::Start);
    let at300 = p.lines().to_vec();
    p.layout(600.0, Align::Start);
    assert!(p.lines().len() < at300.len());
    p.layout(300.0, Align::Start);
    assert_eq!(p.lines(), &at300[..]);
    let q = TextEngine::new().shape_and_layout(
        sample_paragraph(),
        &style(),
        BaseDirection::Auto,
        300.0,
        Align::Start,
    );
    assert_eq!(q.lines(), &at300[..]);
}

#[test]
fn hit_test_round_trips_with_selection_rects() {
    let mut p = TextEngine::new().shape(sample_paragraph(), &style(), BaseDirection::Auto);
    p.layout(300.0, Align::Justify);
    let mut checked = 0;
    for l in p.lines() {
        for c in l.clusters.iter().filter(|c| c.x1 - c.x0 > 0.5) {
            let (x, y) = ((c.x0 + c.x1) * 0.5, l.baseline - 2.0);
            let hit = p.hit_test(x, y);
            assert!(
                hit.byte >= c.text_range.start && hit.byte <= c.text_range.end,
                "centre of {:?} hit {}",
                c.text_range,
                hit.byte
            );
            let rects = p.selection_rects(c.text_range.clone());
            assert_eq!(rects.len(), 1);
            assert!(rects[0].contains(x, y));
            checked += 1;
        }
    }
    assert!(checked > 100);
}

#[test]
fn selection_across_direction_change() {
    let p = shape("قال Xavier Colomina إن الشراكة ضرورة");
    let t = p.text();
    let start = t.find("ال ").unwrap_or_default();
    let end = t.find(" Colomina").unwrap_or_default();
    let range = start..end;
    assert_eq!(&t[range.clone()], "ال Xavier");
    let rects = p.selection_rects(range.clone());
    assert!(rects.len() >= 2, "one rect per visual piece: {rects:?}");
    let line = &p.lines()[0];
    let y = line.baseline - 2.0;
    for (_, g) in glyphs(&p) {
        if g.text_range.is_empty() || g.advance <= 0.0 {
            continue;
        }
        let cx = g.x + g.advance * 0.5;
        let inside = rects.iter().any(|r| r.contains(cx, y));
        let r = &g.text_range;
        if r.start >= range.start && r.end <= range.end {
            assert!(inside, "{:?} should be selected", &t[r.clone()]);
        } else if r.end <= range.start || r.start >= range.end {
            assert!(!inside, "{:?} should not be selected", &t[r.clone()]);
        }
    }
    // Hit-testing the two ends of the rects gives back the range's ends.
    let mut bytes: Vec<usize> = rects
        .iter()
        .flat_map(|r| {
            [
                p.hit_test(r.x0 + 0.1, y).byte,
                p.hit_test(r.x1 - 0.1, y).byte,
            ]
        })
        .collect();
    bytes.sort();
    assert_eq!(bytes.first(), Some(&range.start));
    assert_eq!(bytes.last(), Some(&range.end));
}

/// Every byte offset hit-testing can return for the paragraph, by sweeping the line.
fn all_hits(p: &Paragraph) -> Vec<usize> {
    let l = &p.lines()[0];
    let mut out = Vec::new();
    let mut x = -5.0;
    while x < p.width() + 5.0 {
        out.push(p.hit_test(x, l.baseline).byte);
        x += 0.25;
    }
    out
}

#[test]
fn harakat_and_lam_alef_are_never_split() {
    for word in ["عاماً", "تحفّظ", "أحرارًا", "الاستقرار", "لا", "قال لَا"]
    {
        let p = shape(word);
        assert_glyph_ranges_tile(&p);
        for b in all_hits(&p) {
            let next = word[b..].chars().next();
            assert!(
                !next.is_some_and(unicode_normalization::char::is_combining_mark),
                "{word}: hit {b} splits a letter from its mark"
            );
        }
        for (_, g) in glyphs(&p) {
            assert!(
                word.is_char_boundary(g.text_range.start)
                    && word.is_char_boundary(g.text_range.end)
            );
        }
    }
    // Marks have their own glyphs carrying exactly the mark.
    let texts = |w: &str| -> Vec<String> {
        let p = shape(w);
        glyphs(&p)
            .into_iter()
            .map(|(_, g)| p.text()[g.text_range.clone()].to_owned())
            .collect()
    };
    assert!(
        texts("عاماً").contains(&"\u{064B}".to_owned()),
        "{:?}",
        texts("عاماً")
    );
    assert!(texts("أحرارًا").contains(&"\u{064B}".to_owned()));
    assert!(texts("تحفّظ").contains(&"\u{0651}".to_owned()));
    // Lam-alef: either one ligature glyph standing for both letters, or (Noto Naskh) a lam form
    // and an alef form each standing for its own letter; never a glyph with a partial letter.
    for w in ["لا", "الاستقرار"] {
        let t = texts(w);
        assert!(
            t.contains(&"لا".to_owned())
                || (t.contains(&"ل".to_owned()) && t.contains(&"ا".to_owned())),
            "{t:?}"
        );
        // The caret unit holding the lam also holds the alef.
        let p = shape(w);
        let lam = w.find("لا").unwrap_or_default();
        let unit = p.lines()[0]
            .clusters
            .iter()
            .find(|c| c.text_range.contains(&lam))
            .map(|c| c.text_range.clone());
        assert!(
            unit.clone().is_some_and(|u| u.end >= lam + "لا".len()),
            "{w}: {unit:?}"
        );
    }
    // ...and hit-testing never lands between lam and alef.
    for w in ["لا", "الاستقرار"] {
        let p = shape(w);
        let between = w.find("لا").unwrap_or_default() + "ل".len();
        assert!(
            !all_hits(&p).contains(&between),
            "{w}: caret inside lam-alef"
        );
        assert!(p
            .selection_rects(between - 2..between)
            .iter()
            .all(|r| r.x1 - r.x0 > 1.0));
    }
}

#[test]
fn missing_glyphs_are_reported() {
    let text = "مرحبا 中 😀 ok";
    let p = shape(text);
    let missing = p.missing_chars();
    let cjk = text.find('中').unwrap_or_default();
    let emoji = text.find('😀').unwrap_or_default();
    assert_eq!(missing, vec![(cjk, '中'), (emoji, '😀')]);
    // They are still in the layout, as .notdef glyphs.
    for (at, c) in missing {
        let g = glyphs(&p)
            .into_iter()
            .find(|(_, g)| g.text_range == (at..at + c.len_utf8()))
            .map(|(_, g)| g.id);
        assert_eq!(g, Some(0), "{c} shaped to .notdef");
    }
    assert_eq!(p.text(), text);
    assert!(shape(sample_paragraph()).missing_chars().is_empty());
}

#[test]
fn no_presentation_forms_ever() {
    let mut e = TextEngine::new();
    for line in SAMPLE.lines() {
        let p = e.shape(line, &style(), BaseDirection::Auto);
        assert_eq!(p.text(), line);
        for (_, g) in glyphs(&p) {
            let t = &p.text()[g.text_range.clone()];
            assert!(
                !t.chars().any(|c| ('\u{FB50}'..='\u{FDFF}').contains(&c)
                    || ('\u{FE70}'..='\u{FEFF}').contains(&c)),
                "presentation form in {t:?}"
            );
        }
        if !line.is_empty() {
            assert_glyph_ranges_tile(&p);
        }
    }
}

#[test]
fn bidi_controls_do_not_leak_between_paragraphs() {
    let later = "Hello مرحبا world";
    let fresh = TextEngine::new().shape(later, &style(), BaseDirection::Auto);
    let mut e = TextEngine::new();
    for opener in ["\u{202E}", "\u{202B}", "\u{2067}", "\u{202D}\u{202B}"] {
        let first = e.shape(&format!("{opener}abc مرحبا"), &style(), BaseDirection::Auto);
        assert!(!first.lines().is_empty());
        let p = e.shape(later, &style(), BaseDirection::Auto);
        assert!(!p.is_rtl());
        assert_eq!(p.lines(), fresh.lines(), "after {opener:?}");
    }
}

#[test]
fn isolate_wraps_and_balances() {
    assert_eq!(isolate("abc", Some(true)), "\u{2067}abc\u{2069}");
    assert_eq!(isolate("abc", Some(false)), "\u{2066}abc\u{2069}");
    assert_eq!(isolate("abc", None), "\u{2068}abc\u{2069}");
    // An isolate left open inside is closed; a stray PDI inside is dropped.
    assert_eq!(
        isolate("a\u{2067}b", None),
        "\u{2068}a\u{2067}b\u{2069}\u{2069}"
    );
    assert_eq!(isolate("a\u{2069}b", None), "\u{2068}ab\u{2069}");
    // Embedded in Arabic, an English quote with an unbalanced RLO stays one LTR piece and the
    // Arabic after it is unaffected.
    let quote = "NATO \u{202E}said";
    let text = format!("قال {} أمس", isolate(quote, Some(false)));
    let p = shape(&text);
    assert!(p.is_rtl());
    let runs = &p.lines()[0].runs;
    let x = |needle: &str| runs[run_index_containing(&p, needle)].x;
    assert!(x("أمس") < x("NATO") && x("NATO") < x("قال"));
    let amsi = runs.iter().find(|r| run_text(&p, r).contains("أمس"));
    assert!(amsi.is_some_and(|r| r.rtl));
}

#[test]
fn word_at_selects_whole_words() {
    let p = shape("الناتو (NATO) منذ أكثر من 20 عاماً");
    let t = p.text();
    let w = |needle: &str| {
        let at = t.find(needle).unwrap_or_default();
        &t[p.word_at(at + 1)]
    };
    assert_eq!(w("NATO"), "NATO");
    assert_eq!(w("عاماً"), "عاماً");
    assert_eq!(w("20"), "20");
    assert_eq!(&t[p.word_at(t.len())], "عاماً");
    assert_eq!(&t[p.word_at(t.find('(').unwrap_or_default())], "(");
    assert_eq!(p.word_at(10_000), t.len() - "عاماً".len()..t.len());

    // Unicode word boundaries: numbers with separators, an apostrophe, harakat and tatweel,
    // and a Persian word held together by ZWNJ are each one word.
    let p = shape("بميزانية 3.5 مليار، أي 1,250 مليوناً. قال O'Brien: مـــرحباً می\u{200c}خواهیم");
    let t = p.text();
    let w = |needle: &str| {
        let at = t.find(needle).unwrap_or_default();
        &t[p.word_at(at + needle.len() / 2)]
    };
    assert_eq!(w("3.5"), "3.5");
    assert_eq!(w("1,250"), "1,250");
    assert_eq!(w("O'Brien"), "O'Brien");
    assert_eq!(w("مليوناً"), "مليوناً");
    assert_eq!(w("مـــرحباً"), "مـــرحباً");
    assert_eq!(w("می\u{200c}خواهیم"), "می\u{200c}خواهیم");
    // Just after a word (on the comma that ends it) is that word.
    assert_eq!(w("،"), "مليار");
}

#[test]
fn hostile_inputs_do_not_panic() {
    let mut e = TextEngine::new();
    let styles = [
        style(),
        TextStyle {
            size: f32::NAN,
            line_height: f32::INFINITY,
            ..style()
        },
        TextStyle {
            size: -3.0,
            line_height: -1.0,
            italic: true,
            weight: Weight::Bold,
        },
        TextStyle {
            size: 1e30,
            line_height: 0.0,
            ..style()
        },
    ];
    let texts = [
        "",
        "\n",
        " ",
        "\u{202E}",
        "\u{2069}\u{2069}",
        "a\nب\r\nc",
        "ً",
        "لَا",
        "\u{0000}\u{FFFF}\u{10FFFF}",
        "😀👍🏽👨‍👩‍👧",
        sample_paragraph(),
    ];
    for s in &styles {
        for t in texts {
            let mut p = e.shape(t, s, BaseDirection::Auto);
            for w in [
                0.0,
                -10.0,
                f32::NAN,
                f32::INFINITY,
                f32::NEG_INFINITY,
                1e30,
                1.0,
                250.0,
            ] {
                for a in [Align::Start, Align::End, Align::Center, Align::Justify] {
                    p.layout(w, a);
                    assert!(p.width().is_finite() && p.height().is_finite());
                    for (x, y) in [(0.0, 0.0), (-1e9, 1e9), (f32::NAN, f32::NAN), (5.0, 5.0)] {
                        let c = p.hit_test(x, y);
                        assert!(c.byte <= t.len() && t.is_char_boundary(c.byte));
                    }
                    let _ = p.selection_rects(0..t.len());
                    let (hi, lo) = (5, 2);
                    let _ = p.selection_rects(hi..lo);
                    let _ = p.selection_rects(0..usize::MAX);
                    let r = p.word_at(3);
                    assert!(r.start <= r.end && r.end <= t.len());
                    let _ = p.missing_chars();
                }
            }
        }
    }
}

#[test]
fn engine_and_paragraph_are_send() {
    fn send<T: Send>() {}
    send::<TextEngine>();
    send::<Paragraph>();
    let handle = std::thread::spawn(|| {
        let mut e = TextEngine::new();
        e.shape("مرحبا", &TextStyle::default(), BaseDirection::Auto)
            .lines()
            .len()
    });
    assert_eq!(handle.join().ok(), Some(1));
}

/// The egui painter exists only with the `gui` feature; the rest of this file tests the
/// GUI-free engine, which `cargo test --no-default-features` builds on its own.
#[cfg(feature = "gui")]
#[test]
fn painter_caches_glyphs_and_uploads_once() {
    use briefing::text_paint::{paint_paragraph, paint_rects, GlyphAtlas};
    let ctx = egui::Context::default();
    let mut atlas = GlyphAtlas::new();
    let mut para = TextEngine::new().shape(sample_paragraph(), &style(), BaseDirection::Auto);
    para.layout(300.0, Align::Start);
    let frame = |atlas: &mut GlyphAtlas| {
        let mut out = ctx.run_ui(egui::RawInput::default(), |ui| {
            let painter = ui.painter();
            let origin = egui::pos2(10.0, 10.0);
            paint_rects(
                painter,
                &para.selection_rects(0..20),
                origin,
                egui::Color32::LIGHT_BLUE,
            );
            paint_paragraph(painter, atlas, &para, origin, egui::Color32::BLACK);
        });
        let meshes = out
            .shapes
            .iter()
            .filter(|s| matches!(s.shape, egui::Shape::Mesh(_)))
            .count();
        let uploads = out.textures_delta.set.len();
        out.textures_delta.clear();
        (uploads, meshes)
    };
    let (uploads1, meshes1) = frame(&mut atlas);
    let cached = atlas.cached_glyphs();
    assert!(cached > 20, "glyphs rasterised: {cached}");
    assert!(uploads1 >= 1 && meshes1 >= 1);
    let (uploads2, meshes2) = frame(&mut atlas);
    assert_eq!(
        atlas.cached_glyphs(),
        cached,
        "no re-rasterising on a repeat frame"
    );
    assert_eq!(meshes2, meshes1);
    // Only egui's own font texture may still be uploading; our atlas is not re-uploaded.
    assert!(
        uploads2 <= uploads1.saturating_sub(1),
        "{uploads1} then {uploads2}"
    );
}

/// Left and right edge of a line's ink (clusters that are not white space).
fn ink_edges(p: &Paragraph, l: &briefing::text::Line) -> (f32, f32) {
    let ink = l
        .clusters
        .iter()
        .filter(|c| !p.text()[c.text_range.clone()].trim().is_empty());
    ink.fold((f32::MAX, f32::MIN), |(lo, hi), c| {
        (lo.min(c.x0), hi.max(c.x1))
    })
}

#[test]
fn alignment_justify_hard_breaks_and_long_words() {
    let mut e = TextEngine::new();
    let mut p = e.shape(sample_paragraph(), &style(), BaseDirection::Auto);
    let width = 300.0;

    // Justify: every line but the last fills the width at both edges; the last is
    // start-aligned (the right edge, RTL).
    p.layout(width, Align::Justify);
    let n = p.lines().len();
    assert!(n > 2);
    for (i, l) in p.lines().iter().enumerate() {
        let (left, right) = ink_edges(&p, l);
        assert!((right - width).abs() < 0.5, "line {i} ends at {right}");
        if i + 1 < n {
            assert!(left.abs() < 0.5, "justified line {i} starts at {left}");
        } else {
            assert!(left > 1.0, "last line {i} is not justified");
        }
    }
    // End is the left edge of an RTL paragraph; Center leaves equal margins.
    p.layout(width, Align::End);
    for l in p.lines() {
        assert!(ink_edges(&p, l).0.abs() < 0.5);
    }
    p.layout(width, Align::Center);
    for l in p.lines() {
        let (left, right) = ink_edges(&p, l);
        assert!(((left + right) * 0.5 - width * 0.5).abs() < 0.5);
    }

    // Hard breaks end lines; each line keeps its own direction inside an LTR paragraph.
    let text = "line one\nسطر ثان\nthird";
    let p = e.shape_and_layout(text, &style(), BaseDirection::Auto, 1000.0, Align::Start);
    assert!(!p.is_rtl());
    let ranges = line_texts(&p);
    assert_eq!(ranges, ["line one\n", "سطر ثان\n", "third"]);
    assert!(p.lines()[1]
        .runs
        .iter()
        .filter(|r| !run_text(&p, r).trim().is_empty())
        .all(|r| r.rtl));
    for l in p.lines() {
        assert!(ink_edges(&p, l).0.abs() < 0.5, "LTR start is the left edge");
    }

    // A word wider than the line overflows on a line of its own and is never split.
    let text = "a supercalifragilisticexpialidocious b";
    let p = e.shape_and_layout(text, &style(), BaseDirection::Auto, 20.0, Align::Start);
    let ranges = line_texts(&p);
    assert_eq!(ranges, ["a ", "supercalifragilisticexpialidocious ", "b"]);
    assert_clusters_tile(&p);
    assert_glyph_ranges_tile(&p);
}

/// Hebrew, the other right-to-left script of the press: its own bundled face, right to left,
/// with Latin and digits in place.
#[test]
fn hebrew_is_laid_out_right_to_left_in_its_own_face() {
    let text = "השר אמר כי שיתוף הפעולה עם נאט״ו (NATO) נמשך 20 שנה";
    let p = shape(text);
    assert!(p.is_rtl());
    assert!(p.missing_chars().is_empty());
    assert_clusters_tile(&p);
    assert_glyph_ranges_tile(&p);
    let runs = visual_runs(&p);
    let at = |needle: &str| {
        runs.iter()
            .position(|(_, _, t)| t.contains(needle))
            .unwrap_or_else(|| panic!("no run contains {needle:?}: {runs:?}"))
    };
    let hebrew = &runs[at("שיתוף")];
    assert!(
        hebrew.0 && hebrew.1 == FontFace::HebrewRegular,
        "{hebrew:?}"
    );
    let nato = &runs[at("NATO")];
    assert!(!nato.0 && nato.1 == FontFace::SansRegular, "{nato:?}");
    // Read right to left: the number is left of NATO, which is left of the first word.
    assert!(at("20") < at("NATO") && at("NATO") < at("השר"), "{runs:?}");
    let bold = TextEngine::new().shape(
        text,
        &TextStyle {
            weight: briefing::text::Weight::Bold,
            ..style()
        },
        BaseDirection::Auto,
    );
    assert!(visual_runs(&bold)
        .iter()
        .any(|(_, f, t)| *f == FontFace::HebrewBold && t.contains("שיתוף")));
}

/// Persian and Urdu are written in Arabic script with letters of their own (پ چ ژ گ ک ی, ٹ ڈ ڑ
/// ں ے ھ), Persian digits and the zero-width non-joiner; Noto Naskh Arabic has them all.
#[test]
fn persian_and_urdu_are_covered_by_the_arabic_face() {
    for text in [
        "وزیر امور خارجه گفت که می‌خواهیم همکاری با ناتو را در سال ۱۴۰۴ گسترش دهیم.",
        "وزیر خارجہ نے کہا کہ پاکستان اور ترکی کے درمیان تعاون بڑھ رہا ہے۔",
    ] {
        let p = shape(text);
        assert!(p.is_rtl(), "{text}");
        assert!(
            p.missing_chars().is_empty(),
            "{text}: {:?}",
            p.missing_chars()
        );
        assert_clusters_tile(&p);
        assert_glyph_ranges_tile(&p);
        for (rtl, face, t) in visual_runs(&p) {
            if t.chars().any(char::is_alphabetic) {
                assert!(rtl && face == FontFace::NaskhRegular, "{t:?} in {face:?}");
            }
        }
    }
}

#[test]
fn digits_written_onto_a_latin_word_take_its_face() {
    let p = shape("ناقشت مجموعة السبع (G7) في مؤتمر COP29 صفقة F-35 منذ 20 عاماً.");
    let runs = visual_runs(&p);
    for word in ["G7", "COP29", "F-35"] {
        let run = runs
            .iter()
            .find(|(_, _, t)| t.contains(word))
            .unwrap_or_else(|| panic!("{word} is not one run: {runs:?}"));
        assert_eq!(run.1, FontFace::SansRegular, "{word}: {runs:?}");
        assert!(!run.0, "{word} reads left to right");
    }
    // A number on its own beside Arabic stays in the Arabic face, as do the brackets.
    let twenty = runs.iter().find(|(_, _, t)| t.contains("20")).unwrap();
    assert_eq!(twenty.1, FontFace::NaskhRegular, "{runs:?}");
    let sentence_end = runs.iter().find(|(_, _, t)| t.ends_with('.')).unwrap();
    assert_eq!(sentence_end.1, FontFace::NaskhRegular, "{runs:?}");
}

/// Everything a paragraph shows and hit-tests on, for comparing two layouts: each line's
/// range and box, its clusters and its glyphs (ids, positions, source ranges), in visual order.
fn layout_signature(p: &Paragraph) -> Vec<String> {
    let r = |x: f32| (x * 100.0).round() / 100.0;
    p.lines()
        .iter()
        .map(|l| {
            let clusters: Vec<String> = l
                .clusters
                .iter()
                .map(|c| format!("{:?}{}:{}-{}", c.text_range, c.rtl, r(c.x0), r(c.x1)))
                .collect();
            let glyphs: Vec<String> = l
                .runs
                .iter()
                .flat_map(|run| {
                    run.glyphs.iter().map(move |g| {
                        format!(
                            "{:?}/{}@{},{}:{:?}",
                            run.face,
                            g.id,
                            r(g.x),
                            r(g.y),
                            g.text_range
                        )
                    })
                })
                .collect();
            format!(
                "{:?} {} {} | {} | {}",
                l.text_range,
                r(l.top),
                r(l.height),
                clusters.join(" "),
                glyphs.join(" ")
            )
        })
        .collect()
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(160))]

    /// An edit reshaped around the changed words lays out exactly as the whole text shaped
    /// afresh: same lines, clusters and glyphs. Edits are typed, pasted or deleted anywhere
    /// in Arabic, English and mixed paragraphs, with digits, brackets, harakat and Latin names.
    #[test]
    fn reshaping_an_edit_equals_shaping_the_whole(
        which in 0usize..4,
        at in 0.0f64..1.0,
        del in 0usize..12,
        ins in proptest::sample::select(vec![
            "ب", "ا", " ", "لا", "بَ", "،", "X", "NATO", " (ICI) ", "2026", "١٢", "-",
            "قال ", " the ", "\u{64b}", ".", "", "(", ")", "Smith 3", "كتب  المراسل",
        ]),
        width in proptest::sample::select(vec![180.0f32, 420.0, f32::INFINITY]),
    ) {
        let english = "The ministers of the Gulf Cooperation Council met in Kuwait on Monday \
            to discuss the Istanbul Cooperation Initiative (ICI), twenty years after its launch \
            in 2004, and NATO officials said the talks would continue next year in Brussels \
            with partners from the region and beyond, including Qatar and the UAE.";
        let mixed = "قال الأمين العام لحلف شمال الأطلسي Mark Rutte إن مبادرة إسطنبول للتعاون \
            (ICI) دخلت عامها الـ20 وإن الحوار مع الكويت وقطر والبحرين والإمارات سيستمر في \
            2025 و2026 ضمن إطار الشراكة.";
        let texts = [sample_paragraph(), english, mixed, SAMPLE.lines().nth(5).unwrap_or_default()];
        let old_text = texts[which];
        let rtl = which != 1;
        let dir = if rtl { BaseDirection::Rtl } else { BaseDirection::Ltr };
        let mut pos = (old_text.len() as f64 * at) as usize;
        while !old_text.is_char_boundary(pos) {
            pos -= 1;
        }
        let mut end = pos;
        for _ in 0..del {
            if let Some(c) = old_text[end..].chars().next() {
                end += c.len_utf8();
            }
        }
        let mut new_text = old_text.to_owned();
        new_text.replace_range(pos..end, ins);
        let mut engine = TextEngine::new();
        let old = engine.shape_and_layout(old_text, &style(), dir, width, Align::Start);
        let spliced = engine.reshape_edit(&old, &new_text, &style(), dir, width, Align::Start);
        let whole = TextEngine::new().shape_and_layout(&new_text, &style(), dir, width, Align::Start);
        proptest::prop_assert_eq!(spliced.text(), whole.text());
        proptest::prop_assert_eq!(layout_signature(&spliced), layout_signature(&whole));
        // And an edit of the edit (typing on), reusing the spliced paragraph.
        let mut again = new_text.clone();
        again.insert(pos.min(again.len()), 'ت');
        let twice = engine.reshape_edit(&spliced, &again, &style(), dir, width, Align::Start);
        let whole = TextEngine::new().shape_and_layout(&again, &style(), dir, width, Align::Start);
        proptest::prop_assert_eq!(layout_signature(&twice), layout_signature(&whole));
    }
}

/// A number range is one figure: no line ends after the dash of `2023–2025`, at any width,
/// while a dash between words still allows a break.
#[test]
fn a_number_range_is_not_split_across_lines() {
    let text = "trained 1,200 officers in 2023–2025, according to the ministry’s figures";
    let mut p = shape(text);
    let mut seen_lines = 0;
    for width in (40..400).step_by(3) {
        p.layout(width as f32, Align::Start);
        let lines = line_texts(&p);
        seen_lines = seen_lines.max(lines.len());
        for l in &lines {
            assert!(!l.trim_end().ends_with("2023–"), "{width}: {lines:?}");
        }
    }
    assert!(seen_lines > 3, "the text was never wrapped");
    let mut p = shape("north–south corridors north–south corridors");
    let mut broke_after_dash = false;
    for width in (40..400).step_by(3) {
        p.layout(width as f32, Align::Start);
        broke_after_dash |= line_texts(&p).iter().any(|l| l.ends_with("north–"));
    }
    assert!(
        broke_after_dash,
        "a dash between words no longer allows a break"
    );
}
