//! The harfrust floor: the sample's paragraphs shaped with harfrust alone, plan and buffer
//! reused, the same font and options as the engine. Shared by `benches/text_layout.rs` and
//! `examples/text_cg.rs` so that both measure exactly the same work.

use std::hint::black_box;

use briefing::text::FontFace;
use harfrust::{
    BufferClusterLevel, Direction, FontRef, ShapeOptions, ShapePlan, ShaperData, UnicodeBuffer,
};

/// Build the shaper and its plan once, then hand `run` a function that shapes a list of
/// paragraphs (what is timed). `None` if the bundled Naskh font cannot be read.
pub fn with_floor<R>(run: impl FnOnce(&mut dyn FnMut(&[String])) -> R) -> Option<R> {
    let font = FontRef::new(FontFace::NaskhRegular.data()).ok()?;
    let data = ShaperData::new(&font);
    let shaper = data.shaper(&font).build();
    let script = harfrust::script::ARABIC;
    let plan = ShapePlan::new(&shaper, Direction::RightToLeft, Some(script), None, &[]);
    let mut buffer = Some(UnicodeBuffer::new());
    let mut shape_all = |paras: &[String]| {
        for p in paras {
            let mut buf = buffer.take().unwrap_or_default();
            buf.set_cluster_level(BufferClusterLevel::MonotoneCharacters);
            buf.push_str(p);
            buf.set_direction(Direction::RightToLeft);
            buf.set_script(script);
            let out = shaper.shape(
                buf,
                ShapeOptions::new().plan(Some(&plan)).point_size(Some(16.0)),
            );
            black_box(out.len());
            buffer = Some(out.clear());
        }
    };
    Some(run(&mut shape_all))
}
