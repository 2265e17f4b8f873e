#![allow(clippy::print_stdout, reason = "--help is written to standard output")]

use gebiedsplanner::cli::{self, Command, HELP};

fn main() {
    gebiedsplanner::memory::keep_frame_buffers();
    let args = match cli::parse_args_os(std::env::args_os().skip(1)) {
        Ok(a) => a,
        Err(e) => {
            cli::warn(&format!("{e}\n\n{HELP}"));
            std::process::exit(2);
        }
    };
    let code = match &args.command {
        Command::Help => cli::with_stdout(|out| out.write_all(HELP.as_bytes()).map(|()| 0)),
        Command::Check { scenario } => cli::run_check(&args, scenario.as_deref()),
        Command::Export(e) => cli::run_export(&args, e),
        Command::Propose(p) => cli::propose::run_propose(&args, p),
        Command::New(n) => cli::proposals::run_new(&args, n),
        Command::Merge(m) => cli::proposals::run_merge(&args, m),
        Command::Report(r) => cli::proposals::run_report(&args, r),
        Command::Gui => gebiedsplanner::app::run(args),
    };
    std::process::exit(code);
}
