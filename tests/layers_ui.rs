//! Layers, presentation mode and the English switch, in the real window (headless).

use crate::common;

use egui::Key;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use gebiedsplanner::app::{Command, GebiedsApp, Settings};
use gebiedsplanner::i18n::Lang;
use gebiedsplanner::map::layer;
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
    s.layers.set_on(layer::fills::KEY, false);
    s.layers.set_on(layer::borders::PROVINCE_KEY, true);
    s.layers.set_on(layer::labels::KEY, false);
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
    assert!(
        h.state()
            .settings
            .layers
            .is_on(layer::borders::PROVINCE_KEY)
    );
    h.get_by_label("Zones gekleurd per team").click();
    h.run_steps(2);
    assert!(!h.state().settings.layers.is_on(layer::fills::KEY));
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
    h.get_by_label_contains("1G1P 2020, ELZ-indeling (schatting)");
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
    h.get_by_label("previous / next scenario");
    // The app's own division is named in English too.
    h.get_by_label_contains("1G1P 2020, ELZ division (estimate)");
    assert!(h.query_by_label_contains("ELZ-indeling").is_none());
}

/// The names of the overlays and of the zones are placed together: an overlay's name takes
/// its place before a zone's, and no two names cover each other.
#[test]
fn overlay_names_win_over_zone_names_and_no_names_overlap() {
    use egui::{Color32, Pos2, Rect, Shape, Vec2};
    use gebiedsplanner::document::Document;
    use gebiedsplanner::map::layer::Scene;
    use gebiedsplanner::map::layers::Layers;
    use gebiedsplanner::map::view::{FrameView, MapInput, MapView, ScreenTransform};
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
    let cells = w.scene_cells();
    let input = MapInput {
        scene: w.scene(
            &cells,
            gebiedsplanner::i18n::texts(gebiedsplanner::i18n::Lang::Nl),
            &layers,
            None,
        ),
        geometry: w.geometry(),
        layers: &layers,
        hover_zone: true,
        text_scale: 1.0,
        ghost: None,
        select_rect: None,
        marked: None,
    };
    let view = FrameView {
        transform: tf,
        rect,
        zoom: 8.0,
        hovered_cell: None,
    };
    let mut with_historic = layers.clone();
    with_historic.set_on(layer::historic::KEY, true);
    let input_historic = MapInput {
        layers: &with_historic,
        scene: Scene { ..input.scene },
        ..input
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

    // Only the text and box shapes of the names: a box is a filled rectangle.
    let names_and_boxes = |shapes: &[Shape]| -> Vec<(String, Rect)> {
        texts(shapes).into_iter().zip(boxes(shapes)).collect()
    };
    let zones_only = names_and_boxes(&MapView::shapes(&ctx, &view, &input));
    assert!(
        zones_only.iter().any(|(n, _)| n == "Gent"),
        "{zones_only:?}"
    );

    let both = names_and_boxes(&MapView::shapes(&ctx, &view, &input_historic));
    let historic: Vec<&(String, Rect)> = both
        .iter()
        .filter(|(n, _)| n.starts_with("2020: "))
        .collect();
    let teams = w.doc.data.overlays().historic.teams.len();
    assert!(
        historic.len() * 3 >= teams * 2,
        "most of the {teams} team names of 2020 are placed: {historic:?}"
    );
    // A zone name is left out only where a name placed before it (a name of 2020 first of
    // all) takes its room, and some zone names gave way to the names of 2020.
    let mut gave_way = 0;
    for (name, r) in &zones_only {
        if !both.iter().any(|(n, _)| n == name) {
            assert!(
                both.iter().any(|(_, b)| b.intersects(*r)),
                "{name} left out with nothing in its place"
            );
            gave_way += usize::from(historic.iter().any(|(_, h)| h.intersects(*r)));
        }
    }
    assert!(gave_way > 0, "no zone name gave way to a name of 2020");
    assert!(both.len() > 20, "most zones keep their name: {both:?}");
    for (i, (na, a)) in both.iter().enumerate() {
        for (nb, b) in &both[i + 1..] {
            assert!(!a.intersects(*b), "{na} {a:?} and {nb} {b:?} overlap");
        }
    }
}

/// With the 2020 teams shown, a click on the map still selects a zone; a click on a team's
/// name opens its card.
#[test]
fn a_historic_team_card_opens_from_its_name_not_from_every_click() {
    let mut settings = Settings::default();
    settings.layers.set_on(layer::historic::KEY, true);
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
    let on_zone =
        h.state().layout().unit_screen_pos(w, zone).expect("drawn") + egui::vec2(0.0, -12.0);
    click(&mut h, on_zone);
    assert!(
        h.state().historic_card.is_none(),
        "a click on a zone opened a card"
    );
    let w = h.state().workspace().expect("workspace");
    assert!(!w.selection.is_empty(), "the click selects the zone");

    let data = h.state().workspace().expect("workspace").data().clone();
    let ov = data.overlays();
    let w = h.state().workspace().expect("workspace");
    let tf = h.state().layout().transform.expect("drawn");
    let (i, team) = ov
        .historic
        .teams
        .iter_enumerated()
        .find(|(_, t)| t.name.contains("Samen1Plan Gent"))
        .expect("the Ghent team of 2020");
    let name = layer::historic_label(&tf, w.geometry(), team, 1.0);
    click(&mut h, name.at);
    assert_eq!(h.state().historic_card, Some(i));
    h.get_by_label("Historisch team (2020)");
}

/// A long team name is cut short in the presentation's team strip, so that the strip keeps its
/// width beside the map and nothing is cut off at the window edge.
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
    let name = h.get_by_label(long).rect();
    let map = h.state().layout().map_rect.expect("map");
    let screen = h.ctx.content_rect();
    assert!(
        name.left() >= map.right(),
        "the name ({name:?}) runs over the map ({map:?})"
    );
    assert!(
        name.right() <= screen.right(),
        "the name ({name:?}) is cut off at the window edge"
    );
    assert!(
        map.width() >= 0.7 * screen.width(),
        "the strip pushes the map aside"
    );
}

#[test]
fn the_layers_window_stays_where_it_was_put_when_the_language_changes() {
    let mut h = harness(Settings::default(), egui::vec2(1280.0, 800.0));
    h.state_mut().push(Command::ShowLayers(true));
    h.run_steps(3);
    // Moved by its title bar.
    let window = h.get_by_label("Lagen").rect();
    let from = egui::pos2(window.center().x, window.top() + 15.0);
    let shift = egui::vec2(200.0, 40.0);
    common::drag_through(&mut h, from, from + shift);
    h.drop_at(from + shift);
    h.run_steps(3);
    let moved = h.get_by_label("Lagen").rect();
    assert!(
        (moved.left_top() - (window.left_top() + shift)).length() < 2.0,
        "{moved:?}"
    );
    h.state_mut().push(Command::SetLang(Lang::En));
    h.run_steps(3);
    let english = h.get_by_label("Layers").rect();
    assert!(
        (english.left_top() - moved.left_top()).length() < 2.0,
        "{english:?} vs {moved:?}"
    );
}
