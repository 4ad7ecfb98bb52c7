//! Article import on a background thread, so reading and decoding a big file never freezes the
//! window; each article comes back over a channel as soon as it is ready, in the order given.

use std::path::PathBuf;
use std::sync::mpsc::{channel, Receiver, TryRecvError};
use std::sync::Arc;

use crate::import::{ImportError, Imported};
use crate::model::ArticleId;

/// Why a source did not become an article.
#[derive(Debug, thiserror::Error)]
pub enum ImportFailure {
    /// The importer refused it.
    #[error(transparent)]
    Import(#[from] ImportError),
    /// The worker thread stopped before this source came back.
    #[error("{name}: the import stopped unexpectedly")]
    Stopped {
        /// The source's file name.
        name: String,
    },
    /// An encrypted PDF: the source comes back so it can be imported again with a password.
    #[error("{error}")]
    Locked {
        /// The source, to import again.
        file: Source,
        /// The importer's error (no password, or a wrong one).
        error: ImportError,
    },
}

/// One thing to import.
#[derive(Clone)]
pub enum Source {
    /// A file on disk.
    File(PathBuf),
    /// Bytes dropped on the window, with the file name they came under.
    Bytes(String, Arc<[u8]>),
    /// An encrypted PDF with the password the person gave for it.
    Unlocked(Box<Source>, String),
}

impl std::fmt::Debug for Source {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // Never the password, never the bytes.
        write!(f, "Source({})", self.name())
    }
}

impl Source {
    /// The source's file name, as the status bar names it.
    pub fn name(&self) -> String {
        match self {
            Source::File(p) => p.file_name().map_or_else(
                || p.display().to_string(),
                |n| n.to_string_lossy().into_owned(),
            ),
            Source::Bytes(name, _) => name.clone(),
            Source::Unlocked(inner, _) => inner.name(),
        }
    }

    fn import(&self, id: ArticleId, password: &str) -> Result<Imported, ImportError> {
        match self {
            Source::File(p) => crate::import::import_file_with_password(p, id, password),
            Source::Bytes(name, bytes) => {
                crate::import::import_bytes_with_password(bytes, name, id, password)
            }
            Source::Unlocked(inner, password) => inner.import(id, password),
        }
    }
}

/// A running import of one or more sources.
pub struct ImportJob {
    rx: Receiver<Result<Imported, ImportFailure>>,
    names: Vec<String>,
    /// How many sources have come back.
    done: usize,
}

impl ImportJob {
    /// Start importing `sources`; `wake` is called after each one.
    pub fn start(sources: Vec<Source>, wake: impl Fn() + Send + 'static) -> ImportJob {
        let names = sources.iter().map(Source::name).collect();
        let (tx, rx) = channel();
        std::thread::spawn(move || {
            for source in sources {
                // The real id is given when the article joins the briefing.
                let id = ArticleId(0);
                let result = source.import(id, "").map_err(|error| match error {
                    ImportError::PdfNeedsPassword { .. } | ImportError::PdfWrongPassword { .. } => {
                        ImportFailure::Locked {
                            file: source.clone(),
                            error,
                        }
                    }
                    error => ImportFailure::Import(error),
                });
                if tx.send(result).is_err() {
                    return;
                }
                wake();
            }
        });
        ImportJob { rx, names, done: 0 }
    }

    /// What came back since the last call (each article with its import notes, such as "no
    /// article found, the page's visible text was taken"); `None` once everything has.
    pub fn poll(&mut self) -> Option<Vec<Result<Imported, ImportFailure>>> {
        let mut out = Vec::new();
        loop {
            match self.rx.try_recv() {
                Ok(r) => {
                    self.done += 1;
                    out.push(r);
                }
                Err(TryRecvError::Empty) => return Some(out),
                Err(TryRecvError::Disconnected) => {
                    if self.done < self.names.len() {
                        let name = &self.names[self.done];
                        out.push(Err(ImportFailure::Stopped { name: name.clone() }));
                        self.done = self.names.len();
                    }
                    return if out.is_empty() { None } else { Some(out) };
                }
            }
        }
    }

    /// The name of the source being imported now, and (1-based) which of how many it is.
    pub fn current(&self) -> Option<(&str, usize, usize)> {
        let n = self.names.len();
        self.names
            .get(self.done)
            .map(|name| (name.as_str(), self.done + 1, n))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_refused_source_comes_back_with_the_importer_s_error() {
        let bytes: Arc<[u8]> = Arc::from(&b"\x89PNG\0\0\0\x0d\xff\xfe"[..]);
        let mut job = ImportJob::start(vec![Source::Bytes("photo.txt".into(), bytes)], || {});
        let mut results = Vec::new();
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(30);
        while let Some(batch) = job.poll() {
            results.extend(batch);
            assert!(
                std::time::Instant::now() < deadline,
                "the import did not finish"
            );
            std::thread::sleep(std::time::Duration::from_millis(5));
        }
        match results.as_slice() {
            [Err(e @ ImportFailure::Import(_))] => {
                assert!(e.to_string().contains("photo.txt"), "{e}")
            }
            other => panic!("expected the importer's error, got {other:?}"),
        }
    }
}
