//! `briefing`: prepare diplomatic briefings from news articles, most of them Arabic.
//!
//! The rooms, GUI-free first: `model` (the briefing and its commands), `briefing_file` (RON
//! files), `import` (articles from txt/md/html), `suggest` (agenda and speaker suggestions),
//! `text` (shaping and layout), `text_search` (finding quotes), `pdf` (the exporter), `cli`
//! (the scriptable command line). Then `text_paint` and `app`, the desktop GUI.

#[cfg(feature = "gui")]
pub mod app;
pub mod briefing_file;
pub mod cli;
pub mod clock;
pub mod import;
pub mod model;
pub mod pdf;
pub mod suggest;
pub mod text;
#[cfg(feature = "gui")]
pub mod text_paint;
pub mod text_search;
