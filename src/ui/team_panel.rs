//! The list of teams with their colour, zones and totals, and the rules summary.

use egui::RichText;

use super::info::status_text;
use super::swatch;
use crate::i18n::{self, Texts};
use crate::session::Session;

/// A small status dot (the default fonts have no check mark glyph).
fn dot(ui: &mut egui::Ui, colour: egui::Color32) {
    let (rect, _) = ui.allocate_exact_size(egui::Vec2::splat(10.0), egui::Sense::hover());
    ui.painter().circle_filled(rect.center(), 5.0, colour);
}

pub enum TeamPanelAction {
    None,
    SelectUnit(usize),
}

pub fn show(
    ui: &mut egui::Ui,
    session: &Session,
    t: &Texts,
    selected_unit: Option<usize>,
) -> TeamPanelAction {
    let mut action = TeamPanelAction::None;
    let m = &session.metrics;
    let atlas = &session.atlas;

    // Rules bar.
    let ok = m.all_rules_hold();
    let (bg, text) = if ok {
        (egui::Color32::from_rgb(26, 120, 60), t.rules_ok)
    } else {
        (egui::Color32::from_rgb(170, 40, 40), t.rules_broken)
    };
    egui::Frame::new()
        .fill(bg)
        .corner_radius(4.0)
        .inner_margin(6.0)
        .show(ui, |ui| {
            ui.set_width(ui.available_width());
            ui.label(RichText::new(text).color(egui::Color32::WHITE).strong());
            if m.is_covered() {
                ui.label(RichText::new(t.coverage_ok).color(egui::Color32::WHITE));
            } else {
                ui.label(
                    RichText::new(format!(
                        "{} {}",
                        m.unassigned_units.len(),
                        t.coverage_missing
                    ))
                    .color(egui::Color32::WHITE),
                );
            }
        });
    ui.add_space(4.0);
    ui.heading(t.teams);

    egui::ScrollArea::vertical()
        .auto_shrink([false, false])
        .show(ui, |ui| {
            for (ti, team) in session.scenario.teams.iter().enumerate() {
                let st = &m.teams[ti];
                ui.horizontal(|ui| {
                    swatch(ui, team.colour, 16.0);
                    ui.label(RichText::new(&team.name).strong());
                });
                let children = if st.children_known() {
                    i18n::int(st.children)
                } else if st.children > 0.0 {
                    format!("{} + {}", i18n::int(st.children), t.unknown)
                } else {
                    t.unknown.to_string()
                };
                let est = if st.population_estimated {
                    format!(" ({})", t.estimate)
                } else {
                    String::new()
                };
                ui.label(format!(
                    "{} ELZ · {} {} · {} {}{}",
                    st.units.len(),
                    st.municipalities,
                    t.municipalities.to_lowercase(),
                    i18n::int(st.population),
                    t.population.to_lowercase(),
                    est
                ));
                ui.label(format!(
                    "{}: {} · {}: {}",
                    t.children,
                    children,
                    t.budget,
                    i18n::eur(st.budget_flat)
                ));
                ui.horizontal(|ui| {
                    if st.units.is_empty() {
                    } else if st.is_contiguous() {
                        let green = egui::Color32::from_rgb(26, 120, 60);
                        dot(ui, green);
                        ui.colored_label(green, t.contiguous);
                    } else {
                        let red = egui::Color32::from_rgb(170, 40, 40);
                        dot(ui, red);
                        ui.colored_label(
                            red,
                            format!("{} ({} {})", t.not_contiguous, st.components.len(), t.parts),
                        );
                    }
                    ui.label(
                        RichText::new(status_text(t, team.area_status))
                            .italics()
                            .weak(),
                    );
                    if let Some(p) = team.partners {
                        ui.label(RichText::new(format!("{p} {}", t.partners)).weak());
                    }
                });
                egui::CollapsingHeader::new(format!("{} ({})", t.zones, st.units.len()))
                    .id_salt(("team_zones", &team.id))
                    .show(ui, |ui| {
                        for &u in &st.units {
                            let name = &atlas.units[u].name;
                            if ui
                                .selectable_label(selected_unit == Some(u), name)
                                .clicked()
                            {
                                action = TeamPanelAction::SelectUnit(u);
                            }
                        }
                    });
                ui.separator();
            }
            // Totals.
            ui.label(RichText::new(t.total).strong());
            ui.label(format!(
                "{} ELZ · {} {} · {} {}",
                atlas.units.len(),
                atlas.municipalities.len(),
                t.municipalities.to_lowercase(),
                i18n::int(m.total_population),
                t.population.to_lowercase()
            ));
            let budget: f64 = m.teams.iter().map(|s| s.budget_flat).sum();
            ui.label(format!(
                "{}: {} · {}: {}",
                t.children,
                i18n::int(m.total_children),
                t.budget,
                i18n::eur(budget)
            ));
            if !m.unassigned_units.is_empty() {
                ui.label(RichText::new(format!("{}:", t.coverage_missing)).strong());
                for &u in &m.unassigned_units {
                    if ui
                        .selectable_label(selected_unit == Some(u), &atlas.units[u].name)
                        .clicked()
                    {
                        action = TeamPanelAction::SelectUnit(u);
                    }
                }
            }
        });
    action
}
