//! The menu bar: File, Edit, View.

use egui::Ui;

use super::app_command::AppCommand;
use super::document::Document;
use super::i18n::{tr, UiLanguage};
use super::settings::Settings;
use crate::pdf::Paper;

/// Show the menu bar.
pub fn menu_bar_ui(ui: &mut Ui, doc: &Document, settings: &Settings) -> Vec<AppCommand> {
    let lang = settings.language;
    let mut out = Vec::new();
    let layout = if lang.is_rtl() {
        egui::Layout::right_to_left(egui::Align::Center)
    } else {
        egui::Layout::left_to_right(egui::Align::Center)
    };
    egui::MenuBar::new().ui(ui, |ui| {
        ui.with_layout(layout, |ui| {
            ui.menu_button(tr(lang, "File"), |ui| {
                let mut item =
                    |ui: &mut Ui, label: &'static str, shortcut: &str, cmd: AppCommand| {
                        let b = egui::Button::new(tr(lang, label)).shortcut_text(shortcut);
                        if ui.add(b).clicked() {
                            out.push(cmd);
                        }
                    };
                item(ui, "New", "Ctrl+N", AppCommand::NewBriefing);
                item(ui, "Open…", "Ctrl+O", AppCommand::OpenDialog);
                ui.menu_button(tr(lang, "Open Recent"), |ui| {
                    if settings.recent_files.is_empty() {
                        ui.weak("—");
                    }
                    for p in &settings.recent_files {
                        if ui.button(p.display().to_string()).clicked() {
                            out.push(AppCommand::Open(p.clone()));
                        }
                    }
                });
                ui.separator();
                let mut item =
                    |ui: &mut Ui, label: &'static str, shortcut: &str, cmd: AppCommand| {
                        let b = egui::Button::new(tr(lang, label)).shortcut_text(shortcut);
                        if ui.add(b).clicked() {
                            out.push(cmd);
                        }
                    };
                item(ui, "Save", "Ctrl+S", AppCommand::Save);
                item(ui, "Save As…", "Ctrl+Shift+S", AppCommand::SaveAsDialog);
                ui.separator();
                item(ui, "Add Article…", "", AppCommand::AddArticleDialog);
                item(
                    ui,
                    "Paste as Article",
                    "Ctrl+V",
                    AppCommand::PasteArticle(None),
                );
                item(ui, "Preview", "Ctrl+P", AppCommand::Preview);
                item(ui, "Export PDF…", "Ctrl+E", AppCommand::ExportDialog);
                let mut paper = None;
                ui.menu_button(tr(lang, "Paper"), |ui| {
                    for (p, label) in [(Paper::A4, "A4"), (Paper::Letter, "US Letter")] {
                        if ui.radio(settings.paper == p, tr(lang, label)).clicked() {
                            paper = Some(p);
                        }
                    }
                });
                ui.separator();
                item(ui, "Quit", "", AppCommand::Quit);
                if let Some(p) = paper {
                    out.push(AppCommand::SetPaper(p));
                }
            });
            ui.menu_button(tr(lang, "Edit"), |ui| {
                let undo = match doc.undo_label() {
                    Some(l) => format!("{} {l}", tr(lang, "Undo")),
                    None => tr(lang, "Undo").to_owned(),
                };
                if ui
                    .add_enabled(
                        doc.can_undo(),
                        egui::Button::new(undo).shortcut_text("Ctrl+Z"),
                    )
                    .clicked()
                {
                    out.push(AppCommand::Undo);
                }
                if ui
                    .add_enabled(
                        doc.can_redo(),
                        egui::Button::new(tr(lang, "Redo")).shortcut_text("Ctrl+Shift+Z"),
                    )
                    .clicked()
                {
                    out.push(AppCommand::Redo);
                }
                ui.separator();
                if ui
                    .add(egui::Button::new(tr(lang, "Find…")).shortcut_text("Ctrl+F"))
                    .clicked()
                {
                    out.push(AppCommand::OpenFind);
                }
            });
            ui.menu_button(tr(lang, "View"), |ui| {
                let z = settings.zoom;
                if ui
                    .add(egui::Button::new(tr(lang, "Zoom In")).shortcut_text("Ctrl+="))
                    .clicked()
                {
                    out.push(AppCommand::SetZoom(z * 1.1));
                }
                if ui
                    .add(egui::Button::new(tr(lang, "Zoom Out")).shortcut_text("Ctrl+-"))
                    .clicked()
                {
                    out.push(AppCommand::SetZoom(z / 1.1));
                }
                if ui
                    .add(egui::Button::new(tr(lang, "Reset Zoom")).shortcut_text("Ctrl+0"))
                    .clicked()
                {
                    out.push(AppCommand::SetZoom(1.0));
                }
                ui.separator();
                if ui.radio(!settings.dark, tr(lang, "Light")).clicked() {
                    out.push(AppCommand::SetDark(false));
                }
                if ui.radio(settings.dark, tr(lang, "Dark")).clicked() {
                    out.push(AppCommand::SetDark(true));
                }
                ui.separator();
                ui.label(tr(lang, "Interface language"));
                if ui.radio(lang == UiLanguage::English, "English").clicked() {
                    out.push(AppCommand::SetLanguage(UiLanguage::English));
                }
                if ui.radio(lang == UiLanguage::Arabic, "العربية").clicked() {
                    out.push(AppCommand::SetLanguage(UiLanguage::Arabic));
                }
            });
        });
    });
    out
}
