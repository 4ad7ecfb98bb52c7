//! The RON briefing file: deterministic text, checked on load, saved atomically with a `.bak`.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::model::{Briefing, FORMAT_VERSION};

/// Why a briefing file could not be read or written. Each message names the file.
#[derive(Debug, thiserror::Error)]
pub enum FileError {
    /// The file system refused.
    #[error("{path}: {what}: {source}")]
    Io {
        /// The file.
        path: PathBuf,
        /// What was being done.
        what: &'static str,
        /// The system's reason.
        source: std::io::Error,
    },
    /// The file is not valid RON for a briefing.
    #[error("{path}:{line}:{col}: {message}")]
    Syntax {
        /// The file.
        path: PathBuf,
        /// 1-based line.
        line: usize,
        /// 1-based column.
        col: usize,
        /// What RON found wrong.
        message: String,
    },
    /// Written by a newer version of the app.
    #[error("{path}: written by a newer version of briefing (format {found}; this build reads up to {supported}); update the app to open it")]
    NewerVersion {
        /// The file.
        path: PathBuf,
        /// The file's format version.
        found: u32,
        /// The newest version this build reads.
        supported: u32,
    },
    /// Parsed, but breaks the model's invariants.
    #[error("{path}: {}", problems.join("; "))]
    Invalid {
        /// The file.
        path: PathBuf,
        /// Each problem found.
        problems: Vec<String>,
    },
}

/// The RON text of a briefing. The same briefing always gives the same bytes.
pub fn to_ron(briefing: &Briefing) -> Result<String, ron::Error> {
    let config = ron::ser::PrettyConfig::new()
        .indentor("  ")
        .struct_names(true)
        .escape_strings(false)
        .new_line("\n");
    // Written with the lowest version its content needs.
    let mut text = if briefing.format_version == briefing.needed_version() {
        ron::ser::to_string_pretty(briefing, config)?
    } else {
        let mut b = briefing.clone();
        b.format_version = b.needed_version();
        ron::ser::to_string_pretty(&b, config)?
    };
    text.push('\n');
    Ok(text)
}

/// Parse and check a briefing from RON text; `path` only names the source in errors.
pub fn from_ron(text: &str, path: &Path) -> Result<Briefing, FileError> {
    // Written with LF only; a file whose every line ends in CRLF had its line ends changed
    // (an editor, a mail client, git on Windows): read it as written.
    let unix;
    let text =
        if text.contains("\r\n") && text.matches('\n').count() == text.matches("\r\n").count() {
            unix = text.replace("\r\n", "\n");
            unix.as_str()
        } else {
            text
        };
    #[derive(Deserialize)]
    #[serde(rename = "Briefing")]
    struct VersionOnly {
        format_version: u32,
    }
    let syntax = |e: ron::error::SpannedError| {
        let mut message = e.code.to_string();
        if matches!(e.code, ron::Error::Eof | ron::Error::ExpectedStringEnd)
            || ends_early(text, e.span.end)
        {
            message.push_str(" (the file ends too early: it may be truncated)");
        }
        FileError::Syntax {
            path: path.to_owned(),
            line: e.span.start.line,
            col: e.span.start.col,
            message,
        }
    };
    let newer = |found: u32| {
        (found > FORMAT_VERSION).then(|| FileError::NewerVersion {
            path: path.to_owned(),
            found,
            supported: FORMAT_VERSION,
        })
    };
    // A newer file says so instead of failing on a new field. The version is looked at on its
    // own only when the whole file does not parse: that reading goes through the whole text
    // too, as long again as the real parse.
    let briefing: Briefing = match ron::from_str(text) {
        Ok(briefing) => briefing,
        Err(e) => {
            if let Ok(v) = ron::from_str::<VersionOnly>(text) {
                if let Some(err) = newer(v.format_version) {
                    return Err(err);
                }
            }
            return Err(syntax(e));
        }
    };
    if let Some(err) = newer(briefing.format_version) {
        return Err(err);
    }
    let mut briefing = briefing;
    briefing.format_version = briefing.needed_version();
    let problems = briefing.problems();
    if !problems.is_empty() {
        return Err(FileError::Invalid {
            path: path.to_owned(),
            problems: problems.into_iter().map(|p| p.0).collect(),
        });
    }
    Ok(briefing)
}

/// Whether a RON error position is at the very end of the text.
fn ends_early(text: &str, at: ron::error::Position) -> bool {
    let lines = text.split('\n').count();
    let last = text.rsplit('\n').next().unwrap_or("");
    at.line >= lines && at.col > last.chars().count()
}

/// Load and check a briefing file.
pub fn load(path: &Path) -> Result<Briefing, FileError> {
    let bytes = fs::read(path).map_err(|source| FileError::Io {
        path: path.to_owned(),
        what: "cannot read",
        source,
    })?;
    let text = String::from_utf8(bytes).map_err(|e| {
        let bytes = e.as_bytes();
        let at = e.utf8_error().valid_up_to();
        let before = String::from_utf8_lossy(&bytes[..at]);
        let line = before.matches('\n').count() + 1;
        let col = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
        let message = if e.utf8_error().error_len().is_none() {
            // An incomplete character at the very end.
            "the file ends in the middle of a character: it may be truncated".to_owned()
        } else {
            format!("not a briefing file: not UTF-8 text (invalid byte at offset {at})")
        };
        FileError::Syntax {
            path: path.to_owned(),
            line,
            col,
            message,
        }
    })?;
    from_ron(&text, path)
}

/// The backup kept beside a briefing: `NAME.ron.bak`.
pub fn backup_path(path: &Path) -> PathBuf {
    let mut name = path.file_name().unwrap_or_default().to_os_string();
    name.push(".bak");
    path.with_file_name(name)
}

/// Save atomically: write a temporary file in the same folder, sync it, keep the old file as
/// `NAME.ron.bak`, then rename the new one over it. An interrupted save leaves the old file whole.
pub fn save(path: &Path, briefing: &Briefing) -> Result<(), FileError> {
    let text = to_ron(briefing).map_err(|e| FileError::Io {
        path: path.to_owned(),
        what: "cannot write the briefing as RON",
        source: std::io::Error::other(e.to_string()),
    })?;
    write_atomically(path, text.as_bytes(), true)
}

/// Write `bytes` to `path` through a synced temporary file and a rename; with `keep_backup`,
/// the previous file becomes `NAME.bak` (itself replaced atomically).
pub fn write_atomically(path: &Path, bytes: &[u8], keep_backup: bool) -> Result<(), FileError> {
    let io = |what: &'static str, p: &Path| {
        let p = p.to_owned();
        move |source| FileError::Io {
            path: p,
            what,
            source,
        }
    };
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_owned(),
        _ => PathBuf::from("."),
    };
    let name = path.file_name().ok_or_else(|| FileError::Io {
        path: path.to_owned(),
        what: "not a file name",
        source: std::io::Error::from(std::io::ErrorKind::InvalidInput),
    })?;
    let mut tmp_name = std::ffi::OsString::from(".");
    tmp_name.push(name);
    tmp_name.push(".tmp");
    remove_stale_temporaries(&dir, &tmp_name);
    tmp_name.push(std::process::id().to_string());
    let tmp = dir.join(tmp_name);
    let result = (|| {
        // Errors name what the user chose (the folder, the file), never the temporary file.
        let mut file =
            fs::File::create(&tmp).map_err(io("cannot create a file in the folder", &dir))?;
        file.write_all(bytes).map_err(io("cannot write", path))?;
        file.sync_all().map_err(io("cannot flush to disk", path))?;
        drop(file);
        if keep_backup && path.exists() {
            keep_previous(path)?;
        }
        fs::rename(&tmp, path).map_err(io("cannot replace", path))?;
        sync_dir(&dir);
        Ok(())
    })();
    if result.is_err() {
        let _ = fs::remove_file(&tmp);
    }
    result
}

/// Remove temporary files `PREFIXpid` left in `dir` by a save that was killed: those whose
/// process no longer runs. Only where that can be known (Linux `/proc`); best effort.
fn remove_stale_temporaries(dir: &Path, prefix: &std::ffi::OsStr) {
    if !Path::new("/proc/self").exists() {
        return;
    }
    let Some(prefix) = prefix.to_str() else {
        return;
    };
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let Some(pid) = name.to_str().and_then(|n| n.strip_prefix(prefix)) else {
            continue;
        };
        let is_pid = !pid.is_empty() && pid.bytes().all(|b| b.is_ascii_digit());
        if is_pid && !Path::new("/proc").join(pid).exists() {
            let _ = fs::remove_file(entry.path());
        }
    }
}

/// Make `NAME.bak` the current file, atomically: a hard link (or a synced copy) under a
/// temporary name, renamed over the old backup.
fn keep_previous(path: &Path) -> Result<(), FileError> {
    let bak = backup_path(path);
    let mut tmp_name = bak.file_name().unwrap_or_default().to_os_string();
    tmp_name.push(format!(".tmp{}", std::process::id()));
    let tmp = bak.with_file_name(tmp_name);
    let _ = fs::remove_file(&tmp);
    if fs::hard_link(path, &tmp).is_err() {
        let copy = (|| {
            fs::copy(path, &tmp)?;
            fs::File::open(&tmp)?.sync_all()
        })();
        copy.map_err(|source| FileError::Io {
            path: bak.clone(),
            what: "cannot keep a backup",
            source,
        })?;
    }
    fs::rename(&tmp, &bak).map_err(|source| FileError::Io {
        path: bak.clone(),
        what: "cannot keep a backup",
        source,
    })
}

fn sync_dir(dir: &Path) {
    // Makes the rename durable on Linux; harmless where directories cannot be opened.
    if let Ok(d) = fs::File::open(dir) {
        let _ = d.sync_all();
    }
}
