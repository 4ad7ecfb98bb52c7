//! A person's gestures on the real `briefing` binary in a real X window: Xvfb, xdotool for the
//! mouse and Latin keys, xclip for the system clipboard (and Arabic, which xdotool cannot type),
//! and the accessibility tree (AT-SPI, fed by AccessKit) to find widgets by name and read their
//! values. The steps are in `tests/window/drive.py`; this test prepares a briefing, runs them
//! and checks the saved file.
//!
//! Skipped (with a note) when Xvfb, xdotool, xclip, the accessibility bus or pyatspi are missing,
//! unless `BRIEFING_REQUIRE_WINDOW=1` (set by `.ci/run`, which installs them): then it fails.

// The app is the `gui` feature; the GUI-free build has no window to drive.
#![cfg(feature = "gui")]

use std::path::Path;
use std::process::Command;

const ARABIC_NOTE: &str = "الملف النووي الإيراني";

fn missing_tools() -> Vec<String> {
    let mut missing = Vec::new();
    for tool in [
        "Xvfb",
        "xdotool",
        "xclip",
        "import",
        "dbus-run-session",
        "dbus-send",
    ] {
        let found = Command::new("sh")
            .args(["-c", &format!("command -v {tool}")])
            .output()
            .is_ok_and(|o| o.status.success());
        if !found {
            missing.push(tool.to_owned());
        }
    }
    if !Path::new("/usr/libexec/at-spi-bus-launcher").exists() {
        missing.push("at-spi-bus-launcher (at-spi2-core)".to_owned());
    }
    let pyatspi = Command::new("/usr/bin/python3")
        .args(["-c", "import pyatspi"])
        .output()
        .is_ok_and(|o| o.status.success());
    if !pyatspi {
        missing.push("pyatspi (python3-pyatspi)".to_owned());
    }
    missing
}

#[test]
fn a_person_writes_a_briefing_in_the_real_window() {
    let missing = missing_tools();
    if !missing.is_empty() {
        assert!(
            std::env::var_os("BRIEFING_REQUIRE_WINDOW").is_none(),
            "BRIEFING_REQUIRE_WINDOW is set but these are missing: {}",
            missing.join(", ")
        );
        eprintln!("skipped: the real-window test needs {}", missing.join(", "));
        return;
    }
    let dir = tempfile::tempdir().expect("temp dir");
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let brief = dir.path().join("brief.ron");
    std::fs::copy(root.join("assets/sample-briefing.ron"), &brief).expect("copy the sample");
    let b = briefing::briefing_file::load(&brief).expect("the sample loads");
    let articles: Vec<&str> = b.articles.iter().map(|a| a.text.as_str()).collect();
    std::fs::write(dir.path().join("article.txt"), articles.join("\n\n")).expect("article text");
    std::fs::copy(
        root.join("tests/pdf_corpus/pdf/lo-docx/ar-statement.pdf"),
        dir.path().join("statement.pdf"),
    )
    .expect("copy a PDF statement");
    std::fs::copy(
        root.join("tests/pdf_corpus/pdf/typst/fa-statement.pdf"),
        dir.path().join("bayaniyeh.pdf"),
    )
    .expect("copy a Persian PDF");
    std::fs::copy(
        root.join("tests/fixtures/pdf/encrypted-he.pdf"),
        dir.path().join("protected.pdf"),
    )
    .expect("copy an encrypted PDF");

    let out = Command::new("dbus-run-session")
        .arg("--")
        .arg("/usr/bin/python3")
        .arg(root.join("tests/window/drive.py"))
        .arg(env!("CARGO_BIN_EXE_briefing"))
        .arg(dir.path())
        .output()
        .expect("run the window driver");
    let log = String::from_utf8_lossy(&out.stdout);
    let app_log = std::fs::read_to_string(dir.path().join("app.log")).unwrap_or_default();
    assert!(
        out.status.success() && log.contains("PASS"),
        "the window driver failed:\n{log}\n{}\napp log:\n{app_log}\n(screenshots in {})",
        String::from_utf8_lossy(&out.stderr),
        dir.keep().display()
    );
    eprintln!("{log}");

    // What the person typed is in the saved file, where it belongs.
    let saved = briefing::briefing_file::load(&brief).expect("the saved briefing loads");
    assert_eq!(saved.title, "Weekly brief");
    assert_eq!(
        saved.subtitle.as_deref(),
        Some("Background for the delegation (tabbed)"),
        "Tab reached the Subtitle with the caret at its end"
    );
    assert!(saved.agenda[0].title.ends_with(" (updated)"));
    assert_eq!(saved.agenda[1].notes.as_deref(), Some(ARABIC_NOTE));
    assert_eq!(
        saved.agenda[0].quotes[0].speaker.as_deref(),
        Some("H.E. Sheikh Jarrah")
    );
    assert_eq!(
        saved.agenda[0].quotes[0].note.as_deref(),
        Some("Check the date")
    );
    assert_eq!(saved.agenda.len(), b.agenda.len());
    // The article pasted with Ctrl+V outside a field is added, then the PDF statement, the
    // Persian PDF pasted as a file and the encrypted Hebrew one.
    assert_eq!(saved.articles.len(), b.articles.len() + 4);
    let pasted = &saved.articles[b.articles.len()];
    assert!(pasted.text.contains("أكد المتحدث أن المشاورات ستستمر"));
    // The match of the find bar became a quote with the exact source text.
    assert!(saved.quotes().any(|q| q.text == "الناتو"));
    // The quote from the PDF names its page in the export: the statement's second page.
    let pdf_quote = saved
        .quotes()
        .find(|q| q.text == "مضيق هرمز")
        .expect("the quote from the PDF");
    let pdf_article = saved
        .articles
        .iter()
        .find(|a| a.id == pdf_quote.article)
        .expect("its article");
    assert_eq!(pdf_article.pages_of(pdf_quote.start, pdf_quote.end), ["2"]);
    // Filed under the first item (the find bar files into the unfiled list), as the person
    // would drag it, it is exported with its attribution.
    let mut filed = saved.clone();
    let quote = pdf_quote.clone();
    filed.unfiled.retain(|q| q.id != quote.id);
    for item in &mut filed.agenda {
        item.quotes.retain(|q| q.id != quote.id);
    }
    filed.agenda[0].quotes.push(quote);
    let laid =
        briefing::pages::lay_out(&filed, briefing::pdf::Paper::A4, &mut |_| {}).expect("lay out");
    let attribution = laid
        .pages
        .iter()
        .flat_map(|page| page.lines.iter())
        .map(|placed| laid.line_text(placed))
        .find(|line| line.contains("p. 2") || line.contains("ص ٢"));
    assert!(attribution.is_some(), "no attribution names page 2");
}
