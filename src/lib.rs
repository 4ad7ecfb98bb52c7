//! `briefing`: prepare diplomatic briefings from news articles, most of them Arabic.
//!
//! The rooms, GUI-free first: `model` (the briefing and its commands), `briefing_file` (RON
//! files), `import` (articles from txt/md/html), `suggest` (agenda and speaker suggestions),
//! `text_search` (finding quotes), `cli` (the scriptable command line). Then `app`, the
//! desktop GUI.

pub mod app;
pub mod briefing_file;
pub mod cli;
pub mod clock;
pub mod import;
pub mod model;
pub mod suggest;
pub mod text;
pub mod text_paint;
pub mod text_search;
