//! File dialogs: native ones through rfd, and an in-app path field wherever no native dialog
//! is available (no portal, no zenity), so choosing a file never fails silently.

use std::path::PathBuf;
use std::time::{Duration, Instant};

use egui::Ui;

use super::app_command::AppCommand;
use super::i18n::{tr, UiLanguage};

/// What a file is being chosen for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FilePurpose {
    /// Open a briefing.
    Open,
    /// Save the briefing under a new name.
    SaveAs,
    /// Add article files.
    AddArticles,
    /// Export the PDF.
    Export,
}

impl FilePurpose {
    fn title(self) -> &'static str {
        match self {
            FilePurpose::Open => "Open…",
            FilePurpose::SaveAs => "Save As…",
            FilePurpose::AddArticles => "Add Article…",
            FilePurpose::Export => "Export PDF…",
        }
    }

    /// The command for a chosen path.
    pub fn command(self, paths: Vec<PathBuf>) -> Option<AppCommand> {
        let first = paths.first()?.clone();
        Some(match self {
            FilePurpose::Open => AppCommand::Open(first),
            FilePurpose::SaveAs => AppCommand::SaveAs(with_extension(first, "ron")),
            FilePurpose::AddArticles => AppCommand::AddArticleFiles(paths),
            FilePurpose::Export => AppCommand::Export(with_extension(first, "pdf")),
        })
    }
}

fn with_extension(p: PathBuf, ext: &str) -> PathBuf {
    if p.extension().is_none() {
        p.with_extension(ext)
    } else {
        p
    }
}

/// What a native dialog gave.
#[derive(Debug)]
pub enum Picked {
    /// The user chose these.
    Paths(Vec<PathBuf>),
    /// The user cancelled.
    Cancelled,
    /// No native dialog could be shown (it returned at once).
    Unavailable,
}

/// A dialog that returns faster than this was never shown to the user.
const TOO_FAST: Duration = Duration::from_millis(250);

/// Show the native dialog for `purpose`, starting in `dir`, suggesting `name`.
pub fn native_pick(purpose: FilePurpose, dir: Option<PathBuf>, name: &str) -> Picked {
    let mut d = rfd::FileDialog::new().set_title(purpose.title());
    if let Some(dir) = dir {
        d = d.set_directory(dir);
    }
    let started = Instant::now();
    let result: Option<Vec<PathBuf>> = match purpose {
        FilePurpose::Open => d
            .add_filter("Briefing", &["ron"])
            .pick_file()
            .map(|p| vec![p]),
        FilePurpose::SaveAs => d
            .add_filter("Briefing", &["ron"])
            .set_file_name(name)
            .save_file()
            .map(|p| vec![p]),
        FilePurpose::AddArticles => d
            .add_filter(
                "Articles",
                &[
                    "txt", "md", "markdown", "html", "htm", "xhtml", "docx", "odt", "eml", "pdf",
                ],
            )
            .pick_files(),
        FilePurpose::Export => d
            .add_filter("PDF", &["pdf"])
            .set_file_name(name)
            .save_file()
            .map(|p| vec![p]),
    };
    match result {
        Some(p) if !p.is_empty() => Picked::Paths(p),
        _ if started.elapsed() < TOO_FAST => Picked::Unavailable,
        _ => Picked::Cancelled,
    }
}

/// The in-app path field shown when no native dialog is available.
#[derive(Clone, Debug)]
pub struct PathPrompt {
    /// What the path is for.
    pub purpose: FilePurpose,
    /// The path typed so far.
    pub text: String,
}

impl PathPrompt {
    /// Show the prompt as a modal; returns `Some(None)` when cancelled, `Some(Some(cmd))` when
    /// confirmed, `None` while still open.
    pub fn ui(&mut self, ctx: &egui::Context, lang: UiLanguage) -> Option<Option<AppCommand>> {
        let mut result = None;
        egui::Modal::new(egui::Id::unique("path-prompt")).show(ctx, |ui: &mut Ui| {
            ui.heading(tr(lang, self.purpose.title()));
            ui.label("No file dialog is available on this system; type the file's path:");
            let label = ui.label(tr(lang, "Path"));
            let r = ui
                .add(egui::TextEdit::singleline(&mut self.text).desired_width(420.0))
                .labelled_by(label.id);
            if !r.has_focus() && self.text.is_empty() {
                r.request_focus();
            }
            let enter = r.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
            ui.horizontal(|ui| {
                let ok = ui.button(tr(lang, "OK")).clicked() || enter;
                if ok && !self.text.trim().is_empty() {
                    let paths = self
                        .text
                        .split(';')
                        .map(|s| PathBuf::from(expand_home(s.trim())))
                        .filter(|p| !p.as_os_str().is_empty())
                        .collect();
                    result = Some(self.purpose.command(paths));
                }
                if ui.button(tr(lang, "Cancel")).clicked()
                    || ui.input(|i| i.key_pressed(egui::Key::Escape))
                {
                    result = Some(None);
                }
            });
        });
        result
    }
}

fn expand_home(s: &str) -> String {
    match (s.strip_prefix("~/"), std::env::var("HOME")) {
        (Some(rest), Ok(home)) => format!("{home}/{rest}"),
        _ => s.to_owned(),
    }
}

/// Asks for the password of an encrypted PDF, then imports it with it.
pub struct PasswordPrompt {
    source: super::import_job::Source,
    /// Whether a password was given and did not open the file.
    wrong: bool,
    /// The password typed so far.
    text: String,
}

impl PasswordPrompt {
    /// A prompt for `source`; `wrong` when the last password given did not open it.
    pub fn new(source: super::import_job::Source, wrong: bool) -> PasswordPrompt {
        PasswordPrompt {
            source,
            wrong,
            text: String::new(),
        }
    }

    /// The file's name.
    pub fn name(&self) -> String {
        self.source.name()
    }

    /// Show the prompt as a modal; returns `Some(Some(source))` to import with the password
    /// typed, `Some(None)` when cancelled, `None` while still open.
    pub fn ui(
        &mut self,
        ctx: &egui::Context,
        lang: UiLanguage,
    ) -> Option<Option<super::import_job::Source>> {
        let mut result = None;
        egui::Modal::new(egui::Id::unique("pdf-password")).show(ctx, |ui: &mut Ui| {
            ui.heading(tr(lang, "Password"));
            let name = self.name();
            if self.wrong {
                ui.label(format!(
                    "That password does not open {name}. Try again, or cancel:"
                ));
            } else {
                ui.label(format!(
                    "{name} is protected by a password. Type it to import the article:"
                ));
            }
            let label = ui.label(tr(lang, "Password"));
            let r = ui
                .add(
                    egui::TextEdit::singleline(&mut self.text)
                        .password(true)
                        .desired_width(320.0),
                )
                .labelled_by(label.id);
            if !r.has_focus() && self.text.is_empty() {
                r.request_focus();
            }
            let enter = r.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
            ui.horizontal(|ui| {
                if (ui.button(tr(lang, "OK")).clicked() || enter) && !self.text.is_empty() {
                    let inner = match &self.source {
                        super::import_job::Source::Unlocked(inner, _) => (**inner).clone(),
                        other => other.clone(),
                    };
                    result = Some(Some(super::import_job::Source::Unlocked(
                        Box::new(inner),
                        std::mem::take(&mut self.text),
                    )));
                }
                if ui.button(tr(lang, "Cancel")).clicked()
                    || ui.input(|i| i.key_pressed(egui::Key::Escape))
                {
                    result = Some(None);
                }
            });
        });
        result
    }
}
