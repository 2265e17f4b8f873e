//! An indicator on the map: every municipality coloured by the class of its value, with the
//! legend of the classes. One type holds what the window and the exported image need: the
//! colour of a cell, the legend entries, the legend drawn over the map, and the legend
//! written into an SVG.
//!
//! Classes are quantiles: each of the five holds about as many municipalities. Indicator
//! values are skewed (a few large cities hold most waiting lists or projects), so equal
//! intervals would put nearly every municipality in the lowest class and show no pattern.
//! The palette is ColorBrewer's YlGnBu with five classes: sequential (light is low, dark
//! is high), safe for the common colour-vision deficiencies, and still ordered in grey print.

use std::fmt::Write as _;

use egui::Color32;

use crate::i18n::{self, Texts};
use crate::model::atlas::Atlas;
use crate::model::ids::{CellId, MunicipalityId, TiVec};
use crate::model::indicator::{Aggregate, IndicatorChoice};

/// ColorBrewer YlGnBu, 5 classes, from low to high.
pub const PALETTE: [[u8; 3]; 5] = [
    [0xff, 0xff, 0xcc],
    [0xa1, 0xda, 0xb4],
    [0x41, 0xb6, 0xc4],
    [0x2c, 0x7f, 0xb8],
    [0x25, 0x34, 0x94],
];

/// A municipality without a value: a neutral grey, apart from every class.
pub const NO_DATA: [u8; 3] = [0xbd, 0xbd, 0xbd];

/// The number of classes asked for (fewer when the values have fewer distinct quantiles).
pub const CLASSES: usize = 5;

/// One class of the legend: its colour and the smallest and largest value in it.
#[derive(Clone, Debug, PartialEq)]
pub struct Class {
    pub colour: [u8; 3],
    pub min: f64,
    pub max: f64,
    pub municipalities: usize,
}

/// One line of the legend: a colour and its text.
#[derive(Clone, Debug, PartialEq)]
pub struct LegendEntry {
    pub colour: [u8; 3],
    pub text: String,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Choropleth {
    /// The column and how it is aggregated, as the legend's title says.
    pub name: String,
    pub how: Aggregate,
    pub classes: Vec<Class>,
    /// The class of every municipality (indexed like `atlas.municipalities`).
    class_of_municipality: TiVec<MunicipalityId, Option<usize>>,
    /// Decimals in the legend: none for whole numbers.
    decimals: usize,
}

/// The lower bounds of the quantile classes of `sorted` (ascending, not empty): the first
/// value and the value at each k/n-th place, without repeats.
fn quantile_bounds(sorted: &[f64], classes: usize) -> Vec<f64> {
    let n = sorted.len();
    let mut bounds = vec![sorted[0]];
    for k in 1..classes {
        let b = sorted[(k * n / classes).min(n - 1)];
        if bounds.last().is_some_and(|&last| b > last) {
            bounds.push(b);
        }
    }
    bounds
}

impl Choropleth {
    pub fn new(atlas: &Atlas, choice: &IndicatorChoice) -> Choropleth {
        let values = choice.municipality_values();
        let value = |m: MunicipalityId| values.get(m).copied().flatten().filter(|v| v.is_finite());
        let mut sorted: Vec<f64> = atlas.municipalities.keys().filter_map(value).collect();
        sorted.sort_by(f64::total_cmp);
        let bounds = if sorted.is_empty() {
            Vec::new()
        } else {
            quantile_bounds(&sorted, CLASSES)
        };
        // A value's class: the last lower bound it reaches.
        let class = |v: f64| bounds.iter().rposition(|&b| v >= b).unwrap_or(0);
        let class_of_municipality: TiVec<MunicipalityId, Option<usize>> = atlas
            .municipalities
            .keys()
            .map(|m| value(m).map(class))
            .collect();
        // The palette spread over fewer classes when there are fewer: first and last stay.
        let colour = |i: usize| match bounds.len() {
            0 | 1 => PALETTE[CLASSES / 2],
            n => PALETTE[(i * (CLASSES - 1) + (n - 1) / 2) / (n - 1)],
        };
        let mut classes: Vec<Class> = (0..bounds.len())
            .map(|i| Class {
                colour: colour(i),
                min: f64::INFINITY,
                max: f64::NEG_INFINITY,
                municipalities: 0,
            })
            .collect();
        for (m, c) in class_of_municipality.iter_enumerated() {
            if let (Some(c), Some(v)) = (c, value(m)) {
                let k = &mut classes[*c];
                k.min = k.min.min(v);
                k.max = k.max.max(v);
                k.municipalities += 1;
            }
        }
        let whole = sorted.iter().all(|v| v.fract() == 0.0);
        Choropleth {
            name: choice.indicator.name.clone(),
            how: choice.how,
            classes,
            class_of_municipality,
            decimals: if whole { 0 } else { 1 },
        }
    }

    /// The colour of a municipality: its class's, or [`NO_DATA`].
    pub fn municipality_colour(&self, m: MunicipalityId) -> [u8; 3] {
        self.class_of_municipality
            .get(m)
            .copied()
            .flatten()
            .and_then(|c| self.classes.get(c))
            .map_or(NO_DATA, |c| c.colour)
    }

    /// The colour of a cell of the atlas: its municipality's.
    pub fn cell_colour(&self, atlas: &Atlas, cell: CellId) -> [u8; 3] {
        atlas
            .cells
            .get(cell)
            .map_or(NO_DATA, |c| self.municipality_colour(c.muni))
    }

    /// The class of a municipality (0 is the lowest), None without a value.
    pub fn class_of(&self, m: MunicipalityId) -> Option<usize> {
        self.class_of_municipality.get(m).copied().flatten()
    }

    fn number(&self, v: f64) -> String {
        if self.decimals == 0 {
            i18n::int(v)
        } else {
            i18n::dec(v, self.decimals)
        }
    }

    /// The legend's title: the column and how the teams' figures are made.
    pub fn title(&self, t: &Texts) -> String {
        format!("{} ({})", self.name, aggregate_text(self.how, t))
    }

    /// The legend: one line per class ("1.234 – 5.678"), then the municipalities without a
    /// value when there are any.
    pub fn legend(&self, t: &Texts) -> Vec<LegendEntry> {
        let mut out: Vec<LegendEntry> = self
            .classes
            .iter()
            .map(|c| LegendEntry {
                colour: c.colour,
                text: if c.min == c.max {
                    self.number(c.min)
                } else {
                    format!("{} – {}", self.number(c.min), self.number(c.max))
                },
            })
            .collect();
        if self.class_of_municipality.iter().any(Option::is_none) {
            out.push(LegendEntry {
                colour: NO_DATA,
                text: t.no_data.to_string(),
            });
        }
        out
    }

    /// The legend over the map, in its lower right corner.
    pub fn legend_ui(&self, ui: &egui::Ui, map: egui::Rect, t: &Texts) {
        let title = self.title(t);
        let entries = self.legend(t);
        egui::Area::new(egui::Id::unique("indicator_legend"))
            .pivot(egui::Align2::RIGHT_BOTTOM)
            .fixed_pos(map.right_bottom() + egui::vec2(-8.0, -24.0))
            .interactable(false)
            .show(ui.ctx(), |ui| {
                egui::Frame::popup(ui.style()).show(ui, |ui| {
                    ui.label(egui::RichText::new(title).strong());
                    for e in entries {
                        ui.horizontal(|ui| {
                            let [r, g, b] = e.colour;
                            let (rect, _) = ui
                                .allocate_exact_size(egui::Vec2::splat(14.0), egui::Sense::hover());
                            ui.painter()
                                .rect_filled(rect, 2.0, Color32::from_rgb(r, g, b));
                            ui.painter().rect_stroke(
                                rect,
                                2.0,
                                egui::Stroke::new(1.0, Color32::from_gray(40)),
                                egui::StrokeKind::Inside,
                            );
                            ui.label(e.text);
                        });
                    }
                });
            });
    }

    /// The legend written into an SVG at (x, y), scaled by `k` (1 at 1920 pixels wide).
    /// Returns the height it takes.
    pub fn write_svg_legend(&self, o: &mut String, x: f64, y: f64, k: f64, t: &Texts) -> f64 {
        let esc = |s: &str| {
            crate::export::text::visible(s)
                .replace('&', "&amp;")
                .replace('<', "&lt;")
                .replace('>', "&gt;")
        };
        let row_h = 30.0 * k;
        let mut ly = y;
        // The column, and below it how the teams' figures are made: on one line they would
        // run past the page.
        let _ = write!(
            o,
            r##"<text x="{x:.1}" y="{:.1}" font-size="{:.1}" fill="#111111">{}</text><text x="{x:.1}" y="{:.1}" font-size="{:.1}" fill="#444444">{}</text>"##,
            ly + 20.0 * k,
            22.0 * k,
            esc(&crate::export::text::shorten(&self.name, 32)),
            ly + 44.0 * k,
            16.0 * k,
            esc(&crate::export::text::shorten(
                aggregate_text(self.how, t),
                44
            ))
        );
        ly += row_h + 28.0 * k;
        for e in self.legend(t) {
            let _ = write!(
                o,
                r##"<rect x="{x:.1}" y="{ly:.1}" width="{0:.1}" height="{0:.1}" fill="{1}" stroke="#222222" stroke-width="{2:.1}"/><text x="{3:.1}" y="{4:.1}" font-size="{5:.1}" fill="#111111">{6}</text>"##,
                22.0 * k,
                crate::data::scenario_file::colour_hex(e.colour),
                1.0 * k,
                x + 32.0 * k,
                ly + 17.0 * k,
                19.0 * k,
                esc(&e.text)
            );
            ly += row_h;
        }
        ly - y
    }

    /// The height [`Self::write_svg_legend`] takes.
    pub fn svg_legend_height(&self, k: f64) -> f64 {
        let rows = self.classes.len() + usize::from(self.class_of_municipality.contains(&None));
        58.0 * k + 30.0 * k * rows as f64
    }
}

/// How the teams' figures are made, for the user.
pub fn aggregate_text(how: Aggregate, t: &Texts) -> &'static str {
    match how {
        Aggregate::Sum => t.aggregate_sum,
        Aggregate::MeanByPopulation => t.aggregate_by_population,
        Aggregate::MeanByChildren => t.aggregate_by_children,
    }
}

/// A team's figure as the team list, the exports and `check` show it: whole for a sum, one
/// decimal for a mean.
pub fn team_value_text(how: Aggregate, v: Option<f64>, t: &Texts) -> String {
    match v {
        None => t.no_data.to_string(),
        Some(v) if how.is_sum() => i18n::int(v),
        Some(v) => i18n::dec(v, 1),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quantiles_give_each_class_as_many_values() {
        let v: Vec<f64> = (1..=10).map(f64::from).collect();
        assert_eq!(quantile_bounds(&v, 5), vec![1.0, 3.0, 5.0, 7.0, 9.0]);
    }

    #[test]
    fn repeated_values_make_fewer_classes() {
        let v = [0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 2.0, 5.0, 9.0];
        assert_eq!(quantile_bounds(&v, 5), vec![0.0, 5.0]);
    }
}
