//! Every colour and line style of the map, its exports and the panels that speak of them, in
//! one place: the window and the SVG export draw a border or an overlay from the same
//! constant, so they cannot drift apart.

use egui::Color32;

/// A line as the map draws it: its width in points at text scale 1 and its colour (alpha
/// included), dashed or not.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Line {
    pub width: f32,
    pub colour: Color32,
    /// Dash and gap lengths, in points at text scale 1.
    pub dash: Option<(f32, f32)>,
}

impl Line {
    pub const fn solid(width: f32, colour: Color32) -> Line {
        Line {
            width,
            colour,
            dash: None,
        }
    }

    pub const fn dashed(width: f32, colour: Color32, dash: f32, gap: f32) -> Line {
        Line {
            width,
            colour,
            dash: Some((dash, gap)),
        }
    }

    /// The SVG attributes of the line at scale `k` (points of the image per point of the map).
    pub fn svg(&self, k: f64) -> String {
        let mut s = format!(
            r#"fill="none" stroke="{}" stroke-width="{:.2}" stroke-linejoin="round""#,
            hex(self.colour),
            f64::from(self.width) * k
        );
        if self.colour.a() < 255 {
            s.push_str(&format!(r#" stroke-opacity="{:.2}""#, opacity(self.colour)));
        }
        if let Some((d, g)) = self.dash {
            s.push_str(&format!(
                r#" stroke-dasharray="{:.1} {:.1}""#,
                f64::from(d) * k,
                f64::from(g) * k
            ));
        }
        s
    }
}

/// `#rrggbb` of a colour (its alpha goes into an opacity attribute).
pub fn hex(c: Color32) -> String {
    let [r, g, b, _] = c.to_srgba_unmultiplied();
    format!("#{r:02x}{g:02x}{b:02x}")
}

/// The opacity of a colour, 0..1.
pub fn opacity(c: Color32) -> f64 {
    f64::from(c.to_srgba_unmultiplied()[3]) / 255.0
}

/// A colour given as the files store it, as red, green and blue.
pub fn rgb(c: [u8; 3]) -> Color32 {
    Color32::from_rgb(c[0], c[1], c[2])
}

// Borders, lowest first: municipality < zone < province < team.
pub const MUNICIPALITY_BORDER: Line =
    Line::solid(0.7, Color32::from_rgba_unmultiplied_const(60, 60, 60, 110));
pub const ZONE_BORDER: Line =
    Line::solid(1.3, Color32::from_rgba_unmultiplied_const(40, 40, 40, 200));
pub const ZONE_BORDER_HIGH_CONTRAST: Line = Line::solid(1.5, Color32::BLACK);
/// Province (IROJ region) borders: wide and translucent, under the team borders.
pub const PROVINCE_BORDER: Line = Line::solid(
    7.0,
    Color32::from_rgba_unmultiplied_const(120, 40, 160, 110),
);
pub const TEAM_BORDER: Line = Line::solid(3.0, Color32::BLACK);
pub const TEAM_BORDER_HIGH_CONTRAST: Line = Line::solid(3.6, Color32::BLACK);

/// Opacity of team fills in an export, and in the window with high contrast.
pub const EXPORT_FILL_OPACITY: f32 = 0.8;
pub const HIGH_CONTRAST_FILL_OPACITY: f32 = 0.9;

/// Dark red: the historic borders stand out from the team borders (black) and fills.
pub const HISTORIC: Color32 = Color32::from_rgb(150, 0, 40);
/// The 2020 team borders, dashed where the area is an estimate.
pub const HISTORIC_BORDER: Line = Line::solid(3.5, HISTORIC);
pub const HISTORIC_BORDER_ESTIMATED: Line = Line::dashed(3.5, HISTORIC, 10.0, 6.0);

pub const PROEFTUIN: Color32 = Color32::from_rgb(255, 200, 0);
/// A Proeftuin's outline: yellow on a black edge, visible on any fill.
pub const PROEFTUIN_EDGE: Line = Line::solid(5.0, Color32::BLACK);
pub const PROEFTUIN_LINE: Line = Line::solid(2.5, PROEFTUIN);
/// Marker radius for a Proeftuin whose extent is not known.
pub const MARKER_RADIUS: f32 = 9.0;

/// A user's own reference layer.
pub const REFERENCE: Color32 = Color32::from_rgb(0, 70, 160);
pub const REFERENCE_LINE: Line = Line::solid(2.0, REFERENCE);
pub const REFERENCE_POINT_RADIUS: f32 = 5.0;

/// The hatching of cells: zones without a team, detached parts of a team, zones shared by two
/// teams, and what differs from the comparison.
pub const HATCH_NO_TEAM: Color32 = Color32::from_rgb(90, 90, 90);
pub const HATCH_DETACHED: Color32 = Color32::from_rgb(200, 0, 0);
pub const HATCH_SHARED: Color32 = Color32::from_rgb(230, 120, 0);
pub const HATCH_DIFFERENCE: Color32 = Color32::from_rgb(0, 90, 200);
/// Hatch line width and spacing, in points at text scale 1.
pub const HATCH_WIDTH: f32 = 1.5;
pub const HATCH_SPACING: f32 = 9.0;

/// The selection on the map: a bright cyan line on a dark edge, a colour no team, no border
/// and no overlay uses (the 2020 team borders are dark red, the Proeftuinen yellow).
pub const SELECTION: Color32 = Color32::from_rgb(0, 210, 255);
/// The same colour, darker, for text and edges on the light panels (drop target, preview).
pub const SELECTION_DARK: Color32 = Color32::from_rgb(0, 110, 180);
pub const SELECTION_EDGE: Line = Line::solid(6.5, Color32::from_gray(20));
pub const SELECTION_LINE: Line = Line::solid(3.0, SELECTION);
/// The opacity of the selected zones' copy that follows the pointer while they are dragged.
pub const DRAG_GHOST_ALPHA: u8 = 90;
pub const SELECTION_BOX_FILL: Color32 = Color32::from_rgba_unmultiplied_const(0, 210, 255, 40);
/// The area under the pointer.
pub const HOVER_LINE: Line = Line::solid(3.5, Color32::WHITE);
/// The municipality searched for, inside a selection of whole zones.
pub const MARKED_EDGE: Line = Line::solid(5.0, Color32::from_gray(20));
pub const MARKED_LINE: Line = Line::solid(2.5, Color32::WHITE);

/// Names on the map: black in a white box.
pub const LABEL_TEXT: Color32 = Color32::BLACK;
pub const LABEL_BOX_ALPHA: u8 = 210;

/// Behind the map where no tile is drawn.
pub const MAP_BACKGROUND: Color32 = Color32::from_rgb(236, 236, 232);

/// Good and bad in the panels: a rule that holds, one that is broken.
pub const GOOD: Color32 = Color32::from_rgb(26, 120, 60);
pub const BAD: Color32 = Color32::from_rgb(170, 40, 40);
/// A message that something could not be read.
pub const ERROR_TEXT: Color32 = Color32::from_rgb(180, 30, 30);

/// The fill of a zone outside the region a scenario is scoped to: its colour washed out
/// towards a light grey and more transparent, so that the region stands out.
pub fn outside_region(colour: [u8; 3], alpha: u8) -> Color32 {
    let wash = |c: u8| ((c as u16 + 3 * 232) / 4) as u8;
    Color32::from_rgba_unmultiplied(
        wash(colour[0]),
        wash(colour[1]),
        wash(colour[2]),
        alpha / 2 + 40,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_line_writes_the_same_colour_into_the_svg_as_the_map_draws() {
        let svg = HISTORIC_BORDER_ESTIMATED.svg(2.0);
        assert!(svg.contains(r##"stroke="#960028""##), "{svg}");
        assert!(svg.contains(r#"stroke-width="7.00""#), "{svg}");
        assert!(svg.contains(r#"stroke-dasharray="20.0 12.0""#), "{svg}");
        let translucent = PROVINCE_BORDER.svg(1.0);
        assert!(
            translucent.contains(r#"stroke-opacity="0.43""#),
            "{translucent}"
        );
        assert!(!TEAM_BORDER.svg(1.0).contains("opacity"));
    }
}
