//! The find bar over the reader (Ctrl+F): a query typed in the project's own text field, the
//! matches of [`crate::find`] (folded the way Arabic readers search) highlighted at their exact
//! glyphs, "3 of 17", Enter / Shift+Enter (and F3 / Shift+F3) for the next and previous match,
//! and a second scope, all articles, that lists each match with its article and a line of
//! context. The current match is the reader's selection, so Add quote takes it as it stands.
//!
//! The search runs as the query changes, over per-article indexes built once per article
//! ([`BriefingIndex`] keeps an article's index while its text is unchanged): one query over
//! 20 MB of Arabic costs a few milliseconds (`cargo bench --bench find`), well inside a frame.

use std::ops::Range;

use egui::{Id, Key, Modifiers, Sense, Ui};

use super::i18n::{tr, UiLanguage};
use super::typeset::{SnippetLook, Typesetter};
use super::AppCommand;
use crate::find::{context, find_in_briefing, BriefingIndex, BriefingMatch, FindOptions, Query};
use crate::model::{ArticleId, Briefing};
use crate::widgets::TextField;

/// How many matches the all-articles list shows at most (the count says how many there are).
const LISTED: usize = 500;

/// What a search was run for: the query, its options, and the articles (id and text hash).
type Searched = (String, FindOptions, Vec<(ArticleId, String)>);

/// The find bar's state, kept by the app between frames.
#[derive(Default)]
pub struct FindState {
    /// The bar is shown.
    pub open: bool,
    /// What is searched for, as typed.
    pub query: String,
    /// Search every article (else the one in the reader).
    pub all_articles: bool,
    /// Ta marbuta folding and whole words.
    pub options: FindOptions,
    index: BriefingIndex,
    /// What the matches were computed for: query, options, articles (id and hash).
    searched: Option<Searched>,
    /// Every match in the briefing, in article order, then in text order.
    all: Vec<BriefingMatch>,
    /// The match shown (an index into the scope's matches).
    current: Option<usize>,
    /// The reader's article when `current` was chosen (in this-article scope the matches
    /// change with it).
    shown: Option<ArticleId>,
    /// Put the keyboard in the query field next frame.
    focus_query: bool,
    /// Scroll the all-articles list to the current match next frame (after a step by key).
    reveal_row: bool,
}

impl FindState {
    /// Open the bar with the keyboard in its query field.
    pub fn open(&mut self) {
        self.open = true;
        self.focus_query = true;
    }

    /// Close the bar; its highlights go with it.
    pub fn close(&mut self) {
        self.open = false;
        self.current = None;
    }

    /// Search again if the query, the options or the articles changed since the last search.
    /// Returns whether the matches changed.
    pub fn refresh(&mut self, briefing: &Briefing) -> bool {
        let articles: Vec<(ArticleId, String)> = briefing
            .articles
            .iter()
            .map(|a| (a.id, a.sha256.clone()))
            .collect();
        let key = (self.query.clone(), self.options, articles);
        if self.searched.as_ref() == Some(&key) {
            return false;
        }
        self.index.update(briefing);
        let query = Query::new(&self.query, self.options);
        self.all = find_in_briefing(&self.index, &query);
        self.searched = Some(key);
        self.current = None;
        true
    }

    /// The matches in scope: all of them, or those in the reader's article.
    pub fn matches(&self, shown: Option<ArticleId>) -> Vec<&BriefingMatch> {
        self.all
            .iter()
            .filter(|m| self.all_articles || Some(m.article) == shown)
            .collect()
    }

    /// The ranges of the matches in `article`, for the reader's highlights (none when closed).
    pub fn highlights(&self, article: ArticleId) -> Vec<Range<usize>> {
        if !self.open {
            return Vec::new();
        }
        self.all
            .iter()
            .filter(|m| m.article == article)
            .map(|m| m.range.clone())
            .collect()
    }

    /// Step to the next (`forward`) or previous match in scope and show it.
    pub fn step(&mut self, shown: Option<ArticleId>, forward: bool) -> Option<AppCommand> {
        let n = self.matches(shown).len();
        if n == 0 {
            self.current = None;
            return None;
        }
        let next = match self.current {
            None if forward => 0,
            None => n - 1,
            Some(i) if forward => (i + 1) % n,
            Some(i) => (i + n - 1) % n,
        };
        self.reveal_row = true;
        self.show(shown, next)
    }

    fn show(&mut self, shown: Option<ArticleId>, i: usize) -> Option<AppCommand> {
        let m = self.matches(shown).get(i).map(|m| (*m).clone())?;
        self.current = Some(i);
        Some(AppCommand::ShowMatch(m.article, m.range))
    }

    /// "3 of 17", "17 matches" before one is chosen, or "No matches".
    pub fn count_label(&self, shown: Option<ArticleId>, lang: UiLanguage) -> String {
        let n = self.matches(shown).len();
        match (n, self.current) {
            (0, _) => tr(lang, "No matches").to_owned(),
            (n, Some(i)) => format!("{} {} {n}", i + 1, tr(lang, "of")),
            (1, None) => format!("1 {}", tr(lang, "match")),
            (n, None) => format!("{n} {}", tr(lang, "matches")),
        }
    }
}

/// The find bar; returns what to carry out (show a match).
pub fn find_bar_ui(
    ui: &mut Ui,
    state: &mut FindState,
    ts: &mut Typesetter,
    briefing: &Briefing,
    shown: Option<ArticleId>,
    lang: UiLanguage,
) -> Vec<AppCommand> {
    let mut out = Vec::new();
    let field_id = Id::unique("find-query");
    if state.focus_query {
        state.focus_query = false;
        ui.memory_mut(|m| m.request_focus(field_id));
    }
    // Enter, Shift+Enter and Escape in the query field belong to the bar, not the field.
    let in_field = ui.memory(|m| m.has_focus(field_id));
    let typing = ui.ctx().egui_wants_keyboard_input();
    let (next, previous, escape) = ui.input_mut(|i| {
        // Shift first: a plain-key pattern also matches the key with Shift held.
        let previous = i.consume_key(Modifiers::SHIFT, Key::F3)
            || (in_field && i.consume_key(Modifiers::SHIFT, Key::Enter));
        let next = i.consume_key(Modifiers::NONE, Key::F3)
            || (in_field && i.consume_key(Modifiers::NONE, Key::Enter));
        let escape = (in_field || !typing) && i.consume_key(Modifiers::NONE, Key::Escape);
        (next, previous, escape)
    });
    if escape {
        state.close();
        ui.memory_mut(|m| m.surrender_focus(field_id));
        return out;
    }

    // Wraps onto a second row when the reader is narrow, so no control is cut off.
    ui.horizontal_wrapped(|ui| {
        let rtl = lang.is_rtl();
        let width = ui.available_width();
        ui.allocate_ui(
            egui::vec2((width - 570.0).clamp(160.0, 300.0), 28.0),
            |ui| {
                let field = TextField::new(field_id, &state.query, tr(lang, "Find"))
                    .hint(tr(lang, "Find in the article…"))
                    .default_rtl(rtl);
                let r = ts.field_ui(ui, field);
                if let Some(text) = r.changed {
                    state.query = text;
                }
            },
        );
        // Set by the engine: "12 من 34" in one egui run would show its numbers reversed.
        let label = state.count_label(shown, lang);
        let color = ui.visuals().text_color();
        ts.line_ui(ui, &label, SnippetLook::new(13.0, false), color);
        if ui
            .button(tr(lang, "Previous"))
            .on_hover_text(tr(lang, "Previous match (Shift+Enter)"))
            .clicked()
        {
            out.extend(state.step(shown, false));
        }
        if ui
            .button(tr(lang, "Next"))
            .on_hover_text(tr(lang, "Next match (Enter)"))
            .clicked()
        {
            out.extend(state.step(shown, true));
        }
        let mut all = state.all_articles;
        ui.selectable_value(&mut all, false, tr(lang, "This article"));
        ui.selectable_value(&mut all, true, tr(lang, "All articles"));
        if all != state.all_articles {
            state.all_articles = all;
            state.current = None;
        }
        let mut ta = state.options.fold_ta_marbuta;
        ui.checkbox(&mut ta, "ة = ه")
            .on_hover_text(tr(lang, "Match ة and ه as one letter"));
        let mut whole = state.options.whole_word;
        ui.checkbox(&mut whole, tr(lang, "Whole words"));
        state.options = FindOptions {
            fold_ta_marbuta: ta,
            whole_word: whole,
        };
        if ui
            .button("×")
            .on_hover_text(tr(lang, "Close (Escape)"))
            .clicked()
        {
            state.close();
        }
    });
    if !state.open {
        return out;
    }

    // As the query or the options change, the first match is shown at once.
    if !state.all_articles && state.shown != shown {
        state.current = None;
    }
    state.shown = shown;
    let asked = state.searched.as_ref().map(|(q, o, _)| (q.clone(), *o));
    let refreshed = state.refresh(briefing);
    let new_question = asked != Some((state.query.clone(), state.options));
    if refreshed && new_question && !state.query.trim().is_empty() {
        out.extend(state.step(shown, true));
    }
    if next {
        out.extend(state.step(shown, true));
    }
    if previous {
        out.extend(state.step(shown, false));
    }

    if state.all_articles && !state.query.trim().is_empty() {
        results_ui(ui, state, ts, briefing, shown, lang, &mut out);
    }
    out
}

/// The all-articles list: each match with its article and a line of context; a click shows it.
fn results_ui(
    ui: &mut Ui,
    state: &mut FindState,
    ts: &mut Typesetter,
    briefing: &Briefing,
    shown: Option<ArticleId>,
    lang: UiLanguage,
    out: &mut Vec<AppCommand>,
) {
    let all = state.matches(shown);
    let total = all.len();
    // A window of the list around the current match, so stepping past the first rows keeps
    // the chosen one listed; the line above says which part is shown.
    let first = state
        .current
        .map_or(0, |c| c.saturating_sub(LISTED / 2))
        .min(total.saturating_sub(LISTED));
    let matches: Vec<BriefingMatch> = all.into_iter().skip(first).take(LISTED).cloned().collect();
    if total > LISTED {
        let text = format!(
            "{} {}–{} {} {}",
            tr(lang, "Listing"),
            first + 1,
            first + matches.len(),
            tr(lang, "of"),
            total
        );
        let weak = ui.visuals().weak_text_color();
        ts.line_ui(ui, &text, SnippetLook::new(12.0, false), weak);
    }
    egui::ScrollArea::vertical()
        .id_salt("find-results")
        .max_height(200.0)
        .min_scrolled_height(160.0)
        .auto_shrink([false, true])
        .show(ui, |ui| {
            for (k, m) in matches.iter().enumerate() {
                let i = first + k;
                let Some(article) = briefing.article(m.article) else {
                    continue;
                };
                let Some(cx) = context(&article.text, m.range.clone(), 40) else {
                    continue;
                };
                let lead = if cx.clipped_before { "…" } else { "" };
                let line = format!(
                    "{lead}{}{}{}{}",
                    cx.before,
                    cx.matched,
                    cx.after,
                    if cx.clipped_after { "…" } else { "" },
                );
                let at = lead.len() + cx.before.len();
                let mark = at..at + cx.matched.len();
                let chosen = state.current == Some(i);
                let frame = egui::Frame::new()
                    .inner_margin(egui::Margin::symmetric(6, 2))
                    .fill(if chosen {
                        ui.visuals().selection.bg_fill.gamma_multiply(0.4)
                    } else {
                        egui::Color32::TRANSPARENT
                    });
                let r = frame
                    .show(ui, |ui| {
                        let weak = ui.visuals().weak_text_color();
                        ts.snippet_ui(
                            ui,
                            &format!("{}. {}", m.position + 1, article.title),
                            SnippetLook::new(12.0, false),
                            weak,
                            Sense::hover(),
                        );
                        let color = ui.visuals().text_color();
                        // The match stands out in its line, in the reader's find colour.
                        let fill = super::reader::found_fill(ui.visuals().dark_mode);
                        ts.marked_snippet_ui(
                            ui,
                            &line,
                            SnippetLook::new(13.0, false),
                            color,
                            Sense::hover(),
                            Some((mark.clone(), fill)),
                        );
                    })
                    .response;
                let name = format!(
                    "{} {} {} {}: {}",
                    tr(lang, "Match"),
                    i + 1,
                    tr(lang, "in"),
                    article.title,
                    line
                );
                let r = ui.interact(
                    r.rect,
                    ui.make_persistent_id(("find-result", i)),
                    Sense::click(),
                );
                r.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, true, &name));
                if chosen && std::mem::take(&mut state.reveal_row) {
                    r.scroll_to_me(None);
                }
                if r.clicked() {
                    out.extend(state.show(shown, i));
                }
            }
        });
}
