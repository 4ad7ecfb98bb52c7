//! The system clipboard beyond what egui carries: the HTML flavour of "Copy with citation" and
//! reading the clipboard on demand for File > Paste as Article. egui only writes plain text and
//! only reads on a Ctrl+V event, so these go through `arboard` (the crate egui-winit uses).
//! Where there is no clipboard (no display, a headless test) every call says so and the app
//! falls back to egui's plain-text path.

/// What the clipboard held when it was read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Pasted {
    /// A page or a fragment offered as `text/html` (a browser's copy).
    Html(String),
    /// Plain text.
    Text(String),
    /// Files copied in a file manager (`text/uri-list`): each is imported as an article.
    Files(Vec<std::path::PathBuf>),
}

/// The process's handle on the system clipboard, opened on first use. On X11 the clipboard's
/// contents are served by this handle, so it lives as long as the app.
#[derive(Default)]
pub struct SystemClipboard {
    handle: Option<arboard::Clipboard>,
}

impl SystemClipboard {
    fn handle(&mut self) -> Result<&mut arboard::Clipboard, String> {
        if self.handle.is_none() {
            let clipboard = arboard::Clipboard::new()
                .map_err(|e| format!("the system clipboard is not available ({e})"))?;
            self.handle = Some(clipboard);
        }
        self.handle
            .as_mut()
            .ok_or_else(|| "the system clipboard is not available".to_owned())
    }

    /// Put `html` on the clipboard with `plain` as its plain-text flavour.
    pub fn copy_html(&mut self, html: &str, plain: &str) -> Result<(), String> {
        self.handle()?
            .set()
            .html(html, Some(plain))
            .map_err(|e| format!("could not copy to the clipboard ({e})"))
    }

    /// What the clipboard holds: files copied in a file manager, else its HTML flavour when it
    /// offers one, else its text.
    pub fn read(&mut self) -> Result<Pasted, String> {
        let clipboard = self.handle()?;
        if let Ok(files) = clipboard.get().file_list() {
            if !files.is_empty() {
                return Ok(Pasted::Files(files));
            }
        }
        if let Ok(html) = clipboard.get().html() {
            if !html.trim().is_empty() {
                return Ok(Pasted::Html(html));
            }
        }
        match clipboard.get().text() {
            Ok(text) => Ok(Pasted::Text(text)),
            Err(arboard::Error::ContentNotAvailable) => Ok(Pasted::Text(String::new())),
            Err(e) => Err(format!("could not read the clipboard ({e})")),
        }
    }
}

/// `text` with `<`, `>`, `&` and `"` escaped for HTML.
pub fn escape_html(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '"' => out.push_str("&quot;"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn html_special_characters_are_escaped() {
        assert_eq!(
            super::escape_html(r#"<b>"الناتو" & NATO</b>"#),
            "&lt;b&gt;&quot;الناتو&quot; &amp; NATO&lt;/b&gt;"
        );
    }
}
