//! A page's content stream: positioned glyphs (as our own 2-byte codes), rules and colours.
//!
//! Glyphs are written in the order they are given, which is visual order, left to right:
//! PDFium follows the stream and reverses right-to-left stretches itself, poppler sorts by
//! position; both then give back the logical text.

use super::fonts::EmbeddedFont;
use super::ExportError;

/// One glyph to paint: page coordinates in points, y up, at the glyph's origin.
pub(crate) struct PlacedGlyph<'a> {
    /// Index of the face in the font list.
    pub font: usize,
    /// Font size in points.
    pub size: f32,
    /// Glyph id in the original font.
    pub gid: u32,
    /// Origin, x.
    pub x: f32,
    /// Origin (baseline), y.
    pub y: f32,
    /// The exact source text the glyph stands for; empty for extra glyphs of a cluster.
    pub text: &'a str,
    /// Drawn with the face's main font under its second name (`fonts::ALIAS`).
    pub alias: bool,
}

pub(crate) use crate::pages::Rgb;

/// Builds one content stream.
#[derive(Default)]
pub(crate) struct Content {
    buf: Vec<u8>,
    in_text: bool,
    in_array: bool,
    /// A string is open in the array: the next glyph without a shift goes into it.
    in_string: bool,
    font: Option<(usize, u16, f32)>,
    /// Current text position: start of the line (y) and where the pen is (x).
    pen: Option<(f32, f32)>,
    fill: Option<Rgb>,
    /// The word spacing (`Tw`) in force, in points.
    word_spacing: f32,
}

/// The marked-content sequences a tagged run of lines is painted in. A line may give part of
/// itself an `/ActualText` (see `paint`), a sequence nested in the run's, with no MCID and
/// tagged `/ReadAs` (poppler reads an `/ActualText` only from a `/Span`, and reads these
/// glyphs by where they are); each sequence of a tagged run takes the page's next MCID, and
/// none is opened before it has glyphs.
pub(crate) struct Marking {
    tag: &'static str,
    tagged: bool,
    next: u32,
    open: Option<Open>,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Open {
    Plain,
    ActualText,
}

impl Default for Marking {
    fn default() -> Self {
        Marking {
            tag: "Artifact",
            tagged: false,
            next: 0,
            open: None,
        }
    }
}

impl Marking {
    /// Start a run tagged `tag`, with MCIDs when `tagged` (else an artifact): the first MCID
    /// it may take.
    pub(crate) fn begin(&mut self, tag: &'static str, tagged: bool) -> u32 {
        self.tag = tag;
        self.tagged = tagged;
        self.open = None;
        self.next
    }

    fn reopen(&mut self, content: &mut Content, open: Open, actual: Option<&str>) {
        if self.open.is_some() {
            content.end_marked();
        }
        let mcid = self.tagged.then(|| {
            self.next += 1;
            self.next - 1
        });
        content.begin_marked(self.tag, mcid, actual);
        self.open = Some(open);
    }

    /// Glyphs of the run's own follow.
    pub(crate) fn plain(&mut self, content: &mut Content) {
        match self.open {
            Some(Open::Plain) => {}
            Some(Open::ActualText) => {
                content.end_marked();
                self.open = Some(Open::Plain);
            }
            None => self.reopen(content, Open::Plain, None),
        }
    }

    /// Glyphs follow that readers honouring `/ActualText` are to read as `text`.
    pub(crate) fn actual_text(&mut self, content: &mut Content, text: &str) {
        self.plain(content);
        content.begin_marked("ReadAs", None, Some(text));
        self.open = Some(Open::ActualText);
    }

    /// End the run: the MCID its next run may take first.
    pub(crate) fn end(&mut self, content: &mut Content) -> u32 {
        match self.open.take() {
            Some(Open::ActualText) => {
                content.end_marked();
                content.end_marked();
            }
            Some(Open::Plain) => content.end_marked(),
            None => {}
        }
        self.next
    }
}

/// A 2-byte code as the two bytes of a literal string, backslash-escaped where PDF asks (the
/// brackets, the backslash, and a carriage return, which a reader would take as a line feed):
/// half the bytes of hex before compression and 5% fewer after (the hot path of a page).
fn code_bytes(buf: &mut Vec<u8>, code: u16) {
    for b in code.to_be_bytes() {
        match b {
            b'(' | b')' | b'\\' => buf.extend_from_slice(&[b'\\', b]),
            b'\r' => buf.extend_from_slice(b"\\r"),
            _ => buf.push(b),
        }
    }
}

/// Decimal digits of `n`, without going through `fmt`.
fn uint(buf: &mut Vec<u8>, mut n: u64) {
    let mut digits = [0u8; 20];
    let mut i = digits.len();
    loop {
        i -= 1;
        digits[i] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    buf.extend_from_slice(&digits[i..]);
}

/// A number the short way: at most two decimals, no trailing zeros.
fn num(buf: &mut Vec<u8>, v: f32) {
    let r = (v * 100.0).round() as i64;
    if r < 0 {
        buf.push(b'-');
    }
    let r = r.unsigned_abs();
    uint(buf, r / 100);
    let frac = r % 100;
    if frac != 0 {
        buf.push(b'.');
        buf.push(b'0' + (frac / 10) as u8);
        if !frac.is_multiple_of(10) {
            buf.push(b'0' + (frac % 10) as u8);
        }
    }
}

impl Content {
    /// End the text object (the `TJ`) being written: the next glyph starts one of its own,
    /// placed from where the pen is.
    pub(crate) fn end_object(&mut self) {
        self.end_array();
    }

    /// Paint a glyph as [`Content::glyph`] does; when `cancel_space`, the glyph is a space
    /// pdf.js is to move its pen by nothing for (see `readers::pdfjs`): the word spacing is
    /// set to minus its width while it is shown. Word spacing applies only to a one-byte code
    /// 32 in PDF, so no other reader, and no renderer, moves differently.
    pub(crate) fn glyph_spaced(
        &mut self,
        fonts: &mut [EmbeddedFont],
        g: &PlacedGlyph<'_>,
        color: Rgb,
        cancel_space: bool,
    ) -> Result<(), ExportError> {
        let spacing = if cancel_space {
            fonts
                .get(g.font)
                .map(|f| -f.advance_of(g.gid).round() * g.size / 1000.0)
                .unwrap_or(0.0)
        } else {
            0.0
        };
        if (spacing - self.word_spacing).abs() >= 0.005 {
            self.begin_text();
            self.end_array();
            num(&mut self.buf, spacing);
            self.buf.extend_from_slice(b" Tw\n");
            self.word_spacing = spacing;
        }
        self.glyph(fonts, g, color)
    }

    fn begin_text(&mut self) {
        if !self.in_text {
            self.buf.extend_from_slice(b"BT\n");
            self.in_text = true;
            self.font = None;
            self.pen = None;
        }
    }

    /// Paint a glyph in `color`; `fonts[g.font]` hands out its code.
    pub(crate) fn glyph(
        &mut self,
        fonts: &mut [EmbeddedFont],
        g: &PlacedGlyph<'_>,
        color: Rgb,
    ) -> Result<(), ExportError> {
        let Some(font) = fonts.get_mut(g.font) else {
            return Ok(());
        };
        let mut code = font.code(g.gid, g.text)?;
        if g.alias && code.font == 0 {
            font.use_alias();
            code.font = super::fonts::ALIAS;
        }
        self.begin_text();
        if self.fill != Some(color) {
            self.end_array();
            self.set_fill(color);
        }
        if self.font != Some((g.font, code.font, g.size)) {
            self.end_array();
            self.buf.push(b'/');
            font.write_resource_name(&mut self.buf, code.font);
            self.buf.push(b' ');
            num(&mut self.buf, g.size);
            self.buf.extend_from_slice(b" Tf\n");
            self.font = Some((g.font, code.font, g.size));
        }
        match self.pen {
            Some((y, pen_x)) if (y - g.y).abs() < 0.005 => {
                let shift = (g.x - pen_x) * 1000.0 / g.size;
                if shift.abs() >= 0.5 {
                    self.begin_array();
                    self.close_string();
                    num(&mut self.buf, -shift);
                }
            }
            _ => {
                self.end_array();
                self.buf.extend_from_slice(b"1 0 0 1 ");
                num(&mut self.buf, g.x);
                self.buf.push(b' ');
                num(&mut self.buf, g.y);
                self.buf.extend_from_slice(b" Tm\n");
            }
        }
        self.begin_array();
        if !self.in_string {
            self.buf.push(b'(');
            self.in_string = true;
        }
        code_bytes(&mut self.buf, code.code);
        // The pen moves by the rounded width `/W` declares, as PDF readers move it.
        let advance = font.width(code).round() * g.size / 1000.0;
        self.pen = Some((g.y, g.x + advance));
        Ok(())
    }

    fn begin_array(&mut self) {
        if !self.in_array {
            self.buf.push(b'[');
            self.in_array = true;
        }
    }

    /// Close the open string: glyphs of one string are shown one after the other with their
    /// own widths, as a run of separate strings would be.
    fn close_string(&mut self) {
        if self.in_string {
            self.buf.push(b')');
            self.in_string = false;
        }
    }

    fn end_array(&mut self) {
        if self.in_array {
            self.close_string();
            self.buf.extend_from_slice(b"]TJ\n");
            self.in_array = false;
        }
    }

    fn end_text(&mut self) {
        self.end_array();
        if self.in_text {
            self.buf.extend_from_slice(b"ET\n");
            self.in_text = false;
        }
    }

    fn set_fill(&mut self, c: Rgb) {
        for v in [c.0, c.1, c.2] {
            num(&mut self.buf, v);
            self.buf.push(b' ');
        }
        self.buf.extend_from_slice(b"rg\n");
        self.fill = Some(c);
    }

    /// A filled rectangle (rules, bars), in page points.
    pub(crate) fn rect(&mut self, x: f32, y: f32, w: f32, h: f32, color: Rgb) {
        self.end_text();
        if self.fill != Some(color) {
            self.set_fill(color);
        }
        for v in [x, y, w, h] {
            num(&mut self.buf, v);
            self.buf.push(b' ');
        }
        self.buf.extend_from_slice(b"re f\n");
    }

    /// Start a marked-content sequence tagged `tag`, with `mcid` (or none: an artifact),
    /// inside the page's text object so that it nests in it.
    /// `actual`: an `/ActualText` for the sequence's properties (see `readers::pdfium`).
    pub(crate) fn begin_marked(&mut self, tag: &str, mcid: Option<u32>, actual: Option<&str>) {
        self.begin_text();
        self.end_array();
        self.buf.push(b'/');
        self.buf.extend_from_slice(tag.as_bytes());
        if mcid.is_none() && actual.is_none() {
            self.buf.extend_from_slice(b" BMC\n");
            return;
        }
        self.buf.extend_from_slice(b"<<");
        if let Some(n) = mcid {
            self.buf.extend_from_slice(b"/MCID ");
            uint(&mut self.buf, u64::from(n));
        }
        if let Some(text) = actual.filter(|t| t.bytes().all(|b| (b' '..=b'~').contains(&b))) {
            // A text string of printable ASCII, which PDFDocEncoding writes as it is.
            self.buf.extend_from_slice(b"/ActualText(");
            for b in text.bytes() {
                if matches!(b, b'(' | b')' | b'\\') {
                    self.buf.push(b'\\');
                }
                self.buf.push(b);
            }
            self.buf.push(b')');
        } else if let Some(text) = actual {
            // A text string: UTF-16BE after its byte order mark, in hex.
            self.buf.extend_from_slice(b"/ActualText<FEFF");
            for unit in text.encode_utf16() {
                for nibble in [unit >> 12, unit >> 8, unit >> 4, unit] {
                    self.buf
                        .push(b"0123456789ABCDEF"[usize::from(nibble & 0xF)]);
                }
            }
            self.buf.push(b'>');
        }
        self.buf.extend_from_slice(b">>BDC\n");
    }

    /// End the marked-content sequence [`Content::begin_marked`] started.
    pub(crate) fn end_marked(&mut self) {
        self.end_array();
        self.buf.extend_from_slice(b"EMC\n");
    }

    /// The finished, uncompressed stream.
    pub(crate) fn finish(mut self) -> Vec<u8> {
        self.end_text();
        // Word spacing is graphics state: leave none to whatever the page draws next.
        if self.word_spacing != 0.0 {
            self.buf.extend_from_slice(b"0 Tw\n");
        }
        self.buf
    }
}

#[cfg(test)]
mod tests {
    use super::{code_bytes, Content, Marking};

    #[test]
    fn an_actual_text_nests_in_the_run_s_sequence_and_none_is_opened_empty() {
        let mut c = Content::default();
        let mut m = Marking::default();
        assert_eq!(m.begin("BlockQuote", true), 0);
        m.plain(&mut c);
        m.plain(&mut c);
        m.actual_text(&mut c, "رباجلا (x)");
        m.plain(&mut c);
        m.actual_text(&mut c, "Grossi (Rafael) \\");
        assert_eq!(m.end(&mut c), 1);
        // An artifact takes no MCID; a run that paints nothing opens nothing.
        assert_eq!(m.begin("Artifact", false), 1);
        assert_eq!(m.end(&mut c), 1);
        // A run that starts with an /ActualText opens its own sequence first.
        assert_eq!(m.begin("P", true), 1);
        m.actual_text(&mut c, "x");
        assert_eq!(m.end(&mut c), 2);
        let ops = lopdf::content::Content::decode(&c.finish())
            .expect("the stream parses")
            .operations;
        let marked: Vec<(String, Option<i64>, Option<String>)> = ops
            .iter()
            .filter(|o| o.operator == "BDC")
            .map(|o| {
                let tag = o.operands[0]
                    .as_name()
                    .map(|n| String::from_utf8_lossy(n).into_owned());
                let props = o.operands[1].as_dict().expect("properties");
                let mcid = props.get(b"MCID").and_then(|v| v.as_i64()).ok();
                let actual = props
                    .get(b"ActualText")
                    .ok()
                    .and_then(|v| lopdf::decode_text_string(v).ok());
                (tag.expect("a tag"), mcid, actual)
            })
            .collect();
        assert_eq!(
            marked,
            [
                ("BlockQuote".to_owned(), Some(0), None),
                ("ReadAs".to_owned(), None, Some("رباجلا (x)".to_owned())),
                (
                    "ReadAs".to_owned(),
                    None,
                    Some("Grossi (Rafael) \\".to_owned())
                ),
                ("P".to_owned(), Some(1), None),
                ("ReadAs".to_owned(), None, Some("x".to_owned())),
            ]
        );
        // Every sequence is closed, the nested ones first.
        let mut depth = 0i32;
        for o in &ops {
            match o.operator.as_str() {
                "BDC" | "BMC" => depth += 1,
                "EMC" => depth -= 1,
                _ => {}
            }
            assert!((0..=2).contains(&depth));
        }
        assert_eq!(depth, 0);
    }

    #[test]
    fn codes_with_brackets_backslashes_and_line_ends_read_back_exactly() {
        for code in [0x2829u16, 0x5C0D, 0x0D0A, 0x0A0D, 0x2900, 0x0041] {
            let mut stream = b"(".to_vec();
            code_bytes(&mut stream, code);
            code_bytes(&mut stream, 0x2828);
            stream.extend_from_slice(b")Tj");
            let ops = lopdf::content::Content::decode(&stream)
                .expect("the stream parses")
                .operations;
            let text = ops[0].operands[0].as_str().expect("a string");
            assert_eq!(
                text,
                [code.to_be_bytes(), [0x28, 0x28]].concat(),
                "{code:04X}"
            );
        }
    }
}
