//! Command-line arguments and the headless subcommands.

use std::path::{Path, PathBuf};

use crate::data::{self, DataError, scenario_file};
use crate::i18n::{self, Lang};
use crate::model::atlas::{Atlas, Edition};
use crate::model::scenario::Scenario;
use crate::session::Session;

pub const HELP: &str = "\
Gebiedsplanner: divide the eerstelijnszones of Flanders and Brussels over 1 Gezin 1 Plan teams.

Usage:
  gebiedsplanner [OPTIONS] [FILE.json ...]    start the map window (opening the files)
  gebiedsplanner check [SCENARIO] [OPTIONS]   print the per-team table of a scenario (the
                                              default division when SCENARIO is left out);
                                              exit code 1 when a rule is broken, 2 on bad input;
      --zones           also list every zone with its team: 'zone CODE TEAM-ID NAME'
  gebiedsplanner export [SCENARIO] [OPTIONS]  write the map and tables of a scenario (the
                                              default division when SCENARIO is left out):
      --png FILE        the map as PNG (rendered on the CPU, no tiles)
      --svg FILE        the map as SVG
      --pdf FILE        the map as PDF (vector, one page the size of the image)
      --width N         image width in pixels (default 1920)
      --layers L,L      extra layers on the image, comma-separated:
                        labels (zone names), municipalities (municipality borders),
                        table (numbers per team next to the legend),
                        historic (the 2020 team borders and names),
                        proeftuinen (the Proeftuin neighbourhoods); default: labels
      --geojson FILE    team areas with their numbers as GeoJSON
      --csv FILE        the per-team table as CSV
      --xlsx FILE       the tables as an Excel workbook: teams, zones, municipalities and
                        the differences against the historic 2020 team areas

Options:
  --data DIR          data folder in place of the built-in data (else $GEBIEDSPLANNER_DATA,
                      else ./data or the user data folder when they hold data files)
  --edition E         municipality set: 2025 (default) or 2019-2024
  --lang nl|en        language of the window and the table (default nl)
  --no-tiles          do not load base map tiles (the zones draw on a plain background)
  --save-path FILE    Ctrl+S saves a scenario that has no file yet to FILE, without asking
  --tile-url URL      base map tile server, a template with {z}, {x} and {y}
                      (default https://tile.openstreetmap.org/{z}/{x}/{y}.png)
  -h, --help          this text
";

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Args {
    pub data: Option<PathBuf>,
    pub edition: Option<Edition>,
    pub lang: Lang,
    /// True when `--lang` was given (otherwise the remembered language is used).
    pub lang_given: bool,
    /// Do not load base map tiles.
    pub no_tiles: bool,
    /// Where Ctrl+S saves a scenario that has no file yet (instead of asking).
    pub save_path: Option<PathBuf>,
    /// `check --zones`: list every zone with its team.
    pub list_zones: bool,
    /// Base map tile URL template (OpenStreetMap when None).
    pub tile_url: Option<String>,
    /// Scenario files to open in the window.
    pub open: Vec<PathBuf>,
    pub command: Command,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub enum Command {
    #[default]
    Gui,
    Check {
        scenario: Option<PathBuf>,
    },
    Export(ExportArgs),
    Help,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct ExportArgs {
    pub scenario: Option<PathBuf>,
    pub png: Option<PathBuf>,
    pub svg: Option<PathBuf>,
    pub pdf: Option<PathBuf>,
    pub geojson: Option<PathBuf>,
    pub csv: Option<PathBuf>,
    pub xlsx: Option<PathBuf>,
    pub width: u32,
    pub layers: Vec<crate::export::Layer>,
}

/// Parse arguments (without the program name). Options may stand before or after the subcommand.
pub fn parse_args<I: IntoIterator<Item = String>>(args: I) -> Result<Args, String> {
    let mut out = Args::default();
    let mut positional: Vec<String> = Vec::new();
    let mut export = ExportArgs {
        width: 1920,
        layers: vec![crate::export::Layer::Labels],
        ..Default::default()
    };
    let mut it = args.into_iter();
    while let Some(a) = it.next() {
        let mut value = |name: &str| it.next().ok_or_else(|| format!("{name} needs a value"));
        match a.as_str() {
            "-h" | "--help" => out.command = Command::Help,
            "--data" => out.data = Some(PathBuf::from(value("--data")?)),
            "--edition" => {
                out.edition = Some(match value("--edition")?.as_str() {
                    "2025" => Edition::M2025,
                    "2019-2024" | "2019" | "2024" => Edition::M2019,
                    other => {
                        return Err(format!("unknown edition '{other}' (use 2025 or 2019-2024)"));
                    }
                })
            }
            "--no-tiles" => out.no_tiles = true,
            "--zones" => out.list_zones = true,
            "--save-path" => out.save_path = Some(PathBuf::from(value("--save-path")?)),
            "--tile-url" => {
                let v = value("--tile-url")?;
                if !(v.contains("{z}") && v.contains("{x}") && v.contains("{y}")) {
                    return Err(format!(
                        "--tile-url {v}: the URL needs {{z}}, {{x}} and {{y}}"
                    ));
                }
                out.tile_url = Some(v);
            }
            "--png" => export.png = Some(PathBuf::from(value("--png")?)),
            "--svg" => export.svg = Some(PathBuf::from(value("--svg")?)),
            "--pdf" => export.pdf = Some(PathBuf::from(value("--pdf")?)),
            "--geojson" => export.geojson = Some(PathBuf::from(value("--geojson")?)),
            "--csv" => export.csv = Some(PathBuf::from(value("--csv")?)),
            "--xlsx" => export.xlsx = Some(PathBuf::from(value("--xlsx")?)),
            "--width" => {
                let v = value("--width")?;
                export.width = v
                    .parse::<u32>()
                    .ok()
                    .filter(|w| (400..=10_000).contains(w))
                    .ok_or_else(|| {
                        format!("--width {v}: give a number of pixels from 400 to 10000")
                    })?;
            }
            "--layers" => export.layers = crate::export::parse_layers(&value("--layers")?)?,
            "--lang" => {
                out.lang_given = true;
                out.lang = match value("--lang")?.as_str() {
                    "nl" => Lang::Nl,
                    "en" => Lang::En,
                    other => return Err(format!("unknown language '{other}' (use nl or en)")),
                }
            }
            s if s.starts_with("--data=") => out.data = Some(PathBuf::from(&s[7..])),
            s if s.starts_with('-') => return Err(format!("unknown option '{s}'")),
            _ => positional.push(a),
        }
    }
    if out.command == Command::Help {
        return Ok(out);
    }
    let mut pos = positional.into_iter();
    match pos.next().as_deref() {
        None => {}
        Some("check") => {
            out.command = Command::Check {
                scenario: pos.next().map(PathBuf::from),
            }
        }
        Some("export") => {
            export.scenario = pos.next().map(PathBuf::from);
            if export.png.is_none()
                && export.svg.is_none()
                && export.pdf.is_none()
                && export.geojson.is_none()
                && export.csv.is_none()
                && export.xlsx.is_none()
            {
                return Err(
                    "export needs at least one of --png, --svg, --pdf, --geojson, --csv, --xlsx"
                        .into(),
                );
            }
            out.command = Command::Export(export);
        }
        Some(file) if file.ends_with(".json") => {
            out.open.push(PathBuf::from(file));
            out.open.extend(pos.by_ref().map(PathBuf::from));
        }
        Some(other) => return Err(format!("unknown command '{other}'")),
    }
    if let Some(extra) = pos.next() {
        return Err(format!("unexpected argument '{extra}'"));
    }
    Ok(out)
}

/// Where the command line reads its data: the error lists what is missing where.
pub fn resolve_data(args: &Args, edition: Edition) -> Result<data::DataSource, String> {
    let env = std::env::var("GEBIEDSPLANNER_DATA").ok();
    let d = data::discover(args.data.as_deref(), env.as_deref(), edition);
    if let Some(p) = d.chosen {
        return Ok(p);
    }
    let mut msg = String::from("the data folder given lacks required files.\n");
    for c in &d.candidates {
        msg.push_str(&format!(
            "  {} ({}): missing {}\n",
            c.path.display(),
            c.origin,
            c.missing.join(", ")
        ));
    }
    msg.push_str("Files needed:\n");
    for f in data::required_files(edition) {
        msg.push_str(&format!(
            "  {}: {} (from {})\n",
            f.name, f.what_en, f.origin
        ));
    }
    Err(msg)
}

/// The per-team table as text.
pub fn team_table(session: &Session, lang: Lang) -> String {
    let t = i18n::texts(lang);
    let atlas = &session.atlas;
    let m = &session.metrics;
    let s = &session.scenario;
    let mut rows: Vec<[String; 7]> = vec![[
        t.team.to_string(),
        "ELZ".to_string(),
        t.municipalities.to_string(),
        t.population.to_string(),
        t.children.to_string(),
        t.budget.to_string(),
        capitalise(t.contiguous),
    ]];
    let yes_no = |b: bool| match (lang, b) {
        (Lang::Nl, true) => "ja".to_string(),
        (Lang::Nl, false) => "nee".to_string(),
        (Lang::En, true) => "yes".to_string(),
        (Lang::En, false) => "no".to_string(),
    };
    for (i, team) in s.teams.iter().enumerate() {
        let st = &m.teams[i];
        let children = if st.children_known() {
            i18n::int(st.children)
        } else if st.children == 0.0 {
            t.unknown.to_string()
        } else {
            format!("{} + {}", i18n::int(st.children), t.unknown)
        };
        let contiguous = if st.is_contiguous() {
            yes_no(true)
        } else {
            format!("{} ({} {})", yes_no(false), st.components.len(), t.parts)
        };
        rows.push([
            team.name.clone(),
            // As the team list counts them: whole zones, and zones shared with another team.
            i18n::zone_count(st, "", t),
            st.municipalities.to_string(),
            i18n::int(st.population),
            children,
            i18n::eur(st.budget_flat),
            contiguous,
        ]);
    }
    let widths: Vec<usize> = (0..7)
        .map(|c| rows.iter().map(|r| r[c].chars().count()).max().unwrap_or(0))
        .collect();
    let mut out = String::new();
    for (ri, r) in rows.iter().enumerate() {
        let cells: Vec<String> = r
            .iter()
            .enumerate()
            .map(|(c, v)| {
                let pad = widths[c] - v.chars().count();
                if c == 0 || ri == 0 || c == 6 {
                    format!("{v}{}", " ".repeat(pad))
                } else {
                    format!("{}{v}", " ".repeat(pad))
                }
            })
            .collect();
        out.push_str(cells.join("  ").trim_end());
        out.push('\n');
    }
    let _ = atlas;
    out.push('\n');
    if m.is_covered() {
        out.push_str(&format!("{}: {}\n", coverage_word(lang), t.coverage_ok));
    } else {
        let names: Vec<&str> = m
            .unassigned_units
            .iter()
            .map(|&u| session.atlas.units[u].name.as_str())
            .collect();
        out.push_str(&format!(
            "{}: {} {}: {}\n",
            coverage_word(lang),
            m.unassigned_units.len(),
            t.coverage_missing,
            names.join(", ")
        ));
    }
    out
}

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}

fn coverage_word(lang: Lang) -> &'static str {
    match lang {
        Lang::Nl => "Dekking",
        Lang::En => "Coverage",
    }
}

/// Read a scenario file for the command line: codes the data does not have are an error.
pub fn load_scenario(atlas: &Atlas, path: &Path) -> Result<Scenario, DataError> {
    let f = scenario_file::read(path)?;
    if f.edition != atlas.edition {
        return Err(DataError::whole(
            path,
            format!(
                "the scenario is on the {} municipalities; use --edition {}",
                f.edition.label(),
                f.edition.label()
            ),
        ));
    }
    let r = f.to_scenario(atlas, path)?;
    if !r.unresolved.is_empty() {
        return Err(DataError::whole(
            path,
            format!(
                "codes not in the data ({} municipalities): {}",
                atlas.edition.label(),
                r.unresolved.codes().join(", ")
            ),
        ));
    }
    Ok(r.scenario)
}

/// Load the data and the scenario (the default division when none is given) for a
/// headless command. The error is the message to print.
fn session_for(args: &Args, scenario: Option<&Path>) -> Result<Session, String> {
    let mut edition = args.edition.unwrap_or(Edition::M2025);
    if args.edition.is_none()
        && let Some(p) = scenario
        && let Ok(f) = scenario_file::read(p)
    {
        edition = f.edition;
    }
    let dir = resolve_data(args, edition)?;
    let mut session = Session::load(&dir, edition).map_err(|e| e.to_string())?;
    if let Some(p) = scenario {
        let s = load_scenario(&session.atlas, p).map_err(|e| e.to_string())?;
        session.set_scenario(s);
    }
    Ok(session)
}

/// Run `export`: returns the process exit code.
pub fn run_export(args: &Args, e: &ExportArgs) -> i32 {
    let session = match session_for(args, e.scenario.as_deref()) {
        Ok(s) => s,
        Err(msg) => {
            eprintln!("gebiedsplanner: {msg}");
            return 2;
        }
    };
    let write = |path: &Path, bytes: &[u8]| -> bool {
        match crate::data::atomic::write_atomic(path, bytes) {
            Ok(()) => {
                println!("{}", path.display());
                true
            }
            Err(err) => {
                eprintln!("gebiedsplanner: {}: cannot write: {err}", path.display());
                false
            }
        }
    };
    let mut ok = true;
    if e.png.is_some() || e.svg.is_some() || e.pdf.is_some() {
        let opts = crate::export::ImageOptions::new(e.width, e.layers.clone(), args.lang);
        let needs_overlays = e.layers.iter().any(|l| {
            matches!(
                l,
                crate::export::Layer::Historic | crate::export::Layer::Proeftuinen
            )
        });
        let overlays = needs_overlays.then(|| crate::overlays::Overlays::load(&session));
        if let Some(ov) = &overlays {
            for err in &ov.errors {
                eprintln!("gebiedsplanner: {err}");
            }
        }
        let svg = crate::export::render_svg(&session, overlays.as_ref(), &opts);
        if let Some(p) = &e.svg {
            ok &= write(p, svg.as_bytes());
        }
        let renderers: [(&Option<PathBuf>, crate::export::Render); 2] = [
            (&e.png, crate::export::render_png),
            (&e.pdf, crate::export::render_pdf),
        ];
        for (path, render) in renderers {
            if let Some(p) = path {
                match render(&svg) {
                    Ok(bytes) => ok &= write(p, &bytes),
                    Err(err) => {
                        eprintln!("gebiedsplanner: {}: cannot render: {err}", p.display());
                        ok = false;
                    }
                }
            }
        }
    }
    if let Some(p) = &e.geojson {
        ok &= write(p, crate::export::teams_geojson(&session).as_bytes());
    }
    if let Some(p) = &e.csv {
        ok &= write(p, crate::export::stats_csv(&session).as_bytes());
    }
    if let Some(p) = &e.xlsx {
        let t = i18n::texts(args.lang);
        let baseline = crate::export::Baseline {
            name: t.baseline_historic,
            scenario: &session.historic,
        };
        match crate::export::tables_xlsx(&session, Some(&baseline), args.lang) {
            Ok(bytes) => ok &= write(p, &bytes),
            Err(err) => {
                eprintln!(
                    "gebiedsplanner: {}: cannot write the workbook: {err}",
                    p.display()
                );
                ok = false;
            }
        }
    }
    if ok { 0 } else { 2 }
}

/// Run `check`: returns the process exit code.
pub fn run_check(args: &Args, scenario: Option<&Path>) -> i32 {
    let session = match session_for(args, scenario) {
        Ok(s) => s,
        Err(msg) => {
            eprintln!("gebiedsplanner: {msg}");
            return 2;
        }
    };
    println!(
        "{}: {}",
        i18n::texts(args.lang).scenario,
        i18n::scenario_name(&session.scenario.name, i18n::texts(args.lang))
    );
    println!(
        "{}",
        i18n::data_source(&session.data, i18n::texts(args.lang))
    );
    print!("{}", team_table(&session, args.lang));
    if args.list_zones {
        let s = &session.scenario;
        for (u, unit) in session.atlas.units.iter().enumerate() {
            let team = s.unit_team[u]
                .and_then(|t| s.teams.get(t))
                .map(|t| t.id.as_str())
                .unwrap_or("-");
            println!("zone {} {team} {}", unit.code, unit.name);
        }
    }
    let m = &session.metrics;
    let t = i18n::texts(args.lang);
    let team_name = |i: usize| session.scenario.teams[i].name.as_str();
    let mut broken = Vec::new();
    for i in m.non_contiguous_teams() {
        broken.push(
            t.rule_not_contiguous_cli
                .replace("{team}", team_name(i))
                .replace("{n}", &m.teams[i].components.len().to_string()),
        );
    }
    for i in m.teams_with_split_units() {
        let zones = m.teams[i]
            .split_units
            .iter()
            .map(|&u| session.atlas.units[u].name.as_str())
            .collect::<Vec<_>>()
            .join(", ");
        broken.push(
            t.rule_split_zone_cli
                .replace("{team}", team_name(i))
                .replace("{zones}", &zones),
        );
    }
    if !m.is_covered() {
        broken.push(
            t.rule_uncovered_cli
                .replace("{n}", &m.unassigned_units.len().to_string()),
        );
    }
    if broken.is_empty() {
        println!("{}", t.rules_all_ok_cli);
        0
    } else {
        for b in &broken {
            println!("{}: {b}", t.rule_broken_cli);
        }
        1
    }
}
