//! One type per map layer: the layer panel, `--layers`, the export and its legend all come
//! from the list of layers, so a layer shows up everywhere once it is listed.

use crate::common;

use egui_kittest::kittest::Queryable;
use gebiedsplanner::app::{GebiedsApp, Settings};
use gebiedsplanner::export::{ImageOptions, parse_layers, render_svg};
use gebiedsplanner::i18n::{self, Lang};
use gebiedsplanner::map::layer::{self, LAYERS};
use gebiedsplanner::model::atlas::Edition;
use gebiedsplanner::style;
use gebiedsplanner::ui::dialogs::ScriptedDialogs;

#[test]
fn every_layer_of_the_list_has_a_switch_in_the_layer_panel_that_works() {
    let app = GebiedsApp::headless(
        Settings::default(),
        None,
        Box::new(ScriptedDialogs::default()),
    );
    let mut h = common::harness(app, egui::vec2(1280.0, 900.0));
    h.run_steps(3);
    h.get_by_label("Beeld").click();
    h.run_steps(2);
    h.get_by_label("Lagen…").click();
    h.run_steps(2);
    let t = i18n::texts(Lang::Nl);
    for l in LAYERS.iter().filter(|l| l.in_panel()) {
        let before = h.state().settings.layers.is_on(l.key());
        h.get_by_label(l.name(t)).click();
        h.run_steps(2);
        assert_eq!(
            h.state().settings.layers.is_on(l.key()),
            !before,
            "the switch of {} did not switch it",
            l.key()
        );
    }
}

#[test]
fn every_optional_layer_can_be_named_for_an_export_and_changes_the_picture() {
    let doc = common::doc(Edition::M2025);
    let base = render_svg(doc, &ImageOptions::new(1600, Vec::new(), Lang::Nl));
    for l in LAYERS.iter().filter(|l| l.optional_in_export()) {
        let keys = parse_layers(l.key()).expect("every optional layer's key is a layer name");
        assert_eq!(keys, vec![l.key()]);
        let svg = render_svg(doc, &ImageOptions::new(1600, keys, Lang::Nl));
        if l.key() == layer::reference::KEY {
            // No reference layer is open: nothing to draw.
            assert_eq!(svg, base);
        } else {
            assert_ne!(svg, base, "{} adds nothing to the export", l.key());
        }
    }
    assert!(parse_layers("labels,municipalities,provinces,table").is_ok());
    let err = parse_layers("labels,bogus").expect_err("unknown names are refused");
    assert!(err.contains("bogus") && err.contains("historic"), "{err}");
}

#[test]
fn the_export_draws_and_lists_an_overlay_in_the_colour_the_map_uses() {
    let doc = common::doc(Edition::M2025);
    let svg = render_svg(
        doc,
        &ImageOptions::new(1600, vec![layer::historic::KEY], Lang::Nl),
    );
    let red = style::hex(style::HISTORIC);
    // The borders, the names and the legend line, all in the map's historic red.
    assert!(
        svg.matches(&format!(r#"stroke="{red}""#)).count() >= 2,
        "{red}"
    );
    assert!(svg.contains(&format!(r#"fill="{red}">2020: "#)));
    let t = i18n::texts(Lang::Nl);
    assert!(svg.contains(t.historic_layer), "the legend names the layer");
}

#[test]
fn an_exported_map_hatches_a_zone_shared_by_two_teams_as_the_window_does() {
    use gebiedsplanner::document::Document;
    use gebiedsplanner::model::edit::{Edit, apply};
    let base = common::doc(Edition::M2025);
    let t = i18n::texts(Lang::Nl);
    let opts = ImageOptions::new(1600, Vec::new(), Lang::Nl);
    let shared = format!("url(#hatch{})", &style::hex(style::HATCH_SHARED)[1..]);
    let plain = render_svg(base, &opts);
    assert!(
        !plain.contains(t.hatch_shared),
        "the default division shares no zone"
    );
    // One municipality of a zone of several goes to the team of a neighbouring zone.
    let atlas = &base.data.atlas;
    let (zone, muni, other) = atlas
        .units
        .iter_enumerated()
        .filter(|(_, u)| u.municipalities.len() > 1)
        .find_map(|(z, u)| {
            let own = base.scenario.unit_team[z]?;
            let other = atlas.unit_neighbours[z]
                .iter()
                .filter_map(|&n| base.scenario.unit_team[n])
                .find(|&t| t != own)?;
            Some((z, u.municipalities[0], other))
        })
        .expect("a zone of several municipalities next to another team");
    let mut s = base.scenario.clone();
    apply(
        &mut s,
        atlas,
        &Edit::AssignMunicipalities {
            municipalities: vec![muni],
            team: Some(other),
        },
    )
    .expect("the move is allowed");
    let doc = Document::new(base.data.clone(), s);
    assert!(
        doc.metrics.teams[other].split_units.contains(&zone),
        "the zone is now shared"
    );
    let svg = render_svg(&doc, &opts);
    assert!(
        svg.contains(t.hatch_shared),
        "the legend names the shared zone"
    );
    assert!(
        svg.contains(&shared),
        "its cells are hatched in the shared colour"
    );
}
