//! PDF export on a background thread, so the window stays responsive; progress and the result
//! come back over a channel.

use std::path::PathBuf;
use std::sync::mpsc::{channel, Receiver, TryRecvError};

use crate::model::Briefing;
use crate::pdf::{ExportError, ExportOptions};

enum Message {
    Progress(f32),
    Done(Result<(), ExportError>),
}

/// Why an export did not write its PDF.
#[derive(Debug, thiserror::Error)]
pub enum ExportFailure {
    /// The exporter refused or failed.
    #[error(transparent)]
    Export(#[from] ExportError),
    /// The worker thread stopped before it said how the export ended.
    #[error("the PDF export stopped unexpectedly")]
    Stopped,
}

/// A running export.
pub struct ExportJob {
    rx: Receiver<Message>,
    /// Where the PDF goes.
    pub path: PathBuf,
    /// 0..=1.
    pub progress: f32,
}

/// How an export ended.
pub enum ExportOutcome {
    /// Still running.
    Running,
    /// Written.
    Done(PathBuf),
    /// Failed, and why (the app shows it).
    Failed(ExportFailure),
}

impl ExportJob {
    /// Start exporting a copy of `briefing` to `path` on a worker thread.
    pub fn start(
        briefing: Briefing,
        path: PathBuf,
        options: ExportOptions,
        ctx: egui::Context,
    ) -> ExportJob {
        let (tx, rx) = channel();
        let target = path.clone();
        std::thread::spawn(move || {
            let progress_tx = tx.clone();
            let repaint = ctx.clone();
            let mut progress = move |p: f32| {
                let _ = progress_tx.send(Message::Progress(p));
                repaint.request_repaint();
            };
            let result = crate::pdf::export_to_file(&briefing, &target, &options, &mut progress);
            let _ = tx.send(Message::Done(result));
            ctx.request_repaint();
        });
        ExportJob {
            rx,
            path,
            progress: 0.0,
        }
    }

    /// Take what the thread sent since the last frame.
    pub fn poll(&mut self) -> ExportOutcome {
        loop {
            match self.rx.try_recv() {
                Ok(Message::Progress(p)) => self.progress = p.clamp(0.0, 1.0),
                Ok(Message::Done(Ok(()))) => return ExportOutcome::Done(self.path.clone()),
                Ok(Message::Done(Err(e))) => return ExportOutcome::Failed(e.into()),
                Err(TryRecvError::Empty) => return ExportOutcome::Running,
                Err(TryRecvError::Disconnected) => {
                    return ExportOutcome::Failed(ExportFailure::Stopped)
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_failed_export_comes_back_with_the_exporter_s_error() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("no-such-folder").join("out.pdf");
        let briefing = crate::model::Briefing::new("t");
        let mut job = ExportJob::start(
            briefing,
            path,
            ExportOptions::default(),
            egui::Context::default(),
        );
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(30);
        loop {
            match job.poll() {
                ExportOutcome::Running => {
                    assert!(
                        std::time::Instant::now() < deadline,
                        "the export did not end"
                    );
                    std::thread::sleep(std::time::Duration::from_millis(5));
                }
                ExportOutcome::Failed(ExportFailure::Export(ExportError::NoFolder {
                    folder,
                    ..
                })) => {
                    assert!(folder.ends_with("no-such-folder"), "{}", folder.display());
                    return;
                }
                ExportOutcome::Failed(e) => panic!("expected no folder, got {e}"),
                ExportOutcome::Done(p) => panic!("exported to {}", p.display()),
            }
        }
    }
}
