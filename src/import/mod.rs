//! Article import: a `.txt`, `.md`, `.html`, `.docx`, `.odt`, `.eml` or `.pdf` file becomes a
//! `model::Article`.
//!
//! The stored `text` is the blocks' texts joined by `"\n\n"`, nothing else: block `i + 1`
//! starts two bytes after block `i` ends. Characters are kept as in the source (no Unicode
//! normalisation, harakat and bidi controls kept inside their paragraph); only line ends are
//! unified, bullet markers dropped (the reader draws its own), and in HTML/Markdown whitespace
//! runs are collapsed and inline markup removed. Nothing is ever fetched from the network.

mod docx;
mod eml;
mod encoding;
mod html;
mod markdown;
mod odt;
pub mod pdf;
mod text;

use std::io::Read;
use std::path::Path;

use crate::model::{Article, ArticleId, Block, BlockKind, Direction, PageStart};

pub use docx::MAX_UNPACKED_BYTES;

/// The largest article file accepted: anything bigger is not a news article.
pub const MAX_ARTICLE_BYTES: u64 = 50 * 1024 * 1024;

/// The largest PDF accepted. A PDF is bounded by the text it yields (at most
/// [`MAX_ARTICLE_BYTES`]), not by its size: an illustrated report is large for its images.
pub const MAX_PDF_BYTES: u64 = 1024 * 1024 * 1024;

/// Why a file could not be imported. Each message names the file, says what is wrong and
/// what to do, on one line.
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    /// The file could not be opened or read.
    #[error("{file}: could not read it ({source}); check the path and that you may read the file")]
    Io {
        /// The file, as given.
        file: String,
        /// What the system said.
        source: std::io::Error,
    },
    /// The file is larger than `MAX_ARTICLE_BYTES`.
    #[error("{file}: the file is {size} bytes ({size_mb:.1} MB), over the {limit_mb} MB limit for an article; save only the article's text and import that")]
    TooLarge {
        /// The file, as given.
        file: String,
        /// Its size in bytes.
        size: u64,
        /// Its size in MB.
        size_mb: f64,
        /// The limit in MB.
        limit_mb: u64,
    },
    /// The file holds no text (empty, or only whitespace).
    #[error("{file}: the file is empty or holds only whitespace; choose the file with the article's text")]
    Empty {
        /// The file, as given.
        file: String,
    },
    /// The file is not text at all (an image, a PDF, an archive, …).
    #[error("{file}: this is not a text file ({what}); save the article as .txt, .md or .html and import that")]
    Binary {
        /// The file, as given.
        file: String,
        /// What it looks like, e.g. "a PNG image".
        what: String,
    },
    /// The bytes are in no text encoding this importer can read.
    #[error("{file}: the text is in an encoding that could not be recognised (tried UTF-8, UTF-16, windows-1256, windows-1252); save it as UTF-8 and import again")]
    Undecodable {
        /// The file, as given.
        file: String,
    },
    /// A Word file that is not a readable zip, or whose parts are damaged (a truncated
    /// download, a file that is not really a `.docx`).
    #[error("{file}: the document is damaged or is not a .docx or .odt ({reason}); open it in Word or LibreOffice, save it again as .docx or .odt and import that")]
    BrokenDocument {
        /// The file, as given.
        file: String,
        /// What is wrong with it.
        reason: String,
    },
    /// A Word file that inflates to more than [`MAX_UNPACKED_BYTES`]: no article is that large,
    /// so it is damaged or a zip bomb. Reading stops at the limit.
    #[error("{file}: the document unpacks to more than {limit_mb} MB, far more than any article (a damaged file or a zip bomb); nothing was imported")]
    UnpacksTooLarge {
        /// The file, as given.
        file: String,
        /// The limit in MB.
        limit_mb: u64,
    },
    /// A Word file that takes part of its content from outside itself (a linked sub-document,
    /// image, object or text chunk). Nothing is ever fetched, so it is refused rather than
    /// imported with holes.
    #[error("{file}: the document takes part of its content from outside the file ({target}), and nothing is fetched; in Word or LibreOffice, break the links or save a copy with everything embedded, and import that")]
    ExternalContent {
        /// The file, as given.
        file: String,
        /// Where the content would come from, as written in the document.
        target: String,
    },
    /// A `.eml` file with no message headers.
    #[error("{file}: this is not an e-mail message (no headers such as From: or Subject: at its start); save the message from the mail program as .eml and import that")]
    NotAnEmail {
        /// The file, as given.
        file: String,
    },
    /// A PDF protected by a password, opened without one.
    #[error("{file}: the PDF is protected by a password; enter it when asked (on the command line, give it with --password)")]
    PdfNeedsPassword {
        /// The file, as given.
        file: String,
    },
    /// A PDF opened with a password that is not its own.
    #[error("{file}: the password does not open this PDF; check it and try again")]
    PdfWrongPassword {
        /// The file, as given.
        file: String,
    },
    /// A PDF encrypted in a way this importer cannot read.
    #[error("{file}: the PDF is encrypted in a way that cannot be read here; open it in a PDF reader, save an unprotected copy and import that")]
    PdfEncryption {
        /// The file, as given.
        file: String,
    },
    /// A PDF that is damaged or cut off.
    #[error("{file}: the PDF is damaged or incomplete ({reason}); download it again, or open it in a PDF reader, save a copy and import that")]
    PdfBroken {
        /// The file, as given.
        file: String,
        /// What is wrong with it.
        reason: String,
    },
    /// A PDF beyond the bounds the importer keeps (pages, a page's content).
    #[error("{file}: {what}; nothing was imported")]
    PdfTooLarge {
        /// The file, as given.
        file: String,
        /// What is too large.
        what: String,
    },
    /// A PDF whose pages are only images: a scan with no text layer.
    #[error("{file}: this PDF holds only images of text (a scan with no text layer); run it through OCR, or ask for the document as text, and import that")]
    PdfImagesOnly {
        /// The file, as given.
        file: String,
    },
    /// A PDF that draws no text at all.
    #[error("{file}: this PDF draws no text that could be read; nothing was imported")]
    PdfNoText {
        /// The file, as given.
        file: String,
    },
    /// An HTML page that shows no text at all (only scripts, styles, images or an empty body).
    #[error("{file}: the HTML page shows no text (only scripts, styles, images or an empty body); save the article page itself, or paste its text into a .txt file")]
    NoReadableText {
        /// The file, as given.
        file: String,
    },
}

/// Something a person should know about an import that worked: shown in the app's status bar
/// and by the CLI on stderr, never stored in the briefing.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum ImportNote {
    /// No article was found in an HTML page, so all of its visible text was imported (menus,
    /// links and all).
    #[error("{file}: no article was found in the page, so all of its visible text was imported; check it, or save the article page itself")]
    PageText {
        /// The file, as given.
        file: String,
    },
    /// Pages of a PDF whose text layer does not carry the letters (private-use codes, no
    /// `ToUnicode`), which the embedded fonts could not give either: their text is missing or
    /// wrong.
    #[error("{file}: the text of page(s) {pages} could not be read from the PDF (its fonts do not say which letters they draw); compare those pages with the original")]
    PdfUnreadablePages {
        /// The file, as given.
        file: String,
        /// The pages, as "3, 4, 7".
        pages: String,
    },
    /// Pages of a PDF whose letters were recovered from the embedded fonts, as the PDF's own
    /// text layer did not give them.
    #[error("{file}: the PDF does not say which letters page(s) {pages} draw; they were read from its fonts, so check unusual words against the original")]
    PdfRecoveredPages {
        /// The file, as given.
        file: String,
        /// The pages, as "3, 4, 7".
        pages: String,
    },
}

/// An imported article with what the person should know about its import.
#[derive(Clone, Debug)]
pub struct Imported {
    /// The article.
    pub article: Article,
    /// Notes on the import, in the order they arose; empty for a plain import.
    pub notes: Vec<ImportNote>,
}

/// The formats the importer understands.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Format {
    Text,
    Markdown,
    Html,
    Docx,
    Odt,
    Eml,
    Pdf,
}

/// Import the article in the file at `path`. The size is checked from the file's metadata
/// before anything is read; `original_path` is set to `path` as given.
pub fn import_file(path: &Path, id: ArticleId) -> Result<Article, ImportError> {
    import_file_noted(path, id).map(|imported| imported.article)
}

/// [`import_file`], with the notes on the import (e.g. that a page's visible text was taken
/// because no article was found in it).
pub fn import_file_noted(path: &Path, id: ArticleId) -> Result<Imported, ImportError> {
    import_file_with_password(path, id, "")
}

/// [`import_file_noted`], opening an encrypted PDF with `password` (empty for none; a PDF
/// with an empty user password opens without one, as readers do).
pub fn import_file_with_password(
    path: &Path,
    id: ArticleId,
    password: &str,
) -> Result<Imported, ImportError> {
    let file_name = path.display().to_string();
    let io = |source| ImportError::Io {
        file: file_name.clone(),
        source,
    };
    let file = std::fs::File::open(path).map_err(io)?;
    let size = file.metadata().map_err(io)?.len();
    let mut file = file;
    let mut head = [0u8; 1024];
    let head_len = read_head(&mut file, &mut head).map_err(io)?;
    let limit = if is_pdf(&file_name, &head[..head_len]) {
        MAX_PDF_BYTES
    } else {
        MAX_ARTICLE_BYTES
    };
    if size > limit {
        return Err(too_large(&file_name, size, limit));
    }
    let mut bytes = Vec::with_capacity(usize::try_from(size).unwrap_or(0));
    bytes.extend_from_slice(&head[..head_len]);
    // Read at most one byte over the limit, in case the file grows while we read it.
    file.take(limit + 1 - head_len as u64)
        .read_to_end(&mut bytes)
        .map_err(io)?;
    let mut imported = import_bytes_with_password(&bytes, &file_name, id, password)?;
    imported.article.original_path = Some(file_name);
    Ok(imported)
}

/// Import an article from its bytes. `file_name` chooses the format by its extension
/// (`.txt`/`.text`, `.md`/`.markdown`, `.html`/`.htm`; anything else is sniffed: HTML if it
/// looks like HTML, else plain text) and names the file in errors. `original_path` is `None`.
pub fn import_bytes(bytes: &[u8], file_name: &str, id: ArticleId) -> Result<Article, ImportError> {
    import_bytes_noted(bytes, file_name, id).map(|imported| imported.article)
}

/// [`import_bytes`], with the notes on the import.
pub fn import_bytes_noted(
    bytes: &[u8],
    file_name: &str,
    id: ArticleId,
) -> Result<Imported, ImportError> {
    import_bytes_with_password(bytes, file_name, id, "")
}

/// [`import_bytes_noted`], opening an encrypted PDF with `password`.
pub fn import_bytes_with_password(
    bytes: &[u8],
    file_name: &str,
    id: ArticleId,
    password: &str,
) -> Result<Imported, ImportError> {
    let file = file_name.to_owned();
    let format = format_of(file_name, bytes);
    let limit = if format == Format::Pdf {
        MAX_PDF_BYTES
    } else {
        MAX_ARTICLE_BYTES
    };
    if bytes.len() as u64 > limit {
        return Err(too_large(file_name, bytes.len() as u64, limit));
    }
    let mut notes = Vec::new();
    let (built, meta) = match format {
        Format::Pdf => parse_pdf(bytes, &file, password, &mut notes)?,
        Format::Docx | Format::Odt => if format == Format::Odt {
            odt::parse(bytes)
        } else {
            docx::parse(bytes)
        }
        .map_err(|e| match e {
            docx::DocxError::Broken(reason) | docx::DocxError::NotWord(reason) => {
                ImportError::BrokenDocument {
                    file: file.clone(),
                    reason,
                }
            }
            docx::DocxError::TooLarge => ImportError::UnpacksTooLarge {
                file: file.clone(),
                limit_mb: MAX_UNPACKED_BYTES / (1024 * 1024),
            },
            docx::DocxError::External(target) => ImportError::ExternalContent {
                file: file.clone(),
                target,
            },
        })?,
        Format::Eml => {
            let email =
                eml::parse(bytes).ok_or_else(|| ImportError::NotAnEmail { file: file.clone() })?;
            let (built, mut meta) = match email.body {
                // A message is its own content: that Readability finds no article in its HTML
                // (it rarely does) is no news, so its note is not passed on.
                eml::Body::Html(html) => parse_text(Format::Html, &html, &file, &mut Vec::new()),
                eml::Body::Text(text) => parse_text(
                    Format::Text,
                    &encoding::unify_line_ends(&text),
                    &file,
                    &mut notes,
                ),
                eml::Body::None => (TextBuilder::default(), Meta::default()),
            };
            meta.title = email.subject.or(meta.title);
            meta.source = email.sender.or(meta.source);
            meta.date = email.date.or(meta.date);
            (built, meta)
        }
        Format::Text | Format::Markdown | Format::Html => {
            let decoded = encoding::decode(bytes, format == Format::Html).map_err(|e| match e {
                encoding::DecodeError::Empty => ImportError::Empty { file: file.clone() },
                encoding::DecodeError::Binary(what) => ImportError::Binary {
                    file: file.clone(),
                    what: what.to_owned(),
                },
                encoding::DecodeError::Undecodable => {
                    ImportError::Undecodable { file: file.clone() }
                }
            })?;
            if !has_visible(&decoded) {
                return Err(ImportError::Empty { file });
            }
            parse_text(format, &decoded, &file, &mut notes)
        }
    };
    if built.blocks.is_empty() {
        return Err(match format {
            Format::Html => ImportError::NoReadableText { file },
            _ => ImportError::Empty { file },
        });
    }
    Ok(Imported {
        article: finish(built, meta, id),
        notes,
    })
}

/// The blocks and metadata of decoded text in one of the text formats, noting in `notes` a
/// page taken whole.
fn parse_text(
    format: Format,
    decoded: &str,
    file: &str,
    notes: &mut Vec<ImportNote>,
) -> (TextBuilder, Meta) {
    match format {
        Format::Markdown => markdown::parse(decoded),
        Format::Html => {
            let (built, meta, found) = html::parse(decoded);
            if found == html::Found::PageText && !built.blocks.is_empty() {
                notes.push(ImportNote::PageText {
                    file: file.to_owned(),
                });
            }
            (built, meta)
        }
        _ => (text::parse(decoded), Meta::default()),
    }
}

/// What the importer kept of an article, as `briefing read` prints it: the title line, a blank
/// line, then each block's text in order, a blank line between blocks, ending in a newline. A
/// `Title` block that is the title itself is not printed twice.
pub fn reading_text(article: &Article) -> String {
    let mut out = String::with_capacity(article.title.len() + article.text.len() + 4);
    out.push_str(&article.title);
    out.push('\n');
    for block in &article.blocks {
        let text = article.block_text(block);
        if block.kind == BlockKind::Title && text == article.title {
            continue;
        }
        out.push('\n');
        out.push_str(text);
        out.push('\n');
    }
    out
}

fn too_large(file: &str, size: u64, limit: u64) -> ImportError {
    ImportError::TooLarge {
        file: file.to_owned(),
        size,
        size_mb: size as f64 / (1024.0 * 1024.0),
        limit_mb: limit / (1024 * 1024),
    }
}

/// Read up to `head.len()` bytes from the start of the file.
fn read_head(file: &mut std::fs::File, head: &mut [u8]) -> std::io::Result<usize> {
    let mut n = 0;
    while n < head.len() {
        match file.read(&mut head[n..])? {
            0 => break,
            k => n += k,
        }
    }
    Ok(n)
}

/// Whether the file is a PDF, by its name or its first bytes.
fn is_pdf(file_name: &str, head: &[u8]) -> bool {
    format_of(file_name, head) == Format::Pdf
}

/// Whether `%PDF-` stands in the first KiB, where readers look for it.
fn looks_like_pdf(bytes: &[u8]) -> bool {
    bytes[..bytes.len().min(1024)]
        .windows(5)
        .any(|w| w == b"%PDF-")
}

/// The blocks and metadata of a PDF, noting pages whose text could not be read or was read
/// from the fonts.
fn parse_pdf(
    bytes: &[u8],
    file: &str,
    password: &str,
    notes: &mut Vec<ImportNote>,
) -> Result<(TextBuilder, Meta), ImportError> {
    let file = file.to_owned();
    let read = pdf::read(bytes, password).map_err(|e| match e {
        pdf::PdfError::NeedsPassword => ImportError::PdfNeedsPassword { file: file.clone() },
        pdf::PdfError::WrongPassword => ImportError::PdfWrongPassword { file: file.clone() },
        pdf::PdfError::UnsupportedEncryption => ImportError::PdfEncryption { file: file.clone() },
        pdf::PdfError::Broken(reason) => ImportError::PdfBroken {
            file: file.clone(),
            reason,
        },
        pdf::PdfError::TooManyPages(n) => ImportError::PdfTooLarge {
            file: file.clone(),
            what: format!(
                "the PDF has {n} pages, more than the {} an article may have",
                pdf::MAX_PAGES
            ),
        },
        pdf::PdfError::Bomb(page) => ImportError::PdfTooLarge {
            file: file.clone(),
            what: format!(
                "page {page} unpacks to more than {} MB of drawing instructions (a damaged file or a decompression bomb)",
                pdf::MAX_CONTENT_BYTES / (1024 * 1024)
            ),
        },
        pdf::PdfError::ImagesOnly => ImportError::PdfImagesOnly { file: file.clone() },
        pdf::PdfError::NoText => ImportError::PdfNoText { file: file.clone() },
    })?;
    let list = |pages: &[usize]| {
        pages
            .iter()
            .map(usize::to_string)
            .collect::<Vec<_>>()
            .join(", ")
    };
    if !read.unreadable_pages.is_empty() {
        notes.push(ImportNote::PdfUnreadablePages {
            file: file.clone(),
            pages: list(&read.unreadable_pages),
        });
    }
    if !read.recovered_pages.is_empty() {
        notes.push(ImportNote::PdfRecoveredPages {
            file: file.clone(),
            pages: list(&read.recovered_pages),
        });
    }
    let mut built = TextBuilder::default();
    let label = |page: usize| {
        read.labels
            .get(page)
            .cloned()
            .unwrap_or_else(|| (page + 1).to_string())
    };
    let mut last_page = None;
    for block in &read.blocks {
        let before = built.blocks.len();
        built.push(block.kind, &block.text);
        let Some(pushed) = built.blocks.get(before) else {
            continue;
        };
        let start = pushed.start;
        let breaks = std::iter::once((0, block.page)).chain(block.page_breaks.iter().copied());
        for (offset, page) in breaks {
            if last_page != Some(page) && built.text.is_char_boundary(start + offset) {
                built.pages.push(PageStart {
                    start: start + offset,
                    label: label(page),
                });
                last_page = Some(page);
            }
        }
    }
    let meta = Meta {
        title: read.title,
        author: read.author,
        date: read.date,
        ..Meta::default()
    };
    Ok((built, meta))
}

/// The format named by the extension, or sniffed from the first bytes when unknown.
fn format_of(file_name: &str, bytes: &[u8]) -> Format {
    let ext = Path::new(file_name)
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase);
    match ext.as_deref() {
        Some("txt" | "text") => Format::Text,
        Some("md" | "markdown") => Format::Markdown,
        Some("html" | "htm" | "xhtml") => Format::Html,
        Some("docx" | "docm" | "dotx") => Format::Docx,
        Some("odt" | "ott") => Format::Odt,
        Some("eml") => Format::Eml,
        Some("pdf") => Format::Pdf,
        _ if looks_like_pdf(bytes) => Format::Pdf,
        // OpenDocument puts its media type, stored, as the archive's first entry.
        _ if bytes.starts_with(b"PK\x03\x04")
            && bytes.get(30..90).is_some_and(|head| {
                head.starts_with(b"mimetypeapplication/vnd.oasis.opendocument.text")
            }) =>
        {
            Format::Odt
        }
        _ if bytes.starts_with(b"PK\x03\x04") => Format::Docx,
        _ if looks_like_html(bytes) => Format::Html,
        _ if looks_like_email(bytes) => Format::Eml,
        _ => Format::Text,
    }
}

/// Whether the first KiB, ASCII-lowercased, starts (after whitespace/BOM) with a doctype or
/// one of the tags every HTML page has.
fn looks_like_html(bytes: &[u8]) -> bool {
    let head: Vec<u8> = bytes
        .iter()
        .take(1024)
        .filter(|b| **b != 0)
        .map(u8::to_ascii_lowercase)
        .collect();
    let head = String::from_utf8_lossy(&head);
    let start = head.trim_start_matches(['\u{feff}', '\u{fffd}', ' ', '\t', '\r', '\n']);
    start.starts_with("<!doctype html")
        || start.starts_with("<html")
        || start.starts_with("<?xml") && head.contains("<html")
        || head.contains("<head>") && head.contains("<body")
}

/// Whether the file starts with mail headers (`Name: value` lines, continuation lines
/// indented) and they include `MIME-Version:`, as every message a mail program saves does.
fn looks_like_email(bytes: &[u8]) -> bool {
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(8192)]);
    let mut mime = false;
    for line in head.lines() {
        if line.is_empty() {
            return mime;
        }
        if line.starts_with([' ', '\t']) {
            continue;
        }
        let Some((name, _)) = line.split_once(':') else {
            return false;
        };
        if name.is_empty() || !name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-') {
            return false;
        }
        mime |= name.eq_ignore_ascii_case("mime-version");
    }
    false
}

/// Metadata found in the file (HTML meta tags, Markdown front matter).
#[derive(Clone, Debug, Default)]
struct Meta {
    title: Option<String>,
    source: Option<String>,
    url: Option<String>,
    date: Option<String>,
    author: Option<String>,
    language: Option<String>,
    direction: Option<Direction>,
}

/// The article text under construction: blocks joined by `"\n\n"`.
#[derive(Debug, Default)]
struct TextBuilder {
    text: String,
    blocks: Vec<Block>,
    /// Where the source's pages begin (a PDF's).
    pages: Vec<PageStart>,
}

impl TextBuilder {
    /// Append a block of `kind`, trimmed; blocks with nothing visible are dropped.
    fn push(&mut self, kind: BlockKind, s: &str) {
        let s = s.trim();
        if !has_visible(s) {
            return;
        }
        if !self.text.is_empty() {
            self.text.push_str("\n\n");
        }
        let start = self.text.len();
        self.text.push_str(s);
        self.blocks.push(Block {
            kind,
            start,
            end: self.text.len(),
        });
    }
}

/// Whether `c` shows nothing: whitespace, or an invisible format char (bidi controls,
/// zero-width chars, BOM, soft hyphen).
fn is_invisible(c: char) -> bool {
    c.is_whitespace()
        || matches!(c,
            '\u{00AD}' | '\u{061C}' | '\u{180E}' | '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}'
            | '\u{2060}'..='\u{2064}' | '\u{2066}'..='\u{2069}' | '\u{FEFF}')
}

/// Whether `s` has at least one char that shows.
fn has_visible(s: &str) -> bool {
    s.chars().any(|c| !is_invisible(c))
}

fn finish(built: TextBuilder, meta: Meta, id: ArticleId) -> Article {
    let TextBuilder {
        text,
        blocks,
        pages,
    } = built;
    let title = meta
        .title
        .filter(|t| has_visible(t))
        .or_else(|| {
            blocks
                .iter()
                .find(|b| b.kind == BlockKind::Title)
                .or(blocks.first())
                .and_then(|b| text.get(b.start..b.end))
                .map(|t| shorten(t, 200))
        })
        .unwrap_or_default();
    let stats = ScriptStats::of(&text);
    let language = meta
        .language
        .filter(|l| !l.is_empty())
        .unwrap_or_else(|| stats.language().to_owned());
    let direction = meta.direction.unwrap_or_else(|| Direction::of_text(&text));
    Article {
        id,
        title,
        source: meta.source.unwrap_or_default(),
        url: meta.url,
        date: meta.date,
        author: meta.author,
        language,
        direction,
        original_path: None,
        sha256: Article::hash_text(&text),
        blocks,
        text,
        pages,
    }
}

/// `s` trimmed, cut after at most `max` chars (at a char boundary) with "…" when cut.
fn shorten(s: &str, max: usize) -> String {
    let s = s.trim();
    match s.char_indices().nth(max) {
        Some((i, _)) => format!("{}…", s[..i].trim_end()),
        None => s.to_owned(),
    }
}

/// Collapse every whitespace run to one space and trim.
fn collapse_whitespace(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for word in s.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// Letter counts by script, for the language and direction of a text without markup.
#[derive(Debug, Default)]
struct ScriptStats {
    arabic: usize,
    hebrew: usize,
    latin: usize,
    other: usize,
    persian_marks: usize,
    urdu_marks: usize,
    arabic_marks: usize,
}

impl ScriptStats {
    fn of(text: &str) -> ScriptStats {
        let mut s = ScriptStats::default();
        for c in text.chars().filter(|c| c.is_alphabetic()) {
            match c as u32 {
                0x0590..=0x05FF | 0xFB1D..=0xFB4F => s.hebrew += 1,
                0x0600..=0x06FF
                | 0x0750..=0x077F
                | 0x08A0..=0x08FF
                | 0xFB50..=0xFDFF
                | 0xFE70..=0xFEFF => {
                    s.arabic += 1;
                    match c {
                        // پ چ ژ گ ک ی: Persian (ک, ی also Urdu).
                        '\u{067E}' | '\u{0686}' | '\u{0698}' | '\u{06AF}' | '\u{06A9}'
                        | '\u{06CC}' => s.persian_marks += 1,
                        // ٹ ڈ ڑ ں ہ ے ھ: Urdu only.
                        '\u{0679}' | '\u{0688}' | '\u{0691}' | '\u{06BA}' | '\u{06C1}'
                        | '\u{06D2}' | '\u{06BE}' => s.urdu_marks += 1,
                        // ة ي ك ى: Arabic spelling.
                        '\u{0629}' | '\u{064A}' | '\u{0643}' | '\u{0649}' => s.arabic_marks += 1,
                        _ => {}
                    }
                }
                _ if c.is_ascii_alphabetic() || matches!(c as u32, 0x00C0..=0x024F) => s.latin += 1,
                _ => s.other += 1,
            }
        }
        s
    }

    /// "ar", "fa", "ur", "he", "en", or "und" when there are no letters.
    fn language(&self) -> &'static str {
        let rtl = self.arabic + self.hebrew;
        if rtl == 0 && self.latin == 0 {
            return "und";
        }
        if rtl >= self.latin {
            if self.hebrew > self.arabic {
                "he"
            } else if self.urdu_marks * 100 >= self.arabic.max(1) {
                "ur"
            } else if self.persian_marks > self.arabic_marks {
                "fa"
            } else {
                "ar"
            }
        } else if self.latin >= self.other {
            "en"
        } else {
            "und"
        }
    }
}
