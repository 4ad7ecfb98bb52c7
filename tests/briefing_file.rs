//! The RON briefing file: determinism, every bad-input case, and the atomic save.

use std::path::Path;

use briefing::briefing_file::{self, FileError};
use briefing::model::{
    AgendaItem, Article, ArticleId, Block, BlockKind, Briefing, Direction, ItemId, Quote, QuoteId,
};

const SAMPLE: &str = include_str!("../assets/kuwait-istanbul-cooperation-initiative.ar.txt");

fn article() -> Article {
    let text: String = SAMPLE
        .lines()
        .filter(|l| !l.trim().is_empty())
        .collect::<Vec<_>>()
        .join("\n\n");
    let mut blocks = Vec::new();
    let mut at = 0;
    for (n, para) in text.split("\n\n").enumerate() {
        let kind = if n == 0 {
            BlockKind::Title
        } else {
            BlockKind::Paragraph
        };
        blocks.push(Block {
            kind,
            start: at,
            end: at + para.len(),
        });
        at += para.len() + 2;
    }
    Article {
        id: ArticleId(1),
        title: "جراح الجابر".into(),
        source: "KUNA".into(),
        url: Some("https://example.org/a".into()),
        date: Some("2026-11-20".into()),
        author: None,
        language: "ar".into(),
        direction: Direction::Rtl,
        original_path: Some("assets/sample.txt".into()),
        sha256: Article::hash_text(&text),
        pages: Vec::new(),
        blocks,
        text,
    }
}

fn quote_of(article: &Article, id: u32, passage: &str) -> Quote {
    let start = article
        .text
        .find(passage)
        .expect("fixture passage is in the article");
    Quote::from_range(
        QuoteId(id),
        article.id,
        &article.text,
        start,
        start + passage.len(),
        "2026-11-29T10:00:00Z".into(),
    )
    .expect("fixture range is valid")
}

fn sample_briefing() -> Briefing {
    let a = article();
    let mut b = Briefing::new("Kuwait and the Istanbul Cooperation Initiative");
    b.classification = Some("RESTRICTED".into());
    b.drafted_by = Some("Desk officer".into());
    let mut q1 = quote_of(&a, 1, "تمتد لأكثر من 20 عاماً");
    q1.speaker = Some("كولومينا".into());
    let q2 = quote_of(&a, 2, "حلف شمال الأطلسي (الناتو)");
    b.agenda.push(AgendaItem {
        id: ItemId(1),
        title: "الشراكة مع الناتو".into(),
        notes: Some("Line \"one\"\nline two with r#\"raw\"#".into()),
        quotes: vec![q1],
    });
    b.unfiled.push(q2);
    b.articles.push(a);
    b
}

#[test]
fn save_then_load_is_byte_identical() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("b.ron");
    let b = sample_briefing();
    briefing_file::save(&path, &b).unwrap();
    let first = std::fs::read(&path).unwrap();
    let loaded = briefing_file::load(&path).unwrap();
    assert_eq!(loaded, b);
    briefing_file::save(&path, &loaded).unwrap();
    assert_eq!(std::fs::read(&path).unwrap(), first);
    // Human-readable: the Arabic is written as itself, one paragraph a line.
    let text = String::from_utf8(first).unwrap();
    assert!(text.contains("الشراكة مع الناتو"));
    assert!(text.starts_with("Briefing(\n  format_version: 1,"));
}

#[test]
fn save_keeps_the_previous_version_as_bak() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("b.ron");
    let mut b = sample_briefing();
    briefing_file::save(&path, &b).unwrap();
    let v1 = std::fs::read(&path).unwrap();
    b.title = "Second version".into();
    briefing_file::save(&path, &b).unwrap();
    assert_eq!(std::fs::read(dir.path().join("b.ron.bak")).unwrap(), v1);
    assert_eq!(briefing_file::load(&path).unwrap().title, "Second version");
    // No temporary files are left behind.
    let names: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    assert_eq!(names.len(), 2, "{names:?}");
}

#[test]
fn temporaries_of_killed_saves_are_cleaned_up() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("b.ron");
    // A save killed mid-write by a process that no longer runs, and one that is still running.
    let dead = dir.path().join(".b.ron.tmp4000000000");
    let alive = dir.path().join(".b.ron.tmp1");
    let unrelated = dir.path().join(".b.ron.tmpnotes");
    for f in [&dead, &alive, &unrelated] {
        std::fs::write(f, "partial").unwrap();
    }
    briefing_file::save(&path, &sample_briefing()).unwrap();
    assert!(
        !dead.exists(),
        "the dead process's temporary file is left behind"
    );
    assert!(
        alive.exists() && unrelated.exists(),
        "removed a file that is not stale"
    );
}

#[test]
fn a_failed_save_leaves_the_old_file_intact() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("b.ron");
    let b = sample_briefing();
    briefing_file::save(&path, &b).unwrap();
    let before = std::fs::read(&path).unwrap();
    // Block the temporary file's name with a folder so the write fails part-way.
    let blocker = dir.path().join(format!(".b.ron.tmp{}", std::process::id()));
    std::fs::create_dir(&blocker).unwrap();
    let mut changed = b.clone();
    changed.title = "never written".into();
    let err = briefing_file::save(&path, &changed).unwrap_err();
    assert!(matches!(err, FileError::Io { .. }), "{err}");
    assert_eq!(std::fs::read(&path).unwrap(), before);
    // An unwritable place gives a clear error too.
    let err = briefing_file::save(Path::new("/nonexistent-folder/b.ron"), &b).unwrap_err();
    assert!(err.to_string().contains("/nonexistent-folder"), "{err}");
}

/// Each broken file and the words its error must contain.
#[test]
fn bad_files_give_clear_errors() {
    let good = briefing_file::to_ron(&sample_briefing()).unwrap();
    let truncated = &good[..good.len() / 2];
    let newer = good.replacen("format_version: 1,", "format_version: 7,", 1);
    let wrong_type = good.replacen("format_version: 1,", "format_version: \"one\",", 1);
    let dup_ids = good.replacen("id: 2,", "id: 1,", 1);
    let out_of_bounds = {
        let start = sample_briefing().unfiled[0].start;
        good.replacen(&format!("start: {start},"), "start: 999999999,", 1)
    };
    let not_matching = good.replacen("حلف شمال الأطلسي (الناتو)\"", "حلف شمال الأطلسي (NATO)\"", 1);
    let off_boundary = {
        let start = sample_briefing().unfiled[0].start;
        good.replacen(
            &format!("start: {start},"),
            &format!("start: {},", start + 1),
            1,
        )
    };
    let edited_article = good.replacen("أكد نائب وزير", "أكدت نائب وزير", 1);
    let cases: Vec<(&str, String, &[&str])> = vec![
        ("truncated", truncated.to_owned(), &["b.ron:", "truncated"]),
        ("newer version", newer, &["newer version", "format 7"]),
        ("wrong type", wrong_type, &["b.ron:2:"]),
        ("duplicate ids", dup_ids, &["duplicate id", "quote #1"]),
        (
            "out of bounds",
            out_of_bounds,
            &["out of bounds", "quote #2"],
        ),
        (
            "text no longer matches",
            not_matching,
            &["no longer matches", "quote #2"],
        ),
        (
            "not on a char boundary",
            off_boundary,
            &["character boundary", "quote #2"],
        ),
        ("article edited", edited_article, &["SHA-256"]),
        ("not RON", "hello".into(), &["b.ron:1:"]),
        ("empty", String::new(), &["b.ron:"]),
    ];
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("b.ron");
    for (name, text, words) in cases {
        std::fs::write(&path, &text).unwrap();
        let err = briefing_file::load(&path).expect_err(name).to_string();
        for w in words {
            assert!(err.contains(w), "{name}: {err:?} should mention {w:?}");
        }
        assert!(err.contains("b.ron"), "{name}: {err:?} names no file");
    }
    // Binary junk and a missing file.
    std::fs::write(&path, [0xff, 0xfe, 0x00, 0x89, b'P', b'N', b'G']).unwrap();
    let err = briefing_file::load(&path).unwrap_err().to_string();
    assert!(err.contains("not UTF-8"), "{err}");
    let err = briefing_file::load(&dir.path().join("missing.ron"))
        .unwrap_err()
        .to_string();
    assert!(
        err.contains("missing.ron") && err.contains("cannot read"),
        "{err}"
    );
}

#[test]
fn line_ends_changed_to_crlf_and_a_file_cut_inside_a_character() {
    let dir = tempfile::tempdir().unwrap();
    let b = sample_briefing();
    let text = briefing_file::to_ron(&b).unwrap();
    // Every line end turned into CRLF (an editor, a mail client): loads as written.
    let crlf = dir.path().join("crlf.ron");
    std::fs::write(&crlf, text.replace('\n', "\r\n")).unwrap();
    assert_eq!(briefing_file::load(&crlf).unwrap(), b);
    // Cut in the middle of an Arabic letter: says so, at the line and column where it ends.
    let cut = dir.path().join("cut.ron");
    let at = text.find('ا').unwrap() + 1;
    std::fs::write(&cut, &text.as_bytes()[..at]).unwrap();
    let err = briefing_file::load(&cut).unwrap_err().to_string();
    assert!(err.contains("middle of a character"), "{err}");
    let line = text[..at - 1].matches('\n').count() + 1;
    assert!(err.contains(&format!("cut.ron:{line}:")), "{err}");
}
