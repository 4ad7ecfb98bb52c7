//! `briefing`: prepare diplomatic briefings from news articles, most of them Arabic.
//!
//! The rooms, GUI-free first: `model` (the briefing and its commands), `briefing_file` (RON
//! files), `import` (articles from txt/md/html), `suggest` (agenda and speaker suggestions),
//! `text` (shaping and layout), `pdf` (the exporter), `cli` (the scriptable command line).

pub mod briefing_file;
pub mod model;
pub mod pdf;
pub mod text;
pub mod text_paint;
