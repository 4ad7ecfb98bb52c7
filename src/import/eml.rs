//! E-mail messages (`.eml`, RFC 5322 with MIME) to an article: the subject is the title, the
//! sender the source, the date the date; the body goes through the HTML importer when the
//! message has an HTML part, else through the plain-text one. `mail-parser` undoes the transfer
//! encodings (quoted-printable, base64) and the charsets (windows-1256 among them); attachments,
//! and messages forwarded as attachments, are ignored.

use mail_parser::{Address, MessageParser, PartType};

/// What the message holds for the importers.
pub(super) struct Email {
    pub(super) subject: Option<String>,
    pub(super) sender: Option<String>,
    pub(super) date: Option<String>,
    pub(super) body: Body,
}

/// The body to import.
pub(super) enum Body {
    /// The message's HTML part.
    Html(String),
    /// Its text parts, joined by blank lines.
    Text(String),
    /// No text at all.
    None,
}

/// Read the message in `bytes`; `None` when it has no headers at all (not an e-mail).
pub(super) fn parse(bytes: &[u8]) -> Option<Email> {
    let message = MessageParser::default().parse(bytes)?;
    if message.parts.first().is_none_or(|p| p.headers.is_empty()) {
        return None;
    }
    let text_of = |ids: &[u32], html: bool| -> Vec<String> {
        ids.iter()
            .filter_map(|id| message.part(*id))
            .filter_map(|part| match (&part.body, html) {
                (PartType::Html(s), true) | (PartType::Text(s), false) => Some(s.to_string()),
                _ => None,
            })
            .collect()
    };
    let html = text_of(&message.html_body, true);
    let text = text_of(&message.text_body, false);
    let body = if let Some(first) = html.into_iter().next() {
        Body::Html(first)
    } else if !text.is_empty() {
        Body::Text(text.join("\n\n"))
    } else {
        Body::None
    };
    Some(Email {
        subject: message
            .subject()
            .map(super::collapse_whitespace)
            .filter(|s| !s.is_empty()),
        sender: message.from().or(message.sender()).and_then(sender_of),
        date: message.date().map(|d| d.to_rfc3339()),
        body,
    })
}

/// "Name <address>", or whichever of the two there is, of the first address.
fn sender_of(address: &Address) -> Option<String> {
    let first = address.first()?;
    let name = first
        .name()
        .map(super::collapse_whitespace)
        .filter(|n| !n.is_empty());
    let addr = first.address().map(str::trim).filter(|a| !a.is_empty());
    match (name, addr) {
        (Some(n), Some(a)) if n != a => Some(format!("{n} <{a}>")),
        (Some(n), _) => Some(n),
        (None, Some(a)) => Some(a.to_owned()),
        (None, None) => None,
    }
}
