//! Autosave off the UI thread: the recovery file is written (and fsynced) by a worker, so a
//! slow or network disk never stalls a frame. Jobs are handled in the order they are sent;
//! when several are waiting only the newest is carried out, because it supersedes the rest.

use std::path::PathBuf;
use std::sync::mpsc::{channel, Receiver, Sender};
use std::thread::JoinHandle;

use super::document::{Recovery, RecoveryError};
use crate::model::Briefing;

enum Job {
    /// Write this briefing, which belongs to `original`; `tag` comes back with the outcome.
    Write {
        briefing: Box<Briefing>,
        original: Option<PathBuf>,
        tag: Tag,
    },
    /// Remove the recovery file (the work was saved or discarded).
    Clear,
}

/// What the app tags a write with: (document generation, revision).
pub type Tag = (u64, u64);

/// What became of a write.
#[derive(Debug)]
pub enum Outcome {
    /// The recovery file holds the write with this tag.
    Written(Tag),
    /// The write with this tag failed, and why (the app shows it).
    Failed(Tag, RecoveryError),
}

/// The worker that keeps the recovery file.
pub struct Autosaver {
    jobs: Option<Sender<Job>>,
    outcomes: Receiver<Outcome>,
    worker: Option<JoinHandle<()>>,
}

impl Autosaver {
    /// Start a worker writing to `recovery`; `wake` is called after each write, so the UI can
    /// show the outcome.
    pub fn start(recovery: Recovery, wake: impl Fn() + Send + 'static) -> Autosaver {
        let (jobs, rx) = channel::<Job>();
        let (done, outcomes) = channel();
        let worker = std::thread::Builder::new()
            .name("autosave".to_owned())
            .spawn(move || {
                while let Ok(mut job) = rx.recv() {
                    // Only the newest job matters, but a clear passed over still happens first
                    // (a failed write after it must not leave the old work behind).
                    let mut cleared = false;
                    while let Ok(newer) = rx.try_recv() {
                        cleared |= matches!(job, Job::Clear);
                        job = newer;
                    }
                    if cleared && !matches!(job, Job::Clear) {
                        recovery.clear();
                    }
                    match job {
                        Job::Write {
                            briefing,
                            original,
                            tag,
                        } => {
                            let outcome = match recovery.write(&briefing, original.as_deref()) {
                                Ok(()) => Outcome::Written(tag),
                                Err(e) => Outcome::Failed(tag, e),
                            };
                            if done.send(outcome).is_err() {
                                return;
                            }
                            wake();
                        }
                        Job::Clear => recovery.clear(),
                    }
                }
            })
            .ok();
        Autosaver {
            jobs: worker.as_ref().map(|_| jobs),
            outcomes,
            worker,
        }
    }

    /// Queue a write of `briefing` (belonging to `original`), tagged `tag` for its outcome.
    /// Returns `false` when the worker is gone (it could not start).
    pub fn write(&self, briefing: Briefing, original: Option<PathBuf>, tag: Tag) -> bool {
        self.send(Job::Write {
            briefing: Box::new(briefing),
            original,
            tag,
        })
    }

    /// Queue the removal of the recovery file, after any write queued before it.
    pub fn clear(&self) -> bool {
        self.send(Job::Clear)
    }

    fn send(&self, job: Job) -> bool {
        self.jobs.as_ref().is_some_and(|tx| tx.send(job).is_ok())
    }

    /// The outcomes of writes finished since the last call.
    pub fn finished(&self) -> Vec<Outcome> {
        self.outcomes.try_iter().collect()
    }

    /// Carry out every queued job and stop the worker.
    pub fn finish(&mut self) {
        self.jobs = None;
        if let Some(worker) = self.worker.take() {
            let _ = worker.join();
        }
    }
}

impl Drop for Autosaver {
    fn drop(&mut self) {
        self.finish();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::briefing_file;

    fn recovery(dir: &std::path::Path) -> Recovery {
        Recovery {
            file: dir.join("state").join("recovery.ron"),
        }
    }

    #[test]
    fn the_newest_write_lands_and_a_later_clear_removes_it() {
        let dir = tempfile::tempdir().unwrap();
        let rec = recovery(dir.path());
        let mut saver = Autosaver::start(rec.clone(), || {});
        for i in 1..=20 {
            assert!(saver.write(Briefing::new(format!("Draft {i}")), None, (0, i)));
        }
        saver.finish();
        let written = briefing_file::load(&rec.file).unwrap();
        assert_eq!(written.title, "Draft 20");
        let outcomes = saver.finished();
        assert!(
            matches!(outcomes.last(), Some(Outcome::Written((0, 20)))),
            "{outcomes:?}"
        );
        assert!(outcomes
            .iter()
            .all(|o| matches!(o, Outcome::Written((0, r)) if *r <= 20)));

        let mut saver = Autosaver::start(rec.clone(), || {});
        saver.write(
            Briefing::new("Again"),
            Some(dir.path().join("a.ron")),
            (0, 21),
        );
        saver.clear();
        saver.finish();
        assert!(!rec.file.exists());
        assert!(rec.find().is_none());
    }

    #[test]
    fn a_failed_write_is_reported() {
        let dir = tempfile::tempdir().unwrap();
        // The recovery folder would have to be inside a file.
        let blocker = dir.path().join("state");
        std::fs::write(&blocker, b"not a folder").unwrap();
        let mut saver = Autosaver::start(recovery(dir.path()), || {});
        saver.write(Briefing::new("Draft"), None, (0, 7));
        saver.finish();
        match saver.finished().as_slice() {
            [Outcome::Failed((0, 7), error @ RecoveryError::Folder { .. })] => {
                assert!(error.to_string().contains("state"), "{error}")
            }
            other => panic!("expected one failure, got {other:?}"),
        }
    }
}
