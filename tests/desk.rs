//! A planner's desk: the team table on the clipboard, files dropped on the window, an
//! indicator table on the map (its classes, the teams' figures, saved with the scenario, on
//! the command line), and the built-in data from the first-run screen.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::common;
use gebiedsplanner::model::ids::{CellId, MunicipalityId, TeamId, TiSlice, TiVec};

use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use gebiedsplanner::app::{AppPaths, Command, GebiedsApp, Settings};
use gebiedsplanner::data::DataSource;
use gebiedsplanner::data::indicator::read_indicator_table;
use gebiedsplanner::map::choropleth::{Choropleth, NO_DATA, PALETTE};
use gebiedsplanner::model::atlas::Edition;
use gebiedsplanner::model::indicator::{Aggregate, Indicator, IndicatorChoice};
use gebiedsplanner::ui::dialogs::ScriptedDialogs;
use gebiedsplanner::workspace::Workspace;

fn ws<'a>(h: &'a Harness<'_, GebiedsApp>) -> &'a Workspace {
    h.state().workspace().expect("a scenario is open")
}

fn run(h: &mut Harness<'_, GebiedsApp>, commands: impl IntoIterator<Item = Command>) {
    for c in commands {
        h.state_mut().push(c);
    }
    h.run_steps(2);
}

/// The text the last frame put on the clipboard.
fn copied(h: &Harness<'_, GebiedsApp>) -> Option<String> {
    h.output()
        .platform_output
        .commands
        .iter()
        .find_map(|c| match c {
            egui::OutputCommand::CopyText(s) => Some(s.clone()),
            _ => None,
        })
}

/// Three whole municipalities of the Gent team (each in one zone), as the indicator tests
/// of the model use them.
fn three_of_gent() -> (TeamId, Vec<MunicipalityId>) {
    let s = common::doc(Edition::M2025);
    let gent = s.scenario.team_by_id("samen1plan-gent").expect("gent");
    let mut out: Vec<MunicipalityId> = Vec::new();
    for (ci, cell) in s.data.atlas.cells.iter_enumerated() {
        let m = cell.muni;
        if s.cell_team[ci] == Some(gent)
            && s.data.atlas.municipalities[m].cells.len() == 1
            && !out.contains(&m)
        {
            out.push(m);
        }
    }
    out.truncate(3);
    (gent, out)
}

/// A table with a count (10, 20, 30 waiting) and a rate (5,5 10,0 20,0 %) for three
/// municipalities of the Gent team.
fn indicator_csv(dir: &Path) -> PathBuf {
    let s = common::doc(Edition::M2025);
    let (_, m) = three_of_gent();
    let code = |i: usize| s.data.atlas.municipalities[m[i]].code.clone();
    let path = dir.join("indicatoren.csv");
    let text = format!(
        "nis;wachtlijst;kansarmoede\n{};10;5,5\n{};20;10,0\n{};30;20,0\n",
        code(0),
        code(1),
        code(2)
    );
    std::fs::write(&path, text).expect("write");
    path
}

#[test]
fn copy_table_puts_the_team_table_on_the_clipboard_as_cells_for_excel() {
    let mut h = common::window_with(AppPaths::default());
    // The button beside the team list, as a user clicks it.
    h.get_by_label("Kopieer tabel").click();
    h.step();
    let tsv = copied(&h).expect("the table is on the clipboard");
    let lines: Vec<&str> = tsv.lines().collect();
    let w = ws(&h);
    assert_eq!(lines.len(), w.doc.scenario.teams.len() + 1, "{tsv}");
    let header: Vec<&str> = lines[0].split('\t').collect();
    assert_eq!(
        &header[..5],
        [
            "Team",
            "Eerstelijnszones",
            "Gemeenten",
            "Inwoners",
            "Kinderen 0-17"
        ]
    );
    let gent = w.doc.scenario.team_by_id("samen1plan-gent").expect("gent");
    let name = &w.doc.scenario.teams[gent].name;
    let row: Vec<&str> = lines
        .iter()
        .find(|l| l.starts_with(&format!("{name}\t")))
        .expect("Gent's row")
        .split('\t')
        .collect();
    assert_eq!(row.len(), header.len());
    let st = &w.doc.metrics.teams[gent];
    // Bare digits, without the thousands points that an English Excel would misread.
    assert_eq!(row[3], format!("{:.0}", st.population));
    assert_eq!(row[5], format!("{:.0}", st.budget_flat));
    assert!(st.population > 1000.0 && !row[3].contains('.'));
    assert!(h.state().message().is_none());
}

#[test]
fn the_edit_menu_copies_the_table_with_the_indicator_column() {
    let dir = tempfile::tempdir().expect("tmp");
    let csv = indicator_csv(dir.path());
    let mut h = common::window_with(AppPaths::default());
    run(
        &mut h,
        [
            Command::OpenIndicator(csv),
            Command::SetIndicatorColumn("kansarmoede".into()),
            Command::ShowLayers(false),
        ],
    );
    h.get_by_label("Bewerken").click();
    h.run();
    // The menu's entry (the team list has a button of the same name below it).
    let entries: Vec<_> = h.query_all_by_label("Kopieer tabel").collect();
    entries[0].click();
    h.step();
    let tsv = copied(&h).expect("copied");
    let header = tsv.lines().next().expect("header");
    assert!(
        header.ends_with("\tkansarmoede (gemiddelde gewogen naar inwoners)"),
        "{header}"
    );
    let (gent, m) = three_of_gent();
    let atlas = &ws(&h).doc.data.atlas;
    let pop = |i: usize| atlas.municipalities[m[i]].population.expect("pop") as f64;
    let want = (5.5 * pop(0) + 10.0 * pop(1) + 20.0 * pop(2)) / (pop(0) + pop(1) + pop(2));
    let name = &ws(&h).doc.scenario.teams[gent].name;
    let row = tsv
        .lines()
        .find(|l| l.starts_with(&format!("{name}\t")))
        .expect("Gent's row");
    // A rate with the decimal comma that Excel in nl-BE reads as a number.
    let shown = format!("{want:.1}").replace('.', ",");
    assert!(row.ends_with(&format!("\t{shown}")), "{row} vs {shown}");
}

/// A file dropped on the window, as the system hands it to egui.
#[derive(Debug)]
struct Dropped(PathBuf);

impl egui::DroppedFile for Dropped {
    fn path(&self) -> &Path {
        &self.0
    }

    fn bytes(&self) -> Result<Vec<u8>, String> {
        std::fs::read(&self.0).map_err(|e| e.to_string())
    }
}

fn drop_file(h: &mut Harness<'_, GebiedsApp>, path: &Path) {
    h.input_mut()
        .dropped_files
        .push(Arc::new(Dropped(path.to_path_buf())));
    h.run_steps(3);
}

#[test]
fn a_dropped_scenario_opens_in_a_tab() {
    let dir = tempfile::tempdir().expect("tmp");
    let path = dir.path().join("voorstel.json");
    let mut h = common::window_with(AppPaths::default());
    // A scenario written elsewhere: the open tab has no file.
    gebiedsplanner::data::scenario_file::save(&path, &ws(&h).to_file("2026-12-01T10:00:00Z"))
        .expect("save");
    let tabs = h.state().tabs().expect("tabs").list.len();
    drop_file(&mut h, &path);
    assert_eq!(h.state().tabs().expect("tabs").list.len(), tabs + 1);
    assert_eq!(ws(&h).file.path.as_deref(), Some(path.as_path()));
}

#[test]
fn a_dropped_csv_asks_what_it_holds_and_opens_as_the_answer_says() {
    let dir = tempfile::tempdir().expect("tmp");
    let csv = indicator_csv(dir.path());
    let mut h = common::window_with(AppPaths::default());
    drop_file(&mut h, &csv);
    h.get_by_label("Wat staat er in dit CSV-bestand?");
    assert!(
        ws(&h).doc.indicator.is_none(),
        "nothing opened before the answer"
    );
    h.get_by_label("Indicatortabel").click();
    h.run_steps(3);
    let c = ws(&h)
        .doc
        .indicator
        .as_ref()
        .expect("the indicator is shown");
    assert_eq!(c.indicator.name, "wachtlijst");
    assert!(ws(&h).choropleth.is_some());
    assert!(
        h.query_by_label("Wat staat er in dit CSV-bestand?")
            .is_none()
    );

    // A division: Gent (elz13) goes to the team "trawant".
    let division = dir.path().join("indeling.csv");
    let trawant_name = {
        let s = &ws(&h).doc.scenario;
        s.teams[s.team_by_id("trawant").expect("trawant")]
            .name
            .clone()
    };
    std::fs::write(&division, format!("code;team\nelz13;{trawant_name}\n")).expect("write");
    drop_file(&mut h, &division);
    h.get_by_label("Indeling").click();
    h.run_steps(3);
    let w = ws(&h);
    let gent = w.doc.data.atlas.unit_by_code("elz13").expect("Gent");
    assert_eq!(
        w.doc.scenario.unit_team[gent],
        w.doc.scenario.team_by_id("trawant")
    );
    assert_eq!(
        h.state().message().map(|m| m.title.as_str()),
        Some("Indeling geïmporteerd")
    );
}

#[test]
fn a_dropped_geojson_opens_as_a_reference_layer_and_a_shapefile_goes_the_same_way() {
    let dir = tempfile::tempdir().expect("tmp");
    let geojson = dir.path().join("wijken.geojson");
    std::fs::write(
        &geojson,
        r#"{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"naam":"Wijk A"},"geometry":{"type":"Polygon","coordinates":[[[3.7,51.0],[3.8,51.0],[3.8,51.1],[3.7,51.0]]]}}]}"#,
    )
    .expect("write");
    let mut h = common::window_with(AppPaths::default());
    drop_file(&mut h, &geojson);
    common::wait_for_reference(&mut h);
    let (layer, _, visible) = h.state().reference.as_ref().expect("a reference layer");
    assert_eq!(layer.layer.features.len(), 1);
    assert!(*visible);

    // A shapefile goes to the reference layers too: one that is not a shapefile is refused
    // with a message that names it, and the layer open stays.
    let shp = dir.path().join("kapot.shp");
    std::fs::write(&shp, b"not a shapefile").expect("write");
    drop_file(&mut h, &shp);
    common::wait_for_reference(&mut h);
    let m = h.state().message().expect("a message");
    assert!(m.body.contains("kapot.shp"), "{m:?}");
    assert!(h.state().reference.is_some());
}

#[test]
fn a_dropped_file_of_another_kind_gets_a_message_naming_it() {
    let dir = tempfile::tempdir().expect("tmp");
    let photo = dir.path().join("foto.jpg");
    std::fs::write(&photo, b"\xff\xd8\xff").expect("write");
    let mut h = common::window_with(AppPaths::default());
    let tabs = h.state().tabs().expect("tabs").list.len();
    drop_file(&mut h, &photo);
    let m = h.state().message().expect("a message");
    assert_eq!(m.title, "Dit bestand kan niet geopend worden");
    assert!(m.body.contains("foto.jpg"), "{m:?}");
    assert_eq!(h.state().tabs().expect("tabs").list.len(), tabs);
    h.get_by_label_contains("foto.jpg");
}

#[test]
fn the_choropleth_colours_each_municipality_by_its_class() {
    let doc = common::doc(Edition::M2025);
    let atlas = &doc.data.atlas;
    let n = atlas.municipalities.len();
    // Municipality i has the value i; the last one has none.
    let values: TiVec<MunicipalityId, Option<f64>> =
        (0..n).map(|i| (i + 1 < n).then_some(i as f64)).collect();
    let choice = IndicatorChoice {
        source: PathBuf::from("t.csv"),
        indicator: Indicator {
            name: "projecten".into(),
            values: values.clone(),
            rates: values,
        },
        how: Aggregate::Sum,
        on_map: true,
    };
    let c = Choropleth::new(atlas, &choice);
    assert_eq!(c.classes.len(), 5);
    assert_eq!(c.municipality_colour(MunicipalityId(0)), PALETTE[0]);
    assert_eq!(c.municipality_colour(MunicipalityId(n - 2)), PALETTE[4]);
    assert_eq!(c.municipality_colour(MunicipalityId(n - 1)), NO_DATA);
    // Quantiles: each class holds a fifth of the municipalities with a value.
    for k in &c.classes {
        assert!(k.municipalities.abs_diff((n - 1) / 5) <= 1, "{k:?}");
    }
    // The classes follow each other, low to high.
    for pair in c.classes.windows(2) {
        assert!(pair[0].max < pair[1].min, "{pair:?}");
    }
    let t = gebiedsplanner::i18n::texts(gebiedsplanner::i18n::Lang::Nl);
    let legend = c.legend(t);
    assert_eq!(legend.len(), 6, "five classes and 'geen gegevens'");
    assert_eq!(legend[0].text, format!("0 – {}", c.classes[0].max));
    assert_eq!(legend[5].text, "geen gegevens");
}

#[test]
fn an_indicator_on_the_map_fills_its_municipalities_and_the_team_list_shows_the_sum() {
    let dir = tempfile::tempdir().expect("tmp");
    let csv = indicator_csv(dir.path());
    let mut h = common::window_with(AppPaths::default());
    run(
        &mut h,
        [Command::OpenIndicator(csv), Command::ShowLayers(false)],
    );
    let (_, m) = three_of_gent();
    let w = ws(&h);
    let atlas = &w.doc.data.atlas;
    let cells: Vec<CellId> = m
        .iter()
        .map(|&i| atlas.municipalities[i].cells[0])
        .collect();
    let cell_of = |muni: MunicipalityId| atlas.municipalities[muni].cells[0];
    let fill = |muni: MunicipalityId| w.cell_fill[cell_of(muni)].to_srgba_unmultiplied();
    // 10, 20, 30: three classes, light to dark; the rest of Flanders has no value.
    // The fill is nearly opaque: its colour is the class's, within rounding.
    let near = |a: [u8; 4], b: [u8; 3]| (0..3).all(|i| a[i].abs_diff(b[i]) <= 2);
    assert!(near(fill(m[0]), PALETTE[0]), "{:?}", fill(m[0]));
    assert!(near(fill(m[2]), PALETTE[4]), "{:?}", fill(m[2]));
    let other = atlas
        .municipalities
        .keys()
        .find(|i| !m.contains(i))
        .expect("another");
    assert!(near(fill(other), NO_DATA), "{:?}", fill(other));
    // The legend over the map and the figure in the team list.
    h.get_by_label("wachtlijst (som)");
    h.get_by_label("wachtlijst: 60");

    // Off the map: the team colours come back, the figure stays.
    run(&mut h, [Command::ShowIndicatorOnMap(false)]);
    let w = ws(&h);
    let gent_team = w.doc.cell_team[cells[0]].expect("a team");
    let colour = w.doc.scenario.teams[gent_team].colour;
    assert!(near(w.cell_fill[cells[0]].to_srgba_unmultiplied(), colour));
    h.get_by_label("wachtlijst: 60");
    assert!(h.query_by_label("wachtlijst (som)").is_none());
}

#[test]
fn a_saved_scenario_reopens_with_its_indicator_when_the_table_is_gone() {
    let dir = tempfile::tempdir().expect("tmp");
    let csv = indicator_csv(dir.path());
    let saved = dir.path().join("met-indicator.json");
    let paths = AppPaths {
        save_path: Some(saved.clone()),
        ..AppPaths::default()
    };
    let mut h = common::window_with(paths);
    run(
        &mut h,
        [
            Command::OpenIndicator(csv.clone()),
            Command::SetIndicatorColumn("kansarmoede".into()),
            Command::SetIndicatorAggregate(Aggregate::MeanByChildren),
        ],
    );
    assert!(ws(&h).is_dirty(), "a new indicator is a change to save");
    run(&mut h, [Command::Save]);
    assert!(!ws(&h).is_dirty());
    let before = ws(&h).doc.indicator.clone().expect("indicator");
    let figures = ws(&h).doc.indicator_per_team();
    std::fs::remove_file(&csv).expect("the table goes");

    let mut h = common::window_with(AppPaths::default());
    run(&mut h, [Command::OpenPath(saved.clone())]);
    assert!(h.state().message().is_none(), "{:?}", h.state().message());
    let w = ws(&h);
    assert_eq!(w.file.path.as_deref(), Some(saved.as_path()));
    let after = w.doc.indicator.as_ref().expect("the indicator came back");
    assert_eq!(after, &before);
    assert_eq!(after.source, csv);
    assert_eq!(after.how, Aggregate::MeanByChildren);
    assert_eq!(w.doc.indicator_per_team(), figures);
    assert!(w.choropleth.is_some(), "on the map again");
    assert!(!w.is_dirty());
}

#[test]
fn export_indicator_draws_the_legend_classes() {
    let dir = tempfile::tempdir().expect("tmp");
    let csv = indicator_csv(dir.path());
    let svg = dir.path().join("kaart.svg");
    let (mut cmd, _tmp) = common::program();
    let arg = format!("{}:kansarmoede", csv.display());
    let out = cmd
        .args(["export", "--svg"])
        .arg(&svg)
        .args(["--indicator", &arg])
        .output()
        .expect("run");
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{err}");
    let text = std::fs::read_to_string(&svg).expect("svg");
    let doc = common::doc(Edition::M2025);
    let table = read_indicator_table(&doc.data.atlas, TiSlice::from_ref(&[]), &csv).expect("table");
    let choice = IndicatorChoice {
        source: csv.clone(),
        indicator: table.indicators[1].clone(),
        how: Aggregate::MeanByPopulation,
        on_map: true,
    };
    let c = Choropleth::new(&doc.data.atlas, &choice);
    assert!(text.contains(">kansarmoede</text>"));
    assert!(text.contains(">gemiddelde gewogen naar inwoners</text>"));
    let t = gebiedsplanner::i18n::texts(gebiedsplanner::i18n::Lang::Nl);
    let legend = c.legend(t);
    assert_eq!(
        legend.iter().map(|e| e.text.as_str()).collect::<Vec<_>>(),
        ["5,5", "10,0", "20,0", "geen gegevens"]
    );
    for e in &legend {
        assert!(text.contains(&format!(">{}</text>", e.text)), "{}", e.text);
        // The class's colour fills the map.
        let hex = gebiedsplanner::data::scenario_file::colour_hex(e.colour);
        assert!(
            text.matches(&format!("fill=\"{hex}\"")).count() >= 2,
            "{hex}"
        );
    }
}

#[test]
fn check_indicator_adds_the_team_figure_as_a_column() {
    let dir = tempfile::tempdir().expect("tmp");
    let csv = indicator_csv(dir.path());
    let (mut cmd, _tmp) = common::program();
    let arg = format!("{}:wachtlijst", csv.display());
    let out = cmd
        .args(["check", "--indicator", &arg])
        .output()
        .expect("run");
    let stdout = String::from_utf8_lossy(&out.stdout);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!err.contains("panicked"), "{err}");
    let header = stdout
        .lines()
        .find(|l| l.starts_with("Team "))
        .expect("the table's header");
    assert!(header.trim_end().ends_with("wachtlijst (som)"), "{header}");
    let (gent, _) = three_of_gent();
    let name = &common::doc(Edition::M2025).scenario.teams[gent].name;
    let row = stdout
        .lines()
        .find(|l| l.starts_with(name.as_str()))
        .expect("Gent's row");
    assert!(row.trim_end().ends_with(" 60"), "{row}");
    // Teams without a municipality in the table say so.
    assert!(stdout.contains("geen gegevens"), "{stdout}");

    // A column the table does not have is refused with the ones it has.
    let (mut cmd, _tmp) = common::program();
    let arg = format!("{}:wachtrij", csv.display());
    let out = cmd
        .args(["check", "--indicator", &arg])
        .output()
        .expect("run");
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(
        err.contains("indicatoren.csv") && err.contains("wachtlijst, kansarmoede"),
        "{err}"
    );
}

#[test]
fn the_first_run_screen_switches_to_the_built_in_data() {
    let data = common::data_copy();
    std::fs::remove_file(data.path().join("elz_antwerpen_statsec.csv")).expect("remove");
    let app = GebiedsApp::headless(
        Settings::default(),
        Some(data.path().to_path_buf()),
        Box::new(ScriptedDialogs::default()),
    );
    let mut h = common::harness(app, egui::vec2(1280.0, 800.0));
    h.run();
    h.get_by_label("Gegevens niet gevonden");
    h.get_by_label("Ingebouwde gegevens gebruiken").click();
    h.run();
    let w = h.state().workspace().expect("the data loaded");
    assert_eq!(w.doc.data.source, DataSource::BuiltIn);
    assert_eq!(h.state().settings.data_dir, None);
    h.get_by_label_contains("Gegevens: ingebouwd");
}

#[test]
fn the_report_lists_the_indicator_figure_per_team() {
    use gebiedsplanner::export::report::{ReportInput, report_svgs};
    let dir = tempfile::tempdir().expect("tmp");
    let csv = indicator_csv(dir.path());
    let base = common::doc(Edition::M2025);
    let table =
        read_indicator_table(&base.data.atlas, TiSlice::from_ref(&[]), &csv).expect("table");
    let mut doc =
        gebiedsplanner::document::Document::new(Arc::clone(&base.data), base.scenario.clone());
    doc.indicator = Some(IndicatorChoice {
        source: csv.clone(),
        indicator: table.indicators[0].clone(),
        how: Aggregate::Sum,
        on_map: false,
    });
    let per_team = doc.indicator_per_team().expect("figures per team");
    let input = ReportInput {
        doc: &doc,
        region: None,
        baseline: &base.scenario,
        baseline_name: "2020".into(),
        author: String::new(),
        description: String::new(),
        status: String::new(),
        date: "02-12-2026".into(),
        lang: gebiedsplanner::i18n::Lang::Nl,
        budget_model: gebiedsplanner::model::metrics::BudgetModel::Flat,
    };
    let svg: String = report_svgs(&input).concat().concat();
    let name = &table.indicators[0].name;
    assert!(
        svg.contains(name.as_str()),
        "the column {name} is in the team table"
    );
    let (team, value) = per_team
        .iter_enumerated()
        .find_map(|(t, v)| v.filter(|v| *v > 0.0).map(|v| (t, v)))
        .expect("a team with a figure");
    let shown = gebiedsplanner::i18n::int(value);
    assert!(
        svg.contains(&format!(">{shown}<")),
        "{} has {shown}",
        doc.scenario.teams[team].name
    );
}
