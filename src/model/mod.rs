//! The briefing's data: articles, quotes picked from them, and the agenda they are filed under.
//!
//! Invariant kept by every operation here and checked on load: a quote's `text` equals
//! `article.text[start..end]`, and `start..end` lies on char boundaries.

mod agenda_item;
mod article;
mod briefing;
mod command;
mod direction;
mod ids;
mod quote;

pub use agenda_item::AgendaItem;
pub use article::{Article, Block, BlockKind, PageStart};
pub use briefing::{Briefing, BriefingLanguage, Problem, FORMAT_VERSION};
pub use command::{Command, CommandError, Field, History, Slot};
pub use direction::Direction;
pub use ids::{ArticleId, ItemId, QuoteId};
pub use quote::Quote;
