//! Layers, presentation mode and the English switch, in the real window (headless).

mod common;

use egui::Key;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use gebiedsplanner::app::{GebiedsApp, Settings};
use gebiedsplanner::i18n::Lang;
use gebiedsplanner::ui::dialogs::ScriptedDialogs;

fn harness(settings: Settings, size: egui::Vec2) -> Harness<'static, GebiedsApp> {
    let app = GebiedsApp::headless(
        settings,
        Some(common::data_dir()),
        Box::new(ScriptedDialogs::default()),
    );
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
    h.get_by_label("Save as…");
    h.key_press(Key::Escape);
    h.run_steps(1);
    h.key_press(Key::F5);
    h.run_steps(3);
    h.get_by_label_contains("left/right arrows: scenario");
}
