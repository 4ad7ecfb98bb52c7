//! `briefing`: prepare diplomatic briefings from news articles, most of them Arabic.
//!
//! The rooms, GUI-free first: `model` (the briefing and its commands), `briefing_file` (RON
//! files), `import` (articles from txt/md/html), `suggest` (agenda and speaker suggestions),
//! `cli` (the scriptable command line).

pub mod briefing_file;
pub mod import;
pub mod model;
pub mod suggest;
