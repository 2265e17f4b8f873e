#![allow(
    clippy::print_stdout,
    reason = "a bench reports its figures on standard output"
)]
//! Speed of the proposal optimiser, with the same model solved from Python (PuLP and its
//! bundled CBC) as the baseline, in the same run.
//!
//!     pip install pulp
//!     cargo bench --bench propose
//!
//! Prints the baseline and the ratios at the end; docs/PERFORMANCE.md has the figures.

use std::hint::black_box;
use std::path::PathBuf;
use std::process::Command;
use std::time::{Duration, Instant};

use criterion::{Criterion, criterion_group, criterion_main};

use gebiedsplanner::cli::propose::problem_csv;
use gebiedsplanner::document::Document;
use gebiedsplanner::model::atlas::Edition;
use gebiedsplanner::model::optimise::atlas::{self as opt, Options};
use gebiedsplanner::model::optimise::{self, Status, synthetic};

/// The synthetic instance: 6 regions of 5 x 20 zones, 10 teams each (600 zones, 60 teams).
const SYNTHETIC: (usize, usize, usize, usize, u64) = (6, 5, 20, 10, 2026);
const SYNTHETIC_LIMIT: Duration = Duration::from_secs(10);

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}

fn bench(c: &mut Criterion) {
    let doc = Document::load(&gebiedsplanner::data::DataSource::BuiltIn, Edition::M2025)
        .expect("the real data loads");
    let atlas = &doc.data.atlas;
    let default = doc.data.default_division.scenario.clone();
    let historic = doc.data.historic.scenario.clone();
    let options = Options::default();
    let three = Options {
        alternatives: 3,
        ..Options::default()
    };

    let mut g = c.benchmark_group("propose");
    g.bench_function("real", |b| {
        b.iter(|| black_box(opt::propose(atlas, &default, &historic, &options).expect("solves")));
    });
    g.bench_function("alternatives3", |b| {
        b.iter(|| black_box(opt::propose(atlas, &default, &historic, &three).expect("solves")));
    });
    g.finish();

    // The same model from Python, and ours timed the same way in this run.
    let ours: Vec<f64> = (0..21)
        .map(|_| {
            let t0 = Instant::now();
            black_box(opt::propose(atlas, &default, &historic, &options).expect("solves"));
            t0.elapsed().as_secs_f64() * 1000.0
        })
        .collect();
    let ours = median(ours);
    let k3: Vec<f64> = (0..11)
        .map(|_| {
            let t0 = Instant::now();
            black_box(opt::propose(atlas, &default, &historic, &three).expect("solves"));
            t0.elapsed().as_secs_f64() * 1000.0
        })
        .collect();
    let k3 = median(k3);
    let built = opt::build(atlas, &default, &historic, &options).expect("builds");
    let best = built.solve(atlas).expect("solves");
    let dir = tempfile_dir();
    let (costs, adjacency) = problem_csv(&built).expect("csv");
    let (cp, ap) = (dir.join("costs.csv"), dir.join("adjacency.csv"));
    std::fs::write(&cp, costs).expect("write costs");
    std::fs::write(&ap, adjacency).expect("write adjacency");
    let script = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("benches/propose_pulp.py");
    let out = Command::new("python3")
        .arg(&script)
        .arg(&cp)
        .arg(&ap)
        .args(["--runs", "5"])
        .output()
        .expect("python3 runs (pip install pulp)");
    assert!(
        out.status.success(),
        "the PuLP baseline failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let line = String::from_utf8_lossy(&out.stdout);
    let v: serde_json::Value = serde_json::from_str(line.trim()).expect("the baseline's JSON");
    let py = v["median_ms"].as_f64().expect("median_ms");
    let py_cost = v["cost"].as_f64().expect("cost");
    assert!(
        (py_cost - best.best.disruption).abs() < 1e-3,
        "PuLP finds {py_cost}, we find {}",
        best.best.disruption
    );

    // The synthetic 600 x 60 instance, once: it may reach the time limit.
    let (r, w, h, t, seed) = SYNTHETIC;
    let t0 = Instant::now();
    let mut p = synthetic::grid(r, w, h, t, seed);
    p.time_limit = SYNTHETIC_LIMIT;
    let s = optimise::solve(&p, 0).expect("the start division at least");
    let syn = t0.elapsed();
    let status = match s.status {
        Status::Optimal => "optimal".to_string(),
        Status::Gap { lower } => format!(
            "gap {:.2}% (cost {}, proven lower bound {lower:.0})",
            100.0 * (s.best.cost - lower) / s.best.cost.max(1.0),
            s.best.cost
        ),
    };

    println!("\npropose: same-run figures");
    println!(
        "  propose/real: {ours:.2} ms (median of 21); PuLP + CBC: {py:.1} ms (median of 5); \
         {:.1}x faster (target 5x; under 200 ms: {})",
        py / ours,
        ours < 200.0
    );
    println!(
        "  propose/alternatives3: {k3:.2} ms (median of 11; under 1 s: {})",
        k3 < 1000.0
    );
    println!(
        "  propose/synthetic600: {:.2} s for 600 zones, 60 teams, {} rounds, {status} \
         (time limit {} s)",
        syn.as_secs_f64(),
        s.rounds,
        SYNTHETIC_LIMIT.as_secs()
    );
    println!(
        "  real data: disruption {:.0}, lower bound {:.0}, {} zones change",
        best.best.disruption,
        best.bound,
        best.best.changes.len()
    );
}

/// A folder for the baseline's input files, under the target folder.
fn tempfile_dir() -> PathBuf {
    let base = std::env::var_os("CARGO_TARGET_DIR").map_or_else(
        || PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target"),
        PathBuf::from,
    );
    let dir = base.join("propose-bench");
    std::fs::create_dir_all(&dir).expect("bench folder");
    dir
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(20).measurement_time(Duration::from_secs(5));
    targets = bench
}
criterion_main!(benches);
