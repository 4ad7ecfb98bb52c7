use briefing::text::*;
fn main() {
    let mut e = TextEngine::new();
    for t in std::env::args().skip(1) {
        let p = e.shape(&t, &TextStyle::default(), BaseDirection::Auto);
        for l in p.lines() {
            for r in &l.runs {
                println!(
                    "run rtl={} face={:?} x={} w={} {:?}",
                    r.rtl,
                    r.face,
                    r.x,
                    r.width,
                    &p.text()[r.text_range.clone()]
                );
                for g in &r.glyphs {
                    println!(
                        "   g{} x={:.2} y={:.2} adv={:.2} {:?}",
                        g.id,
                        g.x,
                        g.y,
                        g.advance,
                        &p.text()[g.text_range.clone()]
                    );
                }
            }
            for c in &l.clusters {
                println!(
                    "  cl {:.2}..{:.2} {:?}",
                    c.x0,
                    c.x1,
                    &p.text()[c.text_range.clone()]
                );
            }
        }
    }
}
