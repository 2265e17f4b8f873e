//! Panels and dialogs. They read the open document and return what the user asked for; the app
//! applies it.

pub mod about;
pub mod data_screen;
pub mod dialogs;
pub mod info;
pub mod layers_panel;
pub mod modal;
pub mod team_panel;

use egui::{Color32, Rect, Sense, Vec2};

/// A small filled square in a team's colour.
pub fn swatch(ui: &mut egui::Ui, fill: Color32, size: f32) -> egui::Response {
    let (rect, resp) = ui.allocate_exact_size(Vec2::splat(size), Sense::hover());
    ui.painter().rect_filled(
        Rect::from_center_size(rect.center(), Vec2::splat(size)),
        2.0,
        fill,
    );
    ui.painter().rect_stroke(
        rect,
        2.0,
        egui::Stroke::new(1.0, Color32::from_gray(40)),
        egui::StrokeKind::Inside,
    );
    resp
}
