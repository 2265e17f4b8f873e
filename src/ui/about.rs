use crate::data::DataSource;
use crate::i18n::{self, ATTRIBUTIONS, Texts};

/// The About window: what the app is, which data is in use, and the data attributions the
/// licences require.
pub fn show(ctx: &egui::Context, t: &Texts, data: Option<&DataSource>, open: &mut bool) {
    let mut close = false;
    egui::Window::new(t.about)
        .id(egui::Id::unique("about_window"))
        .open(open)
        .collapsible(false)
        .resizable(true)
        .default_width(520.0)
        .show(ctx, |ui| {
            ui.label(t.about_text);
            if let Some(src) = data {
                ui.add_space(8.0);
                ui.label(i18n::data_source(src, t));
            }
            ui.add_space(8.0);
            ui.heading(t.attribution);
            for a in ATTRIBUTIONS {
                ui.label(format!("• {a}"));
            }
            ui.add_space(8.0);
            ui.label(t.population_note);
            ui.label(t.antwerp_note);
            ui.label(t.children_unknown_note);
            ui.add_space(8.0);
            ui.label(format!("Gebiedsplanner {}", env!("CARGO_PKG_VERSION")));
            if ui.button(t.close).clicked() {
                close = true;
            }
        });
    if close {
        *open = false;
    }
}
