//! Where the data files come from: the set built into the program, or a data folder.
//! Every loader reads its files through a [`DataSource`], so the same code reads both.

use std::io::Read;
use std::path::{Path, PathBuf};

use super::error::{DataError, decode_text, read_text};
use super::geojson_read::{PolygonFeature, parse_polygons};
use super::table::{Row, parse_table};

/// One file of the built-in set, deflated at build time (see `build.rs`).
struct BuiltInFile {
    name: &'static str,
    /// Size of the file as published, in bytes.
    size: usize,
    deflated: &'static [u8],
}

/// The files of `assets/data`, as `build.rs` packed them.
static BUILT_IN: &[BuiltInFile] = include!(concat!(env!("OUT_DIR"), "/builtin_data.rs"));

/// When the built-in set was taken from its sources (the provincies.incijfers.be snapshot).
pub const BUILT_IN_DATE: &str = "2026-03-12";

/// The place the data comes from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DataSource {
    /// The files built into the program (`assets/data` of its source).
    BuiltIn,
    /// A data folder on this machine, in place of the built-in set.
    Folder(PathBuf),
}

impl DataSource {
    /// The name of a file of this source in messages: the path in the folder, or
    /// `built-in data/NAME`.
    pub fn path(&self, name: &str) -> PathBuf {
        match self {
            DataSource::BuiltIn => Path::new("built-in data").join(name),
            DataSource::Folder(dir) => dir.join(name),
        }
    }

    /// The folder, when the data comes from one.
    pub fn folder(&self) -> Option<&Path> {
        match self {
            DataSource::BuiltIn => None,
            DataSource::Folder(dir) => Some(dir),
        }
    }

    pub fn is_built_in(&self) -> bool {
        *self == DataSource::BuiltIn
    }

    /// Whether the source has a file of that name.
    pub fn has(&self, name: &str) -> bool {
        match self {
            DataSource::BuiltIn => built_in(name).is_some(),
            DataSource::Folder(dir) => dir.join(name).is_file(),
        }
    }

    /// The names of the files of the built-in set.
    pub fn built_in_names() -> impl Iterator<Item = &'static str> {
        BUILT_IN.iter().map(|f| f.name)
    }

    /// A text file, checked as every input file is (UTF-8, not binary, not empty).
    pub fn read_text(&self, name: &str) -> Result<String, DataError> {
        super::progress::report(super::progress::Stage::Reading(self.path(name)));
        match self {
            DataSource::BuiltIn => decode_text(&self.path(name), inflate(name)?),
            DataSource::Folder(dir) => read_text(&dir.join(name)),
        }
    }

    /// A CSV table of this source, read by header name.
    pub fn table(&self, name: &str, required: &[&str]) -> Result<Vec<Row>, DataError> {
        parse_table(&self.path(name), &self.read_text(name)?, required)
    }

    /// The polygon features of a GeoJSON file of this source.
    pub fn polygons(&self, name: &str) -> Result<Vec<PolygonFeature>, DataError> {
        parse_polygons(&self.path(name), &self.read_text(name)?)
    }

    /// Copy every file of the built-in set into `dir` (which must exist), unchanged.
    pub fn write_built_in_to(dir: &Path) -> Result<(), DataError> {
        for f in BUILT_IN {
            let bytes = inflate(f.name)?;
            crate::data::atomic::write_atomic(&dir.join(f.name), &bytes)
                .map_err(|e| DataError::whole(&dir.join(f.name), e.to_string()))?;
        }
        Ok(())
    }
}

fn built_in(name: &str) -> Option<&'static BuiltInFile> {
    BUILT_IN.iter().find(|f| f.name == name)
}

fn inflate(name: &str) -> Result<Vec<u8>, DataError> {
    let path = DataSource::BuiltIn.path(name);
    let Some(f) = built_in(name) else {
        return Err(DataError::whole(
            &path,
            "the built-in data has no such file",
        ));
    };
    let mut out = Vec::with_capacity(f.size);
    flate2::read::DeflateDecoder::new(f.deflated)
        .read_to_end(&mut out)
        .map_err(|e| DataError::whole(&path, format!("the built-in copy is damaged: {e}")))?;
    if out.len() != f.size {
        return Err(DataError::whole(
            &path,
            format!(
                "the built-in copy is damaged: {} bytes instead of {}",
                out.len(),
                f.size
            ),
        ));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn built_in_files_unpack_to_their_published_size() {
        assert!(
            BUILT_IN.len() >= 10,
            "the built-in set has {} files",
            BUILT_IN.len()
        );
        for f in BUILT_IN {
            let bytes = inflate(f.name).expect("inflates");
            assert_eq!(bytes.len(), f.size, "{}", f.name);
            assert!(
                f.deflated.len() < f.size,
                "{} is not smaller packed",
                f.name
            );
        }
    }

    #[test]
    fn a_file_not_in_the_set_is_an_error_naming_it() {
        let e = DataSource::BuiltIn
            .read_text("nope.csv")
            .expect_err("no such file");
        assert!(e.to_string().contains("built-in data/nope.csv"), "{e}");
        assert!(!DataSource::BuiltIn.has("nope.csv"));
    }
}
