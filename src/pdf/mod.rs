//! The PDF exporter: writes the pages `crate::pages` lays out, glyph by glyph.
//!
//! The exporter never shapes text: every string goes through `crate::text::TextEngine`, and
//! what is painted is exactly the engine's glyphs. Each glyph is written by glyph id under a
//! code of our own that maps to exactly the source text it stands for (see `fonts` and
//! `paint`), so copying, `pdftotext` and PDFium give back the logical text.

mod content;
mod draw;
mod fonts;
mod paint;
mod readers;
mod tags;

use std::io::Read;
use std::path::{Path, PathBuf};

use lopdf::{dictionary, Document, Object, ObjectId, Stream, StringFormat};
use sha2::Digest;

use crate::briefing_file::FileError;
use crate::model::Briefing;
pub use crate::pages::Paper;
use crate::pages::{LayoutError, LinkTarget, Pages};

/// Objects per object stream: larger streams compress better (a page dictionary repeats most of
/// its neighbour's bytes); a reader decompresses a whole stream to reach one object in it.
const OBJECTS_PER_STREAM: usize = 200;

/// How to export.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ExportOptions {
    /// Paper size.
    pub paper: Paper,
}

/// Why a briefing could not be exported. Each message is one line and says what to do.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    /// The briefing breaks the model's invariants.
    #[error("the briefing has problems, fix them before exporting: {0}")]
    Invalid(String),
    /// The briefing could not be laid out (a character no bundled font has).
    #[error(transparent)]
    Layout(#[from] LayoutError),
    /// A bundled font could not be read or subset.
    #[error("font {0}")]
    Font(String),
    /// The PDF could not be assembled.
    #[error("cannot assemble the PDF: {0}")]
    Pdf(String),
    /// The folder the PDF should go into does not exist.
    #[error("cannot write the PDF {}: the folder {} does not exist", .path.display(), .folder.display())]
    NoFolder {
        /// The file asked for.
        path: PathBuf,
        /// Its folder.
        folder: PathBuf,
    },
    /// A folder is where the PDF should go.
    #[error("cannot write the PDF {}: that is a folder", .path.display())]
    Folder {
        /// The file asked for.
        path: PathBuf,
    },
    /// A file that is not a PDF is where the PDF should go (the briefing itself, an article):
    /// it is never replaced.
    #[error(
        "cannot write the PDF {}: a file that is not a PDF is already there; it is left as it \
         is (choose another name)",
        .path.display()
    )]
    NotAPdf {
        /// The file asked for.
        path: PathBuf,
    },
    /// Something that is not a regular file (a pipe, a device, a socket) is where the PDF
    /// should go: it is never replaced, nor read (a pipe would wait for a writer).
    #[error(
        "cannot write the PDF {}: something that is not a file (a pipe or a device) is already \
         there; it is left as it is (choose another name)",
        .path.display()
    )]
    NotAFile {
        /// The file asked for.
        path: PathBuf,
    },
    /// What is where the PDF should go could not be read, so it is not known to be a PDF: it
    /// is not replaced.
    #[error(
        "cannot write the PDF {}: what is already there cannot be read to check that it is a \
         PDF ({source}); it is left as it is (choose another name)",
        .path.display()
    )]
    Unreadable {
        /// The file asked for.
        path: PathBuf,
        /// The system's reason.
        source: std::io::Error,
    },
    /// The PDF could not be written to its file; nothing was left behind.
    #[error("cannot write the PDF {}: {}", .path.display(), write_reason(.source))]
    Write {
        /// The file asked for.
        path: PathBuf,
        /// What went wrong.
        source: FileError,
    },
}

/// What went wrong writing, without the file's name (the message names it already).
fn write_reason(error: &FileError) -> String {
    match error {
        FileError::Io { what, source, .. } => format!("{what}: {source}"),
        other => other.to_string(),
    }
}

/// Export `briefing` as PDF bytes. `progress` gets 0..=1 now and then.
///
/// With `SOURCE_DATE_EPOCH` set, the same briefing gives the same bytes.
pub fn export_pdf(
    briefing: &Briefing,
    options: &ExportOptions,
    progress: &mut dyn FnMut(f32),
) -> Result<Vec<u8>, ExportError> {
    progress(0.0);
    if let Some(problems) = briefing.problems_summary() {
        return Err(ExportError::Invalid(problems));
    }
    let laid = crate::pages::lay_out(briefing, options.paper, progress)?;
    let drawn = draw::draw(&laid, progress)?;
    let bytes = write_document(briefing, &laid, drawn)?;
    progress(1.0);
    Ok(bytes)
}

/// Export to `path` atomically (temporary file, sync, rename): on any error no file is
/// left, and an existing file at `path` is untouched.
pub fn export_to_file(
    briefing: &Briefing,
    path: &Path,
    options: &ExportOptions,
    progress: &mut dyn FnMut(f32),
) -> Result<(), ExportError> {
    if let Some(folder) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        if !folder.is_dir() {
            return Err(ExportError::NoFolder {
                path: path.to_owned(),
                folder: folder.to_owned(),
            });
        }
    }
    check_replaceable(path)?;
    let bytes = export_pdf(briefing, options, progress)?;
    crate::briefing_file::write_atomically(path, &bytes, false).map_err(|source| {
        ExportError::Write {
            path: path.to_owned(),
            source,
        }
    })
}

/// Whether the PDF may go to `path`: nothing is there, or a PDF (or an empty file) is. Never
/// replace something that is not known to be a PDF (the briefing itself, an article, a file
/// that cannot be read) with one.
fn check_replaceable(path: &Path) -> Result<(), ExportError> {
    let unreadable = |source| ExportError::Unreadable {
        path: path.to_owned(),
        source,
    };
    let meta = match std::fs::metadata(path) {
        Ok(meta) => meta,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(()),
        Err(e) => return Err(unreadable(e)),
    };
    if meta.is_dir() {
        return Err(ExportError::Folder {
            path: path.to_owned(),
        });
    }
    if !meta.is_file() {
        return Err(ExportError::NotAFile {
            path: path.to_owned(),
        });
    }
    let mut head = Vec::with_capacity(5);
    std::fs::File::open(path)
        .and_then(|file| file.take(5).read_to_end(&mut head))
        .map_err(unreadable)?;
    if head[..] != b"%PDF-"[..head.len()] {
        return Err(ExportError::NotAPdf {
            path: path.to_owned(),
        });
    }
    Ok(())
}

/// Text for XML.
fn xml_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            // Not allowed in XML 1.0 at all.
            c if (c as u32) < 0x20 && !matches!(c, '\t' | '\n' | '\r') => {}
            c => out.push(c),
        }
    }
    out
}

/// The document's XMP packet (Dublin Core title, creator, description and language; the XMP
/// dates; the PDF producer).
fn xmp_packet(briefing: &Briefing, lang: &str, now: time::OffsetDateTime) -> String {
    let date = now
        .replace_nanosecond(0)
        .unwrap_or(now)
        .format(&time::format_description::well_known::Rfc3339)
        .unwrap_or_default();
    let mut dc = format!(
        "<dc:title><rdf:Alt><rdf:li xml:lang=\"x-default\">{}</rdf:li></rdf:Alt></dc:title>\n\
         <dc:language><rdf:Bag><rdf:li>{lang}</rdf:li></rdf:Bag></dc:language>\n\
         <dc:format>application/pdf</dc:format>\n",
        xml_escape(&briefing.title)
    );
    if let Some(author) = briefing
        .drafted_by
        .as_deref()
        .filter(|s| !s.trim().is_empty())
    {
        dc.push_str(&format!(
            "<dc:creator><rdf:Seq><rdf:li>{}</rdf:li></rdf:Seq></dc:creator>\n",
            xml_escape(author)
        ));
    }
    if let Some(subject) = briefing.purpose.as_deref().filter(|s| !s.trim().is_empty()) {
        dc.push_str(&format!(
            "<dc:description><rdf:Alt><rdf:li xml:lang=\"x-default\">{}</rdf:li></rdf:Alt></dc:description>\n",
            xml_escape(subject)
        ));
    }
    format!(
        "<?xpacket begin=\"\u{feff}\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n\
         <x:xmpmeta xmlns:x=\"adobe:ns:meta/\">\n\
         <rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">\n\
         <rdf:Description rdf:about=\"\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\" \
         xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\" xmlns:pdf=\"http://ns.adobe.com/pdf/1.3/\">\n\
         {dc}<xmp:CreateDate>{date}</xmp:CreateDate>\n\
         <xmp:ModifyDate>{date}</xmp:ModifyDate>\n\
         <xmp:CreatorTool>briefing</xmp:CreatorTool>\n\
         <pdf:Producer>briefing {} (lopdf)</pdf:Producer>\n\
         </rdf:Description>\n</rdf:RDF>\n</x:xmpmeta>\n<?xpacket end=\"w\"?>",
        env!("CARGO_PKG_VERSION")
    )
}

/// A URI action's address as the 7-bit ASCII the PDF format asks for: bytes outside printable
/// ASCII (an Arabic path, a space) percent-encoded, as a browser sends them.
fn uri_ascii(uri: &str) -> Vec<u8> {
    let mut out = Vec::with_capacity(uri.len());
    for &b in uri.trim().as_bytes() {
        if b.is_ascii_graphic() {
            out.push(b);
        } else {
            out.extend_from_slice(format!("%{b:02X}").as_bytes());
        }
    }
    out
}

/// A PDF text string: PDFDocEncoding-safe ASCII as is, anything else as UTF-16BE with a BOM.
fn text_string(s: &str) -> Object {
    if s.bytes().all(|b| (0x20..0x7f).contains(&b)) {
        Object::String(s.as_bytes().to_vec(), StringFormat::Literal)
    } else {
        let mut bytes = vec![0xfe, 0xff];
        for unit in s.encode_utf16() {
            bytes.extend_from_slice(&unit.to_be_bytes());
        }
        Object::String(bytes, StringFormat::Hexadecimal)
    }
}

/// The creation date in the Info dictionary's form, from `now` (the clock:
/// `SOURCE_DATE_EPOCH` when set, for reproducible files).
fn creation_date(now: time::OffsetDateTime) -> String {
    format!(
        "D:{:04}{:02}{:02}{:02}{:02}{:02}Z",
        now.year(),
        u8::from(now.month()),
        now.day(),
        now.hour(),
        now.minute(),
        now.second()
    )
}

fn write_document(
    briefing: &Briefing,
    laid: &Pages,
    composed: draw::Drawn,
) -> Result<Vec<u8>, ExportError> {
    let labels = crate::pages::Labels::of(briefing.language);
    let g = laid.geometry;
    let mut doc = Document::with_version("1.7");
    let pages_id = doc.new_object_id();
    // Goes on from the hash of the page streams.
    let mut id_hash = composed.pages_hash;

    let mut font_dict = lopdf::Dictionary::new();
    for font in composed.fonts.iter().filter(|f| f.is_used()) {
        for (name, id) in font.write(&mut doc)? {
            font_dict.set(name, id);
        }
    }

    let bookmarks = &laid.bookmarks;
    let mut kids = Vec::with_capacity(composed.pages.len());
    let mut page_ids: Vec<ObjectId> = Vec::with_capacity(composed.pages.len());
    for content in composed.pages {
        let stream = Stream::new(dictionary! { "Filter" => "FlateDecode" }, content);
        let content_id = doc.add_object(stream);
        let page_id = doc.add_object(dictionary! {
            "Type" => "Page",
            "Parent" => pages_id,
            "Contents" => content_id,
        });
        kids.push(Object::Reference(page_id));
        page_ids.push(page_id);
    }
    // Link annotations: contents entries to their headings, sources to their addresses.
    let mut annots: Vec<Vec<Object>> = vec![Vec::new(); page_ids.len()];
    let mut annot_ids: Vec<Option<ObjectId>> = vec![None; laid.links.len()];
    for (l, link) in laid.links.iter().enumerate() {
        let Some(list) = annots.get_mut(link.page) else {
            continue;
        };
        let mut annot = dictionary! {
            "Type" => "Annot",
            "Subtype" => "Link",
            // The layout's corners, y down, as PDF's lower-left and upper-right, y up.
            "Rect" => [link.rect[0], g.height - link.rect[3], link.rect[2], g.height - link.rect[1]]
                .into_iter()
                .map(Object::Real)
                .collect::<Vec<_>>(),
            "Border" => vec![0.into(), 0.into(), 0.into()],
            "F" => 4,
        };
        match &link.target {
            LinkTarget::Place { page, y } => {
                let Some(target) = page_ids.get(*page) else {
                    continue;
                };
                annot.set(
                    "Dest",
                    vec![
                        Object::Reference(*target),
                        "XYZ".into(),
                        Object::Null,
                        Object::Real(g.height - y + 4.0),
                        Object::Null,
                    ],
                );
                // What a screen reader says for the link: the contents entry's text.
                if let Some(text) = tags::link_text(laid, link) {
                    annot.set("Contents", text_string(&text));
                }
            }
            LinkTarget::Uri(uri) => {
                annot.set(
                    "A",
                    dictionary! {
                        "Type" => "Action",
                        "S" => "URI",
                        "URI" => Object::string_literal(uri_ascii(uri)),
                    },
                );
                // What a screen reader says for the link.
                annot.set("Contents", text_string(uri));
            }
        }
        let id = doc.add_object(annot);
        annot_ids[l] = Some(id);
        list.push(Object::Reference(id));
    }
    for (page_id, list) in page_ids.iter().zip(annots) {
        if list.is_empty() {
            continue;
        }
        if let Ok(Object::Dictionary(page)) = doc.get_object_mut(*page_id) {
            page.set("Annots", list);
        }
    }
    let count = kids.len() as i64;
    doc.objects.insert(
        pages_id,
        Object::Dictionary(dictionary! {
            "Type" => "Pages",
            "Kids" => kids,
            "Count" => count,
            "MediaBox" => vec![0.into(), 0.into(), Object::Real(g.width), Object::Real(g.height)],
            "Resources" => dictionary! { "Font" => font_dict },
        }),
    );

    // Bookmarks: one per agenda item, to its heading.
    let mut catalog = dictionary! {
        "Type" => "Catalog",
        "Pages" => pages_id,
        "Lang" => Object::string_literal(labels.lang),
        // Readers show the briefing's title, not the file name, in their title bar.
        "ViewerPreferences" => dictionary! { "DisplayDocTitle" => true },
        "MarkInfo" => dictionary! { "Marked" => true },
    };
    let root = tags::write(
        &mut doc,
        &composed.tagging,
        &page_ids,
        &annot_ids,
        labels.lang,
    );
    catalog.set("StructTreeRoot", root);
    if !bookmarks.is_empty() {
        let outlines_id = doc.new_object_id();
        let ids: Vec<ObjectId> = bookmarks.iter().map(|_| doc.new_object_id()).collect();
        for (i, mark) in bookmarks.iter().enumerate() {
            let page = page_ids.get(mark.page).copied().unwrap_or(page_ids[0]);
            let mut item = dictionary! {
                "Title" => text_string(&mark.title),
                "Parent" => outlines_id,
                "Dest" => vec![
                    Object::Reference(page),
                    "XYZ".into(),
                    Object::Null,
                    Object::Real(g.height - mark.y + 4.0),
                    Object::Null,
                ],
            };
            if i > 0 {
                item.set("Prev", ids[i - 1]);
            }
            if let Some(next) = ids.get(i + 1) {
                item.set("Next", *next);
            }
            doc.objects.insert(ids[i], Object::Dictionary(item));
        }
        doc.objects.insert(
            outlines_id,
            Object::Dictionary(dictionary! {
                "Type" => "Outlines",
                "First" => ids[0],
                "Last" => ids[ids.len() - 1],
                "Count" => ids.len() as i64,
            }),
        );
        catalog.set("Outlines", outlines_id);
        catalog.set("PageMode", "UseOutlines");
    }
    let catalog_id = doc.add_object(catalog);

    let now = crate::clock::now();
    let date = creation_date(now);
    // XMP metadata, which PDF/UA asks for and search tools read: the same title, author,
    // subject, language and dates as the Info dictionary.
    let xmp = xmp_packet(briefing, labels.lang, now);
    let metadata = doc.add_object(Stream::new(
        dictionary! { "Type" => "Metadata", "Subtype" => "XML" },
        xmp.into_bytes(),
    ));
    if let Ok(Object::Dictionary(catalog)) = doc.get_object_mut(catalog_id) {
        catalog.set("Metadata", metadata);
    }
    let mut info = dictionary! {
        "Title" => text_string(&briefing.title),
        "Creator" => Object::string_literal("briefing"),
        "Producer" => Object::string_literal(concat!("briefing ", env!("CARGO_PKG_VERSION"), " (lopdf)")),
        "CreationDate" => Object::string_literal(date.clone()),
        "ModDate" => Object::string_literal(date.clone()),
    };
    if let Some(author) = briefing
        .drafted_by
        .as_deref()
        .filter(|s| !s.trim().is_empty())
    {
        info.set("Author", text_string(author));
    }
    if let Some(subject) = briefing.purpose.as_deref().filter(|s| !s.trim().is_empty()) {
        info.set("Subject", text_string(subject));
    }
    id_hash.update(briefing.title.as_bytes());
    id_hash.update(date.as_bytes());
    let info_id = doc.add_object(info);

    let id: Vec<u8> = id_hash.finalize().iter().take(16).copied().collect();
    doc.trailer.set("Root", catalog_id);
    doc.trailer.set("Info", info_id);
    doc.trailer.set(
        "ID",
        vec![
            Object::String(id.clone(), StringFormat::Hexadecimal),
            Object::String(id, StringFormat::Hexadecimal),
        ],
    );
    // The dictionaries (pages, fonts, links, outline) go compressed into object streams, with
    // a cross-reference stream: 33 KB less for the 2,000-quote briefing (677,658 -> 644,191
    // bytes), read by every reader since PDF 1.5.
    let options = lopdf::SaveOptions::builder()
        .use_object_streams(true)
        .use_xref_streams(true)
        .max_objects_per_stream(OBJECTS_PER_STREAM)
        .compression_level(6)
        .build();
    let mut out = Vec::new();
    doc.save_with_options(&mut out, options)
        .map_err(|e| ExportError::Pdf(e.to_string()))?;
    Ok(compress_xref_stream(out))
}

/// lopdf writes its cross-reference stream raw, 7 bytes an object (34 KB for the 2,000-quote
/// briefing, tagged). Compressed with the PNG "up" predictor, which turns each entry into its
/// difference from the one before, it takes under 3 KB. The stream is the file's last object,
/// so nothing before it moves; anything unexpected leaves the file as lopdf wrote it.
fn compress_xref_stream(pdf: Vec<u8>) -> Vec<u8> {
    recompress_xref(&pdf).unwrap_or(pdf)
}

fn recompress_xref(pdf: &[u8]) -> Option<Vec<u8>> {
    let rfind = |hay: &[u8], needle: &[u8]| hay.windows(needle.len()).rposition(|w| w == needle);
    let find = |hay: &[u8], needle: &[u8]| hay.windows(needle.len()).position(|w| w == needle);
    let tail_at = rfind(pdf, b"startxref")?;
    let offset: usize = std::str::from_utf8(pdf.get(tail_at + 9..)?)
        .ok()?
        .split_whitespace()
        .next()?
        .parse()
        .ok()?;
    let object = pdf.get(offset..tail_at)?;
    let dict_end = find(object, b">>stream\n")?;
    let head = std::str::from_utf8(&object[..dict_end]).ok()?;
    if !head.contains("/Type/XRef") || head.contains("/Filter") {
        return None;
    }
    let number_after = |key: &str| -> Option<(usize, usize)> {
        let at = head.find(key)? + key.len();
        let len = head[at..].bytes().take_while(u8::is_ascii_digit).count();
        Some((at, head[at..at + len].parse().ok()?))
    };
    let (length_at, length) = number_after("/Length ")?;
    let widths = head.get(head.find("/W[")? + 3..)?;
    let columns: usize = widths
        .split(']')
        .next()?
        .split_whitespace()
        .map(|w| w.parse::<usize>().ok())
        .sum::<Option<usize>>()?;
    let data = object.get(dict_end + 9..dict_end + 9 + length)?;
    if columns == 0 || !data.len().is_multiple_of(columns) {
        return None;
    }
    let mut rows = Vec::with_capacity(data.len() + data.len() / columns);
    let mut previous = vec![0u8; columns];
    for row in data.chunks(columns) {
        rows.push(2); // PNG "up"
        rows.extend(row.iter().zip(&previous).map(|(a, b)| a.wrapping_sub(*b)));
        previous.copy_from_slice(row);
    }
    let packed = fonts::deflate(&rows);
    let digits = head[length_at..]
        .bytes()
        .take_while(u8::is_ascii_digit)
        .count();
    let mut out = Vec::with_capacity(offset + packed.len() + 256);
    out.extend_from_slice(&pdf[..offset]);
    out.extend_from_slice(&head.as_bytes()[..length_at]);
    out.extend_from_slice(packed.len().to_string().as_bytes());
    out.extend_from_slice(&head.as_bytes()[length_at + digits..]);
    out.extend_from_slice(
        format!("/Filter/FlateDecode/DecodeParms<</Predictor 12/Columns {columns}>>").as_bytes(),
    );
    out.extend_from_slice(b">>stream\n");
    out.extend_from_slice(&packed);
    out.extend_from_slice(format!("\nendstream\nendobj\nstartxref\n{offset}\n%%EOF\n").as_bytes());
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The cross-reference stream, compressed with its predictor, still finds every object.
    #[test]
    fn compressed_cross_reference_stream_reads_back() {
        let mut doc = Document::with_version("1.7");
        let ids: Vec<ObjectId> = (0..500)
            .map(|i| doc.add_object(dictionary! { "N" => i, "Name" => format!("object {i}") }))
            .collect();
        let stream = doc.add_object(Stream::new(dictionary! {}, b"0 0 m 1 1 l S".to_vec()));
        let catalog = doc.add_object(dictionary! { "Type" => "Catalog", "Items" => ids.iter().map(|id| Object::Reference(*id)).collect::<Vec<_>>() });
        doc.trailer.set("Root", catalog);
        let options = lopdf::SaveOptions::builder()
            .use_object_streams(true)
            .use_xref_streams(true)
            .build();
        let mut raw = Vec::new();
        doc.save_with_options(&mut raw, options).expect("saved");
        let packed = compress_xref_stream(raw.clone());
        assert!(
            packed.len() + 1500 < raw.len(),
            "{} against {}",
            packed.len(),
            raw.len()
        );
        let back = Document::load_mem(&packed).expect("reads back");
        for (i, id) in ids.iter().enumerate() {
            let n = back
                .get_dictionary(*id)
                .and_then(|d| d.get(b"N"))
                .and_then(|o| o.as_i64());
            assert_eq!(n.ok(), Some(i as i64));
        }
        assert!(back.get_object(stream).is_ok());
        // Not a cross-reference stream (or anything unexpected): left as it is.
        let odd = b"%PDF-1.4\nnot a pdf\nstartxref\n9\n%%EOF\n".to_vec();
        assert_eq!(compress_xref_stream(odd.clone()), odd);
    }
}
