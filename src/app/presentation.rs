//! Presentation mode (F5): fullscreen, editing controls hidden, the map fitted to fill most of
//! the screen, a narrow strip of large figures per team (T hides it), a legend of the keys (?),
//! and keys that jump between IROJ regions and between scenarios.

use egui::RichText;

use super::GebiedsApp;
use super::command::Command;
use crate::i18n::{self, Texts};
use crate::model::geom::BBox;
use crate::model::ids::{TeamId, ZoneId};
use crate::model::region::{Region, unit_region};
use crate::style::{BAD, GOOD};
use crate::ui::swatch;
use crate::workspace::Workspace;

/// UI zoom while presenting.
const PRESENT_ZOOM: f32 = 1.35;

/// The team strip's share of the window width at most.
pub const TABLE_SHARE: f32 = 0.25;

/// How long the key legend shows on entering the presentation, in seconds.
const KEYS_SECONDS: f64 = 6.0;

/// What the presentation shows besides the map.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct PresentUi {
    /// The team strip is hidden (T).
    pub table_hidden: bool,
    pub keys: KeyLegend,
}

/// The legend of the keys.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub enum KeyLegend {
    #[default]
    Hidden,
    /// Shown for a few seconds from this time (egui seconds; None: from the next frame).
    Since(Option<f64>),
    /// Shown until ? is pressed again.
    Pinned,
}

/// The IROJ regions (the provinces and Brussels) in the order of the keys 1-6, with their
/// extent; a region without zones in the data is left out.
pub fn regions(w: &Workspace) -> Vec<(Region, BBox)> {
    Region::ALL
        .into_iter()
        .filter_map(|r| region_box(w, r).map(|b| (r, b)))
        .collect()
}

/// The box of a region's zones (None: the data has none in it).
pub(super) fn region_box(w: &Workspace, r: Region) -> Option<BBox> {
    crate::model::region::region_bbox(&w.doc.data.atlas, r)
}

/// The region shown (None: all of Flanders and Brussels).
pub(super) fn shown_region(w: &Workspace, n: Option<usize>) -> Option<Region> {
    n.filter(|&n| n > 0)
        .and_then(|n| regions(w).get(n - 1).map(|r| r.0))
}

/// The keys of the presentation and what each does, as the key legend and the shortcuts
/// window list them.
pub fn key_legend(w: Option<&Workspace>, t: &Texts) -> Vec<(String, String)> {
    let m = t.meet;
    let mut out = vec![("0".to_string(), m.all_regions.to_string())];
    let list: Vec<Region> = match w {
        Some(w) => regions(w).into_iter().map(|r| r.0).collect(),
        None => Region::ALL.to_vec(),
    };
    for (i, r) in list.iter().enumerate() {
        out.push(((i + 1).to_string(), r.name().to_string()));
    }
    for (k, what) in [
        ("PgUp / PgDn", m.key_region_step),
        ("← / →", m.key_scenarios),
        ("T", m.key_table),
        ("H", m.key_contrast),
        ("F6", m.key_second_screen),
        ("?", m.key_legend),
        ("Esc", m.key_leave),
    ] {
        out.push((k.to_string(), what.to_string()));
    }
    out
}

/// The keys that show a region in the presentation: 0 all of Flanders and Brussels, 1-6 the
/// IROJ regions in the order of `regions`.
pub const REGION_KEYS: [egui::Key; 7] = [
    egui::Key::Num0,
    egui::Key::Num1,
    egui::Key::Num2,
    egui::Key::Num3,
    egui::Key::Num4,
    egui::Key::Num5,
    egui::Key::Num6,
];

/// The keys of the presentation: 0-6 and PageUp/PageDown pick a region, the arrows switch
/// scenario, H toggles high contrast, T the team strip and ? the key legend (Esc, F5 and F6
/// are in the command table).
pub fn keys(ctx: &egui::Context) -> Vec<Command> {
    use egui::{Key, Modifiers};
    let keys = [
        (Key::PageDown, Command::StepRegion(1)),
        (Key::PageUp, Command::StepRegion(-1)),
        (Key::ArrowRight, Command::StepScenario(1)),
        (Key::ArrowLeft, Command::StepScenario(-1)),
        (Key::H, Command::ToggleHighContrast),
        (Key::T, Command::TogglePresentTable),
        (Key::Questionmark, Command::ToggleKeyLegend),
    ];
    let mut out = Vec::new();
    ctx.input_mut(|i| {
        for (n, k) in REGION_KEYS.into_iter().enumerate() {
            if i.consume_key(Modifiers::NONE, k) {
                out.push(Command::GoToRegion(n));
            }
        }
        for (k, c) in keys {
            if i.consume_key(Modifiers::NONE, k) {
                out.push(c);
            }
        }
    });
    out
}

impl GebiedsApp {
    pub fn set_presentation(&mut self, ctx: &egui::Context, on: bool) {
        if self.presentation == on {
            return;
        }
        self.presentation = on;
        ctx.send_viewport_cmd(egui::ViewportCommand::Fullscreen(on));
        ctx.set_zoom_factor(if on {
            PRESENT_ZOOM
        } else {
            self.settings.ui_zoom
        });
        self.region = None;
        if on {
            // All of Flanders, kept fitted while the fullscreen window and the larger text
            // settle; the view from before comes back at the end.
            self.view_before_presentation = self.workspace().map(Workspace::view);
            self.present.keys = KeyLegend::Since(None);
            self.go_to_region(0);
        } else {
            self.present.keys = KeyLegend::Hidden;
            if let (Some(view), Some(w)) =
                (self.view_before_presentation.take(), self.workspace_mut())
            {
                w.set_view(view);
            }
        }
    }

    /// The next (+1) or previous (-1) region, round the list (0 is all of Flanders).
    pub(super) fn step_region(&mut self, step: i32) {
        let n_regions = self.workspace().map_or(0, |w| regions(w).len());
        let total = (n_regions + 1) as i32;
        let cur = self.region.unwrap_or(0) as i32;
        self.go_to_region((cur + step).rem_euclid(total) as usize);
    }

    /// Show the next (+1) or previous (-1) tab with the same view, so that scenarios compare
    /// like for like.
    pub(super) fn step_scenario(&mut self, step: i32) {
        let Some(tabs) = self.tabs_mut() else { return };
        let n = tabs.list.len() as i32;
        let from = tabs.active;
        tabs.active = (from as i32 + step).rem_euclid(n) as usize;
        let view = tabs.list[from].view();
        tabs.list[tabs.active].set_view(view);
    }

    /// 0: all of Flanders and Brussels; 1..: the regions in order. The map keeps the region
    /// fitted until it is panned or zoomed.
    pub fn go_to_region(&mut self, n: usize) {
        let Some(w) = self.workspace_mut() else {
            return;
        };
        let bbox = if n == 0 {
            Some(w.doc.data.atlas.bbox)
        } else {
            regions(w).get(n - 1).map(|r| r.1)
        };
        if let Some(b) = bbox {
            w.fit_to(b);
            self.region = Some(n);
        }
    }

    /// T: hide or show the team strip.
    pub(super) fn toggle_present_table(&mut self) {
        self.present.table_hidden = !self.present.table_hidden;
    }

    /// ?: show the key legend until ? is pressed again, or hide it.
    pub(super) fn toggle_key_legend(&mut self) {
        self.present.keys = match self.present.keys {
            KeyLegend::Pinned => KeyLegend::Hidden,
            KeyLegend::Hidden | KeyLegend::Since(_) => KeyLegend::Pinned,
        };
    }

    /// Whether the key legend shows in this frame.
    pub fn key_legend_shown(&self) -> bool {
        self.present.keys != KeyLegend::Hidden
    }

    /// Whether the team strip shows.
    pub fn present_table_shown(&self) -> bool {
        !self.present.table_hidden
    }

    pub(super) fn show_presentation(&mut self, ui: &mut egui::Ui, ctx: &egui::Context) {
        self.show_workspace(ui, ctx);
        self.key_legend_window(ctx);
    }

    /// The legend of the keys over the map, in large type: on ?, and for a few seconds on
    /// entering the presentation.
    fn key_legend_window(&mut self, ctx: &egui::Context) {
        let now = ctx.input(|i| i.time);
        if let KeyLegend::Since(since) = &mut self.present.keys {
            let from = *since.get_or_insert(now);
            if now - from > KEYS_SECONDS {
                self.present.keys = KeyLegend::Hidden;
            } else {
                ctx.request_repaint_after(std::time::Duration::from_millis(250));
            }
        }
        if self.present.keys == KeyLegend::Hidden {
            return;
        }
        let t = i18n::texts(self.settings.lang);
        let lines = key_legend(self.workspace(), t);
        let at = self.layout.map_rect.unwrap_or_else(|| ctx.content_rect());
        key_legend_area(ctx, at, t, &lines);
    }
}

/// The key legend in the middle of `over`.
pub fn key_legend_area(
    ctx: &egui::Context,
    over: egui::Rect,
    t: &Texts,
    lines: &[(String, String)],
) {
    egui::Area::new(egui::Id::unique("present_keys"))
        .pivot(egui::Align2::CENTER_CENTER)
        .fixed_pos(over.center())
        .order(egui::Order::Foreground)
        .interactable(false)
        .show(ctx, |ui| {
            egui::Frame::popup(ui.style())
                .inner_margin(16.0)
                .show(ui, |ui| {
                    ui.label(RichText::new(t.meet.keys_title).size(24.0).strong());
                    egui::Grid::new("present_keys_grid")
                        .num_columns(2)
                        .spacing(egui::vec2(24.0, 6.0))
                        .show(ui, |ui| {
                            for (key, what) in lines {
                                ui.label(RichText::new(key).size(20.0).strong().monospace());
                                ui.label(RichText::new(what).size(20.0));
                                ui.end_row();
                            }
                        });
                });
        });
}

/// The title line (the scenario and the region shown) and the strip of teams shown while
/// presenting.
pub fn title_and_table(
    ui: &mut egui::Ui,
    w: &Workspace,
    t: &Texts,
    region: Option<usize>,
    present: PresentUi,
) {
    let shown = shown_region(w, region);
    present_title(ui, w, t, shown);
    if present.table_hidden {
        return;
    }
    let width = ui.ctx().content_rect().width() * TABLE_SHARE;
    egui::Panel::right("present_table")
        .resizable(false)
        .exact_size(width)
        .show(ui, |ui| {
            egui::ScrollArea::vertical().show(ui, |ui| team_strip(ui, w, t, shown));
        });
}

/// The title line: the scenario, the region shown, the file, the date and the rules.
pub(super) fn present_title(ui: &mut egui::Ui, w: &Workspace, t: &Texts, shown: Option<Region>) {
    let file = w.file_name();
    let m = w.shown_metrics();
    let s = w.shown_scenario();
    let date = {
        let iso = crate::data::scenario_file::now_iso();
        format!("{}-{}-{}", &iso[8..10], &iso[5..7], &iso[0..4])
    };
    let place = shown.map_or(t.meet.all_regions, Region::name);
    egui::Panel::top("present_title").show(ui, |ui| {
        ui.add(
            egui::Label::new(
                RichText::new(format!("{} · {place}", i18n::scenario_ui::title(s, t)))
                    .size(26.0)
                    .strong(),
            )
            .truncate(),
        );
        ui.horizontal(|ui| {
            if let Some(f) = &file {
                ui.label(RichText::new(f).size(16.0));
            }
            ui.label(RichText::new(date).size(16.0).weak());
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                ui.label(RichText::new(t.meet.keys_hint).size(16.0).weak());
                let (c, text) = if m.all_rules_hold() {
                    (GOOD, t.rules_ok)
                } else {
                    (BAD, t.rules_broken)
                };
                ui.label(RichText::new(text).size(18.0).color(c).strong());
            });
        });
    });
}

/// Whether a team holds a zone of the region (every team when no region is shown).
pub(super) fn in_region(w: &Workspace, units: &[ZoneId], region: Option<Region>) -> bool {
    region.is_none_or(|r| {
        units
            .iter()
            .any(|&u| unit_region(&w.doc.data.atlas, u) == Some(r))
    })
}

/// Per team of the region: its name, zones and children, budget and EUR per child, and what
/// changes against the comparison.
fn team_strip(ui: &mut egui::Ui, w: &Workspace, t: &Texts, region: Option<Region>) {
    let m = w.shown_metrics();
    let s = w.shown_scenario();
    ui.label(RichText::new(t.meet.teams).size(18.0).strong());
    for (ti, team) in s.teams.iter_enumerated() {
        let Some(st) = m.teams.get(ti) else { continue };
        if st.units.is_empty() || !in_region(w, &st.units, region) {
            continue;
        }
        ui.separator();
        ui.horizontal(|ui| {
            swatch(ui, w.swatch_fill(team.colour), 18.0);
            let name = RichText::new(&team.name).size(18.0).strong();
            let name = if st.is_contiguous() {
                name
            } else {
                name.color(BAD)
            };
            // A long name is cut short (the full name on hover), so that the strip keeps
            // its width.
            ui.add(egui::Label::new(name).truncate());
        });
        for line in team_lines(w, ti, t) {
            ui.label(RichText::new(line).size(15.0));
        }
    }
    if !m.unassigned_units.is_empty() {
        ui.label(
            RichText::new(format!(
                "{} {}",
                m.unassigned_units.len(),
                t.coverage_missing
            ))
            .size(15.0)
            .color(BAD),
        );
    }
}

/// A team's figures in the strip: zones and children; budget and EUR per child; the change
/// in children against the comparison.
fn team_lines(w: &Workspace, ti: TeamId, t: &Texts) -> [String; 3] {
    let st = &w.shown_metrics().teams[ti];
    let zones = i18n::zone_count(st, " ELZ", t);
    let budget = st.budget(w.budget_model);
    let (children, per_child) = i18n::meetings::children_and_per_child(st, budget, t);
    let figures = format!("{zones} · {children}");
    let money = match per_child {
        Some(p) => format!(
            "{} · {}",
            i18n::eur_nowrap(budget),
            p.replacen(' ', "\u{a0}", 1)
        ),
        None => i18n::eur_nowrap(budget),
    };
    let change = match w.comparison.teams.get(ti) {
        Some(c) if c.municipalities_gained + c.municipalities_lost > 0 => {
            let net = c.children_gained - c.children_lost;
            let sign = if net > 0.0 { "+" } else { "" };
            format!(
                "{} {}: {sign}{} {}",
                t.versus,
                w.baseline_label(t),
                i18n::int(net),
                t.meet.children_lower
            )
        }
        _ => format!("{} {}: {}", t.versus, w.baseline_label(t), t.meet.no_change),
    };
    [figures, money, change]
}
