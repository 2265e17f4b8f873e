use gebiedsplanner::cli::{self, Command, HELP};

/// mimalloc keeps freed memory for the next allocation instead of handing it back to the
/// system, so the large vertex buffers of each frame do not cost fresh page faults every time.
/// `benches/perf.rs` uses the same allocator, so its frame figures are the app's.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
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
        Command::Gui => gebiedsplanner::app::run(args),
    };
    std::process::exit(code);
}
