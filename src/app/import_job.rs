//! Article import on a background thread, so reading and decoding a big file never freezes the
//! window; each article comes back over a channel as soon as it is ready, in the order given.

use std::path::PathBuf;
use std::sync::mpsc::{channel, Receiver, TryRecvError};
use std::sync::Arc;

use crate::model::{Article, ArticleId};

/// One thing to import.
pub enum Source {
    /// A file on disk.
    File(PathBuf),
    /// Bytes dropped on the window, with the file name they came under.
    Bytes(String, Arc<[u8]>),
}

impl Source {
    fn name(&self) -> String {
        match self {
            Source::File(p) => p.file_name().map_or_else(
                || p.display().to_string(),
                |n| n.to_string_lossy().into_owned(),
            ),
            Source::Bytes(name, _) => name.clone(),
        }
    }
}

/// A running import of one or more sources.
pub struct ImportJob {
    rx: Receiver<Result<Article, String>>,
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
                let result = match &source {
                    Source::File(p) => crate::import::import_file(p, id),
                    Source::Bytes(name, bytes) => crate::import::import_bytes(bytes, name, id),
                };
                if tx.send(result.map_err(|e| e.to_string())).is_err() {
                    return;
                }
                wake();
            }
        });
        ImportJob { rx, names, done: 0 }
    }

    /// What came back since the last call; `None` once everything has.
    pub fn poll(&mut self) -> Option<Vec<Result<Article, String>>> {
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
                        out.push(Err(format!("{name}: the import stopped unexpectedly")));
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
