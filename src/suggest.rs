//! Suggestions while building a briefing: agenda items from an article's headings and list
//! items, and who said a quote.
