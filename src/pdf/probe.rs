//! Throw-away experiment: which stream order and mark placement copy out right.
use super::content::{Content, PlacedGlyph, Rgb};
use super::fonts::EmbeddedFont;
use lopdf::{dictionary, Document, Object};

const NASKH: &[u8] = include_bytes!("../../fonts/NotoNaskhArabic-Regular.ttf");

pub(crate) const SAMPLES: &[&str] = &[
    "أحرارًا",
    "عاماً",
    "تحفّظ",
    "مُحمَّد",
    "(الناتو)",
    "إِنَّ الشَّرَاكَةَ بَيْنَ النَّاتُو وَدُوَلِ الْخَلِيجِ تَمْتَدُّ",
    "كَتَبَ الطَّالِبُ دَرْسًا جَدِيدًا",
    "لِلَّهِ",
];

struct G {
    gid: u32,
    x: f32,
    y: f32,
    text: String,
    mark: bool,
}

fn shape(text: &str, size: f32) -> Vec<G> {
    use harfrust::*;
    let font = FontRef::new(NASKH).unwrap();
    let data = ShaperData::new(&font);
    let shaper = data.shaper(&font).build();
    let mut buf = UnicodeBuffer::new();
    buf.push_str(text);
    buf.set_direction(Direction::RightToLeft);
    buf.guess_segment_properties();
    buf.set_cluster_level(BufferClusterLevel::Characters);
    let out = shaper.shape(buf, ShapeOptions::new());
    let scale = size / 1000.0 * (1000.0 / 2048.0);
    let upem = 2048.0_f32;
    let _ = upem;
    let infos = out.glyph_infos();
    let pos = out.glyph_positions();
    let mut starts: Vec<usize> = infos.iter().map(|i| i.cluster as usize).collect();
    starts.sort();
    starts.dedup();
    let mut seen = std::collections::HashSet::new();
    let mut pen = 0.0;
    let mut gs = Vec::new();
    for (i, p) in infos.iter().zip(pos) {
        let s = i.cluster as usize;
        let e = starts.iter().copied().find(|&x| x > s).unwrap_or(text.len());
        let t = if seen.insert(s) { text[s..e].to_string() } else { String::new() };
        let mark = p.x_advance == 0;
        gs.push(G {
            gid: i.glyph_id,
            x: pen + p.x_offset as f32 * scale,
            y: p.y_offset as f32 * scale,
            text: t,
            mark,
        });
        pen += p.x_advance as f32 * scale;
    }
    gs
}

fn write(variant: u8, path: &str) {
    let mut fonts = vec![EmbeddedFont::new("NotoNaskhArabic-Regular", NASKH, "F0".into()).unwrap()];
    let mut doc = Document::with_version("1.7");
    let pages_id = doc.new_object_id();
    let mut kids = vec![];
    for s in SAMPLES {
        let mut gs = shape(s, 20.0);
        let upem_fix = 1.0; // scale computed in shape
        let _ = upem_fix;
        if variant == 3 || variant == 4 {
            // the mark's text joins its base (next non-mark glyph to the right)
            let mut i = 0;
            while i < gs.len() {
                if gs[i].mark {
                    let mut j = i;
                    while j < gs.len() && gs[j].mark { j += 1; }
                    if j < gs.len() {
                        let mut t = gs[j].text.clone();
                        for k in i..j { t.push_str(&gs[k].text.clone()); gs[k].text.clear(); }
                        gs[j].text = if variant == 3 { t.chars().rev().collect() } else { t };
                    }
                    i = j;
                    continue;
                }
                i += 1;
            }
        }
        if variant == 2 {
            // move every mark after the next non-mark glyph (its base, in RTL visual order)
            let mut i = 0;
            while i < gs.len() {
                if gs[i].mark {
                    let mut j = i;
                    while j < gs.len() && gs[j].mark { j += 1; }
                    if j < gs.len() {
                        let base = gs.remove(j);
                        gs.insert(i, base);
                        i = j + 1;
                        continue;
                    }
                }
                i += 1;
            }
        }
        let mut c = Content::default();
        for g in &gs {
            let mut x = 50.0 + g.x;
            if variant == 3 && g.mark { x += 0.0; }
            c.glyph(&mut fonts, &PlacedGlyph { font: 0, size: 20.0, gid: g.gid, x, y: 700.0 + g.y, text: &g.text }, Rgb(0.0, 0.0, 0.0)).unwrap();
        }
        let bytes = c.finish();
        let cid = doc.add_object(lopdf::Stream::new(dictionary! {}, bytes));
        let pid = doc.add_object(dictionary! { "Type" => "Page", "Parent" => pages_id, "Contents" => cid,
            "MediaBox" => vec![0.into(), 0.into(), 595.into(), 842.into()] });
        kids.push(Object::Reference(pid));
    }
    let mut fd = lopdf::Dictionary::new();
    for (name, id) in fonts[0].write(&mut doc).unwrap() { fd.set(name, id); }
    let n = kids.len() as i64;
    doc.objects.insert(pages_id, Object::Dictionary(dictionary! { "Type" => "Pages", "Kids" => kids, "Count" => n,
        "Resources" => dictionary! { "Font" => fd } }));
    let cat = doc.add_object(dictionary! { "Type" => "Catalog", "Pages" => pages_id });
    doc.trailer.set("Root", cat);
    doc.save(path).unwrap();
}

#[test]
#[ignore]
fn probe() {
    for v in [1u8, 2, 3, 4] {
        let path = format!("/tmp/probe{v}.pdf");
        write(v, &path);
        let shaped = shape(SAMPLES[0], 20.0);
        for g in &shaped { eprintln!("gid {} x {:.2} y {:.2} mark {} {:?}", g.gid, g.x, g.y, g.mark, g.text); }
    }
}
