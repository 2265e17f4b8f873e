//! The search box: type part of a municipality, zone, team or Proeftuin name (accents
//! optional), pick a hit, and the map zooms there and selects it.

use super::GebiedsApp;
use super::command::Command;
use crate::i18n;
use std::collections::BTreeSet;

use crate::model::ids::ZoneId;
use crate::model::search::{SearchHit, SearchTarget};
use crate::model::selection::Selection;
use crate::workspace::EditMode;

impl GebiedsApp {
    /// Hits for the current search text.
    pub fn search_hits(&self) -> Vec<SearchHit> {
        let Some(w) = self.workspace() else {
            return Vec::new();
        };
        w.data().overlays().search.search(
            &w.doc.data.atlas,
            Some(&w.doc.scenario),
            &self.search_text,
            8,
        )
    }

    /// Go to a hit: zoom to it and select it.
    pub(super) fn apply_search_hit(&mut self, hit: &SearchHit) {
        let mut card = None;
        let Some(w) = self.workspace_mut() else {
            return;
        };
        let atlas = &w.doc.data.atlas;
        // What to select, and in which mode (None: keep the mode).
        let (mode, selection): (Option<EditMode>, Selection) = match hit.target {
            SearchTarget::Zone(u) => (Some(EditMode::Zones), Selection::zone(u)),
            SearchTarget::Municipality(m) => (
                None,
                match w.mode {
                    EditMode::Municipalities => Selection::Municipalities([m].into()),
                    EditMode::Zones => Selection::Zones(
                        atlas.municipalities[m]
                            .cells
                            .first()
                            .map(|&c| atlas.cells[c].unit)
                            .into_iter()
                            .collect(),
                    ),
                },
            ),
            SearchTarget::Team(t) => {
                // The team's whole zones: a zone it shares with another team is left out, so
                // that dragging the selection never takes the other team's municipalities.
                let cells = w.doc.scenario.cell_teams(atlas);
                let zones = |whole: bool| -> BTreeSet<ZoneId> {
                    atlas
                        .units
                        .keys()
                        .filter(|&u| {
                            let mut of_team =
                                atlas.units[u].cells.iter().map(|&c| cells[c] == Some(t));
                            if whole {
                                of_team.all(|b| b)
                            } else {
                                of_team.any(|b| b)
                            }
                        })
                        .collect()
                };
                let whole = zones(true);
                (
                    Some(EditMode::Zones),
                    Selection::Zones(if whole.is_empty() {
                        zones(false)
                    } else {
                        whole
                    }),
                )
            }
            SearchTarget::Proeftuin(p) => {
                card = Some(p);
                (None, w.selection.cleared())
            }
        };
        if let Some(m) = mode {
            w.set_mode(m);
        }
        if card.is_none() {
            w.selection = selection;
        }
        // A municipality found while whole zones are selected: its zone is selected, and the
        // municipality itself is outlined inside it.
        w.marked = match hit.target {
            SearchTarget::Municipality(m) if w.mode == EditMode::Zones => {
                Some((m, w.selection.clone()))
            }
            _ => None,
        };
        if !hit.bbox.is_empty() {
            let mut b = hit.bbox;
            let pad = (b.width().max(b.height()) * 0.3).max(0.0004);
            b.include([b.min[0] - pad, b.min[1] - pad]);
            b.include([b.max[0] + pad, b.max[1] + pad]);
            w.fit_to(b);
        }
        if let Some(p) = card {
            self.settings
                .layers
                .set_on(crate::map::layer::proeftuinen::KEY, true);
            self.proeftuin_card = Some(p);
        }
        self.search_text.clear();
    }

    /// The search box in the menu bar, with its list of hits.
    pub(super) fn search_box(&mut self, ui: &mut egui::Ui) {
        let t = i18n::texts(self.settings.lang);
        let edit = egui::TextEdit::singleline(&mut self.search_text)
            .hint_text(t.search_hint)
            .desired_width(260.0);
        let resp = ui.add(edit);
        let hits = self.search_hits();
        let popup = |ui: &mut egui::Ui, add: &mut dyn FnMut(&mut egui::Ui)| {
            egui::Area::new(egui::Id::unique("search_hits"))
                .fixed_pos(resp.rect.left_bottom() + egui::vec2(0.0, 4.0))
                .order(egui::Order::Foreground)
                .show(ui.ctx(), |ui| {
                    egui::Frame::popup(ui.style()).show(ui, |ui| {
                        ui.set_min_width(resp.rect.width());
                        add(ui);
                    });
                });
        };
        if hits.is_empty() {
            // Say so, rather than nothing at all, when something was typed.
            if !self.search_text.trim().is_empty() {
                popup(ui, &mut |ui| {
                    ui.label(egui::RichText::new(t.search_none).weak());
                });
            }
            return;
        }
        let enter = resp.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
        let mut chosen = if enter { hits.first().cloned() } else { None };
        popup(ui, &mut |ui| {
            for hit in &hits {
                let kind = match hit.target {
                    SearchTarget::Municipality(_) => t.municipality,
                    SearchTarget::Zone(_) => t.zone,
                    SearchTarget::Team(_) => t.team,
                    SearchTarget::Proeftuin(_) => "Proeftuin",
                };
                let mut text = format!("{} ({kind})", hit.name);
                if !hit.matched.is_empty() {
                    text.push_str(&format!(" · {}", hit.matched));
                }
                if ui.selectable_label(false, text).clicked() {
                    chosen = Some(hit.clone());
                }
            }
        });
        if let Some(hit) = chosen {
            self.push(Command::GoToSearchHit(Box::new(hit)));
        }
    }
}
