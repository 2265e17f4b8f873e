//! File dialogs behind a small interface, so tests never open one.

use std::path::PathBuf;

pub trait FileDialogs {
    fn pick_folder(&self, title: &str) -> Option<PathBuf>;
    /// Ask for a file to open, of the given kind (name and extensions).
    fn open_file(&self, title: &str, kind: &str, extensions: &[&str]) -> Option<PathBuf>;
    /// Ask where to save, suggesting a file name.
    fn save_file(
        &self,
        title: &str,
        suggested: &str,
        kind: &str,
        extensions: &[&str],
    ) -> Option<PathBuf>;
}

/// The system dialogs (rfd). Without a portal or zenity they return `None`.
pub struct SystemDialogs;

impl FileDialogs for SystemDialogs {
    fn pick_folder(&self, title: &str) -> Option<PathBuf> {
        rfd::FileDialog::new().set_title(title).pick_folder()
    }

    fn open_file(&self, title: &str, kind: &str, extensions: &[&str]) -> Option<PathBuf> {
        rfd::FileDialog::new()
            .set_title(title)
            .add_filter(kind, extensions)
            .pick_file()
    }

    fn save_file(
        &self,
        title: &str,
        suggested: &str,
        kind: &str,
        extensions: &[&str],
    ) -> Option<PathBuf> {
        rfd::FileDialog::new()
            .set_title(title)
            .set_file_name(suggested)
            .add_filter(kind, extensions)
            .save_file()
    }
}

/// Dialogs that answer from a script (tests): each call takes the next answer of its kind;
/// with none left, the dialog is "cancelled".
#[derive(Default)]
pub struct ScriptedDialogs {
    pub folders: std::cell::RefCell<Vec<PathBuf>>,
    pub open: std::cell::RefCell<Vec<PathBuf>>,
    pub save: std::cell::RefCell<Vec<PathBuf>>,
}

fn take(v: &std::cell::RefCell<Vec<PathBuf>>) -> Option<PathBuf> {
    let mut v = v.borrow_mut();
    if v.is_empty() {
        None
    } else {
        Some(v.remove(0))
    }
}

impl FileDialogs for ScriptedDialogs {
    fn pick_folder(&self, _title: &str) -> Option<PathBuf> {
        take(&self.folders)
    }

    fn open_file(&self, _title: &str, _kind: &str, _extensions: &[&str]) -> Option<PathBuf> {
        take(&self.open)
    }

    fn save_file(&self, _t: &str, _s: &str, _k: &str, _e: &[&str]) -> Option<PathBuf> {
        take(&self.save)
    }
}
