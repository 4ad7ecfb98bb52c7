//! E-mails as people save them: subject as the title, sender and date as source and date, the
//! HTML body (or the text body) through the importers, in windows-1256 with quoted-printable or
//! base64; attachments left out.

use briefing::import::{import_bytes, ImportError};
use briefing::model::{Article, ArticleId, BlockKind, Direction};

const ID: ArticleId = ArticleId(1);

fn texts(a: &Article) -> Vec<&str> {
    a.blocks.iter().map(|b| a.block_text(b)).collect()
}

fn cp1256(s: &str) -> Vec<u8> {
    let (bytes, _, bad) = encoding_rs::WINDOWS_1256.encode(s);
    assert!(!bad);
    bytes.into_owned()
}

/// Quoted-printable of `bytes`, every byte outside printable ASCII as `=XX`, soft line breaks
/// every 60 characters.
fn quoted_printable(bytes: &[u8]) -> String {
    let mut out = String::new();
    let mut line = 0;
    for &b in bytes {
        let piece = if (33..=126).contains(&b) && b != b'=' || b == b' ' {
            (b as char).to_string()
        } else {
            format!("={b:02X}")
        };
        if line + piece.len() > 60 {
            out.push_str("=\r\n");
            line = 0;
        }
        line += piece.len();
        out.push_str(&piece);
    }
    out
}

fn base64(bytes: &[u8]) -> String {
    const ABC: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::new();
    for chunk in bytes.chunks(3) {
        let n = chunk.iter().fold(0u32, |n, b| n << 8 | *b as u32) << (8 * (3 - chunk.len()));
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(ABC[(n >> (18 - 6 * i) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out.as_bytes()
        .chunks(76)
        .map(|l| String::from_utf8_lossy(l).into_owned())
        .collect::<Vec<_>>()
        .join("\r\n")
}

const SUBJECT: &str = "وزراء الخارجية العرب يبحثون الأزمة في السودان";
const PARAGRAPH_1: &str = "عقد وزراء الخارجية العرب اجتماعاً طارئاً في القاهرة لبحث تطورات الأزمة.";
const PARAGRAPH_2: &str = "ودعا البيان الختامي إلى وقف فوري لإطلاق النار وفتح الممرات الإنسانية.";

/// A multipart/mixed message: an alternative of text (quoted-printable) and HTML (base64), both
/// windows-1256, and a PDF attachment.
fn press_summary() -> Vec<u8> {
    let text = cp1256(&format!(
        "{SUBJECT}\r\n\r\n{PARAGRAPH_1}\r\n\r\n{PARAGRAPH_2}\r\n"
    ));
    let html = cp1256(&format!(
        "<html dir=\"rtl\"><head><meta charset=\"windows-1256\"><title>x</title></head><body>\
         <h1>{SUBJECT}</h1><p>{PARAGRAPH_1}</p><p>{PARAGRAPH_2}</p></body></html>"
    ));
    let subject = format!("=?windows-1256?B?{}?=", base64(&cp1256(SUBJECT)));
    let from = format!("=?windows-1256?Q?{}?=", {
        let q: String = cp1256("ليلى حداد")
            .iter()
            .map(|b| {
                if *b == b' ' {
                    "_".to_owned()
                } else {
                    format!("={b:02X}")
                }
            })
            .collect();
        q
    });
    let mut m = Vec::new();
    m.extend_from_slice(
        format!(
            "From: {from} <press@mofa.example>\r\n\
             To: desk@embassy.example\r\n\
             Subject: {subject}\r\n\
             Date: Mon, 30 Nov 2026 08:15:00 +0300\r\n\
             MIME-Version: 1.0\r\n\
             Content-Type: multipart/mixed; boundary=\"outer\"\r\n\
             \r\n\
             --outer\r\n\
             Content-Type: multipart/alternative; boundary=\"inner\"\r\n\
             \r\n\
             --inner\r\n\
             Content-Type: text/plain; charset=windows-1256\r\n\
             Content-Transfer-Encoding: quoted-printable\r\n\
             \r\n\
             {}\r\n\
             --inner\r\n\
             Content-Type: text/html; charset=\"windows-1256\"\r\n\
             Content-Transfer-Encoding: base64\r\n\
             \r\n\
             {}\r\n\
             --inner--\r\n\
             --outer\r\n\
             Content-Type: application/pdf; name=\"statement.pdf\"\r\n\
             Content-Disposition: attachment; filename=\"statement.pdf\"\r\n\
             Content-Transfer-Encoding: base64\r\n\
             \r\n\
             {}\r\n\
             --outer--\r\n",
            quoted_printable(&text),
            base64(&html),
            base64(b"%PDF-1.4 attachment text that must not be imported")
        )
        .as_bytes(),
    );
    m
}

#[test]
fn a_windows_1256_email_with_an_html_body() {
    let a = import_bytes(&press_summary(), "summary.eml", ID).unwrap();
    assert_eq!(a.title, SUBJECT);
    assert_eq!(a.source, "ليلى حداد <press@mofa.example>");
    assert_eq!(a.date.as_deref(), Some("2026-11-30T08:15:00+03:00"));
    assert_eq!(a.direction, Direction::Rtl);
    let t = texts(&a);
    assert!(
        t.contains(&PARAGRAPH_1) && t.contains(&PARAGRAPH_2),
        "{t:?}"
    );
    assert!(!a.text.contains("PDF") && !a.text.contains("attachment"));
    assert_eq!(a.blocks[0].kind, BlockKind::Title);
}

#[test]
fn a_text_only_email_in_windows_1256_quoted_printable() {
    let body = cp1256(&format!("{PARAGRAPH_1}\r\n\r\n{PARAGRAPH_2}\r\n"));
    let mut m = format!(
        "From: press@mofa.example\r\nSubject: Sudan\r\nMIME-Version: 1.0\r\n\
         Content-Type: text/plain; charset=\"Windows-1256\"\r\n\
         Content-Transfer-Encoding: quoted-printable\r\n\r\n{}\r\n",
        quoted_printable(&body)
    )
    .into_bytes();
    m.extend_from_slice(b"");
    // Without its extension, sniffed by its headers.
    let a = import_bytes(&m, "message", ID).unwrap();
    assert_eq!(a.title, "Sudan");
    assert_eq!(a.source, "press@mofa.example");
    assert_eq!(texts(&a), vec![PARAGRAPH_1, PARAGRAPH_2]);
    assert_eq!(a.direction, Direction::Rtl);
}

#[test]
fn an_email_in_8bit_windows_1256() {
    let mut m = b"From: Desk <desk@example.org>\r\nSubject: Summary\r\nMIME-Version: 1.0\r\n\
Content-Type: text/plain; charset=windows-1256\r\nContent-Transfer-Encoding: 8bit\r\n\r\n"
        .to_vec();
    m.extend(cp1256(PARAGRAPH_1));
    let a = import_bytes(&m, "summary.eml", ID).unwrap();
    assert_eq!(texts(&a), vec![PARAGRAPH_1]);
    assert_eq!(a.source, "Desk <desk@example.org>");
}

#[test]
fn not_an_email() {
    let err = import_bytes(b"\x00\x01\x02", "x.eml", ID).unwrap_err();
    assert!(
        matches!(
            err,
            ImportError::NotAnEmail { .. } | ImportError::Empty { .. }
        ),
        "{err:?}"
    );
    let err = import_bytes(b"Subject: nothing\r\n\r\n", "x.eml", ID).unwrap_err();
    assert!(matches!(err, ImportError::Empty { .. }), "{err:?}");
}
