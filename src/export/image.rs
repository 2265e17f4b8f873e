//! The map as an image for slides: title, team areas, borders, zone names, legend, scale bar,
//! date and the data attribution. Written as SVG; the PNG is that SVG rendered on the CPU.

use std::fmt::Write as _;

use crate::document::Document;
use crate::i18n::{self, ATTRIBUTIONS, Lang};
use crate::model::geom::{self, BBox, Merc};
use crate::model::metrics::BudgetModel;

/// Layers that can be put on an exported image.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Layer {
    /// Zone names.
    Labels,
    /// Municipality borders.
    Municipalities,
    /// The per-team table next to the legend.
    Table,
    /// The historic 2020 team borders and names.
    Historic,
    /// The Proeftuin neighbourhoods.
    Proeftuinen,
}

impl Layer {
    pub const ALL: [(&'static str, Layer); 5] = [
        ("labels", Layer::Labels),
        ("municipalities", Layer::Municipalities),
        ("table", Layer::Table),
        ("historic", Layer::Historic),
        ("proeftuinen", Layer::Proeftuinen),
    ];
}

/// Parse a comma-separated list of layer names.
pub fn parse_layers(s: &str) -> Result<Vec<Layer>, String> {
    s.split(',')
        .map(str::trim)
        .filter(|n| !n.is_empty())
        .map(|n| {
            Layer::ALL
                .iter()
                .find(|(name, _)| *name == n)
                .map(|(_, l)| *l)
                .ok_or_else(|| {
                    let known: Vec<&str> = Layer::ALL.iter().map(|(n, _)| *n).collect();
                    format!("unknown layer '{n}' (known: {})", known.join(", "))
                })
        })
        .collect()
}

#[derive(Clone, Debug)]
pub struct ImageOptions {
    pub width: u32,
    pub layers: Vec<Layer>,
    pub lang: Lang,
    pub budget_model: BudgetModel,
    /// Date printed on the image (e.g. 23-11-2026).
    pub date: String,
    /// The part of the map to fit (Mercator), in place of all of Flanders and Brussels: what
    /// lies outside is cut off, and the legend lists the teams seen in it.
    pub bbox: Option<BBox>,
}

impl ImageOptions {
    pub fn new(width: u32, layers: Vec<Layer>, lang: Lang) -> Self {
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
        }
    }

    fn has(&self, l: Layer) -> bool {
        self.layers.contains(&l)
    }
}

/// Text for SVG: control characters made visible (XML does not allow them), markup escaped.
fn esc(s: &str) -> String {
    super::text::visible(s)
        .replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

fn hex(c: [u8; 3]) -> String {
    crate::data::scenario_file::colour_hex(c)
}

struct Frame {
    origin: Merc,
    scale: f64,
    x0: f64,
    y0: f64,
}

impl Frame {
    fn p(&self, m: Merc) -> (f64, f64) {
        (
            self.x0 + (m[0] - self.origin[0]) * self.scale,
            self.y0 + (m[1] - self.origin[1]) * self.scale,
        )
    }
}

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

/// The map as an SVG document.
#[expect(
    clippy::too_many_lines,
    reason = "over the 120-line limit; still to be split"
)]
pub fn render_svg(doc: &Document, opts: &ImageOptions) -> String {
    let t = i18n::texts(opts.lang);
    let atlas = &doc.data.atlas;
    let s = &doc.scenario;
    let m = &doc.metrics;
    let w = opts.width.max(400) as f64;
    let k = w / 1920.0;
    let margin = 30.0 * k;
    let title_h = 70.0 * k;
    let legend_w = if opts.has(Layer::Table) {
        720.0 * k
    } else {
        420.0 * k
    };
    let bbox: BBox = opts.bbox.unwrap_or(atlas.bbox);
    // Teams with a cell in the part shown (all of them on the whole map).
    let seen: Vec<usize> = (0..s.teams.len())
        .filter(|&ti| {
            opts.bbox.is_none()
                || m.teams[ti]
                    .components
                    .iter()
                    .flatten()
                    .any(|&c| atlas.cells[c].bbox.intersects(&bbox))
        })
        .collect();
    let map_w = w - 3.0 * margin - legend_w;
    let scale = map_w / bbox.width();
    let map_h = bbox.height() * scale;
    let row_h = 34.0 * k;
    // The legend is as tall as the map at most: with more teams than fit, the last row says
    // how many are left out. The image's size follows the page, not the number of teams.
    // No base map on an exported image: its attribution is left out.
    let attributions: Vec<&str> = ATTRIBUTIONS
        .iter()
        .copied()
        .filter(|a| !a.contains("OpenStreetMap"))
        .collect();
    let footer_h = 40.0 * k + 22.0 * k * attributions.len() as f64;
    // The legend may fill the height of a 16:9 page beside the map, no more.
    let room = map_h.max(w * 9.0 / 16.0 - title_h - 2.0 * margin - footer_h);
    let legend_rows = legend_rows(seen.len(), room, row_h, k);
    let legend_h = 60.0 * k + row_h * (legend_rows.shown as f64 + 3.0);
    // Slides are 16:9: at least that tall, taller only when the content needs it.
    let h = (title_h + margin + map_h.max(legend_h) + footer_h + margin)
        .max(w * 9.0 / 16.0)
        .ceil();
    let f = Frame {
        origin: bbox.min,
        scale,
        x0: margin,
        y0: margin + title_h,
    };
    let cell_team = s.cell_teams(atlas);

    let mut o = String::with_capacity(4 << 20);
    let _ = write!(
        o,
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="{w:.0}" height="{h:.0}" viewBox="0 0 {w:.0} {h:.0}" font-family="Ubuntu, sans-serif">"#
    );
    let _ = write!(
        o,
        r##"<defs><pattern id="hatch" width="{0:.1}" height="{0:.1}" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><rect width="{0:.1}" height="{0:.1}" fill="#ffffff"/><line x1="0" y1="0" x2="0" y2="{0:.1}" stroke="#555555" stroke-width="{1:.1}"/></pattern></defs>"##,
        10.0 * k,
        2.5 * k
    );
    let _ = write!(o, r##"<rect width="100%" height="100%" fill="#ffffff"/>"##);
    if opts.bbox.is_some() {
        let _ = write!(
            o,
            r#"<clipPath id="map"><rect x="{:.1}" y="{:.1}" width="{map_w:.1}" height="{map_h:.1}"/></clipPath>"#,
            f.x0, f.y0
        );
    }
    // Title.
    let _ = write!(
        o,
        r##"<text x="{:.1}" y="{:.1}" font-size="{:.1}" fill="#111111">{}</text>"##,
        margin,
        margin + 40.0 * k,
        38.0 * k,
        esc(&super::text::shorten(&s.name, TITLE_CHARS))
    );

    // The map, cut to its frame when it shows a part.
    o.push_str(if opts.bbox.is_some() {
        r#"<g clip-path="url(#map)">"#
    } else {
        "<g>"
    });
    // Fills.
    let path_of = |polys: &[crate::model::topology::LonLatPolygon]| {
        let mut d = String::new();
        for p in polys {
            for r in p {
                for (i, c) in r.iter().enumerate() {
                    let (x, y) = f.p(geom::to_merc(c[0], c[1]));
                    let _ = write!(d, "{}{:.1} {:.1}", if i == 0 { "M" } else { "L" }, x, y);
                }
                d.push('Z');
            }
        }
        d
    };
    for (ci, cell) in atlas.cells.iter().enumerate() {
        if opts.bbox.is_some() && !cell.bbox.intersects(&bbox) {
            continue;
        }
        let fill = match cell_team[ci].and_then(|t| s.teams.get(t)) {
            Some(team) => format!(r#"fill="{}" fill-opacity="0.8""#, hex(team.colour)),
            None => r#"fill="url(#hatch)""#.to_string(),
        };
        let _ = write!(
            o,
            r#"<path d="{}" {fill} fill-rule="evenodd"/>"#,
            path_of(&cell.polygons)
        );
    }

    // Borders.
    let mut muni = String::new();
    let mut zone = String::new();
    let mut team = String::new();
    for arc in &atlas.topology.arcs {
        let l = &atlas.cells[arc.left as usize];
        let (td, ud, md) = match arc.right {
            None => (true, true, true),
            Some(r) => {
                let rc = &atlas.cells[r as usize];
                (
                    cell_team[arc.left as usize] != cell_team[r as usize],
                    l.unit != rc.unit,
                    l.muni != rc.muni,
                )
            }
        };
        let target = if td {
            &mut team
        } else if ud {
            &mut zone
        } else if md && opts.has(Layer::Municipalities) {
            &mut muni
        } else {
            continue;
        };
        for (i, c) in arc.points.iter().enumerate() {
            let (x, y) = f.p(geom::to_merc(c[0], c[1]));
            let _ = write!(
                target,
                "{}{:.1} {:.1}",
                if i == 0 { "M" } else { "L" },
                x,
                y
            );
        }
    }
    for (d, width, colour) in [
        (muni, 0.6 * k, "#666666"),
        (zone, 1.2 * k, "#333333"),
        (team, 3.0 * k, "#111111"),
    ] {
        if !d.is_empty() {
            let _ = write!(
                o,
                r#"<path d="{d}" fill="none" stroke="{colour}" stroke-width="{width:.2}" stroke-linejoin="round"/>"#
            );
        }
    }

    // Overlays.
    {
        let ov = &doc.data.overlays;
        if opts.has(Layer::Historic) {
            let mut d = String::new();
            for &a in &ov.historic.outline {
                let Some(arc) = atlas.topology.arcs.get(a) else {
                    continue;
                };
                for (i, c) in arc.points.iter().enumerate() {
                    let (x, y) = f.p(geom::to_merc(c[0], c[1]));
                    let _ = write!(d, "{}{:.1} {:.1}", if i == 0 { "M" } else { "L" }, x, y);
                }
            }
            let _ = write!(
                o,
                r##"<path d="{d}" fill="none" stroke="#960028" stroke-width="{:.1}" stroke-dasharray="{:.1} {:.1}"/>"##,
                3.5 * k,
                10.0 * k,
                5.0 * k
            );
            for team in &ov.historic.teams {
                let (x, y) = f.p(team.label);
                let _ = write!(
                    o,
                    r##"<text x="{x:.1}" y="{:.1}" font-size="{:.1}" text-anchor="middle" fill="#960028">2020: {}</text>"##,
                    y + 20.0 * k,
                    13.0 * k,
                    esc(&team.name)
                );
            }
        }
        if opts.has(Layer::Proeftuinen) {
            for p in &ov.proeftuinen {
                let d = path_of(&p.polygons);
                if !d.is_empty() {
                    let _ = write!(
                        o,
                        r##"<path d="{d}" fill="#ffc800" fill-opacity="0.5" stroke="#000000" stroke-width="{:.1}"/>"##,
                        2.0 * k
                    );
                }
                let (x, y) = f.p(p.marker);
                if p.marker_only() {
                    let _ = write!(
                        o,
                        r##"<circle cx="{x:.1}" cy="{y:.1}" r="{:.1}" fill="#ffc800" stroke="#000000" stroke-width="{:.1}"/>"##,
                        8.0 * k,
                        2.0 * k
                    );
                }
                let _ = write!(
                    o,
                    r##"<text x="{x:.1}" y="{:.1}" font-size="{:.1}" text-anchor="middle" fill="#000000">{}</text>"##,
                    y - 14.0 * k,
                    13.0 * k,
                    esc(&p.title())
                );
            }
        }
    }

    // Zone names.
    if opts.has(Layer::Labels) {
        // Most populous first; a name that would overlap one already placed is left out.
        let size = 14.0 * k;
        let mut order: Vec<usize> = (0..atlas.units.len()).collect();
        let pop: Vec<f64> = order
            .iter()
            .map(|&u| atlas.unit_population(u).0.unwrap_or(0.0))
            .collect();
        order.sort_by(|&a, &b| pop[b].total_cmp(&pop[a]));
        let mut placed: Vec<[f64; 4]> = Vec::new();
        for u in order.into_iter().map(|u| &atlas.units[u]) {
            let (x, y) = f.p(u.label);
            let half_w = 0.5 * text_width(&u.name, size) + 3.0 * k;
            let b = [x - half_w, y - 0.6 * size, x + half_w, y + 0.6 * size];
            // On a part of the map, a name that does not fit inside the frame is left out.
            if opts.bbox.is_some()
                && (b[0] < f.x0 || b[1] < f.y0 || b[2] > f.x0 + map_w || b[3] > f.y0 + map_h)
            {
                continue;
            }
            if placed
                .iter()
                .any(|p| b[0] < p[2] && p[0] < b[2] && b[1] < p[3] && p[1] < b[3])
            {
                continue;
            }
            placed.push(b);
            // A white box behind the name, as in the app: readable on any fill, and drawn the
            // same by every SVG viewer.
            let _ = write!(
                o,
                r##"<rect x="{:.1}" y="{:.1}" width="{:.1}" height="{:.1}" rx="{:.1}" fill="#ffffff" fill-opacity="0.85"/><text x="{x:.1}" y="{y:.1}" font-size="{size:.1}" text-anchor="middle" dominant-baseline="middle" fill="#111111">{}</text>"##,
                b[0],
                b[1],
                b[2] - b[0],
                b[3] - b[1],
                3.0 * k,
                esc(&u.name)
            );
        }
    }

    o.push_str("</g>");

    // Legend (and table).
    let lx = w - margin - legend_w;
    let mut ly = margin + title_h + 10.0 * k;
    let _ = write!(
        o,
        r##"<text x="{lx:.1}" y="{ly:.1}" font-size="{:.1}" fill="#111111">{}</text>"##,
        26.0 * k,
        esc(t.teams)
    );
    ly += 20.0 * k;
    let name_chars = if opts.has(Layer::Table) {
        TABLE_NAME_CHARS
    } else {
        LEGEND_NAME_CHARS
    };
    for (ti, team) in seen
        .iter()
        .map(|&ti| (ti, &s.teams[ti]))
        .take(legend_rows.shown)
    {
        let st = &m.teams[ti];
        let _ = write!(
            o,
            r##"<rect x="{lx:.1}" y="{ly:.1}" width="{0:.1}" height="{0:.1}" fill="{1}" fill-opacity="0.8" stroke="#222222" stroke-width="{2:.1}"/>"##,
            22.0 * k,
            hex(team.colour),
            1.0 * k
        );
        let mut text = esc(&super::text::shorten(&team.name, name_chars));
        if opts.has(Layer::Table) {
            let _ = write!(
                text,
                " · {} ELZ · {} {} · {}",
                st.units.len(),
                i18n::int(st.population),
                esc(&t.population.to_lowercase()),
                i18n::eur(st.budget(opts.budget_model))
            );
            if !st.is_contiguous() && !st.units.is_empty() {
                let _ = write!(
                    text,
                    " · {} ({} {})",
                    t.not_contiguous,
                    st.components.len(),
                    t.parts
                );
            }
        }
        let _ = write!(
            o,
            r##"<text x="{:.1}" y="{:.1}" font-size="{:.1}" fill="#111111">{text}</text>"##,
            lx + 32.0 * k,
            ly + 17.0 * k,
            19.0 * k
        );
        ly += row_h;
    }
    if legend_rows.left_out > 0 {
        let _ = write!(
            o,
            r##"<text x="{:.1}" y="{:.1}" font-size="{:.1}" fill="#111111">{}</text>"##,
            lx + 32.0 * k,
            ly + 17.0 * k,
            19.0 * k,
            esc(&i18n::more_teams(legend_rows.left_out, t))
        );
        ly += row_h;
    }
    if !m.unassigned_units.is_empty() {
        let _ = write!(
            o,
            r##"<rect x="{lx:.1}" y="{ly:.1}" width="{0:.1}" height="{0:.1}" fill="url(#hatch)" stroke="#222222" stroke-width="{1:.1}"/><text x="{2:.1}" y="{3:.1}" font-size="{4:.1}" fill="#111111">{5} ({6})</text>"##,
            22.0 * k,
            1.0 * k,
            lx + 32.0 * k,
            ly + 17.0 * k,
            19.0 * k,
            esc(t.unassign),
            m.unassigned_units.len()
        );
    }

    // Footer: scale bar, date, attribution.
    let fy = margin + title_h + map_h.max(legend_h) + 20.0 * k;
    let centre = bbox.center();
    let (_, lat) = geom::from_merc(centre);
    let metres_per_px = 40_075_016.686 * lat.to_radians().cos() / scale;
    let km = nice_km(map_w * 0.2 * metres_per_px / 1000.0);
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
    let _ = write!(
        o,
        r##"<text x="{:.1}" y="{:.1}" font-size="{:.1}" text-anchor="end" fill="#111111">{}</text>"##,
        w - margin,
        fy + 8.0 * k,
        18.0 * k,
        esc(&opts.date)
    );
    let mut ay = fy + 36.0 * k;
    for a in &attributions {
        let _ = write!(
            o,
            r##"<text x="{margin:.1}" y="{ay:.1}" font-size="{:.1}" fill="#444444">{}</text>"##,
            13.0 * k,
            esc(a)
        );
        ay += 22.0 * k;
    }
    o.push_str("</svg>");
    o
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
