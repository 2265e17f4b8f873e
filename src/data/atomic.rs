//! Atomic file writes: the data goes to a temporary file next to the target, is flushed to
//! disk, and only then renamed over the target. A crash or a full disk leaves either the old
//! file or the new one, never a mix.

use std::io::Write;
use std::path::{Path, PathBuf};

fn temp_path(target: &Path) -> PathBuf {
    let name = target
        .file_name()
        .map_or_else(|| "file".into(), |n| n.to_string_lossy().into_owned());
    target.with_file_name(format!(".{name}.{}.tmp", std::process::id()))
}

/// Remove temporary files that saves of `target` by processes that no longer run left behind
/// (a crash or a kill during a save). Only where /proc tells which processes run.
fn remove_stale_temps(target: &Path) {
    if !Path::new("/proc/self").exists() {
        return;
    }
    let (Some(dir), Some(name)) = (target.parent(), target.file_name()) else {
        return;
    };
    let dir = if dir.as_os_str().is_empty() {
        Path::new(".")
    } else {
        dir
    };
    let prefix = format!(".{}.", name.to_string_lossy());
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let file = e.file_name();
        let file = file.to_string_lossy();
        let pid = file
            .strip_prefix(&prefix)
            .and_then(|r| r.strip_suffix(".tmp"))
            .and_then(|p| p.parse::<u32>().ok());
        if let Some(pid) = pid
            && pid != std::process::id()
            && !Path::new(&format!("/proc/{pid}")).exists()
        {
            let _ = std::fs::remove_file(e.path());
        }
    }
}

/// Write `bytes` to `target` atomically.
pub fn write_atomic(target: &Path, bytes: &[u8]) -> std::io::Result<()> {
    write_atomic_with(target, bytes, || Ok(()))
}

/// As [`write_atomic`], with a step run after the temporary file is complete and before the
/// rename (tests use it to stop there, as a crash would).
pub fn write_atomic_with(
    target: &Path,
    bytes: &[u8],
    before_rename: impl FnOnce() -> std::io::Result<()>,
) -> std::io::Result<()> {
    let tmp = temp_path(target);
    let result = (|| {
        let mut f = std::fs::File::create(&tmp)?;
        f.write_all(bytes)?;
        f.sync_all()?;
        drop(f);
        before_rename()?;
        std::fs::rename(&tmp, target)?;
        // Make the rename itself durable.
        if let Some(dir) = target.parent().filter(|d| !d.as_os_str().is_empty())
            && let Ok(d) = std::fs::File::open(dir)
        {
            let _ = d.sync_all();
        }
        remove_stale_temps(target);
        Ok(())
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_interrupted_write_leaves_the_old_file() {
        let dir = tempfile::tempdir().expect("tmp");
        let f = dir.path().join("plan.json");
        write_atomic(&f, b"old").expect("first write");
        let err = write_atomic_with(&f, b"new and longer", || {
            Err(std::io::Error::other("stopped before the rename"))
        });
        assert!(err.is_err());
        assert_eq!(std::fs::read(&f).expect("read"), b"old");
        // No temporary file is left behind.
        let names: Vec<_> = std::fs::read_dir(dir.path())
            .expect("dir")
            .map(|e| e.expect("entry").file_name())
            .collect();
        assert_eq!(names.len(), 1, "{names:?}");
        write_atomic(&f, b"new").expect("second write");
        assert_eq!(std::fs::read(&f).expect("read"), b"new");
    }

    #[test]
    fn an_unwritable_folder_is_an_error_not_a_panic() {
        let err = write_atomic(Path::new("/nonexistent-folder/plan.json"), b"x");
        assert!(err.is_err());
    }
}
