//! A mutation fuzzer that runs on stable Rust: it takes the corpus (tests/corpus) and a few
//! real files as seeds, mutates them with a seeded generator (cut, flip, insert, splice, repeat,
//! hostile tokens such as NaN, 1e999 and deep nesting) and runs every result through the
//! reader's fuzz entry point (`gebiedsplanner::fuzzing`). A panic or an input that takes
//! too long fails the test; the input is kept under target/fuzz-findings/ to add to the corpus.
//!
//! By default each reader gets a short smoke run (a few seconds, as CI runs it). For a long run:
//!
//!     GEBIEDSPLANNER_FUZZ_SECS=600 cargo test --release --test suite fuzz_smoke:: -- --nocapture
//!
//! `GEBIEDSPLANNER_FUZZ_SEED` changes the sequence; `GEBIEDSPLANNER_FUZZ_ONLY=<reader>` runs one
//! reader. docs/FUZZING.md has the cargo-fuzz targets.

use crate::common;

use std::cell::Cell;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::PathBuf;
use std::sync::Once;
use std::time::{Duration, Instant};

use gebiedsplanner::data::scenario_file::{FileMeta, ScenarioFile, Unresolved};
use gebiedsplanner::fuzzing as fuzz;
use gebiedsplanner::model::atlas::Edition;

/// xorshift64*: small, fast and the same on every machine.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            (self.next() % n as u64) as usize
        }
    }
}

const TOKENS: &[&[u8]] = &[
    b"NaN",
    b"1e999",
    b"-1e999",
    b"-0",
    b"99999999999999999999999",
    b"1.7976931348623157e308",
    b"0.0000000001",
    b"-180.0000001",
    b"90.0",
    b"-90",
    b"152000.5",
    b"null",
    b"true",
    b"[]",
    b"{}",
    b"[[[[[[[[[[[[[[[[",
    b"]]]]]]]]",
    b"{\"a\":{\"a\":{\"a\":",
    b"\"",
    b"\\u0000",
    b"\\ud800",
    b",",
    b";",
    b"\n",
    b"\r\n",
    b"\r",
    b"\xef\xbb\xbf",
    b"\xff\xfe",
    b"\xc3\x28",
    b"\x00",
    b"\"type\":\"Polygon\"",
    b"\"type\":\"MultiPolygon\"",
    b"\"coordinates\":[[[4,51],[4,51],[4,51],[4,51]]]",
    b"\"elz13\"",
    b"\"elz2-1\"",
    b"11001",
    b"21004",
    b"73028",
    b"elz99",
    b"#zzzzzz",
    b"\"version\":1",
    b"\"version\":2",
    b"\"2019-2024\"",
    b"\"type\":\"GeometryCollection\",\"geometries\":[",
    b"\"type\":\"Point\"",
    b"\"type\":\"LineString\"",
    b"\"crs\":{\"type\":\"name\",\"properties\":{\"name\":\"EPSG:31370\"}},",
    b"649000",
    b"-85.06",
];

fn mutate(rng: &mut Rng, input: &[u8], seeds: &[Vec<u8>]) -> Vec<u8> {
    let mut v = input.to_vec();
    let rounds = 1 + rng.below(4);
    for _ in 0..rounds {
        let len = v.len();
        match rng.below(9) {
            0 => v.truncate(rng.below(len + 1)),
            1 if len > 0 => {
                let i = rng.below(len);
                v[i] ^= 1 << rng.below(8);
            }
            2 => {
                let i = rng.below(len + 1);
                v.insert(i, rng.next() as u8);
            }
            3 if len > 0 => {
                let a = rng.below(len);
                let b = (a + 1 + rng.below(64)).min(len);
                v.drain(a..b);
            }
            4 | 5 => {
                let t = TOKENS[rng.below(TOKENS.len())];
                let i = rng.below(len + 1);
                v.splice(i..i, t.iter().copied());
            }
            6 if !seeds.is_empty() => {
                // Splice a piece of another seed.
                let other = &seeds[rng.below(seeds.len())];
                if !other.is_empty() {
                    let a = rng.below(other.len());
                    let b = (a + 1 + rng.below(256)).min(other.len());
                    let i = rng.below(len + 1);
                    v.splice(i..i, other[a..b].iter().copied());
                }
            }
            7 if len > 0 => {
                // Repeat a piece many times (long lines, deep nesting, big files).
                let a = rng.below(len);
                let b = (a + 1 + rng.below(16)).min(len);
                let piece = v[a..b].to_vec();
                let times = 1 + rng.below(2000);
                let mut rep = Vec::with_capacity(piece.len() * times);
                for _ in 0..times {
                    rep.extend_from_slice(&piece);
                }
                v.splice(b..b, rep);
            }
            _ if len > 1 => {
                // Swap two bytes.
                let (a, b) = (rng.below(len), rng.below(len));
                v.swap(a, b);
            }
            _ => {}
        }
    }
    v.truncate(4 * 1024 * 1024);
    v
}

/// The hostile corpus of a reader and the inputs fuzzing found trouble with
/// (tests/fuzz-regressions/<reader>/, kept as seeds so the trouble stays fixed).
fn corpus(reader: &str) -> Vec<Vec<u8>> {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests");
    let mut names: Vec<PathBuf> = ["corpus", "fuzz-regressions"]
        .iter()
        .filter_map(|d| std::fs::read_dir(root.join(d).join(reader)).ok())
        .flatten()
        .map(|e| e.expect("entry").path())
        .filter(|p| p.file_name().is_some_and(|n| n != "expect.txt"))
        .collect();
    names.sort();
    names
        .iter()
        .map(|p| std::fs::read(p).expect("corpus file"))
        .collect()
}

fn budget() -> Duration {
    let secs = std::env::var("GEBIEDSPLANNER_FUZZ_SECS")
        .ok()
        .and_then(|s| s.parse::<f64>().ok())
        .unwrap_or(3.0);
    Duration::from_secs_f64(secs)
}

fn seed() -> u64 {
    std::env::var("GEBIEDSPLANNER_FUZZ_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(0x5eed_1234_abcd_0001)
}

thread_local! {
    /// Every panic on this thread, also those the app catches itself (the triangulation guards
    /// against panics in earcutr): a caught panic is still a finding. Counted per thread so that
    /// a failing test elsewhere in the suite is not taken for a finding here.
    static PANICS: Cell<usize> = const { Cell::new(0) };
}

fn count_panics() {
    static HOOK: Once = Once::new();
    HOOK.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            PANICS.with(|n| n.set(n.get() + 1));
            previous(info);
        }));
    });
}

/// Keep a failing input where a person can find it.
fn keep(reader: &str, input: &[u8]) -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("target/fuzz-findings")
        .join(reader);
    let _ = std::fs::create_dir_all(&dir);
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in input {
        h = (h ^ *b as u64).wrapping_mul(0x100_0000_01b3);
    }
    let p = dir.join(format!("{h:016x}"));
    let _ = std::fs::write(&p, input);
    p
}

/// Run the corpus, then mutations until the time budget is spent. Fails on the first panic
/// or slow input, naming the file it was kept in.
fn run(reader: &str, seeds: Vec<Vec<u8>>, target: impl Fn(&[u8])) {
    // GEBIEDSPLANNER_FUZZ_ONLY=reference runs one reader (the others return at once).
    if std::env::var("GEBIEDSPLANNER_FUZZ_ONLY").is_ok_and(|only| only != reader) {
        return;
    }
    // GEBIEDSPLANNER_FUZZ_REPLAY=FILE runs one kept input, without catching its panic.
    if let Some(file) = std::env::var_os("GEBIEDSPLANNER_FUZZ_REPLAY") {
        let file = PathBuf::from(file);
        if file
            .parent()
            .and_then(|p| p.file_name())
            .is_some_and(|n| n == reader)
        {
            target(&std::fs::read(&file).expect("replay file"));
        }
        return;
    }
    count_panics();
    let budget = budget();
    let mut rng = Rng(seed() ^ reader.len() as u64 ^ 0x9e37_79b9);
    let started = Instant::now();
    let mut execs: u64 = 0;
    let mut slowest = Duration::ZERO;
    let try_one = |input: &[u8], execs: &mut u64, slowest: &mut Duration| {
        let t = Instant::now();
        let panics = PANICS.with(Cell::get);
        let r = catch_unwind(AssertUnwindSafe(|| target(input)));
        if r.is_ok() && PANICS.with(Cell::get) != panics {
            let kept = keep(reader, input);
            panic!(
                "{reader}: a panic was caught inside the app on {}",
                kept.display()
            );
        }
        let took = t.elapsed();
        *execs += 1;
        *slowest = (*slowest).max(took);
        if let Err(p) = r {
            let msg = p
                .downcast_ref::<String>()
                .cloned()
                .or_else(|| {
                    p.downcast_ref::<&str>()
                        .map(std::string::ToString::to_string)
                })
                .unwrap_or_default();
            let kept = keep(reader, input);
            panic!("{reader}: panic on {}: {msg}", kept.display());
        }
        if took > Duration::from_secs(10) {
            let kept = keep(reader, input);
            panic!("{reader}: {took:?} on {}", kept.display());
        }
    };
    for s in &seeds {
        try_one(s, &mut execs, &mut slowest);
    }
    while started.elapsed() < budget {
        let base = &seeds[rng.below(seeds.len())];
        let input = mutate(&mut rng, base, &seeds);
        try_one(&input, &mut execs, &mut slowest);
    }
    eprintln!(
        "fuzz {reader}: {execs} inputs in {:.1} s, slowest {:?}, no panic",
        started.elapsed().as_secs_f64(),
        slowest
    );
}

fn data_file(name: &str) -> Vec<u8> {
    common::data()
        .read_text(name)
        .expect("data file")
        .into_bytes()
}

#[test]
fn fuzz_data_geojson() {
    let mut seeds = corpus("data_geojson");
    seeds.push(data_file("elz_antwerpen_2025.geojson"));
    run("data_geojson", seeds, fuzz::data_geojson);
}

#[test]
fn fuzz_data_csv() {
    let mut seeds = corpus("data_csv");
    for f in [
        "population_flanders_2021_by_agegroup.csv",
        "population_belgium_2020.csv",
        "elz_gemeenten_2025.csv",
    ] {
        seeds.push(data_file(f));
    }
    run("data_csv", seeds, fuzz::data_csv);
}

#[test]
fn fuzz_scenario() {
    let s = common::doc(Edition::M2025);
    let mut seeds = corpus("scenario");
    let f = ScenarioFile::compose(
        &s.data.atlas,
        &s.scenario,
        &FileMeta::default(),
        &Unresolved::default(),
        "2026-11-23T10:00:00Z",
    );
    seeds.push(f.to_json().into_bytes());
    run("scenario", seeds, |b| fuzz::scenario(&s.data.atlas, b));
}

#[test]
fn fuzz_assignment_csv() {
    let s = common::doc(Edition::M2025);
    let mut seeds = corpus("assignment_csv");
    seeds.push(
        gebiedsplanner::data::assignment_csv::export(&s.data.atlas, &s.scenario).into_bytes(),
    );
    run("assignment_csv", seeds, |b| {
        fuzz::assignment(&s.data.atlas, &s.scenario, b);
    });
}

#[test]
fn fuzz_reference() {
    let s = common::doc(Edition::M2025);
    let geo = gebiedsplanner::map::MapGeometry::build(&s.data.atlas);
    let mut seeds = corpus("reference");
    seeds.push(data_file(
        "wijken_deelgemeenten_proeftuin_gemeenten.geojson",
    ));
    run("reference", seeds, |b| fuzz::reference(&geo, b));
}

#[test]
fn the_mutator_is_deterministic() {
    let seeds = vec![b"{\"a\": [1, 2, 3]}".to_vec()];
    let mut a = Rng(7);
    let mut b = Rng(7);
    for _ in 0..100 {
        assert_eq!(
            mutate(&mut a, &seeds[0], &seeds),
            mutate(&mut b, &seeds[0], &seeds)
        );
    }
}
