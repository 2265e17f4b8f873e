//! Opening a reference layer on a thread of its own: reading a shapefile or GeoJSON of a
//! million vertices and preparing it for the map takes seconds, during which the window goes
//! on drawing and shows how far the reading is.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::mpsc::{self, Receiver, TryRecvError};

use crate::data::error::DataError;
use crate::data::reference::{ReferenceError, read_reference_layer_with_progress};
use crate::map::reference_view::ReferenceDrawing;

/// What the thread hands back.
pub type Loaded = Result<ReferenceDrawing, ReferenceError>;

/// A reference layer being read.
pub struct ReferenceLoad {
    pub path: PathBuf,
    /// How far, in thousandths.
    progress: Arc<AtomicU32>,
    result: Receiver<Loaded>,
}

/// Read `path` and prepare it for the map, reporting progress to `progress`.
fn load(path: &Path, progress: &AtomicU32) -> Loaded {
    let report = |f: f32| progress.store((f.clamp(0.0, 1.0) * 1000.0) as u32, Ordering::Relaxed);
    let layer = read_reference_layer_with_progress(path, &report)?;
    report(0.9);
    Ok(ReferenceDrawing::new(layer))
}

impl ReferenceLoad {
    /// Start reading `path`; `ctx` is asked to repaint when the layer is there.
    pub fn start(path: &Path, ctx: Option<egui::Context>) -> ReferenceLoad {
        let (send, result) = mpsc::channel();
        let progress = Arc::new(AtomicU32::new(0));
        let (p, file) = (progress.clone(), path.to_path_buf());
        std::thread::spawn(move || {
            let loaded = load(&file, &p);
            // A load that was replaced by another has nobody listening: nothing to do.
            let _ = send.send(loaded);
            if let Some(ctx) = ctx {
                ctx.request_repaint();
            }
        });
        ReferenceLoad {
            path: path.to_path_buf(),
            progress,
            result,
        }
    }

    /// How far the reading is, 0 to 1.
    pub fn progress(&self) -> f32 {
        self.progress.load(Ordering::Relaxed) as f32 / 1000.0
    }

    /// The layer or the error once the thread is done.
    pub fn poll(&self) -> Option<Loaded> {
        match self.result.try_recv() {
            Ok(loaded) => Some(loaded),
            Err(TryRecvError::Empty) => None,
            // The thread ended without an answer: it panicked on this file.
            Err(TryRecvError::Disconnected) => Some(Err(ReferenceError::Data(DataError::whole(
                &self.path,
                "reading the file stopped on an unexpected problem",
            )))),
        }
    }
}
