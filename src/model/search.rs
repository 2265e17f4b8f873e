//! Search over the places on the map: municipalities (also by their French and former
//! names), zones, the teams of a scenario and the Proeftuinen. Matching ignores case, accents
//! and punctuation; whole-name and prefix matches come before matches inside a name.

use super::atlas::Atlas;
use super::geom::BBox;
use super::ids::{MunicipalityId, TeamId, TiSlice, ZoneId};
use super::overlay::proeftuinen::ProeftuinOverlay;
use super::scenario::Scenario;

/// What a hit selects.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum SearchTarget {
    /// Index into `atlas.municipalities`.
    Municipality(MunicipalityId),
    /// Index into `atlas.units`.
    Zone(ZoneId),
    /// Index into `scenario.teams`.
    Team(TeamId),
    /// Index into the Proeftuin list given to [`SearchIndex::new`].
    Proeftuin(usize),
}

impl SearchTarget {
    fn order(self) -> u8 {
        match self {
            SearchTarget::Municipality(_) => 0,
            SearchTarget::Zone(_) => 1,
            SearchTarget::Team(_) => 2,
            SearchTarget::Proeftuin(_) => 3,
        }
    }
}

/// How well a name matched, best first.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum MatchKind {
    /// The whole name.
    Exact,
    /// The start of the name.
    Prefix,
    /// The start of a later word of the name ("gent" in "Samen1Plan Gent").
    WordPrefix,
    /// Somewhere inside the name ("brugge" in "Zeebrugge").
    Substring,
}

#[derive(Clone, Debug, PartialEq)]
pub struct SearchHit {
    pub target: SearchTarget,
    /// The name to show, e.g. "Geraardsbergen", "Zeebrugge (Brugge)".
    pub name: String,
    /// The text that matched when it is not the name itself (a French or former name, a
    /// neighbourhood polygon); empty otherwise.
    pub matched: String,
    pub kind: MatchKind,
    /// Mercator box to zoom to. Empty (`BBox::is_empty`) for a team without any zone.
    pub bbox: BBox,
}

/// A searchable text of an entry. Primary terms are the entry's own names; secondary
/// terms (other names, codes) rank after primary ones of the same match kind.
#[derive(Clone, Debug)]
struct Term {
    text: String,
    folded: String,
    primary: bool,
    /// Codes match only from their start ("110" finds 11002, "002" does not).
    prefix_only: bool,
}

#[derive(Clone, Debug)]
struct Entry {
    target: SearchTarget,
    name: String,
    terms: Vec<Term>,
    bbox: BBox,
}

/// Normalise for matching: fold case and accents, and turn every run of punctuation and
/// spaces into one space ("Sint-Niklaas" -> "sint niklaas").
pub fn normalise(s: &str) -> String {
    let folded = super::text::fold(s);
    let mut out = String::with_capacity(folded.len());
    for c in folded.chars() {
        if c.is_alphanumeric() {
            out.push(c);
        } else if !out.is_empty() && !out.ends_with(' ') {
            out.push(' ');
        }
    }
    let trimmed = out.trim_end().len();
    out.truncate(trimmed);
    out
}

fn term(text: &str, primary: bool) -> Term {
    Term {
        text: text.to_string(),
        folded: normalise(text),
        primary,
        prefix_only: false,
    }
}

fn code_term(code: &str) -> Term {
    Term {
        prefix_only: true,
        ..term(code, false)
    }
}

impl Term {
    fn matches(&self, query: &str) -> Option<MatchKind> {
        match_kind(query, &self.folded).filter(|k| !self.prefix_only || *k <= MatchKind::Prefix)
    }
}

/// How `query` (normalised) matches `name` (normalised), if at all.
fn match_kind(query: &str, name: &str) -> Option<MatchKind> {
    if query.is_empty() {
        return None;
    }
    if name == query {
        return Some(MatchKind::Exact);
    }
    if name.starts_with(query) {
        return Some(MatchKind::Prefix);
    }
    let mut best = None;
    for (i, _) in name.match_indices(query) {
        if name[..i].ends_with(' ') {
            return Some(MatchKind::WordPrefix);
        }
        best = Some(MatchKind::Substring);
    }
    best
}

/// The searchable names of the atlas and the Proeftuinen; teams come from the scenario
/// given at search time, so renamed or reassigned teams are found as they are now.
#[derive(Clone, Debug, Default)]
pub struct SearchIndex {
    entries: Vec<Entry>,
}

impl SearchIndex {
    /// Index the municipalities and zones of `atlas` and the given Proeftuinen.
    pub fn new(atlas: &Atlas, proeftuinen: &[ProeftuinOverlay]) -> SearchIndex {
        let mut entries = Vec::new();
        for (mi, m) in atlas.municipalities.iter_enumerated() {
            let bbox = m
                .cells
                .iter()
                .fold(BBox::EMPTY, |b, &c| b.union(atlas.cells[c].bbox));
            entries.push(Entry {
                target: SearchTarget::Municipality(mi),
                name: m.name.clone(),
                terms: vec![term(&m.name, true), code_term(&m.code)],
                bbox,
            });
        }
        for (ui, u) in atlas.units.iter_enumerated() {
            entries.push(Entry {
                target: SearchTarget::Zone(ui),
                name: u.name.clone(),
                terms: vec![term(&u.name, true)],
                bbox: u.bbox,
            });
        }
        for (pi, p) in proeftuinen.iter().enumerate() {
            let mut terms = vec![term(&p.neighbourhood, true)];
            terms.extend(p.polygon_names.iter().map(|n| term(n, true)));
            terms.push(term(&p.municipality_name, false));
            entries.push(Entry {
                target: SearchTarget::Proeftuin(pi),
                name: p.title(),
                terms,
                bbox: p.bbox,
            });
        }
        SearchIndex { entries }
    }

    /// Add other names of municipalities (French names, names before a merger), indexed
    /// like `atlas.municipalities` (see `data::overlays::read_municipality_aliases`).
    pub fn with_municipality_aliases(
        mut self,
        aliases: &TiSlice<MunicipalityId, Vec<String>>,
    ) -> SearchIndex {
        for e in &mut self.entries {
            if let SearchTarget::Municipality(mi) = e.target {
                for a in aliases.get(mi).into_iter().flatten() {
                    e.terms.push(term(a, false));
                }
            }
        }
        self
    }

    /// Hits for `query`, best first, at most `limit`. Teams are those of `scenario`.
    /// Order: match kind (whole name, prefix, word prefix, inside), then own names before
    /// other names, then municipality, zone, team, Proeftuin, then shorter names first.
    pub fn search(
        &self,
        atlas: &Atlas,
        scenario: Option<&Scenario>,
        query: &str,
        limit: usize,
    ) -> Vec<SearchHit> {
        let q = normalise(query);
        if q.is_empty() || limit == 0 {
            return Vec::new();
        }
        let teams: Vec<Entry> = scenario
            .map(|s| {
                let cell_team = s.cell_teams(atlas);
                s.teams
                    .iter_enumerated()
                    .map(|(ti, t)| Entry {
                        target: SearchTarget::Team(ti),
                        name: t.name.clone(),
                        terms: vec![term(&t.name, true)],
                        bbox: cell_team
                            .iter_enumerated()
                            .filter(|(_, ct)| **ct == Some(ti))
                            .fold(BBox::EMPTY, |b, (c, _)| b.union(atlas.cells[c].bbox)),
                    })
                    .collect()
            })
            .unwrap_or_default();
        let mut hits: Vec<(MatchKind, bool, SearchHit)> = Vec::new();
        for e in self.entries.iter().chain(teams.iter()) {
            let best = e
                .terms
                .iter()
                .filter_map(|t| t.matches(&q).map(|k| (k, !t.primary, t)))
                .min_by(|a, b| (a.0, a.1).cmp(&(b.0, b.1)));
            if let Some((kind, secondary, t)) = best {
                hits.push((
                    kind,
                    secondary,
                    SearchHit {
                        target: e.target,
                        name: e.name.clone(),
                        matched: if t.text == e.name {
                            String::new()
                        } else {
                            t.text.clone()
                        },
                        kind,
                        bbox: e.bbox,
                    },
                ));
            }
        }
        hits.sort_by(|a, b| {
            (a.0, a.1, a.2.target.order(), a.2.name.chars().count())
                .cmp(&(b.0, b.1, b.2.target.order(), b.2.name.chars().count()))
                .then_with(|| a.2.name.cmp(&b.2.name))
                .then_with(|| a.2.target.cmp(&b.2.target))
        });
        hits.truncate(limit);
        hits.into_iter().map(|h| h.2).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalising_folds_case_accents_and_punctuation() {
        assert_eq!(normalise("Sint-Genesius-Rode"), "sint genesius rode");
        assert_eq!(normalise("  Écaussinnes "), "ecaussinnes");
        assert_eq!(normalise("Rhode-Saint-Genèse"), "rhode saint genese");
        assert_eq!(normalise("--"), "");
    }

    fn tiny_atlas() -> Atlas {
        use crate::model::atlas::{AtlasInput, Edition, MunicipalityInput, UnitInput};
        let muni = |code: &str, name: &str, x: f64| MunicipalityInput {
            code: code.into(),
            name: name.into(),
            province: String::new(),
            polygons: vec![vec![vec![
                [x, 50.0],
                [x + 0.1, 50.0],
                [x + 0.1, 50.1],
                [x, 50.1],
                [x, 50.0],
            ]]],
            population: Some(1),
            children: Some(1),
            population_year: 2021,
            predecessors: vec![(code.into(), Some(1))],
        };
        Atlas::build(AtlasInput {
            edition: Edition::M2025,
            municipalities: vec![
                muni("55050", "Écaussinnes", 4.0),
                muni("21005", "Etterbeek", 4.1),
                muni("21015", "Schaarbeek", 4.2),
            ],
            units: vec![UnitInput {
                code: "z".into(),
                name: "Zone Beek".into(),
                members: vec!["55050".into(), "21005".into(), "21015".into()],
            }],
            splits: Vec::new(),
        })
        .expect("atlas")
    }

    #[test]
    fn accents_and_case_do_not_matter() {
        let atlas = tiny_atlas();
        let index = SearchIndex::new(&atlas, &[]);
        let first = |q: &str| {
            index
                .search(&atlas, None, q, 10)
                .first()
                .map(|h| h.name.clone())
        };
        assert_eq!(first("ecaussinnes").as_deref(), Some("Écaussinnes"));
        assert_eq!(first("ÉCAUSSINNES").as_deref(), Some("Écaussinnes"));
        assert_eq!(first("Ëtterbeek").as_deref(), Some("Etterbeek"));
        assert_eq!(first("etter").as_deref(), Some("Etterbeek"));
        // "beek": the zone's word prefix ranks before the substrings in the two towns.
        let hits = index.search(&atlas, None, "beek", 10);
        assert_eq!(hits.len(), 3);
        assert_eq!(hits[0].target, SearchTarget::Zone(ZoneId(0)));
        assert!(hits[1..].iter().all(|h| h.kind == MatchKind::Substring));
        assert!(index.search(&atlas, None, " - ", 10).is_empty());
        // NIS codes match from their start only.
        assert_eq!(first("2100").as_deref(), Some("Etterbeek"));
        assert!(index.search(&atlas, None, "005", 10).is_empty());
    }

    #[test]
    fn match_kinds_rank_whole_names_first() {
        assert_eq!(match_kind("gent", "gent"), Some(MatchKind::Exact));
        assert_eq!(
            match_kind("gera", "geraardsbergen"),
            Some(MatchKind::Prefix)
        );
        assert_eq!(
            match_kind("gent", "samen1plan gent"),
            Some(MatchKind::WordPrefix)
        );
        assert_eq!(
            match_kind("brugge", "zeebrugge"),
            Some(MatchKind::Substring)
        );
        assert_eq!(match_kind("xyz", "gent"), None);
        assert!(MatchKind::Exact < MatchKind::Substring);
    }
}
