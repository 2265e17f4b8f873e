#![allow(
    clippy::print_stdout,
    reason = "a bench reports its figures on standard output"
)]
//! Building the border topology: the shipped municipalities, and the same with one
//! municipality (Gent) whose border is sampled about every 20 cm, as a more detailed source
//! would give it. The second must stay of the order of the first, not grow with the square
//! of Gent's points.
//!
//!     cargo bench --bench topology

use std::hint::black_box;
use std::time::Duration;

use criterion::{Criterion, criterion_group, criterion_main};

use gebiedsplanner::data::DataSource;
use gebiedsplanner::model::topology::{LonLatPolygon, Topology};

/// The municipality polygons of 2025 and the NIS code of each.
fn municipalities() -> (Vec<Vec<LonLatPolygon>>, Vec<String>) {
    let name = "municipalities_flanders_brussels_2025.geojson";
    let data = DataSource::BuiltIn;
    let file = data.path(name);
    let features = data.polygons(name).expect("the real municipalities load");
    let codes = features
        .iter()
        .map(|f| f.text(&file, "nis").unwrap_or_default())
        .collect();
    (features.into_iter().map(|f| f.polygons).collect(), codes)
}

/// Points every `step` degrees along each edge of the polygons.
fn densify(polys: &[LonLatPolygon], step: f64) -> Vec<LonLatPolygon> {
    polys
        .iter()
        .map(|p| {
            p.iter()
                .map(|ring| {
                    let mut out = Vec::new();
                    for w in ring.windows(2) {
                        let (a, b) = (w[0], w[1]);
                        let len = ((b[0] - a[0]).powi(2) + (b[1] - a[1]).powi(2)).sqrt();
                        let n = ((len / step).ceil() as usize).max(1);
                        for k in 0..n {
                            let t = k as f64 / n as f64;
                            out.push([a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t]);
                        }
                    }
                    out.extend(ring.last().copied());
                    out
                })
                .collect()
        })
        .collect()
}

fn topology(c: &mut Criterion) {
    let (shipped, codes) = municipalities();
    let gent = codes
        .iter()
        .position(|c| c == "44021")
        .expect("Gent is in the data");
    let mut dense = shipped.clone();
    dense[gent] = densify(&shipped[gent], 2e-6);
    let points = |cells: &[Vec<LonLatPolygon>]| -> usize {
        cells.iter().flatten().flatten().map(Vec::len).sum()
    };
    eprintln!(
        "topology: {} points shipped, {} with Gent densified ({} in Gent)",
        points(&shipped),
        points(&dense),
        points(&dense[gent..=gent])
    );
    let mut g = c.benchmark_group("topology");
    g.sample_size(10).measurement_time(Duration::from_secs(20));
    g.bench_function("shipped", |b| {
        b.iter(|| Topology::build(black_box(&shipped)));
    });
    g.bench_function("gent_densified_20cm", |b| {
        b.iter(|| Topology::build(black_box(&dense)));
    });
    g.finish();
}

criterion_group!(benches, topology);
criterion_main!(benches);
