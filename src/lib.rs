//! Gebiedsplanner: divide the eerstelijnszones of Flanders and Brussels over the
//! 1 Gezin 1 Plan teams, on a map, and see at once whether the rules hold.

pub mod app;
pub mod cli;
pub mod data;
pub mod dataset;
pub mod document;
pub mod export;
/// Entry points for fuzzing the readers (`fuzz/` and `tests/fuzz_smoke.rs`); the app does not
/// use them.
#[doc(hidden)]
pub mod fuzzing;
pub mod i18n;
pub mod map;
pub mod memory;
pub mod model;
pub mod overlays;
pub mod style;
pub mod ui;
pub mod workspace;

/// Helpers for the unit tests.
#[cfg(test)]
pub(crate) mod test_support {
    /// An egui context with its fonts loaded, to lay text out as the window would.
    pub fn fonts_context() -> egui::Context {
        let ctx = egui::Context::default();
        // One pass loads the fonts; its font texture is not drawn anywhere.
        ctx.run_ui(Default::default(), |_| {})
            .textures_delta
            .clear();
        ctx
    }

    /// `text` laid out on one line in the default proportional font.
    pub fn layout(ctx: &egui::Context, text: &str, size: f32) -> std::sync::Arc<egui::Galley> {
        ctx.fonts_mut(|f| {
            f.layout_no_wrap(
                text.to_string(),
                egui::FontId::proportional(size),
                egui::Color32::BLACK,
            )
        })
    }
}
