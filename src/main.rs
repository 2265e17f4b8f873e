use gebiedsplanner::cli::{self, Command, HELP};

fn main() {
    gebiedsplanner::memory::keep_frame_buffers();
    let args = match cli::parse_args(std::env::args().skip(1)) {
        Ok(a) => a,
        Err(e) => {
            eprintln!("gebiedsplanner: {e}\n\n{HELP}");
            std::process::exit(2);
        }
    };
    let code = match &args.command {
        Command::Help => {
            print!("{HELP}");
            0
        }
        Command::Check { scenario } => cli::run_check(&args, scenario.as_deref()),
        Command::Export(e) => cli::run_export(&args, e),
        Command::Propose(p) => cli::propose::run_propose(&args, p),
        Command::Gui => gebiedsplanner::app::run(args),
    };
    std::process::exit(code);
}
