//! What the app remembers between runs (eframe persistence): recent files, zoom, theme,
//! language, paper size.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::i18n::UiLanguage;
use crate::pdf::Paper;

/// How many recent files the File menu lists.
pub const MAX_RECENT: usize = 8;

/// The reader's zoom range; 1.0 is the default size.
pub const ZOOM_RANGE: std::ops::RangeInclusive<f32> = 0.5..=3.0;

/// The persisted preferences. Unknown or missing fields fall back to defaults, so an old
/// settings blob never stops the app from starting.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Settings {
    /// Most recent first, no duplicates.
    pub recent_files: Vec<PathBuf>,
    /// Reader zoom factor, within `ZOOM_RANGE`.
    pub zoom: f32,
    /// Dark theme.
    pub dark: bool,
    /// Interface language.
    pub language: UiLanguage,
    /// Paper size of PDF exports.
    pub paper: Paper,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            recent_files: Vec::new(),
            zoom: 1.0,
            dark: false,
            language: UiLanguage::English,
            paper: Paper::A4,
        }
    }
}

impl Settings {
    /// The key under which eframe stores the settings.
    pub const STORAGE_KEY: &'static str = "briefing-settings";

    /// Put `path` first in the recent files.
    pub fn remember(&mut self, path: &Path) {
        self.recent_files.retain(|p| p != path);
        self.recent_files.insert(0, path.to_path_buf());
        self.recent_files.truncate(MAX_RECENT);
    }

    /// Set the zoom, clamped to `ZOOM_RANGE`; non-finite values reset it.
    pub fn set_zoom(&mut self, zoom: f32) {
        self.zoom = if zoom.is_finite() {
            zoom.clamp(*ZOOM_RANGE.start(), *ZOOM_RANGE.end())
        } else {
            1.0
        };
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recent_files_are_deduplicated_and_capped() {
        let mut s = Settings::default();
        for i in 0..20 {
            s.remember(Path::new(&format!("/tmp/{}.ron", i % 10)));
        }
        s.remember(Path::new("/tmp/5.ron"));
        assert_eq!(s.recent_files.len(), MAX_RECENT);
        assert_eq!(s.recent_files[0], Path::new("/tmp/5.ron"));
        s.set_zoom(f32::NAN);
        assert_eq!(s.zoom, 1.0);
        s.set_zoom(100.0);
        assert_eq!(s.zoom, 3.0);
    }
}
