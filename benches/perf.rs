#![allow(
    clippy::print_stdout,
    reason = "a bench reports its figures on standard output"
)]
//! Speed, measured on the real data folder and on a synthetic grid of 20 000 units.
//!
//!     cargo bench --bench perf
//!
//! Medians end up in `target/criterion/<group>/<name>/new/estimates.json`;
//! `benches/geos_baseline.py` reads them and prints the table of docs/PERFORMANCE.md.

use std::hint::black_box;
use std::path::PathBuf;
use std::time::Duration;

use criterion::{BatchSize, Criterion, criterion_group, criterion_main};
use egui::{Pos2, Rect, Vec2, epaint::ClippedShape};

use gebiedsplanner::data::DataSource;
use gebiedsplanner::document::Document;
use gebiedsplanner::map::MapGeometry;
use gebiedsplanner::map::layer;
use gebiedsplanner::map::layers::{Layers, TileChoice};
use gebiedsplanner::map::view::{FrameView, MapInput, MapView, ScreenTransform};
use gebiedsplanner::model::atlas::{Atlas, Edition};
use gebiedsplanner::model::borders::team_border_arcs;
use gebiedsplanner::model::edit::Edit;
use gebiedsplanner::model::geom::Merc;
use gebiedsplanner::model::ids::{TeamId, ZoneId};
use gebiedsplanner::model::metrics;
use gebiedsplanner::model::seeds::Seeds;
use gebiedsplanner::model::synthetic;
use gebiedsplanner::workspace::Workspace;

/// The real data: the set built into the program.
fn data() -> DataSource {
    DataSource::BuiltIn
}

/// The synthetic grid: 200 x 100 = 20 000 square units in 60 zones and 16 teams.
const GRID: (usize, usize, usize, usize) = (200, 100, 60, 16);

/// Size of the map area of the window (1280 x 800 less the panels).
const MAP_SIZE: Vec2 = Vec2::new(900.0, 700.0);
/// Size of the map area on a full-HD screen or projector: all of Flanders at zoom 9 or more,
/// so the municipality borders are drawn too.
const MAP_SIZE_HD: Vec2 = Vec2::new(1600.0, 1000.0);

/// Every layer of the map on (the base map's tiles are the GPU's work, not ours).
fn layers() -> Layers {
    let mut l = Layers {
        tiles: TileChoice::None,
        ..Layers::default()
    };
    for key in [
        layer::borders::PROVINCE_KEY,
        layer::historic::KEY,
        layer::proeftuinen::KEY,
    ] {
        l.set_on(key, true);
    }
    l
}

/// The layers of the synthetic grid: no overlays, which are on the real municipalities.
fn grid_layers() -> Layers {
    let mut l = layers();
    l.set_on(layer::historic::KEY, false);
    l.set_on(layer::proeftuinen::KEY, false);
    l
}

fn real_workspace() -> Workspace {
    let doc = Document::load(&data(), Edition::M2025).expect("the real data loads");
    Workspace::new(doc, &layers())
}

fn grid_session() -> Document {
    let (atlas, scenario) = synthetic::grid(GRID.0, GRID.1, GRID.2, GRID.3);
    let seeds = Seeds::builtin().expect("built-in seeds");
    Document::default_division(gebiedsplanner::dataset::Dataset::with_divisions(
        &data(),
        atlas,
        seeds,
        scenario.clone(),
        scenario,
    ))
}

/// A zone and two teams to move it between: its own team and the team of a bordering zone.
fn move_pair(w: &Workspace) -> (ZoneId, TeamId, TeamId) {
    let atlas = &w.doc.data.atlas;
    let s = &w.doc.scenario;
    // The most populous zone that borders another team.
    let mut best = None;
    for (u, nbs) in atlas.unit_neighbours.iter_enumerated() {
        let Some(own) = s.unit_team[u] else { continue };
        let Some(other) = nbs
            .iter()
            .filter_map(|&n| s.unit_team[n])
            .find(|&t| t != own)
        else {
            continue;
        };
        let pop = atlas.unit_population(u).0.unwrap_or(0.0);
        if best.is_none_or(|(_, _, _, p)| pop > p) {
            best = Some((u, own, other, pop));
        }
    }
    let (u, own, other, _) = best.expect("a zone on a team border");
    (u, own, other)
}

/// Write down which move was measured, for `geos_baseline.py` to time the same one.
fn record_move(group: &str, w: &Workspace, unit: ZoneId, own: TeamId, other: TeamId) {
    let target = std::env::var_os("CARGO_TARGET_DIR").map_or_else(
        || PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target"),
        PathBuf::from,
    );
    let dir = target.join("criterion").join(group).join("move");
    let teams = &w.doc.scenario.teams;
    let json = serde_json::json!({
        "zone": w.doc.data.atlas.units[unit].code,
        "zone_name": w.doc.data.atlas.units[unit].name,
        "from": teams[own].id,
        "to": teams[other].id,
    });
    std::fs::create_dir_all(&dir).expect("criterion folder");
    std::fs::write(dir.join("move.json"), json.to_string()).expect("write move.json");
}

/// The transform that fits the whole atlas in a map area of `size`, and its zoom level.
fn fit(geometry: &MapGeometry, atlas: &Atlas, size: Vec2) -> (ScreenTransform, Rect, f64) {
    let rect = Rect::from_min_size(Pos2::new(0.0, 60.0), size);
    let b = atlas.bbox;
    let zx = (size.x as f64 / (b.width() * 256.0)).log2();
    let zy = (size.y as f64 / (b.height() * 256.0)).log2();
    let zoom = ((zx.min(zy) - 0.1) * 4.0).floor() / 4.0;
    let scale = (256.0 * 2f64.powf(zoom)) as f32;
    let c = geometry.to_local(b.center());
    let offset = rect.center().to_vec2() - Vec2::new(c[0], c[1]) * scale;
    (ScreenTransform { offset, scale }, rect, zoom)
}

/// A context with fonts, as after the first frame of the app.
fn context() -> egui::Context {
    let ctx = egui::Context::default();
    let _ = ctx.run_ui(egui::RawInput::default(), |_| {});
    ctx
}

/// Shapes of one frame of the whole atlas plus egui's tessellation of them; returns the
/// number of vertices.
fn frame(ctx: &egui::Context, w: &Workspace, view: &FrameView, layers: &Layers) -> usize {
    let cells = w.scene_cells();
    let input = MapInput {
        scene: w.scene(
            &cells,
            gebiedsplanner::i18n::texts(gebiedsplanner::i18n::Lang::Nl),
            layers,
            None,
        ),
        geometry: w.geometry(),
        layers,
        hover_zone: true,
        text_scale: 1.0,
        ghost: None,
        select_rect: None,
        marked: None,
    };
    // As the window draws it: every layer, then all names placed together.
    let shapes = MapView::shapes(ctx, view, &input);
    let clipped: Vec<ClippedShape> = shapes
        .into_iter()
        .map(|shape| ClippedShape {
            clip_rect: view.rect,
            shape,
            transform_after_tessellation: egui::emath::TSTransform::IDENTITY,
        })
        .collect();
    // The number of vertices handed to the GPU.
    ctx.tessellate(clipped, 1.0)
        .iter()
        .map(|p| match &p.primitive {
            egui::epaint::Primitive::Mesh(m) => m.vertices.len(),
            egui::epaint::Primitive::Callback(_) => 0,
        })
        .sum()
}

/// Points spread over the atlas box, the same on every run.
fn hit_points(atlas: &Atlas, n: usize) -> Vec<Merc> {
    let b = atlas.bbox;
    let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
    (0..n)
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            let u = (x & 0xffff) as f64 / 65535.0;
            let v = ((x >> 16) & 0xffff) as f64 / 65535.0;
            [b.min[0] + u * b.width(), b.min[1] + v * b.height()]
        })
        .collect()
}

fn suite(c: &mut Criterion, group: &str, mut w: Workspace, layers: &Layers) {
    let mut g = c.benchmark_group(group);
    g.warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(3));

    // Move one zone to a bordering team and back, alternately: the editor's own path
    // (edit, history, metrics of the two teams, comparison, colours, team outlines).
    let (unit, own, other) = move_pair(&w);
    record_move(group, &w, unit, own, other);
    let mut flip = false;
    g.bench_function("move", |b| {
        b.iter(|| {
            flip = !flip;
            let team = if flip { other } else { own };
            let edit = Edit::AssignUnits {
                units: vec![unit],
                team: Some(team),
            };
            black_box(w.apply(edit)).expect("the move is allowed");
        });
    });
    if flip {
        let edit = Edit::AssignUnits {
            units: vec![unit],
            team: Some(own),
        };
        w.apply(edit).expect("move back");
    }

    // Every team outline from scratch.
    g.bench_function("outlines", |b| {
        b.iter(|| team_border_arcs(&w.doc.data.atlas, black_box(&w.doc.cell_team)));
    });

    // Every team's metrics from scratch (what a move did before it was incremental).
    g.bench_function("metrics_full", |b| {
        b.iter(|| {
            metrics::compute_cells(
                &w.doc.data.atlas,
                black_box(&w.doc.cell_team),
                w.doc.scenario.teams.len(),
                &w.doc.data.rules,
            )
        });
    });

    // One frame of the whole map, hovering the zone in the middle: in the window, and on a
    // full-HD screen where the municipality borders show as well.
    let ctx = context();
    for (name, size) in [("frame", MAP_SIZE), ("frame_hd", MAP_SIZE_HD)] {
        let (transform, rect, zoom) = fit(w.geometry(), &w.doc.data.atlas, size);
        let view = FrameView {
            transform,
            rect,
            zoom,
            hovered_cell: w.doc.data.atlas.cell_at(w.doc.data.atlas.bbox.center()),
        };
        let vertices = frame(&ctx, &w, &view, layers);
        eprintln!(
            "{group}/{name}: {} cells, zoom {zoom:.2}, {vertices} vertices after tessellation",
            w.doc.data.atlas.cells.len()
        );
        g.bench_function(name, |b| {
            b.iter(|| frame(&ctx, &w, black_box(&view), layers));
        });
    }

    // The zone under the cursor.
    let points = hit_points(&w.doc.data.atlas, 4096);
    let mut i = 0;
    g.bench_function("hit", |b| {
        b.iter(|| {
            i = (i + 1) % points.len();
            w.doc.data.atlas.cell_at(black_box(points[i]))
        });
    });
    g.finish();
}

fn real(c: &mut Criterion) {
    // The allocator settings of the app (src/main.rs), so that the figures are the app's.
    gebiedsplanner::memory::keep_frame_buffers();
    let dir = data();
    let mut g = c.benchmark_group("real");
    g.sample_size(20)
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(5));
    // Read the files, build the atlas with its topology and adjacency, the scenarios and
    // their metrics: everything before the window can draw, except the meshes below.
    g.bench_function("load", |b| {
        b.iter(|| Document::load(black_box(&dir), Edition::M2025).expect("the real data loads"));
    });
    // The meshes the first frame needs: full detail, and the simplified copy for the zoom
    // level that shows the whole map.
    let doc = Document::load(&dir, Edition::M2025).expect("the real data loads");
    g.bench_function("meshes", |b| {
        b.iter(|| {
            let geometry = MapGeometry::build(black_box(&doc.data.atlas));
            let (_, _, zoom) = fit(&geometry, &doc.data.atlas, MAP_SIZE);
            let _ = geometry.level(&doc.data.atlas, geometry.detail(zoom));
            geometry
        });
    });
    g.finish();
    // With the historic teams and Proeftuinen of the data.
    suite(c, "real", real_workspace(), &layers());
}

fn grid(c: &mut Criterion) {
    gebiedsplanner::memory::keep_frame_buffers();
    let mut g = c.benchmark_group("grid");
    g.sample_size(10)
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(5));
    g.bench_function("load", |b| {
        b.iter_batched(
            || synthetic::grid_input(GRID.0, GRID.1, GRID.2),
            |input| Atlas::build(input).expect("grid atlas"),
            BatchSize::LargeInput,
        );
    });
    g.finish();
    // No overlays: the historic teams and Proeftuinen are on the real municipalities.
    suite(
        c,
        "grid",
        Workspace::new(grid_session(), &layers()),
        &grid_layers(),
    );
}

/// Opening a tab (new, duplicate, a file) on data that is loaded already: the dataset and its
/// prepared map geometry are shared, so only the scenario and its figures are made.
fn tab(c: &mut Criterion) {
    let base = real_workspace();
    // The geometry exists once the first tab has drawn.
    let _ = base.geometry();
    let layers = layers();
    let mut g = c.benchmark_group("tab");
    g.sample_size(50)
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(3));
    g.bench_function("open", |b| {
        b.iter(|| {
            let doc = Document::new(base.data().clone(), black_box(&base.doc.scenario).clone());
            Workspace::new(doc, &layers)
        });
    });
    g.finish();
}

criterion_group!(benches, real, tab, grid);
criterion_main!(benches);
