//! Shared helpers for the tests on the real data folder.
#![allow(dead_code)]

use std::path::PathBuf;
use std::sync::OnceLock;

use gebiedsplanner::model::atlas::Edition;
use gebiedsplanner::session::Session;

/// The real data folder: `$GEBIEDSPLANNER_DATA`, else `../shared/data` next to the repository.
/// Fails loudly when it is missing: these tests never skip.
pub fn data_dir() -> PathBuf {
    let dir = std::env::var_os("GEBIEDSPLANNER_DATA")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/data"));
    assert!(
        dir.join("municipalities_flanders_brussels_2025.geojson")
            .is_file(),
        "the real data folder is missing: expected the files of shared/data in {} \
         (set GEBIEDSPLANNER_DATA to the data folder)",
        dir.display()
    );
    dir
}

pub fn session(edition: Edition) -> &'static Session {
    static S2025: OnceLock<Session> = OnceLock::new();
    static S2019: OnceLock<Session> = OnceLock::new();
    let cell = match edition {
        Edition::M2025 => &S2025,
        Edition::M2019 => &S2019,
    };
    cell.get_or_init(|| Session::load(&data_dir(), edition).expect("the real data loads"))
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
