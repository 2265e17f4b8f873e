//! File dialogs behind a small interface, so tests never open one.

use std::path::PathBuf;

pub trait FileDialogs {
    fn pick_folder(&self, title: &str) -> Option<PathBuf>;
}

/// The system dialogs (rfd). Without a portal or zenity they return `None`.
pub struct SystemDialogs;

impl FileDialogs for SystemDialogs {
    fn pick_folder(&self, title: &str) -> Option<PathBuf> {
        rfd::FileDialog::new().set_title(title).pick_folder()
    }
}

/// Dialogs that answer from a script (tests): each call takes the next answer.
#[derive(Default)]
pub struct ScriptedDialogs {
    pub folders: std::cell::RefCell<Vec<PathBuf>>,
}

impl FileDialogs for ScriptedDialogs {
    fn pick_folder(&self, _title: &str) -> Option<PathBuf> {
        let mut f = self.folders.borrow_mut();
        if f.is_empty() {
            None
        } else {
            Some(f.remove(0))
        }
    }
}
