//! `briefing`: prepare diplomatic briefings from news articles, most of them Arabic.

pub mod text;
pub mod text_paint;
