//! Word `.docx` files to blocks. A `.docx` is a zip of XML parts; only the parts that hold the
//! text are read: the main document, its styles, footnotes and endnotes, and the document's
//! properties (`docProps/core.xml`, for the author, the date, and the title when no paragraph
//! has the Title style).
//!
//! - Each `w:p` is a block: a heading when its style (or the style it is based on) is named
//!   `heading N` or `Title` in `styles.xml`, or has an outline level (so localized style ids
//!   such as `berschrift1` or `Titre1` count by their built-in names); a list item when it is
//!   numbered (`w:numPr`, on the paragraph or its style); a quote for the `Quote` styles.
//! - The document reads right to left when most of its paragraphs are `w:bidi`; each paragraph
//!   then takes its direction as every article's paragraphs do (`Direction::of_paragraph`).
//! - Footnotes and endnotes become paragraphs at the end, numbered `[1]`, `[2]`, … in the order
//!   they are referenced, the same number marking the place of the reference in the text.
//! - Deleted text of tracked changes, field codes and the fallback copies of text boxes are
//!   left out.
//!
//! Safety: at most [`MAX_UNPACKED_BYTES`] are inflated in all, counted while reading (a zip's
//! stated sizes are not trusted); a document that takes content from outside itself (a linked
//! sub-document, image, object or chunk) is refused, and nothing is ever fetched. Hyperlinks
//! and the path of the template a document was made from are references too, but nothing is
//! taken from them, so they are allowed.

use std::collections::HashMap;
use std::io::{Cursor, Read};

use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;

use super::{collapse_whitespace, Meta, TextBuilder};
use crate::model::{BlockKind, Direction};

/// The most a `.docx` may inflate to, all parts read together: far more than the text of any
/// article, far less than a zip bomb.
pub const MAX_UNPACKED_BYTES: u64 = 64 * 1024 * 1024;

/// Why a `.docx` could not be read.
#[derive(Debug, thiserror::Error)]
pub(super) enum DocxError {
    /// Not a zip, or a zip that is damaged (truncated, bad checksums, …).
    #[error("{0}")]
    Broken(String),
    /// A zip that is not a Word document.
    #[error("{0}")]
    NotWord(String),
    /// More than `MAX_UNPACKED_BYTES` once inflated.
    #[error("inflates past the limit")]
    TooLarge,
    /// Content linked from outside the file.
    #[error("{0}")]
    External(String),
}

/// Parse the `.docx` in `bytes` into blocks and metadata.
pub(super) fn parse(bytes: &[u8]) -> Result<(TextBuilder, Meta), DocxError> {
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes))
        .map_err(|e| DocxError::Broken(format!("it is not a readable zip archive ({e})")))?;
    let mut budget = MAX_UNPACKED_BYTES;
    let root_rels = read_part(&mut archive, "_rels/.rels", &mut budget)?;
    let main = root_rels
        .as_deref()
        .and_then(|r| {
            relationships(r)
                .into_iter()
                .find(|rel| rel.kind.ends_with("/officeDocument") && !rel.external)
        })
        .map(|rel| resolve("", &rel.target))
        .unwrap_or_else(|| "word/document.xml".to_owned());
    let Some(document) = read_part(&mut archive, &main, &mut budget)? else {
        return Err(DocxError::NotWord(format!(
            "the archive holds no {main}, so it is not a Word document"
        )));
    };
    let (dir, name) = main.rsplit_once('/').unwrap_or(("", main.as_str()));
    let rels_path = if dir.is_empty() {
        format!("_rels/{name}.rels")
    } else {
        format!("{dir}/_rels/{name}.rels")
    };
    let rels = read_part(&mut archive, &rels_path, &mut budget)?
        .map(|r| relationships(&r))
        .unwrap_or_default();
    if let Some(rel) = rels
        .iter()
        .find(|r| r.external && !is_harmless_link(&r.kind))
    {
        return Err(DocxError::External(rel.target.clone()));
    }
    let part_of = |suffix: &str, default: &str| {
        rels.iter()
            .find(|r| r.kind.ends_with(suffix) && !r.external)
            .map_or_else(|| format!("{dir}/{default}"), |r| resolve(dir, &r.target))
    };
    let styles = read_part(&mut archive, &part_of("/styles", "styles.xml"), &mut budget)?
        .map(|s| styles_of(&s))
        .unwrap_or_default();
    let mut notes = HashMap::new();
    for (suffix, default, element) in [
        ("/footnotes", "footnotes.xml", b"footnote".as_slice()),
        ("/endnotes", "endnotes.xml", b"endnote".as_slice()),
    ] {
        if let Some(xml) = read_part(&mut archive, &part_of(suffix, default), &mut budget)? {
            notes_of(&xml, element, &styles, &mut notes);
        }
    }
    let core = read_part(&mut archive, "docProps/core.xml", &mut budget)?;
    let mut meta = core.as_deref().map(core_meta).unwrap_or_default();

    let mut body = Body::new(&styles);
    body.read(&document, None);
    let mut built = TextBuilder::default();
    let (mut rtl, mut ltr) = (0usize, 0usize);
    for para in &body.paragraphs {
        if !super::has_visible(&para.text) {
            continue;
        }
        if para.bidi {
            rtl += 1;
        } else {
            ltr += 1;
        }
        built.push(para.kind, &collapse_whitespace(&para.text));
    }
    for (n, (kind, id)) in body.references.iter().enumerate() {
        let Some(paragraphs) = notes.get(&(*kind, id.clone())) else {
            continue;
        };
        let mut first = true;
        for para in paragraphs {
            let text = collapse_whitespace(&para.text);
            if first && super::has_visible(&text) {
                built.push(BlockKind::Paragraph, &format!("[{}] {text}", n + 1));
                first = false;
            } else {
                built.push(BlockKind::Paragraph, &text);
            }
        }
    }
    settle_document(&built, &mut meta, rtl, ltr);
    Ok((built, meta))
}

/// What a word processor's document (Word's or OpenDocument's) settles once its paragraphs
/// are in: the Title paragraph is the title as printed (the properties' title is often stale:
/// the template's, or "Document1"), so the properties' only stands in when there is none; and
/// the article reads right to left when most of its paragraphs (`rtl` of `rtl + ltr`) do.
pub(super) fn settle_document(built: &TextBuilder, meta: &mut Meta, rtl: usize, ltr: usize) {
    if built.blocks.iter().any(|b| b.kind == BlockKind::Title) {
        meta.title = None;
    }
    if rtl + ltr > 0 {
        meta.direction = Some(if rtl * 2 > rtl + ltr {
            Direction::Rtl
        } else {
            Direction::Ltr
        });
    }
}

/// The text of the part `name`, counting what it inflates to against `budget`; `None` when the
/// archive has no such part.
pub(super) fn read_part(
    archive: &mut zip::ZipArchive<Cursor<&[u8]>>,
    name: &str,
    budget: &mut u64,
) -> Result<Option<Vec<u8>>, DocxError> {
    let mut file = match archive.by_name(name) {
        Ok(file) => file,
        Err(zip::result::ZipError::FileNotFound) => return Ok(None),
        Err(e) => {
            return Err(DocxError::Broken(format!(
                "its part {name} cannot be read ({e})"
            )))
        }
    };
    let mut out = Vec::new();
    // Read one byte past the budget: reaching it means the part inflates too far.
    let read = (&mut file)
        .take(*budget + 1)
        .read_to_end(&mut out)
        .map_err(|e| DocxError::Broken(format!("its part {name} is damaged ({e})")))?;
    if read as u64 > *budget {
        return Err(DocxError::TooLarge);
    }
    *budget -= read as u64;
    Ok(Some(out))
}

/// A relationship of a part (`_rels/*.rels`).
struct Relationship {
    kind: String,
    target: String,
    external: bool,
}

fn relationships(xml: &[u8]) -> Vec<Relationship> {
    let mut out = Vec::new();
    let mut reader = Reader::from_reader(xml);
    loop {
        match reader.read_event() {
            Ok(Event::Start(e) | Event::Empty(e)) if e.local_name().as_ref() == b"Relationship" => {
                out.push(Relationship {
                    kind: attr(&e, b"Type").unwrap_or_default(),
                    target: attr(&e, b"Target").unwrap_or_default(),
                    external: attr(&e, b"TargetMode")
                        .is_some_and(|m| m.eq_ignore_ascii_case("external")),
                });
            }
            Ok(Event::Eof) | Err(_) => break,
            Ok(_) => {}
        }
    }
    out
}

/// External references from which nothing is taken into the text: links a reader may follow
/// (never the importer) and the template the document was made from.
fn is_harmless_link(kind: &str) -> bool {
    kind.ends_with("/hyperlink") || kind.ends_with("/attachedTemplate")
}

/// A part's path from a relationship target, relative to the folder `dir` of the part that
/// holds the relationship (or absolute, from the archive's root).
fn resolve(dir: &str, target: &str) -> String {
    let mut parts: Vec<&str> = if target.starts_with('/') {
        Vec::new()
    } else {
        dir.split('/').filter(|p| !p.is_empty()).collect()
    };
    for piece in target.split('/') {
        match piece {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            p => parts.push(p),
        }
    }
    parts.join("/")
}

/// The value of the attribute whose local name is `name` (any prefix), with the predefined
/// entities and character references resolved.
pub(super) fn attr(e: &BytesStart, name: &[u8]) -> Option<String> {
    e.attributes()
        .flatten()
        .find(|a| a.key.local_name().as_ref() == name)
        .map(|a| unescape(&String::from_utf8_lossy(&a.value)))
}

/// `s` with `&amp;`-style entities and `&#…;` references resolved; unknown ones kept as written.
fn unescape(s: &str) -> String {
    if !s.contains('&') {
        return s.to_owned();
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        let resolved = rest
            .find(';')
            .filter(|end| *end <= 12)
            .and_then(|end| entity(&rest[1..end]).map(|c| (c, end)));
        match resolved {
            Some((c, end)) => {
                out.push_str(&c);
                rest = &rest[end + 1..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// The text of an entity or character reference named `name` (between `&` and `;`).
pub(super) fn entity(name: &str) -> Option<String> {
    if let Some(num) = name.strip_prefix('#') {
        let code = match num.strip_prefix(['x', 'X']) {
            Some(hex) => u32::from_str_radix(hex, 16).ok()?,
            None => num.parse().ok()?,
        };
        return char::from_u32(code).map(String::from);
    }
    quick_xml::escape::resolve_predefined_entity(name).map(str::to_owned)
}

/// What a paragraph style makes of a paragraph.
#[derive(Clone, Debug, Default)]
struct Style {
    name: String,
    based_on: Option<String>,
    outline: Option<u8>,
    numbered: bool,
}

/// The paragraph styles by id, each with what it is (and inherits) resolved.
#[derive(Debug, Default)]
struct Styles {
    kinds: HashMap<String, BlockKind>,
    default: Option<String>,
}

impl Styles {
    fn kind(&self, id: Option<&str>) -> Option<BlockKind> {
        id.or(self.default.as_deref())
            .and_then(|id| self.kinds.get(id))
            .copied()
    }
}

fn styles_of(xml: &[u8]) -> Styles {
    let mut styles: HashMap<String, Style> = HashMap::new();
    let mut default = None;
    let mut current: Option<(String, Style)> = None;
    let mut reader = Reader::from_reader(xml);
    loop {
        let event = match reader.read_event() {
            Ok(Event::Eof) | Err(_) => break,
            Ok(e) => e,
        };
        match event {
            Event::Start(e) | Event::Empty(e) => match e.local_name().as_ref() {
                b"style" => {
                    if let Some((id, style)) = current.take() {
                        styles.insert(id, style);
                    }
                    if attr(&e, b"type").as_deref() == Some("paragraph") {
                        if let Some(id) = attr(&e, b"styleId") {
                            if attr(&e, b"default").is_some_and(|d| is_on(Some(d))) {
                                default = Some(id.clone());
                            }
                            current = Some((id, Style::default()));
                        }
                    }
                }
                b"name" => {
                    if let Some((_, s)) = current.as_mut() {
                        s.name = attr(&e, b"val").unwrap_or_default().to_ascii_lowercase();
                    }
                }
                b"basedOn" => {
                    if let Some((_, s)) = current.as_mut() {
                        s.based_on = attr(&e, b"val");
                    }
                }
                b"outlineLvl" => {
                    if let Some((_, s)) = current.as_mut() {
                        s.outline = attr(&e, b"val").and_then(|v| v.parse().ok());
                    }
                }
                b"numId" => {
                    if let Some((_, s)) = current.as_mut() {
                        s.numbered = attr(&e, b"val").is_some_and(|v| v != "0");
                    }
                }
                _ => {}
            },
            Event::End(e) if e.local_name().as_ref() == b"style" => {
                if let Some((id, style)) = current.take() {
                    styles.insert(id, style);
                }
            }
            _ => {}
        }
    }
    let kinds = styles
        .keys()
        .filter_map(|id| style_kind(&styles, id).map(|k| (id.clone(), k)))
        .collect();
    Styles { kinds, default }
}

/// What the style `id` makes of a paragraph, following `basedOn` (at most 16 steps, so a loop
/// ends).
fn style_kind(styles: &HashMap<String, Style>, id: &str) -> Option<BlockKind> {
    let mut id = id;
    for _ in 0..16 {
        let style = styles.get(id)?;
        let name = style.name.as_str();
        if name == "title" {
            return Some(BlockKind::Title);
        }
        if name == "subtitle" {
            return Some(BlockKind::Heading(2));
        }
        if let Some(n) = name
            .strip_prefix("heading ")
            .and_then(|n| n.trim().parse::<u8>().ok())
        {
            return Some(BlockKind::Heading(n.clamp(1, 6)));
        }
        if let Some(level) = style.outline.filter(|l| *l < 9) {
            return Some(BlockKind::Heading((level + 1).min(6)));
        }
        if name.contains("quote") {
            return Some(BlockKind::BlockQuote);
        }
        if style.numbered || name.starts_with("list bullet") || name.starts_with("list number") {
            return Some(BlockKind::ListItem);
        }
        id = style.based_on.as_deref()?;
    }
    None
}

/// Whether an on/off property (`w:bidi`, `w:default`, …) is on: present without a value, or
/// with a true value.
fn is_on(val: Option<String>) -> bool {
    !matches!(val.as_deref(), Some("0" | "false" | "off" | "none"))
}

/// A paragraph as read.
#[derive(Clone, Debug)]
struct Paragraph {
    kind: BlockKind,
    bidi: bool,
    text: String,
}

/// A paragraph being read: its properties, then its text.
#[derive(Debug, Default)]
struct Open {
    style: Option<String>,
    outline: Option<u8>,
    numbered: bool,
    bidi: bool,
    text: String,
}

/// What is done at the end of each note of a note part, with the note's id.
type NoteEnd<'f, 's> = dyn FnMut(&mut Body<'s>, Option<String>) + 'f;

/// The walk over a document's (or a note part's) paragraphs.
struct Body<'s> {
    styles: &'s Styles,
    paragraphs: Vec<Paragraph>,
    /// Notes referenced, in order: (`b"footnote"` or `b"endnote"`, id).
    references: Vec<(&'static [u8], String)>,
}

impl<'s> Body<'s> {
    fn new(styles: &'s Styles) -> Body<'s> {
        Body {
            styles,
            paragraphs: Vec::new(),
            references: Vec::new(),
        }
    }

    /// Read the paragraphs of `xml`; with `only`, only those inside elements of that local name
    /// (a note part's `w:footnote`s), each of which is closed by `on_close` with its id.
    fn read(&mut self, xml: &[u8], mut only: Option<&mut NoteEnd<'_, 's>>) {
        let mut reader = Reader::from_reader(xml);
        // Paragraphs inside paragraphs (text boxes) are read on their own and come first.
        let mut open: Vec<Open> = Vec::new();
        // Depth inside elements whose text is left out (deleted text, field codes, fallbacks).
        let mut skip = 0usize;
        let mut in_text = false;
        let mut in_props = 0usize;
        let mut in_run_props = 0usize;
        let mut note_id: Option<String> = None;
        loop {
            let event = match reader.read_event() {
                Ok(Event::Eof) | Err(_) => break,
                Ok(e) => e,
            };
            match event {
                Event::Start(e) => {
                    let name = e.local_name();
                    let name = name.as_ref();
                    if skip > 0 {
                        skip += 1;
                        continue;
                    }
                    match name {
                        b"Fallback" | b"delText" | b"instrText" | b"del" => skip = 1,
                        b"footnote" | b"endnote" if only.is_some() => {
                            note_id = attr(&e, b"id");
                        }
                        b"p" => open.push(Open::default()),
                        b"pPr" => in_props += 1,
                        b"rPr" => in_run_props += 1,
                        b"t" if in_props == 0 => in_text = true,
                        _ => self.empty(&e, &mut open, in_props, in_run_props),
                    }
                }
                Event::Empty(e) if skip == 0 => {
                    self.empty(&e, &mut open, in_props, in_run_props);
                }
                Event::End(e) => {
                    if skip > 0 {
                        skip -= 1;
                        continue;
                    }
                    match e.local_name().as_ref() {
                        b"p" => {
                            if let Some(p) = open.pop() {
                                self.close(p);
                            }
                        }
                        b"pPr" => in_props = in_props.saturating_sub(1),
                        b"rPr" => in_run_props = in_run_props.saturating_sub(1),
                        b"t" => in_text = false,
                        b"footnote" | b"endnote" => {
                            if let Some(f) = only.as_mut() {
                                f(self, note_id.take());
                            }
                        }
                        _ => {}
                    }
                }
                Event::Text(t) if in_text && skip == 0 => {
                    if let (Some(p), Ok(s)) = (open.last_mut(), t.xml10_content()) {
                        p.text.push_str(&s);
                    }
                }
                Event::CData(t) if in_text && skip == 0 => {
                    if let Some(p) = open.last_mut() {
                        p.text.push_str(&String::from_utf8_lossy(&t));
                    }
                }
                Event::GeneralRef(r) if in_text && skip == 0 => {
                    let name = r.decode().map(|n| n.into_owned()).unwrap_or_default();
                    if let (Some(p), Some(s)) = (open.last_mut(), entity(&name)) {
                        p.text.push_str(&s);
                    }
                }
                _ => {}
            }
        }
        while let Some(p) = open.pop() {
            self.close(p);
        }
    }

    /// An element with no text of its own: a paragraph property, a tab or break, a note
    /// reference.
    fn empty(&mut self, e: &BytesStart, open: &mut [Open], in_props: usize, in_run_props: usize) {
        let Some(p) = open.last_mut() else {
            return;
        };
        match e.local_name().as_ref() {
            b"pStyle" if in_props > 0 => p.style = attr(e, b"val"),
            b"bidi" if in_props > 0 && in_run_props == 0 => p.bidi = is_on(attr(e, b"val")),
            b"outlineLvl" if in_props > 0 => {
                p.outline = attr(e, b"val").and_then(|v| v.parse().ok())
            }
            b"numId" if in_props > 0 => p.numbered = attr(e, b"val").is_some_and(|v| v != "0"),
            b"tab" | b"br" | b"cr" if in_props == 0 => p.text.push(' '),
            b"noBreakHyphen" => p.text.push('\u{2011}'),
            b"footnoteReference" | b"endnoteReference" => {
                let kind: &'static [u8] = if e.local_name().as_ref() == b"footnoteReference" {
                    b"footnote"
                } else {
                    b"endnote"
                };
                if let Some(id) = attr(e, b"id") {
                    self.references.push((kind, id));
                    p.text.push_str(&format!("[{}]", self.references.len()));
                }
            }
            _ => {}
        }
    }

    fn close(&mut self, p: Open) {
        let kind = if let Some(level) = p.outline.filter(|l| *l < 9) {
            BlockKind::Heading((level + 1).min(6))
        } else {
            match self.styles.kind(p.style.as_deref()) {
                Some(kind) => kind,
                None if p.numbered => BlockKind::ListItem,
                None => BlockKind::Paragraph,
            }
        };
        let kind = match kind {
            BlockKind::Paragraph | BlockKind::BlockQuote if p.numbered => BlockKind::ListItem,
            k => k,
        };
        self.paragraphs.push(Paragraph {
            kind,
            bidi: p.bidi,
            text: p.text,
        });
    }
}

/// The paragraphs of each note in a footnotes or endnotes part, by (`element`, id); the
/// separators Word keeps there (`w:type="separator"`…) hold no text and are dropped as empty.
fn notes_of(
    xml: &[u8],
    element: &'static [u8],
    styles: &Styles,
    out: &mut HashMap<(&'static [u8], String), Vec<Paragraph>>,
) {
    let mut body = Body::new(styles);
    let mut close = |body: &mut Body, id: Option<String>| {
        let paragraphs = std::mem::take(&mut body.paragraphs);
        if let Some(id) = id {
            out.entry((element, id)).or_insert(paragraphs);
        }
    };
    body.read(xml, Some(&mut close));
}

/// Title, author, date and language from `docProps/core.xml` (or OpenDocument's `meta.xml`,
/// which names them the same way).
pub(super) fn core_meta(xml: &[u8]) -> Meta {
    let mut meta = Meta::default();
    let mut reader = Reader::from_reader(xml);
    let mut field: Option<Vec<u8>> = None;
    let mut text = String::new();
    loop {
        match reader.read_event() {
            Ok(Event::Eof) | Err(_) => break,
            Ok(Event::Start(e)) => {
                field = Some(e.local_name().as_ref().to_vec());
                text.clear();
            }
            Ok(Event::Text(t)) if field.is_some() => {
                if let Ok(s) = t.xml10_content() {
                    text.push_str(&s);
                }
            }
            Ok(Event::GeneralRef(r)) if field.is_some() => {
                if let Some(s) = r.decode().ok().and_then(|n| entity(&n)) {
                    text.push_str(&s);
                }
            }
            Ok(Event::End(_)) => {
                let value = collapse_whitespace(&text);
                if !value.is_empty() {
                    match field.as_deref() {
                        Some(b"title") => meta.title = Some(value),
                        Some(b"creator") => meta.author = Some(value),
                        // OpenDocument's `meta.xml`: the first author when no other is named.
                        Some(b"initial-creator") => {
                            meta.author.get_or_insert(value);
                        }
                        Some(b"created" | b"creation-date") => meta.date = Some(value),
                        // OpenDocument's last-saved date, when no creation date is given.
                        Some(b"date") => {
                            meta.date.get_or_insert(value);
                        }
                        Some(b"language") => meta.language = Some(value),
                        _ => {}
                    }
                }
                field = None;
                text.clear();
            }
            Ok(_) => {}
        }
    }
    meta
}
