//! Shared helpers for the tests on the real data folder.
#![allow(dead_code)]

use gebiedsplanner::app::Command;
use std::path::PathBuf;
use std::sync::OnceLock;

use gebiedsplanner::document::Document;
use gebiedsplanner::model::atlas::Edition;

/// The real data folder: `$GEBIEDSPLANNER_DATA`, else `../shared/data` next to the repository.
/// Fails loudly when it is missing: these tests never skip.
pub fn data_dir() -> PathBuf {
    let dir = std::env::var_os("GEBIEDSPLANNER_DATA").map_or_else(
        || PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/data"),
        PathBuf::from,
    );
    assert!(
        dir.join("municipalities_flanders_brussels_2025.geojson")
            .is_file(),
        "the real data folder is missing: expected the files of shared/data in {} \
         (set GEBIEDSPLANNER_DATA to the data folder)",
        dir.display()
    );
    dir
}

/// The real data, loaded once for all tests.
pub fn data(edition: Edition) -> &'static std::sync::Arc<gebiedsplanner::dataset::Dataset> {
    &doc(edition).data
}

/// A document on the default division of the real data, loaded once for all tests.
pub fn doc(edition: Edition) -> &'static Document {
    static S2025: OnceLock<Document> = OnceLock::new();
    static S2019: OnceLock<Document> = OnceLock::new();
    let cell = match edition {
        Edition::M2025 => &S2025,
        Edition::M2019 => &S2019,
    };
    cell.get_or_init(|| Document::load(&data_dir(), edition).expect("the real data loads"))
}

/// A copy of the real data folder in a temporary folder, to damage one file in a test.
pub fn data_copy() -> tempfile::TempDir {
    let tmp = tempfile::tempdir().expect("temp dir");
    for e in std::fs::read_dir(data_dir()).expect("read data dir") {
        let e = e.expect("entry");
        if e.path().is_file() {
            std::fs::copy(e.path(), tmp.path().join(e.file_name())).expect("copy");
        }
    }
    tmp
}

/// The whole window in a headless harness of `size`, before its first frame.
pub fn harness(
    app: gebiedsplanner::app::GebiedsApp,
    size: egui::Vec2,
) -> egui_kittest::Harness<'static, gebiedsplanner::app::GebiedsApp> {
    egui_kittest::Harness::builder()
        .with_size(size)
        .build_ui_state(
            |ui, app: &mut gebiedsplanner::app::GebiedsApp| app.show(ui),
            app,
        )
}

/// The window at 1280x800, after the frames that lay it out.
pub fn window(
    app: gebiedsplanner::app::GebiedsApp,
) -> egui_kittest::Harness<'static, gebiedsplanner::app::GebiedsApp> {
    let mut h = harness(app, egui::vec2(1280.0, 800.0));
    h.run_steps(3);
    h
}

/// Take the zone Gent (elz13) away from its team, as the editor does.
pub fn unassign_gent(h: &mut egui_kittest::Harness<'_, gebiedsplanner::app::GebiedsApp>) {
    let w = h.state().workspace().expect("ws");
    let gent = w.doc.data.atlas.unit_by_code("elz13").expect("gent");
    h.state_mut().push(Command::SelectZone(gent));
    h.state_mut().push(Command::AssignSelection(None));
    h.run_steps(2);
}
