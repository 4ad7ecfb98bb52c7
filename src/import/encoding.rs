//! Bytes to text: BOM, HTML `<meta charset>`, UTF-8, then windows-1256 (Arabic) and
//! windows-1252 when they decode to plausible text. Binary files are refused first.

use encoding_rs::{Encoding, UTF_16BE, UTF_16LE, UTF_8, WINDOWS_1252, WINDOWS_1256};

/// Why bytes are not text.
#[derive(Debug, PartialEq, Eq)]
pub(super) enum DecodeError {
    /// Nothing at all.
    Empty,
    /// Not a text file; says what it looks like.
    Binary(&'static str),
    /// Not in any encoding we try.
    Undecodable,
}

/// Decode `bytes` to a string with LF line ends and no BOM. `html` enables the
/// `<meta charset>` prescan.
pub(super) fn decode(bytes: &[u8], html: bool) -> Result<String, DecodeError> {
    if bytes.is_empty() {
        return Err(DecodeError::Empty);
    }
    if let Some((encoding, bom_len)) = Encoding::for_bom(bytes) {
        let rest = &bytes[bom_len..];
        let text = encoding
            .decode_without_bom_handling_and_without_replacement(rest)
            .ok_or(DecodeError::Undecodable)?;
        if has_many_controls(text.chars()) {
            return Err(DecodeError::Binary("it is mostly control characters"));
        }
        return Ok(unify_line_ends(&text));
    }
    if let Some(text) = bomless_utf16(bytes) {
        return Ok(unify_line_ends(&text));
    }
    if let Some(what) = binary_kind(bytes) {
        return Err(DecodeError::Binary(what));
    }
    let declared = if html { meta_charset(bytes) } else { None };
    if let Some(encoding) = declared.filter(|e| *e != UTF_8 && *e != UTF_16LE && *e != UTF_16BE) {
        if let Some(text) = encoding.decode_without_bom_handling_and_without_replacement(bytes) {
            return Ok(unify_line_ends(&text));
        }
    }
    if let Ok(text) = std::str::from_utf8(bytes) {
        return Ok(unify_line_ends(text));
    }
    if let Some(text) = WINDOWS_1256.decode_without_bom_handling_and_without_replacement(bytes) {
        if mostly_arabic(&text) {
            return Ok(unify_line_ends(&text));
        }
    }
    if let Some(text) = WINDOWS_1252.decode_without_bom_handling_and_without_replacement(bytes) {
        if plausible_latin(&text) {
            return Ok(unify_line_ends(&text));
        }
    }
    Err(DecodeError::Undecodable)
}

/// CRLF and lone CR become LF; a leading BOM that slipped through is dropped.
pub(super) fn unify_line_ends(text: &str) -> String {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    text.replace("\r\n", "\n").replace('\r', "\n")
}

/// UTF-16 saved without a byte order mark (some Windows tools do): its spaces, line ends and
/// Latin letters put a NUL in every other byte, and none in the others. Taken as text only when
/// it decodes cleanly to letters, digits, spaces and punctuation.
fn bomless_utf16(bytes: &[u8]) -> Option<String> {
    if bytes.len() < 4 || !bytes.len().is_multiple_of(2) {
        return None;
    }
    let nuls = |parity: usize| {
        bytes
            .iter()
            .skip(parity)
            .step_by(2)
            .filter(|&&b| b == 0)
            .count()
    };
    let (even, odd) = (nuls(0), nuls(1));
    let encoding = match (even, odd) {
        (0, n) if n > 0 => UTF_16LE,
        (n, 0) if n > 0 => UTF_16BE,
        _ => return None,
    };
    let text = encoding.decode_without_bom_handling_and_without_replacement(bytes)?;
    let total = text.chars().count();
    let plausible = text
        .chars()
        .filter(|&c| {
            c.is_alphanumeric()
                || c.is_whitespace()
                || (c.is_ascii_punctuation() || unicode_normalization::char::is_combining_mark(c))
                || matches!(c, '\u{060C}' | '\u{061B}' | '\u{061F}' | '\u{066A}'..='\u{066D}' | '\u{2010}'..='\u{2027}' | '\u{200C}'..='\u{200F}' | '«' | '»')
        })
        .count();
    (!text.contains('\0') && plausible * 100 >= total * 95).then(|| text.into_owned())
}

/// What a binary file looks like, from its magic bytes, NULs or control bytes.
fn binary_kind(bytes: &[u8]) -> Option<&'static str> {
    const MAGIC: &[(&[u8], &str)] = &[
        (b"\x89PNG", "a PNG image"),
        (b"%PDF-", "a PDF document"),
        (b"PK\x03\x04", "a ZIP archive or Office document"),
        (b"GIF8", "a GIF image"),
        (b"\xFF\xD8\xFF", "a JPEG image"),
        (b"\x1F\x8B", "a gzip archive"),
        (b"\xD0\xCF\x11\xE0", "an old Office document"),
        (b"{\\rtf", "an RTF document"),
        (b"\x7FELF", "a program"),
        (b"MZ", "a Windows program"),
        (b"RIFF", "a media file"),
        (b"7z\xBC\xAF", "a 7-Zip archive"),
    ];
    if let Some((_, what)) = MAGIC.iter().find(|(m, _)| bytes.starts_with(m)) {
        // "MZ" alone is too weak for short texts; require a NUL as well.
        if !bytes.starts_with(b"MZ") || bytes.contains(&0) {
            return Some(what);
        }
    }
    if bytes.contains(&0) {
        return Some("it contains NUL bytes");
    }
    if has_many_controls(bytes.iter().map(|b| char::from(*b))) {
        return Some("it is mostly control characters");
    }
    None
}

/// Whether more than one char in twenty is a C0 control other than tab, LF, CR, FF, ESC, SUB.
fn has_many_controls(chars: impl Iterator<Item = char>) -> bool {
    let (mut total, mut controls) = (0usize, 0usize);
    for c in chars {
        total += 1;
        if (c.is_ascii_control() && !matches!(c, '\t' | '\n' | '\r' | '\x0c' | '\x1b' | '\x1a'))
            || c == '\0'
        {
            controls += 1;
        }
    }
    controls > 0 && controls * 20 > total
}

/// The encoding named by a `charset=` in the first 1024 bytes of an HTML page.
fn meta_charset(bytes: &[u8]) -> Option<&'static Encoding> {
    let head: Vec<u8> = bytes
        .iter()
        .take(1024)
        .map(u8::to_ascii_lowercase)
        .collect();
    let at = head.windows(8).position(|w| w == b"charset=")? + 8;
    let label: Vec<u8> = head[at..]
        .iter()
        .copied()
        .skip_while(|b| *b == b'"' || *b == b'\'' || *b == b' ')
        .take_while(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b':' | b'.'))
        .collect();
    Encoding::for_label(&label)
}

/// Windows-1256 decoding is right when most letters are Arabic and non-ASCII chars are
/// mostly letters or spaces (Arabic text is full of them; random bytes are not).
fn mostly_arabic(text: &str) -> bool {
    let (mut letters, mut arabic, mut non_ascii, mut non_ascii_ok) = (0usize, 0, 0, 0);
    for c in text.chars() {
        let is_arabic = matches!(c as u32, 0x0600..=0x06FF);
        if c.is_alphabetic() {
            letters += 1;
            if is_arabic {
                arabic += 1;
            }
        }
        if !c.is_ascii() {
            non_ascii += 1;
            if is_arabic || c.is_alphabetic() || matches!(c, '\u{200c}'..='\u{200f}' | '\u{a0}') {
                non_ascii_ok += 1;
            }
        }
        if c.is_control() && !c.is_ascii_whitespace() {
            return false;
        }
    }
    arabic >= 2 && arabic * 10 >= letters * 6 && non_ascii_ok * 10 >= non_ascii * 9
}

/// Windows-1252 decoding is plausible without C1 controls and with mostly letters among the
/// non-ASCII chars (accented Latin letters, typographic quotes and dashes).
fn plausible_latin(text: &str) -> bool {
    let (mut non_ascii, mut ok) = (0usize, 0usize);
    for c in text.chars() {
        if c.is_control() && !c.is_ascii_whitespace() {
            return false;
        }
        if !c.is_ascii() {
            non_ascii += 1;
            if c.is_alphabetic()
                || matches!(
                    c,
                    '‘' | '’'
                        | '“'
                        | '”'
                        | '–'
                        | '—'
                        | '…'
                        | '€'
                        | '\u{a0}'
                        | '«'
                        | '»'
                        | '°'
                        | '©'
                )
            {
                ok += 1;
            }
        }
    }
    ok * 10 >= non_ascii * 8 && text.chars().any(char::is_alphabetic)
}
