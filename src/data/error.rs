use std::path::{Path, PathBuf};

/// A problem with one input file: which file, where in it, and what is wrong.
#[derive(Clone, Debug, PartialEq)]
pub struct DataError {
    pub file: PathBuf,
    /// "line 12", "feature 3", or empty when the problem is the whole file.
    pub place: String,
    pub message: String,
}

impl DataError {
    pub fn new(file: &Path, place: impl Into<String>, message: impl Into<String>) -> Self {
        DataError {
            file: file.to_path_buf(),
            place: place.into(),
            message: message.into(),
        }
    }

    pub fn whole(file: &Path, message: impl Into<String>) -> Self {
        Self::new(file, "", message)
    }
}

impl std::fmt::Display for DataError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.place.is_empty() {
            write!(f, "{}: {}", self.file.display(), self.message)
        } else {
            write!(
                f,
                "{}: {}: {}",
                self.file.display(),
                self.place,
                self.message
            )
        }
    }
}

impl std::error::Error for DataError {}

/// Largest input file the app reads (the real files are under 2 MB).
pub const MAX_FILE_BYTES: u64 = 100 * 1024 * 1024;

/// Read a whole data file (at most [`MAX_FILE_BYTES`]) through the guarded reader.
pub fn read_text(path: &Path) -> Result<String, DataError> {
    super::input::read_text(path, MAX_FILE_BYTES)
}

/// Read a whole file (a regular file only) with a size guard.
pub fn read_bytes(path: &Path) -> Result<Vec<u8>, DataError> {
    Ok(super::input::read_bytes(path, MAX_FILE_BYTES)?)
}

/// Bytes of a text file as a string, with a clear error for empty, UTF-16, binary or
/// non-UTF-8 content. A leading byte order mark is dropped.
pub fn decode_text(path: &Path, bytes: Vec<u8>) -> Result<String, DataError> {
    if bytes.is_empty() {
        return Err(DataError::whole(path, "the file is empty"));
    }
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        return Err(DataError::whole(
            path,
            "the text is UTF-16 (as Excel writes \"Unicode text\"); save the file as UTF-8",
        ));
    }
    if bytes.contains(&0) {
        return Err(DataError::whole(path, "the file is binary, not text"));
    }
    match String::from_utf8(bytes) {
        Ok(s) => Ok(s.strip_prefix('\u{feff}').map(str::to_string).unwrap_or(s)),
        Err(e) => {
            let at = e.utf8_error().valid_up_to();
            let line = e.as_bytes()[..at].iter().filter(|&&b| b == b'\n').count() + 1;
            Err(DataError::new(
                path,
                format!("line {line}"),
                "the text is not UTF-8 (save the file as UTF-8)",
            ))
        }
    }
}
