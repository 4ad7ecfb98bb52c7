//! The bundled sample briefing is valid and is exactly what `build_sample_briefing` makes.
//! Regenerate it with `BRIEFING_WRITE_SAMPLE=1 cargo test --test sample`.
#![cfg(feature = "gui")]

use briefing::app::sample::{build_sample_briefing, sample_briefing, SAMPLE_BRIEFING_RON};
use briefing::briefing_file::to_ron;

#[test]
fn bundled_sample_is_current_and_valid() {
    let built = build_sample_briefing().expect("the sample builds");
    let ron = to_ron(&built).expect("serialises");
    if std::env::var_os("BRIEFING_WRITE_SAMPLE").is_some() {
        std::fs::write(
            concat!(env!("CARGO_MANIFEST_DIR"), "/assets/sample-briefing.ron"),
            &ron,
        )
        .unwrap();
        return;
    }
    assert_eq!(
        SAMPLE_BRIEFING_RON, ron,
        "assets/sample-briefing.ron is stale; regenerate it"
    );
    let loaded = sample_briefing().expect("the bundled sample loads");
    assert_eq!(loaded, built);
    assert!(loaded.problems().is_empty());
    assert_eq!(loaded.agenda.len(), 3);
}
