//! The second screen (F6, View > Tweede scherm): a window of its own for the projector with
//! the map and its legend only, while the laptop keeps the editor. It draws every frame from
//! the tab the laptop shows, through the same map drawing, so each change shows there at once;
//! it shows what the laptop's map shows, fitted to its own size.

use egui::RichText;

use super::command::{Command, Scope, UiCommand};
use super::workspace_ui::{Drawn, MapContext, MapParts, paint_map};
use super::{GebiedsApp, presentation};
use crate::i18n::{self, Texts};
use crate::model::geom::BBox;
use crate::style;
use crate::ui::swatch;
use crate::workspace::Workspace;

/// The second window's own view of the map.
#[derive(Default)]
pub struct SecondScreen {
    memory: walkers::MapMemory,
    /// The box shown and the area it was fitted to, in the last frame.
    fitted: Option<(BBox, egui::Vec2)>,
    /// The map's area in the last frame.
    pub map_rect: Option<egui::Rect>,
}

impl GebiedsApp {
    /// F6: open the second window, or close it.
    pub(super) fn toggle_second_screen(&mut self) {
        self.second_screen = match self.second_screen.take() {
            Some(_) => None,
            None => Some(SecondScreen::default()),
        };
    }

    /// The second window, when it is open.
    pub fn second_screen(&self) -> Option<&SecondScreen> {
        self.second_screen.as_ref()
    }

    /// Show the second window (a native window of its own where the platform has them, a
    /// window inside the main one where not). Closing it closes only it; it closes with the
    /// main window.
    pub(super) fn show_second_screen(&mut self, ctx: &egui::Context) {
        if self.second_screen.is_none() || self.workspace().is_none() {
            return;
        }
        let t = i18n::texts(self.settings.lang);
        let builder = egui::ViewportBuilder::default()
            .with_title(format!("{} — Gebiedsplanner", t.meet.second_screen))
            .with_inner_size([960.0, 540.0]);
        let out = ctx.show_viewport_immediate(
            egui::ViewportId::from_hash_of("second_screen"),
            builder,
            |ui, class| self.second_screen_ui(ui, class),
        );
        self.commands.extend(out);
    }

    fn second_screen_ui(&mut self, ui: &mut egui::Ui, class: egui::ViewportClass) -> Vec<Command> {
        let ctx = ui.ctx().clone();
        let mut out = Vec::new();
        if class != egui::ViewportClass::EmbeddedWindow {
            if ctx.input(|i| i.viewport().close_requested()) {
                out.push(Command::ToggleSecondScreen);
                return out;
            }
            // F11 or a double click fills the projector with this window (and gives it back).
            let full = ctx.input(|i| i.viewport().fullscreen.unwrap_or(false));
            let toggle = ctx.input_mut(|i| i.consume_key(egui::Modifiers::NONE, egui::Key::F11))
                || ctx.input(|i| {
                    i.pointer
                        .button_double_clicked(egui::PointerButton::Primary)
                });
            if toggle {
                ctx.send_viewport_cmd(egui::ViewportCommand::Fullscreen(!full));
            }
            // The keys work when the projector's window has the keyboard, too, except while
            // a question in the main window waits for its answer.
            if !self.asking() {
                out.extend(UiCommand::pressed(&ctx, Scope::Editor));
                if self.presentation {
                    out.extend(presentation::keys(&ctx));
                }
            }
        }
        let t = i18n::texts(self.settings.lang);
        let region = self.region;
        let Some(MapParts {
            w,
            tiles,
            layers,
            reference,
            layout,
            second: Some(second),
        }) = self.map_parts()
        else {
            return out;
        };
        let shown = presentation::shown_region(w, region);
        presentation::present_title(ui, w, t, shown);
        let windowed = class != egui::ViewportClass::EmbeddedWindow
            && !ctx.input(|i| i.viewport().fullscreen.unwrap_or(false));
        egui::Panel::right("second_legend")
            .resizable(false)
            .show(ui, |ui| {
                if windowed {
                    ui.label(RichText::new(t.meet.second_screen_full).weak());
                }
                team_legend(ui, w, t, shown);
            });
        egui::CentralPanel::default()
            .frame(egui::Frame::new().fill(style::MAP_BACKGROUND))
            .show(ui, |ui| {
                let size = ui.available_size();
                if let Some(b) = layout.shown_bbox(w)
                    && second.fitted != Some((b, size))
                {
                    crate::map::fit::show_in(&mut second.memory, b, size);
                    second.fitted = Some((b, size));
                }
                let mc = MapContext {
                    layers,
                    tiles,
                    reference,
                    presenting: true,
                    editing: false,
                    rect_start: None,
                    t,
                };
                let Drawn { response, .. } = paint_map(ui, w, &mut second.memory, mc);
                second.map_rect = Some(response.rect);
            });
        out
    }
}

/// The teams on the map (of the region shown) with their colour, in large type.
fn team_legend(
    ui: &mut egui::Ui,
    w: &Workspace,
    t: &Texts,
    region: Option<crate::model::region::Region>,
) {
    let m = w.shown_metrics();
    let s = w.shown_scenario();
    ui.label(RichText::new(t.meet.teams).size(20.0).strong());
    egui::ScrollArea::vertical().show(ui, |ui| {
        for (ti, team) in s.teams.iter_enumerated() {
            let Some(st) = m.teams.get(ti) else { continue };
            if st.units.is_empty() || !presentation::in_region(w, &st.units, region) {
                continue;
            }
            ui.horizontal(|ui| {
                swatch(ui, w.swatch_fill(team.colour), 20.0);
                ui.label(RichText::new(&team.name).size(18.0));
            });
        }
    });
}
