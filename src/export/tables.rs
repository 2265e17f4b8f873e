//! Team areas as GeoJSON and the per-team statistics as CSV.

use serde_json::{Value, json};

use crate::data::table::write_csv;
use crate::document::Document;
use crate::i18n::{ATTRIBUTIONS, Lang};
use crate::model::outline::team_polygons;

fn round6(v: f64) -> f64 {
    (v * 1e6).round() / 1e6
}

/// One feature per team: its area (MultiPolygon) and its numbers as properties.
pub fn teams_geojson(doc: &Document) -> String {
    let atlas = &doc.data.atlas;
    let s = &doc.scenario;
    let m = &doc.metrics;
    let cell_team = s.cell_teams(atlas);
    let polys = team_polygons(atlas, &cell_team, s.teams.len());
    let features: Vec<Value> = s
        .teams
        .iter_enumerated()
        .filter(|(t, _)| !polys[*t].is_empty())
        .map(|(t, team)| {
            let st = &m.teams[t];
            let coords: Vec<Value> = polys[t]
                .iter()
                .map(|p| {
                    Value::Array(
                        p.iter()
                            .map(|r| {
                                Value::Array(
                                    r.iter()
                                        .map(|c| json!([round6(c[0]), round6(c[1])]))
                                        .collect(),
                                )
                            })
                            .collect(),
                    )
                })
                .collect();
            let zones: Vec<&str> = st
                .units
                .iter()
                .map(|&u| atlas.units[u].code.as_str())
                .collect();
            let zone_names: Vec<&str> = st
                .units
                .iter()
                .map(|&u| atlas.units[u].name.as_str())
                .collect();
            json!({
                "type": "Feature",
                "properties": {
                    "team_id": team.id,
                    "team": team.name,
                    "colour": crate::data::scenario_file::colour_hex(team.colour),
                    "zones": zones,
                    "zone_names": zone_names,
                    "zone_count": st.units.len(),
                    "municipalities": st.municipalities,
                    "population": st.population.round(),
                    "population_estimated": st.population_estimated,
                    "children_0_17": st.children.round(),
                    "children_unknown_population": st.children_unknown_population.round(),
                    "budget_flat_eur": st.budget_flat.round(),
                    "budget_share_eur": st.budget_share.round(),
                    "contiguous": st.is_contiguous(),
                    "parts": st.components.len(),
                },
                "geometry": { "type": "MultiPolygon", "coordinates": coords },
            })
        })
        .collect();
    let fc = json!({
        "type": "FeatureCollection",
        "name": s.name,
        "status": s.status.map(crate::model::scenario::Status::key),
        "attribution": ATTRIBUTIONS,
        "features": features,
    });
    serde_json::to_string(&fc).unwrap_or_default()
}

/// The per-team table for spreadsheets (`;`-separated, UTF-8 with a byte order mark), its
/// columns named in the user's language, numbers without thousands separators so that
/// spreadsheets read them as numbers.
pub fn stats_csv(doc: &Document, lang: Lang) -> String {
    let words = crate::i18n::texts(lang).meet;
    let s = &doc.scenario;
    let m = &doc.metrics;
    let header = words.csv_columns.map(String::from).to_vec();
    // The picked indicator's figure per team, as the last column. The file is `;`-separated
    // for Excel in a locale whose decimal mark is the comma, so a mean is written with one.
    let indicator = doc.indicator.as_ref().zip(doc.indicator_per_team());
    let mut header = header;
    if let Some((choice, _)) = &indicator {
        header.push(
            words
                .csv_indicator
                .replace("{name}", &choice.indicator.name),
        );
    }
    let rows = s.teams.iter_enumerated().map(|(t, team)| {
        let st = &m.teams[t];
        let figure =
            indicator
                .as_ref()
                .map(|(choice, values)| match values.get(t).copied().flatten() {
                    Some(v) if choice.how.is_sum() => format!("{v:.0}"),
                    Some(v) => format!("{v:.3}").replace('.', ","),
                    None => String::new(),
                });
        let mut row = vec![
            super::text::visible(&team.id).into_owned(),
            super::text::visible(&team.name).into_owned(),
            st.units.len().to_string(),
            st.municipalities.to_string(),
            format!("{:.0}", st.population),
            format!("{:.0}", st.children),
            format!("{:.0}", st.children_unknown_population),
            format!("{:.0}", st.budget_flat),
            format!("{:.0}", st.budget_share),
            if st.is_contiguous() {
                words.yes
            } else {
                words.no
            }
            .to_string(),
            st.components.len().to_string(),
            team.partners.map(|p| p.to_string()).unwrap_or_default(),
        ];
        row.extend(figure);
        row
    });
    write_csv(std::iter::once(header).chain(rows))
}
