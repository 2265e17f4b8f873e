//! Where the data folder is: `--data DIR`, else `$GEBIEDSPLANNER_DATA`, else `./data`, else
//! `../shared/data` next to the repository, else the user's data folder.

use std::path::{Path, PathBuf};

use super::load::files;
use crate::model::atlas::Edition;

/// A file the app needs, what it holds and where it comes from.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct RequiredFile {
    pub name: &'static str,
    pub what_nl: &'static str,
    pub what_en: &'static str,
    pub origin: &'static str,
}

const PIC: &str = "provincies.incijfers.be (gebiedsniveaus), built on Statbel statistical sectors";

pub fn required_files(edition: Edition) -> Vec<RequiredFile> {
    let (muni, elz) = match edition {
        Edition::M2025 => (files::MUNI_2025, files::ELZ_MUNI_2025),
        Edition::M2019 => (files::MUNI_2019, files::ELZ_MUNI_2019),
    };
    vec![
        RequiredFile {
            name: muni,
            what_nl: "gemeentegrenzen van Vlaanderen en Brussel",
            what_en: "municipality borders of Flanders and Brussels",
            origin: PIC,
        },
        RequiredFile {
            name: elz,
            what_nl: "welke gemeente in welke eerstelijnszone ligt",
            what_en: "which municipality is in which primary-care zone",
            origin: PIC,
        },
        RequiredFile {
            name: files::ANTWERP_GEO,
            what_nl: "de vier eerstelijnszones van Antwerpen",
            what_en: "the four primary-care zones of Antwerp",
            origin: PIC,
        },
        RequiredFile {
            name: files::ANTWERP_SECTORS,
            what_nl: "statistische sectoren per Antwerpse eerstelijnszone",
            what_en: "statistical sectors per Antwerp zone",
            origin: PIC,
        },
        RequiredFile {
            name: files::POP_FLANDERS,
            what_nl: "bevolking per gemeente en leeftijd, Vlaanderen, 1 januari 2021",
            what_en: "population by municipality and age, Flanders, 1 January 2021",
            origin: "Statbel, via the Flemish vaccination open data (Agentschap Zorg en Gezondheid)",
        },
        RequiredFile {
            name: files::POP_BELGIUM,
            what_nl: "bevolking per gemeente, België, 1 januari 2020 (voor Brussel)",
            what_en: "population by municipality, Belgium, 1 January 2020 (for Brussels)",
            origin: "Statbel (Algemene Directie Statistiek - Statistics Belgium)",
        },
    ]
}

/// One place that was looked at.
#[derive(Clone, Debug, PartialEq)]
pub struct Candidate {
    pub path: PathBuf,
    /// How this place was found: "--data", "$GEBIEDSPLANNER_DATA", "./data", ...
    pub origin: &'static str,
    pub missing: Vec<&'static str>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Discovery {
    pub candidates: Vec<Candidate>,
    /// The first place with every file.
    pub chosen: Option<PathBuf>,
}

pub fn missing_files(dir: &Path, edition: Edition) -> Vec<&'static str> {
    required_files(edition)
        .into_iter()
        .filter(|f| !dir.join(f.name).is_file())
        .map(|f| f.name)
        .collect()
}

/// The user's own data folder for this app.
pub fn user_data_dir() -> Option<PathBuf> {
    dirs::data_dir().map(|d| d.join("gebiedsplanner"))
}

/// Look for the data folder. An explicit `--data` is the only place tried when given.
pub fn discover(cli: Option<&Path>, env: Option<&str>, edition: Edition) -> Discovery {
    let mut places: Vec<(PathBuf, &'static str)> = Vec::new();
    if let Some(p) = cli {
        places.push((p.to_path_buf(), "--data"));
    } else {
        if let Some(e) = env.filter(|e| !e.is_empty()) {
            places.push((PathBuf::from(e), "$GEBIEDSPLANNER_DATA"));
        }
        places.push((PathBuf::from("data"), "./data"));
        places.push((PathBuf::from("../shared/data"), "../shared/data"));
        let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
        places.push((repo.join("../shared/data"), "../shared/data"));
        if let Some(u) = user_data_dir() {
            places.push((u, "user data folder"));
        }
    }
    let mut candidates = Vec::new();
    let mut chosen = None;
    for (path, origin) in places {
        let missing = missing_files(&path, edition);
        if missing.is_empty() && chosen.is_none() {
            chosen = Some(path.clone());
        }
        candidates.push(Candidate {
            path,
            origin,
            missing,
        });
    }
    Discovery { candidates, chosen }
}
