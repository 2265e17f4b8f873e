//! Entry points for fuzzing the readers: each takes the raw bytes of a file and runs them
//! through the reader as the app does, then through what comes after it (geometry,
//! resolving against the atlas, saving again). They return nothing: a reader may refuse any
//! input, but it may not panic, hang or overflow the stack. Used by the cargo-fuzz targets in
//! `fuzz/` and by the mutation run in `tests/fuzz_smoke.rs`.

use std::path::Path;

use crate::data::error::decode_text;
use crate::data::scenario_file::{FileMeta, ScenarioFile};
use crate::data::{assignment_csv, geojson_read, reference, scenario_file, table};
use crate::map::MapGeometry;
use crate::map::view::ScreenTransform;
use crate::model::atlas::{Atlas, AtlasInput, Edition, MunicipalityInput, SplitInput, UnitInput};
use crate::model::scenario::Scenario;

/// A data GeoJSON file; what parses is built into a small atlas (shared edges, splits by
/// polygon, triangulation and label points), as the municipality and Antwerp files are.
pub fn data_geojson(bytes: &[u8]) {
    let file = Path::new("fuzz.geojson");
    let Ok(text) = decode_text(file, bytes.to_vec()) else {
        return;
    };
    let Ok(features) = geojson_read::parse_polygons(file, &text) else {
        return;
    };
    // Keep the work per input small: a few features are enough to reach every code path.
    let features: Vec<_> = features.into_iter().take(6).collect();
    for f in &features {
        let _ = f.text(file, "nis");
    }
    let municipalities: Vec<MunicipalityInput> = features
        .iter()
        .enumerate()
        .map(|(i, f)| MunicipalityInput {
            code: format!("{:05}", 10_000 + i),
            name: format!("m{i}"),
            province: String::new(),
            polygons: f.polygons.clone(),
            population: Some(1_000),
            children: Some(100),
            population_year: 2021,
            predecessors: Vec::new(),
        })
        .collect();
    if municipalities.is_empty() {
        return;
    }
    let codes: Vec<String> = municipalities.iter().map(|m| m.code.clone()).collect();
    let mut units = vec![UnitInput {
        code: "z1".into(),
        name: "z1".into(),
        members: codes.clone(),
    }];
    let mut splits = Vec::new();
    // With two or more features, the first municipality is divided by the others' polygons,
    // as Antwerp is divided by its four zones.
    if features.len() >= 2 {
        let mut parts = Vec::new();
        for (i, f) in features.iter().enumerate().skip(1) {
            let code = format!("s{i}");
            units.push(UnitInput {
                code: code.clone(),
                name: code.clone(),
                members: vec![codes[0].clone()],
            });
            parts.push((code, f.polygons.clone()));
        }
        units[0].members.remove(0);
        splits.push(SplitInput {
            municipality: codes[0].clone(),
            parts,
        });
    }
    let input = AtlasInput {
        edition: Edition::M2025,
        municipalities,
        units,
        splits,
    };
    if let Ok(atlas) = Atlas::build(input) {
        let _ = crate::map::MapGeometry::build(&atlas);
    }
}

/// A data CSV table, read by header with the typed fields the loaders use.
pub fn data_csv(bytes: &[u8]) {
    let file = Path::new("fuzz.csv");
    let Ok(text) = decode_text(file, bytes.to_vec()) else {
        return;
    };
    let Ok(rows) = table::parse_table(file, &text, &[]) else {
        return;
    };
    for r in rows {
        let _ = r.nis(file, "nis");
        let _ = r.count(file, "pop_total");
        let _ = r.req(file, "elz_code");
        let _ = r.opt_ci("NAME_NL");
    }
}

/// A scenario file resolved against the atlas; what opens must save and open again.
pub fn scenario(atlas: &Atlas, bytes: &[u8]) {
    let file = Path::new("fuzz.json");
    let Ok(text) = decode_text(file, bytes.to_vec()) else {
        return;
    };
    let Ok(f) = scenario_file::parse(file, &text) else {
        return;
    };
    if f.edition != atlas.edition {
        return;
    }
    let Ok(r) = f.to_scenario(atlas, file) else {
        return;
    };
    let meta: FileMeta = f.meta();
    let again = ScenarioFile::compose(atlas, &r.scenario, &meta, &r.unresolved, "now");
    let json = again.to_json();
    match scenario_file::parse(file, &json) {
        Ok(back) => {
            let r2 = back.to_scenario(atlas, file);
            assert!(
                r2.as_ref()
                    .is_ok_and(|r2| r2.scenario.unit_team == r.scenario.unit_team
                        && r2.scenario.muni_team == r.scenario.muni_team
                        && r2.unresolved == r.unresolved),
                "a saved scenario opens differently"
            );
        }
        Err(e) => panic!("a saved scenario does not open: {e}"),
    }
}

/// An assignment table imported into a copy of `base`.
pub fn assignment(atlas: &Atlas, base: &Scenario, bytes: &[u8]) {
    let file = Path::new("fuzz.csv");
    let Ok(text) = decode_text(file, bytes.to_vec()) else {
        return;
    };
    let mut s = base.clone();
    if let Ok(report) = assignment_csv::import(atlas, &mut s, file, &text) {
        let _ = report.skipped_lines(file, 10);
        let _ = assignment_csv::export(atlas, &s);
    }
}

/// A user's reference layer. What reads is prepared for the screen as the map does every
/// frame: projected through the map's transform, drawn by `draw_reference` (outlines, lines,
/// points, label layout and placement) and tessellated into meshes, once with the whole map in
/// view and once zoomed in on the layer. Everything but the upload to the GPU.
pub fn reference(geo: &MapGeometry, bytes: &[u8]) {
    let file = Path::new("fuzz.geojson");
    let Ok(text) = decode_text(file, bytes.to_vec()) else {
        return;
    };
    let Ok(layer) = reference::parse_reference_layer(file, &text) else {
        return;
    };
    let _ = layer.skipped_lines(50);
    // The field the app suggests, else the first one: the user may pick any.
    let field = layer
        .suggested_label_field()
        .map(str::to_string)
        .or_else(|| layer.property_names.first().cloned());
    for f in layer.features.iter().take(100) {
        for name in layer.property_names.iter().take(20) {
            let _ = f.label(name);
        }
    }
    let size = egui::vec2(800.0, 600.0);
    let centre = size / 2.0;
    // The whole map (about zoom level 8) around the map origin, and zoom level 18 on the
    // middle of the layer.
    let mut views = vec![ScreenTransform {
        offset: centre,
        scale: 256.0 * 2f32.powi(8),
    }];
    let middle = geo.to_local(layer.bbox.center());
    let scale = 256.0 * 2f32.powi(18);
    let offset = centre - egui::vec2(middle[0], middle[1]) * scale;
    if offset.x.is_finite() && offset.y.is_finite() {
        views.push(ScreenTransform { offset, scale });
    }
    thread_local! {
        static CTX: egui::Context = egui::Context::default();
    }
    CTX.with(|ctx| {
        for tf in views {
            let input = egui::RawInput {
                screen_rect: Some(egui::Rect::from_min_size(egui::Pos2::ZERO, size)),
                ..Default::default()
            };
            let mut out = ctx.run_ui(input, |ui| {
                let clip = ui.max_rect();
                let (mut shapes, names) = crate::map::layer::reference::reference_shapes(
                    &|m| tf.apply(geo.to_local(m)),
                    1.0,
                    &layer,
                    field.as_deref(),
                );
                shapes.extend(crate::map::view::place_labels(ui.ctx(), clip, names));
                ui.painter().extend(shapes);
            });
            let shapes = std::mem::take(&mut out.shapes);
            let _ = ctx.tessellate(shapes, out.pixels_per_point);
            // The font atlas updates would go to the GPU.
            out.drop_without_applying_deltas();
        }
    });
}
