//! The command line as a planner types it: options before or after the subcommand, and a
//! clear refusal that names the option for what the program cannot use.

use std::path::PathBuf;

use gebiedsplanner::cli::{Command, parse_args};
use gebiedsplanner::i18n::Lang;
use gebiedsplanner::model::region::Region;

fn parse(line: &str) -> Result<gebiedsplanner::cli::Args, String> {
    parse_args(line.split_whitespace().map(String::from))
}

#[test]
fn options_stand_before_or_after_the_subcommand() {
    for line in [
        "--lang en export plan.json --png map.png --region Limburg",
        "export --region Limburg plan.json --lang en --png map.png",
    ] {
        let args = parse(line).expect(line);
        assert_eq!(args.lang, Lang::En, "{line}");
        let Command::Export(e) = args.command else {
            panic!("{line}: not an export");
        };
        assert_eq!(e.scenario, Some(PathBuf::from("plan.json")), "{line}");
        assert_eq!(e.png, Some(PathBuf::from("map.png")), "{line}");
        assert_eq!(e.region, Some(Region::Limburg), "{line}");
        assert_eq!(e.width, 1920, "{line}: the default width");
    }
    let args = parse("a.json b.json --no-tiles").expect("files to open");
    assert_eq!(args.command, Command::Gui);
    assert_eq!(args.open.len(), 2);
    assert!(args.no_tiles);
}

#[test]
fn each_wrong_line_is_refused_with_what_is_wrong() {
    let cases = [
        ("--bogus", "unknown option '--bogus'"),
        ("--width", "--width needs a value"),
        ("export --png a.png --width 12", "--width 12"),
        ("export plan.json", "export needs at least one of"),
        (
            "export --png a.png --page letter",
            "--page letter: use a4 or slide",
        ),
        ("--edition 1999", "unknown edition '1999'"),
        ("--lang fr", "unknown language 'fr'"),
        (
            "--tile-url http://x/tile.png",
            "the URL needs {z}, {x} and {y}",
        ),
        ("check --lock team", "belong to 'propose'"),
        ("check --out x.json", "--out belongs to"),
        ("check --name X", "belong to 'new', 'merge'"),
        ("frobnicate", "unknown command 'frobnicate'"),
        ("check a.json b.json", "unexpected argument 'b.json'"),
        ("new --name X", "new needs --out FILE.json"),
        ("report plan.json", "report needs --pdf FILE"),
    ];
    for (line, says) in cases {
        let err = parse(line).expect_err(line);
        assert!(err.contains(says), "{line}: {err}");
    }
}
