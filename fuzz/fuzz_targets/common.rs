//! The real data, loaded once per fuzzing process from $GEBIEDSPLANNER_DATA (else
//! ../shared/data next to the repository).

use std::path::PathBuf;
use std::sync::OnceLock;

use gebiedsplanner::model::atlas::Edition;
use gebiedsplanner::document::Document;

pub fn doc() -> &'static Document {
    static S: OnceLock<Document> = OnceLock::new();
    S.get_or_init(|| {
        let dir = std::env::var_os("GEBIEDSPLANNER_DATA")
            .map(PathBuf::from)
            .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../shared/data"));
        match Document::load(&dir, Edition::M2025) {
            Ok(s) => s,
            Err(e) => {
                eprintln!("set GEBIEDSPLANNER_DATA to the data folder: {e}");
                std::process::exit(2);
            }
        }
    })
}
