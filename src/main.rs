fn main() {
    let file = std::env::args_os().nth(1).map(std::path::PathBuf::from);
    if let Err(e) = briefing::app::run(file) {
        eprintln!("briefing: {e}");
        std::process::exit(1);
    }
}
