//! What the UI asks for. Widgets return these instead of changing state; `BriefingApp`
//! applies them at the end of the frame, in order.

use std::path::PathBuf;

use crate::model::{ArticleId, Command, ItemId, QuoteId, Slot};

use super::document::EditKey;
use super::i18n::UiLanguage;

/// One request from the UI.
#[must_use]
#[derive(Clone, Debug, PartialEq)]
pub enum AppCommand {
    /// Change the briefing (one undo step).
    Edit(Command),
    /// Change the briefing by typing; consecutive edits of the same key merge into one step.
    Typing(EditKey, Command),
    /// Undo the last change.
    Undo,
    /// Redo the last undone change.
    Redo,
    /// Start a new, empty briefing (asks to save first).
    NewBriefing,
    /// Ask for a briefing file to open (asks to save first).
    OpenDialog,
    /// Open this briefing file (asks to save first).
    Open(PathBuf),
    /// Save to the current file, or ask for one.
    Save,
    /// Ask where to save.
    SaveAsDialog,
    /// Save to this file.
    SaveAs(PathBuf),
    /// Ask for article files to add.
    AddArticleDialog,
    /// Import these article files.
    AddArticleFiles(Vec<PathBuf>),
    /// Import an article from dropped bytes (name, bytes).
    AddArticleBytes(String, std::sync::Arc<[u8]>),
    /// Ask where to export the PDF.
    ExportDialog,
    /// Export the PDF to this file on a background thread.
    Export(PathBuf),
    /// Show the pages as they will be exported (File > Preview).
    Preview,
    /// Show this article in the reader.
    ShowArticle(ArticleId),
    /// Make the reader's selection a quote in this slot (`None`: the default place).
    AddQuote(Option<Slot>),
    /// Scroll the reader to a quote and flash it.
    RevealQuote(QuoteId),
    /// Make this agenda item the default target of "Add quote".
    SelectItem(Option<ItemId>),
    /// Copy the reader's selection to the clipboard.
    CopySelection,
    /// Copy a quote (`None`: the reader's selection) with its citation: speaker, article title,
    /// source and date.
    CopyWithCitation(Option<QuoteId>),
    /// Import the clipboard as a new article: its HTML flavour when it offers one, else this
    /// text (from a Ctrl+V) or, with `None` (File > Paste as Article), the clipboard's text.
    PasteArticle(Option<String>),
    /// Open the find bar (Ctrl+F) with the keyboard in its query.
    OpenFind,
    /// Show this range of this article in the reader, selected (a match of the find bar).
    ShowMatch(ArticleId, std::ops::Range<usize>),
    /// Set the reader's zoom.
    SetZoom(f32),
    /// Light (`false`) or dark (`true`) theme.
    SetDark(bool),
    /// Interface language.
    SetLanguage(UiLanguage),
    /// Paper size of PDF exports.
    SetPaper(crate::pdf::Paper),
    /// Close the window (asks to save first).
    Quit,
}
