//! The search box and the overlay layers in the window, and the overlay layers of an export.

use crate::common;

use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use gebiedsplanner::app::{GebiedsApp, Settings};
use gebiedsplanner::ui::dialogs::ScriptedDialogs;

fn harness() -> Harness<'static, GebiedsApp> {
    let app = GebiedsApp::headless(
        Settings::default(),
        None,
        Box::new(ScriptedDialogs::default()),
    );
    common::window(app)
}

fn search(h: &mut Harness<'_, GebiedsApp>, text: &str) {
    h.state_mut().search_text = text.to_string();
    h.run_steps(2);
}

#[test]
fn search_finds_a_municipality_with_or_without_capitals_and_selects_its_zone() {
    for query in ["Geraardsbergen", "geraardsbergen", "GERAARDSB"] {
        let mut h = harness();
        let z0 = h.state().workspace().expect("ws").memory.zoom();
        search(&mut h, query);
        h.get_by_label("Geraardsbergen (Gemeente)").click();
        h.run_steps(2);
        let w = h.state().workspace().expect("ws");
        let zone = w.doc.data.atlas.unit_by_code("elz10").expect("Dender Zuid");
        assert_eq!(w.selection.zones(), vec![zone], "{query}");
        assert!(w.memory.zoom() > z0 + 1.0, "the map zooms in ({query})");
        assert!(h.state().search_text.is_empty());
    }
}

#[test]
fn search_finds_the_proeftuin_zeebrugge_and_opens_its_card() {
    let mut h = harness();
    search(&mut h, "Zeebrugge");
    h.get_by_label_contains("Zeebrugge (Brugge) (Proeftuin)")
        .click();
    h.run_steps(3);
    assert!(
        h.state()
            .settings
            .layers
            .is_on(gebiedsplanner::map::layer::proeftuinen::KEY),
        "the layer is switched on"
    );
    let card = h.state().proeftuin_card.expect("card open");
    let data = h.state().workspace().expect("workspace").data().clone();
    let ov = data.overlays();
    assert_eq!(ov.proeftuinen[card].municipality_name, "Brugge");
    h.get_by_label("Proeftuin buurtgericht netwerk");
    h.get_by_label("1-7-2019 – 30-6-2022");
}

#[test]
fn the_historic_layer_has_the_15_teams_with_their_partners() {
    let h = harness();
    let data = h.state().workspace().expect("workspace").data().clone();
    let ov = data.overlays();
    assert_eq!(ov.historic.teams.len(), 15);
    let antwerpen = ov
        .historic
        .teams
        .iter()
        .find(|t| t.name == "RTJ Stad Antwerpen")
        .expect("Antwerpen");
    assert_eq!(antwerpen.partners, Some(24));
    assert_eq!(ov.proeftuinen.len(), 6);
    assert_eq!(ov.proeftuinen.iter().filter(|p| p.marker_only()).count(), 2);
    let approximate: Vec<&str> = ov
        .proeftuinen
        .iter()
        .filter(|p| p.approximate)
        .map(|p| p.municipality_name.as_str())
        .collect();
    assert_eq!(approximate, vec!["Geraardsbergen", "Sint-Niklaas"]);
}

#[test]
fn a_search_without_hits_says_so() {
    let mut h = harness();
    search(&mut h, "xyzzy");
    h.get_by_label("Niets gevonden");
    search(&mut h, "Gent");
    assert!(h.query_by_label("Niets gevonden").is_none());
    search(&mut h, "");
    assert!(h.query_by_label("Niets gevonden").is_none());
}

/// A municipality found while whole zones are edited: its zone is selected, and the
/// municipality itself is outlined in white inside it until the selection changes.
#[test]
fn a_found_municipality_is_outlined_inside_its_zone() {
    let mut h = harness();
    search(&mut h, "Lier");
    h.get_by_label("Lier (Gemeente)").click();
    h.run_steps(3);
    let w = h.state().workspace().expect("ws");
    let lier = w
        .doc
        .data
        .atlas
        .municipalities
        .position(|m| m.name == "Lier")
        .expect("Lier");
    let (marked, _) = w.marked.clone().expect("Lier is marked");
    assert_eq!(marked, lier);
    let zone = w.doc.data.atlas.cells[w.doc.data.atlas.municipalities[lier].cells[0]].unit;
    assert_eq!(w.selection.zones(), vec![zone]);
    let white = |h: &mut Harness<'_, GebiedsApp>| {
        let image = h.render().expect("render");
        image
            .pixels()
            .filter(|p| p.0[0] > 250 && p.0[1] > 250 && p.0[2] > 250)
            .count()
    };
    let with_mark = white(&mut h);
    h.state_mut().workspace_mut().expect("ws").marked = None;
    h.run_steps(2);
    let without = white(&mut h);
    assert!(
        with_mark > without + 200,
        "the outline adds white: {with_mark} against {without}"
    );
}
