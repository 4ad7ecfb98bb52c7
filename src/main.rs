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
        #[cfg(feature = "gui")]
        None => match briefing::app::run(args.file) {
            Ok(()) => std::process::ExitCode::SUCCESS,
            Err(e) => {
                eprintln!("briefing: {e}");
                std::process::ExitCode::FAILURE
            }
        },
        #[cfg(not(feature = "gui"))]
        None => {
            let _ = args.file;
            eprintln!("briefing: this build has no desktop app (feature `gui`); use a subcommand (see --help)");
            std::process::ExitCode::FAILURE
        }
    }
}
