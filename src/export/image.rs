//! The map as an image for slides: title, team areas, borders, zone names, legend, scale bar,
//! date and the data attribution. Written as SVG; the PNG is that SVG rendered on the CPU.

use std::fmt::Write as _;

use egui::Color32;

use crate::document::Document;
use crate::i18n::{self, ATTRIBUTIONS, Lang};
use crate::map::layer::{
    self, ImageFromMerc, LAYERS, LegendEntry, MapLayer, Scene, SvgFrame, SvgLabel, Swatch,
};
use crate::model::geom::{self, BBox};
use crate::model::ids::{CellId, TeamId, TiSlice, TiVec, ZoneId};
use crate::model::metrics::BudgetModel;
use crate::model::region::{Region, unit_region};
use crate::style;

/// What `--layers` may name besides the map layers: the per-team figures beside the legend.
pub const TABLE: &str = "table";

/// Parse a comma-separated list of layer names: the keys of the map layers an export may
/// leave out (`map::layer::LAYERS`), their short names (`labels`, `municipalities`,
/// `provinces`), and `table`.
pub fn parse_layers(s: &str) -> Result<Vec<&'static str>, String> {
    s.split(',')
        .map(str::trim)
        .filter(|n| !n.is_empty())
        .map(|n| {
            known_layers()
                .find(|(name, _)| *name == n)
                .map(|(_, key)| key)
                .ok_or_else(|| {
                    let known: Vec<&str> = known_layers().map(|(n, _)| n).collect();
                    format!("unknown layer '{n}' (known: {})", known.join(", "))
                })
        })
        .collect()
}

/// The names `--layers` takes, each with the key it stands for.
fn known_layers() -> impl Iterator<Item = (&'static str, &'static str)> {
    let short = [
        ("labels", layer::labels::KEY),
        ("municipalities", layer::borders::MUNICIPALITY_KEY),
        ("provinces", layer::borders::PROVINCE_KEY),
    ];
    short
        .into_iter()
        .chain(
            LAYERS
                .iter()
                .filter(|l| l.optional_in_export())
                .map(|l| (l.key(), l.key())),
        )
        .chain(std::iter::once((TABLE, TABLE)))
}

#[derive(Clone, Debug)]
pub struct ImageOptions {
    pub width: u32,
    /// The optional layers to draw (keys of `map::layer::LAYERS`) and `TABLE`; the team map
    /// itself is always drawn.
    pub layers: Vec<&'static str>,
    pub lang: Lang,
    pub budget_model: BudgetModel,
    /// Date printed on the image (e.g. 23-11-2026).
    pub date: String,
    /// The part of the map to fit (Mercator), in place of all of Flanders and Brussels: what
    /// lies outside is cut off, and the legend lists the teams seen in it.
    pub bbox: Option<BBox>,
    /// Only the zones of this IROJ region, fitted, and the teams seen in it.
    pub region: Option<Region>,
    /// The shape of the page.
    pub page: Page,
}

/// The shape of the page an image is made for.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Page {
    /// A 16:9 slide.
    #[default]
    Slide,
    /// A4 landscape, for paper.
    A4,
}

impl Page {
    /// Width over height.
    pub fn aspect(self) -> f64 {
        match self {
            Page::Slide => 16.0 / 9.0,
            Page::A4 => 297.0 / 210.0,
        }
    }

    /// `slide` (or `16:9`) and `a4`, as `--page` takes them.
    pub fn parse(s: &str) -> Option<Page> {
        match s.trim().to_ascii_lowercase().as_str() {
            "slide" | "16:9" => Some(Page::Slide),
            "a4" => Some(Page::A4),
            _ => None,
        }
    }
}

impl ImageOptions {
    pub fn new(width: u32, layers: Vec<&'static str>, lang: Lang) -> Self {
        let iso = crate::data::scenario_file::now_iso();
        // dd-mm-yyyy from the ISO date.
        let date = format!("{}-{}-{}", &iso[8..10], &iso[5..7], &iso[0..4]);
        ImageOptions {
            width,
            layers,
            lang,
            budget_model: BudgetModel::Flat,
            date,
            bbox: None,
            region: None,
            page: Page::Slide,
        }
    }

    fn has(&self, key: &str) -> bool {
        self.layers.contains(&key)
    }

    /// Whether a map layer is drawn.
    fn draws(&self, layer: &dyn MapLayer) -> bool {
        !layer.optional_in_export() || self.has(layer.key())
    }
}

/// Text for SVG: control characters made visible (XML does not allow them), markup escaped.
pub(crate) fn esc(s: &str) -> String {
    super::text::visible(s)
        .replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

fn hex(c: [u8; 3]) -> String {
    style::hex(style::rgb(c))
}

/// The type size of the legend's rows on a 1920 wide image.
const LEGEND_SIZE: f64 = 19.0;

/// Longest title on an image, in characters (a longer one ends in an ellipsis).
const TITLE_CHARS: usize = 80;
/// Longest team name in the legend, alone or followed by the team's numbers.
const LEGEND_NAME_CHARS: usize = 36;
const TABLE_NAME_CHARS: usize = 28;

/// How many teams the legend lists, and how many it leaves out for want of room.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct LegendRows {
    pub shown: usize,
    pub left_out: usize,
}

/// The legend's rows for `teams` teams in a column `room` high: all of them when they fit
/// (or when there are few: a small image still lists a handful), else as many as fit with one
/// row kept for the note on the rest.
pub fn legend_rows(teams: usize, room: f64, row_h: f64, k: f64) -> LegendRows {
    // Heading, the "no team" row and a margin take three rows' room.
    let fit = (((room - 60.0 * k) / row_h).floor().max(0.0) as usize)
        .saturating_sub(3)
        .max(8);
    if teams <= fit {
        LegendRows {
            shown: teams,
            left_out: 0,
        }
    } else {
        LegendRows {
            shown: fit - 1,
            left_out: teams - (fit - 1),
        }
    }
}

/// A "nice" scale bar length in km for about `target_km`.
fn nice_km(target_km: f64) -> f64 {
    let mut best = 1.0;
    for v in [1.0, 2.0, 5.0, 10.0, 20.0, 25.0, 50.0, 100.0, 200.0] {
        if v <= target_km {
            best = v;
        }
    }
    best
}

/// Where the parts of an image go: the page, the title above, the legend column on the
/// right, the footer below, and the map fitted exactly into the rest.
struct Layout {
    w: f64,
    h: f64,
    k: f64,
    margin: f64,
    title_h: f64,
    legend_w: f64,
    /// The room for the map: x, y, width, height.
    area: [f64; 4],
    /// Points of the image per unit of Mercator.
    scale: f64,
    image_from_merc: ImageFromMerc,
}

impl Layout {
    /// `widest`: the widest row of the legend at the legend's type size on a 1920 wide
    /// image; the column is as wide as that and the swatch, within bounds.
    fn new(opts: &ImageOptions, bbox: BBox, attributions: usize, widest: f64) -> Layout {
        let w = f64::from(opts.width.max(400));
        let k = w / 1920.0;
        let h = (w / opts.page.aspect()).round();
        let margin = 30.0 * k;
        let title_h = 70.0 * k;
        let most = if opts.has(TABLE) { 720.0 } else { 420.0 };
        let legend_w = (widest + 40.0).clamp(240.0, most) * k;
        let footer_h = 40.0 * k + 22.0 * k * attributions as f64;
        let area = [
            margin,
            margin + title_h,
            w - 3.0 * margin - legend_w,
            h - title_h - footer_h - 2.0 * margin,
        ];
        let scale = (area[2] / bbox.width().max(1e-12)).min(area[3] / bbox.height().max(1e-12));
        // Centred in its room.
        let offset = (
            area[0] + 0.5 * (area[2] - bbox.width() * scale),
            area[1] + 0.5 * (area[3] - bbox.height() * scale),
        );
        Layout {
            w,
            h,
            k,
            margin,
            title_h,
            legend_w,
            area,
            scale,
            image_from_merc: ImageFromMerc {
                origin: bbox.min,
                scale,
                offset,
            },
        }
    }

    /// The Mercator point under an image point.
    fn merc_at(&self, (x, y): (f64, f64)) -> geom::Merc {
        let f = &self.image_from_merc;
        [
            f.origin[0] + (x - f.offset.0) / f.scale,
            f.origin[1] + (y - f.offset.1) / f.scale,
        ]
    }

    /// Whether a name's box lies inside the map's room.
    fn holds(&self, l: &SvgLabel) -> bool {
        let half_w = 0.5 * text_width(&l.text, l.size) + 3.0 * self.k;
        let (x, y) = l.at;
        let [x0, y0, aw, ah] = self.area;
        x - half_w >= x0
            && y - 0.6 * l.size >= y0
            && x + half_w <= x0 + aw
            && y + 0.6 * l.size <= y0 + ah
    }
}

/// The cells an image shows: those of its region, or all.
fn shown_cells(doc: &Document, region: Option<Region>) -> Option<TiVec<CellId, bool>> {
    let atlas = &doc.data.atlas;
    let region = region?;
    let units: TiVec<ZoneId, bool> = atlas
        .units
        .keys()
        .map(|u| unit_region(atlas, u) == Some(region))
        .collect();
    Some(atlas.cells.iter().map(|c| units[c.unit]).collect())
}

/// The map as an SVG document: on a page of the shape asked for (16:9 or A4 landscape), the
/// map fitted exactly into the room the title, the legend and the footer leave.
pub fn render_svg(doc: &Document, opts: &ImageOptions) -> String {
    let t = i18n::texts(opts.lang);
    let atlas = &doc.data.atlas;
    let s = &doc.scenario;
    let shown = shown_cells(doc, opts.region);
    let region_bbox = opts
        .region
        .and_then(|r| crate::model::region::region_bbox(atlas, r));
    let bbox: BBox = opts.bbox.or(region_bbox).unwrap_or(atlas.bbox);
    // Teams with a cell in the part shown (all of them on the whole map).
    let seen: Vec<TeamId> = s
        .teams
        .keys()
        .filter(|&ti| {
            let mut cells = doc.metrics.teams[ti].components.iter().flatten();
            match (&shown, opts.bbox) {
                (Some(shown), _) => cells.any(|&c| shown[c]),
                (None, Some(b)) => cells.any(|&c| atlas.cells[c].bbox.intersects(&b)),
                (None, None) => true,
            }
        })
        .collect();
    // No base map on an exported image: its attribution is left out.
    let attributions: Vec<&str> = ATTRIBUTIONS
        .iter()
        .copied()
        .filter(|a| !a.contains("OpenStreetMap"))
        .collect();
    let widest = seen
        .iter()
        .map(|&ti| text_width(&legend_text(doc, opts, ti, t), LEGEND_SIZE))
        .fold(0.0, f64::max);
    let lay = Layout::new(opts, bbox, attributions.len(), widest);
    let k = lay.k;
    let cell_team = s.cell_teams(atlas);
    let hatch = crate::map::layer::hatching::cell_hatching(atlas, &doc.metrics, None);
    let fills: TiVec<CellId, Color32> = vec![Color32::TRANSPARENT; atlas.cells.len()].into();
    // The indicator picked for the scenario, drawn in place of the team colours.
    let choropleth = doc
        .indicator
        .as_ref()
        .filter(|c| c.on_map)
        .map(|c| crate::map::choropleth::Choropleth::new(atlas, c));
    let scene = Scene {
        atlas,
        overlays: doc.data.overlays(),
        teams: &s.teams,
        cell_team: &cell_team,
        cell_fill: &fills,
        hatch: &hatch,
        team_arcs: &[],
        selected: TiSlice::from_ref(&[]),
        reference: None,
        texts: t,
        high_contrast: false,
        choropleth: choropleth.as_ref(),
    };
    let (w, h) = (lay.w, lay.h);
    let mut o = String::with_capacity(4 << 20);
    let _ = write!(
        o,
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="{w:.0}" height="{h:.0}" viewBox="0 0 {w:.0} {h:.0}" font-family="Ubuntu, sans-serif">"#
    );
    let _ = write!(o, r##"<rect width="100%" height="100%" fill="#ffffff"/>"##);
    // Title.
    let _ = write!(
        o,
        r##"<text x="{:.1}" y="{:.1}" font-size="{:.1}" fill="#111111">{}</text>"##,
        lay.margin,
        lay.margin + 40.0 * k,
        38.0 * k,
        esc(&super::text::shorten(
            &crate::i18n::scenario_ui::title(s, crate::i18n::texts(opts.lang)),
            TITLE_CHARS
        ))
    );
    let left_out = map_svg(&mut o, &scene, opts, &lay, shown.as_deref());
    legend_svg(&mut o, doc, opts, &lay, &scene, &seen);
    footer_svg(&mut o, opts, &lay, bbox, &attributions, left_out);
    o.push_str("</svg>");
    o
}

/// The map: every layer drawn, bottom to top, cut to the region's cells (or to the map's room
/// when it shows a part), then every name placed at once. Returns how many names were left
/// out for want of room.
fn map_svg(
    o: &mut String,
    scene: &Scene,
    opts: &ImageOptions,
    lay: &Layout,
    shown: Option<&TiSlice<CellId, bool>>,
) -> usize {
    let [x0, y0, aw, ah] = lay.area;
    let cut = shown.is_some() || opts.bbox.is_some();
    let mut frame = SvgFrame {
        out: o,
        image_from_merc: lay.image_from_merc,
        k: lay.k,
        labels: Vec::new(),
    };
    if let Some(shown) = shown {
        let mut d = String::new();
        for (c, _) in scene.atlas.cells.iter().zip(shown).filter(|(_, on)| **on) {
            d.push_str(&frame.polygon_path(&c.polygons));
        }
        let _ = write!(
            frame.out,
            r#"<clipPath id="map"><path d="{d}" clip-rule="evenodd"/></clipPath>"#
        );
    } else if cut {
        let _ = write!(
            frame.out,
            r#"<clipPath id="map"><rect x="{x0:.1}" y="{y0:.1}" width="{aw:.1}" height="{ah:.1}"/></clipPath>"#
        );
    }
    frame.out.push_str(if cut {
        r#"<g clip-path="url(#map)">"#
    } else {
        "<g>"
    });
    for layer in LAYERS.iter().filter(|l| opts.draws(**l)) {
        layer.svg(scene, &mut frame);
    }
    let mut labels = std::mem::take(&mut frame.labels);
    // A name that does not fit inside the map's room is left out, and on a region, a name
    // outside it.
    labels.retain(|(_, l)| lay.holds(l));
    if let Some(shown) = shown {
        labels.retain(|(_, l)| {
            scene
                .atlas
                .cell_at(lay.merc_at(l.at))
                .is_some_and(|c| shown[c])
        });
    }
    let left_out = place_svg_labels(o, labels, lay.k);
    o.push_str("</g>");
    left_out
}

/// The legend (and the table) in the column on the right.
fn legend_svg(
    o: &mut String,
    doc: &Document,
    opts: &ImageOptions,
    lay: &Layout,
    scene: &Scene,
    seen: &[TeamId],
) {
    let t = scene.texts;
    let k = lay.k;
    let s = &doc.scenario;
    let row_h = 34.0 * k;
    let entries: Vec<LegendEntry> = LAYERS
        .iter()
        .filter(|l| opts.draws(**l))
        .flat_map(|l| l.legend(scene))
        .collect();
    // The legend is as tall as the map's room at most: with more teams than fit, the last row
    // says how many are left out. The image's size follows the page, not the number of teams.
    let choropleth_h = scene.choropleth.map_or(0.0, |c| c.svg_legend_height(k));
    let rows = legend_rows(
        seen.len() + entries.len(),
        lay.area[3] - choropleth_h,
        row_h,
        k,
    );
    // The layers' entries (hatching, overlays) are always listed; the teams take the rest.
    let rows = LegendRows {
        shown: rows.shown.saturating_sub(entries.len()),
        left_out: rows.left_out,
    };
    let lx = lay.w - lay.margin - lay.legend_w;
    let mut ly = lay.margin + lay.title_h + 10.0 * k;
    let _ = write!(
        o,
        r##"<text x="{lx:.1}" y="{ly:.1}" font-size="{:.1}" fill="#111111">{}</text>"##,
        26.0 * k,
        esc(t.teams)
    );
    ly += 20.0 * k;
    // A row too long for the column is written smaller.
    let room = lay.legend_w - 32.0 * k;
    let row = |o: &mut String, ly: f64, text: &str| {
        let size =
            (LEGEND_SIZE * k).min(LEGEND_SIZE * k * room / text_width(text, LEGEND_SIZE * k));
        let _ = write!(
            o,
            r##"<text x="{:.1}" y="{:.1}" font-size="{size:.1}" fill="#111111">{text}</text>"##,
            lx + 32.0 * k,
            ly + 17.0 * k,
        );
    };
    for &ti in seen.iter().take(rows.shown) {
        let team = &s.teams[ti];
        let _ = write!(
            o,
            r##"<rect x="{lx:.1}" y="{ly:.1}" width="{0:.1}" height="{0:.1}" fill="{1}" fill-opacity="0.8" stroke="#222222" stroke-width="{2:.1}"/>"##,
            22.0 * k,
            hex(team.colour),
            1.0 * k
        );
        row(o, ly, &legend_text(doc, opts, ti, t));
        ly += row_h;
    }
    if rows.left_out > 0 {
        row(o, ly, &esc(&i18n::more_teams(rows.left_out, t)));
        ly += row_h;
    }
    for e in &entries {
        legend_swatch(o, e.swatch, lx, ly, 22.0 * k, k);
        row(
            o,
            ly,
            &esc(&super::text::shorten(&e.text, LEGEND_NAME_CHARS + 20)),
        );
        ly += row_h;
    }
    if let Some(c) = scene.choropleth {
        c.write_svg_legend(o, lx, ly + 10.0 * k, k, t);
    }
}

/// A team's row of the legend, escaped for SVG: its name, and with the table its zones,
/// children 0-17, budget and EUR per child (and the indicator's figure, and a note when it
/// is not contiguous).
fn legend_text(doc: &Document, opts: &ImageOptions, ti: TeamId, t: &i18n::Texts) -> String {
    let team = &doc.scenario.teams[ti];
    let st = &doc.metrics.teams[ti];
    let name_chars = if opts.has(TABLE) {
        TABLE_NAME_CHARS
    } else {
        LEGEND_NAME_CHARS
    };
    let mut text = esc(&super::text::shorten(&team.name, name_chars));
    if !opts.has(TABLE) {
        return text;
    }
    let budget = st.budget(opts.budget_model);
    let (children, per_child) = i18n::meetings::children_and_per_child(st, budget, t);
    let _ = write!(
        text,
        " · {} ELZ · {} · {}",
        st.units.len(),
        esc(&children),
        i18n::eur(budget)
    );
    if let Some(p) = per_child {
        let _ = write!(text, " · {}", esc(&p));
    }
    if let (Some(c), Some(values)) = (&doc.indicator, doc.indicator_per_team()) {
        let v = values.get(ti).copied().flatten();
        let _ = write!(
            text,
            " · {}: {}",
            esc(&super::text::shorten(&c.indicator.name, 12)),
            crate::map::choropleth::team_value_text(c.how, v, t)
        );
    }
    if !st.is_contiguous() && !st.units.is_empty() {
        let _ = write!(
            text,
            " · {} ({} {})",
            t.not_contiguous,
            st.components.len(),
            t.parts
        );
    }
    text
}

/// The footer: the scale bar, the note on the names left out, the date and the attribution.
fn footer_svg(
    o: &mut String,
    opts: &ImageOptions,
    lay: &Layout,
    bbox: BBox,
    attributions: &[&str],
    labels_left_out: usize,
) {
    let t = i18n::texts(opts.lang);
    let (k, margin) = (lay.k, lay.margin);
    let fy = lay.area[1] + lay.area[3] + 20.0 * k;
    let (_, lat) = geom::from_merc(bbox.center());
    let metres_per_px = 40_075_016.686 * lat.to_radians().cos() / lay.scale;
    let km = nice_km(lay.area[2] * 0.2 * metres_per_px / 1000.0);
    let bar = km * 1000.0 / metres_per_px;
    let _ = write!(
        o,
        r##"<rect x="{margin:.1}" y="{fy:.1}" width="{bar:.1}" height="{:.1}" fill="#111111"/><text x="{:.1}" y="{:.1}" font-size="{:.1}" fill="#111111">{} km</text>"##,
        6.0 * k,
        margin + bar + 10.0 * k,
        fy + 8.0 * k,
        18.0 * k,
        km
    );
    if labels_left_out > 0 {
        let _ = write!(
            o,
            r##"<text x="{:.1}" y="{:.1}" font-size="{:.1}" text-anchor="middle" fill="#444444">{}</text>"##,
            lay.area[0] + 0.5 * lay.area[2],
            fy + 8.0 * k,
            16.0 * k,
            esc(&i18n::meetings::labels_left_out(labels_left_out, t))
        );
    }
    let _ = write!(
        o,
        r##"<text x="{:.1}" y="{:.1}" font-size="{:.1}" text-anchor="end" fill="#111111">{}</text>"##,
        lay.w - margin,
        fy + 8.0 * k,
        18.0 * k,
        esc(&opts.date)
    );
    let mut ay = fy + 36.0 * k;
    for a in attributions {
        let _ = write!(
            o,
            r##"<text x="{margin:.1}" y="{ay:.1}" font-size="{:.1}" fill="#444444">{}</text>"##,
            13.0 * k,
            esc(a)
        );
        ay += 22.0 * k;
    }
}

/// A legend swatch `size` square at (x, y).
fn legend_swatch(o: &mut String, swatch: Swatch, x: f64, y: f64, size: f64, k: f64) {
    let edge = format!(r##"stroke="#222222" stroke-width="{:.1}""##, 1.0 * k);
    let _ = match swatch {
        Swatch::Fill(c) => write!(
            o,
            r#"<rect x="{x:.1}" y="{y:.1}" width="{size:.1}" height="{size:.1}" fill="{}" {edge}/>"#,
            style::hex(c)
        ),
        Swatch::Hatch(c) => {
            // Diagonals from the lower left to the upper right, inside the square.
            let mut d = String::new();
            for f in [1.0 / 3.0, 2.0 / 3.0, 1.0] {
                let _ = write!(d, "M{x:.1} {:.1}L{:.1} {y:.1}", y + size * f, x + size * f);
            }
            for f in [1.0 / 3.0, 2.0 / 3.0] {
                let _ = write!(
                    d,
                    "M{:.1} {:.1}L{:.1} {:.1}",
                    x + size * f,
                    y + size,
                    x + size,
                    y + size * f
                );
            }
            write!(
                o,
                r#"<rect x="{x:.1}" y="{y:.1}" width="{size:.1}" height="{size:.1}" fill="none" stroke="{0}" stroke-width="{1:.1}"/><path d="{d}" stroke="{0}" stroke-width="{1:.1}"/>"#,
                style::hex(c),
                1.5 * k
            )
        }
        Swatch::Line(line) => write!(
            o,
            r#"<path d="M{x:.1} {:.1}L{:.1} {:.1}" {}/>"#,
            y + size / 2.0,
            x + size,
            y + size / 2.0,
            line.svg(k)
        ),
        Swatch::Marker(c) => write!(
            o,
            r#"<circle cx="{:.1}" cy="{:.1}" r="{:.1}" fill="{}" {edge}/>"#,
            x + size / 2.0,
            y + size / 2.0,
            size / 2.5,
            style::hex(c)
        ),
    };
}

/// Write the names in order of priority, each in a white box, leaving out a name whose box
/// would overlap one written before it: the placement the window uses.
fn place_svg_labels(o: &mut String, mut labels: Vec<(u8, SvgLabel)>, k: f64) -> usize {
    labels.sort_by_key(|(p, _)| *p);
    let mut placed: Vec<[f64; 4]> = Vec::new();
    let mut left_out = 0;
    for (_, l) in labels {
        let (x, y) = l.at;
        let half_w = 0.5 * text_width(&l.text, l.size) + 3.0 * k;
        let b = [x - half_w, y - 0.6 * l.size, x + half_w, y + 0.6 * l.size];
        if placed
            .iter()
            .any(|p| b[0] < p[2] && p[0] < b[2] && b[1] < p[3] && p[1] < b[3])
        {
            left_out += 1;
            continue;
        }
        placed.push(b);
        let colour = style::hex(l.colour);
        let edge = if l.outlined {
            format!(r#" stroke="{colour}" stroke-width="{:.1}""#, 1.0 * k)
        } else {
            String::new()
        };
        // A white box behind the name, as in the app: readable on any fill, and drawn the
        // same by every SVG viewer.
        let _ = write!(
            o,
            r##"<rect x="{:.1}" y="{:.1}" width="{:.1}" height="{:.1}" rx="{:.1}" fill="#ffffff" fill-opacity="0.85"{edge}/><text x="{x:.1}" y="{y:.1}" font-size="{:.1}" text-anchor="middle" dominant-baseline="middle" fill="{colour}">{}</text>"##,
            b[0],
            b[1],
            b[2] - b[0],
            b[3] - b[1],
            3.0 * k,
            l.size,
            esc(&l.text)
        );
    }
    left_out
}

/// The width of a line of text in the built-in font (the one the image is rendered with), so
/// that a name's white box fits it and names are kept apart by their real size.
pub fn text_width(text: &str, size: f64) -> f64 {
    let Ok(face) = ttf_parser::Face::parse(epaint_default_fonts::UBUNTU_LIGHT, 0) else {
        // The built-in font always parses; an estimate keeps the image usable regardless.
        return 0.55 * size * text.chars().count() as f64;
    };
    let advance: f64 = text
        .chars()
        .map(|c| {
            face.glyph_index(c)
                .and_then(|g| face.glyph_hor_advance(g))
                .map_or(0.55 * face.units_per_em() as f64, f64::from)
        })
        .sum();
    advance * size / face.units_per_em() as f64
}

/// Turns the SVG drawing of the map into the bytes of a file format.
pub type Render = fn(&str) -> Result<Vec<u8>, String>;

/// Read our own SVG document with the built-in font, for rendering.
pub(crate) fn parse_svg(svg: &str) -> Result<resvg::usvg::Tree, String> {
    let mut opt = resvg::usvg::Options {
        font_family: "Ubuntu".into(),
        ..Default::default()
    };
    opt.fontdb_mut()
        .load_font_data(epaint_default_fonts::UBUNTU_LIGHT.to_vec());
    resvg::usvg::Tree::from_str(svg, &opt).map_err(|e| e.to_string())
}

/// Render an SVG document to PNG bytes with the built-in font.
pub fn render_png(svg: &str) -> Result<Vec<u8>, String> {
    let tree = parse_svg(svg)?;
    let size = tree.size().to_int_size();
    let mut pixmap = resvg::tiny_skia::Pixmap::new(size.width(), size.height())
        .ok_or_else(|| "the image is too large".to_string())?;
    resvg::render(
        &tree,
        resvg::tiny_skia::Transform::default(),
        &mut pixmap.as_mut(),
    );
    pixmap.encode_png().map_err(|e| e.to_string())
}

/// The width of a landscape A4 page in PDF points (297 mm).
pub const A4_LANDSCAPE_WIDTH_PT: f32 = 841.89;

/// Convert an SVG document to a one-page PDF as wide as a landscape A4 page: shapes stay
/// vectors and the text stays text (the built-in font embedded, only the letters used), so it
/// prints sharp at any size and its names can be searched.
pub fn render_pdf(svg: &str) -> Result<Vec<u8>, String> {
    let tree = parse_svg(svg)?;
    let dpi = 72.0 * tree.size().width() / A4_LANDSCAPE_WIDTH_PT;
    svg2pdf::to_pdf(
        &tree,
        svg2pdf::ConversionOptions::default(),
        svg2pdf::PageOptions { dpi },
    )
    .map_err(|e| e.to_string())
}

/// Decode a PNG into (width, height, RGBA bytes); used to check exports.
pub fn decode_png(bytes: &[u8]) -> Result<(u32, u32, Vec<u8>), String> {
    let p = resvg::tiny_skia::Pixmap::decode_png(bytes).map_err(|e| e.to_string())?;
    Ok((p.width(), p.height(), p.data().to_vec()))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A name's box is as wide as the name drawn in the built-in font: measured here as egui
    /// lays the same font out, for capitals (that an average width underestimates) and for
    /// lower case (that it overestimates).
    #[test]
    fn name_boxes_fit_the_names() {
        let ctx = crate::test_support::fonts_context();
        for name in [
            "AMALO",
            "Regio Grimbergen",
            "Kortrijk-Kuurne-Harelbeke",
            "ZOLim",
        ] {
            let laid_out = crate::test_support::layout(&ctx, name, 20.0);
            let ours = text_width(name, 20.0);
            let theirs = laid_out.size().x as f64;
            assert!(
                (ours - theirs).abs() < 0.05 * theirs,
                "{name}: {ours:.1} against {theirs:.1}"
            );
        }
    }
}
