//! File dialogs behind a small interface, so tests never open one.

use std::path::PathBuf;

pub trait FileDialogs {
    fn pick_folder(&self, title: &str) -> Option<PathBuf>;
    /// Ask for a file to open, of the given kind (name and extensions).
    fn open_file(&self, title: &str, kind: &str, extensions: &[&str]) -> Option<PathBuf>;
    /// Ask for one or more files to open (empty: cancelled).
    fn open_files(&self, title: &str, kind: &str, extensions: &[&str]) -> Vec<PathBuf> {
        self.open_file(title, kind, extensions)
            .into_iter()
            .collect()
    }
    /// Ask where to save, suggesting a file name.
    fn save_file(
        &self,
        title: &str,
        suggested: &str,
        kind: &str,
        extensions: &[&str],
    ) -> Option<PathBuf>;
    /// True when the last dialog could not open at all (rather than being cancelled).
    fn unavailable(&self) -> bool {
        false
    }
}

/// The system dialogs (rfd). Without an xdg-desktop-portal (a bare X session) they cannot open
/// and return `None` at once; that is told apart from a cancel by how fast it came back.
#[derive(Default)]
pub struct SystemDialogs {
    unavailable: std::cell::Cell<bool>,
}

impl SystemDialogs {
    fn ask(&self, dialog: impl FnOnce() -> Option<PathBuf>) -> Option<PathBuf> {
        let started = std::time::Instant::now();
        let answer = dialog();
        // No person cancels a file dialog within a quarter of a second.
        self.unavailable
            .set(answer.is_none() && started.elapsed() < std::time::Duration::from_millis(250));
        answer
    }
}

impl FileDialogs for SystemDialogs {
    fn pick_folder(&self, title: &str) -> Option<PathBuf> {
        self.ask(|| rfd::FileDialog::new().set_title(title).pick_folder())
    }

    fn open_file(&self, title: &str, kind: &str, extensions: &[&str]) -> Option<PathBuf> {
        self.ask(|| {
            rfd::FileDialog::new()
                .set_title(title)
                .add_filter(kind, extensions)
                .pick_file()
        })
    }

    fn open_files(&self, title: &str, kind: &str, extensions: &[&str]) -> Vec<PathBuf> {
        let started = std::time::Instant::now();
        let answer = rfd::FileDialog::new()
            .set_title(title)
            .add_filter(kind, extensions)
            .pick_files()
            .unwrap_or_default();
        self.unavailable
            .set(answer.is_empty() && started.elapsed() < std::time::Duration::from_millis(250));
        answer
    }

    fn save_file(
        &self,
        title: &str,
        suggested: &str,
        kind: &str,
        extensions: &[&str],
    ) -> Option<PathBuf> {
        self.ask(|| {
            rfd::FileDialog::new()
                .set_title(title)
                .set_file_name(suggested)
                .add_filter(kind, extensions)
                .save_file()
        })
    }

    fn unavailable(&self) -> bool {
        self.unavailable.get()
    }
}

/// Dialogs that answer from a script (tests): each call takes the next answer of its kind;
/// with none left, the dialog is "cancelled".
#[derive(Default)]
pub struct ScriptedDialogs {
    pub folders: std::cell::RefCell<Vec<PathBuf>>,
    pub open: std::cell::RefCell<Vec<PathBuf>>,
    pub save: std::cell::RefCell<Vec<PathBuf>>,
    /// Answers to the dialogs that choose several files, one list each.
    pub open_many: std::cell::RefCell<Vec<Vec<PathBuf>>>,
    /// Behave like a system without file dialogs: every dialog fails to open.
    pub no_dialogs: bool,
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

    fn open_files(&self, _title: &str, _kind: &str, _extensions: &[&str]) -> Vec<PathBuf> {
        let mut v = self.open_many.borrow_mut();
        if v.is_empty() {
            Vec::new()
        } else {
            v.remove(0)
        }
    }

    fn save_file(&self, _t: &str, _s: &str, _k: &str, _e: &[&str]) -> Option<PathBuf> {
        take(&self.save)
    }

    fn unavailable(&self) -> bool {
        self.no_dialogs
    }
}
