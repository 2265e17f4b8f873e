//! Every UI string, in Dutch and English, and Belgian number formatting.

pub mod meetings;
pub mod proposals;
pub mod scenario_ui;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
pub enum Lang {
    #[default]
    Nl,
    En,
}

/// Format a whole number the Belgian way: 1.234.567 (negative numbers get a minus sign).
pub fn int(v: f64) -> String {
    let n = v.round();
    let neg = n < 0.0;
    let digits = format!("{:.0}", n.abs());
    let mut out = String::with_capacity(digits.len() + digits.len() / 3 + 1);
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push('.');
        }
        out.push(ch);
    }
    if neg { format!("-{out}") } else { out }
}

/// An amount in euro, Belgian style: EUR 400.000.
pub fn eur(v: f64) -> String {
    format!("EUR {}", int(v))
}

/// The same for the panels, where a line may wrap: a no-break space keeps "EUR" with its amount.
pub fn eur_nowrap(v: f64) -> String {
    format!("EUR\u{a0}{}", int(v))
}

/// A team's zones as the team list and `check` count them: the whole zones, followed by
/// `unit` ("4 ELZ"), then the zones it shares with another team ("4 ELZ + 1 gedeeld").
pub fn zone_count(st: &crate::model::metrics::TeamStats, unit: &str, t: &Texts) -> String {
    let whole = st.units.len() - st.split_units.len();
    match st.split_units.len() {
        0 => format!("{whole}{unit}"),
        shared => format!("{whole}{unit} + {shared} {}", t.shared_zone),
    }
}

/// What a step of the history did, for the undo and redo buttons.
pub fn step_label(l: &crate::model::edit::StepLabel, t: &Texts) -> String {
    use crate::model::edit::StepLabel;
    match l {
        StepLabel::Assign { names, team } => {
            format!(
                "{} » {}",
                names.join(", "),
                team.as_deref().unwrap_or(t.no_team)
            )
        }
        StepLabel::CreateTeam { name } => format!("+ {name}"),
        StepLabel::RenameTeam { from, to } => format!("{from} » {to}"),
        StepLabel::RecolourTeam { team } => format!("{team}: {}", t.colour.to_lowercase()),
        StepLabel::DeleteTeam { team } => format!("− {team}"),
        StepLabel::SetLocked { team, locked } => {
            let what = if *locked { t.lock } else { t.unlock };
            format!("{team}: {}", what.to_lowercase())
        }
        StepLabel::Import { file } => format!("CSV {file}"),
        StepLabel::SetProperties { name } => format!("» {name}"),
        StepLabel::SetTeamDetails { team, name } => format!("{team} » {name}"),
    }
}

/// Why an edit was refused, for the user.
pub fn edit_error(lang: Lang, e: &crate::model::edit::EditError) -> String {
    use crate::model::edit::EditError;
    match (e, lang) {
        (EditError::Locked { team }, Lang::Nl) => {
            format!("Team ‘{team}’ is vergrendeld: ontgrendel het eerst.")
        }
        (EditError::Locked { team }, Lang::En) => {
            format!("Team ‘{team}’ is locked: unlock it first.")
        }
        (EditError::UnknownTeam(_), Lang::Nl) => "Dat team bestaat niet meer.".into(),
        (EditError::UnknownTeam(_), Lang::En) => "That team no longer exists.".into(),
        (EditError::OutsideRegion { zone, region }, Lang::Nl) => format!(
            "‘{zone}’ ligt buiten {region}: dit scenario is een voorstel voor die regio \
             (Bestand > Eigenschappen…)."
        ),
        (EditError::OutsideRegion { zone, region }, Lang::En) => format!(
            "‘{zone}’ lies outside {region}: this scenario is a proposal for that region \
             (File > Properties…)."
        ),
        (EditError::NoChange, Lang::Nl) => "Er verandert niets.".into(),
        (EditError::NoChange, Lang::En) => "Nothing changes.".into(),
    }
}

/// Why a line of an imported division was not used.
pub fn skip_reason(lang: Lang, r: &crate::data::assignment_csv::SkipReason) -> String {
    use crate::data::assignment_csv::SkipReason;
    let v = |s: &str| crate::export::text::visible(s).into_owned();
    match (r, lang) {
        (SkipReason::NoCode, Lang::Nl) => "geen code".into(),
        (SkipReason::NoCode, Lang::En) => "no code".into(),
        (SkipReason::Repeated { code, first }, Lang::Nl) => {
            format!("code '{}' stond al op regel {first}", v(code))
        }
        (SkipReason::Repeated { code, first }, Lang::En) => {
            format!("code '{}' was given on line {first} already", v(code))
        }
        (SkipReason::UnknownTeam(team), Lang::Nl) => {
            format!("team '{}' bestaat niet in dit scenario", v(team))
        }
        (SkipReason::UnknownTeam(team), Lang::En) => {
            format!("team '{}' is not in this scenario", v(team))
        }
        (SkipReason::UnknownCode(code), Lang::Nl) => {
            format!(
                "code '{}' is geen zone of gemeente van de gegevens",
                v(code)
            )
        }
        (SkipReason::UnknownCode(code), Lang::En) => {
            format!(
                "code '{}' is not a zone or municipality in the data",
                v(code)
            )
        }
        (SkipReason::Refused(e), _) => edit_error(lang, e),
    }
}

/// The skipped lines of an import as "FILE: line N: why", at most `max` of them and a count
/// of the rest.
pub fn skipped_lines(
    lang: Lang,
    file: &std::path::Path,
    report: &crate::data::assignment_csv::ImportReport,
    max: usize,
) -> Vec<String> {
    let t = texts(lang);
    let mut out: Vec<String> = report
        .skipped
        .iter()
        .take(max)
        .map(|(line, why)| {
            format!(
                "{}: {} {line}: {}",
                file.display(),
                t.line,
                skip_reason(lang, why)
            )
        })
        .collect();
    if report.skipped.len() > max {
        let n = report.skipped.len() - max;
        out.push(match lang {
            Lang::Nl => format!("… en nog {n}"),
            Lang::En => format!("… {n} more"),
        });
    }
    out
}

/// The note that a reference layer was converted from its projected system.
pub fn reprojected(t: &Texts, crs: crate::data::reference::SourceCrs) -> String {
    t.reprojected.replace("{crs}", crs.label())
}

/// Why a reference layer could not be opened, for the user; it names the file.
pub fn reference_error(lang: Lang, e: &crate::data::reference::ReferenceError) -> String {
    use crate::data::reference::{CrsGuess, ReferenceError};
    let file = e.file().display();
    let readable = match lang {
        Lang::Nl => {
            "alleen WGS84 (lengte/breedte), Belgische Lambert 72 (EPSG:31370) en Belgische \
             Lambert 2008 (EPSG:3812) kunnen gelezen worden"
        }
        Lang::En => {
            "only WGS84 longitude/latitude, Belgian Lambert 72 (EPSG:31370) and Belgian \
             Lambert 2008 (EPSG:3812) can be read"
        }
    };
    let save = match lang {
        Lang::Nl => {
            "Sla het bestand eerst op in EPSG:4326 (in QGIS: Exporteren > Objecten opslaan als, CRS EPSG:4326)."
        }
        Lang::En => {
            "Save the file in EPSG:4326 first (in QGIS: Export > Save Features As, CRS EPSG:4326)."
        }
    };
    match (e, lang) {
        (ReferenceError::Data(d), _) => d.to_string(),
        (ReferenceError::UnknownCrs { name, .. }, Lang::Nl) => {
            format!(
                "{file}: het bestand gebruikt het coördinatenstelsel {name}; {readable}. {save}"
            )
        }
        (ReferenceError::UnknownCrs { name, .. }, Lang::En) => {
            format!("{file}: the file is in coordinate system {name}; {readable}. {save}")
        }
        (
            ReferenceError::UnknownCoordinates {
                min, max, guess, ..
            },
            _,
        ) => {
            let looks = match (guess, lang) {
                (CrsGuess::WebMercator, Lang::Nl) => "ze lijken op Web Mercator (EPSG:3857)",
                (CrsGuess::WebMercator, Lang::En) => "they look like Web Mercator (EPSG:3857)",
                (CrsGuess::Utm31, Lang::Nl) => "ze lijken op UTM zone 31N (EPSG:32631)",
                (CrsGuess::Utm31, Lang::En) => "they look like UTM zone 31N (EPSG:32631)",
                (CrsGuess::Unknown, Lang::Nl) => "een onbekend geprojecteerd stelsel",
                (CrsGuess::Unknown, Lang::En) => "an unknown projected coordinate system",
            };
            let range = format!(
                "({}, {}) – ({}, {})",
                int(min[0]),
                int(min[1]),
                int(max[0]),
                int(max[1])
            );
            match lang {
                Lang::Nl => {
                    format!("{file}: de coördinaten lopen van {range}: {looks}; {readable}. {save}")
                }
                Lang::En => {
                    format!("{file}: coordinates run from {range}: {looks}; {readable}. {save}")
                }
            }
        }
        (ReferenceError::NoPrj { .. }, Lang::Nl) => format!(
            "{file}: er staat geen .prj-bestand naast, dus het coördinatenstelsel is onbekend; \
             bewaar de .prj die bij de shapefile hoort in dezelfde map."
        ),
        (ReferenceError::NoPrj { .. }, Lang::En) => format!(
            "{file}: there is no .prj file beside it, so its coordinate system is not known; \
             keep the .prj that came with the shapefile in the same folder."
        ),
        (ReferenceError::NoDbf { .. }, Lang::Nl) => format!(
            "{file}: er staat geen .dbf-bestand naast (de tabel met de eigenschappen); bewaar \
             de .dbf die bij de shapefile hoort in dezelfde map."
        ),
        (ReferenceError::NoDbf { .. }, Lang::En) => format!(
            "{file}: there is no .dbf file beside it (the table of the shapes' properties); \
             keep the .dbf that came with the shapefile in the same folder."
        ),
    }
}

/// Why a file cannot be the offline base map, for the user; it names the file.
pub fn tiles_file_error(lang: Lang, e: &crate::map::offline_tiles::TilesFileError) -> String {
    use crate::map::offline_tiles::TilesFileError as E;
    let file = e.file().display();
    let why = match (e, lang) {
        (E::Missing(_), Lang::Nl) => "het bestand bestaat niet".to_string(),
        (E::Missing(_), Lang::En) => "the file does not exist".to_string(),
        (E::NotRegular(_), Lang::Nl) => "is geen gewoon bestand".to_string(),
        (E::NotRegular(_), Lang::En) => "is not a regular file".to_string(),
        (E::Io(_, m), Lang::Nl) => format!("kan niet gelezen worden: {m}"),
        (E::Io(_, m), Lang::En) => format!("cannot be read: {m}"),
        (E::NotPmTiles(_), Lang::Nl) => {
            "is geen PMTiles-bestand (het begint niet met \"PMTiles\")".to_string()
        }
        (E::NotPmTiles(_), Lang::En) => {
            "is not a PMTiles file (it does not start with \"PMTiles\")".to_string()
        }
        (E::Version(_, v), Lang::Nl) => {
            format!("is een PMTiles-bestand van versie {v}; alleen versie 3 kan gelezen worden")
        }
        (E::Version(_, v), Lang::En) => {
            format!("is a PMTiles file of version {v}; only version 3 can be read")
        }
        (E::TileType(_, k), Lang::Nl) => format!(
            "bevat tegels van het type {k}; als achtergrondkaart kunnen alleen PNG- en \
             JPEG-tegels getoond worden"
        ),
        (E::TileType(_, k), Lang::En) => {
            format!("holds {k} tiles; only PNG and JPEG tiles can be shown as the base map")
        }
        (E::Broken(_, m), Lang::Nl) => format!("is beschadigd: {m}"),
        (E::Broken(_, m), Lang::En) => format!("is damaged: {m}"),
    };
    format!("{file}: {why}")
}

/// A decimal with a comma: 12,5.
pub fn dec(v: f64, decimals: usize) -> String {
    format!("{v:.decimals$}").replace('.', ",")
}

/// The note under a list cut short: "… en 9.983 teams meer".
pub fn more_teams(n: usize, t: &Texts) -> String {
    t.more_teams.replace("{n}", &int(n as f64))
}

/// "1 zone", "3 zones": a count with the right noun.
pub fn count(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// The UI texts of one language.
pub struct Texts {
    pub app_title: &'static str,
    /// The texts of the proposal window and the repair.
    pub propose: &'static ProposeTexts,
    /// The texts of the presentation, the second screen and the export pages.
    pub meet: &'static meetings::MeetingTexts,
    pub proposal_ui: &'static scenario_ui::ScenarioTexts,
    pub menu_file: &'static str,
    pub menu_view: &'static str,
    pub menu_help: &'static str,
    pub choose_data_folder: &'static str,
    pub about: &'static str,
    pub language: &'static str,
    pub quit: &'static str,
    pub teams: &'static str,
    pub team: &'static str,
    pub no_team: &'static str,
    pub zones: &'static str,
    pub zone: &'static str,
    pub municipalities: &'static str,
    pub population: &'static str,
    pub children: &'static str,
    pub budget: &'static str,
    pub unknown: &'static str,
    pub estimate: &'static str,
    pub estimated_area: &'static str,
    pub sourced_area: &'static str,
    pub partial_area: &'static str,
    pub contiguous: &'static str,
    pub not_contiguous: &'static str,
    pub parts: &'static str,
    pub coverage_ok: &'static str,
    pub coverage_missing: &'static str,
    pub total: &'static str,
    pub partners: &'static str,
    pub selected: &'static str,
    pub nothing_selected: &'static str,
    pub tiles: &'static str,
    pub tiles_offline: &'static str,
    pub tiles_slow: &'static str,
    pub tiles_errors: &'static str,
    pub tiles_retry: &'static str,
    pub tiles_none: &'static str,
    pub tiles_offline_file: &'static str,
    pub tiles_offline_choose: &'static str,
    pub kind_pmtiles: &'static str,
    pub municipality_borders: &'static str,
    pub zone_labels: &'static str,
    pub scenario: &'static str,
    pub data_missing_title: &'static str,
    pub data_missing_intro: &'static str,
    pub data_looked_in: &'static str,
    pub loading_title: &'static str,
    pub loading_start: &'static str,
    pub loading_reading: &'static str,
    pub loading_borders: &'static str,
    pub loading_divisions: &'static str,
    pub loading_map: &'static str,
    pub step: &'static str,
    pub step_of: &'static str,
    pub load_stopped: &'static str,
    pub opening: &'static str,
    pub data_missing_files: &'static str,
    pub data_error: &'static str,
    /// "Data" before the set in use, in the status bar and the About box.
    pub data_in_use: &'static str,
    pub data_built_in: &'static str,
    pub data_folder: &'static str,
    pub retry: &'static str,
    pub close: &'static str,
    pub about_text: &'static str,
    pub attribution: &'static str,
    pub edition: &'static str,
    pub population_note: &'static str,
    pub antwerp_note: &'static str,
    pub children_unknown_note: &'static str,
    pub rules_ok: &'static str,
    pub rules_broken: &'static str,
    pub zoom_to: &'static str,
    pub undo: &'static str,
    pub redo: &'static str,
    pub mode: &'static str,
    pub mode_zones: &'static str,
    pub mode_municipalities: &'static str,
    pub budget_model: &'static str,
    pub budget_flat: &'static str,
    pub budget_share: &'static str,
    pub compare_with: &'static str,
    pub baseline_historic: &'static str,
    pub baseline_default: &'static str,
    pub next_unassigned: &'static str,
    pub move_to_team: &'static str,
    pub unassign: &'static str,
    /// The note under a legend cut short; {n} is the number left out.
    pub more_teams: &'static str,
    pub new_team: &'static str,
    pub rename: &'static str,
    pub colour: &'static str,
    pub lock: &'static str,
    pub unlock: &'static str,
    pub locked: &'static str,
    pub delete: &'static str,
    pub cancel: &'static str,
    pub cancel_action: &'static str,
    pub shortcuts: &'static str,
    pub no_scenario: &'static str,
    pub shortcuts_presentation: &'static str,
    pub keys_zoom_text: &'static str,
    pub delete_question: &'static str,
    pub delete_explain: &'static str,
    pub per_child: &'static str,
    pub gained: &'static str,
    pub lost: &'static str,
    pub versus: &'static str,
    pub zone_split: &'static str,
    pub part: &'static str,
    pub preview: &'static str,
    pub teams_not_contiguous: &'static str,
    pub drop_here: &'static str,
    pub selection: &'static str,
    pub hint_edit: &'static str,
    pub hint_edit_municipalities: &'static str,
    pub search_hint: &'static str,
    pub search_none: &'static str,
    pub reference_open: &'static str,
    pub reference_layer: &'static str,
    pub label_field: &'static str,
    pub remove: &'static str,
    pub reprojected: &'static str,
    pub reference_loading: &'static str,
    pub kind_reference: &'static str,
    pub features_skipped: &'static str,
    pub historic_layer: &'static str,
    pub proeftuinen_layer: &'static str,
    pub approximate: &'static str,
    pub historic_card: &'static str,
    pub proeftuin_card: &'static str,
    pub period: &'static str,
    pub aims: &'static str,
    pub actors: &'static str,
    pub sources: &'static str,
    pub neighbourhood: &'static str,
    pub area_note: &'static str,
    pub overlay_error: &'static str,
    pub coverage_missing_one: &'static str,
    pub teams_not_contiguous_one: &'static str,
    pub delete_explain_one: &'static str,
    pub partners_one: &'static str,
    pub compact_list: &'static str,
    pub compact_list_hint: &'static str,
    pub shared_zone: &'static str,
    pub split_over: &'static str,
    pub show_detached: &'static str,
    pub whole_map: &'static str,
    pub text_size: &'static str,
    pub share_note: &'static str,
    pub tiles_disabled: &'static str,
    pub municipality: &'static str,
    pub hatch_legend: &'static str,
    pub hatch_detached: &'static str,
    pub hatch_shared: &'static str,
    pub hatch_difference: &'static str,
    pub rules_all_ok_cli: &'static str,
    pub rule_broken_cli: &'static str,
    /// `{team}` and `{n}` are filled in.
    pub rule_not_contiguous_cli: &'static str,
    /// `{team}` and `{zones}` are filled in.
    pub rule_split_zone_cli: &'static str,
    /// `{n}` is filled in.
    pub rule_uncovered_cli: &'static str,
    pub layers: &'static str,
    pub layers_button: &'static str,
    pub zone_fill: &'static str,
    pub zone_borders: &'static str,
    pub team_borders: &'static str,
    pub hatch_layer: &'static str,
    pub province_borders: &'static str,
    pub tiles_osm: &'static str,
    pub tiles_light: &'static str,
    pub opacity: &'static str,
    pub high_contrast: &'static str,
    pub presentation: &'static str,
    pub all_flanders: &'static str,
    pub file_missing: &'static str,
    pub new_default: &'static str,
    pub new_empty: &'static str,
    pub open: &'static str,
    pub open_recent: &'static str,
    pub save: &'static str,
    pub save_as: &'static str,
    pub duplicate: &'static str,
    pub close_tab: &'static str,
    pub import_csv: &'static str,
    pub export_csv: &'static str,
    pub export_geojson: &'static str,
    pub export_stats: &'static str,
    pub export_png: &'static str,
    pub export_svg: &'static str,
    pub export_pdf: &'static str,
    pub export_report: &'static str,
    pub merge_proposals: &'static str,
    pub unsaved_title: &'static str,
    pub unsaved_body: &'static str,
    pub unsaved_quit: &'static str,
    pub unsaved_quit_one: &'static str,
    pub tab_number: &'static str,
    pub dont_save: &'static str,
    pub recovery_title: &'static str,
    pub recovery_body: &'static str,
    pub recovery_failed: &'static str,
    pub recovery_kept_as: &'static str,
    /// A recovery copy that is no longer needed could not be removed.
    pub recovery_not_removed: &'static str,
    pub recovery_cannot_remove: &'static str,
    pub recovery_offered_again: &'static str,
    pub autosave_failed: &'static str,
    pub autosave_failed_hint: &'static str,
    pub restore: &'static str,
    pub discard: &'static str,
    pub saved_to: &'static str,
    pub no_file_dialog: &'static str,
    pub no_file_dialog_hint: &'static str,
    pub import_done: &'static str,
    pub skipped: &'static str,
    /// "Gelezen als" before the character encoding of an imported table.
    pub read_in_encoding: &'static str,
    /// Column and sheet names of the Excel export.
    pub code: &'static str,
    pub nis_code: &'static str,
    pub yes: &'static str,
    pub no: &'static str,
    pub sources_sheet: &'static str,
    pub export_xlsx: &'static str,
    pub kind_xlsx: &'static str,
    pub line: &'static str,
    pub save_failed: &'static str,
    pub open_failed: &'static str,
    pub export_failed: &'static str,
    pub unresolved_title: &'static str,
    pub unresolved_body: &'static str,
    pub differences: &'static str,
    pub moved_units: &'static str,
    pub no_differences: &'static str,
    pub zone_or_municipality: &'static str,
    pub from_team: &'static str,
    pub to_team: &'static str,
    pub kind_scenario: &'static str,
    pub kind_csv: &'static str,
    pub kind_geojson: &'static str,
    pub kind_png: &'static str,
    pub kind_svg: &'static str,
    pub kind_pdf: &'static str,
    pub copy_of: &'static str,
    pub empty_division: &'static str,
    pub default_division: &'static str,
    pub historic_division: &'static str,
    pub menu_edit: &'static str,
    pub copy_table: &'static str,
    pub table_copied: &'static str,
    pub no_data: &'static str,
    pub aggregate_sum: &'static str,
    pub aggregate_by_population: &'static str,
    pub aggregate_by_children: &'static str,
    pub indicator: &'static str,
    pub indicator_open: &'static str,
    pub indicator_on_map: &'static str,
    pub indicator_column: &'static str,
    pub indicator_per_team: &'static str,
    pub indicator_read: &'static str,
    pub indicator_unknown: &'static str,
    pub indicator_not_numbers: &'static str,
    pub kind_table: &'static str,
    pub dropped_csv_title: &'static str,
    pub dropped_csv_body: &'static str,
    pub as_division: &'static str,
    pub as_indicator: &'static str,
    pub dropped_unknown: &'static str,
    pub dropped_unknown_hint: &'static str,
    pub use_built_in: &'static str,
}

pub const NL: Texts = Texts {
    app_title: "Gebiedsplanner",
    propose: &PROPOSE_NL,
    meet: &meetings::MEETINGS_NL,
    proposal_ui: &scenario_ui::NL,
    menu_file: "Bestand",
    menu_view: "Beeld",
    menu_help: "Help",
    choose_data_folder: "Gegevensmap kiezen…",
    about: "Over Gebiedsplanner",
    language: "Taal",
    quit: "Afsluiten",
    teams: "Teams",
    team: "Team",
    no_team: "geen team",
    zones: "Eerstelijnszones",
    zone: "Eerstelijnszone",
    municipalities: "Gemeenten",
    population: "Inwoners",
    children: "Kinderen 0-17",
    budget: "Budget",
    unknown: "onbekend",
    estimate: "schatting",
    estimated_area: "gebied geschat",
    sourced_area: "gebied uit bron",
    partial_area: "gebied deels uit bron",
    contiguous: "aaneengesloten",
    not_contiguous: "niet aaneengesloten",
    parts: "delen",
    coverage_ok: "Heel Vlaanderen en Brussel is gedekt",
    coverage_missing: "zones zonder team",
    total: "Totaal",
    partners: "partners",
    selected: "Geselecteerd",
    nothing_selected: "Klik op een zone op de kaart.",
    tiles: "Achtergrondkaart",
    tiles_offline: "achtergrondkaart offline",
    tiles_slow: "traag, tegels laden nog",
    tiles_errors: "de server stuurt geen bruikbare tegels",
    tiles_retry: "opnieuw over",
    tiles_none: "geen achtergrondkaart",
    tiles_offline_file: "Offline kaart (PMTiles)",
    tiles_offline_choose: "Kies bestand…",
    kind_pmtiles: "PMTiles-kaart",
    municipality_borders: "Gemeentegrenzen",
    zone_labels: "Namen van zones",
    scenario: "Scenario",
    data_missing_title: "Gegevens niet gevonden",
    data_missing_intro: "Gebiedsplanner leest de open data uit de opgegeven gegevensmap, in plaats van de ingebouwde gegevens. Deze bestanden zijn nodig:",
    data_looked_in: "Gezocht in:",
    loading_title: "Gegevens laden…",
    loading_start: "Starten",
    loading_reading: "Lezen",
    loading_borders: "Grenzen van de gemeenten koppelen",
    loading_divisions: "Indelingen en kaartlagen voorbereiden",
    loading_map: "Kaart voorbereiden",
    step: "stap",
    step_of: "van",
    load_stopped: "Het laden van de gegevens is onverwacht gestopt. Probeer opnieuw of kies een andere gegevensmap.",
    opening: "Openen",
    data_missing_files: "ontbreekt",
    data_error: "De gegevens konden niet gelezen worden:",
    data_in_use: "Gegevens",
    data_built_in: "ingebouwd, stand",
    data_folder: "map",
    retry: "Opnieuw zoeken",
    close: "Sluiten",
    about_text: "Gebiedsplanner toont de eerstelijnszones van Vlaanderen en Brussel en de werkgebieden van de teams 1 Gezin 1 Plan, en helpt nieuwe indelingen uit te proberen.",
    attribution: "Bronnen en licenties",
    edition: "Gemeenten",
    population_note: "Inwoners: Vlaanderen 1/1/2021, Brussel 1/1/2020 (Statbel).",
    antwerp_note: "De vier Antwerpse zones delen de stad Antwerpen; hun inwoners zijn geschat naar oppervlakte.",
    children_unknown_note: "Voor Brussel is geen leeftijdsverdeling beschikbaar: kinderen onbekend.",
    rules_ok: "Alle regels voldaan",
    rules_broken: "Regels niet voldaan",
    zoom_to: "Zoom",
    undo: "Ongedaan maken",
    redo: "Opnieuw",
    mode: "Verplaats",
    mode_zones: "zones",
    mode_municipalities: "gemeenten",
    budget_model: "Budget",
    budget_flat: "vast per zone",
    budget_share: "naar kinderen",
    compare_with: "Vergelijk met",
    baseline_historic: "teams 2020",
    baseline_default: "standaardindeling",
    next_unassigned: "Volgende zone zonder team",
    move_to_team: "Verplaats naar team",
    unassign: "Geen team",
    more_teams: "… en {n} teams meer",
    new_team: "Nieuw team",
    rename: "Hernoemen",
    colour: "Kleur",
    lock: "Vergrendelen",
    unlock: "Ontgrendelen",
    locked: "vergrendeld",
    delete: "Verwijderen",
    cancel: "Annuleren",
    cancel_action: "Stop slepen of lijst, of selectie wissen",
    shortcuts: "Sneltoetsen",
    no_scenario: "Er is geen scenario open.",
    shortcuts_presentation: "In de presentatie",
    keys_zoom_text: "Ctrl + / Ctrl − / Ctrl 0: tekst groter, kleiner, normaal",
    delete_question: "Team verwijderen?",
    delete_explain: "zones krijgen geen team.",
    per_child: "per kind",
    gained: "erbij",
    lost: "weg",
    versus: "t.o.v.",
    zone_split: "ELZ gesplitst",
    part: "deel",
    preview: "voorbeeld",
    teams_not_contiguous: "teams niet aaneengesloten",
    drop_here: "Loslaten om toe te wijzen",
    selection: "Selectie",
    hint_edit: "Klik selecteert (shift: meer, shift+sleep: rechthoek). Sleep een geselecteerde zone naar een team of een buurzone. Rechtsklik: verplaatsen. Esc: annuleren.",
    hint_edit_municipalities: "Klik selecteert een gemeente (shift: meer, shift+sleep: rechthoek). Sleep een geselecteerde gemeente naar een team of een buurgemeente. Rechtsklik: verplaatsen. Esc: annuleren.",
    search_hint: "Zoek gemeente, zone, team, Proeftuin…",
    search_none: "Niets gevonden",
    reference_open: "Referentielaag openen (GeoJSON, shapefile)…",
    reference_layer: "Referentielaag",
    label_field: "Naamveld",
    remove: "Verwijderen",
    reprojected: "omgezet van {crs} naar WGS84",
    reference_loading: "Referentielaag lezen",
    kind_reference: "GeoJSON of shapefile",
    features_skipped: "objecten overgeslagen",
    historic_layer: "Historische teams 2020 (15 samenwerkingsverbanden)",
    proeftuinen_layer: "Proeftuinen buurtgerichte netwerken",
    approximate: "bij benadering",
    historic_card: "Historisch team (2020)",
    proeftuin_card: "Proeftuin buurtgericht netwerk",
    period: "Periode",
    aims: "Doel",
    actors: "Actoren",
    sources: "Bronnen",
    neighbourhood: "Buurt",
    area_note: "Gebied",
    overlay_error: "Een kaartlaag kon niet gelezen worden",
    coverage_missing_one: "zone zonder team",
    teams_not_contiguous_one: "team niet aaneengesloten",
    delete_explain_one: "zone krijgt geen team.",
    partners_one: "partner",
    compact_list: "Beknopt",
    compact_list_hint: "Korte lijst: per team de zones, kinderen, het budget en of het team aaneengesloten is",
    shared_zone: "gedeeld",
    split_over: "is verdeeld over",
    show_detached: "Toon los deel",
    whole_map: "Heel Vlaanderen",
    text_size: "Grote tekst",
    share_note: "Brussel: kinderen onbekend, geschat naar inwoners (aandeel kinderen van Vlaanderen).",
    tiles_disabled: "uitgeschakeld (--no-tiles)",
    municipality: "Gemeente",
    hatch_legend: "Arcering: zwart = geen team · rood = los deel van een team · oranje = gedeelde zone · blauw = verschil",
    hatch_detached: "los deel van een team",
    hatch_shared: "gedeelde zone",
    hatch_difference: "verschil",
    rules_all_ok_cli: "OK: alle regels voldaan",
    rule_broken_cli: "REGEL NIET VOLDAAN",
    rule_not_contiguous_cli: "team '{team}' is niet aaneengesloten ({n} delen)",
    rule_split_zone_cli: "team '{team}' heeft een deel van een zone: {zones}",
    rule_uncovered_cli: "zones zonder team: {n}",
    layers: "Lagen",
    layers_button: "Lagen…",
    zone_fill: "Zones gekleurd per team",
    zone_borders: "Zonegrenzen",
    team_borders: "Teamgrenzen",
    hatch_layer: "Arcering (geen team, losse delen, verschillen)",
    province_borders: "Provinciegrenzen (IROJ-regio's)",
    tiles_osm: "OpenStreetMap",
    tiles_light: "Lichtgrijs (presentatie)",
    opacity: "dekking",
    high_contrast: "Hoog contrast",
    presentation: "Presentatie",
    all_flanders: "Vlaanderen en Brussel",
    file_missing: "Bestanden niet gevonden",
    new_default: "Nieuw: standaardindeling",
    new_empty: "Nieuw: lege indeling",
    open: "Openen…",
    open_recent: "Recente bestanden",
    save: "Opslaan",
    save_as: "Opslaan als…",
    duplicate: "Dupliceren",
    close_tab: "Sluiten",
    import_csv: "Indeling importeren (CSV)…",
    export_csv: "Indeling exporteren (CSV)…",
    export_geojson: "Teamgebieden exporteren (GeoJSON)…",
    export_stats: "Tabel per team exporteren (CSV)…",
    export_png: "Kaart exporteren (PNG)…",
    export_svg: "Kaart exporteren (SVG)…",
    export_pdf: "Kaart exporteren (PDF)…",
    export_report: "Rapport (PDF)…",
    merge_proposals: "Voorstellen samenvoegen…",
    unsaved_title: "Niet-bewaarde wijzigingen",
    unsaved_body: "heeft wijzigingen die nog niet bewaard zijn.",
    unsaved_quit: "Gebiedsplanner sluit af. Deze tabbladen hebben wijzigingen die nog niet bewaard zijn:",
    unsaved_quit_one: "Gebiedsplanner sluit af. Dit tabblad heeft wijzigingen die nog niet bewaard zijn:",
    tab_number: "tabblad",
    dont_save: "Niet bewaren",
    recovery_title: "Werk herstellen?",
    recovery_body: "Gebiedsplanner werd niet netjes afgesloten. Deze niet-bewaarde scenario's kunnen hersteld worden:",
    recovery_failed: "Niet alles kon hersteld worden",
    recovery_kept_as: "Het bestand blijft bewaard als",
    recovery_not_removed: "Herstelkopie niet verwijderd",
    recovery_cannot_remove: "kan niet verwijderd worden",
    recovery_offered_again: "Bij de volgende start wordt ze opnieuw aangeboden; u kunt ze dan weggooien.",
    autosave_failed: "Automatisch bewaren mislukt",
    autosave_failed_hint: "Het werk is nog niet verloren: bewaar het zelf (Ctrl+S). Gebiedsplanner blijft elke minuut opnieuw proberen.",
    restore: "Herstellen",
    discard: "Weggooien",
    saved_to: "Bewaard:",
    no_file_dialog: "Het bestandsvenster kon niet openen",
    no_file_dialog_hint: "Dit systeem heeft geen bestandsvenster (xdg-desktop-portal ontbreekt). \
Installeer xdg-desktop-portal, of start de app met --save-path BESTAND: Ctrl+S bewaart dan \
zonder venster in dat bestand. Kaarten en tabellen exporteren kan ook met \
'gebiedsplanner export'.",
    import_done: "Indeling geïmporteerd",
    skipped: "overgeslagen",
    read_in_encoding: "Gelezen als",
    code: "Code",
    nis_code: "NIS-code",
    yes: "ja",
    no: "nee",
    sources_sheet: "Bronnen",
    export_xlsx: "Tabellen exporteren (Excel)…",
    kind_xlsx: "Excel-werkmap",
    line: "regel",
    save_failed: "Opslaan mislukt",
    open_failed: "Openen mislukt",
    export_failed: "Exporteren mislukt",
    unresolved_title: "Niet alles kon geplaatst worden",
    unresolved_body: "Deze codes staan in het bestand maar niet in de gegevens; ze blijven bewaard:",
    differences: "Verschillen",
    moved_units: "verschoven",
    no_differences: "Geen verschillen: elke zone en gemeente heeft hetzelfde team.",
    zone_or_municipality: "Zone of gemeente",
    from_team: "Van",
    to_team: "Naar",
    kind_scenario: "Gebiedsplanner-scenario",
    kind_csv: "CSV-tabel",
    kind_geojson: "GeoJSON",
    kind_png: "PNG-afbeelding",
    kind_svg: "SVG-afbeelding",
    kind_pdf: "PDF-document",
    copy_of: "kopie",
    empty_division: "Lege indeling",
    default_division: crate::model::defaults::DEFAULT_NAME,
    historic_division: crate::model::defaults::HISTORIC_NAME,
    menu_edit: "Bewerken",
    copy_table: "Kopieer tabel",
    table_copied: "Tabel gekopieerd: plak hem in Excel.",
    no_data: "geen gegevens",
    aggregate_sum: "som",
    aggregate_by_population: "gemiddelde gewogen naar inwoners",
    aggregate_by_children: "gemiddelde gewogen naar kinderen 0-17",
    indicator: "Indicator",
    indicator_open: "Indicatortabel openen (CSV, XLSX)…",
    indicator_on_map: "Op de kaart",
    indicator_column: "Kolom",
    indicator_per_team: "Per team",
    indicator_read: "Indicatortabel gelezen",
    indicator_unknown: "gemeenten niet gevonden",
    indicator_not_numbers: "cellen zonder getal",
    kind_table: "Tabel",
    dropped_csv_title: "Wat staat er in dit CSV-bestand?",
    dropped_csv_body: "Is het een indeling (zone of gemeente en team) of een indicatortabel (een getal per gemeente)?",
    as_division: "Indeling",
    as_indicator: "Indicatortabel",
    dropped_unknown: "Dit bestand kan niet geopend worden",
    dropped_unknown_hint: "Sleep een scenario (.json), een tabel (.csv) of een referentielaag (.geojson, .shp) op het venster.",
    use_built_in: "Ingebouwde gegevens gebruiken",
};

pub const EN: Texts = Texts {
    app_title: "Gebiedsplanner",
    propose: &PROPOSE_EN,
    meet: &meetings::MEETINGS_EN,
    proposal_ui: &scenario_ui::EN,
    menu_file: "File",
    menu_view: "View",
    menu_help: "Help",
    choose_data_folder: "Choose data folder…",
    about: "About Gebiedsplanner",
    language: "Language",
    quit: "Quit",
    teams: "Teams",
    team: "Team",
    no_team: "no team",
    zones: "Primary-care zones",
    zone: "Primary-care zone",
    municipalities: "Municipalities",
    population: "Population",
    children: "Children 0-17",
    budget: "Budget",
    unknown: "unknown",
    estimate: "estimate",
    estimated_area: "area estimated",
    sourced_area: "area from source",
    partial_area: "area partly from source",
    contiguous: "contiguous",
    not_contiguous: "not contiguous",
    parts: "parts",
    coverage_ok: "All of Flanders and Brussels is covered",
    coverage_missing: "zones without a team",
    total: "Total",
    partners: "partners",
    selected: "Selected",
    nothing_selected: "Click a zone on the map.",
    tiles: "Base map",
    tiles_offline: "base map offline",
    tiles_slow: "slow, tiles still loading",
    tiles_errors: "the server sends no usable tiles",
    tiles_retry: "retrying in",
    tiles_none: "no base map",
    tiles_offline_file: "Offline map (PMTiles)",
    tiles_offline_choose: "Choose file…",
    kind_pmtiles: "PMTiles map",
    municipality_borders: "Municipality borders",
    zone_labels: "Zone names",
    scenario: "Scenario",
    data_missing_title: "Data not found",
    data_missing_intro: "Gebiedsplanner reads the open data from the data folder given, in place of the built-in data. It needs these files:",
    data_looked_in: "Looked in:",
    loading_title: "Loading data…",
    loading_start: "Starting",
    loading_reading: "Reading",
    loading_borders: "Matching the municipal borders",
    loading_divisions: "Preparing the divisions and layers",
    loading_map: "Preparing the map",
    step: "step",
    step_of: "of",
    load_stopped: "Loading the data stopped unexpectedly. Try again or choose another data folder.",
    opening: "Opening",
    data_missing_files: "missing",
    data_error: "The data could not be read:",
    data_in_use: "Data",
    data_built_in: "built in, as of",
    data_folder: "folder",
    retry: "Look again",
    close: "Close",
    about_text: "Gebiedsplanner shows the primary-care zones of Flanders and Brussels and the work areas of the 1 Gezin 1 Plan teams, and helps try out new divisions.",
    attribution: "Sources and licences",
    edition: "Municipalities",
    population_note: "Population: Flanders 1/1/2021, Brussels 1/1/2020 (Statbel).",
    antwerp_note: "The four Antwerp zones divide the city of Antwerp; their population is estimated by area.",
    children_unknown_note: "Brussels has no age split in the data: children unknown.",
    rules_ok: "All rules hold",
    rules_broken: "Rules broken",
    zoom_to: "Zoom",
    undo: "Undo",
    redo: "Redo",
    mode: "Move",
    mode_zones: "zones",
    mode_municipalities: "municipalities",
    budget_model: "Budget",
    budget_flat: "flat per zone",
    budget_share: "by children",
    compare_with: "Compare with",
    baseline_historic: "teams 2020",
    baseline_default: "default division",
    next_unassigned: "Next zone without team",
    move_to_team: "Move to team",
    unassign: "No team",
    more_teams: "… and {n} more teams",
    new_team: "New team",
    rename: "Rename",
    colour: "Colour",
    lock: "Lock",
    unlock: "Unlock",
    locked: "locked",
    delete: "Delete",
    cancel: "Cancel",
    cancel_action: "Stop dragging or the list, or clear the selection",
    shortcuts: "Keyboard shortcuts",
    no_scenario: "No scenario is open.",
    shortcuts_presentation: "In the presentation",
    keys_zoom_text: "Ctrl + / Ctrl − / Ctrl 0: larger, smaller, normal text",
    delete_question: "Delete team?",
    delete_explain: "zones will have no team.",
    per_child: "per child",
    gained: "gained",
    lost: "lost",
    versus: "vs.",
    zone_split: "zone split",
    part: "part",
    preview: "preview",
    teams_not_contiguous: "teams not contiguous",
    drop_here: "Release to assign",
    selection: "Selection",
    hint_edit: "Click selects (shift: more, shift+drag: rectangle). Drag a selected zone onto a team or a neighbouring zone. Right-click: move. Esc: cancel.",
    hint_edit_municipalities: "Click selects a municipality (shift: more, shift+drag: rectangle). Drag a selected municipality onto a team or a neighbouring municipality. Right-click: move. Esc: cancel.",
    search_hint: "Find municipality, zone, team, Proeftuin…",
    search_none: "Nothing found",
    reference_open: "Open reference layer (GeoJSON, shapefile)…",
    reference_layer: "Reference layer",
    label_field: "Label field",
    remove: "Remove",
    reprojected: "converted from {crs} to WGS84",
    reference_loading: "Reading reference layer",
    kind_reference: "GeoJSON or shapefile",
    features_skipped: "features skipped",
    historic_layer: "Historic teams 2020 (15 partnerships)",
    proeftuinen_layer: "Proeftuinen (neighbourhood networks)",
    approximate: "approximate",
    historic_card: "Historic team (2020)",
    proeftuin_card: "Neighbourhood network pilot",
    period: "Period",
    aims: "Aims",
    actors: "Actors",
    sources: "Sources",
    neighbourhood: "Neighbourhood",
    area_note: "Area",
    overlay_error: "An overlay could not be read",
    coverage_missing_one: "zone without a team",
    teams_not_contiguous_one: "team not contiguous",
    delete_explain_one: "zone will have no team.",
    partners_one: "partner",
    compact_list: "Compact",
    compact_list_hint: "Short list: per team its zones, children, budget and whether it is contiguous",
    shared_zone: "shared",
    split_over: "is divided over",
    show_detached: "Show detached part",
    whole_map: "All of Flanders",
    text_size: "Large text",
    share_note: "Brussels: children unknown, estimated from population (Flemish share of children).",
    tiles_disabled: "disabled (--no-tiles)",
    municipality: "Municipality",
    hatch_legend: "Hatching: black = no team · red = detached part of a team · orange = shared zone · blue = difference",
    hatch_detached: "detached part of a team",
    hatch_shared: "shared zone",
    hatch_difference: "difference",
    rules_all_ok_cli: "OK: all rules hold",
    rule_broken_cli: "RULE BROKEN",
    rule_not_contiguous_cli: "team '{team}' is not contiguous ({n} parts)",
    rule_split_zone_cli: "team '{team}' holds part of a zone: {zones}",
    rule_uncovered_cli: "zones without a team: {n}",
    layers: "Layers",
    layers_button: "Layers…",
    zone_fill: "Zones coloured by team",
    zone_borders: "Zone borders",
    team_borders: "Team borders",
    hatch_layer: "Hatching (no team, detached parts, differences)",
    province_borders: "Province borders (IROJ regions)",
    tiles_osm: "OpenStreetMap",
    tiles_light: "Light grey (presentation)",
    opacity: "opacity",
    high_contrast: "High contrast",
    presentation: "Presentation",
    all_flanders: "Flanders and Brussels",
    file_missing: "Files not found",
    new_default: "New: default division",
    new_empty: "New: empty division",
    open: "Open…",
    open_recent: "Recent files",
    save: "Save",
    save_as: "Save as…",
    duplicate: "Duplicate",
    close_tab: "Close",
    import_csv: "Import division (CSV)…",
    export_csv: "Export division (CSV)…",
    export_geojson: "Export team areas (GeoJSON)…",
    export_stats: "Export table per team (CSV)…",
    export_png: "Export map (PNG)…",
    export_svg: "Export map (SVG)…",
    export_pdf: "Export map (PDF)…",
    export_report: "Report (PDF)…",
    merge_proposals: "Merge proposals…",
    unsaved_title: "Unsaved changes",
    unsaved_body: "has changes that are not saved.",
    unsaved_quit: "Gebiedsplanner is closing. These tabs have changes that are not saved:",
    unsaved_quit_one: "Gebiedsplanner is closing. This tab has changes that are not saved:",
    tab_number: "tab",
    dont_save: "Don't save",
    recovery_title: "Restore work?",
    recovery_body: "Gebiedsplanner did not close properly. These unsaved scenarios can be restored:",
    recovery_failed: "Not everything could be restored",
    recovery_kept_as: "The file is kept as",
    recovery_not_removed: "Recovery copy not removed",
    recovery_cannot_remove: "cannot be removed",
    recovery_offered_again: "It will be offered again at the next start; you can discard it then.",
    autosave_failed: "Autosave failed",
    autosave_failed_hint: "The work is not lost yet: save it yourself (Ctrl+S). Gebiedsplanner keeps trying every minute.",
    restore: "Restore",
    discard: "Discard",
    saved_to: "Saved:",
    no_file_dialog: "The file dialog could not open",
    no_file_dialog_hint: "This system has no file dialog (xdg-desktop-portal is missing). \
Install xdg-desktop-portal, or start the app with --save-path FILE: Ctrl+S then saves to that \
file without a dialog. Maps and tables can also be exported with 'gebiedsplanner export'.",
    import_done: "Division imported",
    skipped: "skipped",
    read_in_encoding: "Read as",
    code: "Code",
    nis_code: "NIS code",
    yes: "yes",
    no: "no",
    sources_sheet: "Sources",
    export_xlsx: "Export tables (Excel)…",
    kind_xlsx: "Excel workbook",
    line: "line",
    save_failed: "Saving failed",
    open_failed: "Opening failed",
    export_failed: "Export failed",
    unresolved_title: "Not everything could be placed",
    unresolved_body: "These codes are in the file but not in the data; they are kept:",
    differences: "Differences",
    moved_units: "moved",
    no_differences: "No differences: every zone and municipality has the same team.",
    zone_or_municipality: "Zone or municipality",
    from_team: "From",
    to_team: "To",
    kind_scenario: "Gebiedsplanner scenario",
    kind_csv: "CSV table",
    kind_geojson: "GeoJSON",
    kind_png: "PNG image",
    kind_svg: "SVG image",
    kind_pdf: "PDF document",
    copy_of: "copy",
    empty_division: "Empty division",
    default_division: "1G1P 2020, ELZ division (estimate)",
    historic_division: "1G1P 2020 (historic work areas)",
    menu_edit: "Edit",
    copy_table: "Copy table",
    table_copied: "Table copied: paste it into Excel.",
    no_data: "no data",
    aggregate_sum: "sum",
    aggregate_by_population: "mean weighted by inhabitants",
    aggregate_by_children: "mean weighted by children 0-17",
    indicator: "Indicator",
    indicator_open: "Open indicator table (CSV, XLSX)…",
    indicator_on_map: "On the map",
    indicator_column: "Column",
    indicator_per_team: "Per team",
    indicator_read: "Indicator table read",
    indicator_unknown: "municipalities not found",
    indicator_not_numbers: "cells without a number",
    kind_table: "Table",
    dropped_csv_title: "What does this CSV file hold?",
    dropped_csv_body: "Is it a division (zone or municipality and team) or an indicator table (a number per municipality)?",
    as_division: "Division",
    as_indicator: "Indicator table",
    dropped_unknown: "This file cannot be opened",
    dropped_unknown_hint: "Drop a scenario (.json), a table (.csv) or a reference layer (.geojson, .shp) on the window.",
    use_built_in: "Use the built-in data",
};

/// Which data is in use, for the status bar and the About box: "Gegevens: ingebouwd, stand
/// 12/03/2026" or "Gegevens: map /path/to/data".
pub fn data_source(src: &crate::data::DataSource, t: &Texts) -> String {
    match src.folder() {
        None => format!(
            "{}: {} {}",
            t.data_in_use,
            t.data_built_in,
            belgian_date(crate::data::source::BUILT_IN_DATE)
        ),
        Some(dir) => format!("{}: {} {}", t.data_in_use, t.data_folder, dir.display()),
    }
}

/// The encoding an imported table was read in: "Gelezen als Windows-1252".
pub fn read_in(e: crate::data::table::TextEncoding, t: &Texts) -> String {
    format!("{} {}", t.read_in_encoding, e.name())
}

/// An ISO date (2026-03-12) the Belgian way (12/03/2026); other text as it is.
fn belgian_date(iso: &str) -> String {
    let parts: Vec<&str> = iso.split('-').collect();
    match parts.as_slice() {
        [y, m, d] => format!("{d}/{m}/{y}"),
        _ => iso.to_string(),
    }
}

/// A scenario's name as shown: the names the app gives its own divisions in the interface's
/// language, every other name as the planner wrote it.
pub fn scenario_name<'a>(name: &'a str, t: &'a Texts) -> &'a str {
    match name {
        crate::model::defaults::DEFAULT_NAME => t.default_division,
        crate::model::defaults::HISTORIC_NAME => t.historic_division,
        _ => name,
    }
}

pub fn texts(lang: Lang) -> &'static Texts {
    match lang {
        Lang::Nl => &NL,
        Lang::En => &EN,
    }
}

/// The texts of the proposal window ("Voorstel") and the repair ("Herstel met minste
/// verschuiving").
pub struct ProposeTexts {
    pub lang: Lang,
    pub window: &'static str,
    pub menu: &'static str,
    pub measure: &'static str,
    pub measure_children: &'static str,
    pub measure_inhabitants: &'static str,
    pub measure_municipalities: &'static str,
    pub baseline: &'static str,
    pub options: &'static str,
    pub locked_teams: &'static str,
    pub pin_selection: &'static str,
    pub stay_in_region: &'static str,
    pub bounds: &'static str,
    pub bounds_none: &'static str,
    pub bounds_range: &'static str,
    pub bounds_percent: &'static str,
    pub bounds_percent_suffix: &'static str,
    pub time_limit: &'static str,
    pub alternatives_count: &'static str,
    pub start: &'static str,
    pub cancel: &'static str,
    pub running: &'static str,
    pub round: &'static str,
    pub best_found: &'static str,
    pub lower_bound: &'static str,
    pub gap: &'static str,
    pub cancelled: &'static str,
    pub no_division: &'static str,
    pub disruption: &'static str,
    pub unavoidable: &'static str,
    pub due_to_rules: &'static str,
    pub status: &'static str,
    pub optimal: &'static str,
    pub changes: &'static str,
    pub no_changes: &'static str,
    pub alternatives: &'static str,
    pub alternative: &'static str,
    pub open: &'static str,
    pub repair: &'static str,
    pub repair_hint: &'static str,
    pub without_area: &'static str,
    pub failed: &'static str,
}

pub const PROPOSE_NL: ProposeTexts = ProposeTexts {
    lang: Lang::Nl,
    window: "Voorstel",
    menu: "Voorstel…",
    measure: "Verschuiving tellen in",
    measure_children: "kinderen",
    measure_inhabitants: "inwoners",
    measure_municipalities: "gemeenten",
    baseline: "Minste verschuiving t.o.v.",
    options: "Opties",
    locked_teams: "Vergrendelde teams (houden hun zones)",
    pin_selection: "Geselecteerde zones blijven bij hun team",
    stay_in_region: "Binnen de IROJ-regio blijven",
    bounds: "Kinderen per team",
    bounds_none: "vrij",
    bounds_range: "tussen",
    bounds_percent: "± % van het gemiddelde",
    bounds_percent_suffix: "%",
    time_limit: "Tijdslimiet (s)",
    alternatives_count: "Alternatieven zoeken",
    start: "Start",
    cancel: "Annuleren",
    running: "Bezig",
    round: "ronde",
    best_found: "beste gevonden",
    lower_bound: "ondergrens",
    gap: "verschil",
    cancelled: "Geannuleerd: er is geen voorstel geopend.",
    no_division: "Geen indeling mogelijk",
    disruption: "Verschuiving",
    unavoidable: "onvermijdelijk",
    due_to_rules: "door de regels",
    status: "Status",
    optimal: "optimaal (geen indeling verschuift minder)",
    changes: "Zones die van team wisselen",
    no_changes: "Geen zone wisselt van team.",
    alternatives: "Alternatieven",
    alternative: "Alternatief",
    open: "Openen",
    repair: "Herstel met minste verschuiving",
    repair_hint: "Zoekt de geldige indeling die het minst verschuift t.o.v. deze en opent ze als nieuw tabblad, vergeleken met deze indeling: het origineel blijft zoals het is.",
    without_area: "zonder gebied",
    failed: "Het voorstel is mislukt",
};

pub const PROPOSE_EN: ProposeTexts = ProposeTexts {
    lang: Lang::En,
    window: "Proposal",
    menu: "Proposal…",
    measure: "Count changes in",
    measure_children: "children",
    measure_inhabitants: "inhabitants",
    measure_municipalities: "municipalities",
    baseline: "Least change from",
    options: "Options",
    locked_teams: "Locked teams (keep their zones)",
    pin_selection: "Selected zones stay with their team",
    stay_in_region: "Stay in the IROJ region",
    bounds: "Children per team",
    bounds_none: "free",
    bounds_range: "between",
    bounds_percent: "± % of the average",
    bounds_percent_suffix: "%",
    time_limit: "Time limit (s)",
    alternatives_count: "Alternatives to find",
    start: "Start",
    cancel: "Cancel",
    running: "Running",
    round: "round",
    best_found: "best found",
    lower_bound: "lower bound",
    gap: "gap",
    cancelled: "Cancelled: no proposal was opened.",
    no_division: "No division possible",
    disruption: "Change",
    unavoidable: "unavoidable",
    due_to_rules: "due to the rules",
    status: "Status",
    optimal: "optimal (no division changes less)",
    changes: "Zones that change team",
    no_changes: "No zone changes team.",
    alternatives: "Alternatives",
    alternative: "Alternative",
    open: "Open",
    repair: "Repair with least change",
    repair_hint: "Finds the valid division that changes least from this one and opens it as a new tab, compared with this division: the original stays as it is.",
    without_area: "without area",
    failed: "The proposal failed",
};

impl ProposeTexts {
    /// The measure as a word ("kinderen").
    pub fn measure_word(&self, m: crate::model::optimise::atlas::Measure) -> &'static str {
        use crate::model::optimise::atlas::Measure;
        match m {
            Measure::Children => self.measure_children,
            Measure::Inhabitants => self.measure_inhabitants,
            Measure::Municipalities => self.measure_municipalities,
        }
    }

    /// An amount of the measure: whole numbers, municipalities with one decimal (a split
    /// one counts in parts), followed by the word.
    pub fn amount(&self, m: crate::model::optimise::atlas::Measure, v: f64) -> String {
        use crate::model::optimise::atlas::Measure;
        let n = match m {
            Measure::Municipalities => dec(v, 1),
            _ => int(v),
        };
        format!("{n} {}", self.measure_word(m))
    }

    /// The name of a proposal's tab: what it is and what it is measured against.
    pub fn tab_name(
        &self,
        baseline: &str,
        m: crate::model::optimise::atlas::Measure,
        alternative: usize,
    ) -> String {
        let w = self.measure_word(m);
        let base = match self.lang {
            Lang::Nl => format!("Voorstel: minste verschuiving t.o.v. {baseline} ({w})"),
            Lang::En => format!("Proposal: least change from {baseline} ({w})"),
        };
        match (alternative, self.lang) {
            (0, _) => base,
            (k, Lang::Nl) => format!("{base}, alternatief {k}"),
            (k, Lang::En) => format!("{base}, alternative {k}"),
        }
    }

    /// The name of a repair's tab.
    pub fn repair_name(&self, of: &str) -> String {
        match self.lang {
            Lang::Nl => format!("Herstel van {of} (minste verschuiving)"),
            Lang::En => format!("Repair of {of} (least change)"),
        }
    }

    /// The status of a proposal: optimal, or the gap the time limit left.
    pub fn status_text(
        &self,
        s: crate::model::optimise::Status,
        m: crate::model::optimise::atlas::Measure,
        disruption: f64,
    ) -> String {
        match s {
            crate::model::optimise::Status::Optimal => self.optimal.to_string(),
            crate::model::optimise::Status::Gap { lower } => match self.lang {
                Lang::Nl => format!(
                    "tijdslimiet: beste gevonden; geen indeling verschuift minder dan {} (verschil {})",
                    self.amount(m, lower),
                    self.amount(m, disruption - lower)
                ),
                Lang::En => format!(
                    "time limit: best found; no division changes less than {} (gap {})",
                    self.amount(m, lower),
                    self.amount(m, disruption - lower)
                ),
            },
        }
    }

    /// The note on Brussels, which has no split by age.
    pub fn stand_in(&self, ratio: f64, zones: usize) -> String {
        let pct = dec(ratio * 100.0, 1);
        match self.lang {
            Lang::Nl => format!(
                "Brussel heeft geen leeftijdsverdeling: in {zones} zones staan de inwoners × {pct} % (het aandeel kinderen elders) in voor de kinderen."
            ),
            Lang::En => format!(
                "Brussels has no split by age: in {zones} zones the inhabitants × {pct} % (the share of children elsewhere) stand in for the children."
            ),
        }
    }

    /// One option, as a conflict names it. `team` and `zone` give the names of an id and a
    /// code.
    fn rule(
        &self,
        r: &crate::model::optimise::atlas::Rule,
        team: &dyn Fn(&str) -> String,
        zone: &dyn Fn(&str) -> String,
    ) -> String {
        use crate::model::optimise::atlas::Rule;
        match (r, self.lang) {
            (Rule::Lock { team: t }, Lang::Nl) => format!("vergrendeld team {}", team(t)),
            (Rule::Lock { team: t }, Lang::En) => format!("locked team {}", team(t)),
            (Rule::Pin { zone: z, team: t }, Lang::Nl) => {
                format!("zone {} vast bij {}", zone(z), team(t))
            }
            (Rule::Pin { zone: z, team: t }, Lang::En) => {
                format!("zone {} pinned to {}", zone(z), team(t))
            }
            (Rule::Region { team: t }, Lang::Nl) => {
                format!("binnen de IROJ-regio blijven ({})", team(t))
            }
            (Rule::Region { team: t }, Lang::En) => {
                format!("stay in the IROJ region ({})", team(t))
            }
            (Rule::ChildrenBounds, _) => self.bounds.to_lowercase(),
            (Rule::EveryTeamKeepsArea, Lang::Nl) => "elk team houdt een gebied".into(),
            (Rule::EveryTeamKeepsArea, Lang::En) => "every team keeps an area".into(),
        }
    }

    /// Why no proposal came, for the user: what cannot be met and the options in conflict.
    pub fn error(
        &self,
        e: &crate::model::optimise::atlas::ProposeError,
        team: &dyn Fn(&str) -> String,
        zone: &dyn Fn(&str) -> String,
    ) -> String {
        use crate::model::optimise::atlas::{Conflict, ProposeError};
        let nl = self.lang == Lang::Nl;
        match e {
            ProposeError::UnknownTeam { id } if nl => format!("Het team ‘{id}’ bestaat niet."),
            ProposeError::UnknownTeam { id } => format!("There is no team ‘{id}’."),
            ProposeError::UnknownZone { code } if nl => format!("De zone ‘{code}’ bestaat niet."),
            ProposeError::UnknownZone { code } => format!("There is no zone ‘{code}’."),
            ProposeError::Cancelled => self.cancelled.to_string(),
            ProposeError::TimeLimit { lower } if nl => format!(
                "De tijdslimiet verstreek voor er een indeling gevonden was (geen indeling verschuift minder dan {}). Geef meer tijd.",
                int(*lower)
            ),
            ProposeError::TimeLimit { lower } => format!(
                "The time limit passed before a division was found (none changes less than {}). Give more time.",
                int(*lower)
            ),
            ProposeError::Solver(m) if nl => format!("De rekenmodule faalde: {m}"),
            ProposeError::Solver(m) => format!("The solver failed: {m}"),
            ProposeError::Infeasible { conflict, options } => {
                let what = match (conflict, nl) {
                    (Conflict::ZoneWithoutTeam { zone: z }, true) => {
                        format!("Geen enkel team mag zone {} nemen.", zone(z))
                    }
                    (Conflict::ZoneWithoutTeam { zone: z }, false) => {
                        format!("No team may take zone {}.", zone(z))
                    }
                    (Conflict::TeamWithoutZone { team: t }, true) => {
                        format!(
                            "Team {} moet een zone houden maar mag er geen nemen.",
                            team(t)
                        )
                    }
                    (Conflict::TeamWithoutZone { team: t }, false) => {
                        format!("Team {} must keep a zone but may take none.", team(t))
                    }
                    (Conflict::ZonesApart { team: t, a, b }, true) => format!(
                        "Zones {} en {} moeten allebei naar {}, maar geen keten van zones die het mag nemen verbindt ze.",
                        zone(a),
                        zone(b),
                        team(t)
                    ),
                    (Conflict::ZonesApart { team: t, a, b }, false) => format!(
                        "Zones {} and {} must both go to {}, but no chain of zones it may take joins them.",
                        zone(a),
                        zone(b),
                        team(t)
                    ),
                    (Conflict::Bounds { team: Some(t) }, true) => format!(
                        "Geen aaneengesloten gebied van {} haalt de grenzen voor kinderen.",
                        team(t)
                    ),
                    (Conflict::Bounds { team: Some(t) }, false) => format!(
                        "No connected area of {} meets the bounds on children.",
                        team(t)
                    ),
                    (Conflict::Bounds { team: None }, true) => {
                        "Geen indeling haalt de grenzen voor kinderen.".to_string()
                    }
                    (Conflict::Bounds { team: None }, false) => {
                        "No division meets the bounds on children.".to_string()
                    }
                    (Conflict::Combination, true) => {
                        "De opties samen laten geen indeling toe.".to_string()
                    }
                    (Conflict::Combination, false) => {
                        "The options together admit no division.".to_string()
                    }
                };
                let names: Vec<String> = options.iter().map(|r| self.rule(r, team, zone)).collect();
                let head = if nl {
                    "Opties in conflict"
                } else {
                    "Options in conflict"
                };
                format!("{what}\n{head}: {}", names.join("; "))
            }
        }
    }
}

/// Attribution lines required by the data licences (shown in the About box and on exports).
pub const ATTRIBUTIONS: &[&str] = &[
    "Gemeente- en zonegrenzen: Data & Analyse van de Vlaamse provincies (provincies.incijfers.be), op basis van Statbel statistische sectoren. © Statbel (Algemene Directie Statistiek - Statistics Belgium), Licentie open data.",
    "Bevolking: Statbel (Algemene Directie Statistiek - Statistics Belgium), 1/1/2021 (Vlaanderen, via de open vaccinatiedata van het Agentschap Zorg en Gezondheid) en 1/1/2020 (Brussel).",
    "Wijken voor omgevingsanalyse. © gemeentebesturen, verzameld door Data & Analyse van de Vlaamse provincies. Modellicentie Gratis Hergebruik v1.0.",
    "Achtergrondkaart: © OpenStreetMap-bijdragers (ODbL).",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn belgian_numbers() {
        assert_eq!(int(1_234_567.0), "1.234.567");
        assert_eq!(int(999.0), "999");
        assert_eq!(int(1000.0), "1.000");
        assert_eq!(int(-40_000.0), "-40.000");
        assert_eq!(eur(400_000.0), "EUR 400.000");
        assert_eq!(dec(12.5, 1), "12,5");
    }

    /// In a narrow panel the budget line wraps, but never between "EUR" and its amount.
    #[test]
    fn an_amount_stays_on_the_line_of_its_eur() {
        let ctx = crate::test_support::fonts_context();
        let text = format!("Kinderen 0-17: 1.234.567 · Budget: {}", eur_nowrap(24e6));
        let one_line = crate::test_support::layout(&ctx, &text, 14.0);
        // Wide enough for all but the amount: a plain space would break right after "EUR".
        let wrap_at = one_line.size().x - 30.0;
        let font = egui::FontId::proportional(14.0);
        let galley = ctx.fonts_mut(|f| f.layout(text, font, egui::Color32::BLACK, wrap_at));
        let rows: Vec<String> = galley.rows.iter().map(|r| r.text()).collect();
        assert!(rows.len() > 1, "the line should wrap: {rows:?}");
        let eur_row = rows.iter().find(|r| r.contains("EUR")).expect("EUR");
        assert!(eur_row.contains("24.000.000"), "{rows:?}");
    }

    #[test]
    fn the_data_in_use_is_named() {
        use crate::data::DataSource;
        assert_eq!(
            data_source(&DataSource::BuiltIn, &NL),
            "Gegevens: ingebouwd, stand 12/03/2026"
        );
        let folder = DataSource::Folder(std::path::PathBuf::from("/srv/gegevens"));
        assert_eq!(data_source(&folder, &EN), "Data: folder /srv/gegevens");
    }
}
