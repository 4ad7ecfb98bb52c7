//! The open briefing: the model, where it lives on disk, its undo history, whether it has
//! unsaved changes, and its recovery file. Every change goes through `Document::run`.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant, SystemTime};

use crate::briefing_file::{self, FileError};
use crate::model::{Briefing, Command, CommandError, Field, History, ItemId, QuoteId};

/// What a run of typing edits; consecutive edits of the same thing become one undo step.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EditKey {
    /// A cover field.
    Field(Field),
    /// An agenda item's title.
    ItemTitle(ItemId),
    /// An agenda item's notes.
    ItemNotes(ItemId),
    /// A quote's speaker or note.
    Quote(QuoteId),
}

/// How long a pause in typing ends one undo step.
const COALESCE_WINDOW: Duration = Duration::from_secs(2);

/// The open briefing. Invariant: `dirty()` is true exactly when the briefing differs from what
/// was last loaded or saved.
pub struct Document {
    briefing: Briefing,
    /// The file it was loaded from or last saved to; `None` for an untitled briefing.
    pub path: Option<PathBuf>,
    history: History,
    saved: Option<Briefing>,
    dirty: bool,
    last_edit: Option<(EditKey, Instant)>,
    /// Bumped on every change, so views can notice changes cheaply.
    pub revision: u64,
    /// When the briefing last changed (for autosave).
    pub changed_at: Option<Instant>,
    /// Different for every document made in this process: with `revision`, it names one state
    /// of one briefing (a new document starts again at revision 0).
    serial: u64,
}

/// The next [`Document::serial`].
fn next_serial() -> u64 {
    static NEXT: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);
    NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed)
}

impl Document {
    /// A document for `briefing`, saved at `path` (or untitled), with no unsaved changes when
    /// it has a path, and counted as unsaved when it is an untitled copy with content.
    pub fn new(briefing: Briefing, path: Option<PathBuf>) -> Document {
        let saved = path.as_ref().map(|_| briefing.clone());
        let mut doc = Document {
            briefing,
            path,
            history: History::default(),
            saved,
            dirty: false,
            last_edit: None,
            revision: 0,
            changed_at: None,
            serial: next_serial(),
        };
        doc.dirty = doc.saved.is_some() && doc.saved.as_ref() != Some(&doc.briefing);
        doc
    }

    /// A document restored from the recovery file: it belongs to `path` (if any) and counts
    /// as unsaved unless it equals what is on disk.
    pub fn recovered(briefing: Briefing, path: Option<PathBuf>) -> Document {
        let saved = path.as_deref().and_then(|p| briefing_file::load(p).ok());
        let dirty = saved.as_ref() != Some(&briefing);
        Document {
            briefing,
            path,
            history: History::default(),
            saved,
            dirty,
            last_edit: None,
            revision: 1,
            changed_at: None,
            serial: next_serial(),
        }
    }

    /// This document's serial number in the process (see `revision`).
    pub fn serial(&self) -> u64 {
        self.serial
    }

    /// The briefing, read-only: change it with `run`.
    pub fn briefing(&self) -> &Briefing {
        &self.briefing
    }

    /// Whether there are changes not saved to `path`.
    pub fn dirty(&self) -> bool {
        self.dirty
    }

    /// The name shown in the title bar.
    pub fn display_name(&self) -> String {
        match &self.path {
            Some(p) => p.file_name().map_or_else(
                || p.display().to_string(),
                |n| n.to_string_lossy().into_owned(),
            ),
            None => "Untitled".to_owned(),
        }
    }

    /// Apply one change as one undo step.
    pub fn run(&mut self, command: Command) -> Result<(), CommandError> {
        self.history.run(&mut self.briefing, command)?;
        self.last_edit = None;
        self.changed();
        Ok(())
    }

    /// Apply a typing edit; edits of the same `key` within a short pause merge into one undo
    /// step (the earlier step is undone and the new value applied over the original).
    pub fn run_typing(&mut self, key: EditKey, command: Command) -> Result<(), CommandError> {
        let now = Instant::now();
        let merge = matches!(self.last_edit, Some((k, t)) if k == key && now.duration_since(t) < COALESCE_WINDOW);
        if merge && self.history.undo(&mut self.briefing) {
            if let Err(e) = self.history.run(&mut self.briefing, command) {
                // Put the previous value back so nothing typed is lost.
                self.history.redo(&mut self.briefing);
                return Err(e);
            }
        } else {
            self.history.run(&mut self.briefing, command)?;
        }
        self.last_edit = Some((key, now));
        self.changed();
        Ok(())
    }

    /// Undo the last step; `false` when there is nothing to undo.
    pub fn undo(&mut self) -> bool {
        let done = self.history.undo(&mut self.briefing);
        if done {
            self.last_edit = None;
            self.changed();
        }
        done
    }

    /// Redo the last undone step; `false` when there is nothing to redo.
    pub fn redo(&mut self) -> bool {
        let done = self.history.redo(&mut self.briefing);
        if done {
            self.last_edit = None;
            self.changed();
        }
        done
    }

    /// Whether Undo would do something.
    pub fn can_undo(&self) -> bool {
        self.history.can_undo()
    }

    /// Whether Redo would do something.
    pub fn can_redo(&self) -> bool {
        self.history.can_redo()
    }

    /// What Undo would undo ("add quote").
    pub fn undo_label(&self) -> Option<&'static str> {
        self.history.undo_label()
    }

    /// The label of what Redo would redo.
    pub fn redo_label(&self) -> Option<&'static str> {
        self.history.redo_label()
    }

    fn changed(&mut self) {
        self.revision += 1;
        self.changed_at = Some(Instant::now());
        self.dirty = self.saved.as_ref() != Some(&self.briefing);
    }

    /// Save to `path` (atomically, keeping a .bak) and make it the document's file.
    pub fn save_to(&mut self, path: &Path) -> Result<(), FileError> {
        briefing_file::save(path, &self.briefing)?;
        self.path = Some(path.to_path_buf());
        self.saved = Some(self.briefing.clone());
        self.dirty = false;
        self.last_edit = None;
        Ok(())
    }

    /// Open the briefing at `path`; on error nothing is changed.
    pub fn open(path: &Path) -> Result<Document, FileError> {
        let briefing = briefing_file::load(path)?;
        Ok(Document::new(briefing, Some(path.to_path_buf())))
    }
}

/// Where unsaved work is kept between autosaves: the briefing as RON, and next to it the
/// path of the file it belongs to (if any).
#[derive(Clone, Debug)]
pub struct Recovery {
    /// The recovery file.
    pub file: PathBuf,
}

/// Why unsaved work could not be written to the recovery file.
#[derive(Debug, thiserror::Error)]
pub enum RecoveryError {
    /// The recovery file's folder could not be made.
    #[error("{}: could not create the folder ({source})", .folder.display())]
    Folder {
        /// The folder.
        folder: PathBuf,
        /// The system's reason.
        source: std::io::Error,
    },
    /// The briefing could not be written as RON.
    #[error("could not write the recovery file ({0})")]
    Serialize(#[from] ron::Error),
    /// The recovery file could not be written.
    #[error(transparent)]
    Write(#[from] FileError),
}

/// What a recovery file offers on start.
#[derive(Clone, Debug)]
pub struct RecoveredWork {
    /// The recovered briefing.
    pub briefing: Briefing,
    /// The file it belonged to, if it had one.
    pub original: Option<PathBuf>,
    /// When it was written.
    pub written: SystemTime,
}

impl Recovery {
    /// The default recovery file: `$XDG_STATE_HOME/briefing/recovery.ron`, else
    /// `~/.local/state/briefing/recovery.ron`; `None` when neither can be known.
    pub fn default_location() -> Option<Recovery> {
        let base = std::env::var_os("XDG_STATE_HOME")
            .filter(|s| !s.is_empty())
            .map(PathBuf::from)
            .or_else(|| {
                std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".local").join("state"))
            })?;
        Some(Recovery {
            file: base.join("briefing").join("recovery.ron"),
        })
    }

    fn meta_file(&self) -> PathBuf {
        self.file.with_extension("path")
    }

    /// Write `briefing`, which belongs to the file `original` (if any), to the recovery file
    /// (atomically).
    pub fn write(&self, briefing: &Briefing, original: Option<&Path>) -> Result<(), RecoveryError> {
        if let Some(dir) = self.file.parent() {
            std::fs::create_dir_all(dir).map_err(|source| RecoveryError::Folder {
                folder: dir.to_owned(),
                source,
            })?;
        }
        let ron = briefing_file::to_ron(briefing)?;
        briefing_file::write_atomically(&self.file, ron.as_bytes(), false)?;
        let meta = original
            .map(|p| p.display().to_string())
            .unwrap_or_default();
        briefing_file::write_atomically(&self.meta_file(), meta.as_bytes(), false)?;
        Ok(())
    }

    /// Remove the recovery file (after a save, or when the user discards it).
    pub fn clear(&self) {
        let _ = std::fs::remove_file(&self.file);
        let _ = std::fs::remove_file(self.meta_file());
    }

    /// The recovered work, if the recovery file exists, loads, and is newer than the last
    /// save of the file it belongs to.
    pub fn find(&self) -> Option<RecoveredWork> {
        let written = std::fs::metadata(&self.file).ok()?.modified().ok()?;
        let briefing = briefing_file::load(&self.file).ok()?;
        let original = std::fs::read_to_string(self.meta_file())
            .ok()
            .map(|s| s.trim().to_owned())
            .filter(|s| !s.is_empty())
            .map(PathBuf::from);
        if let Some(orig) = &original {
            let saved = std::fs::metadata(orig).and_then(|m| m.modified()).ok();
            if saved.is_some_and(|s| s >= written) {
                return None;
            }
            if briefing_file::load(orig).ok().as_ref() == Some(&briefing) {
                return None;
            }
        }
        Some(RecoveredWork {
            briefing,
            original,
            written,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typing_coalesces_into_one_undo_step() {
        let mut doc = Document::new(Briefing::new("A"), None);
        for t in ["AB", "ABC", "ABCD"] {
            let cmd = Command::SetField(Field::Title, Some(t.to_owned()));
            doc.run_typing(EditKey::Field(Field::Title), cmd).unwrap();
        }
        assert_eq!(doc.briefing().title, "ABCD");
        assert!(doc.undo());
        assert_eq!(doc.briefing().title, "A");
        assert!(!doc.can_undo());
        assert!(doc.redo());
        assert_eq!(doc.briefing().title, "ABCD");
    }

    #[test]
    fn dirty_follows_saved_state_through_undo() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("b.ron");
        let mut doc = Document::new(Briefing::new("A"), None);
        doc.save_to(&path).unwrap();
        assert!(!doc.dirty());
        doc.run(Command::SetField(Field::Title, Some("B".into())))
            .unwrap();
        assert!(doc.dirty());
        doc.undo();
        assert!(!doc.dirty());
    }

    #[test]
    fn recovery_round_trip_and_staleness() {
        let dir = tempfile::tempdir().unwrap();
        let rec = Recovery {
            file: dir.path().join("state").join("recovery.ron"),
        };
        assert!(rec.find().is_none());
        let mut doc = Document::new(Briefing::new("Draft"), None);
        doc.run(Command::SetField(Field::Subtitle, Some("x".into())))
            .unwrap();
        rec.write(doc.briefing(), None).unwrap();
        let found = rec.find().unwrap();
        assert_eq!(&found.briefing, doc.briefing());
        assert!(found.original.is_none());
        rec.clear();
        assert!(rec.find().is_none());
    }
}
