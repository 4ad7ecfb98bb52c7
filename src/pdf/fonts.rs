//! Embedded fonts: every face is written as a Type 0 font over a subset TrueType CIDFont.
//!
//! Character codes are our own: one 2-byte code per distinct (glyph id, text) pair met in the
//! layout, so a glyph that stands for different texts in different places (a mirrored bracket,
//! a mark alone and inside a ligature) gets a code per text. `/CIDToGIDMap` maps each code to
//! the glyph in the subset, `/ToUnicode` maps it to exactly the text it stands for.

use std::collections::HashMap;
use std::fmt::Write as _;

use lopdf::{dictionary, Document, Object, ObjectId, Stream};
use sha2::{Digest, Sha256};
use skrifa::instance::{LocationRef, Size};
use skrifa::raw::TableProvider;
use skrifa::{FontRef, GlyphId, MetadataProvider};

use super::ExportError;

/// One face as the PDF uses it: the codes handed out so far, in order of first use.
pub(crate) struct EmbeddedFont {
    /// PostScript name without the subset tag, e.g. `NotoNaskhArabic-Regular`.
    name: &'static str,
    data: &'static [u8],
    /// Code → (glyph id in the original font, text). Code 0 is kept for `.notdef`.
    entries: Vec<(u16, Box<str>)>,
    /// Glyph id → the codes handed out for it, each with its text (a glyph rarely has more
    /// than one, so a short list beats hashing the text).
    codes: Vec<Vec<(Box<str>, u16)>>,
    /// Advance of each code in 1/1000 em, as `/W` declares it.
    widths: Vec<f32>,
    units_per_em: f32,
    advances: Vec<f32>,
    /// The PDF resource name, e.g. `F1`.
    pub(crate) resource: String,
    /// Glyphs that stand for no text (a mark whose text its base carries, an extra glyph of
    /// a cluster). Each is drawn as code 0 of a font of its own (resource `{resource}s{n}`,
    /// n from 1): PDFium reads an unmapped code as the character with that number, but code 0
    /// as nothing, and poppler reads code 0 as nothing too.
    silent: Vec<u16>,
    /// Whether the main font is drawn under a second resource name too ([`ALIAS`]).
    alias_used: bool,
}

/// The font number (see [`Code`]) of a face's main font under a second resource name, the
/// same font object: pdf.js starts a new piece of text at a change of font name, which the
/// writer needs where nothing else would start one (see `paint`).
pub(crate) const ALIAS: u16 = u16::MAX;

/// How to draw one glyph: the font (0 = the face's main font, n = its n-th silent font) and
/// the 2-byte code in it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Code {
    /// 0 for the main font, n for silent font n.
    pub font: u16,
    /// The character code.
    pub code: u16,
}

impl EmbeddedFont {
    /// Reads the metrics `/W` needs; the font is embedded only if some code is used.
    pub(crate) fn new(
        name: &'static str,
        data: &'static [u8],
        resource: String,
    ) -> Result<Self, ExportError> {
        let font = FontRef::new(data).map_err(|e| ExportError::Font(format!("{name}: {e}")))?;
        let units_per_em = font
            .head()
            .map(|h| f32::from(h.units_per_em()))
            .map_err(|e| ExportError::Font(format!("{name}: {e}")))?;
        let metrics = font.glyph_metrics(Size::unscaled(), LocationRef::default());
        let count = font.maxp().map(|m| m.num_glyphs()).unwrap_or(0);
        let advances = (0..count)
            .map(|g| {
                metrics
                    .advance_width(GlyphId::new(u32::from(g)))
                    .unwrap_or(0.0)
            })
            .collect();
        Ok(EmbeddedFont {
            name,
            data,
            entries: vec![(0, "".into())],
            codes: Vec::new(),
            widths: vec![0.0],
            units_per_em,
            advances,
            resource,
            silent: Vec::new(),
            alias_used: false,
        })
    }

    /// The code for glyph `gid` standing for `text`, handed out on first use.
    pub(crate) fn code(&mut self, gid: u32, text: &str) -> Result<Code, ExportError> {
        let gid = u16::try_from(gid).unwrap_or(0);
        if text.is_empty() {
            let n = match self.silent.iter().position(|&g| g == gid) {
                Some(n) => n,
                None => {
                    self.silent.push(gid);
                    self.silent.len() - 1
                }
            };
            return Ok(Code {
                font: n as u16 + 1,
                code: 0,
            });
        }
        let slot = usize::from(gid);
        if let Some(&(_, code)) = self
            .codes
            .get(slot)
            .and_then(|list| list.iter().find(|(t, _)| **t == *text))
        {
            return Ok(Code { font: 0, code });
        }
        let code = u16::try_from(self.entries.len()).map_err(|_| {
            ExportError::Font(format!("{}: more than 65535 distinct glyphs", self.name))
        })?;
        self.entries.push((gid, text.into()));
        if self.codes.len() <= slot {
            self.codes.resize_with(slot + 1, Vec::new);
        }
        self.codes[slot].push((text.into(), code));
        let advance = self.advances.get(usize::from(gid)).copied().unwrap_or(0.0);
        self.widths.push(advance * 1000.0 / self.units_per_em);
        Ok(Code { font: 0, code })
    }

    /// Advance of glyph `gid` in 1/1000 em.
    pub(crate) fn advance_of(&self, gid: u32) -> f32 {
        let advance = usize::try_from(gid)
            .ok()
            .and_then(|g| self.advances.get(g))
            .copied()
            .unwrap_or(0.0);
        advance * 1000.0 / self.units_per_em
    }

    /// Advance of `code` in 1/1000 em, as declared in `/W`.
    pub(crate) fn width(&self, code: Code) -> f32 {
        if code.font > 0 && code.font != ALIAS {
            let gid = self
                .silent
                .get(usize::from(code.font - 1))
                .copied()
                .unwrap_or(0);
            let advance = self.advances.get(usize::from(gid)).copied().unwrap_or(0.0);
            return advance * 1000.0 / self.units_per_em;
        }
        self.widths
            .get(usize::from(code.code))
            .copied()
            .unwrap_or(0.0)
    }

    /// The resource name of font `n` of this face (0 = main, [`ALIAS`] = the main one under
    /// a second name).
    pub(crate) fn resource_name(&self, n: u16) -> String {
        match n {
            0 => self.resource.clone(),
            ALIAS => format!("{}a", self.resource),
            _ => format!("{}s{n}", self.resource),
        }
    }

    /// Appends the resource name of font `n` of this face (0 = main), without allocating.
    pub(crate) fn write_resource_name(&self, buf: &mut Vec<u8>, n: u16) {
        buf.extend_from_slice(self.resource.as_bytes());
        match n {
            0 => {}
            ALIAS => buf.push(b'a'),
            _ => {
                buf.push(b's');
                buf.extend_from_slice(n.to_string().as_bytes());
            }
        }
    }

    /// Note that the main font is drawn under its second name too.
    pub(crate) fn use_alias(&mut self) {
        self.alias_used = true;
    }

    /// Whether any glyph of this face was written.
    pub(crate) fn is_used(&self) -> bool {
        self.entries.len() > 1 || !self.silent.is_empty()
    }

    /// Subset the face to the glyphs used and add the font objects; returns each resource
    /// name with its Type 0 font.
    pub(crate) fn write(&self, doc: &mut Document) -> Result<Vec<(String, ObjectId)>, ExportError> {
        let err = |e: String| ExportError::Font(format!("{}: {e}", self.name));
        // The subset keeps .notdef first, then each used glyph once, in order of first use;
        // allsorts numbers the kept glyphs by their position in this list.
        let mut kept: Vec<u16> = vec![0];
        let mut new_gid: HashMap<u16, u16> = HashMap::from([(0, 0)]);
        for gid in self.entries.iter().map(|(g, _)| g).chain(&self.silent) {
            if !new_gid.contains_key(gid) {
                new_gid.insert(*gid, kept.len() as u16);
                kept.push(*gid);
            }
        }
        let program = subset(self.data, &kept).map_err(err)?;

        let tag = subset_tag(self.name, &kept);
        let base_font = format!("{tag}+{}", self.name);

        let font = FontRef::new(self.data).map_err(|e| err(e.to_string()))?;
        let head = font.head().map_err(|e| err(e.to_string()))?;
        let scale = 1000.0 / self.units_per_em;
        let s = |v: i16| Object::Integer((f32::from(v) * scale).round() as i64);
        let (ascent, descent, cap_height) = match font.os2() {
            Ok(os2) => (
                os2.s_typo_ascender(),
                os2.s_typo_descender(),
                os2.s_cap_height().unwrap_or(os2.s_typo_ascender()),
            ),
            Err(_) => (head.y_max(), head.y_min(), head.y_max()),
        };
        let italic = self.name.contains("Italic");
        let bold = self.name.contains("Bold");

        let file_id = doc.add_object(Stream::new(
            dictionary! { "Length1" => program.len() as i64, "Filter" => "FlateDecode" },
            deflate(&program),
        ));
        let descriptor = doc.add_object(dictionary! {
            "Type" => "FontDescriptor",
            "FontName" => Object::Name(base_font.clone().into_bytes()),
            // Symbolic (4), plus Italic (64) where it is.
            "Flags" => if italic { 4 + 64 } else { 4 },
            "FontBBox" => vec![s(head.x_min()), s(head.y_min()), s(head.x_max()), s(head.y_max())],
            "ItalicAngle" => if italic { -12 } else { 0 },
            "Ascent" => s(ascent),
            "Descent" => s(descent),
            "CapHeight" => s(cap_height),
            "StemV" => if bold { 140 } else { 80 },
            "FontFile2" => file_id,
        });

        let mut map = Vec::with_capacity(self.entries.len() * 2);
        for (gid, _) in &self.entries {
            map.extend_from_slice(&new_gid.get(gid).copied().unwrap_or(0).to_be_bytes());
        }
        let map_id = doc.add_object(Stream::new(
            dictionary! { "Filter" => "FlateDecode" },
            deflate(&map),
        ));
        let widths: Vec<Object> = self
            .widths
            .iter()
            .skip(1)
            .map(|w| Object::Integer(w.round() as i64))
            .collect();
        let cmap = to_unicode_cmap(&self.entries);
        let to_unicode = doc.add_object(Stream::new(
            dictionary! { "Filter" => "FlateDecode" },
            deflate(cmap.as_bytes()),
        ));
        let mut fonts = Vec::with_capacity(1 + self.silent.len());
        let main = type0(doc, &base_font, descriptor, widths, map_id, to_unicode);
        fonts.push((self.resource_name(0), main));
        if self.alias_used {
            fonts.push((self.resource_name(ALIAS), main));
        }
        // The silent fonts share the program, the descriptor and an empty ToUnicode.
        let empty = doc.add_object(Stream::new(
            dictionary! { "Filter" => "FlateDecode" },
            deflate(to_unicode_cmap(&[]).as_bytes()),
        ));
        for (n, gid) in self.silent.iter().enumerate() {
            let map = new_gid
                .get(gid)
                .copied()
                .unwrap_or(0)
                .to_be_bytes()
                .to_vec();
            let map_id = doc.add_object(Stream::new(dictionary! {}, map));
            let w = self
                .width(Code {
                    font: n as u16 + 1,
                    code: 0,
                })
                .round() as i64;
            let widths = vec![Object::Integer(w)];
            let id = type0(doc, &base_font, descriptor, widths, map_id, empty);
            fonts.push((self.resource_name(n as u16 + 1), id));
        }
        Ok(fonts)
    }
}

/// A Type 0 font over a CIDFontType2 whose codes start at `first` … (code 1 for the main
/// font, code 0 for a silent one: the widths array says which).
fn type0(
    doc: &mut Document,
    base_font: &str,
    descriptor: ObjectId,
    widths: Vec<Object>,
    map: ObjectId,
    to_unicode: ObjectId,
) -> ObjectId {
    let first = if widths.len() == 1 { 0 } else { 1 };
    let cid_font = doc.add_object(dictionary! {
        "Type" => "Font",
        "Subtype" => "CIDFontType2",
        "BaseFont" => Object::Name(base_font.as_bytes().to_vec()),
        "CIDSystemInfo" => dictionary! {
            "Registry" => Object::string_literal("Adobe"),
            "Ordering" => Object::string_literal("Identity"),
            "Supplement" => 0,
        },
        "FontDescriptor" => descriptor,
        "DW" => 0,
        "W" => vec![Object::Integer(first), Object::Array(widths)],
        "CIDToGIDMap" => map,
    });
    doc.add_object(dictionary! {
        "Type" => "Font",
        "Subtype" => "Type0",
        "BaseFont" => Object::Name(base_font.as_bytes().to_vec()),
        "Encoding" => "Identity-H",
        "DescendantFonts" => vec![Object::Reference(cid_font)],
        "ToUnicode" => to_unicode,
    })
}

impl EmbeddedFont {}

/// A TrueType program with only `glyphs` (the first must be 0), renumbered by position.
fn subset(data: &[u8], glyphs: &[u16]) -> Result<Vec<u8>, String> {
    use allsorts::binary::read::ReadScope;
    use allsorts::font_data::FontData;
    use allsorts::subset::{CmapTarget, SubsetProfile};
    let file = ReadScope::new(data)
        .read::<FontData<'_>>()
        .map_err(|e| e.to_string())?;
    let provider = file.table_provider(0).map_err(|e| e.to_string())?;
    allsorts::subset::subset(&provider, glyphs, &SubsetProfile::Pdf, CmapTarget::Unicode)
        .map_err(|e| format!("cannot subset: {e}"))
}

/// Six capital letters naming the subset; the same glyphs always give the same tag.
fn subset_tag(name: &str, glyphs: &[u16]) -> String {
    let mut hash = Sha256::new();
    hash.update(name.as_bytes());
    for g in glyphs {
        hash.update(g.to_be_bytes());
    }
    hash.finalize()
        .iter()
        .take(6)
        .map(|b| char::from(b'A' + b % 26))
        .collect()
}

/// The `/ToUnicode` CMap: each code maps to exactly its text (UTF-16BE); code 0 is left out.
fn to_unicode_cmap(entries: &[(u16, Box<str>)]) -> String {
    let mut out = String::from(
        "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n\
         /CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n\
         /CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n\
         1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n",
    );
    let mapped: Vec<(usize, &str)> = entries
        .iter()
        .enumerate()
        .skip(1)
        .filter(|(_, (_, t))| !t.is_empty())
        .map(|(code, (_, t))| (code, &**t))
        .collect();
    for chunk in mapped.chunks(100) {
        let _ = writeln!(out, "{} beginbfchar", chunk.len());
        for (code, text) in chunk {
            let _ = write!(out, "<{code:04X}> <");
            for unit in text.encode_utf16() {
                let _ = write!(out, "{unit:04X}");
            }
            out.push_str(">\n");
        }
        out.push_str("endbfchar\n");
    }
    out.push_str("endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n");
    out
}

/// zlib-compressed bytes for a `/FlateDecode` stream.
pub(crate) fn deflate(bytes: &[u8]) -> Vec<u8> {
    deflate_with(bytes, flate2::Compression::new(6))
}

/// A zlib compressor kept for many streams: faster, slightly bigger than [`deflate`], for the
/// page content streams, the bulk of a long briefing. Setting up a compressor costs about as
/// much as compressing a small page, so one is reset and reused.
pub(crate) struct PageDeflater {
    z: flate2::Compress,
}

impl PageDeflater {
    pub(crate) fn new() -> PageDeflater {
        PageDeflater {
            z: flate2::Compress::new(flate2::Compression::new(6), true),
        }
    }

    /// zlib-compressed `bytes` for a `/FlateDecode` stream.
    pub(crate) fn deflate(&mut self, bytes: &[u8]) -> Vec<u8> {
        use flate2::{FlushCompress, Status};
        self.z.reset();
        let mut out = Vec::with_capacity(bytes.len() / 3 + 64);
        loop {
            let consumed = usize::try_from(self.z.total_in()).unwrap_or(usize::MAX);
            let rest = bytes.get(consumed..).unwrap_or(&[]);
            match self.z.compress_vec(rest, &mut out, FlushCompress::Finish) {
                Ok(Status::StreamEnd) => return out,
                Ok(_) => out.reserve(out.capacity().max(64)),
                // Cannot happen with in-memory buffers; the one-shot path then says the same.
                Err(_) => return deflate_with(bytes, flate2::Compression::new(2)),
            }
        }
    }
}

fn deflate_with(bytes: &[u8], level: flate2::Compression) -> Vec<u8> {
    use std::io::Write;
    let mut enc = flate2::write::ZlibEncoder::new(Vec::with_capacity(bytes.len() / 3), level);
    // Writing into a Vec cannot fail.
    let _ = enc.write_all(bytes);
    enc.finish().unwrap_or_default()
}
