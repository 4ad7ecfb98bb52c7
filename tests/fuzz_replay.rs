//! Replays the fuzz targets' committed seed corpora and every crash they ever found
//! (`fuzz/seeds/TARGET/`, `fuzz/regressions/TARGET/`) through the same checks the targets run.

#[path = "../fuzz/common/mod.rs"]
mod common;

use std::path::PathBuf;

fn replay(target: &str, check: fn(&[u8])) {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("fuzz");
    let mut count = 0;
    for dir in ["seeds", "regressions"] {
        let Ok(entries) = std::fs::read_dir(root.join(dir).join(target)) else {
            continue;
        };
        for entry in entries {
            let path = entry.unwrap().path();
            let data = std::fs::read(&path).unwrap();
            eprintln!("{}", path.display());
            check(&data);
            count += 1;
        }
    }
    assert!(count > 0, "no seeds for {target}");
}

#[test]
fn load_briefing() {
    replay("load_briefing", common::load_briefing);
}

#[test]
fn import_bytes() {
    replay("import_bytes", common::import_any_bytes);
}

#[test]
fn import_unicode() {
    replay("import_unicode", common::import_unicode);
}

#[test]
fn layout() {
    replay("layout", common::layout);
}

#[test]
fn export_pdf() {
    replay("export_pdf", common::export_pdf);
}

#[test]
fn import_docx() {
    replay("import_docx", common::import_docx);
}

#[test]
fn import_odt() {
    replay("import_odt", common::import_odt);
}

#[test]
fn import_eml() {
    replay("import_eml", common::import_eml);
}

#[test]
fn import_pdf() {
    replay("import_pdf", common::import_pdf);
}
