//! The `briefing` binary: parses arguments and dispatches to the library.

use clap::Parser;

use briefing::cli::{self, Cli};

fn main() -> std::process::ExitCode {
    let args = Cli::parse();
    match args.command {
        Some(command) => match cli::run(command, &mut std::io::stdout()) {
            Ok(()) => std::process::ExitCode::SUCCESS,
            Err(e) => {
                eprintln!("briefing: {e}");
                std::process::ExitCode::FAILURE
            }
        },
        None => match briefing::app::run(args.file) {
            Ok(()) => std::process::ExitCode::SUCCESS,
            Err(e) => {
                eprintln!("briefing: {e}");
                std::process::ExitCode::FAILURE
            }
        },
    }
}
