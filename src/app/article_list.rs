//! The left panel: the briefing's articles (title, source, language), add and remove.

use egui::{Sense, Ui};

use crate::model::{ArticleId, Briefing, Command};

use super::app_command::AppCommand;
use super::i18n::{tr, UiLanguage};
use super::typeset::{SnippetLook, Typesetter};

/// Show the article list; `current` is the article in the reader.
pub fn article_list_ui(
    ui: &mut Ui,
    b: &Briefing,
    current: Option<ArticleId>,
    ts: &mut Typesetter,
    lang: UiLanguage,
) -> Vec<AppCommand> {
    let mut out = Vec::new();
    ui.horizontal(|ui| {
        ui.heading(tr(lang, "Articles"));
    });
    if ui
        .button(format!("+ {}", tr(lang, "Add article")))
        .on_hover_text(".txt, .md, .html — or drop files on the window")
        .clicked()
    {
        out.push(AppCommand::AddArticleDialog);
    }
    ui.separator();
    egui::ScrollArea::vertical()
        .id_salt("articles-scroll")
        .auto_shrink([false, false])
        .show(ui, |ui| {
            for (n, a) in b.articles.iter().enumerate() {
                let selected = current == Some(a.id);
                let visuals = ui.visuals().clone();
                // The card's click area is registered before its contents, so the × button
                // on top of it gets its own clicks.
                let card = ui.scope_builder(
                    egui::UiBuilder::new()
                        .id_salt(("article", a.id))
                        .sense(Sense::click()),
                    |ui| {
                        egui::Frame::new()
                            .inner_margin(egui::Margin::same(6))
                            .corner_radius(4.0)
                            .fill(if selected {
                                visuals.selection.bg_fill.gamma_multiply(0.5)
                            } else {
                                visuals.panel_fill
                            })
                            .show(ui, |ui| {
                                ui.set_width(ui.available_width());
                                let color = visuals.strong_text_color();
                                ts.snippet_ui(
                                    ui,
                                    &a.title,
                                    SnippetLook::new(14.0, true),
                                    color,
                                    Sense::hover(),
                                );
                                ui.horizontal(|ui| {
                                    let meta = [
                                        a.source.as_str(),
                                        a.date.as_deref().unwrap_or(""),
                                        a.language.as_str(),
                                    ]
                                    .iter()
                                    .filter(|s| !s.is_empty())
                                    .copied()
                                    .collect::<Vec<_>>()
                                    .join(" · ");
                                    // The source may be in Arabic: set by the engine.
                                    let weak = ui.visuals().weak_text_color();
                                    ts.line_ui(ui, &meta, SnippetLook::new(10.0, false), weak);
                                    ui.with_layout(
                                        egui::Layout::right_to_left(egui::Align::Center),
                                        |ui| {
                                            let name = format!("Remove article {}", n + 1);
                                            let del = ui
                                                .small_button("×")
                                                .on_hover_text(tr(lang, "Remove"));
                                            del.widget_info(|| {
                                                egui::WidgetInfo::labeled(
                                                    egui::Role::Button,
                                                    true,
                                                    &name,
                                                )
                                            });
                                            if del.clicked() {
                                                out.push(AppCommand::Edit(Command::RemoveArticle(
                                                    a.id,
                                                )));
                                            }
                                        },
                                    );
                                });
                            });
                    },
                );
                let resp = card.response;
                let label = format!("Article: {}", a.title);
                resp.widget_info(|| {
                    egui::WidgetInfo::selected(egui::Role::ListItem, true, selected, &label)
                });
                if resp.clicked() {
                    out.push(AppCommand::ShowArticle(a.id));
                }
            }
        });
    out
}
