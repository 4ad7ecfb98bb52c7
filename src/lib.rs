//! `briefing`: prepare diplomatic briefings from news articles, most of them Arabic.
//!
//! The rooms, GUI-free first: `model` (the briefing and its undoable commands),
//! `briefing_file` (RON files, atomic saves), `import` (articles from txt/md/html), `suggest`
//! (agenda and speaker suggestions), `find` (search as Arabic readers mean it: folded
//! harakat, hamza, digits, presentation forms), `text_search` (finding quotes), `text` (bidi, shaping, line
//! breaking and hit-testing: one engine for screen and paper), `pages` (the briefing laid out as
//! pages, which the exporter and the preview both draw), `pdf` (the exporter), `cli` (the
//! scriptable command line). Then the GUI: `text_paint` (painting layouts in egui) and `app`.

#[cfg(feature = "gui")]
pub mod app;
pub mod briefing_file;
pub mod cli;
pub mod clock;
pub mod editing;
pub mod find;
pub mod import;
pub mod model;
pub mod pages;
pub mod pdf;
pub mod suggest;
pub mod text;
#[cfg(feature = "gui")]
pub mod text_paint;
pub mod text_search;
#[cfg(feature = "gui")]
pub mod widgets;
