//! Every change to a briefing is a `Command`. Applying one returns its inverse, which is what
//! makes undo and redo exact.

use super::{AgendaItem, Article, ArticleId, Briefing, BriefingLanguage, ItemId, Quote, QuoteId};

/// A text field of the briefing's cover.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Field {
    /// `Briefing::title`.
    Title,
    /// `Briefing::subtitle`.
    Subtitle,
    /// `Briefing::classification`.
    Classification,
    /// `Briefing::date`.
    Date,
    /// `Briefing::drafted_by`.
    DraftedBy,
    /// `Briefing::purpose`.
    Purpose,
}

/// Where a quote sits: under an agenda item (`Some`) or in the unfiled tray (`None`), at an index.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Slot {
    /// The item, or `None` for the unfiled tray.
    pub item: Option<ItemId>,
    /// Position in that list; clamped to its length.
    pub index: usize,
}

/// One undoable change to a briefing.
#[derive(Clone, Debug, PartialEq)]
pub enum Command {
    /// Set a cover field (`None` clears it; the title becomes empty).
    SetField(Field, Option<String>),
    /// Set the language of the briefing's own labels.
    SetLanguage(BriefingLanguage),
    /// Insert an article at an index.
    AddArticle(usize, Box<Article>),
    /// Remove an article and every quote taken from it.
    RemoveArticle(ArticleId),
    /// Put back a removed article and its quotes (the inverse of `RemoveArticle`).
    RestoreArticle(usize, Box<Article>, Vec<(Slot, Quote)>),
    /// Insert an agenda item at an index.
    AddItem(usize, AgendaItem),
    /// Remove an agenda item with its quotes.
    RemoveItem(ItemId),
    /// Rename an agenda item.
    RenameItem(ItemId, String),
    /// Set an agenda item's notes.
    SetItemNotes(ItemId, Option<String>),
    /// Move an agenda item to a new index.
    MoveItem(ItemId, usize),
    /// Insert a quote.
    AddQuote(Slot, Box<Quote>),
    /// Remove a quote.
    RemoveQuote(QuoteId),
    /// Move a quote to another place (another item, the tray, or a new index).
    MoveQuote(QuoteId, Slot),
    /// Set a quote's speaker and note.
    EditQuote(QuoteId, Option<String>, Option<String>),
    /// Several commands as one undo step.
    Batch(Vec<Command>),
}

/// Why a command could not be applied. The briefing is unchanged, except after
/// `RollbackFailed`.
#[derive(Clone, Debug, thiserror::Error, PartialEq, Eq)]
pub enum CommandError {
    /// The command names something that is not there.
    #[error("{0} is not in the briefing")]
    Missing(String),
    /// The command would break an invariant.
    #[error("{0}")]
    Invalid(String),
    /// A step of a `Batch` failed, and undoing the steps before it failed too: the briefing
    /// may be partly changed. Never happens while every inverse is exact; it means a bug.
    #[error(
        "{error}; undoing the earlier steps of the change also failed ({rollback}), so the \
         briefing may be partly changed: save it under another name and check it"
    )]
    RollbackFailed {
        /// Why the step failed.
        error: Box<CommandError>,
        /// Why undoing the steps before it failed (the first such failure).
        rollback: Box<CommandError>,
    },
}

fn missing(what: impl std::fmt::Display) -> CommandError {
    CommandError::Missing(what.to_string())
}

impl Command {
    /// A short description for the Edit menu ("Undo add quote").
    pub fn label(&self) -> &'static str {
        match self {
            Command::SetField(..) => "edit field",
            Command::SetLanguage(..) => "change language",
            Command::AddArticle(..) | Command::RestoreArticle(..) => "add article",
            Command::RemoveArticle(..) => "remove article",
            Command::AddItem(..) => "add agenda item",
            Command::RemoveItem(..) => "delete agenda item",
            Command::RenameItem(..) => "rename agenda item",
            Command::SetItemNotes(..) => "edit notes",
            Command::MoveItem(..) => "move agenda item",
            Command::AddQuote(..) => "add quote",
            Command::RemoveQuote(..) => "remove quote",
            Command::MoveQuote(..) => "move quote",
            Command::EditQuote(..) => "edit quote",
            Command::Batch(..) => "change",
        }
    }

    /// Apply to `b` and return the command that undoes it. On error `b` is unchanged (except
    /// after `CommandError::RollbackFailed`, which says so).
    pub fn apply(self, b: &mut Briefing) -> Result<Command, CommandError> {
        match self {
            Command::SetField(field, value) => {
                let old = match optional_field_mut(b, field) {
                    Some(slot) => std::mem::replace(slot, value),
                    None => Some(std::mem::replace(&mut b.title, value.unwrap_or_default())),
                };
                Ok(Command::SetField(field, old))
            }
            Command::SetLanguage(language) => {
                let old = std::mem::replace(&mut b.language, language);
                Ok(Command::SetLanguage(old))
            }
            Command::AddArticle(index, article) => {
                if b.article(article.id).is_some() {
                    return Err(CommandError::Invalid(format!(
                        "{} already exists",
                        article.id
                    )));
                }
                let id = article.id;
                let index = index.min(b.articles.len());
                b.articles.insert(index, *article);
                Ok(Command::RemoveArticle(id))
            }
            Command::RemoveArticle(id) => {
                let index = b
                    .articles
                    .iter()
                    .position(|a| a.id == id)
                    .ok_or_else(|| missing(id))?;
                let mut quotes = Vec::new();
                // Record each quote's index before any removal, in ascending order, so that
                // re-inserting them in order puts every one back where it was.
                let mut take = |list: &mut Vec<Quote>, item: Option<ItemId>| {
                    let old = std::mem::take(list);
                    for (index, quote) in old.into_iter().enumerate() {
                        if quote.article == id {
                            quotes.push((Slot { item, index }, quote));
                        } else {
                            list.push(quote);
                        }
                    }
                };
                for item in &mut b.agenda {
                    take(&mut item.quotes, Some(item.id));
                }
                take(&mut b.unfiled, None);
                let article = b.articles.remove(index);
                Ok(Command::RestoreArticle(index, Box::new(article), quotes))
            }
            Command::RestoreArticle(index, article, quotes) => {
                let id = article.id;
                // The checks `AddArticle` and `AddQuote` make: its inverse (`RemoveArticle`)
                // undoes it exactly only when the article is new and the quotes are its own.
                if b.article(id).is_some() {
                    return Err(CommandError::Invalid(format!("{id} already exists")));
                }
                let mut ids: std::collections::HashSet<QuoteId> =
                    b.quotes().map(|q| q.id).collect();
                for (_, quote) in &quotes {
                    if !ids.insert(quote.id) {
                        return Err(CommandError::Invalid(format!(
                            "{} already exists",
                            quote.id
                        )));
                    }
                    if quote.article != id
                        || quote.start >= quote.end
                        || article.text.get(quote.start..quote.end) != Some(quote.text.as_str())
                    {
                        return Err(CommandError::Invalid(format!(
                            "{} does not match {id} at {}..{}",
                            quote.id, quote.start, quote.end
                        )));
                    }
                }
                let index = index.min(b.articles.len());
                b.articles.insert(index, *article);
                for (slot, quote) in quotes {
                    let list = match slot.item {
                        Some(item) => match b.agenda.iter_mut().find(|i| i.id == item) {
                            Some(i) => &mut i.quotes,
                            None => &mut b.unfiled,
                        },
                        None => &mut b.unfiled,
                    };
                    list.insert(slot.index.min(list.len()), quote);
                }
                Ok(Command::RemoveArticle(id))
            }
            Command::AddItem(index, item) => {
                if b.item(item.id).is_some() {
                    return Err(CommandError::Invalid(format!("{} already exists", item.id)));
                }
                let id = item.id;
                b.agenda.insert(index.min(b.agenda.len()), item);
                Ok(Command::RemoveItem(id))
            }
            Command::RemoveItem(id) => {
                let index = item_index(b, id)?;
                let item = b.agenda.remove(index);
                Ok(Command::AddItem(index, item))
            }
            Command::RenameItem(id, title) => {
                let index = item_index(b, id)?;
                let old = std::mem::replace(&mut b.agenda[index].title, title);
                Ok(Command::RenameItem(id, old))
            }
            Command::SetItemNotes(id, notes) => {
                let index = item_index(b, id)?;
                let old = std::mem::replace(&mut b.agenda[index].notes, notes);
                Ok(Command::SetItemNotes(id, old))
            }
            Command::MoveItem(id, to) => {
                let from = item_index(b, id)?;
                let item = b.agenda.remove(from);
                b.agenda.insert(to.min(b.agenda.len()), item);
                Ok(Command::MoveItem(id, from))
            }
            Command::AddQuote(slot, quote) => {
                if b.find_quote(quote.id).is_some() {
                    return Err(CommandError::Invalid(format!(
                        "{} already exists",
                        quote.id
                    )));
                }
                let article = b
                    .article(quote.article)
                    .ok_or_else(|| missing(quote.article))?;
                if article.text.get(quote.start..quote.end) != Some(quote.text.as_str())
                    || quote.start >= quote.end
                {
                    return Err(CommandError::Invalid(format!(
                        "{} does not match {} at {}..{}",
                        quote.id, quote.article, quote.start, quote.end
                    )));
                }
                let id = quote.id;
                let list = quote_list(b, slot.item)?;
                list.insert(slot.index.min(list.len()), *quote);
                Ok(Command::RemoveQuote(id))
            }
            Command::RemoveQuote(id) => {
                let (item, index, _) = b.find_quote(id).ok_or_else(|| missing(id))?;
                let quote = quote_list(b, item)?.remove(index);
                Ok(Command::AddQuote(Slot { item, index }, Box::new(quote)))
            }
            Command::MoveQuote(id, to) => {
                let (item, index, _) = b.find_quote(id).ok_or_else(|| missing(id))?;
                // Check the target exists before taking the quote out.
                quote_list(b, to.item)?;
                let quote = quote_list(b, item)?.remove(index);
                let list = quote_list(b, to.item)?;
                list.insert(to.index.min(list.len()), quote);
                Ok(Command::MoveQuote(id, Slot { item, index }))
            }
            Command::EditQuote(id, speaker, note) => {
                let (item, index, _) = b.find_quote(id).ok_or_else(|| missing(id))?;
                let quote = &mut quote_list(b, item)?[index];
                let old_speaker = std::mem::replace(&mut quote.speaker, speaker);
                let old_note = std::mem::replace(&mut quote.note, note);
                Ok(Command::EditQuote(id, old_speaker, old_note))
            }
            Command::Batch(commands) => {
                let mut inverses = Vec::with_capacity(commands.len());
                for command in commands {
                    match command.apply(b) {
                        Ok(inverse) => inverses.push(inverse),
                        Err(error) => return Err(roll_back(b, inverses, error)),
                    }
                }
                inverses.reverse();
                Ok(Command::Batch(inverses))
            }
        }
    }
}

/// Undo the steps of a batch applied before one failed with `error` (their inverses, oldest
/// first, are undone newest first) and say what to report: `error` itself when the briefing is
/// back as it was, `RollbackFailed` when an inverse could not be applied. Every inverse is tried,
/// so as much as can be undone is.
fn roll_back(b: &mut Briefing, inverses: Vec<Command>, error: CommandError) -> CommandError {
    let mut first_failure = None;
    for inverse in inverses.into_iter().rev() {
        if let Err(e) = inverse.apply(b) {
            first_failure.get_or_insert(e);
        }
    }
    match first_failure {
        None => error,
        Some(rollback) => CommandError::RollbackFailed {
            error: Box::new(error),
            rollback: Box::new(rollback),
        },
    }
}

/// The optional cover field named by `field`; `None` for the title, which is always present.
fn optional_field_mut(b: &mut Briefing, field: Field) -> Option<&mut Option<String>> {
    match field {
        Field::Title => None,
        Field::Subtitle => Some(&mut b.subtitle),
        Field::Classification => Some(&mut b.classification),
        Field::Date => Some(&mut b.date),
        Field::DraftedBy => Some(&mut b.drafted_by),
        Field::Purpose => Some(&mut b.purpose),
    }
}

fn item_index(b: &Briefing, id: ItemId) -> Result<usize, CommandError> {
    b.agenda
        .iter()
        .position(|i| i.id == id)
        .ok_or_else(|| missing(id))
}

fn quote_list(b: &mut Briefing, item: Option<ItemId>) -> Result<&mut Vec<Quote>, CommandError> {
    match item {
        None => Ok(&mut b.unfiled),
        Some(id) => b
            .agenda
            .iter_mut()
            .find(|i| i.id == id)
            .map(|i| &mut i.quotes)
            .ok_or_else(|| missing(id)),
    }
}

/// Undo and redo stacks of inverse commands, each with the label of the change it belongs to
/// (undoing "add agenda item" is reported as that, not as its inverse's "delete agenda item").
/// Any new change clears the redo stack.
#[derive(Debug, Default)]
pub struct History {
    undo: Vec<(Command, &'static str)>,
    redo: Vec<(Command, &'static str)>,
}

impl History {
    /// Apply `command` to `b` and remember how to undo it.
    pub fn run(&mut self, b: &mut Briefing, command: Command) -> Result<(), CommandError> {
        let label = command.label();
        let inverse = command.apply(b)?;
        self.undo.push((inverse, label));
        self.redo.clear();
        Ok(())
    }

    /// Undo the last change; `false` when there is none.
    pub fn undo(&mut self, b: &mut Briefing) -> bool {
        Self::step(&mut self.undo, &mut self.redo, b)
    }

    /// Redo the last undone change; `false` when there is none.
    pub fn redo(&mut self, b: &mut Briefing) -> bool {
        Self::step(&mut self.redo, &mut self.undo, b)
    }

    fn step(
        from: &mut Vec<(Command, &'static str)>,
        to: &mut Vec<(Command, &'static str)>,
        b: &mut Briefing,
    ) -> bool {
        let Some((command, label)) = from.pop() else {
            return false;
        };
        match command.apply(b) {
            Ok(inverse) => {
                to.push((inverse, label));
                true
            }
            Err(_) => false,
        }
    }

    /// Whether there is something to undo.
    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty()
    }

    /// Whether there is something to redo.
    pub fn can_redo(&self) -> bool {
        !self.redo.is_empty()
    }

    /// The label of what Undo would undo.
    pub fn undo_label(&self) -> Option<&'static str> {
        self.undo.last().map(|(_, label)| *label)
    }

    /// The label of what Redo would redo.
    pub fn redo_label(&self) -> Option<&'static str> {
        self.redo.last().map(|(_, label)| *label)
    }

    /// Forget everything (after opening another briefing).
    pub fn clear(&mut self) {
        self.undo.clear();
        self.redo.clear();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The rollback cannot fail through commands whose inverses are exact, so its report is
    /// tested here, with an inverse that names an agenda item that is not there.
    #[test]
    fn a_rollback_that_fails_is_reported_with_both_errors() {
        let mut b = Briefing::new("t");
        let error = CommandError::Missing("agenda item 7".into());
        let reported = roll_back(&mut b, vec![Command::RemoveItem(ItemId(9))], error.clone());
        assert_eq!(
            reported,
            CommandError::RollbackFailed {
                error: Box::new(error.clone()),
                rollback: Box::new(CommandError::Missing(ItemId(9).to_string())),
            }
        );
        assert!(
            reported.to_string().contains("may be partly changed"),
            "{reported}"
        );
        // With nothing to undo, or everything undone, the step's own error is reported.
        assert_eq!(roll_back(&mut b, Vec::new(), error.clone()), error);
    }
}
