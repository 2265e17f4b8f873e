//! The report an IROJ hands in: a multi-page PDF, A4 landscape, with real text. The cover,
//! the map of the region, the per-team table, the changes against a comparison, a zoomed map
//! of each broken rule, and the sources. Each page is drawn as SVG (the maps by
//! [`render_svg`](super::render_svg)) and converted by svg2pdf into one PDF object per drawing,
//! which pdf-writer puts on the pages.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use crate::document::Document;
use crate::i18n::proposals::{self as pt, ProposalTexts};
use crate::i18n::{self, ATTRIBUTIONS, Lang};
use crate::model::compare::{baseline_team_name, compare};
use crate::model::geom::BBox;
use crate::model::ids::{CellId, MunicipalityId, TeamId, ZoneId};
use crate::model::metrics::{self, BudgetModel, Metrics};
use crate::model::region::{Region, unit_region};
use crate::model::scenario::Scenario;

use super::image::{ImageOptions, parse_svg, render_svg, text_width};

/// A4 landscape, in PDF points.
pub const PAGE_W: f64 = 841.89;
pub const PAGE_H: f64 = 595.28;
const MARGIN: f64 = 36.0;
/// Top of the content below a page's heading.
const TOP: f64 = 78.0;
/// Bottom of the content above the footer.
const BOTTOM: f64 = PAGE_H - 40.0;
/// Most zoomed maps of broken rules; the rest are counted on the last one.
const MAX_RULE_MAPS: usize = 24;

/// What the report is about, besides the division.
pub struct ReportInput<'a> {
    pub doc: &'a Document,
    /// The region reported on (None: all of Flanders and Brussels).
    pub region: Option<Region>,
    /// The division compared with, and its name.
    pub baseline: &'a Scenario,
    pub baseline_name: String,
    pub author: String,
    pub description: String,
    /// Concept, voorstel or definitief, as the file gives it.
    pub status: String,
    /// The date printed (dd-mm-yyyy).
    pub date: String,
    pub lang: Lang,
    pub budget_model: BudgetModel,
}

/// One page: its own drawing (headings, tables, text) and maybe a map placed on it.
struct Page {
    body: String,
    /// A map drawing and the box it is fitted into: x, y, width, height (points, from the
    /// top left).
    map: Option<(String, [f64; 4])>,
}

use super::image::esc;

fn text(o: &mut String, x: f64, y: f64, size: f64, anchor: &str, s: &str) {
    let _ = write!(
        o,
        r##"<text x="{x:.2}" y="{y:.2}" font-size="{size:.2}" text-anchor="{anchor}" fill="#111111">{}</text>"##,
        esc(s)
    );
}

/// Cut `s` to fit `width` at `size`, ending in an ellipsis when cut.
fn fit(s: &str, size: f64, width: f64) -> String {
    if text_width(s, size) <= width {
        return s.to_string();
    }
    let mut out: String = s.to_string();
    while !out.is_empty() && text_width(&format!("{out}…"), size) > width {
        out.pop();
    }
    format!("{}…", out.trim_end())
}

/// Break `s` into lines no wider than `width` at `size`.
fn wrap(s: &str, size: f64, width: f64) -> Vec<String> {
    let mut lines = Vec::new();
    for para in s.lines() {
        let mut line = String::new();
        for word in para.split_whitespace() {
            let candidate = if line.is_empty() {
                word.to_string()
            } else {
                format!("{line} {word}")
            };
            if text_width(&candidate, size) > width && !line.is_empty() {
                lines.push(std::mem::take(&mut line));
                line = word.to_string();
            } else {
                line = candidate;
            }
        }
        lines.push(line);
    }
    lines
}

fn heading(o: &mut String, title: &str) {
    text(o, MARGIN, 50.0, 20.0, "start", title);
    let _ = write!(
        o,
        r##"<rect x="{MARGIN}" y="58" width="{:.2}" height="1.2" fill="#444444"/>"##,
        PAGE_W - 2.0 * MARGIN
    );
}

#[derive(Clone, Copy, PartialEq)]
enum Align {
    Left,
    Right,
}

/// Tables over as many pages as their rows need, each page headed `title` (with "(continued)"
/// after the first). Column widths follow the content; the text shrinks to fit the page.
fn table_pages(
    pages: &mut Vec<Page>,
    title: &str,
    t: &ProposalTexts,
    cols: &[(&str, Align)],
    rows: &[Vec<String>],
    totals: Option<&[String]>,
) {
    let avail = PAGE_W - 2.0 * MARGIN;
    let pad = 8.0;
    let mut size: f64 = 9.0;
    let all: Vec<&[String]> = rows.iter().map(Vec::as_slice).chain(totals).collect();
    let widths = |size: f64| -> Vec<f64> {
        (0..cols.len())
            .map(|c| {
                let head = text_width(cols[c].0, size);
                all.iter()
                    .map(|r| text_width(r.get(c).map_or("", String::as_str), size))
                    .fold(head, f64::max)
                    + pad
            })
            .collect()
    };
    let mut w = widths(size);
    while w.iter().sum::<f64>() > avail && size > 5.5 {
        size -= 0.25;
        w = widths(size);
    }
    // Still too wide: the first column (the names) gives up what is lacking.
    let excess = w.iter().sum::<f64>() - avail;
    if excess > 0.0 {
        w[0] = (w[0] - excess).max(60.0);
    }
    let row_h = size * 1.7;
    let per_page = (((BOTTOM - TOP) / row_h).floor() as usize)
        .saturating_sub(2)
        .max(1);
    let chunks: Vec<&[Vec<String>]> = if rows.is_empty() {
        vec![&[]]
    } else {
        rows.chunks(per_page).collect()
    };
    let n = chunks.len();
    for (i, chunk) in chunks.into_iter().enumerate() {
        let mut o = String::new();
        if i == 0 {
            heading(&mut o, title);
        } else {
            heading(&mut o, &format!("{title} {}", t.continued));
        }
        let mut y = TOP + row_h;
        let row = |o: &mut String, y: f64, cells: &[String], shade: bool| {
            if shade {
                let _ = write!(
                    o,
                    r##"<rect x="{MARGIN}" y="{:.2}" width="{:.2}" height="{row_h:.2}" fill="#eeeeee"/>"##,
                    y - row_h * 0.7,
                    w.iter().sum::<f64>()
                );
            }
            let mut x = MARGIN;
            for (c, cell) in cells.iter().enumerate() {
                let cw = w.get(c).copied().unwrap_or(40.0);
                let s = fit(cell, size, cw - pad);
                match cols.get(c).map_or(Align::Left, |c| c.1) {
                    Align::Left => text(o, x + pad / 2.0, y, size, "start", &s),
                    Align::Right => text(o, x + cw - pad / 2.0, y, size, "end", &s),
                }
                x += cw;
            }
        };
        let head: Vec<String> = cols.iter().map(|c| c.0.to_string()).collect();
        row(&mut o, y, &head, true);
        y += row_h;
        for (k, r) in chunk.iter().enumerate() {
            row(&mut o, y, r, k % 2 == 1);
            y += row_h;
        }
        if i + 1 == n
            && let Some(tot) = totals
        {
            let _ = write!(
                o,
                r##"<rect x="{MARGIN}" y="{:.2}" width="{:.2}" height="0.8" fill="#444444"/>"##,
                y - row_h * 0.8,
                w.iter().sum::<f64>()
            );
            row(&mut o, y, tot, false);
        }
        pages.push(Page { body: o, map: None });
    }
}

/// The zones of a region (all zones for None).
fn in_scope(doc: &Document, region: Option<Region>, unit: ZoneId) -> bool {
    region.is_none() || unit_region(&doc.data.atlas, unit) == region
}

/// A box around `b`, grown by `grow` of its size on every side and at least `min` wide and
/// high, shaped like a landscape page.
fn framed(b: BBox, grow: f64, min: f64) -> BBox {
    let c = b.center();
    let mut w = (b.width() * (1.0 + 2.0 * grow)).max(min);
    let mut h = (b.height() * (1.0 + 2.0 * grow)).max(min);
    let aspect = 1.6;
    if w / h < aspect {
        w = h * aspect;
    } else {
        h = w / aspect;
    }
    BBox {
        min: [c[0] - w / 2.0, c[1] - h / 2.0],
        max: [c[0] + w / 2.0, c[1] + h / 2.0],
    }
}

fn children_text(st: &metrics::TeamStats, t: &i18n::Texts) -> String {
    if st.children_known() {
        i18n::int(st.children)
    } else if st.children == 0.0 {
        t.unknown.to_string()
    } else {
        format!("{} + {}", i18n::int(st.children), t.unknown)
    }
}

/// The teams reported on: those with a zone in the region (every team for all regions).
fn teams_in_scope(r: &ReportInput) -> Vec<TeamId> {
    let doc = r.doc;
    doc.scenario
        .teams
        .keys()
        .filter(|&ti| {
            r.region.is_none()
                || doc.metrics.teams[ti]
                    .units
                    .iter()
                    .any(|&u| in_scope(doc, r.region, u))
        })
        .collect()
}

/// The broken rules of a division, as `check` words them.
pub fn broken_rules(doc: &Document, lang: Lang) -> Vec<String> {
    let t = i18n::texts(lang);
    let m = &doc.metrics;
    let mut out = Vec::new();
    for i in m.non_contiguous_teams() {
        out.push(
            t.rule_not_contiguous_cli
                .replace("{team}", &doc.scenario.teams[i].name)
                .replace("{n}", &m.teams[i].components.len().to_string()),
        );
    }
    for i in m.teams_with_split_units() {
        let zones: Vec<&str> = m.teams[i]
            .split_units
            .iter()
            .map(|&u| doc.data.atlas.units[u].name.as_str())
            .collect();
        out.push(
            t.rule_split_zone_cli
                .replace("{team}", &doc.scenario.teams[i].name)
                .replace("{zones}", &zones.join(", ")),
        );
    }
    if !m.is_covered() {
        out.push(
            t.rule_uncovered_cli
                .replace("{n}", &m.unassigned_units.len().to_string()),
        );
    }
    out
}

fn cover(r: &ReportInput, pages: &mut Vec<Page>) {
    let t = pt::texts(r.lang);
    let ti = i18n::texts(r.lang);
    let mut o = String::new();
    text(&mut o, MARGIN, 70.0, 14.0, "start", t.report_title);
    let name = i18n::scenario_name(&r.doc.scenario.name, ti);
    text(
        &mut o,
        MARGIN,
        110.0,
        28.0,
        "start",
        &fit(name, 28.0, PAGE_W - 2.0 * MARGIN),
    );
    let blank = |s: &str| {
        if s.trim().is_empty() {
            t.none.to_string()
        } else {
            s.to_string()
        }
    };
    let mut y = 160.0;
    let label_w = 110.0;
    let value_w = PAGE_W - 2.0 * MARGIN - label_w;
    let field = |o: &mut String, y: &mut f64, label: &str, value: &str, size: f64| {
        text(o, MARGIN, *y, 12.0, "start", label);
        for line in wrap(value, size, value_w) {
            text(o, MARGIN + label_w, *y, size, "start", &line);
            *y += size * 1.45;
        }
        *y += 6.0;
    };
    field(&mut o, &mut y, t.name, name, 12.0);
    field(
        &mut o,
        &mut y,
        t.region,
        &pt::region_name(r.region, t),
        12.0,
    );
    field(&mut o, &mut y, t.author, &blank(&r.author), 12.0);
    field(&mut o, &mut y, t.date, &r.date, 12.0);
    field(&mut o, &mut y, t.status, &blank(&r.status), 12.0);
    let broken = broken_rules(r.doc, r.lang);
    let rules = if broken.is_empty() {
        t.rules_hold.to_string()
    } else {
        format!("{} {}", t.rules_broken, broken.join("; "))
    };
    field(&mut o, &mut y, t.rules, &rules, 12.0);
    // The description takes the room that is left; a long one is cut with an ellipsis.
    let mut lines = wrap(&blank(&r.description), 11.0, value_w);
    let room = ((BOTTOM - y) / (11.0 * 1.45)).floor().max(1.0) as usize;
    if lines.len() > room {
        lines.truncate(room);
        if let Some(last) = lines.last_mut() {
            last.push_str(" …");
        }
    }
    field(&mut o, &mut y, t.description, &lines.join("\n"), 11.0);
    pages.push(Page { body: o, map: None });
}

/// A map page: a heading and the map of `bbox` fitted below it.
fn map_page(r: &ReportInput, title: &str, bbox: Option<BBox>, pages: &mut Vec<Page>) {
    let mut o = String::new();
    heading(&mut o, title);
    let mut opts = ImageOptions::new(1920, vec![crate::map::layer::labels::KEY], r.lang);
    opts.date.clone_from(&r.date);
    opts.budget_model = r.budget_model;
    opts.bbox = bbox;
    let svg = render_svg(r.doc, &opts);
    pages.push(Page {
        body: o,
        map: Some((
            svg,
            [
                MARGIN,
                TOP - 10.0,
                PAGE_W - 2.0 * MARGIN,
                BOTTOM - TOP + 10.0,
            ],
        )),
    });
}

fn region_box(r: &ReportInput) -> Option<BBox> {
    let b = crate::model::region::region_bbox(&r.doc.data.atlas, r.region?)?;
    Some(framed(b, 0.04, 0.0))
}

fn team_table(r: &ReportInput, pages: &mut Vec<Page>) {
    let t = pt::texts(r.lang);
    let ti = i18n::texts(r.lang);
    let doc = r.doc;
    let m = &doc.metrics;
    // The picked indicator's figure per team, as the team list and the exports show it.
    let indicator = doc.indicator.as_ref().zip(doc.indicator_per_team());
    let indicator_header = indicator.as_ref().map(|(c, _)| {
        format!(
            "{} ({})",
            c.indicator.name,
            crate::map::choropleth::aggregate_text(c.how, ti)
        )
    });
    let mut cols = vec![
        (t.col_team, Align::Left),
        (t.col_zones, Align::Right),
        (t.col_munis, Align::Right),
        (t.col_inhabitants, Align::Right),
        (t.col_children, Align::Right),
        (t.col_budget_flat, Align::Right),
        (t.col_budget_share, Align::Right),
        (t.col_per_child, Align::Right),
        (t.col_partners, Align::Right),
        (t.col_contiguous, Align::Left),
        (t.col_area, Align::Left),
    ];
    if let Some(h) = &indicator_header {
        cols.push((h.as_str(), Align::Right));
    }
    let per_child = |budget: f64, children: f64| {
        if children > 0.0 {
            i18n::eur(budget / children)
        } else {
            t.none.to_string()
        }
    };
    let teams = teams_in_scope(r);
    let mut rows = Vec::new();
    let mut tot = [0.0_f64; 7];
    let mut partners_known = false;
    for &ti_ in &teams {
        let team = &doc.scenario.teams[ti_];
        let st = &m.teams[ti_];
        tot[0] += st.units.len() as f64;
        tot[1] += st.municipalities as f64;
        tot[2] += st.population;
        tot[3] += st.children;
        tot[4] += st.budget_flat;
        tot[5] += st.budget_share;
        if let Some(p) = team.partners {
            tot[6] += f64::from(p);
            partners_known = true;
        }
        rows.push(vec![
            team.name.clone(),
            i18n::zone_count(st, "", ti),
            st.municipalities.to_string(),
            i18n::int(st.population),
            children_text(st, ti),
            i18n::eur(st.budget_flat),
            i18n::eur(st.budget_share),
            per_child(st.budget(r.budget_model), st.children),
            team.partners
                .map_or_else(|| t.none.to_string(), |p| p.to_string()),
            if st.is_contiguous() {
                t.yes.to_string()
            } else {
                format!("{} ({} {})", t.no, st.components.len(), ti.parts)
            },
            pt::area_status(team.area_status, t).to_string(),
        ]);
        if let (Some((choice, values)), Some(row)) = (&indicator, rows.last_mut()) {
            row.push(match values.get(ti_).copied().flatten() {
                Some(v) if choice.how.is_sum() => i18n::int(v),
                Some(v) => i18n::dec(v, 2),
                None => t.none.to_string(),
            });
        }
    }
    let budget_tot = match r.budget_model {
        BudgetModel::Flat => tot[4],
        BudgetModel::ChildShare => tot[5],
    };
    let totals = vec![
        t.total.to_string(),
        i18n::int(tot[0]),
        i18n::int(tot[1]),
        i18n::int(tot[2]),
        i18n::int(tot[3]),
        i18n::eur(tot[4]),
        i18n::eur(tot[5]),
        per_child(budget_tot, tot[3]),
        if partners_known {
            i18n::int(tot[6])
        } else {
            t.none.to_string()
        },
        String::new(),
        String::new(),
    ];
    let mut totals = totals;
    if indicator.is_some() {
        totals.push(String::new());
    }
    let title = t
        .teams_title
        .replace("{region}", &pt::region_name(r.region, t));
    table_pages(pages, &title, t, &cols, &rows, Some(&totals));
}

/// A moved cell (or municipality): it, the baseline team it had and the team it has.
type Moved<T> = (T, Option<TeamId>, Option<TeamId>);

/// Each moved zone (all of it from one team to another) or, where a zone moved in part, each
/// moved municipality.
fn changes(r: &ReportInput, pages: &mut Vec<Page>) {
    let t = pt::texts(r.lang);
    let doc = r.doc;
    let atlas = &doc.data.atlas;
    let cmp = compare(atlas, &doc.scenario, r.baseline);
    let from_name = |f: Option<TeamId>| -> String {
        f.and_then(|f| baseline_team_name(&doc.scenario, r.baseline, f))
            .unwrap_or(t.none)
            .to_string()
    };
    let to_name = |to: Option<TeamId>| -> String {
        to.and_then(|to| doc.scenario.teams.get(to))
            .map_or(t.none, |team| team.name.as_str())
            .to_string()
    };
    // Moved cells per zone, with their (from, to).
    let mut per_unit: BTreeMap<ZoneId, Vec<Moved<CellId>>> = BTreeMap::new();
    for m in &cmp.moved {
        if !in_scope(doc, r.region, atlas.cells[m.cell].unit) {
            continue;
        }
        per_unit
            .entry(atlas.cells[m.cell].unit)
            .or_default()
            .push((m.cell, m.from, m.to));
    }
    let mut rows = Vec::new();
    for (u, cells) in &per_unit {
        let unit = &atlas.units[*u];
        let whole = cells.len() == unit.cells.len()
            && cells
                .iter()
                .all(|(_, f, to)| (*f, *to) == (cells[0].1, cells[0].2));
        let sum = |cs: &[CellId]| {
            let pop: f64 = cs.iter().filter_map(|&c| atlas.cells[c].population).sum();
            let ch: f64 = cs.iter().filter_map(|&c| atlas.cells[c].children).sum();
            let known = cs.iter().all(|&c| atlas.cells[c].children.is_some());
            (
                i18n::int(pop),
                if known {
                    i18n::int(ch)
                } else {
                    i18n::texts(r.lang).unknown.to_string()
                },
            )
        };
        if whole {
            let cs: Vec<CellId> = cells.iter().map(|c| c.0).collect();
            let (pop, ch) = sum(&cs);
            rows.push(vec![
                format!("{} {} ({})", t.zone, unit.name, unit.code),
                from_name(cells[0].1),
                to_name(cells[0].2),
                pop,
                ch,
            ]);
        } else {
            let mut per_muni: BTreeMap<Moved<MunicipalityId>, Vec<CellId>> = BTreeMap::new();
            for (c, f, to) in cells {
                per_muni
                    .entry((atlas.cells[*c].muni, *f, *to))
                    .or_default()
                    .push(*c);
            }
            for ((m, f, to), cs) in per_muni {
                let (pop, ch) = sum(&cs);
                rows.push(vec![
                    format!(
                        "{} {} ({} {})",
                        t.municipality, atlas.municipalities[m].name, t.zone, unit.name
                    ),
                    from_name(f),
                    to_name(to),
                    pop,
                    ch,
                ]);
            }
        }
    }
    let title = t.changes_title.replace("{baseline}", &r.baseline_name);
    if rows.is_empty() {
        let mut o = String::new();
        heading(&mut o, &title);
        text(&mut o, MARGIN, TOP + 20.0, 12.0, "start", t.changes_none);
        pages.push(Page { body: o, map: None });
    } else {
        let cols = [
            (t.col_place, Align::Left),
            (t.col_from, Align::Left),
            (t.col_to, Align::Left),
            (t.col_inhabitants, Align::Right),
            (t.col_children, Align::Right),
        ];
        table_pages(pages, &title, t, &cols, &rows, None);
    }
    budget_changes(r, pages);
}

fn signed_eur(v: f64) -> String {
    if v > 0.5 {
        format!("+{}", i18n::eur(v))
    } else if v < -0.5 {
        format!("-{}", i18n::eur(-v))
    } else {
        i18n::eur(0.0)
    }
}

fn budget_changes(r: &ReportInput, pages: &mut Vec<Page>) {
    let t = pt::texts(r.lang);
    let doc = r.doc;
    let before: Metrics = metrics::compute(&doc.data.atlas, r.baseline, &doc.data.rules);
    let mut rows = Vec::new();
    let was = |id: &str| {
        r.baseline.team_by_id(id).map_or((0.0, 0.0), |b| {
            (before.teams[b].budget_flat, before.teams[b].budget_share)
        })
    };
    let teams = teams_in_scope(r);
    for &ti in &teams {
        let team = &doc.scenario.teams[ti];
        let st = &doc.metrics.teams[ti];
        let (flat, share) = was(&team.id);
        rows.push(vec![
            team.name.clone(),
            i18n::eur(st.budget_flat),
            signed_eur(st.budget_flat - flat),
            i18n::eur(st.budget_share),
            signed_eur(st.budget_share - share),
        ]);
    }
    // Teams of the comparison that are gone, in the region.
    for (bi, team) in r.baseline.teams.iter_enumerated() {
        let gone = doc.scenario.team_by_id(&team.id).is_none();
        let here = before.teams[bi]
            .units
            .iter()
            .any(|&u| in_scope(doc, r.region, u));
        if gone && here {
            let st = &before.teams[bi];
            rows.push(vec![
                team.name.clone(),
                i18n::eur(0.0),
                signed_eur(-st.budget_flat),
                i18n::eur(0.0),
                signed_eur(-st.budget_share),
            ]);
        }
    }
    let now_flat = format!("{} {}", t.col_budget_flat, t.col_now);
    let change_flat = format!("{} {}", t.col_budget_flat, t.col_change);
    let now_share = format!("{} {}", t.col_budget_share, t.col_now);
    let change_share = format!("{} {}", t.col_budget_share, t.col_change);
    let cols = [
        (t.col_team, Align::Left),
        (now_flat.as_str(), Align::Right),
        (change_flat.as_str(), Align::Right),
        (now_share.as_str(), Align::Right),
        (change_share.as_str(), Align::Right),
    ];
    let title = t
        .budget_change_title
        .replace("{baseline}", &r.baseline_name);
    table_pages(pages, &title, t, &cols, &rows, None);
}

/// A zoomed map of each detached part of a team and of each zone without a team.
fn broken_rule_maps(r: &ReportInput, pages: &mut Vec<Page>) {
    let t = pt::texts(r.lang);
    let doc = r.doc;
    let atlas = &doc.data.atlas;
    let m = &doc.metrics;
    let mut maps: Vec<(String, BBox)> = Vec::new();
    for ti in m.non_contiguous_teams() {
        let st = &m.teams[ti];
        let n = st.components.len();
        // The largest part is the team's area; every other one is detached.
        for (k, part) in st.components.iter().enumerate().skip(1) {
            let mut units: Vec<ZoneId> = part.iter().map(|&c| atlas.cells[c].unit).collect();
            units.dedup();
            if !units.iter().any(|&u| in_scope(doc, r.region, u)) {
                continue;
            }
            let names: Vec<&str> = units
                .iter()
                .map(|&u| atlas.units[u].name.as_str())
                .collect();
            let b = part
                .iter()
                .fold(BBox::EMPTY, |b, &c| b.union(atlas.cells[c].bbox));
            maps.push((
                t.detached_part
                    .replace("{team}", &doc.scenario.teams[ti].name)
                    .replace("{k}", &(k + 1).to_string())
                    .replace("{n}", &n.to_string())
                    .replace("{zones}", &names.join(", ")),
                b,
            ));
        }
    }
    for &u in &m.unassigned_units {
        if !in_scope(doc, r.region, u) {
            continue;
        }
        let unit = &atlas.units[u];
        maps.push((
            t.unassigned_zone
                .replace("{zone}", &format!("{} ({})", unit.name, unit.code)),
            unit.bbox,
        ));
    }
    let left_out = maps.len().saturating_sub(MAX_RULE_MAPS);
    maps.truncate(MAX_RULE_MAPS);
    let count = maps.len();
    for (i, (title, b)) in maps.into_iter().enumerate() {
        // Some 40 km around the part at least, so the places around it can be recognised.
        let (_, lat) = crate::model::geom::from_merc(b.center());
        let per_km = 1000.0 / (40_075_016.686 * lat.to_radians().cos());
        let bbox = framed(b, 0.6, 40.0 * per_km);
        let mut heading_text = format!("{}: {title}", t.broken_title);
        if i + 1 == count && left_out > 0 {
            heading_text = format!(
                "{heading_text} {}",
                t.more_parts.replace("{n}", &left_out.to_string())
            );
        }
        map_page(
            r,
            &fit(&heading_text, 20.0, PAGE_W - 2.0 * MARGIN),
            Some(bbox),
            pages,
        );
    }
}

fn sources(r: &ReportInput, pages: &mut Vec<Page>) {
    let t = pt::texts(r.lang);
    let ti = i18n::texts(r.lang);
    let mut o = String::new();
    heading(&mut o, t.sources_title);
    let width = PAGE_W - 2.0 * MARGIN;
    let mut y = TOP + 10.0;
    let para = |o: &mut String, s: &str, y: &mut f64| {
        for line in wrap(s, 10.5, width - 14.0) {
            text(o, MARGIN + 14.0, *y, 10.5, "start", &line);
            *y += 15.0;
        }
        *y += 6.0;
    };
    text(&mut o, MARGIN, y, 12.0, "start", t.data_used);
    y += 18.0;
    para(&mut o, &i18n::data_source(&r.doc.data.source, ti), &mut y);
    text(&mut o, MARGIN, y, 12.0, "start", ti.attribution);
    y += 18.0;
    // No base map in the report: its attribution is left out, as on an exported map.
    for a in ATTRIBUTIONS.iter().filter(|a| !a.contains("OpenStreetMap")) {
        para(&mut o, &format!("• {a}"), &mut y);
    }
    for note in [
        ti.population_note,
        ti.antwerp_note,
        ti.children_unknown_note,
    ] {
        para(&mut o, note, &mut y);
    }
    para(
        &mut o,
        &format!("Gebiedsplanner {}", env!("CARGO_PKG_VERSION")),
        &mut y,
    );
    pages.push(Page { body: o, map: None });
}

/// The pages of the report as SVG: each page's own drawing, and the map drawn on it with the
/// box it fills (for tests and for the PDF).
fn pages(r: &ReportInput) -> Vec<Page> {
    let t = pt::texts(r.lang);
    let mut pages = Vec::new();
    cover(r, &mut pages);
    map_page(
        r,
        &t.map_title
            .replace("{region}", &pt::region_name(r.region, t)),
        region_box(r),
        &mut pages,
    );
    team_table(r, &mut pages);
    changes(r, &mut pages);
    broken_rule_maps(r, &mut pages);
    sources(r, &mut pages);
    // Footers, now that the number of pages is known.
    let n = pages.len();
    let ti = i18n::texts(r.lang);
    let name = i18n::scenario_name(&r.doc.scenario.name, ti);
    for (i, p) in pages.iter_mut().enumerate() {
        let mut o = std::mem::take(&mut p.body);
        let y = PAGE_H - 20.0;
        text(
            &mut o,
            MARGIN,
            y,
            8.0,
            "start",
            &fit(&format!("{name} · {}", r.date), 8.0, PAGE_W / 2.0),
        );
        text(
            &mut o,
            PAGE_W - MARGIN,
            y,
            8.0,
            "end",
            &t.page_of
                .replace("{i}", &(i + 1).to_string())
                .replace("{n}", &n.to_string()),
        );
        p.body = format!(
            r##"<svg xmlns="http://www.w3.org/2000/svg" width="{PAGE_W}" height="{PAGE_H}" viewBox="0 0 {PAGE_W} {PAGE_H}" font-family="Ubuntu, sans-serif"><rect width="100%" height="100%" fill="#ffffff"/>{o}</svg>"##
        );
    }
    pages
}

/// The report as the SVG drawings of its pages (each page, then its map if it has one).
pub fn report_svgs(r: &ReportInput) -> Vec<Vec<String>> {
    pages(r)
        .into_iter()
        .map(|p| {
            let mut v = vec![p.body];
            v.extend(p.map.map(|(svg, _)| svg));
            v
        })
        .collect()
}

/// The report as a PDF: A4 landscape pages, text kept as text.
pub fn report_pdf(r: &ReportInput) -> Result<Vec<u8>, String> {
    use pdf_writer::{Content, Finish, Name, Pdf, Rect, Ref, TextStr};
    let pages = pages(r);
    let mut alloc = Ref::new(1);
    let catalog = alloc.bump();
    let tree_ref = alloc.bump();
    let info = alloc.bump();
    let mut pdf = Pdf::new();
    let mut page_refs = Vec::new();
    let mut chunks = Vec::new();
    let mut page_objs = Vec::new();
    for p in &pages {
        // Each drawing becomes a form object in a chunk of its own, renumbered into ours.
        let mut drawings: Vec<(Ref, [f64; 4])> = Vec::new();
        let mut place = |svg: &str, rect: [f64; 4]| -> Result<(), String> {
            let tree = parse_svg(svg)?;
            let (chunk, id) = svg2pdf::to_chunk(&tree, svg2pdf::ConversionOptions::default())
                .map_err(|e| e.to_string())?;
            let mut map = std::collections::HashMap::new();
            let chunk = chunk.renumber(|old| *map.entry(old).or_insert_with(|| alloc.bump()));
            let id = *map.get(&id).ok_or("the drawing was lost in the PDF")?;
            // Fit the drawing into the box, keeping its shape, centred.
            let (w, h) = (
                f64::from(tree.size().width()),
                f64::from(tree.size().height()),
            );
            let s = (rect[2] / w).min(rect[3] / h);
            let (dw, dh) = (w * s, h * s);
            let x = rect[0] + (rect[2] - dw) / 2.0;
            let y_top = rect[1] + (rect[3] - dh) / 2.0;
            drawings.push((id, [x, PAGE_H - y_top - dh, dw, dh]));
            chunks.push(chunk);
            Ok(())
        };
        place(&p.body, [0.0, 0.0, PAGE_W, PAGE_H])?;
        if let Some((svg, rect)) = &p.map {
            place(svg, *rect)?;
        }
        let page = alloc.bump();
        let content = alloc.bump();
        page_refs.push(page);
        page_objs.push((page, content, drawings));
    }
    pdf.catalog(catalog).pages(tree_ref);
    pdf.pages(tree_ref)
        .kids(page_refs.iter().copied())
        .count(page_refs.len() as i32);
    for (page, content_ref, drawings) in page_objs {
        let mut content = Content::new();
        let names: Vec<String> = (0..drawings.len()).map(|i| format!("D{i}")).collect();
        for ((_, [x, y, w, h]), name) in drawings.iter().zip(&names) {
            content.save_state();
            content.transform([*w as f32, 0.0, 0.0, *h as f32, *x as f32, *y as f32]);
            content.x_object(Name(name.as_bytes()));
            content.restore_state();
        }
        let bytes = content.finish();
        let mut pg = pdf.page(page);
        pg.media_box(Rect::new(0.0, 0.0, PAGE_W as f32, PAGE_H as f32));
        pg.parent(tree_ref);
        pg.contents(content_ref);
        let mut res = pg.resources();
        let mut xo = res.x_objects();
        for ((id, _), name) in drawings.iter().zip(&names) {
            xo.pair(Name(name.as_bytes()), *id);
        }
        xo.finish();
        res.finish();
        pg.finish();
        pdf.stream(content_ref, &bytes);
    }
    for c in &chunks {
        pdf.extend(c);
    }
    let ti = i18n::texts(r.lang);
    let title = i18n::scenario_name(&r.doc.scenario.name, ti).to_string();
    let mut di = pdf.document_info(info);
    di.title(TextStr(&title));
    if !r.author.trim().is_empty() {
        di.author(TextStr(&r.author));
    }
    di.creator(TextStr("Gebiedsplanner"));
    di.finish();
    Ok(pdf.finish())
}
