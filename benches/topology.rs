#![allow(
    clippy::print_stdout,
    clippy::print_stderr,
    reason = "a bench reports its figures on standard output"
)]
//! Building the border topology: the shipped municipalities, and the same with one
//! municipality (Gent) whose border carries 10 and 100 times its points (points put evenly on
//! each of its edges), and one sampled about every 20 cm, as a more detailed source would
//! give it. The build time must follow the number of points, not its square: the time ratio
//! of a densified set to the shipped one stays near its point ratio.
//!
//!     cargo bench --bench topology
//!
//! After criterion's figures the bench prints, for each densified set, its points and its
//! median build time as ratios to the shipped set (measured in the same run).

use std::hint::black_box;
use std::time::{Duration, Instant};

use criterion::{Criterion, criterion_group, criterion_main};

use gebiedsplanner::data::DataSource;
use gebiedsplanner::model::topology::{LonLatPolygon, Topology, densify};

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

fn points(cells: &[Vec<LonLatPolygon>]) -> usize {
    cells.iter().flatten().flatten().map(Vec::len).sum()
}

/// Median of `runs` builds, in seconds.
fn median_build(cells: &[Vec<LonLatPolygon>], runs: usize) -> f64 {
    let mut times: Vec<f64> = (0..runs)
        .map(|_| {
            let t = Instant::now();
            black_box(Topology::build(black_box(cells)));
            t.elapsed().as_secs_f64()
        })
        .collect();
    times.sort_by(f64::total_cmp);
    times[runs / 2]
}

fn topology(c: &mut Criterion) {
    let (shipped, codes) = municipalities();
    let gent = codes
        .iter()
        .position(|c| c == "44021")
        .expect("Gent is in the data");
    let with_gent = |polys: Vec<LonLatPolygon>| {
        let mut cells = shipped.clone();
        cells[gent] = polys;
        cells
    };
    let sets = [
        ("gent_x10", with_gent(densify(&shipped[gent], |_| 10))),
        ("gent_x100", with_gent(densify(&shipped[gent], |_| 100))),
        (
            "gent_densified_20cm",
            with_gent(densify(&shipped[gent], |len| (len / 2e-6).ceil() as usize)),
        ),
    ];
    let mut g = c.benchmark_group("topology");
    g.sample_size(10).measurement_time(Duration::from_secs(20));
    g.bench_function("shipped", |b| {
        b.iter(|| Topology::build(black_box(&shipped)));
    });
    for (name, cells) in &sets {
        g.bench_function(*name, |b| {
            b.iter(|| Topology::build(black_box(cells)));
        });
    }
    g.finish();

    let base_points = points(&shipped);
    let base_time = median_build(&shipped, 11);
    println!(
        "topology/shipped: {base_points} points ({} in Gent), {:.1} ms",
        points(&shipped[gent..=gent]),
        base_time * 1e3
    );
    for (name, cells) in &sets {
        let time = median_build(cells, 11);
        println!(
            "topology/{name}: {} points ({} in Gent), {:.1} ms; to shipped: points x{:.2}, time x{:.2}",
            points(cells),
            points(&cells[gent..=gent]),
            time * 1e3,
            points(cells) as f64 / base_points as f64,
            time / base_time
        );
    }
}

criterion_group!(benches, topology);
criterion_main!(benches);
