//! The outline: the briefing's cover fields, its agenda items with their quotes, the unfiled
//! tray and suggested items. Quotes are shown with the text engine (Arabic right everywhere).
//! Every change is returned as an `AppCommand`; drops go through `dnd::drop_command`.

use egui::{Color32, RichText, Sense, Stroke, Ui};

use crate::model::{AgendaItem, Article, Briefing, Command, Field, ItemId, Quote};
use crate::text::BaseDirection;

use super::app_command::AppCommand;
use super::dnd::{drop_command, slot_for_new_quote, DragPayload, DropTarget};
use super::document::EditKey;
use super::i18n::{tr, UiLanguage};
use super::typeset::{SnippetLook, Typesetter};
use crate::model::BriefingLanguage;
use crate::widgets::TextField;

/// The outline's own state between frames.
#[derive(Default)]
pub struct OutlineState {
    /// The item "Add quote" files into; `None`: the first item, or the tray when there is none.
    pub selected_item: Option<ItemId>,
    /// An item whose title should take keyboard focus (just added).
    pub focus_item: Option<ItemId>,
    /// Quotes numbered so far this frame, in outline order: their fields' and buttons'
    /// accessible names ("Quote 3 speaker") count from 1.
    quotes_numbered: usize,
}

/// A drag handle: three short bars, with an accessible label.
fn grip_ui(ui: &mut Ui, label: &str) -> egui::Response {
    let (rect, resp) = ui.allocate_exact_size(egui::vec2(14.0, 18.0), Sense::click_and_drag());
    let color = if resp.hovered() || resp.dragged() {
        ui.visuals().strong_text_color()
    } else {
        ui.visuals().weak_text_color()
    };
    for k in 0..3 {
        let y = rect.center().y - 4.0 + 4.0 * k as f32;
        ui.painter().hline(
            rect.left() + 2.0..=rect.right() - 2.0,
            y,
            Stroke::new(1.5, color),
        );
    }
    if resp.hovered() {
        ui.ctx().set_cursor_icon(egui::CursorIcon::Grab);
    }
    let label = label.to_owned();
    resp.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, true, &label));
    resp
}

fn opt(s: String) -> Option<String> {
    (!s.trim().is_empty()).then_some(s)
}

/// Show the outline of `b`. `article` is the one open in the reader (for suggestions).
pub fn outline_ui(
    ui: &mut Ui,
    b: &Briefing,
    state: &mut OutlineState,
    ts: &mut Typesetter,
    article: Option<&Article>,
    lang: UiLanguage,
) -> Vec<AppCommand> {
    let mut out = Vec::new();
    let heading = ui.heading(tr(lang, "Outline"));
    heading.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Heading, true, "Outline"));
    ui.separator();
    egui::ScrollArea::vertical()
        .id_salt("outline-scroll")
        .auto_shrink([false, false])
        .show(ui, |ui| {
            fields_ui(ui, b, ts, lang, &mut out);
            ui.add_space(8.0);
            ui.horizontal(|ui| {
                ui.strong(tr(lang, "Agenda"));
                if ui.button(format!("+ {}", tr(lang, "Add item"))).clicked() {
                    let id = b.next_item_id();
                    out.push(AppCommand::Edit(Command::AddItem(
                        b.agenda.len(),
                        AgendaItem {
                            id,
                            title: String::new(),
                            notes: None,
                            quotes: Vec::new(),
                        },
                    )));
                    out.push(AppCommand::SelectItem(Some(id)));
                    state.focus_item = Some(id);
                }
            });
            state.quotes_numbered = 0;
            for (n, item) in b.agenda.iter().enumerate() {
                item_ui(ui, b, (n + 1, item), state, ts, lang, &mut out);
            }
            // Drop zone after the last item (items go last; quotes to the last item).
            let (rect, resp) =
                ui.allocate_exact_size(egui::vec2(ui.available_width(), 14.0), Sense::hover());
            if resp
                .dnd_hover_payload::<DragPayload>()
                .is_some_and(|p| matches!(*p, DragPayload::Item(_)))
            {
                ui.painter().hline(
                    rect.x_range(),
                    rect.center().y,
                    Stroke::new(2.0, ui.visuals().selection.stroke.color),
                );
            }
            if let Some(p) = resp.dnd_release_payload::<DragPayload>() {
                dropped(b, *p, DropTarget::AgendaEnd, &mut out);
            }
            ui.add_space(6.0);
            unfiled_ui(ui, b, ts, lang, state.quotes_numbered, &mut out);
            if let Some(article) = article {
                suggestions_ui(ui, b, article, ts, lang, &mut out);
            }
        });
    out
}

fn dropped(b: &Briefing, payload: DragPayload, target: DropTarget, out: &mut Vec<AppCommand>) {
    match payload {
        DragPayload::Selection => {
            if let Some(slot) = slot_for_new_quote(b, target) {
                out.push(AppCommand::AddQuote(Some(slot)));
            }
        }
        p => {
            if let Some(cmd) = drop_command(b, p, target) {
                out.push(AppCommand::Edit(cmd));
            }
        }
    }
}

fn fields_ui(
    ui: &mut Ui,
    b: &Briefing,
    ts: &mut Typesetter,
    lang: UiLanguage,
    out: &mut Vec<AppCommand>,
) {
    egui::CollapsingHeader::new(tr(lang, "Briefing"))
        .id_salt("briefing-fields")
        .default_open(true)
        .show(ui, |ui| {
            egui::Grid::new("fields-grid")
                .num_columns(2)
                .striped(false)
                .show(ui, |ui| {
                    let fields: [(Field, &'static str, Option<&String>); 6] = [
                        (Field::Title, "Title", Some(&b.title)),
                        (Field::Subtitle, "Subtitle", b.subtitle.as_ref()),
                        (
                            Field::Classification,
                            "Classification",
                            b.classification.as_ref(),
                        ),
                        (Field::Date, "Date", b.date.as_ref()),
                        (Field::DraftedBy, "Drafted by", b.drafted_by.as_ref()),
                        (Field::Purpose, "Purpose", b.purpose.as_ref()),
                    ];
                    let rtl = b.language == BriefingLanguage::Arabic;
                    for (field, name, value) in fields {
                        let label = ui.label(tr(lang, name));
                        let text = value.map_or("", String::as_str);
                        let mut f = TextField::new(
                            ui.make_persistent_id(("field", name)),
                            text,
                            tr(lang, name),
                        )
                        .default_rtl(rtl);
                        if field == Field::Purpose {
                            f = f.multiline(2);
                        }
                        let r = ts.field_ui(ui, f);
                        let _ = r.response.labelled_by(label.id);
                        undo_requested(r.undo, out);
                        if let Some(text) = r.changed {
                            let value = if field == Field::Title {
                                Some(text)
                            } else {
                                opt(text)
                            };
                            out.push(AppCommand::Typing(
                                EditKey::Field(field),
                                Command::SetField(field, value),
                            ));
                        }
                        ui.end_row();
                    }
                    ui.label(tr(lang, "Language"));
                    ui.horizontal(|ui| {
                        for (value, name) in [
                            (BriefingLanguage::English, "English"),
                            (BriefingLanguage::Arabic, "Arabic"),
                        ] {
                            if ui
                                .selectable_label(b.language == value, tr(lang, name))
                                .clicked()
                                && b.language != value
                            {
                                out.push(AppCommand::Edit(Command::SetLanguage(value)));
                            }
                        }
                    });
                    ui.end_row();
                });
        });
}

fn drop_highlight(ui: &Ui, rect: egui::Rect) {
    ui.painter().rect_stroke(
        rect.expand(2.0),
        4.0,
        Stroke::new(2.0, ui.visuals().selection.stroke.color),
        egui::StrokeKind::Outside,
    );
}

fn item_ui(
    ui: &mut Ui,
    b: &Briefing,
    (n, item): (usize, &AgendaItem),
    state: &mut OutlineState,
    ts: &mut Typesetter,
    lang: UiLanguage,
    out: &mut Vec<AppCommand>,
) {
    let selected = state.selected_item == Some(item.id);
    let visuals = ui.visuals().clone();
    let frame = egui::Frame::group(ui.style())
        .fill(if selected {
            visuals.faint_bg_color
        } else {
            visuals.panel_fill
        })
        .stroke(if selected {
            Stroke::new(1.5, visuals.selection.stroke.color)
        } else {
            visuals.widgets.noninteractive.bg_stroke
        });
    let rtl = b.language == BriefingLanguage::Arabic;
    // The card's own click and drop area is registered before its contents, so the fields and
    // buttons inside it, on top, get their clicks (egui gives a click to the widget on top).
    let card = ui.scope_builder(
        egui::UiBuilder::new()
            .id_salt(("item-card", item.id))
            .sense(Sense::click()),
        |ui| {
            frame.show(ui, |ui| {
                ui.set_width(ui.available_width());
                ui.horizontal(|ui| {
                    let handle = grip_ui(ui, &format!("Move agenda item {n}: {}", item.title))
                        .on_hover_text("Drag to reorder");
                    handle.dnd_set_drag_payload(DragPayload::Item(item.id));
                    if handle.clicked() {
                        out.push(AppCommand::SelectItem(Some(item.id)));
                    }
                    ui.with_layout(egui::Layout::right_to_left(egui::Align::Min), |ui| {
                        let name = format!("Delete agenda item {n}");
                        let del = ui.small_button("×").on_hover_text(tr(lang, "Delete item"));
                        del.widget_info(|| {
                            egui::WidgetInfo::labeled(egui::Role::Button, true, &name)
                        });
                        if del.clicked() {
                            out.push(AppCommand::Edit(Command::RemoveItem(item.id)));
                        }
                        ui.with_layout(egui::Layout::top_down(egui::Align::Min), |ui| {
                            let name = format!("Agenda item {n} title");
                            let r = ts.field_ui(
                                ui,
                                TextField::new(
                                    ui.make_persistent_id(("item-title", item.id)),
                                    &item.title,
                                    &name,
                                )
                                .hint(tr(lang, "Agenda item title"))
                                .look(15.0, true)
                                .default_rtl(rtl),
                            );
                            if state.focus_item == Some(item.id) {
                                r.response.request_focus();
                                state.focus_item = None;
                            }
                            if r.response.gained_focus() {
                                out.push(AppCommand::SelectItem(Some(item.id)));
                            }
                            undo_requested(r.undo, out);
                            if let Some(title) = r.changed {
                                out.push(AppCommand::Typing(
                                    EditKey::ItemTitle(item.id),
                                    Command::RenameItem(item.id, title),
                                ));
                            }
                        });
                    });
                });
                let name = format!("Agenda item {n} notes");
                let r = ts.field_ui(
                    ui,
                    TextField::new(
                        ui.make_persistent_id(("item-notes", item.id)),
                        item.notes.as_deref().unwrap_or(""),
                        &name,
                    )
                    .hint(tr(lang, "Notes: the analyst's own text for this item"))
                    .multiline(1)
                    .default_rtl(rtl),
                );
                if r.response.gained_focus() {
                    out.push(AppCommand::SelectItem(Some(item.id)));
                }
                undo_requested(r.undo, out);
                if let Some(notes) = r.changed {
                    out.push(AppCommand::Typing(
                        EditKey::ItemNotes(item.id),
                        Command::SetItemNotes(item.id, opt(notes)),
                    ));
                }
                if item.quotes.is_empty() {
                    ui.label(
                        RichText::new(tr(lang, "Drag a quote here"))
                            .weak()
                            .italics(),
                    );
                }
                for quote in &item.quotes {
                    state.quotes_numbered += 1;
                    quote_ui(ui, b, quote, state.quotes_numbered, ts, lang, out);
                }
            });
        },
    );
    let resp = card.response;
    let rect = resp.rect;
    let title = format!("Agenda item {n}: {}", item.title);
    resp.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Group, true, &title));
    if resp.clicked() {
        out.push(AppCommand::SelectItem(Some(item.id)));
    }
    if resp.dnd_hover_payload::<DragPayload>().is_some() {
        drop_highlight(ui, rect);
    }
    if let Some(p) = resp.dnd_release_payload::<DragPayload>() {
        dropped(b, *p, DropTarget::Item(item.id), out);
    }
    ui.add_space(4.0);
}

/// A field's Ctrl+Z / Ctrl+Shift+Z: the briefing's undo and redo.
fn undo_requested(undo: Option<bool>, out: &mut Vec<AppCommand>) {
    match undo {
        Some(false) => out.push(AppCommand::Undo),
        Some(true) => out.push(AppCommand::Redo),
        None => {}
    }
}

fn quote_ui(
    ui: &mut Ui,
    b: &Briefing,
    quote: &Quote,
    n: usize,
    ts: &mut Typesetter,
    lang: UiLanguage,
    out: &mut Vec<AppCommand>,
) {
    let visuals = ui.visuals().clone();
    let inner = egui::Frame::new()
        .inner_margin(egui::Margin::same(6))
        .corner_radius(4.0)
        .fill(visuals.extreme_bg_color)
        .show(ui, |ui| {
            ui.set_width(ui.available_width());
            ui.horizontal(|ui| {
                let handle = grip_ui(ui, "Move quote").on_hover_text("Drag to move");
                handle.dnd_set_drag_payload(DragPayload::Quote(quote.id));
                ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                    let cite = format!("Copy quote {n} with citation");
                    let c = ui
                        .small_button(tr(lang, "Cite"))
                        .on_hover_text(tr(lang, "Copy with citation"));
                    c.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, true, &cite));
                    if c.clicked() {
                        out.push(AppCommand::CopyWithCitation(Some(quote.id)));
                    }
                    let name = format!("Remove quote {n}");
                    let del = ui.small_button("×").on_hover_text(tr(lang, "Remove quote"));
                    del.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, true, &name));
                    if del.clicked() {
                        out.push(AppCommand::Edit(Command::RemoveQuote(quote.id)));
                    }
                    let source = b
                        .article(quote.article)
                        .map(|a| a.source.as_str())
                        .unwrap_or("");
                    // The source may be written in Arabic («كونا»): set by the engine.
                    let weak = ui.visuals().weak_text_color();
                    ts.line_ui(ui, source, SnippetLook::new(10.0, false), weak);
                });
            });
            let color = visuals.text_color();
            // As it reads in its article: a quote that starts with a Latin name inside an
            // Arabic paragraph stays right-to-left.
            let dir = BaseDirection::forced(b.quote_is_rtl(quote));
            let look = SnippetLook::new(15.0, false).dir(dir);
            let r = ts.snippet_ui(ui, &quote.text, look, color, Sense::click_and_drag());
            r.dnd_set_drag_payload(DragPayload::Quote(quote.id));
            if r.clicked() {
                out.push(AppCommand::RevealQuote(quote.id));
            }
            let r = r.on_hover_text("Click to show it in the article; drag to move");
            let _ = r;
            let rtl = b.language == BriefingLanguage::Arabic;
            let speaker = quote.speaker.as_deref().unwrap_or("");
            let note = quote.note.as_deref().unwrap_or("");
            let sp_name = format!("Quote {n} speaker");
            let sp = ts.field_ui(
                ui,
                TextField::new(
                    ui.make_persistent_id(("speaker", quote.id)),
                    speaker,
                    &sp_name,
                )
                .hint(tr(lang, "Speaker"))
                .default_rtl(rtl),
            );
            let nt_name = format!("Quote {n} note");
            let nt = ts.field_ui(
                ui,
                TextField::new(ui.make_persistent_id(("note", quote.id)), note, &nt_name)
                    .hint(tr(lang, "Note"))
                    .multiline(1)
                    .default_rtl(rtl),
            );
            undo_requested(sp.undo.or(nt.undo), out);
            if sp.changed.is_some() || nt.changed.is_some() {
                let speaker = sp.changed.unwrap_or_else(|| speaker.to_owned());
                let note = nt.changed.unwrap_or_else(|| note.to_owned());
                out.push(AppCommand::Typing(
                    EditKey::Quote(quote.id),
                    Command::EditQuote(quote.id, opt(speaker), opt(note)),
                ));
            }
        });
    let rect = inner.response.rect;
    let resp = ui.interact(
        rect,
        egui::Id::unique(("quote-drop", quote.id)),
        Sense::hover(),
    );
    let label = format!("Quote: {}", quote.text);
    resp.widget_info(|| egui::WidgetInfo::labeled(egui::Role::ListItem, true, &label));
    if resp
        .dnd_hover_payload::<DragPayload>()
        .is_some_and(|p| *p != DragPayload::Quote(quote.id))
    {
        ui.painter().hline(
            rect.x_range(),
            rect.top() - 2.0,
            Stroke::new(2.0, visuals.selection.stroke.color),
        );
    }
    if let Some(p) = resp.dnd_release_payload::<DragPayload>() {
        dropped(b, *p, DropTarget::BeforeQuote(quote.id), out);
    }
    ui.add_space(3.0);
}

fn unfiled_ui(
    ui: &mut Ui,
    b: &Briefing,
    ts: &mut Typesetter,
    lang: UiLanguage,
    mut quote_no: usize,
    out: &mut Vec<AppCommand>,
) {
    let inner = egui::Frame::group(ui.style())
        .stroke(Stroke::new(1.0, Color32::from_gray(140)))
        .show(ui, |ui| {
            ui.set_width(ui.available_width());
            ui.strong(format!(
                "{} ({})",
                tr(lang, "Unfiled quotes"),
                b.unfiled.len()
            ));
            if b.unfiled.is_empty() {
                ui.label(RichText::new(tr(lang, "Drop quotes here")).weak().italics());
            }
            for q in &b.unfiled {
                quote_no += 1;
                quote_ui(ui, b, q, quote_no, ts, lang, out);
            }
        });
    let rect = inner.response.rect;
    let resp = ui.interact(rect, egui::Id::unique("unfiled-drop"), Sense::hover());
    resp.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Group, true, "Unfiled quotes"));
    if resp
        .dnd_hover_payload::<DragPayload>()
        .is_some_and(|p| !matches!(*p, DragPayload::Item(_)))
    {
        drop_highlight(ui, rect);
    }
    if let Some(p) = resp.dnd_release_payload::<DragPayload>() {
        dropped(b, *p, DropTarget::Unfiled, out);
    }
}

fn suggestions_ui(
    ui: &mut Ui,
    b: &Briefing,
    article: &Article,
    ts: &mut Typesetter,
    lang: UiLanguage,
    out: &mut Vec<AppCommand>,
) {
    let suggestions: Vec<String> = crate::suggest::agenda_suggestions(article)
        .into_iter()
        .filter(|s| b.item_by_title(s).is_none())
        .collect();
    if suggestions.is_empty() {
        return;
    }
    ui.add_space(8.0);
    egui::CollapsingHeader::new(tr(lang, "Suggested items"))
        .id_salt("suggested-items")
        .default_open(true)
        .show(ui, |ui| {
            let mut next = b.next_item_id();
            for s in suggestions {
                ui.horizontal(|ui| {
                    if ui.small_button(tr(lang, "Accept")).clicked() {
                        out.push(AppCommand::Edit(Command::AddItem(
                            b.agenda.len(),
                            AgendaItem {
                                id: next,
                                title: s.clone(),
                                notes: None,
                                quotes: Vec::new(),
                            },
                        )));
                        next = crate::model::ItemId(next.0 + 1);
                    }
                    let color = ui.visuals().text_color();
                    ts.snippet_ui(ui, &s, SnippetLook::new(14.0, false), color, Sense::hover());
                });
            }
        });
}

/// Where "Add quote" files a new quote: the selected item, else the first item, else the tray.
pub fn default_slot(b: &Briefing, selected: Option<ItemId>) -> crate::model::Slot {
    let item = selected
        .and_then(|id| b.item(id))
        .or_else(|| b.agenda.first());
    match item {
        Some(i) => crate::model::Slot {
            item: Some(i.id),
            index: i.quotes.len(),
        },
        None => crate::model::Slot {
            item: None,
            index: b.unfiled.len(),
        },
    }
}
