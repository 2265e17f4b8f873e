//! Layers, presentation mode and the English switch, in the real window (headless).

use crate::common;

use egui::Key;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use gebiedsplanner::app::{Command, GebiedsApp, Settings};
use gebiedsplanner::i18n::Lang;
use gebiedsplanner::ui::dialogs::ScriptedDialogs;

fn harness(settings: Settings, size: egui::Vec2) -> Harness<'static, GebiedsApp> {
    let app = GebiedsApp::headless(settings, None, Box::new(ScriptedDialogs::default()));
    let mut h = common::harness(app, size);
    h.run_steps(3);
    h
}

/// The status bar names the data folder, which differs between machines.
fn mask_status(h: &mut Harness<'_, GebiedsApp>) {
    let r = h.ctx.content_rect();
    h.mask(egui::Rect::from_min_max(
        egui::pos2(0.0, r.bottom() - 26.0),
        r.max,
    ));
}

#[test]
fn snapshot_default_layers() {
    let mut h = harness(Settings::default(), egui::vec2(1000.0, 640.0));
    mask_status(&mut h);
    h.snapshot("layers_default");
}

#[test]
fn snapshot_provinces_without_fill_or_labels() {
    let mut s = Settings::default();
    s.layers.zone_fill = false;
    s.layers.province_borders = true;
    s.layers.zone_labels = false;
    let mut h = harness(s, egui::vec2(1000.0, 640.0));
    mask_status(&mut h);
    h.snapshot("layers_provinces_no_fill");
}

#[test]
fn snapshot_high_contrast() {
    let mut s = Settings::default();
    s.layers.high_contrast = true;
    let mut h = harness(s, egui::vec2(1000.0, 640.0));
    mask_status(&mut h);
    h.snapshot("layers_high_contrast");
}

#[test]
fn the_layer_panel_switches_layers() {
    let mut h = harness(Settings::default(), egui::vec2(1280.0, 800.0));
    h.get_by_label("Beeld").click();
    h.run_steps(2);
    h.get_by_label("Lagen…").click();
    h.run_steps(2);
    h.get_by_label("Provinciegrenzen (IROJ-regio's)").click();
    h.run_steps(2);
    assert!(h.state().settings.layers.province_borders);
    h.get_by_label("Zones gekleurd per team").click();
    h.run_steps(2);
    assert!(!h.state().settings.layers.zone_fill);
    // Without fills, every cell is drawn transparent.
    let w = h.state().workspace().expect("ws");
    assert!(w.cell_fill.iter().all(|c| c.a() == 0));
}

#[test]
fn presentation_mode_hides_editing_and_jumps_between_regions() {
    let mut h = harness(Settings::default(), egui::vec2(1280.0, 800.0));
    h.get_by_label("Ongedaan maken");
    h.key_press(Key::F5);
    h.run_steps(3);
    assert!(h.state().presentation);
    assert!(
        h.query_by_label("Ongedaan maken").is_none(),
        "editing controls hidden"
    );
    assert!(h.query_by_label("+ Nieuw team").is_none());
    h.get_by_label("1G1P 2020, ELZ-indeling (schatting)");
    h.get_by_label("Alle regels voldaan");
    let z0 = h.state().workspace().expect("ws").memory.zoom();
    h.key_press(Key::Num2);
    h.run_steps(3);
    let z2 = h.state().workspace().expect("ws").memory.zoom();
    assert!(z2 > z0 + 1.0, "a region is shown closer ({z0} -> {z2})");
    assert_eq!(h.state().region, Some(2));
    h.key_press(Key::Escape);
    h.run_steps(3);
    assert!(!h.state().presentation);
    h.get_by_label("Ongedaan maken");
}

#[test]
fn the_english_switch_changes_the_main_panels() {
    let s = Settings {
        lang: Lang::En,
        ..Settings::default()
    };
    let mut h = harness(s, egui::vec2(1280.0, 800.0));
    h.get_by_label("All rules hold");
    h.get_by_label("Teams");
    h.get_by_label("File");
    h.get_by_label("View");
    h.get_by_label("Undo");
    h.get_by_label("+ New team");
    assert!(h.query_by_label("Bestand").is_none());
    // Every menu renders in English (a missing glyph would fail here).
    h.get_by_label("File").click();
    h.run_steps(2);
    h.get_by_label_contains("Save as…");
    h.key_press(Key::Escape);
    h.run_steps(1);
    h.key_press(Key::F5);
    h.run_steps(3);
    h.get_by_label_contains("left/right arrows: scenario");
    // The app's own division is named in English too.
    h.get_by_label("1G1P 2020, ELZ division (estimate)");
    assert!(h.query_by_label_contains("ELZ-indeling").is_none());
}

/// The names of the overlays and of the zones are placed together: an overlay's name takes
/// its place before a zone's, and no two names cover each other.
#[test]
fn overlay_names_win_over_zone_names_and_no_names_overlap() {
    use egui::{Color32, Pos2, Rect, Shape, Vec2};
    use gebiedsplanner::document::Document;
    use gebiedsplanner::map::layers::Layers;
    use gebiedsplanner::map::view::{MapInput, MapLabel, MapView, ScreenTransform};
    use gebiedsplanner::model::atlas::Edition;
    use gebiedsplanner::workspace::Workspace;

    let doc = Document::load(&common::data(), Edition::M2025).expect("the data loads");
    let layers = Layers::default();
    let w = Workspace::new(doc, &layers);
    let atlas = &w.doc.data.atlas;
    let ctx = egui::Context::default();
    let mut out = ctx.run_ui(egui::RawInput::default(), |_| {});
    out.textures_delta.clear();
    // All of Flanders in a map area of 900x700, as in the window.
    let rect = Rect::from_min_size(Pos2::new(0.0, 60.0), Vec2::new(900.0, 700.0));
    let b = atlas.bbox;
    let scale = (rect.width() as f64 / b.width()).min(rect.height() as f64 / b.height()) as f32;
    let c = w.geometry().to_local(b.center());
    let tf = ScreenTransform {
        offset: rect.center().to_vec2() - Vec2::new(c[0], c[1]) * scale,
        scale,
    };
    let none = vec![false; atlas.cells.len()];
    let hatch = vec![None; atlas.cells.len()];
    let input = MapInput {
        atlas,
        geometry: w.geometry(),
        cell_fill: &w.cell_fill,
        cell_team: w.shown_cell_team(),
        team_arcs: &w.team_arcs,
        selected: &none,
        hatch: &hatch,
        hover_zone: true,
        layers: &layers,
        text_scale: 1.0,
        ghost: None,
        select_rect: None,
        marked: None,
    };
    let texts = |shapes: &[Shape]| -> Vec<String> {
        shapes
            .iter()
            .filter_map(|s| match s {
                Shape::Text(t) => Some(t.galley.text().to_string()),
                _ => None,
            })
            .collect()
    };
    let boxes = |shapes: &[Shape]| -> Vec<Rect> {
        shapes
            .iter()
            .filter_map(|s| match s {
                Shape::Rect(r) if r.fill != Color32::TRANSPARENT => Some(r.rect),
                _ => None,
            })
            .collect()
    };

    let zones_only = MapView::labels(&ctx, &tf, rect, &input, &[]);
    assert!(texts(&zones_only).contains(&"Gent".to_string()));

    // A historic team's name right on top of the name of the zone Gent.
    let gent = atlas.unit_by_code("elz13").expect("Gent");
    let overlay = MapLabel {
        at: tf.apply(w.geometry().to_local(atlas.units[gent].label)),
        text: "2020: Samen1Plan Gent".into(),
        colour: Color32::from_rgb(150, 0, 40),
        size: 12.0,
        outlined: true,
        fill_alpha: 225,
        padding: Vec2::new(4.0, 2.0),
    };
    let both = MapView::labels(&ctx, &tf, rect, &input, &[overlay]);
    let names = texts(&both);
    assert!(
        names.contains(&"2020: Samen1Plan Gent".to_string()),
        "{names:?}"
    );
    assert!(!names.contains(&"Gent".to_string()), "{names:?}");
    assert!(names.len() > 20, "most zones keep their name: {names:?}");
    let placed = boxes(&both);
    assert_eq!(placed.len(), names.len());
    for (i, a) in placed.iter().enumerate() {
        for b in &placed[i + 1..] {
            assert!(!a.intersects(*b), "{a:?} and {b:?} overlap");
        }
    }
}

/// With the 2020 teams shown, a click on the map still selects a zone; a click on a team's
/// name opens its card.
#[test]
fn a_historic_team_card_opens_from_its_name_not_from_every_click() {
    let mut settings = Settings::default();
    settings.layers.historic = true;
    let mut h = harness(settings, egui::vec2(1280.0, 800.0));
    let click = |h: &mut Harness<'_, GebiedsApp>, p: egui::Pos2| {
        h.hover_at(p);
        h.run_steps(1);
        h.drag_at(p);
        h.run_steps(1);
        h.drop_at(p);
        h.run_steps(3);
    };
    let w = h.state().workspace().expect("workspace");
    let zone = w.doc.data.atlas.unit_by_code("elz6").expect("Brugge");
    let on_zone = w.unit_screen_pos(zone).expect("drawn") + egui::vec2(0.0, -12.0);
    click(&mut h, on_zone);
    assert!(
        h.state().historic_card.is_none(),
        "a click on a zone opened a card"
    );
    let w = h.state().workspace().expect("workspace");
    assert!(!w.selection.is_empty(), "the click selects the zone");

    let data = h.state().workspace().expect("workspace").data().clone();
    let ov = &data.overlays;
    let w = h.state().workspace().expect("workspace");
    let tf = w.last_transform.expect("drawn");
    let (i, team) = ov
        .historic
        .teams
        .iter()
        .enumerate()
        .find(|(_, t)| t.name.contains("Samen1Plan Gent"))
        .expect("the Ghent team of 2020");
    let name = gebiedsplanner::map::overlay_view::historic_label(&tf, w.geometry(), team, 1.0);
    click(&mut h, name.at);
    assert_eq!(h.state().historic_card, Some(i));
    h.get_by_label("Historisch team (2020)");
}

/// A long team name is cut short in the presentation table, so that the figures stay in their
/// columns inside the table.
#[test]
fn a_long_team_name_keeps_the_presentation_table_in_its_columns() {
    use gebiedsplanner::model::edit::Edit;
    let mut h = harness(Settings::default(), egui::vec2(1280.0, 800.0));
    let long = "Samenwerkingsverband 1 Gezin 1 Plan van de regio Brugge, Oostende en de Westhoek";
    let team = h
        .state()
        .workspace()
        .expect("workspace")
        .doc
        .scenario
        .team_by_id("trawant")
        .expect("trawant");
    h.state_mut().push(Command::Edit(Edit::RenameTeam {
        team,
        name: long.to_string(),
    }));
    h.key_press(Key::F5);
    h.run_steps(4);
    let header = h.get_by_label("ELZ").rect();
    let name = h.get_by_label(long).rect();
    assert!(
        name.right() < header.left(),
        "the name ({name:?}) runs into the ELZ column ({header:?})"
    );
    assert!(
        header.right() < h.ctx.content_rect().right(),
        "the table is cut off at the window edge"
    );
}
