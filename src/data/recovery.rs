//! Recovery files: the autosaved state of unsaved scenarios, offered again after a crash.
//!
//! Work is never lost here: a recovery file is removed only after its scenario was restored
//! or the user chose to discard it. One that cannot be read (written by a newer version,
//! truncated, unreadable) is kept under a name that says so, outside of what is offered, and
//! the caller is told where. Anything in the folder that is not a regular file (a folder, a
//! pipe, a device) is left alone: it is never opened, so it cannot block the start, and never
//! offered.

use std::path::{Path, PathBuf};

use super::error::DataError;
use super::scenario_file::{self, ScenarioFile};

/// Ending of the recovery files that are offered.
pub const EXTENSION: &str = "json";

/// Added to the name of a recovery file that could not be opened when it is set aside.
pub const UNREADABLE_SUFFIX: &str = ".unreadable";

/// A recovery file found in the folder, read once.
#[derive(Clone, Debug)]
pub struct Found {
    pub path: PathBuf,
    pub file: Result<ScenarioFile, DataError>,
}

impl Found {
    /// The scenario's name and when it was saved, or the file name when it cannot be read.
    pub fn label(&self) -> String {
        match &self.file {
            Ok(f) => format!("{} ({})", f.name, f.modified),
            Err(_) => self.path.display().to_string(),
        }
    }

    /// The file the recovered scenario was saved in before, if it had one.
    pub fn original(&self) -> Option<PathBuf> {
        self.file
            .as_ref()
            .ok()?
            .extra
            .get("recovery_of")?
            .as_str()
            .map(PathBuf::from)
    }
}

/// What went wrong with a recovery file or the recovery folder.
#[derive(Clone, Debug, PartialEq)]
pub enum RecoveryError {
    /// A recovery file could not be opened; it was kept, moved to `kept_as` (or left where it
    /// was when even that failed, `kept_as` None).
    Unreadable {
        file: PathBuf,
        why: String,
        kept_as: Option<PathBuf>,
    },
    /// A recovery file could not be written (the folder is a file, no permission, full disk).
    Write { file: PathBuf, why: String },
    /// A restored or discarded recovery file could not be removed.
    Remove { file: PathBuf, why: String },
}

impl std::fmt::Display for RecoveryError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            RecoveryError::Unreadable { file, why, kept_as } => match kept_as {
                Some(k) => write!(f, "{why}\n(kept as {})", k.display()),
                None => write!(f, "{why}\n(kept as {})", file.display()),
            },
            RecoveryError::Write { file, why } => {
                write!(f, "{}: cannot write: {why}", file.display())
            }
            RecoveryError::Remove { file, why } => {
                write!(f, "{}: cannot remove: {why}", file.display())
            }
        }
    }
}

impl std::error::Error for RecoveryError {}

/// The recovery files in `dir` that are offered, oldest first: regular files (links are not
/// followed) ending in `.json`. Nothing is opened.
pub fn list(dir: &Path) -> Vec<PathBuf> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut v: Vec<(std::time::SystemTime, PathBuf)> = entries
        .flatten()
        .filter_map(|e| {
            // The entry's own type, without following a link: only plain files are ours.
            let meta = e.metadata().ok().filter(std::fs::Metadata::is_file)?;
            let p = e.path();
            p.extension()
                .is_some_and(|x| x == EXTENSION)
                .then(|| (meta.modified().unwrap_or(std::time::UNIX_EPOCH), p))
        })
        .collect();
    v.sort();
    v.into_iter().map(|(_, p)| p).collect()
}

/// The offered recovery files of `dir`, each read once (through the guarded reader).
pub fn scan(dir: &Path) -> Vec<Found> {
    list(dir)
        .into_iter()
        .map(|path| Found {
            file: scenario_file::read(&path),
            path,
        })
        .collect()
}

/// Keep a recovery file that could not be opened, under a name that says so and is not
/// offered again. The returned error says why and where it is now.
pub fn set_aside(path: &Path, why: impl Into<String>) -> RecoveryError {
    let why = why.into();
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let free = (1..1000).map(|i| {
        let suffix = if i == 1 {
            UNREADABLE_SUFFIX.to_string()
        } else {
            format!("{UNREADABLE_SUFFIX}-{i}")
        };
        path.with_file_name(format!("{name}{suffix}"))
    });
    let kept_as = free
        .into_iter()
        .find(|p| std::fs::symlink_metadata(p).is_err())
        .filter(|p| std::fs::rename(path, p).is_ok());
    RecoveryError::Unreadable {
        file: path.to_path_buf(),
        why,
        kept_as,
    }
}

/// Remove a recovery file whose work was restored or discarded. A file already gone is fine.
pub fn remove(path: &Path) -> Result<(), RecoveryError> {
    match std::fs::remove_file(path) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
        Err(e) => Err(RecoveryError::Remove {
            file: path.to_path_buf(),
            why: e.to_string(),
        }),
    }
}

/// Write one recovery file into `dir` (made when missing), atomically.
pub fn write(dir: &Path, name: &str, file: &ScenarioFile) -> Result<(), RecoveryError> {
    let path = dir.join(name);
    let err = |why: String| RecoveryError::Write {
        file: path.clone(),
        why,
    };
    std::fs::create_dir_all(dir).map_err(|e| RecoveryError::Write {
        file: dir.to_path_buf(),
        why: e.to_string(),
    })?;
    super::atomic::write_atomic(&path, file.to_json().as_bytes()).map_err(|e| err(e.to_string()))
}
