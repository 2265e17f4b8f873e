//! The real data (the set built into the program), loaded once per fuzzing process.

use std::sync::OnceLock;

use gebiedsplanner::data::DataSource;
use gebiedsplanner::model::atlas::Edition;
use gebiedsplanner::session::Session;

pub fn session() -> &'static Session {
    static S: OnceLock<Session> = OnceLock::new();
    S.get_or_init(|| match Session::load(&DataSource::BuiltIn, Edition::M2025) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("the built-in data does not load: {e}");
            std::process::exit(2);
        }
    })
}
