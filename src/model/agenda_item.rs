use serde::{Deserialize, Serialize};

use super::{ItemId, Quote};

/// One item of the briefing's agenda, with the quotes filed under it in reading order.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AgendaItem {
    /// Stable id, unique within the briefing.
    pub id: ItemId,
    /// The heading printed for it.
    pub title: String,
    /// The staffer's notes, printed under the heading.
    pub notes: Option<String>,
    /// Its quotes, in order. Each quote of the briefing is filed exactly once.
    pub quotes: Vec<Quote>,
}
