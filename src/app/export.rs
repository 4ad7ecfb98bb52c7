//! PDF export on a background thread, so the window stays responsive; progress and the result
//! come back over a channel.

use std::path::PathBuf;
use std::sync::mpsc::{channel, Receiver, TryRecvError};

use crate::model::Briefing;
use crate::pdf::ExportOptions;

enum Message {
    Progress(f32),
    Done(Result<(), String>),
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
    /// Failed, with the message to show.
    Failed(String),
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
            let result = crate::pdf::export_to_file(&briefing, &target, &options, &mut progress)
                .map_err(|e| e.to_string());
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
                Ok(Message::Done(Err(e))) => return ExportOutcome::Failed(e),
                Err(TryRecvError::Empty) => return ExportOutcome::Running,
                Err(TryRecvError::Disconnected) => {
                    return ExportOutcome::Failed("the PDF export stopped unexpectedly".to_owned())
                }
            }
        }
    }
}
