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
use crate::model::metrics::BudgetModel;
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
    let legend_w = if opts.has(TABLE) {
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
    let image_from_merc = ImageFromMerc {
        origin: bbox.min,
        scale,
        offset: (margin, margin + title_h),
    };
    let cell_team = s.cell_teams(atlas);
    let hatch = hatching(doc, &cell_team);
    let fills = vec![Color32::TRANSPARENT; atlas.cells.len()];
    // The indicator picked for the scenario, drawn in place of the team colours.
    let choropleth = doc
        .indicator
        .as_ref()
        .filter(|c| c.on_map)
        .map(|c| crate::map::choropleth::Choropleth::new(atlas, c));
    let scene = Scene {
        atlas,
        overlays: &doc.data.overlays,
        teams: &s.teams,
        cell_team: &cell_team,
        cell_fill: &fills,
        hatch: &hatch,
        team_arcs: &[],
        selected: &[],
        reference: None,
        texts: t,
        high_contrast: false,
        choropleth: choropleth.as_ref(),
    };

    let entries: Vec<LegendEntry> = LAYERS
        .iter()
        .filter(|l| opts.draws(**l))
        .flat_map(|l| l.legend(&scene))
        .collect();
    // The legend may fill the height of a 16:9 page beside the map, no more.
    let room = map_h.max(w * 9.0 / 16.0 - title_h - 2.0 * margin - footer_h);
    let choropleth_h = choropleth.as_ref().map_or(0.0, |c| c.svg_legend_height(k));
    let legend_rows = legend_rows(seen.len() + entries.len(), room - choropleth_h, row_h, k);
    // The layers' entries (hatching, overlays) are always listed; the teams take the rest.
    let legend_rows = LegendRows {
        shown: legend_rows.shown.saturating_sub(entries.len()),
        left_out: legend_rows.left_out,
    };
    let legend_h =
        60.0 * k + row_h * ((legend_rows.shown + entries.len()) as f64 + 3.0) + choropleth_h;
    // Slides are 16:9: at least that tall, taller only when the content needs it.
    let h = (title_h + margin + map_h.max(legend_h) + footer_h + margin)
        .max(w * 9.0 / 16.0)
        .ceil();
    let mut o = String::with_capacity(4 << 20);
    let _ = write!(
        o,
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="{w:.0}" height="{h:.0}" viewBox="0 0 {w:.0} {h:.0}" font-family="Ubuntu, sans-serif">"#
    );
    let _ = write!(o, r##"<rect width="100%" height="100%" fill="#ffffff"/>"##);
    if opts.bbox.is_some() {
        let _ = write!(
            o,
            r#"<clipPath id="map"><rect x="{:.1}" y="{:.1}" width="{map_w:.1}" height="{map_h:.1}"/></clipPath>"#,
            margin,
            margin + title_h
        );
    }
    // Title.
    let _ = write!(
        o,
        r##"<text x="{:.1}" y="{:.1}" font-size="{:.1}" fill="#111111">{}</text>"##,
        margin,
        margin + 40.0 * k,
        38.0 * k,
        esc(&super::text::shorten(
            &crate::i18n::scenario_ui::title(s, crate::i18n::texts(opts.lang)),
            TITLE_CHARS
        ))
    );

    // The map, cut to its frame when it shows a part.
    o.push_str(if opts.bbox.is_some() {
        r#"<g clip-path="url(#map)">"#
    } else {
        "<g>"
    });
    // The layers, bottom to top, then every name placed at once.
    let mut frame = SvgFrame {
        out: &mut o,
        image_from_merc,
        k,
        labels: Vec::new(),
    };
    for layer in LAYERS.iter().filter(|l| opts.draws(**l)) {
        layer.svg(&scene, &mut frame);
    }
    let mut labels = std::mem::take(&mut frame.labels);
    if opts.bbox.is_some() {
        // On a part of the map, a name that does not fit inside the frame is left out.
        let (x0, y0) = (margin, margin + title_h);
        labels.retain(|(_, l)| {
            let half_w = 0.5 * text_width(&l.text, l.size) + 3.0 * k;
            let (x, y) = l.at;
            x - half_w >= x0
                && y - 0.6 * l.size >= y0
                && x + half_w <= x0 + map_w
                && y + 0.6 * l.size <= y0 + map_h
        });
    }
    place_svg_labels(&mut o, labels, k);

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
    let name_chars = if opts.has(TABLE) {
        TABLE_NAME_CHARS
    } else {
        LEGEND_NAME_CHARS
    };
    let indicator_values = doc.indicator_per_team();
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
        if opts.has(TABLE) {
            let _ = write!(
                text,
                " · {} ELZ · {} {} · {}",
                st.units.len(),
                i18n::int(st.population),
                esc(&t.population.to_lowercase()),
                i18n::eur(st.budget(opts.budget_model))
            );
            if let (Some(c), Some(values)) = (&doc.indicator, &indicator_values) {
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
    for e in &entries {
        legend_swatch(&mut o, e.swatch, lx, ly, 22.0 * k, k);
        let _ = write!(
            o,
            r##"<text x="{:.1}" y="{:.1}" font-size="{:.1}" fill="#111111">{}</text>"##,
            lx + 32.0 * k,
            ly + 17.0 * k,
            19.0 * k,
            esc(&super::text::shorten(&e.text, LEGEND_NAME_CHARS + 20))
        );
        ly += row_h;
    }
    if let Some(c) = &choropleth {
        c.write_svg_legend(&mut o, lx, ly + 10.0 * k, k, t);
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

/// The hatching of an exported map: cells without a team, and detached parts of a team.
fn hatching(doc: &Document, cell_team: &[Option<usize>]) -> Vec<Option<Color32>> {
    let mut hatch: Vec<Option<Color32>> = cell_team
        .iter()
        .map(|t| t.is_none().then_some(style::HATCH_NO_TEAM))
        .collect();
    for st in &doc.metrics.teams {
        for c in st.components.iter().skip(1).flatten() {
            hatch[*c] = Some(style::HATCH_DETACHED);
        }
    }
    hatch
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
