//! Where the data comes from: a data folder given with `--data DIR` or `$GEBIEDSPLANNER_DATA`,
//! else `./data`, else the user's data folder, else the set built into the program. Only places
//! on the user's machine are looked at.

use std::path::{Path, PathBuf};

use super::load::files;
use super::source::DataSource;
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
    /// The folders looked at, in order.
    pub candidates: Vec<Candidate>,
    /// Where the data comes from; None when a data folder was given but lacks files (the
    /// first-run screen then says which).
    pub chosen: Option<DataSource>,
}

pub fn missing_files(src: &DataSource, edition: Edition) -> Vec<&'static str> {
    required_files(edition)
        .into_iter()
        .filter(|f| !src.has(f.name))
        .map(|f| f.name)
        .collect()
}

/// The user's own data folder for this app.
pub fn user_data_dir() -> Option<PathBuf> {
    dirs::data_dir().map(|d| d.join("gebiedsplanner"))
}

/// Where the data comes from. A folder given with `--data` (or picked by the user, passed as
/// `cli`) or with `$GEBIEDSPLANNER_DATA` is the only place tried: it is used when it has every
/// file, otherwise nothing is chosen. Without one, `./data` and then the user's data folder are
/// used when they hold any of the files (and only when they hold all of them); with neither,
/// the built-in set.
pub fn discover(cli: Option<&Path>, env: Option<&str>, edition: Edition) -> Discovery {
    let given = match (cli, env.filter(|e| !e.is_empty())) {
        (Some(p), _) => Some((p.to_path_buf(), "--data")),
        (None, Some(e)) => Some((PathBuf::from(e), "$GEBIEDSPLANNER_DATA")),
        (None, None) => None,
    };
    let look = |path: PathBuf, origin: &'static str| {
        let missing = missing_files(&DataSource::Folder(path.clone()), edition);
        Candidate {
            path,
            origin,
            missing,
        }
    };
    if let Some((path, origin)) = given {
        let c = look(path, origin);
        let chosen = c
            .missing
            .is_empty()
            .then(|| DataSource::Folder(c.path.clone()));
        return Discovery {
            candidates: vec![c],
            chosen,
        };
    }
    let mut places = vec![(PathBuf::from("data"), "./data")];
    if let Some(u) = user_data_dir() {
        places.push((u, "user data folder"));
    }
    let all = required_files(edition).len();
    let mut candidates = Vec::new();
    for (path, origin) in places {
        let c = look(path, origin);
        // A folder without any of the files is not a data folder (the user's data folder
        // also holds the recovery files).
        let is_data_folder = c.missing.len() < all;
        let chosen = c
            .missing
            .is_empty()
            .then(|| DataSource::Folder(c.path.clone()));
        candidates.push(c);
        if is_data_folder {
            return Discovery { candidates, chosen };
        }
    }
    Discovery {
        candidates,
        chosen: Some(DataSource::BuiltIn),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_built_in_set_has_every_required_file_of_both_editions() {
        for e in [Edition::M2025, Edition::M2019] {
            assert_eq!(missing_files(&DataSource::BuiltIn, e), Vec::<&str>::new());
        }
    }

    #[test]
    fn a_given_folder_without_the_files_chooses_nothing() {
        let tmp = std::env::temp_dir().join(format!("gp-discovery-{}", std::process::id()));
        let d = discover(None, tmp.to_str(), Edition::M2025);
        assert_eq!(d.chosen, None);
        assert_eq!(d.candidates.len(), 1);
        assert_eq!(d.candidates[0].origin, "$GEBIEDSPLANNER_DATA");
        assert_eq!(
            d.candidates[0].missing.len(),
            required_files(Edition::M2025).len()
        );
    }
}
