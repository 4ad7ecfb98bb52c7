//! Drag and drop in the outline as plain functions over the model, so the rules are tested
//! without a window: what is dragged (`DragPayload`), where it is dropped (`DropTarget`), and
//! the one `Command` that results.

use crate::model::{Briefing, Command, ItemId, QuoteId, Slot};

/// What the user is dragging.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DragPayload {
    /// The reader's current selection (becomes a new quote where it is dropped).
    Selection,
    /// A quote from the outline.
    Quote(QuoteId),
    /// An agenda item (by its handle).
    Item(ItemId),
}

/// Where something is dropped.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DropTarget {
    /// On an agenda item's header: a quote goes to the end of its list, an item goes before it.
    Item(ItemId),
    /// On a quote: a quote goes just before it, in its list; an item goes before that item.
    BeforeQuote(QuoteId),
    /// On the unfiled tray: a quote goes to its end.
    Unfiled,
    /// Below the last agenda item: an item goes last.
    AgendaEnd,
}

/// The slot a new quote (from a dragged selection) takes when dropped on `target`.
pub fn slot_for_new_quote(b: &Briefing, target: DropTarget) -> Option<Slot> {
    match target {
        DropTarget::Item(id) => {
            let item = b.item(id)?;
            Some(Slot {
                item: Some(id),
                index: item.quotes.len(),
            })
        }
        DropTarget::BeforeQuote(q) => {
            let (item, index, _) = b.find_quote(q)?;
            Some(Slot { item, index })
        }
        DropTarget::Unfiled => Some(Slot {
            item: None,
            index: b.unfiled.len(),
        }),
        DropTarget::AgendaEnd => {
            let last = b.agenda.last()?;
            Some(Slot {
                item: Some(last.id),
                index: last.quotes.len(),
            })
        }
    }
}

/// The command that drops `payload` (a quote or an item) on `target`; `None` when the drop
/// changes nothing or makes no sense (an item on the unfiled tray, a quote onto itself).
/// `Selection` is not handled here: it needs the reader's text (see `slot_for_new_quote`).
pub fn drop_command(b: &Briefing, payload: DragPayload, target: DropTarget) -> Option<Command> {
    match payload {
        DragPayload::Selection => None,
        DragPayload::Quote(id) => {
            let (from_item, from_index, _) = b.find_quote(id)?;
            let mut to = slot_for_new_quote(b, target)?;
            if to.item == from_item {
                // `MoveQuote` takes the quote out before inserting it again.
                if to.index > from_index {
                    to.index -= 1;
                }
                if to.index == from_index {
                    return None;
                }
            }
            Some(Command::MoveQuote(id, to))
        }
        DragPayload::Item(id) => {
            let from = b.agenda.iter().position(|i| i.id == id)?;
            let before = match target {
                DropTarget::Item(t) => b.agenda.iter().position(|i| i.id == t)?,
                DropTarget::BeforeQuote(q) => {
                    let item = b.find_quote(q)?.0?;
                    b.agenda.iter().position(|i| i.id == item)?
                }
                DropTarget::AgendaEnd => b.agenda.len(),
                DropTarget::Unfiled => return None,
            };
            // `MoveItem` takes the item out before inserting it again.
            let to = if before > from { before - 1 } else { before };
            (to != from).then_some(Command::MoveItem(id, to))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{AgendaItem, Article, ArticleId, Direction, Quote};

    fn briefing() -> Briefing {
        let text = "alpha beta gamma delta epsilon".to_owned();
        let mut b = Briefing::new("T");
        b.articles.push(Article {
            id: ArticleId(1),
            title: "a".into(),
            source: String::new(),
            url: None,
            date: None,
            author: None,
            language: "en".into(),
            direction: Direction::Ltr,
            original_path: None,
            sha256: Article::hash_text(&text),
            pages: Vec::new(),
            blocks: vec![],
            text: text.clone(),
        });
        let q = |id: u32, s: usize, e: usize| {
            Quote::from_range(QuoteId(id), ArticleId(1), &text, s, e, String::new()).unwrap()
        };
        for (id, quotes) in [
            (1, vec![q(1, 0, 5), q(2, 6, 10)]),
            (2, vec![q(3, 11, 16)]),
            (3, vec![]),
        ] {
            b.agenda.push(AgendaItem {
                id: ItemId(id),
                title: format!("item {id}"),
                notes: None,
                quotes,
            });
        }
        b.unfiled.push(q(4, 17, 22));
        b
    }

    fn ids(b: &Briefing, item: Option<u32>) -> Vec<u32> {
        let list = match item {
            Some(i) => &b.item(ItemId(i)).unwrap().quotes,
            None => &b.unfiled,
        };
        list.iter().map(|q| q.id.0).collect()
    }

    fn apply(b: &mut Briefing, payload: DragPayload, target: DropTarget) {
        let cmd = drop_command(b, payload, target).expect("a command");
        cmd.apply(b).unwrap();
    }

    #[test]
    fn quote_onto_other_item_goes_last() {
        let mut b = briefing();
        apply(
            &mut b,
            DragPayload::Quote(QuoteId(1)),
            DropTarget::Item(ItemId(2)),
        );
        assert_eq!(ids(&b, Some(1)), [2]);
        assert_eq!(ids(&b, Some(2)), [3, 1]);
    }

    #[test]
    fn quote_reorder_within_item_both_ways() {
        let mut b = briefing();
        apply(
            &mut b,
            DragPayload::Quote(QuoteId(2)),
            DropTarget::BeforeQuote(QuoteId(1)),
        );
        assert_eq!(ids(&b, Some(1)), [2, 1]);
        // Dropping on its own header moves it to the end.
        apply(
            &mut b,
            DragPayload::Quote(QuoteId(2)),
            DropTarget::Item(ItemId(1)),
        );
        assert_eq!(ids(&b, Some(1)), [1, 2]);
        assert!(drop_command(
            &b,
            DragPayload::Quote(QuoteId(2)),
            DropTarget::Item(ItemId(1))
        )
        .is_none());
        assert!(drop_command(
            &b,
            DragPayload::Quote(QuoteId(1)),
            DropTarget::BeforeQuote(QuoteId(1))
        )
        .is_none());
    }

    #[test]
    fn quote_to_and_from_unfiled_tray() {
        let mut b = briefing();
        apply(&mut b, DragPayload::Quote(QuoteId(3)), DropTarget::Unfiled);
        assert_eq!(ids(&b, None), [4, 3]);
        assert!(ids(&b, Some(2)).is_empty());
        apply(
            &mut b,
            DragPayload::Quote(QuoteId(4)),
            DropTarget::Item(ItemId(3)),
        );
        assert_eq!(ids(&b, Some(3)), [4]);
        assert_eq!(ids(&b, None), [3]);
    }

    #[test]
    fn items_reorder() {
        let mut b = briefing();
        let order = |b: &Briefing| b.agenda.iter().map(|i| i.id.0).collect::<Vec<_>>();
        apply(
            &mut b,
            DragPayload::Item(ItemId(3)),
            DropTarget::Item(ItemId(1)),
        );
        assert_eq!(order(&b), [3, 1, 2]);
        apply(&mut b, DragPayload::Item(ItemId(3)), DropTarget::AgendaEnd);
        assert_eq!(order(&b), [1, 2, 3]);
        apply(
            &mut b,
            DragPayload::Item(ItemId(1)),
            DropTarget::Item(ItemId(3)),
        );
        assert_eq!(order(&b), [2, 1, 3]);
        assert!(drop_command(
            &b,
            DragPayload::Item(ItemId(1)),
            DropTarget::Item(ItemId(3))
        )
        .is_none());
        assert!(drop_command(&b, DragPayload::Item(ItemId(1)), DropTarget::Unfiled).is_none());
    }

    #[test]
    fn new_quote_slots() {
        let b = briefing();
        assert_eq!(
            slot_for_new_quote(&b, DropTarget::Item(ItemId(1))),
            Some(Slot {
                item: Some(ItemId(1)),
                index: 2
            })
        );
        assert_eq!(
            slot_for_new_quote(&b, DropTarget::BeforeQuote(QuoteId(3))),
            Some(Slot {
                item: Some(ItemId(2)),
                index: 0
            })
        );
        assert_eq!(slot_for_new_quote(&b, DropTarget::Item(ItemId(99))), None);
    }
}
