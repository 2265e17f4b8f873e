//! The one way input files are read. A path is opened only when it is (or links to) a regular
//! file, and never more than a fixed number of bytes is read from it: a pipe, a device or a link
//! to one would otherwise make a reader wait forever or read until memory runs out, and the
//! size in a file's metadata says nothing for those. Each file is read once, whole, and the
//! bytes are handed on; nothing asks the file system about it again.

use std::io::Read;
use std::path::{Path, PathBuf};

use super::error::{DataError, decode_text};

/// What kind of thing a path turned out to be when it is not a regular file.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NotRegular {
    Folder,
    Pipe,
    Device,
    Socket,
    Other,
}

/// Why a file was not read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ReadProblem {
    /// The file (or what a link points to) does not exist.
    Missing,
    /// Not a regular file after following links.
    NotRegular(NotRegular),
    /// More than the limit, in bytes; `size` when the file system told it beforehand.
    TooLarge { size: Option<u64>, limit: u64 },
    /// The system refused the read (permission, I/O error).
    Io(String),
}

/// A file that was not read, and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReadError {
    pub file: PathBuf,
    pub problem: ReadProblem,
}

impl std::fmt::Display for ReadProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ReadProblem::Missing => write!(f, "the file does not exist"),
            ReadProblem::NotRegular(k) => {
                let what = match k {
                    NotRegular::Folder => "a folder",
                    NotRegular::Pipe => "a pipe",
                    NotRegular::Device => "a device",
                    NotRegular::Socket => "a socket",
                    NotRegular::Other => "a special file",
                };
                write!(f, "is not a regular file ({what})")
            }
            ReadProblem::TooLarge { size, limit } => {
                let mb = |b: u64| b.div_ceil(1024 * 1024);
                if let Some(size) = size {
                    write!(f, "the file is {} MB, ", size / (1024 * 1024))?;
                }
                write!(f, "larger than {} MB; such files are refused", mb(*limit))
            }
            ReadProblem::Io(e) => write!(f, "cannot read the file: {e}"),
        }
    }
}

impl std::fmt::Display for ReadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.file.display(), self.problem)
    }
}

impl std::error::Error for ReadError {}

impl From<ReadError> for DataError {
    fn from(e: ReadError) -> Self {
        DataError::whole(&e.file, e.problem.to_string())
    }
}

fn kind_of(t: std::fs::FileType) -> Option<NotRegular> {
    if t.is_file() {
        return None;
    }
    if t.is_dir() {
        return Some(NotRegular::Folder);
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if t.is_fifo() {
            return Some(NotRegular::Pipe);
        }
        if t.is_char_device() || t.is_block_device() {
            return Some(NotRegular::Device);
        }
        if t.is_socket() {
            return Some(NotRegular::Socket);
        }
    }
    Some(NotRegular::Other)
}

fn io_problem(e: &std::io::Error) -> ReadProblem {
    match e.kind() {
        std::io::ErrorKind::NotFound => ReadProblem::Missing,
        _ => ReadProblem::Io(e.to_string()),
    }
}

/// Open `path` for reading without waiting on a pipe that has no writer: where the system
/// allows it the file is opened non-blocking, and its type is checked again on the open handle,
/// so a file swapped for a pipe between the check and the open is still refused.
fn open_regular(path: &Path) -> Result<std::fs::File, ReadProblem> {
    let meta = std::fs::metadata(path).map_err(|e| io_problem(&e))?;
    if let Some(k) = kind_of(meta.file_type()) {
        return Err(ReadProblem::NotRegular(k));
    }
    let mut opts = std::fs::OpenOptions::new();
    opts.read(true);
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    {
        use std::os::unix::fs::OpenOptionsExt;
        opts.custom_flags(libc::O_NONBLOCK);
    }
    let f = opts.open(path).map_err(|e| io_problem(&e))?;
    let meta = f.metadata().map_err(|e| io_problem(&e))?;
    if let Some(k) = kind_of(meta.file_type()) {
        return Err(ReadProblem::NotRegular(k));
    }
    Ok(f)
}

/// Read the whole of a regular file of at most `limit` bytes.
pub fn read_bytes(path: &Path, limit: u64) -> Result<Vec<u8>, ReadError> {
    let err = |problem| ReadError {
        file: path.to_path_buf(),
        problem,
    };
    let f = open_regular(path).map_err(err)?;
    // A regular file's size is known: a file far too large is refused without reading it.
    if let Ok(m) = f.metadata()
        && m.len() > limit
    {
        return Err(err(ReadProblem::TooLarge {
            size: Some(m.len()),
            limit,
        }));
    }
    let mut bytes = Vec::new();
    // One byte over the limit tells a file of exactly `limit` bytes from a larger one; the
    // limit holds even when the file grows while it is read.
    f.take(limit.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(|e| err(io_problem(&e)))?;
    if bytes.len() as u64 > limit {
        return Err(err(ReadProblem::TooLarge { size: None, limit }));
    }
    Ok(bytes)
}

/// Read a whole text file of at most `limit` bytes, with a clear error for binary, UTF-16 or
/// non-UTF-8 content.
pub fn read_text(path: &Path, limit: u64) -> Result<String, DataError> {
    decode_text(path, read_bytes(path, limit)?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_regular_file_is_read_and_a_large_one_refused() {
        let dir = tempfile::tempdir().expect("tmp");
        let f = dir.path().join("a.txt");
        std::fs::write(&f, "abcd").expect("write");
        assert_eq!(read_bytes(&f, 4).expect("read"), b"abcd");
        let e = read_bytes(&f, 3).expect_err("too large");
        assert_eq!(
            e.problem,
            ReadProblem::TooLarge {
                size: Some(4),
                limit: 3
            }
        );
        assert!(
            e.to_string()
                .contains("a.txt: the file is 0 MB, larger than 1 MB"),
            "{e}"
        );
    }

    #[test]
    fn a_folder_and_a_missing_file_are_named() {
        let dir = tempfile::tempdir().expect("tmp");
        let e = read_bytes(dir.path(), 10).expect_err("folder");
        assert_eq!(e.problem, ReadProblem::NotRegular(NotRegular::Folder));
        let e = read_bytes(&dir.path().join("none"), 10).expect_err("missing");
        assert_eq!(e.problem, ReadProblem::Missing);
    }
}
