#![allow(
    clippy::print_stdout,
    reason = "a bench reports its figures on standard output"
)]
//! Drawing a user's reference layer of 100 000 vertices (500 parcels of 100 points and 50
//! winding lines of 1 000 points over Flanders), one frame with all of Flanders in view and one
//! zoomed in on Gent, including egui's tessellation.
//!
//!     cargo bench --bench reference
//!
//! `*/prepared` is the app's drawing (projected at load, lines outside the view skipped, the
//! simplified copy of the zoom level); `*/baseline` draws the same layer as the app did before:
//! every feature at full detail, projected from longitude/latitude in every frame, one egui
//! line per ring.

use std::hint::black_box;
use std::path::Path;
use std::time::Duration;

use criterion::{Criterion, criterion_group, criterion_main};
use egui::epaint::{CircleShape, ClippedShape};
use egui::{Color32, Pos2, Rect, Shape, Stroke, Vec2};

use gebiedsplanner::data::DataSource;
use gebiedsplanner::data::reference::{ReferenceLayer, parse_reference_layer};
use gebiedsplanner::document::Document;
use gebiedsplanner::map::MapGeometry;
use gebiedsplanner::map::reference_view::{ReferenceDrawing, ReferenceStyle, draw_reference};
use gebiedsplanner::map::view::ScreenTransform;
use gebiedsplanner::model::atlas::Edition;
use gebiedsplanner::model::geom;
use gebiedsplanner::style::REFERENCE;

/// The layer as GeoJSON text: the same on every run.
fn layer_text() -> String {
    let mut features = Vec::new();
    let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut next = || {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        (x & 0xffff) as f64 / 65535.0
    };
    // Flanders: about 2.6 to 5.9 E, 50.7 to 51.4 N.
    for i in 0..500 {
        let (lon, lat) = (2.6 + 3.3 * next(), 50.7 + 0.7 * next());
        let r = 0.002 + 0.01 * next();
        let ring: Vec<String> = (0..=100)
            .map(|k| {
                let a = f64::from(k % 100) / 100.0 * std::f64::consts::TAU;
                let wobble = 1.0 + 0.05 * (a * 7.0).sin();
                format!(
                    "[{:.6},{:.6}]",
                    lon + r * wobble * a.cos() * 1.6,
                    lat + r * wobble * a.sin()
                )
            })
            .collect();
        features.push(format!(
            r#"{{"type":"Feature","properties":{{"naam":"perceel {i}"}},"geometry":{{"type":"Polygon","coordinates":[[{}]]}}}}"#,
            ring.join(",")
        ));
    }
    for i in 0..50 {
        let (mut lon, mut lat) = (2.6 + 3.3 * next(), 50.7 + 0.7 * next());
        let line: Vec<String> = (0..1000)
            .map(|_| {
                lon += (next() - 0.45) * 0.002;
                lat += (next() - 0.5) * 0.0015;
                format!("[{lon:.6},{lat:.6}]")
            })
            .collect();
        features.push(format!(
            r#"{{"type":"Feature","properties":{{"naam":"beek {i}"}},"geometry":{{"type":"LineString","coordinates":[{}]}}}}"#,
            line.join(",")
        ));
    }
    format!(
        r#"{{"type":"FeatureCollection","features":[{}]}}"#,
        features.join(",")
    )
}

/// How the layer was drawn before it was prepared at load: every ring and line in full,
/// projected from longitude/latitude in every frame, one egui line each.
fn baseline(
    shapes: &mut Vec<Shape>,
    tf: &ScreenTransform,
    geo: &MapGeometry,
    layer: &ReferenceLayer,
) {
    let stroke = Stroke::new(2.0, REFERENCE);
    let ll = |c: [f64; 2]| tf.apply(geo.to_local(geom::to_merc(c[0], c[1])));
    for f in &layer.features {
        for poly in &f.polygons {
            for ring in poly {
                shapes.push(Shape::line(ring.iter().map(|&c| ll(c)).collect(), stroke));
            }
        }
        for line in &f.lines {
            shapes.push(Shape::line(line.iter().map(|&c| ll(c)).collect(), stroke));
        }
        for &p in &f.points {
            shapes.push(Shape::Circle(CircleShape {
                center: ll(p),
                radius: 5.0,
                fill: REFERENCE,
                stroke: Stroke::new(1.5, Color32::WHITE),
            }));
        }
    }
}

/// egui's tessellation of the shapes; returns the number of vertices.
fn tessellate(ctx: &egui::Context, shapes: Vec<Shape>, clip: Rect) -> usize {
    let clipped: Vec<ClippedShape> = shapes
        .into_iter()
        .map(|shape| ClippedShape {
            clip_rect: clip,
            shape,
            transform_after_tessellation: egui::emath::TSTransform::IDENTITY,
        })
        .collect();
    ctx.tessellate(clipped, 1.0)
        .iter()
        .map(|p| match &p.primitive {
            egui::epaint::Primitive::Mesh(m) => m.vertices.len(),
            egui::epaint::Primitive::Callback(_) => 0,
        })
        .sum()
}

fn view(geo: &MapGeometry, clip: Rect, lon: f64, lat: f64, zoom: f64) -> ScreenTransform {
    let scale = (256.0 * 2f64.powf(zoom)) as f32;
    let at = geo.to_local(geom::to_merc(lon, lat));
    ScreenTransform {
        offset: clip.center().to_vec2() - Vec2::new(at[0], at[1]) * scale,
        scale,
    }
}

fn reference(c: &mut Criterion) {
    gebiedsplanner::memory::keep_frame_buffers();
    let doc = Document::load(&DataSource::BuiltIn, Edition::M2025).expect("built-in data");
    let geo = doc.data.geometry();
    let layer =
        parse_reference_layer(Path::new("bench.geojson"), &layer_text()).expect("bench layer");
    let drawing = ReferenceDrawing::new(layer.clone());
    eprintln!("reference: {} vertices", drawing.vertex_count());
    let ctx = egui::Context::default();
    let _ = ctx.run_ui(egui::RawInput::default(), |_| {});
    let clip = Rect::from_min_size(Pos2::new(0.0, 60.0), Vec2::new(900.0, 700.0));
    let feather = gebiedsplanner::map::lines::feather(&ctx);
    let style = ReferenceStyle {
        label_field: None,
        scale: 1.0,
        clip,
        feather,
    };
    let mut g = c.benchmark_group("reference");
    g.sample_size(30)
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(4));
    // All of Flanders in the window (zoom 8), and Gent at zoom 13.
    for (name, tf) in [
        ("flanders", view(geo, clip, 4.25, 51.05, 8.0)),
        ("gent", view(geo, clip, 3.72, 51.05, 13.0)),
    ] {
        let prepared = || {
            let (mut mesh, mut shapes) = (egui::Mesh::default(), Vec::new());
            draw_reference(
                &mut mesh,
                &mut shapes,
                black_box(&tf),
                geo,
                &drawing,
                &style,
            );
            shapes.push(Shape::mesh(mesh));
            tessellate(&ctx, shapes, clip)
        };
        let before = || {
            let mut shapes = Vec::new();
            baseline(&mut shapes, black_box(&tf), geo, &layer);
            tessellate(&ctx, shapes, clip)
        };
        eprintln!(
            "reference/{name}: {} vertices after tessellation, {} before it was prepared",
            prepared(),
            before()
        );
        g.bench_function(format!("{name}/prepared"), |b| b.iter(prepared));
        g.bench_function(format!("{name}/baseline"), |b| b.iter(before));
    }
    // Preparing the layer when it is opened (on the loading thread).
    g.sample_size(10);
    g.bench_function("prepare", |b| {
        b.iter(|| ReferenceDrawing::new(black_box(&layer).clone()));
    });
    g.finish();
}

criterion_group!(benches, reference);
criterion_main!(benches);
