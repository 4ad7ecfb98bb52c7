//! The command-line contract, end to end through the real binary.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const SAMPLE: &str = "assets/kuwait-istanbul-cooperation-initiative.ar.txt";
const HTML: &str = "tests/fixtures/oman-water-summit.ar.html";

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn briefing(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_briefing"))
        .args(args)
        .current_dir(root())
        .env("SOURCE_DATE_EPOCH", "1790000000")
        .env("RUST_BACKTRACE", "1")
        .output()
        .expect("the binary runs")
}

fn ok(args: &[&str]) -> String {
    let out = briefing(args);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{args:?} failed: {stderr}");
    String::from_utf8(out.stdout).unwrap()
}

/// Runs a command that must fail: non-zero exit, one line on stderr, no panic, file unchanged.
fn fails(args: &[&str], file: &Path, words: &[&str]) {
    let before = std::fs::read(file).ok();
    let out = briefing(args);
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(!out.status.success(), "{args:?} should fail");
    assert_eq!(
        stderr.trim_end().lines().count(),
        1,
        "{args:?}: not one line: {stderr}"
    );
    assert!(
        !stderr.contains("panicked") && !stderr.contains("backtrace"),
        "{stderr}"
    );
    for w in words {
        assert!(
            stderr.contains(w),
            "{args:?}: {stderr:?} should mention {w:?}"
        );
    }
    assert_eq!(
        std::fs::read(file).ok(),
        before,
        "{args:?} changed the briefing"
    );
}

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

#[test]
fn the_whole_job_on_the_sample_article() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("b.ron");
    let f = s(&file);
    ok(&[
        "new",
        f,
        "--title",
        "الكويت والناتو",
        "--classification",
        "RESTRICTED",
        "--article",
        SAMPLE,
    ]);
    ok(&[
        "agenda",
        f,
        "--add",
        "الشراكة مع الناتو",
        "--add",
        "Regional security",
    ]);
    let suggested = ok(&["agenda", f, "--suggest"]);
    assert!(
        suggested.contains("التهديدات العابرة للحدود"),
        "{suggested}"
    );
    ok(&[
        "quote",
        f,
        "--article",
        "1",
        "--text",
        "تمتد لأكثر من 20 عاماً",
        "--text",
        "ليست مجرد خيار تكميلي، بل هي ضرورة حتمية",
        "--agenda",
        "الشراكة مع الناتو",
        "--note",
        "Key line",
    ]);
    ok(&[
        "quote",
        f,
        "--article",
        "1",
        "--text",
        "تجسد التزام البلاد الراسخ بدعم الحوار البناء",
    ]);
    ok(&[
        "quote",
        f,
        "--article",
        "1",
        "--text",
        "حلف شمال الأطلسي (الناتو)",
        "--agenda",
        "New item",
        "--speaker",
        "Someone",
    ]);
    let agenda = ok(&["agenda", f]);
    assert_eq!(
        agenda,
        "1. الشراكة مع الناتو (2 quotes)\n2. Regional security (0 quotes)\n3. New item (1 quotes)\n"
    );
    let check = ok(&["check", f]);
    assert!(
        check.contains("1 article(s), 3 agenda item(s), 4 quote(s) (1 unfiled)"),
        "{check}"
    );

    let b = briefing::briefing_file::load(&file).unwrap();
    let item = &b.agenda[0];
    assert_eq!(item.quotes[0].text, "تمتد لأكثر من 20 عاماً");
    assert_eq!(item.quotes[0].note.as_deref(), Some("Key line"));
    assert!(item.quotes[0]
        .speaker
        .as_deref()
        .unwrap_or("")
        .contains("كولومينا"));
    assert!(b.unfiled[0]
        .speaker
        .as_deref()
        .unwrap_or("")
        .contains("جراح الجابر"));
    assert_eq!(b.agenda[2].quotes[0].speaker.as_deref(), Some("Someone"));
    for q in b.quotes() {
        assert_eq!(&b.articles[0].text[q.start..q.end], q.text);
    }
}

#[test]
fn bad_input_fails_clearly_and_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("b.ron");
    let f = s(&file);
    ok(&["new", f, "--title", "t", "--article", SAMPLE]);
    fails(&["new", f, "--title", "again"], &file, &["already exists"]);
    let untitled = dir.path().join("untitled.ron");
    fails(
        &["new", s(&untitled), "--title", " "],
        &untitled,
        &["needs a title"],
    );
    fails(
        &["quote", f, "--article", "1", "--text", "لا يوجد هذا النص"],
        &file,
        &["not found"],
    );
    fails(
        &["quote", f, "--article", "1", "--text", "الناتو"],
        &file,
        &["occurs", "times"],
    );
    fails(
        &["quote", f, "--article", "2", "--text", "الكويت"],
        &file,
        &["has 1 article"],
    );
    fails(
        &["quote", f, "--article", "0", "--text", "الكويت"],
        &file,
        &["numbered from 1"],
    );
    // One bad --text among good ones: nothing is added.
    fails(
        &[
            "quote",
            f,
            "--article",
            "1",
            "--text",
            "تمتد لأكثر من 20 عاماً",
            "--text",
            "nope",
        ],
        &file,
        &["not found"],
    );
    let binary = dir.path().join("photo.txt");
    std::fs::write(&binary, b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x10").unwrap();
    fails(&["add-article", f, s(&binary)], &file, &["photo.txt"]);
    fails(&["add-article", f, "missing.txt"], &file, &["missing.txt"]);
    fails(
        &["add-article", f, SAMPLE],
        &file,
        &["already in the briefing as article 1"],
    );
    let broken = dir.path().join("broken.ron");
    std::fs::write(&broken, "Briefing(format_version: 1, title: ").unwrap();
    fails(&["check", s(&broken)], &broken, &["broken.ron:"]);
    fails(
        &["agenda", s(&broken), "--add", "x"],
        &broken,
        &["broken.ron:"],
    );
    // Exporting onto the briefing (or any file that is not a PDF) is refused.
    fails(
        &["export", f, "-o", f],
        &file,
        &["not a PDF", "left as it is"],
    );
    // Unfiled quotes are named as left out of the PDF.
    ok(&[
        "quote",
        f,
        "--article",
        "1",
        "--text",
        "تمتد لأكثر من 20 عاماً",
    ]);
    let pdf = dir.path().join("b.pdf");
    let said = ok(&["export", f, "-o", s(&pdf)]);
    assert!(
        said.contains("1 unfiled quote(s) are not in the PDF"),
        "{said}"
    );
    // A PDF from an earlier export may be replaced.
    ok(&["export", f, "-o", s(&pdf)]);
    // Usage errors exit non-zero too (clap prints its own help text).
    assert!(!briefing(&["quote", f]).status.success());
    assert_eq!(
        briefing::briefing_file::load(&file)
            .unwrap()
            .quotes()
            .count(),
        1
    );
}

#[test]
fn an_arabic_html_article_it_has_never_seen() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("water.ron");
    let f = s(&file);
    ok(&["new", f, "--title", "الأمن المائي", "--article", HTML]);
    ok(&[
        "quote",
        f,
        "--article",
        "1",
        "--text",
        "الأمن المائي لم يعد شأناً فنياً، بل أصبح قضية سيادية",
        "--text",
        "مستعد لتمويل مشاريع بقيمة 2.4 مليار دولار حتى عام 2030",
        "--agenda",
        "التمويل",
    ]);
    let check = ok(&["check", f]);
    assert!(check.contains("2 quote(s)"), "{check}");
    let b = briefing::briefing_file::load(&file).unwrap();
    let a = &b.articles[0];
    assert_eq!(a.language, "ar");
    assert!(
        !a.text.contains("لا تظهر"),
        "page chrome leaked into the article"
    );
    assert!(
        !a.text.contains("الرئيسية"),
        "navigation leaked into the article"
    );
    let speakers: Vec<_> = b.agenda[0]
        .quotes
        .iter()
        .map(|q| q.speaker.clone())
        .collect();
    assert!(
        speakers[0].as_deref().unwrap_or("").contains("سعود الحبسي"),
        "{speakers:?}"
    );
}

#[test]
fn adding_quotes_to_a_large_briefing_keeps_every_invariant() {
    // 2,000 quotes already in the briefing, then 50 more in one call.
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("big.ron");
    let f = s(&file);
    ok(&["new", f, "--title", "big", "--article", SAMPLE]);
    let mut b = briefing::briefing_file::load(&file).unwrap();
    let text = b.articles[0].text.clone();
    let words: Vec<(usize, usize)> = text
        .char_indices()
        .filter(|(_, c)| c.is_whitespace())
        .map(|(i, _)| i)
        .collect::<Vec<_>>()
        .windows(2)
        .map(|w| (w[0] + 1, w[1]))
        .filter(|(a, b)| b > a)
        .collect();
    for n in 0..2000 {
        let (start, end) = words[n % words.len()];
        let q = briefing::model::Quote::from_range(
            briefing::model::QuoteId(n as u32 + 1),
            b.articles[0].id,
            &text,
            start,
            end,
            "t".into(),
        )
        .unwrap();
        b.unfiled.push(q);
    }
    briefing::briefing_file::save(&file, &b).unwrap();
    let sentences: Vec<String> = text
        .split(['.', '\n'])
        .map(str::trim)
        .filter(|s| s.chars().count() > 30)
        .map(|s| s.chars().take(25).collect())
        .collect();
    let mut args: Vec<&str> = vec!["quote", f, "--article", "1", "--agenda", "Bulk"];
    let mut used = 0;
    for sentence in &sentences {
        if text.matches(sentence.as_str()).count() == 1 && used < 50 {
            args.push("--text");
            args.push(sentence);
            used += 1;
        }
    }
    assert!(
        used >= 20,
        "the sample gives only {used} unique sentence starts"
    );
    ok(&args);
    let b = briefing::briefing_file::load(&file).unwrap();
    assert_eq!(b.quotes().count(), 2000 + used);
    assert!(b.problems().is_empty());
}
