//! Command-line arguments and the headless subcommands.
#![allow(
    clippy::print_stdout,
    reason = "the command line writes its results to standard output"
)]

use std::borrow::Cow;
use std::ffi::OsString;

use crate::export::text::visible;
use crate::model::ids::TeamId;
use std::io::Write;

pub mod proposals;
pub mod propose;
use std::path::{Path, PathBuf};

use crate::data::{self, DataError, scenario_file};
use crate::document::Document;
use crate::i18n::{self, Lang};
use crate::model::atlas::{Atlas, Edition};
use crate::model::scenario::Scenario;

pub const HELP: &str = "\
Gebiedsplanner: divide the eerstelijnszones of Flanders and Brussels over 1 Gezin 1 Plan teams.

Usage:
  gebiedsplanner [OPTIONS] [FILE.json ...]    start the map window (opening the files)
  gebiedsplanner check [SCENARIO] [OPTIONS]   print the per-team table of a scenario (the
                                              default division when SCENARIO is left out);
                                              exit code 1 when a rule is broken, 2 on bad input,
                                              3 when the output cannot be written;
      --zones           also list every zone with its team: 'zone CODE TEAM-ID NAME'
      --indicator FILE:COLUMN
                        add each team's figure of COLUMN of the municipality table FILE
                        (CSV or XLSX; by NIS code or name) as a column
      --aggregate A     how a team's figure is made: sum, inhabitants (the mean weighted
                        by inhabitants) or children (weighted by children 0-17); default:
                        sum for whole numbers, inhabitants otherwise
  gebiedsplanner export [SCENARIO] [OPTIONS]  write the map and tables of a scenario (the
                                              default division when SCENARIO is left out):
      --png FILE        the map as PNG (rendered on the CPU, no tiles)
      --svg FILE        the map as SVG
      --pdf FILE        the map as PDF (vector, one page the size of the image)
      --width N         image width in pixels (default 1920)
      --page P          the page: a4 (A4 landscape) or slide (16:9); default: a4 for
                        the PDF, slide for PNG and SVG; the map fills what the title,
                        legend and footer leave
      --region R        only the zones of one IROJ region: Antwerpen, Limburg,
                        Oost-Vlaanderen, Vlaams-Brabant, West-Vlaanderen or Brussel
      --layers L,L      extra layers on the image, comma-separated:
                        labels (zone names), municipalities (municipality borders),
                        table (numbers per team next to the legend),
                        historic (the 2020 team borders and names),
                        proeftuinen (the Proeftuin neighbourhoods); default: labels
      --geojson FILE    team areas with their numbers as GeoJSON
      --csv FILE        the per-team table as CSV
      --indicator FILE:COLUMN
                        colour the municipalities by COLUMN of the table FILE, with a
                        legend of its classes, and add each team's figure to the tables
                        (--aggregate as for check)
  gebiedsplanner propose [SCENARIO] --out FILE.json [OPTIONS]
                                              the division of SCENARIO's teams (the default
                                              division when left out) over whole zones, each
                                              team contiguous, that disturbs the baseline teams
                                              least; exit code 1 when the options admit none:
      --out FILE        write the proposal as a scenario file (alternatives next to it as
                        FILE-alt1.json, ...)
      --baseline B      2020 (the 2020 teams, default), default (the default division), or a
                        scenario file
      --measure M       what a change costs: children (0-17, default), inhabitants, or
                        municipalities
      --any-region      a team may take zones outside its IROJ region
      --lock TEAM-ID    the team keeps exactly its zones of SCENARIO (repeatable)
      --pin ZONE=TEAM   the zone goes to the team (repeatable)
      --children-range MIN:MAX
                        children 0-17 per team within MIN and MAX (or P% of the average)
      --allow-empty     a team may be left without an area
      --alternatives K  also the next K best divisions, each different in at least one zone
      --time-limit S    stop after S seconds with the best division found and the gap
                        (default 10)
      --costs FILE      write zone;team;cost for every pair the options allow
      --adjacency FILE  write zone;zone for every pair of bordering zones
      --xlsx FILE       the tables as an Excel workbook: teams, zones, municipalities and
                        the differences against the historic 2020 team areas
  gebiedsplanner new --out FILE.json [OPTIONS]
                                              start an IROJ proposal: a scenario file scoped to
                                              one region, to open, edit, merge or report on:
      --region R        Antwerpen, Limburg, Oost-Vlaanderen, Vlaams-Brabant,
                        West-Vlaanderen or Brussel (left out: all regions)
      --name NAME       the scenario's name (default: Voorstel IROJ R)
      --from F          2020 (the 2020 teams), default (the default division, default) or
                        a scenario file
  gebiedsplanner merge A.json B.json ... --out FILE.json [--first-wins]
                                              one division from the regions' proposals: each
                                              zone takes its team from the proposal whose
                                              region holds it. Conflicts are listed, and
                                              nothing is written (exit code 1), unless
      --first-wins      the first file given wins each conflict (what it chose is listed);
                        then the rules are checked for all of Flanders and Brussels
  gebiedsplanner report [SCENARIO] --pdf FILE [OPTIONS]
                                              the report of a proposal as PDF (A4 landscape):
                                              cover, map, teams, changes, broken rules, sources
      --region R        the region reported on (default: the scenario's region)
      --compare C       2020 (default), default or a scenario file: what the changes are
                        measured against

Options:
  --data DIR          data folder in place of the built-in data (else $GEBIEDSPLANNER_DATA,
                      else ./data or the user data folder when they hold data files)
  --edition E         municipality set: 2025 (default) or 2019-2024
  --lang nl|en        language of the window and the table (default nl)
  --no-tiles          do not load base map tiles (the zones draw on a plain background)
  --save-path FILE    Ctrl+S saves a scenario that has no file yet to FILE, without asking
  --tile-url URL      base map tile server, a template with {z}, {x} and {y}
                      (default https://tile.openstreetmap.org/{z}/{x}/{y}.png)
  --tiles FILE        base map from a raster PMTiles file, without internet
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
    /// `--tiles FILE.pmtiles`: an offline base map.
    pub tiles_file: Option<PathBuf>,
    /// Scenario files to open in the window.
    pub open: Vec<PathBuf>,
    /// `--indicator FILE:COLUMN`: a municipality table and the column to show.
    pub indicator: Option<(PathBuf, String)>,
    /// `--aggregate`: how each team's figure of the indicator is made.
    pub aggregate: Option<crate::model::indicator::Aggregate>,
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
    Propose(propose::ProposeArgs),
    New(proposals::NewArgs),
    Merge(proposals::MergeArgs),
    Report(proposals::ReportArgs),
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
    pub layers: Vec<&'static str>,
    /// The page of the map (`--page`); None: A4 for the PDF, a slide for PNG and SVG.
    pub page: Option<crate::export::image::Page>,
    /// Only this IROJ region's zones (`--region`).
    pub region: Option<crate::model::region::Region>,
}

/// Parse arguments (without the program name). Options may stand before or after the subcommand.
pub fn parse_args<I: IntoIterator<Item = String>>(args: I) -> Result<Args, String> {
    parse_args_os(args.into_iter().map(OsString::from))
}

/// An argument as text, or the error for one that is not (as a file name from an old archive
/// can be): only file names may be any bytes.
fn text(a: OsString) -> Result<String, String> {
    a.into_string().map_err(|a| {
        format!(
            "argument '{}' is not valid text (UTF-8)",
            crate::export::text::visible(&a.to_string_lossy())
        )
    })
}

/// The arguments read so far: the options in place, the words and files in order.
struct Parsed {
    out: Args,
    positional: Vec<OsString>,
    export: ExportArgs,
    prop: propose::ProposeArgs,
    region_opts: proposals::ProposalOptions,
    /// An option of `new`, `merge`, `report` or `export --region` was given.
    region_given: bool,
}

/// Takes the value of the option named: the next argument, or the error that there is none.
type Value<'a> = dyn FnMut(&str) -> Result<OsString, String> + 'a;

impl Parsed {
    fn new() -> Parsed {
        Parsed {
            out: Args::default(),
            positional: Vec::new(),
            export: ExportArgs {
                width: 1920,
                layers: vec![crate::map::layer::labels::KEY],
                ..Default::default()
            },
            prop: propose::ProposeArgs::default(),
            region_opts: proposals::ProposalOptions::default(),
            region_given: false,
        }
    }

    /// One argument that is text: an option (with its value), or a word kept in order.
    fn argument(&mut self, a: &str, raw: OsString, value: &mut Value) -> Result<(), String> {
        if self.window_option(a, value)? || self.export_option(a, value)? {
            return Ok(());
        }
        let text_value = |value: &mut Value, name: &str| value(name).and_then(text);
        match a {
            s if s.starts_with("--data=") => self.out.data = Some(PathBuf::from(&s[7..])),
            s if proposals::is_option(s) => {
                self.region_given = true;
                proposals::parse_option(&mut self.region_opts, s, |name| text_value(value, name))?;
            }
            s if propose::is_option(s) => {
                propose::parse_option(&mut self.prop, s, |name| text_value(value, name))?;
            }
            s if s.starts_with('-') => {
                return Err(format!(
                    "unknown option '{}'",
                    crate::export::text::visible(s)
                ));
            }
            _ => self.positional.push(raw),
        }
        Ok(())
    }

    /// The options of the program as a whole (the window, the data); false: not one of them.
    fn window_option(&mut self, a: &str, value: &mut Value) -> Result<bool, String> {
        let out = &mut self.out;
        match a {
            "-h" | "--help" => out.command = Command::Help,
            "--data" => out.data = Some(value("--data").map(PathBuf::from)?),
            "--edition" => {
                out.edition = Some(match value("--edition").and_then(text)?.as_str() {
                    "2025" => Edition::M2025,
                    "2019-2024" | "2019" | "2024" => Edition::M2019,
                    other => {
                        return Err(format!("unknown edition '{other}' (use 2025 or 2019-2024)"));
                    }
                });
            }
            "--no-tiles" => out.no_tiles = true,
            "--tiles" => out.tiles_file = Some(value("--tiles").map(PathBuf::from)?),
            "--zones" => out.list_zones = true,
            "--save-path" => out.save_path = Some(value("--save-path").map(PathBuf::from)?),
            "--tile-url" => {
                let v = value("--tile-url").and_then(text)?;
                if !(v.contains("{z}") && v.contains("{x}") && v.contains("{y}")) {
                    return Err(format!(
                        "--tile-url {v}: the URL needs {{z}}, {{x}} and {{y}}"
                    ));
                }
                out.tile_url = Some(v);
            }
            "--lang" => {
                out.lang_given = true;
                out.lang = match value("--lang").and_then(text)?.as_str() {
                    "nl" => Lang::Nl,
                    "en" => Lang::En,
                    other => return Err(format!("unknown language '{other}' (use nl or en)")),
                }
            }
            _ => return Ok(false),
        }
        Ok(true)
    }

    /// The options of `export` (and the indicator, which `check` shows too); false: not one
    /// of them.
    fn export_option(&mut self, a: &str, value: &mut Value) -> Result<bool, String> {
        let export = &mut self.export;
        let mut path = |name: &str| value(name).map(PathBuf::from).map(Some);
        match a {
            "--png" => export.png = path("--png")?,
            "--svg" => export.svg = path("--svg")?,
            "--pdf" => export.pdf = path("--pdf")?,
            "--geojson" => export.geojson = path("--geojson")?,
            "--csv" => export.csv = path("--csv")?,
            "--xlsx" => export.xlsx = path("--xlsx")?,
            "--indicator" => {
                self.out.indicator = Some(parse_indicator(&value("--indicator").and_then(text)?)?);
            }
            "--aggregate" => {
                use crate::model::indicator::Aggregate;
                self.out.aggregate = Some(match value("--aggregate").and_then(text)?.as_str() {
                    "sum" => Aggregate::Sum,
                    "inhabitants" | "population" => Aggregate::MeanByPopulation,
                    "children" => Aggregate::MeanByChildren,
                    other => {
                        return Err(format!(
                            "--aggregate {}: use sum, inhabitants or children",
                            visible(other)
                        ));
                    }
                });
            }
            "--width" => {
                let v = value("--width").and_then(text)?;
                export.width = v
                    .parse::<u32>()
                    .ok()
                    .filter(|w| (400..=10_000).contains(w))
                    .ok_or_else(|| {
                        format!("--width {v}: give a number of pixels from 400 to 10000")
                    })?;
            }
            "--layers" => {
                export.layers = crate::export::parse_layers(&value("--layers").and_then(text)?)?;
            }
            "--page" => {
                let v = value("--page").and_then(text)?;
                export.page = Some(
                    crate::export::image::Page::parse(&v)
                        .ok_or_else(|| format!("--page {}: use a4 or slide", visible(&v)))?,
                );
            }
            _ => return Ok(false),
        }
        Ok(true)
    }

    /// The subcommand the first word names, with the words after it.
    fn subcommand(
        &mut self,
        first: Option<OsString>,
        pos: &mut impl Iterator<Item = OsString>,
    ) -> Result<(), String> {
        let first_text = first.as_ref().map(|f| f.to_string_lossy().into_owned());
        let (out, export, prop, region_opts) = (
            &mut self.out,
            &mut self.export,
            &mut self.prop,
            &mut self.region_opts,
        );
        match first_text.as_deref() {
            None => {}
            Some("check") => {
                out.command = Command::Check {
                    scenario: pos.next().map(PathBuf::from),
                }
            }
            Some("export") => {
                proposals::refuse_others(region_opts, "export")?;
                self.region_given = false;
                export.region = region_opts.region;
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
                out.command = Command::Export(std::mem::take(export));
            }
            Some("propose") => {
                prop.scenario = pos.next().map(PathBuf::from);
                if prop.out.is_none() {
                    return Err("propose needs --out FILE.json".into());
                }
                out.command = Command::Propose(std::mem::take(prop));
            }
            Some("new") => {
                proposals::refuse_others(region_opts, "new")?;
                self.region_given = false;
                out.command = Command::New(proposals::NewArgs {
                    out: prop.out.take().ok_or("new needs --out FILE.json")?,
                    name: region_opts.name.take(),
                    region: region_opts.region,
                    from: region_opts
                        .from
                        .take()
                        .unwrap_or(propose::Baseline::Default),
                });
            }
            Some("merge") => {
                proposals::refuse_others(region_opts, "merge")?;
                self.region_given = false;
                out.command = Command::Merge(proposals::MergeArgs {
                    files: pos.by_ref().map(PathBuf::from).collect(),
                    out: prop.out.take().ok_or("merge needs --out FILE.json")?,
                    first_wins: region_opts.first_wins,
                });
            }
            Some("report") => {
                proposals::refuse_others(region_opts, "report")?;
                self.region_given = false;
                out.command = Command::Report(proposals::ReportArgs {
                    scenario: pos.next().map(PathBuf::from),
                    pdf: export.pdf.take().ok_or("report needs --pdf FILE")?,
                    region: region_opts.region,
                    compare: region_opts
                        .compare
                        .take()
                        .unwrap_or(propose::Baseline::Historic2020),
                });
            }
            Some(file) if file.ends_with(".json") => {
                out.open.extend(first.map(PathBuf::from));
                out.open.extend(pos.by_ref().map(PathBuf::from));
            }
            Some(other) => {
                return Err(format!(
                    "unknown command '{}'",
                    crate::export::text::visible(other)
                ));
            }
        }
        Ok(())
    }

    /// Options given to a subcommand that has no use for them.
    fn misplaced(&self) -> Result<(), String> {
        if self.prop.given {
            return Err("--lock, --pin and the other proposal options belong to 'propose'".into());
        }
        if self.prop.out.is_some() {
            return Err("--out belongs to 'propose', 'new' and 'merge'".into());
        }
        if self.region_given {
            return Err(
                "--name, --region, --from, --compare and --first-wins belong to 'new', 'merge' \
                 and 'report' (--region also to 'export')"
                    .into(),
            );
        }
        Ok(())
    }
}

/// As [`parse_args`], on the arguments as the system gives them: file names need not be UTF-8.
pub fn parse_args_os<I: IntoIterator<Item = OsString>>(args: I) -> Result<Args, String> {
    let mut p = Parsed::new();
    let mut it = args.into_iter();
    while let Some(raw) = it.next() {
        let Some(a) = raw.to_str().map(str::to_string) else {
            // Not text: only a file name (a positional argument) can be that.
            p.positional.push(raw);
            continue;
        };
        let mut value = |name: &str| it.next().ok_or_else(|| format!("{name} needs a value"));
        p.argument(&a, raw, &mut value)?;
    }
    if p.out.command == Command::Help {
        return Ok(p.out);
    }
    let mut pos = std::mem::take(&mut p.positional).into_iter();
    let first = pos.next();
    p.subcommand(first, &mut pos)?;
    if let Some(extra) = pos.next() {
        return Err(format!(
            "unexpected argument '{}'",
            crate::export::text::visible(&extra.to_string_lossy())
        ));
    }
    p.misplaced()?;
    Ok(p.out)
}

/// `FILE:COLUMN`, split at the last colon (a Windows path has one of its own).
fn parse_indicator(v: &str) -> Result<(PathBuf, String), String> {
    match v.rsplit_once(':') {
        Some((file, column)) if !file.is_empty() && !column.trim().is_empty() => {
            Ok((PathBuf::from(file), column.trim().to_string()))
        }
        _ => Err(format!(
            "--indicator {}: give the table and its column as FILE:COLUMN",
            visible(v)
        )),
    }
}

/// The indicator of `--indicator FILE:COLUMN` on `doc`'s municipalities. What the table
/// holds that is not used is said on standard error, with its line.
fn indicator_for(
    args: &Args,
    doc: &Document,
) -> Result<Option<crate::model::indicator::IndicatorChoice>, String> {
    let Some((file, column)) = &args.indicator else {
        return Ok(None);
    };
    let table = doc.read_indicator_table(file).map_err(|e| e.to_string())?;
    let Some(indicator) = table
        .indicators
        .iter()
        .find(|i| i.name.eq_ignore_ascii_case(column))
        .cloned()
    else {
        let names: Vec<Cow<str>> = table.indicators.iter().map(|i| visible(&i.name)).collect();
        return Err(format!(
            "{}: no column of numbers '{}' (the table has: {})",
            file.display(),
            visible(column),
            names.join(", ")
        ));
    };
    for (line, what) in &table.unknown {
        warn(&format!(
            "{}: line {line}: '{}' is not a municipality of the data; left out",
            file.display(),
            visible(what)
        ));
    }
    for (line, col, text) in &table.not_numbers {
        warn(&format!(
            "{}: line {line}, column '{}': '{}' is not a number; left out",
            file.display(),
            visible(col),
            visible(text)
        ));
    }
    let how = args
        .aggregate
        .unwrap_or_else(|| crate::model::indicator::Aggregate::guess(&indicator.values));
    Ok(Some(crate::model::indicator::IndicatorChoice {
        source: file.clone(),
        indicator,
        how,
        on_map: true,
    }))
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
pub fn team_table(doc: &Document, lang: Lang) -> String {
    let t = i18n::texts(lang);
    let m = &doc.metrics;
    let s = &doc.scenario;
    let mut header = vec![
        t.team.to_string(),
        "ELZ".to_string(),
        t.municipalities.to_string(),
        t.population.to_string(),
        t.children.to_string(),
        t.budget.to_string(),
        capitalise(t.contiguous),
    ];
    let indicator = doc.indicator.as_ref().zip(doc.indicator_per_team());
    if let Some((c, _)) = &indicator {
        header.push(format!(
            "{} ({})",
            visible(&c.indicator.name),
            crate::map::choropleth::aggregate_text(c.how, t)
        ));
    }
    let columns = header.len();
    let mut rows: Vec<Vec<String>> = vec![header];
    let yes_no = |b: bool| match (lang, b) {
        (Lang::Nl, true) => "ja".to_string(),
        (Lang::Nl, false) => "nee".to_string(),
        (Lang::En, true) => "yes".to_string(),
        (Lang::En, false) => "no".to_string(),
    };
    for (i, team) in s.teams.iter_enumerated() {
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
        let mut row = vec![
            visible(&team.name).into_owned(),
            // As the team list counts them: whole zones, and zones shared with another team.
            i18n::zone_count(st, "", t),
            st.municipalities.to_string(),
            i18n::int(st.population),
            children,
            i18n::eur(st.budget_flat),
            contiguous,
        ];
        if let Some((c, values)) = &indicator {
            let v = values.get(i).copied().flatten();
            row.push(crate::map::choropleth::team_value_text(c.how, v, t));
        }
        rows.push(row);
    }
    let widths: Vec<usize> = (0..columns)
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
    out.push('\n');
    if m.is_covered() {
        out.push_str(&format!("{}: {}\n", coverage_word(lang), t.coverage_ok));
    } else {
        let names: Vec<Cow<str>> = m
            .unassigned_units
            .iter()
            .map(|&u| visible(&doc.data.atlas.units[u].name))
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
    scenario_from_file(atlas, path, scenario_file::read(path)?)
}

/// A scenario file already read, on `atlas`: another edition or unknown codes are an error.
fn scenario_from_file(
    atlas: &Atlas,
    path: &Path,
    f: scenario_file::ScenarioFile,
) -> Result<Scenario, DataError> {
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
fn document_for(args: &Args, scenario: Option<&Path>) -> Result<Document, String> {
    document_and_file(args, scenario).map(|(doc, _)| doc)
}

/// As [`document_for`], with the file read (its metadata, its fields this version does not
/// know).
fn document_and_file(
    args: &Args,
    scenario: Option<&Path>,
) -> Result<(Document, Option<scenario_file::ScenarioFile>), String> {
    // The scenario is read once: its edition chooses the data, then it is resolved on them.
    let file = match scenario {
        Some(p) => Some((p, scenario_file::read(p).map_err(|e| e.to_string())?)),
        None => None,
    };
    let edition = args
        .edition
        .or(file.as_ref().map(|(_, f)| f.edition))
        .unwrap_or(Edition::M2025);
    let dir = resolve_data(args, edition)?;
    let mut doc = Document::load(&dir, edition).map_err(|e| e.to_string())?;
    let mut kept = None;
    if let Some((p, f)) = file {
        // The indicator saved with the scenario, unless the command line names another.
        if let Some(r) = &f.indicator {
            doc.indicator = Some(r.to_choice(&doc.data.atlas, p).map_err(|e| e.to_string())?);
        }
        let s = scenario_from_file(&doc.data.atlas, p, f.clone()).map_err(|e| e.to_string())?;
        doc.set_scenario(s);
        kept = Some(f);
    }
    if let Some(mut c) = indicator_for(args, &doc)? {
        // The column the scenario was saved with keeps its saved way of aggregating it.
        if args.aggregate.is_none()
            && let Some(saved) = &doc.indicator
            && saved.indicator.name == c.indicator.name
        {
            c.how = saved.how;
        }
        doc.indicator = Some(c);
    } else if let (Some(how), Some(c)) = (args.aggregate, &mut doc.indicator) {
        c.how = how;
    }
    Ok((doc, kept))
}

/// Exit code when the output could not be written (a closed pipe, a full device).
pub const EXIT_OUTPUT: i32 = 3;

/// A message on standard error. When even that cannot be written there is no one left to
/// tell, so a failure is dropped here, and only here.
pub fn warn(msg: &str) {
    let _ = writeln!(std::io::stderr().lock(), "gebiedsplanner: {msg}");
}

/// Run `body` on the locked standard output and flush it; a write that fails (the reader of
/// a pipe went away, the device is full) ends the command with a message and
/// [`EXIT_OUTPUT`] instead of a panic.
pub fn with_stdout(body: impl FnOnce(&mut dyn Write) -> std::io::Result<i32>) -> i32 {
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    match body(&mut out).and_then(|code| out.flush().map(|()| code)) {
        Ok(code) => code,
        Err(e) => {
            warn(&format!("cannot write the output: {e}"));
            EXIT_OUTPUT
        }
    }
}

/// The export outputs as (option, path).
fn outputs(e: &ExportArgs) -> Vec<(&'static str, &Path)> {
    [
        ("--png", &e.png),
        ("--svg", &e.svg),
        ("--pdf", &e.pdf),
        ("--geojson", &e.geojson),
        ("--csv", &e.csv),
    ]
    .into_iter()
    .filter_map(|(o, p)| Some((o, p.as_deref()?)))
    .collect()
}

/// Refuse an output that is also an input (the scenario, a file of the data folder) or
/// another output of the same command: writing it would destroy what is read, or one output
/// would silently replace the other. Paths are compared after following links.
pub fn check_outputs(e: &ExportArgs, data_dir: Option<&Path>) -> Result<(), String> {
    let real = |p: &Path| crate::data::atomic::resolve(p).unwrap_or_else(|_| p.to_path_buf());
    let mut inputs: Vec<(String, PathBuf)> = Vec::new();
    if let Some(s) = &e.scenario {
        inputs.push((format!("the scenario {}", s.display()), real(s)));
    }
    if let Some(dir) = data_dir
        && let Ok(entries) = std::fs::read_dir(dir)
    {
        for f in entries.flatten() {
            inputs.push((
                format!("the data file {}", f.path().display()),
                real(&f.path()),
            ));
        }
    }
    let mut seen: Vec<(&str, &Path, PathBuf)> = Vec::new();
    for (opt, p) in outputs(e) {
        let r = real(p);
        if let Some((what, _)) = inputs.iter().find(|(_, i)| *i == r) {
            return Err(format!(
                "{opt} {}: that is {what}; choose another output file",
                p.display()
            ));
        }
        if let Some((o, q, _)) = seen.iter().find(|(_, _, x)| *x == r) {
            return Err(format!(
                "{o} {} and {opt} {} are the same file; give each output its own file",
                q.display(),
                p.display()
            ));
        }
        seen.push((opt, p, r));
    }
    Ok(())
}

/// Run `export`: returns the process exit code.
pub fn run_export(args: &Args, e: &ExportArgs) -> i32 {
    if let Err(msg) = check_outputs(e, None) {
        warn(&msg);
        return 2;
    }
    let doc = match document_for(args, e.scenario.as_deref()) {
        Ok(s) => s,
        Err(msg) => {
            warn(&msg);
            return 2;
        }
    };
    // Now that the data folder is known, its files count as inputs too.
    if let Err(msg) = check_outputs(e, doc.data.source.folder()) {
        warn(&msg);
        return 2;
    }
    with_stdout(|out| export_to(args, e, &doc, out))
}

fn export_to(
    args: &Args,
    e: &ExportArgs,
    doc: &Document,
    out: &mut dyn Write,
) -> std::io::Result<i32> {
    let mut ok = true;
    // Ok(false): this file could not be written (told on standard error); Err: the list of
    // written files on standard output could not be.
    let mut write = |path: &Path, bytes: &[u8]| -> std::io::Result<bool> {
        match crate::data::atomic::write_atomic(path, bytes) {
            Ok(()) => writeln!(out, "{}", visible(&path.display().to_string())).map(|()| true),
            Err(err) => {
                warn(&format!("{}: cannot write: {err}", path.display()));
                Ok(false)
            }
        }
    };
    if e.png.is_some() || e.svg.is_some() || e.pdf.is_some() {
        let mut opts = crate::export::ImageOptions::new(e.width, e.layers.clone(), args.lang);
        opts.region = e.region;
        let needs_overlays = e.layers.iter().any(|l| {
            [
                crate::map::layer::historic::KEY,
                crate::map::layer::proeftuinen::KEY,
            ]
            .contains(l)
        });
        if needs_overlays {
            for err in &doc.data.overlays().errors {
                warn(&err.clone());
            }
        }
        use crate::export::image::Page;
        // Each page shape drawn once, for the files that take it.
        let mut drawn: Vec<(Page, String)> = Vec::new();
        let mut svg_on = |page: Page| -> String {
            if let Some((_, svg)) = drawn.iter().find(|(p, _)| *p == page) {
                return svg.clone();
            }
            opts.page = page;
            let svg = crate::export::render_svg(doc, &opts);
            drawn.push((page, svg.clone()));
            svg
        };
        let image_page = e.page.unwrap_or(Page::Slide);
        if let Some(p) = &e.svg {
            ok &= write(p, svg_on(image_page).as_bytes())?;
        }
        let renderers: [(&Option<PathBuf>, crate::export::Render, Page); 2] = [
            (&e.png, crate::export::render_png, image_page),
            (
                &e.pdf,
                crate::export::render_pdf,
                e.page.unwrap_or(Page::A4),
            ),
        ];
        for (path, render, page) in renderers {
            if let Some(p) = path {
                let svg = svg_on(page);
                match render(&svg) {
                    Ok(bytes) => ok &= write(p, &bytes)?,
                    Err(err) => {
                        warn(&format!("{}: cannot render: {err}", p.display()));
                        ok = false;
                    }
                }
            }
        }
    }
    if let Some(p) = &e.geojson {
        ok &= write(p, crate::export::teams_geojson(doc).as_bytes())?;
    }
    if let Some(p) = &e.csv {
        ok &= write(p, crate::export::stats_csv(doc, args.lang).as_bytes())?;
    }
    if let Some(p) = &e.xlsx {
        let t = i18n::texts(args.lang);
        let baseline = crate::export::Baseline {
            name: t.baseline_historic,
            scenario: &doc.data.historic.scenario,
        };
        match crate::export::tables_xlsx(doc, Some(&baseline), args.lang) {
            Ok(bytes) => ok &= write(p, &bytes)?,
            Err(err) => {
                warn(&format!(
                    "{}: cannot write the workbook: {err}",
                    p.display()
                ));
                ok = false;
            }
        }
    }
    Ok(if ok { 0 } else { 2 })
}

/// Run `check`: returns the process exit code.
pub fn run_check(args: &Args, scenario: Option<&Path>) -> i32 {
    let doc = match document_for(args, scenario) {
        Ok(s) => s,
        Err(msg) => {
            warn(&msg);
            return 2;
        }
    };
    with_stdout(|out| check_to(args, &doc, out))
}

/// The report of `check` on `out`. Every name is written with its control characters made
/// visible, so that each zone of `--zones` is exactly one line.
pub fn check_to(args: &Args, doc: &Document, out: &mut dyn Write) -> std::io::Result<i32> {
    let t = i18n::texts(args.lang);
    writeln!(
        out,
        "{}: {}",
        t.scenario,
        visible(i18n::scenario_name(&doc.scenario.name, t))
    )?;
    writeln!(out, "{}", i18n::data_source(&doc.data.source, t))?;
    write!(out, "{}", team_table(doc, args.lang))?;
    if args.list_zones {
        let s = &doc.scenario;
        for (u, unit) in doc.data.atlas.units.iter_enumerated() {
            let team = s.unit_team[u]
                .and_then(|t| s.teams.get(t))
                .map_or("-", |t| t.id.as_str());
            writeln!(
                out,
                "zone {} {} {}",
                visible(&unit.code),
                visible(team),
                visible(&unit.name)
            )?;
        }
    }
    let m = &doc.metrics;
    let team_name = |i: TeamId| visible(&doc.scenario.teams[i].name);
    let mut broken = Vec::new();
    for i in m.non_contiguous_teams() {
        broken.push(
            t.rule_not_contiguous_cli
                .replace("{team}", &team_name(i))
                .replace("{n}", &m.teams[i].components.len().to_string()),
        );
    }
    for i in m.teams_with_split_units() {
        let zones = m.teams[i]
            .split_units
            .iter()
            .map(|&u| visible(&doc.data.atlas.units[u].name))
            .collect::<Vec<_>>()
            .join(", ");
        broken.push(
            t.rule_split_zone_cli
                .replace("{team}", &team_name(i))
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
        writeln!(out, "{}", t.rules_all_ok_cli)?;
        Ok(0)
    } else {
        for b in &broken {
            writeln!(out, "{}: {b}", t.rule_broken_cli)?;
        }
        Ok(1)
    }
}
