//! Atomic file writes: the data goes to a temporary file next to the target, is flushed to
//! disk, and only then renamed over the target. A crash or a full disk leaves either the old
//! file or the new one, never a mix.
//!
//! A target that is a symbolic link is followed first, so the temporary file lies next to the
//! real file and the rename replaces that file, not the link: a scenario kept through a link
//! stays linked. Anything that is not a regular file (a folder, a pipe, a device) is refused and
//! left as it is.

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

/// Links followed before a chain is taken for a loop (as the system's own limit).
const MAX_LINKS: usize = 40;

/// The real path a write to `target` lands on: symbolic links followed (also a link to a file
/// that does not exist yet), and the folder made absolute with its own links resolved. Two
/// paths name the same file exactly when their resolved paths are equal.
pub fn resolve(target: &Path) -> std::io::Result<PathBuf> {
    let mut p = target.to_path_buf();
    let mut links = 0;
    loop {
        match std::fs::symlink_metadata(&p) {
            Ok(m) if m.file_type().is_symlink() => {
                links += 1;
                if links > MAX_LINKS {
                    return Err(std::io::Error::other(format!(
                        "{}: too many symbolic links (a loop?)",
                        target.display()
                    )));
                }
                let to = std::fs::read_link(&p)?;
                p = match p.parent() {
                    Some(dir) if to.is_relative() => dir.join(to),
                    _ => to,
                };
            }
            Ok(_) => break,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => break,
            Err(e) => return Err(e),
        }
    }
    let (Some(dir), Some(name)) = (p.parent(), p.file_name()) else {
        return Ok(p);
    };
    let dir = if dir.as_os_str().is_empty() {
        Path::new(".")
    } else {
        dir
    };
    // A folder that does not exist stays as given: the write fails there with its own error.
    Ok(std::fs::canonicalize(dir)
        .map(|d| d.join(name))
        .unwrap_or(p.clone()))
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
    let real = resolve(target)?;
    let existing = match std::fs::metadata(&real) {
        Ok(m) if !m.is_file() => {
            return Err(std::io::Error::other(format!(
                "{} is not a regular file; it is left as it is",
                real.display()
            )));
        }
        Ok(m) => Some(m.permissions()),
        Err(_) => None,
    };
    let target = real.as_path();
    let tmp = temp_path(target);
    let result = (|| {
        let mut f = std::fs::File::create(&tmp)?;
        if let Some(perm) = existing {
            // The new file keeps the old one's permissions (a shared, read-only-for-others file
            // stays so).
            f.set_permissions(perm)?;
        }
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

    #[cfg(unix)]
    #[test]
    fn a_linked_target_stays_a_link_and_its_file_is_replaced() {
        let dir = tempfile::tempdir().expect("tmp");
        let real_dir = dir.path().join("shared");
        std::fs::create_dir(&real_dir).expect("dir");
        let real = real_dir.join("plan.json");
        std::fs::write(&real, b"old").expect("write");
        let link = dir.path().join("plan.json");
        std::os::unix::fs::symlink("shared/plan.json", &link).expect("link");
        write_atomic(&link, b"new").expect("write through the link");
        let m = std::fs::symlink_metadata(&link).expect("meta");
        assert!(m.file_type().is_symlink(), "the link is still a link");
        assert_eq!(std::fs::read(&real).expect("read"), b"new");
        // No temporary file is left next to the link or the file.
        assert_eq!(std::fs::read_dir(dir.path()).expect("dir").count(), 2);
        assert_eq!(std::fs::read_dir(&real_dir).expect("dir").count(), 1);
        assert_eq!(
            resolve(&link).expect("resolve"),
            resolve(&real).expect("resolve")
        );
    }

    #[cfg(unix)]
    #[test]
    fn a_target_that_is_not_a_regular_file_is_refused() {
        let dir = tempfile::tempdir().expect("tmp");
        let link = dir.path().join("out.png");
        std::os::unix::fs::symlink("/dev/null", &link).expect("link");
        let e = write_atomic(&link, b"x").expect_err("a device");
        assert!(
            e.to_string().contains("/dev/null is not a regular file"),
            "{e}"
        );
        let m = std::fs::symlink_metadata("/dev/null").expect("meta");
        assert!(!m.is_file(), "the device is still a device");
        let e = write_atomic(dir.path(), b"x").expect_err("a folder");
        assert!(e.to_string().contains("is not a regular file"), "{e}");
    }

    #[test]
    fn an_unwritable_folder_is_an_error_not_a_panic() {
        let err = write_atomic(Path::new("/nonexistent-folder/plan.json"), b"x");
        assert!(err.is_err());
    }
}
