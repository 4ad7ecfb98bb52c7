//! OpenDocument text (`.odt`, LibreOffice's and Google Docs' export): a zip whose
//! `content.xml` holds the body. Headings (`text:h`, by outline level), paragraphs, list
//! items, quotations and titles by their style's name, table cells, text boxes; each
//! paragraph's direction from its style's `style:writing-mode` (`rl-tb` is right to left,
//! inherited through parent styles); footnotes and endnotes as numbered paragraphs at the end;
//! title, author, date and language from `meta.xml`. The same bounds as `.docx`: at most
//! [`super::MAX_UNPACKED_BYTES`] inflated, counted while reading, and a section linked from
//! outside the file is refused (nothing is fetched).

use std::collections::HashMap;
use std::io::Cursor;

use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;

use super::docx::{attr, core_meta, entity, read_part, settle_document, DocxError};
use super::{collapse_whitespace, Meta, TextBuilder};
use crate::model::BlockKind;

/// What a paragraph style says: right to left or not (unset: ask the parent), its parent, and
/// its name as the user sees it (for Title, Heading, Quotations).
#[derive(Default)]
struct Style {
    rtl: Option<bool>,
    parent: Option<String>,
    display: Option<String>,
}

/// Paragraph styles of `styles.xml` and of `content.xml`'s automatic styles, by name.
fn styles_of(xml: &[u8], styles: &mut HashMap<String, Style>) {
    let mut reader = Reader::from_reader(xml);
    let mut current: Option<String> = None;
    loop {
        match reader.read_event() {
            Ok(Event::Eof) | Err(_) => break,
            Ok(Event::Start(e)) if e.local_name().as_ref() == b"style" => {
                current = style_start(&e, styles);
            }
            Ok(Event::Empty(e)) if e.local_name().as_ref() == b"style" => {
                style_start(&e, styles);
                current = None;
            }
            Ok(Event::Start(e) | Event::Empty(e))
                if e.local_name().as_ref() == b"paragraph-properties" =>
            {
                if let (Some(name), Some(mode)) = (&current, attr(&e, b"writing-mode")) {
                    if let Some(style) = styles.get_mut(name) {
                        style.rtl = match mode.as_str() {
                            "rl-tb" | "rl" => Some(true),
                            "lr-tb" | "lr" => Some(false),
                            _ => None,
                        };
                    }
                }
            }
            Ok(Event::End(e)) if e.local_name().as_ref() == b"style" => current = None,
            Ok(_) => {}
        }
    }
}

fn style_start(e: &BytesStart, styles: &mut HashMap<String, Style>) -> Option<String> {
    let family = attr(e, b"family");
    if family.as_deref().is_some_and(|f| f != "paragraph") {
        return None;
    }
    let name = attr(e, b"name")?;
    styles.insert(
        name.clone(),
        Style {
            rtl: None,
            parent: attr(e, b"parent-style-name"),
            display: attr(e, b"display-name"),
        },
    );
    Some(name)
}

/// Follow a style and its parents (at most 20, against loops).
fn inherited<T>(
    styles: &HashMap<String, Style>,
    name: &str,
    get: impl Fn(&str, &Style) -> Option<T>,
) -> Option<T> {
    let mut at = Some(name.to_owned());
    for _ in 0..20 {
        let n = at?;
        let style = styles.get(&n);
        if let Some(v) = style.and_then(|s| get(&n, s)) {
            return Some(v);
        }
        at = style.and_then(|s| s.parent.clone());
    }
    None
}

/// The block kind a paragraph's style gives it, by the style's name (internal names escape
/// spaces as `_20_`).
fn style_kind(styles: &HashMap<String, Style>, name: &str) -> Option<BlockKind> {
    inherited(styles, name, |n, s| {
        let shown = s.display.clone().unwrap_or_else(|| n.replace("_20_", " "));
        let lower = shown.to_ascii_lowercase();
        if lower == "title" {
            Some(BlockKind::Title)
        } else if lower == "quotations" || lower == "quote" {
            Some(BlockKind::BlockQuote)
        } else {
            lower
                .strip_prefix("heading ")
                .and_then(|l| l.trim().parse::<u8>().ok())
                .map(|l| BlockKind::Heading(l.clamp(1, 6)))
        }
    })
}

struct Paragraph {
    kind: BlockKind,
    rtl: bool,
    text: String,
}

/// Walks `content.xml`'s body.
struct Body<'s> {
    styles: &'s HashMap<String, Style>,
    paragraphs: Vec<Paragraph>,
    /// Footnotes and endnotes, in order of citation.
    notes: Vec<String>,
}

impl Body<'_> {
    fn read(&mut self, xml: &[u8]) -> Result<(), DocxError> {
        let mut reader = Reader::from_reader(xml);
        // The paragraph being read (kind, rtl, text) and how deep in lists we are.
        let mut open: Option<Paragraph> = None;
        let mut outer_stack: Vec<Paragraph> = Vec::new();
        let mut list_items = 0usize;
        // Inside a note's body: its text, and the depth of elements inside it.
        let mut note: Option<String> = None;
        let mut in_citation = false;
        let mut skip = 0usize;
        loop {
            let event = match reader.read_event() {
                Ok(Event::Eof) => break,
                Ok(e) => e,
                Err(e) => {
                    return Err(DocxError::Broken(format!(
                        "its content.xml is not well-formed XML ({e})"
                    )))
                }
            };
            match event {
                Event::Start(e) => {
                    let name = e.local_name().as_ref().to_vec();
                    if skip > 0 {
                        skip += 1;
                        continue;
                    }
                    match name.as_slice() {
                        // Tracked deletions, comments and the change log are not the text.
                        b"tracked-changes" | b"annotation" | b"deletion" => skip = 1,
                        b"section-source" => linked_section(&e)?,
                        b"list-item" => list_items += 1,
                        b"note-citation" => in_citation = true,
                        b"note-body" => note = Some(String::new()),
                        b"h" | b"p" if note.is_none() => {
                            let style = attr(&e, b"style-name").unwrap_or_default();
                            let kind = if name.as_slice() == b"h" {
                                let level = attr(&e, b"outline-level")
                                    .and_then(|l| l.parse::<u8>().ok())
                                    .unwrap_or(1);
                                BlockKind::Heading(level.clamp(1, 6))
                            } else if list_items > 0 {
                                BlockKind::ListItem
                            } else {
                                style_kind(self.styles, &style).unwrap_or(BlockKind::Paragraph)
                            };
                            let rtl = inherited(self.styles, &style, |_, s| s.rtl).unwrap_or(false);
                            // A paragraph inside one (a text box's) comes out on its own, and
                            // the outer one goes on after it.
                            if let Some(outer) = open.take() {
                                outer_stack.push(outer);
                            }
                            open = Some(Paragraph {
                                kind,
                                rtl,
                                text: String::new(),
                            });
                        }
                        b"h" | b"p" => {
                            if let Some(n) = note.as_mut() {
                                if !n.is_empty() {
                                    n.push(' ');
                                }
                            }
                        }
                        _ => {}
                    }
                }
                Event::Empty(e) => {
                    if skip > 0 {
                        continue;
                    }
                    let spaces = match e.local_name().as_ref() {
                        b"s" => attr(&e, b"c")
                            .and_then(|c| c.parse::<usize>().ok())
                            .unwrap_or(1)
                            .min(64),
                        b"tab" | b"line-break" => 1,
                        b"section-source" => {
                            linked_section(&e)?;
                            0
                        }
                        _ => 0,
                    };
                    let target = match note.as_mut() {
                        Some(n) => Some(n),
                        None => open.as_mut().map(|p| &mut p.text),
                    };
                    if let Some(t) = target {
                        t.extend(std::iter::repeat_n(' ', spaces));
                    }
                }
                Event::End(e) => {
                    if skip > 0 {
                        skip -= 1;
                        continue;
                    }
                    match e.local_name().as_ref() {
                        b"list-item" => list_items = list_items.saturating_sub(1),
                        b"note-citation" => in_citation = false,
                        b"note-body" => {
                            if let Some(n) = note.take() {
                                self.notes.push(n);
                            }
                        }
                        b"h" | b"p" if note.is_none() => {
                            self.flush(open.take());
                            open = outer_stack.pop();
                        }
                        _ => {}
                    }
                }
                Event::Text(t) if skip == 0 && !in_citation => {
                    if let Ok(s) = t.xml10_content() {
                        push_text(&mut note, &mut open, &s);
                    }
                }
                Event::GeneralRef(r) if skip == 0 && !in_citation => {
                    if let Some(s) = r.decode().ok().and_then(|n| entity(&n)) {
                        push_text(&mut note, &mut open, &s);
                    }
                }
                _ => {}
            }
        }
        self.flush(open.take());
        while let Some(outer) = outer_stack.pop() {
            self.flush(Some(outer));
        }
        Ok(())
    }

    fn flush(&mut self, para: Option<Paragraph>) {
        if let Some(p) = para {
            self.paragraphs.push(p);
        }
    }
}

/// A section whose text is linked from another file: refused, since nothing is fetched.
fn linked_section(e: &BytesStart) -> Result<(), DocxError> {
    match attr(e, b"href") {
        Some(href) => Err(DocxError::External(href)),
        None => Ok(()),
    }
}

fn push_text(note: &mut Option<String>, open: &mut Option<Paragraph>, s: &str) {
    match note.as_mut() {
        Some(n) => n.push_str(s),
        None => {
            if let Some(p) = open.as_mut() {
                p.text.push_str(s);
            }
        }
    }
}

pub(super) fn parse(bytes: &[u8]) -> Result<(TextBuilder, Meta), DocxError> {
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes))
        .map_err(|e| DocxError::Broken(format!("it is not a readable zip archive ({e})")))?;
    let mut budget = super::MAX_UNPACKED_BYTES;
    let Some(content) = read_part(&mut archive, "content.xml", &mut budget)? else {
        return Err(DocxError::NotWord(
            "the archive holds no content.xml, so it is not an OpenDocument text".to_owned(),
        ));
    };
    let mut styles = HashMap::new();
    if let Some(xml) = read_part(&mut archive, "styles.xml", &mut budget)? {
        styles_of(&xml, &mut styles);
    }
    // Automatic styles (in content.xml) come after, so they win over same-named ones.
    styles_of(&content, &mut styles);
    let mut meta = read_part(&mut archive, "meta.xml", &mut budget)?
        .as_deref()
        .map(core_meta)
        .unwrap_or_default();

    let mut body = Body {
        styles: &styles,
        paragraphs: Vec::new(),
        notes: Vec::new(),
    };
    body.read(&content)?;
    let mut built = TextBuilder::default();
    let (mut rtl, mut ltr) = (0usize, 0usize);
    for para in &body.paragraphs {
        let text = collapse_whitespace(&para.text);
        if !super::has_visible(&text) {
            continue;
        }
        if para.rtl {
            rtl += 1;
        } else {
            ltr += 1;
        }
        built.push(para.kind, &text);
    }
    for (n, note) in body.notes.iter().enumerate() {
        let text = collapse_whitespace(note);
        if super::has_visible(&text) {
            built.push(BlockKind::Paragraph, &format!("[{}] {text}", n + 1));
        }
    }
    settle_document(&built, &mut meta, rtl, ltr);
    Ok((built, meta))
}
