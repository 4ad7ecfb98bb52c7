//! The desktop app: articles on the left, the reader in the centre, the outline on the right.
//!
//! Widgets return `AppCommand`s; `BriefingApp::apply` carries them out at the end of the
//! frame, and every change to the briefing goes through `Document` (and so `History`).

mod app_command;
mod article_list;
mod autosave;
mod clipboard;
mod dialogs;
pub mod dnd;
mod document;
mod export;
mod find_bar;
mod i18n;
mod import_job;
mod menu;
mod outline;
mod preview;
mod reader;
pub mod sample;
mod settings;
mod typeset;

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use egui::{Key, KeyboardShortcut, Modifiers, Ui, ViewportCommand};

use crate::model::{Briefing, Command, Quote};

pub use app_command::AppCommand;
pub use dialogs::FilePurpose;
pub use document::{Document, EditKey, Recovery, RecoveryError};
pub use i18n::UiLanguage;
pub use outline::OutlineState;
pub use preview::PreviewState;
pub use reader::{ReaderState, Selection};
pub use settings::Settings;
pub use typeset::Typesetter;

/// How often unsaved work is written to the recovery file at the latest.
const AUTOSAVE_EVERY: Duration = Duration::from_secs(30);
/// How soon after a change unsaved work is written to the recovery file.
const AUTOSAVE_AFTER_CHANGE: Duration = Duration::from_secs(2);

/// How the app was started and what it may touch; tests turn the system parts off.
#[derive(Clone, Debug, Default)]
pub struct AppOptions {
    /// Use native file dialogs (rfd); `false` always shows the in-app path field.
    pub native_dialogs: bool,
    /// Where unsaved work is kept; `None`: no autosave.
    pub recovery: Option<Recovery>,
}

/// What to open first.
#[derive(Clone, Debug)]
pub enum StartWith {
    /// The bundled sample briefing, as an untitled copy.
    Sample,
    /// A briefing file.
    File(PathBuf),
    /// An empty briefing.
    Empty,
}

/// A message in the status bar.
#[derive(Clone, Debug, PartialEq)]
pub struct Status {
    /// The text.
    pub text: String,
    /// Whether it reports a failure.
    pub error: bool,
}

/// An action waiting for the answer to "save changes first?".
#[derive(Clone, Debug)]
struct Guarded(AppCommand);

/// The whole app's state.
pub struct BriefingApp {
    doc: Document,
    /// The reader's state.
    pub reader: ReaderState,
    /// The outline's state.
    pub outline: OutlineState,
    ts: Typesetter,
    /// Persisted preferences.
    pub settings: Settings,
    status: Option<Status>,
    options: AppOptions,
    guarded: Option<Guarded>,
    after_save: Option<AppCommand>,
    prompt: Option<dialogs::PathPrompt>,
    /// Encrypted PDFs waiting for their password, the first one asked for.
    locked: Vec<dialogs::PasswordPrompt>,
    export: Option<export::ExportJob>,
    imports: Vec<import_job::ImportJob>,
    /// Close the window once `imports` are done.
    quit_after_import: bool,
    recovered: Option<document::RecoveredWork>,
    autosaver: Option<autosave::Autosaver>,
    /// Counts the documents opened in this window; tags autosave writes with their document.
    autosave_generation: u64,
    autosaved_revision: u64,
    last_autosave: Instant,
    autosaved_at: Option<Instant>,
    title: String,
    allow_close: bool,
    queued: Vec<AppCommand>,
    applied_theme: Option<bool>,
    /// The interface language egui's fonts were last set for.
    applied_ui_language: Option<UiLanguage>,
    clipboard: clipboard::SystemClipboard,
    /// The find bar (Ctrl+F).
    pub find: find_bar::FindState,
    /// File > Preview (Ctrl+P).
    pub preview: preview::PreviewState,
}

impl BriefingApp {
    /// The app, opening `start`; a file that cannot be opened leaves an empty briefing and the
    /// error in the status bar (nothing is overwritten).
    pub fn new(options: AppOptions, start: StartWith, settings: Settings) -> BriefingApp {
        let mut status = None;
        let doc = match start {
            StartWith::Sample => match sample::sample_briefing() {
                Ok(b) => Document::new(b, None),
                Err(e) => {
                    status = Some(Status {
                        text: format!("The bundled sample could not be read: {e}"),
                        error: true,
                    });
                    Document::new(Briefing::new(""), None)
                }
            },
            StartWith::File(path) => match Document::open(&path) {
                Ok(d) => d,
                Err(e) => {
                    status = Some(Status {
                        text: e.to_string(),
                        error: true,
                    });
                    Document::new(Briefing::new(""), None)
                }
            },
            StartWith::Empty => Document::new(Briefing::new(""), None),
        };
        let recovered = options.recovery.as_ref().and_then(|r| r.find());
        let mut app = BriefingApp {
            doc,
            reader: ReaderState::default(),
            outline: OutlineState::default(),
            ts: Typesetter::new(),
            settings,
            status,
            options,
            guarded: None,
            after_save: None,
            prompt: None,
            locked: Vec::new(),
            export: None,
            imports: Vec::new(),
            quit_after_import: false,
            recovered,
            autosaver: None,
            autosave_generation: 0,
            autosaved_revision: 0,
            last_autosave: Instant::now(),
            autosaved_at: None,
            title: String::new(),
            allow_close: false,
            queued: Vec::new(),
            applied_theme: None,
            applied_ui_language: None,
            clipboard: clipboard::SystemClipboard::default(),
            find: find_bar::FindState::default(),
            preview: preview::PreviewState::default(),
        };
        if let Some(p) = app.doc.path.clone() {
            app.settings.remember(&p);
        }
        app.after_open();
        app
    }

    /// The open document.
    pub fn document(&self) -> &Document {
        &self.doc
    }

    /// The status bar message.
    pub fn status(&self) -> Option<&Status> {
        self.status.as_ref()
    }

    /// Whether an in-app path prompt is open (no native dialog available).
    pub fn prompt_open(&self) -> Option<FilePurpose> {
        self.prompt.as_ref().map(|p| p.purpose)
    }

    /// Whether an export is running.
    pub fn exporting(&self) -> bool {
        self.export.is_some()
    }

    /// Whether the "save changes?" question is showing.
    pub fn asking_to_save(&self) -> bool {
        self.guarded.is_some()
    }

    fn after_open(&mut self) {
        // Articles still being imported were meant for the briefing that was open before, and
        // so were autosaves still being written: their outcomes no longer count.
        self.imports.clear();
        self.autosave_generation += 1;
        self.autosaved_revision = u64::MAX;
        self.autosaved_at = None;
        let first = self.doc.briefing().articles.first().map(|a| a.id);
        self.reader.show_article(first);
        self.outline.selected_item = self.doc.briefing().agenda.first().map(|i| i.id);
    }

    fn info(&mut self, text: impl Into<String>) {
        self.status = Some(Status {
            text: text.into(),
            error: false,
        });
    }

    fn error(&mut self, text: impl Into<String>) {
        self.status = Some(Status {
            text: text.into(),
            error: true,
        });
    }

    /// Install the bundled Arabic and Hebrew fonts as egui's fallbacks (for labels in the Arabic
    /// interface and for text fields holding right-to-left text).
    pub fn install_fonts(ctx: &egui::Context) {
        Self::set_ui_fonts(ctx, UiLanguage::English);
        // The reader owns Ctrl+= / Ctrl+- / Ctrl+0 (text zoom), not egui's whole-UI zoom.
        ctx.options_mut(|o| o.zoom_with_keyboard = false);
    }

    /// egui's fonts for the interface's own labels (briefing and article text is set by the
    /// engine). For the Arabic interface Noto Naskh comes first: egui shapes each run of one
    /// face in its script's direction but lays runs out left to right, so an Arabic label
    /// whose spaces fell to another face read word by word backwards («الأعمال جدول»); with
    /// the spaces in Naskh too, the label is one run and reads right («جدول الأعمال»).
    /// Labels with numbers are set by the engine (`Typesetter::line_ui`).
    fn set_ui_fonts(ctx: &egui::Context, lang: UiLanguage) {
        use crate::text::FontFace;
        let mut defs = egui::FontDefinitions::default();
        for face in [FontFace::NaskhRegular, FontFace::HebrewRegular] {
            let name = face.family().to_owned();
            defs.font_data.insert(
                name.clone(),
                std::sync::Arc::new(egui::FontData::from_static(face.data())),
            );
            for family in [egui::FontFamily::Proportional, egui::FontFamily::Monospace] {
                let list = defs.families.entry(family.clone()).or_default();
                if lang.is_rtl()
                    && face == FontFace::NaskhRegular
                    && family == egui::FontFamily::Proportional
                {
                    list.insert(0, name.clone());
                } else {
                    list.push(name.clone());
                }
            }
        }
        ctx.set_fonts(defs);
    }

    /// One frame of the whole app.
    pub fn ui(&mut self, ui: &mut Ui) {
        let ctx = ui.ctx().clone();
        if self.applied_theme != Some(self.settings.dark) {
            ctx.set_theme(if self.settings.dark {
                egui::Theme::Dark
            } else {
                egui::Theme::Light
            });
            self.applied_theme = Some(self.settings.dark);
        }
        let lang = self.settings.language;
        if self.applied_ui_language != Some(lang) {
            Self::set_ui_fonts(&ctx, lang);
            self.applied_ui_language = Some(lang);
        }
        let mut cmds = std::mem::take(&mut self.queued);
        // Shortcuts are read first (so fields do not see them) but carried out after what the
        // panels return: a keystroke typed in the same frame as Ctrl+S is in the saved file.
        let shortcut_cmds = self.shortcuts(&ctx);
        cmds.extend(self.dropped_files(&ctx));
        self.poll_export();
        self.poll_imports();
        // Keep the reader on an article that exists (after removing one, or undo).
        let b = self.doc.briefing();
        if self.reader.article.is_none_or(|id| b.article(id).is_none()) {
            let first = b.articles.first().map(|a| a.id);
            self.reader.show_article(first);
        }

        egui::Panel::top("menu-bar").show(ui, |ui| {
            cmds.extend(menu::menu_bar_ui(ui, &self.doc, &self.settings));
        });
        egui::Panel::bottom("status-bar").show(ui, |ui| {
            self.status_bar_ui(ui);
        });
        let (list_side, outline_side) = if lang.is_rtl() {
            (egui::Panel::right("articles"), egui::Panel::left("outline"))
        } else {
            (egui::Panel::left("articles"), egui::Panel::right("outline"))
        };
        list_side
            .default_size(220.0)
            .size_range(150.0..=420.0)
            .show(ui, |ui| {
                let b = self.doc.briefing();
                cmds.extend(article_list::article_list_ui(
                    ui,
                    b,
                    self.reader.article,
                    &mut self.ts,
                    lang,
                ));
            });
        outline_side
            .default_size(380.0)
            .size_range(240.0..=700.0)
            .show(ui, |ui| {
                let b = self.doc.briefing();
                let article = self.reader.article.and_then(|id| b.article(id));
                cmds.extend(outline::outline_ui(
                    ui,
                    b,
                    &mut self.outline,
                    &mut self.ts,
                    article,
                    lang,
                ));
            });
        egui::CentralPanel::default()
            .frame(egui::Frame::central_panel(ui.style()).fill(ui.visuals().extreme_bg_color))
            .show(ui, |ui| {
                let b = self.doc.briefing();
                if self.find.open {
                    egui::Panel::top("find-bar").show(ui, |ui| {
                        cmds.extend(find_bar::find_bar_ui(
                            ui,
                            &mut self.find,
                            &mut self.ts,
                            b,
                            self.reader.article,
                            lang,
                        ));
                    });
                }
                let article = self.reader.article.and_then(|id| b.article(id));
                let rcx = reader::ReaderContext {
                    found: article
                        .map(|a| self.find.highlights(a.id))
                        .unwrap_or_default(),
                    zoom: self.settings.zoom,
                    quotes: article
                        .map(|a| {
                            b.quotes()
                                .filter(|q| q.article == a.id)
                                .map(|q| (q.start..q.end, q.id))
                                .collect()
                        })
                        .unwrap_or_default(),
                    agenda: b.agenda.iter().map(|i| (i.id, i.title.clone())).collect(),
                    lang,
                };
                cmds.extend(reader::reader_ui(
                    ui,
                    &mut self.reader,
                    &mut self.ts,
                    article,
                    &rcx,
                ));
            });
        self.drag_preview(&ctx);
        cmds.extend(preview::preview_ui(
            &ctx,
            &mut self.preview,
            self.doc.briefing(),
            (self.doc.serial(), self.doc.revision, self.settings.paper),
            lang,
        ));
        cmds.extend(self.modals_ui(&ctx));
        cmds.extend(shortcut_cmds);
        self.handle_close_request(&ctx);

        for cmd in cmds {
            self.apply(&ctx, cmd);
        }
        self.autosave(&ctx);
        self.update_title(&ctx);
        self.ts.end_frame();
    }

    /// Shaped paragraphs the text fields hold between frames (see
    /// [`crate::widgets::FieldCache`]).
    pub fn field_paragraphs_held(&self) -> usize {
        self.ts.field_paragraphs_held()
    }

    /// Carry out one command (also what tests call to drive the app without gestures).
    pub fn apply(&mut self, ctx: &egui::Context, cmd: AppCommand) {
        match cmd {
            AppCommand::Edit(c) => self.edit(c),
            AppCommand::Typing(key, c) => {
                if let Err(e) = self.doc.run_typing(key, c) {
                    self.error(e.to_string());
                }
            }
            AppCommand::Undo => {
                let label = self.doc.undo_label();
                if self.doc.undo() {
                    self.info(format!("Undone: {}", label.unwrap_or("change")));
                }
            }
            AppCommand::Redo => {
                let label = self.doc.redo_label();
                if self.doc.redo() {
                    self.info(format!("Redone: {}", label.unwrap_or("change")));
                }
            }
            AppCommand::NewBriefing
            | AppCommand::OpenDialog
            | AppCommand::Open(_)
            | AppCommand::Quit
                if self.doc.dirty() =>
            {
                self.guarded = Some(Guarded(cmd));
            }
            AppCommand::NewBriefing => {
                self.doc = Document::new(Briefing::new(""), None);
                self.after_open();
                self.clear_recovery();
                self.info("New briefing");
            }
            AppCommand::OpenDialog => {
                let dir = self
                    .doc
                    .path
                    .as_ref()
                    .and_then(|p| p.parent().map(Path::to_path_buf));
                self.pick(FilePurpose::Open, dir, "");
            }
            AppCommand::Open(path) => self.open(&path),
            AppCommand::Save => match self.doc.path.clone() {
                Some(p) => self.save_to(&p),
                None => self.apply(ctx, AppCommand::SaveAsDialog),
            },
            AppCommand::SaveAsDialog => {
                let name = format!("{}.ron", file_stem_for(&self.doc.briefing().title));
                self.pick(FilePurpose::SaveAs, None, &name);
            }
            AppCommand::SaveAs(path) => self.save_to(&path),
            AppCommand::AddArticleDialog => self.pick(FilePurpose::AddArticles, None, ""),
            AppCommand::AddArticleFiles(paths) => {
                let mut sources = Vec::new();
                for p in paths {
                    if p.extension().is_some_and(|e| e == "ron") {
                        self.apply(ctx, AppCommand::Open(p));
                    } else {
                        sources.push(import_job::Source::File(p));
                    }
                }
                self.start_import(ctx, sources);
            }
            AppCommand::AddArticleBytes(name, bytes) => {
                self.start_import(ctx, vec![import_job::Source::Bytes(name, bytes)]);
            }
            AppCommand::ExportDialog => {
                let name = format!("{}.pdf", file_stem_for(&self.doc.briefing().title));
                self.pick(FilePurpose::Export, None, &name);
            }
            AppCommand::Export(path) => {
                if self.export.is_some() {
                    self.error("An export is already running");
                } else {
                    self.info(format!("Exporting {}…", path.display()));
                    self.export = Some(export::ExportJob::start(
                        self.doc.briefing().clone(),
                        path,
                        crate::pdf::ExportOptions {
                            paper: self.settings.paper,
                        },
                        ctx.clone(),
                    ));
                }
            }
            AppCommand::ShowArticle(id) => self.reader.show_article(Some(id)),
            AppCommand::AddQuote(slot) => self.add_quote(slot),
            AppCommand::RevealQuote(id) => {
                if let Some((_, _, q)) = self.doc.briefing().find_quote(id) {
                    let (article, range) = (q.article, q.start..q.end);
                    self.reader.show_article(Some(article));
                    self.reader.reveal(range, ctx.input(|i| i.time));
                }
            }
            AppCommand::SelectItem(id) => self.outline.selected_item = id,
            AppCommand::OpenFind => self.find.open(),
            AppCommand::Preview => self.preview.open = true,
            AppCommand::ShowMatch(article, range) => {
                if self.doc.briefing().article(article).is_some() {
                    self.reader.show_article(Some(article));
                    self.reader.select_and_reveal(range);
                }
            }
            AppCommand::CopySelection => {
                if let Some(text) = self.selected_text() {
                    ctx.copy_text(text);
                    self.info("Copied");
                }
            }
            AppCommand::CopyWithCitation(quote) => match self.citation(quote) {
                Some((plain, html)) => {
                    // Plain text and HTML where the platform takes both; else egui's plain text.
                    if self.clipboard.copy_html(&html, &plain).is_err() {
                        ctx.copy_text(plain);
                    }
                    self.info("Copied with citation");
                }
                None => self.error("Select some text in the reader first"),
            },
            AppCommand::PasteArticle(pasted) => {
                // The clipboard's HTML flavour when it has one (a browser's copy keeps its
                // headings and paragraphs), else the text egui pasted or the clipboard's text.
                let read = self.clipboard.read();
                // Files copied in a file manager (a PDF statement, a .docx) come in as files;
                // so does pasted text that is only their paths or file addresses.
                let files = match &read {
                    Ok(clipboard::Pasted::Files(files)) => files.clone(),
                    _ => pasted.as_deref().map(pasted_paths).unwrap_or_default(),
                };
                if !files.is_empty() {
                    let sources = files.into_iter().map(import_job::Source::File).collect();
                    self.start_import(ctx, sources);
                    return;
                }
                let (text, html) = match (read, pasted) {
                    (Ok(clipboard::Pasted::Files(_)), Some(text)) => (text, None),
                    (Ok(clipboard::Pasted::Files(_)), None) => (String::new(), None),
                    (Ok(clipboard::Pasted::Html(h)), _) => (h, Some(true)),
                    (_, Some(text)) => (text, None),
                    (Ok(clipboard::Pasted::Text(t)), None) => (t, None),
                    (Err(e), None) => {
                        self.error(format!("Paste as article: {e}"));
                        return;
                    }
                };
                if text.trim().is_empty() {
                    self.error("The clipboard holds no text to add as an article");
                } else {
                    let t = text.trim_start();
                    let html = html.unwrap_or_else(|| {
                        t.starts_with('<')
                            && ["<html", "<body", "<p", "<div", "<article", "<!doctype"]
                                .iter()
                                .any(|tag| t.get(..2000).unwrap_or(t).to_lowercase().contains(tag))
                    });
                    let name = if html {
                        "Pasted page.html"
                    } else {
                        "Pasted text.txt"
                    };
                    let bytes: std::sync::Arc<[u8]> = text.into_bytes().into();
                    self.start_import(ctx, vec![import_job::Source::Bytes(name.to_owned(), bytes)]);
                }
            }
            AppCommand::SetZoom(z) => self.settings.set_zoom(z),
            AppCommand::SetDark(d) => self.settings.dark = d,
            AppCommand::SetLanguage(l) => self.settings.language = l,
            AppCommand::SetPaper(p) => self.settings.paper = p,
            AppCommand::Quit if self.importing() => {
                // Close once the articles being imported are in (and asked about, if unsaved).
                self.quit_after_import = true;
                self.info("Closing once the articles being imported are added…");
            }
            AppCommand::Quit => {
                self.allow_close = true;
                if !self.doc.dirty() {
                    self.clear_recovery();
                }
                ctx.send_viewport_cmd(ViewportCommand::Close);
            }
        }
    }

    fn edit(&mut self, c: Command) {
        let label = c.label();
        match self.doc.run(c) {
            Ok(()) => self.info(capitalise(label)),
            Err(e) => self.error(format!("Could not {label}: {e}")),
        }
    }

    fn add_article(&mut self, a: crate::model::Article) {
        let (id, title) = (a.id, a.title.clone());
        let at = self.doc.briefing().articles.len();
        match self.doc.run(Command::AddArticle(at, Box::new(a))) {
            Ok(()) => {
                self.reader.show_article(Some(id));
                self.info(format!("Added article “{title}”"));
            }
            Err(e) => self.error(e.to_string()),
        }
    }

    /// The exact logical text selected in the reader.
    pub fn selected_text(&self) -> Option<String> {
        let id = self.reader.article?;
        let range = self.reader.selected_range()?;
        let article = self.doc.briefing().article(id)?;
        article.text.get(range).map(str::to_owned)
    }

    /// A quote (or the reader's selection) as it is cited in a message: the text in quotation
    /// marks of its script, then who said it and where it was published.
    fn citation(&self, quote: Option<crate::model::QuoteId>) -> Option<(String, String)> {
        let b = self.doc.briefing();
        // The quote reads in the direction of the paragraph it was taken from, as in the PDF.
        let (text, speaker, article, rtl) = match quote {
            Some(id) => {
                let (_, _, q) = b.find_quote(id)?;
                let rtl = b.quote_is_rtl(q)?;
                (
                    q.text.clone(),
                    q.speaker.clone(),
                    b.article(q.article)?,
                    rtl,
                )
            }
            None => {
                let id = self.reader.article?;
                let range = self.reader.selected_range()?;
                let article = b.article(id)?;
                let text = article.text.get(range.clone())?.trim().to_owned();
                let speaker = crate::suggest::speaker_suggestion(article, range.start, range.end);
                let rtl = article.direction_at(range.start).is_rtl();
                (text, speaker, article, rtl)
            }
        };
        if text.is_empty() {
            return None;
        }
        let (open, close) = if rtl { ("«", "»") } else { ("“", "”") };
        let mut who: Vec<&str> = Vec::new();
        if let Some(s) = speaker.as_deref().filter(|s| !s.trim().is_empty()) {
            who.push(s);
        }
        for part in [
            Some(article.title.as_str()),
            Some(article.source.as_str()),
            article.date.as_deref(),
            article.url.as_deref(),
        ]
        .into_iter()
        .flatten()
        {
            if !part.trim().is_empty() {
                who.push(part);
            }
        }
        let sep = if rtl { "، " } else { ", " };
        let plain = format!("{open}{text}{close}\n— {}", who.join(sep));
        // The same citation as HTML: the quote as a blockquote in its direction and language,
        // the article's title as a citation and its address as a link.
        let dir = if rtl { "rtl" } else { "ltr" };
        let esc = clipboard::escape_html;
        let mut cite: Vec<String> = Vec::new();
        if let Some(s) = speaker.as_deref().filter(|s| !s.trim().is_empty()) {
            cite.push(format!("<bdi>{}</bdi>", esc(s)));
        }
        if !article.title.trim().is_empty() {
            cite.push(format!("<cite>{}</cite>", esc(&article.title)));
        }
        for part in [Some(article.source.as_str()), article.date.as_deref()]
            .into_iter()
            .flatten()
            .filter(|p| !p.trim().is_empty())
        {
            cite.push(format!("<bdi>{}</bdi>", esc(part)));
        }
        if let Some(url) = article.url.as_deref().filter(|u| !u.trim().is_empty()) {
            cite.push(format!("<a href=\"{0}\">{0}</a>", esc(url)));
        }
        let html = format!(
            "<blockquote dir=\"{dir}\" lang=\"{lang}\"><p>{open}{quote}{close}</p></blockquote>\n<p dir=\"{dir}\">— {cite}</p>",
            lang = esc(&article.language),
            quote = esc(&text),
            cite = cite.join(sep),
        );
        Some((plain, html))
    }

    fn add_quote(&mut self, slot: Option<crate::model::Slot>) {
        let b = self.doc.briefing();
        let (Some(id), Some(range)) = (self.reader.article, self.reader.selected_range()) else {
            self.error("Select some text in the reader first");
            return;
        };
        let Some(article) = b.article(id) else { return };
        // Quotes do not include the whitespace around a selection.
        let (mut start, mut end) = (range.start, range.end);
        let text = &article.text;
        while start < end {
            match text.get(start..).and_then(|s| s.chars().next()) {
                Some(c) if c.is_whitespace() => start += c.len_utf8(),
                _ => break,
            }
        }
        while end > start {
            match text.get(..end).and_then(|s| s.chars().next_back()) {
                Some(c) if c.is_whitespace() => end -= c.len_utf8(),
                _ => break,
            }
        }
        // The CLI's clock: `SOURCE_DATE_EPOCH` when set, so scripted runs are reproducible.
        let picked_at = crate::clock::now_rfc3339();
        let Some(mut quote) = Quote::from_range(b.next_quote_id(), id, text, start, end, picked_at)
        else {
            self.error("The selection is empty");
            return;
        };
        quote.speaker = crate::suggest::speaker_suggestion(article, start, end);
        let slot = slot.unwrap_or_else(|| outline::default_slot(b, self.outline.selected_item));
        let place = slot
            .item
            .and_then(|i| b.item(i))
            .map_or_else(|| "Unfiled".to_owned(), |i| i.title.clone());
        match self.doc.run(Command::AddQuote(slot, Box::new(quote))) {
            Ok(()) => {
                self.reader.selection = None;
                self.info(format!("Quote added to “{place}”"));
            }
            Err(e) => self.error(format!("Could not add the quote: {e}")),
        }
    }

    fn open(&mut self, path: &Path) {
        match Document::open(path) {
            Ok(doc) => {
                self.doc = doc;
                self.settings.remember(path);
                self.after_open();
                self.info(format!("Opened {}", path.display()));
            }
            Err(e) => self.error(e.to_string()),
        }
    }

    fn save_to(&mut self, path: &Path) {
        match self.doc.save_to(path) {
            Ok(()) => {
                self.settings.remember(path);
                self.clear_recovery();
                self.info(format!("Saved {}", path.display()));
                if let Some(next) = self.after_save.take() {
                    self.queued.push(next);
                }
            }
            Err(e) => {
                self.after_save = None;
                self.error(e.to_string());
            }
        }
    }

    fn pick(&mut self, purpose: FilePurpose, dir: Option<PathBuf>, name: &str) {
        if self.options.native_dialogs {
            match dialogs::native_pick(purpose, dir, name) {
                dialogs::Picked::Paths(p) => {
                    if let Some(cmd) = purpose.command(p) {
                        self.queued.push(cmd);
                    }
                    return;
                }
                dialogs::Picked::Cancelled => {
                    self.after_save = None;
                    return;
                }
                dialogs::Picked::Unavailable => {}
            }
        }
        let text = match purpose {
            FilePurpose::SaveAs | FilePurpose::Export => std::env::current_dir()
                .map(|d| d.join(name).display().to_string())
                .unwrap_or_else(|_| name.to_owned()),
            _ => String::new(),
        };
        self.prompt = Some(dialogs::PathPrompt { purpose, text });
    }

    fn clear_recovery(&mut self) {
        match &self.autosaver {
            // After any write still queued, so it cannot bring the file back.
            Some(saver) if saver.clear() => {}
            _ => {
                if let Some(r) = &self.options.recovery {
                    r.clear();
                }
            }
        }
        self.autosaved_at = None;
    }

    /// Queue a write of unsaved work to the recovery file when it is due, and take in the
    /// outcome of earlier writes (done by the autosave worker, off this thread).
    fn autosave(&mut self, ctx: &egui::Context) {
        let Some(rec) = &self.options.recovery else {
            return;
        };
        let saver = self.autosaver.get_or_insert_with(|| {
            let ctx = ctx.clone();
            autosave::Autosaver::start(rec.clone(), move || ctx.request_repaint())
        });
        let generation = self.autosave_generation;
        let tag = |revision: u64| (generation, revision);
        for outcome in saver.finished() {
            match outcome {
                autosave::Outcome::Written(t) if t == tag(self.autosaved_revision) => {
                    self.autosaved_at = Some(Instant::now());
                }
                autosave::Outcome::Written(_) => {}
                autosave::Outcome::Failed(t, e) if t.0 == generation => {
                    self.status = Some(Status {
                        text: format!("Autosave failed: {e}"),
                        error: true,
                    });
                }
                autosave::Outcome::Failed(..) => {}
            }
        }
        if !self.doc.dirty() || self.doc.revision == self.autosaved_revision {
            return;
        }
        let since_change = self.doc.changed_at.map_or(Duration::MAX, |t| t.elapsed());
        if since_change >= AUTOSAVE_AFTER_CHANGE || self.last_autosave.elapsed() >= AUTOSAVE_EVERY {
            self.last_autosave = Instant::now();
            self.autosaved_revision = self.doc.revision;
            let queued = saver.write(
                self.doc.briefing().clone(),
                self.doc.path.clone(),
                tag(self.doc.revision),
            );
            if !queued {
                // No worker (the thread could not start): write here instead.
                match rec.write(self.doc.briefing(), self.doc.path.as_deref()) {
                    Ok(()) => self.autosaved_at = Some(Instant::now()),
                    Err(e) => self.error(format!("Autosave failed: {e}")),
                }
            }
        } else {
            ctx.request_repaint_after(AUTOSAVE_AFTER_CHANGE);
        }
    }

    /// Import `sources` on a worker thread; `poll_imports` adds each article as it arrives.
    fn start_import(&mut self, ctx: &egui::Context, sources: Vec<import_job::Source>) {
        if sources.is_empty() {
            return;
        }
        let ctx = ctx.clone();
        self.imports
            .push(import_job::ImportJob::start(sources, move || {
                ctx.request_repaint()
            }));
    }

    fn poll_imports(&mut self) {
        let mut arrived = Vec::new();
        self.imports.retain_mut(|job| match job.poll() {
            Some(results) => {
                arrived.extend(results);
                true
            }
            None => false,
        });
        // What went wrong stays in the status bar, even when other files of the same batch
        // were added after it.
        let mut errors = Vec::new();
        let mut notes = Vec::new();
        for result in arrived {
            match result {
                Ok(imported) => {
                    let mut article = imported.article;
                    notes.extend(imported.notes.iter().map(ToString::to_string));
                    let b = self.doc.briefing();
                    if let Some(n) = b.same_article(&article) {
                        errors.push(format!(
                            "“{}” is already in the briefing",
                            b.articles[n].title
                        ));
                        continue;
                    }
                    article.id = b.next_article_id();
                    self.add_article(article);
                }
                Err(import_job::ImportFailure::Locked { file, error }) => {
                    let wrong =
                        matches!(error, crate::import::ImportError::PdfWrongPassword { .. });
                    self.locked.push(dialogs::PasswordPrompt::new(file, wrong));
                }
                Err(e) => errors.push(e.to_string()),
            }
        }
        if !errors.is_empty() {
            self.error(errors.join("; "));
        } else if !notes.is_empty() {
            self.info(notes.join("; "));
        }
        if self.quit_after_import && self.imports.is_empty() {
            self.quit_after_import = false;
            self.queued.push(AppCommand::Quit);
        }
    }

    /// Whether articles are still being imported.
    pub fn importing(&self) -> bool {
        !self.imports.is_empty()
    }

    fn poll_export(&mut self) {
        let Some(job) = &mut self.export else { return };
        match job.poll() {
            export::ExportOutcome::Running => {}
            export::ExportOutcome::Done(p) => {
                self.export = None;
                let unfiled = self.doc.briefing().unfiled.len();
                if unfiled == 0 {
                    self.info(format!("Exported {}", p.display()));
                } else {
                    self.info(format!(
                        "Exported {} ({unfiled} unfiled quote(s) are not in it: file them under \
                         an agenda item)",
                        p.display()
                    ));
                }
            }
            export::ExportOutcome::Failed(e) => {
                self.export = None;
                self.error(e.to_string());
            }
        }
    }

    fn update_title(&mut self, ctx: &egui::Context) {
        let dirty = if self.doc.dirty() { "● " } else { "" };
        let title = format!("{dirty}{} — Briefing", self.doc.display_name());
        if title != self.title {
            ctx.send_viewport_cmd(ViewportCommand::Title(title.clone()));
            self.title = title;
        }
    }

    /// The window title the app asked for.
    pub fn window_title(&self) -> &str {
        &self.title
    }

    fn handle_close_request(&mut self, ctx: &egui::Context) {
        if ctx.input(|i| i.viewport().close_requested()) && !self.allow_close {
            if self.importing() {
                ctx.send_viewport_cmd(ViewportCommand::CancelClose);
                self.quit_after_import = true;
                self.info("Closing once the articles being imported are added…");
            } else if self.doc.dirty() {
                ctx.send_viewport_cmd(ViewportCommand::CancelClose);
                self.guarded = Some(Guarded(AppCommand::Quit));
            } else {
                self.clear_recovery();
            }
        }
    }

    fn shortcuts(&mut self, ctx: &egui::Context) -> Vec<AppCommand> {
        let mut out = Vec::new();
        let typing = ctx.egui_wants_keyboard_input();
        let modal = self.prompt.is_some() || self.guarded.is_some() || self.recovered.is_some();
        if modal {
            return out;
        }
        let cmd = Modifiers::COMMAND;
        let cmd_shift = Modifiers::COMMAND | Modifiers::SHIFT;
        ctx.input_mut(|i| {
            let mut sc = |m: Modifiers, k: Key| i.consume_shortcut(&KeyboardShortcut::new(m, k));
            if sc(cmd_shift, Key::S) {
                out.push(AppCommand::SaveAsDialog);
            }
            if sc(cmd, Key::S) {
                out.push(AppCommand::Save);
            }
            if sc(cmd, Key::O) {
                out.push(AppCommand::OpenDialog);
            }
            if sc(cmd, Key::N) {
                out.push(AppCommand::NewBriefing);
            }
            if sc(cmd, Key::E) {
                out.push(AppCommand::ExportDialog);
            }
            if sc(cmd, Key::F) {
                out.push(AppCommand::OpenFind);
            }
            if sc(cmd, Key::P) {
                out.push(AppCommand::Preview);
            }
            if !typing {
                if sc(cmd_shift, Key::Z) || sc(cmd, Key::Y) {
                    out.push(AppCommand::Redo);
                }
                if sc(cmd, Key::Z) {
                    out.push(AppCommand::Undo);
                }
                if sc(cmd, Key::Q) || sc(Modifiers::NONE, Key::Enter) {
                    out.push(AppCommand::AddQuote(None));
                }
                if sc(cmd, Key::C) {
                    out.push(AppCommand::CopySelection);
                }
                if sc(cmd, Key::Equals) || sc(cmd, Key::Plus) || sc(cmd_shift, Key::Equals) {
                    out.push(AppCommand::SetZoom(self.settings.zoom * 1.1));
                }
                if sc(cmd, Key::Minus) {
                    out.push(AppCommand::SetZoom(self.settings.zoom / 1.1));
                }
                if sc(cmd, Key::Num0) {
                    out.push(AppCommand::SetZoom(1.0));
                }
            }
            if !typing && i.events.iter().any(|e| matches!(e, egui::Event::Copy)) {
                out.push(AppCommand::CopySelection);
            }
            // Ctrl+V outside a text field: the clipboard's text becomes a new article.
            if !typing {
                for e in &i.events {
                    if let egui::Event::Paste(text) = e {
                        out.push(AppCommand::PasteArticle(Some(text.clone())));
                    }
                }
            }
        });
        if out.iter().any(|c| matches!(c, AppCommand::AddQuote(None)))
            && self.reader.selected_range().is_none()
        {
            out.retain(|c| !matches!(c, AppCommand::AddQuote(None)));
        }
        if out
            .iter()
            .filter(|c| matches!(c, AppCommand::CopySelection))
            .count()
            > 1
        {
            if let Some(i) = out
                .iter()
                .position(|c| matches!(c, AppCommand::CopySelection))
            {
                let _ = out.remove(i);
            }
        }
        out
    }

    fn dropped_files(&mut self, ctx: &egui::Context) -> Vec<AppCommand> {
        let files = ctx.input(|i| i.raw.dropped_files.clone());
        let mut out = Vec::new();
        let mut paths: Vec<PathBuf> = Vec::new();
        for f in files {
            paths.push(f.path().to_path_buf());
        }
        if !paths.is_empty() {
            out.push(AppCommand::AddArticleFiles(paths));
        }
        out
    }

    fn drag_preview(&mut self, ctx: &egui::Context) {
        let Some(payload) = egui::DragAndDrop::payload::<dnd::DragPayload>(ctx) else {
            return;
        };
        let Some(pos) = ctx.pointer_latest_pos() else {
            return;
        };
        let b = self.doc.briefing();
        let text = match *payload {
            dnd::DragPayload::Selection => self.selected_text().unwrap_or_default(),
            dnd::DragPayload::Quote(id) => b
                .find_quote(id)
                .map(|q| q.2.text.clone())
                .unwrap_or_default(),
            dnd::DragPayload::Item(id) => b.item(id).map(|i| i.title.clone()).unwrap_or_default(),
        };
        let short: String = text.chars().take(40).collect();
        let ellipsis = if text.chars().count() > 40 { "…" } else { "" };
        egui::Area::new(egui::Id::unique("drag-preview"))
            .order(egui::Order::Tooltip)
            .fixed_pos(pos + egui::vec2(12.0, 12.0))
            .interactable(false)
            .show(ctx, |ui| {
                egui::Frame::popup(ui.style()).show(ui, |ui| {
                    let color = ui.visuals().text_color();
                    let look = typeset::SnippetLook::new(14.0, false);
                    self.ts
                        .line_ui(ui, &format!("{short}{ellipsis}"), look, color);
                });
            });
    }

    fn modals_ui(&mut self, ctx: &egui::Context) -> Vec<AppCommand> {
        let lang = self.settings.language;
        let mut out = Vec::new();
        if let Some(asked) = self.locked.first_mut() {
            match asked.ui(ctx, lang) {
                Some(Some(source)) => {
                    self.locked.remove(0);
                    self.start_import(ctx, vec![source]);
                }
                Some(None) => {
                    let name = self.locked.remove(0).name();
                    self.info(format!("{name} was not imported: it needs its password"));
                }
                None => {}
            }
        }
        if let Some(rec) = &self.recovered {
            let mut answer = None;
            let when = rec.written.elapsed().map(|d| d.as_secs() / 60).unwrap_or(0);
            let of = rec.original.as_ref().map_or_else(
                || "an untitled briefing".to_owned(),
                |p| p.display().to_string(),
            );
            egui::Modal::new(egui::Id::unique("recovery")).show(ctx, |ui| {
                ui.heading(i18n::tr(lang, "Recover unsaved work?"));
                ui.label(format!(
                    "Unsaved changes to {of} were kept {when} min ago when the app last closed without saving."
                ));
                ui.horizontal(|ui| {
                    if ui.button(i18n::tr(lang, "Restore")).clicked() {
                        answer = Some(true);
                    }
                    if ui.button(i18n::tr(lang, "Discard")).clicked() {
                        answer = Some(false);
                    }
                });
            });
            match answer {
                Some(true) => {
                    if let Some(rec) = self.recovered.take() {
                        self.doc = Document::recovered(rec.briefing, rec.original);
                        self.after_open();
                        self.info("Restored unsaved work; save it to keep it");
                    }
                }
                Some(false) => {
                    self.recovered = None;
                    self.clear_recovery();
                }
                None => {}
            }
        }
        if let Some(Guarded(next)) = self.guarded.clone() {
            let mut answer = None;
            egui::Modal::new(egui::Id::unique("unsaved")).show(ctx, |ui| {
                ui.heading(i18n::tr(lang, "Unsaved changes"));
                ui.label(format!(
                    "{} ({})",
                    i18n::tr(lang, "Save changes to this briefing first?"),
                    self.doc.display_name()
                ));
                ui.horizontal(|ui| {
                    if ui.button(i18n::tr(lang, "Save")).clicked() {
                        answer = Some(0);
                    }
                    if ui.button(i18n::tr(lang, "Don't save")).clicked() {
                        answer = Some(1);
                    }
                    if ui.button(i18n::tr(lang, "Cancel")).clicked()
                        || ui.input(|i| i.key_pressed(Key::Escape))
                    {
                        answer = Some(2);
                    }
                });
            });
            match answer {
                Some(0) => {
                    self.guarded = None;
                    self.after_save = Some(next.clone());
                    out.push(AppCommand::Save);
                }
                Some(1) => {
                    self.guarded = None;
                    // Discarding: forget the changes, then carry on.
                    self.clear_recovery();
                    self.doc = Document::new(self.doc.briefing().clone(), self.doc.path.clone());
                    if let AppCommand::Quit = next {
                        self.allow_close = true;
                    }
                    out.push(next);
                }
                Some(_) => self.guarded = None,
                None => {}
            }
        }
        if let Some(prompt) = &mut self.prompt {
            if let Some(result) = prompt.ui(ctx, lang) {
                self.prompt = None;
                match result {
                    Some(cmd) => out.push(cmd),
                    None => self.after_save = None,
                }
            }
        }
        out
    }

    fn status_bar_ui(&mut self, ui: &mut Ui) {
        let lang = self.settings.language;
        ui.horizontal(|ui| {
            // Messages name articles and agenda items, often in Arabic: set by the engine.
            let look = typeset::SnippetLook::new(13.0, false);
            match &self.status {
                Some(s) if s.error => {
                    let color = ui.visuals().error_fg_color;
                    self.ts
                        .line_ui(ui, &format!("Error: {}", s.text), look, color);
                }
                Some(s) => {
                    let color = ui.visuals().text_color();
                    self.ts.line_ui(ui, &s.text, look, color);
                }
                None => {
                    ui.label(i18n::tr(lang, "Ready"));
                }
            }
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                if self.doc.dirty() {
                    match self.autosaved_at {
                        Some(t) if self.autosaved_revision == self.doc.revision => {
                            let weak = ui.visuals().weak_text_color();
                            let text = format!(
                                "{} {} s",
                                i18n::tr(lang, "Autosaved"),
                                t.elapsed().as_secs()
                            );
                            self.ts.line_ui(ui, &text, look, weak);
                        }
                        _ => {
                            ui.weak(i18n::tr(lang, "Unsaved changes"));
                        }
                    }
                }
                if let Some((name, k, n)) = self.imports.iter().find_map(|j| j.current()) {
                    ui.spinner();
                    let of = if n > 1 {
                        format!(" ({k}/{n})")
                    } else {
                        String::new()
                    };
                    let color = ui.visuals().text_color();
                    let text = format!("{} {name}{of}", i18n::tr(lang, "Importing"));
                    self.ts.line_ui(ui, &text, look, color);
                }
                if let Some(job) = &self.export {
                    ui.add(
                        egui::ProgressBar::new(job.progress)
                            .desired_width(160.0)
                            .show_percentage(),
                    );
                    ui.label(i18n::tr(lang, "Exporting PDF…"));
                }
                if let Some(range) = self.reader.selected_range() {
                    let weak = ui.visuals().weak_text_color();
                    let text = format!("{} bytes selected", range.len());
                    self.ts.line_ui(ui, &text, look, weak);
                }
            });
        });
    }
}

/// The files pasted text names, when every line of it is an existing file's absolute path or
/// `file://` address (what a file manager's copy gives as text); else none.
fn pasted_paths(text: &str) -> Vec<PathBuf> {
    let lines: Vec<&str> = text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .collect();
    let paths: Vec<PathBuf> = lines
        .iter()
        .filter_map(|line| {
            let path = match line.strip_prefix("file://") {
                Some(rest) => PathBuf::from(percent_decoded(rest)),
                None => PathBuf::from(line),
            };
            (path.is_absolute() && path.is_file()).then_some(path)
        })
        .collect();
    if paths.len() == lines.len() {
        paths
    } else {
        Vec::new()
    }
}

/// `%XX` escapes of a `file://` address decoded (an Arabic file name is copied escaped).
fn percent_decoded(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| char::from(b).to_digit(16);
        match (
            bytes[i],
            bytes.get(i + 1).copied().and_then(hex),
            bytes.get(i + 2).copied().and_then(hex),
        ) {
            (b'%', Some(h), Some(l)) => {
                out.push((h * 16 + l) as u8);
                i += 3;
            }
            (b, _, _) => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

/// A file name made from a briefing title (letters, digits, dashes), or "briefing".
fn file_stem_for(title: &str) -> String {
    let stem: String = title
        .chars()
        .map(|c| if c.is_alphanumeric() { c } else { '-' })
        .collect::<String>()
        .split('-')
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join("-");
    if stem.is_empty() {
        "briefing".to_owned()
    } else {
        stem.chars().take(60).collect()
    }
}

impl eframe::App for BriefingApp {
    fn ui(&mut self, ui: &mut Ui, _frame: &mut eframe::Frame) {
        BriefingApp::ui(self, ui);
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        eframe::set_value(storage, Settings::STORAGE_KEY, &self.settings);
    }
}

/// Why the app could not open its window, with the last renderer's reason.
#[derive(Debug, thiserror::Error)]
#[error("could not open a window: {0}")]
pub struct WindowError(pub eframe::Error);

/// Start the desktop app on `file` (or the bundled sample). Tries wgpu first and falls back
/// to glow (OpenGL) when wgpu cannot start, e.g. under Xvfb with only Mesa's software GL.
pub fn run(file: Option<PathBuf>) -> Result<(), WindowError> {
    let start = match file {
        Some(f) => StartWith::File(f),
        None => StartWith::Sample,
    };
    let renderers = [eframe::Renderer::Wgpu, eframe::Renderer::Glow];
    let mut result = Ok(());
    for (n, renderer) in renderers.into_iter().enumerate() {
        let options = eframe::NativeOptions {
            renderer,
            viewport: egui::ViewportBuilder::default()
                .with_title("Briefing")
                .with_inner_size([1400.0, 900.0])
                .with_min_inner_size([800.0, 500.0])
                .with_drag_and_drop(true),
            ..Default::default()
        };
        let start = start.clone();
        result = eframe::run_native(
            "briefing",
            options,
            Box::new(move |cc| {
                BriefingApp::install_fonts(&cc.egui_ctx);
                let settings: Settings = cc
                    .storage
                    .and_then(|s| eframe::get_value(s, Settings::STORAGE_KEY))
                    .unwrap_or_default();
                let options = AppOptions {
                    native_dialogs: true,
                    recovery: Recovery::default_location(),
                };
                Ok(Box::new(BriefingApp::new(options, start, settings)))
            }),
        );
        // An earlier renderer's failure is reported here; the last one's goes to the caller.
        match &result {
            Ok(()) => break,
            Err(e) if n + 1 < renderers.len() => {
                eprintln!("briefing: the {renderer:?} renderer could not start ({e}); trying the next one");
            }
            Err(_) => {}
        }
    }
    result.map_err(WindowError)
}
