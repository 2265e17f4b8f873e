//! The real data (the set built into the program), loaded once per fuzzing process.

use std::sync::OnceLock;

use gebiedsplanner::data::DataSource;
use gebiedsplanner::model::atlas::Edition;
use gebiedsplanner::document::Document;

pub fn doc() -> &'static Document {
    static S: OnceLock<Document> = OnceLock::new();
    S.get_or_init(|| match Document::load(&DataSource::BuiltIn, Edition::M2025) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("the built-in data does not load: {e}");
            std::process::exit(2);
        }
    })
}
