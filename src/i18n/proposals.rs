//! The texts of region proposals: merging them (the conflicts and their choices) and the
//! report an IROJ hands in, Dutch and English.

use super::Lang;
use crate::model::atlas::Atlas;
use crate::model::ids::ZoneId;
use crate::model::merge::{Choice, Conflict, ConflictKind, Merge, Place};
use crate::model::region::Region;
use crate::model::scenario::AreaStatus;

pub struct ProposalTexts {
    // Merging.
    pub merge_title: &'static str,
    pub merge_button: &'static str,
    pub merge_pick_title: &'static str,
    pub merge_no_conflicts: &'static str,
    pub merge_conflicts_head: &'static str,
    pub merge_nothing_written: &'static str,
    pub merge_chosen: &'static str,
    pub merge_need_two: &'static str,
    pub merge_read_failed: &'static str,
    pub merged_name: &'static str,
    pub merged_from: &'static str,
    pub conflict_word: &'static str,
    pub no_team: &'static str,
    pub all_regions: &'static str,
    pub proposal_name: &'static str,
    pub proposal_name_region: &'static str,
    // The report.
    pub report_title: &'static str,
    pub name: &'static str,
    pub region: &'static str,
    pub author: &'static str,
    pub date: &'static str,
    pub status: &'static str,
    pub description: &'static str,
    pub rules: &'static str,
    pub rules_hold: &'static str,
    pub rules_broken: &'static str,
    pub none: &'static str,
    pub page_of: &'static str,
    pub map_title: &'static str,
    pub teams_title: &'static str,
    pub col_team: &'static str,
    pub col_zones: &'static str,
    pub col_munis: &'static str,
    pub col_inhabitants: &'static str,
    pub col_children: &'static str,
    pub col_budget_flat: &'static str,
    pub col_budget_share: &'static str,
    pub col_per_child: &'static str,
    pub col_partners: &'static str,
    pub col_contiguous: &'static str,
    pub col_area: &'static str,
    pub total: &'static str,
    pub yes: &'static str,
    pub no: &'static str,
    pub sourced: &'static str,
    pub partial: &'static str,
    pub estimated: &'static str,
    pub changes_title: &'static str,
    pub changes_none: &'static str,
    pub col_place: &'static str,
    pub col_from: &'static str,
    pub col_to: &'static str,
    pub zone: &'static str,
    pub municipality: &'static str,
    pub budget_change_title: &'static str,
    pub col_now: &'static str,
    pub col_change: &'static str,
    pub broken_title: &'static str,
    pub detached_part: &'static str,
    pub unassigned_zone: &'static str,
    pub more_parts: &'static str,
    pub sources_title: &'static str,
    pub data_used: &'static str,
    pub continued: &'static str,
}

const NL: ProposalTexts = ProposalTexts {
    merge_title: "Voorstellen samenvoegen",
    merge_button: "Samenvoegen",
    merge_pick_title: "Kies de voorstellen om samen te voegen",
    merge_no_conflicts: "De voorstellen spreken elkaar niet tegen.",
    merge_conflicts_head: "{n} conflicten tussen de voorstellen:",
    merge_nothing_written: "Niets geschreven: kies per conflict in het venster (Bestand > Voorstellen samenvoegen…), pas de voorstellen aan, of geef --first-wins.",
    merge_chosen: "gekozen",
    merge_need_two: "Kies minstens twee voorstellen om samen te voegen.",
    merge_read_failed: "Voorstel niet gelezen",
    merged_name: "Samengevoegde voorstellen",
    merged_from: "Samengevoegd uit: {files}.",
    conflict_word: "conflict",
    no_team: "geen team",
    all_regions: "heel Vlaanderen en Brussel",
    proposal_name: "Voorstel",
    proposal_name_region: "Voorstel IROJ {region}",
    report_title: "Voorstel voor de werkgebieden van 1 Gezin 1 Plan",
    name: "Naam",
    region: "Regio",
    author: "Auteur",
    date: "Datum",
    status: "Status",
    description: "Beschrijving",
    rules: "Regels",
    rules_hold: "Alle regels voldaan: elk team aaneengesloten, elke zone heeft een team.",
    rules_broken: "Niet alle regels voldaan:",
    none: "—",
    page_of: "pagina {i} van {n}",
    map_title: "Kaart: {region}",
    teams_title: "Teams: {region}",
    col_team: "Team",
    col_zones: "ELZ",
    col_munis: "Gemeenten",
    col_inhabitants: "Inwoners",
    col_children: "Kinderen 0-17",
    col_budget_flat: "Budget (per zone)",
    col_budget_share: "Budget (naar kinderen)",
    col_per_child: "EUR per kind",
    col_partners: "Partners",
    col_contiguous: "Aaneengesloten",
    col_area: "Gebied",
    total: "Totaal",
    yes: "ja",
    no: "nee",
    sourced: "uit bron",
    partial: "deels uit bron",
    estimated: "schatting",
    changes_title: "Wijzigingen tegenover {baseline}",
    changes_none: "Geen zone of gemeente verandert van team.",
    col_place: "Zone of gemeente",
    col_from: "Van",
    col_to: "Naar",
    zone: "zone",
    municipality: "gemeente",
    budget_change_title: "Budget per team tegenover {baseline}",
    col_now: "nu",
    col_change: "verschil",
    broken_title: "Regel niet voldaan",
    detached_part: "{team} is niet aaneengesloten: los deel {k} van {n} ({zones})",
    unassigned_zone: "Zone zonder team: {zone}",
    more_parts: "… en nog {n} delen of zones zonder kaart.",
    sources_title: "Bronnen en naamsvermelding",
    data_used: "Gegevens",
    continued: "(vervolg)",
};

const EN: ProposalTexts = ProposalTexts {
    merge_title: "Merge proposals",
    merge_button: "Merge",
    merge_pick_title: "Choose the proposals to merge",
    merge_no_conflicts: "The proposals do not contradict each other.",
    merge_conflicts_head: "{n} conflicts between the proposals:",
    merge_nothing_written: "Nothing written: choose for each conflict in the window (File > Merge proposals…), change the proposals, or give --first-wins.",
    merge_chosen: "chosen",
    merge_need_two: "Choose at least two proposals to merge.",
    merge_read_failed: "Proposal not read",
    merged_name: "Merged proposals",
    merged_from: "Merged from: {files}.",
    conflict_word: "conflict",
    no_team: "no team",
    all_regions: "all of Flanders and Brussels",
    proposal_name: "Proposal",
    proposal_name_region: "Proposal IROJ {region}",
    report_title: "Proposal for the work areas of 1 Gezin 1 Plan",
    name: "Name",
    region: "Region",
    author: "Author",
    date: "Date",
    status: "Status",
    description: "Description",
    rules: "Rules",
    rules_hold: "Every rule holds: each team contiguous, each zone has a team.",
    rules_broken: "Not every rule holds:",
    none: "—",
    page_of: "page {i} of {n}",
    map_title: "Map: {region}",
    teams_title: "Teams: {region}",
    col_team: "Team",
    col_zones: "Zones",
    col_munis: "Municipalities",
    col_inhabitants: "Inhabitants",
    col_children: "Children 0-17",
    col_budget_flat: "Budget (per zone)",
    col_budget_share: "Budget (by children)",
    col_per_child: "EUR per child",
    col_partners: "Partners",
    col_contiguous: "Contiguous",
    col_area: "Area",
    total: "Total",
    yes: "yes",
    no: "no",
    sourced: "sourced",
    partial: "partly sourced",
    estimated: "estimated",
    changes_title: "Changes against {baseline}",
    changes_none: "No zone or municipality changes team.",
    col_place: "Zone or municipality",
    col_from: "From",
    col_to: "To",
    zone: "zone",
    municipality: "municipality",
    budget_change_title: "Budget per team against {baseline}",
    col_now: "now",
    col_change: "change",
    broken_title: "Rule broken",
    detached_part: "{team} is not contiguous: detached part {k} of {n} ({zones})",
    unassigned_zone: "Zone without a team: {zone}",
    more_parts: "… and {n} more parts or zones without a map.",
    sources_title: "Sources and attribution",
    data_used: "Data",
    continued: "(continued)",
};

pub fn texts(lang: Lang) -> &'static ProposalTexts {
    match lang {
        Lang::Nl => &NL,
        Lang::En => &EN,
    }
}

/// What the merged file's description says: the files it came from, with their regions.
pub fn merged_description(lang: Lang, files: &[(String, Option<Region>)]) -> String {
    let t = texts(lang);
    let list: Vec<String> = files
        .iter()
        .map(|(name, r)| format!("{name} ({})", region_name(*r, t)))
        .collect();
    t.merged_from.replace("{files}", &list.join(", "))
}

/// How a team's area is known.
pub fn area_status(s: AreaStatus, t: &ProposalTexts) -> &'static str {
    match s {
        AreaStatus::Sourced => t.sourced,
        AreaStatus::Partial => t.partial,
        AreaStatus::Estimated => t.estimated,
    }
}

/// A region's name, or "all of Flanders and Brussels".
pub fn region_name(r: Option<Region>, t: &ProposalTexts) -> String {
    r.map_or_else(|| t.all_regions.to_string(), |r| r.name().to_string())
}

/// The names the merge texts use: zones from the atlas, teams from the merge, proposals by
/// their label (a file name).
pub struct MergeNames<'a> {
    pub atlas: &'a Atlas,
    pub merge: &'a Merge<'a>,
    pub labels: &'a [String],
}

impl MergeNames<'_> {
    fn label(&self, p: usize) -> &str {
        self.labels.get(p).map_or("?", String::as_str)
    }

    fn team(&self, id: &str) -> String {
        self.merge
            .team(id)
            .map_or_else(|| id.to_string(), |t| format!("{} ({id})", t.name))
    }

    fn zone(&self, u: ZoneId) -> String {
        self.atlas
            .units
            .get(u)
            .map_or_else(String::new, |z| format!("{} ({})", z.name, z.code))
    }

    fn zones(&self, us: &[ZoneId]) -> String {
        us.iter()
            .map(|&u| self.zone(u))
            .collect::<Vec<_>>()
            .join(", ")
    }

    fn place(&self, p: Place, t: &ProposalTexts) -> String {
        match p {
            Place::Zone(u) => format!("{} {}", capital(t.zone), self.zone(u)),
            Place::Municipality(m) => format!(
                "{} {}",
                capital(t.municipality),
                self.atlas
                    .municipalities
                    .get(m)
                    .map_or("", |m| m.name.as_str())
            ),
        }
    }
}

fn capital(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}

fn regions(rs: &[Region]) -> String {
    rs.iter().map(|r| r.name()).collect::<Vec<_>>().join(", ")
}

/// One conflict, as a line for the user.
pub fn conflict(lang: Lang, c: &Conflict, n: &MergeNames) -> String {
    let t = texts(lang);
    let choices = || {
        c.options
            .iter()
            .map(|o| choice(lang, c, o, n))
            .collect::<Vec<_>>()
            .join("; ")
    };
    match (&c.kind, lang) {
        (ConflictKind::Contested { place }, Lang::Nl) => format!(
            "{}: de voorstellen geven dit aan verschillende teams ({})",
            n.place(*place, t),
            choices()
        ),
        (ConflictKind::Contested { place }, Lang::En) => format!(
            "{}: the proposals give it to different teams ({})",
            n.place(*place, t),
            choices()
        ),
        (ConflictKind::Uncovered { unit }, _) => {
            let region = region_name(crate::model::region::unit_region(n.atlas, *unit), t);
            match lang {
                Lang::Nl => format!(
                    "Zone {} ({region}): geen voorstel voor deze regio geeft ze een team",
                    n.zone(*unit)
                ),
                Lang::En => format!(
                    "Zone {} ({region}): no proposal for this region gives it a team",
                    n.zone(*unit)
                ),
            }
        }
        (
            ConflictKind::CrossesBorder {
                proposal,
                team,
                regions: rs,
                outside,
            },
            _,
        ) => {
            let scoped = n.merge.proposal(*proposal).and_then(|p| p.region);
            match (scoped, lang) {
                (Some(r), Lang::Nl) => format!(
                    "Team {} in {} gaat over de regiogrens: het krijgt ook {} buiten {r}",
                    n.team(team),
                    n.label(*proposal),
                    n.zones(outside)
                ),
                (Some(r), Lang::En) => format!(
                    "Team {} in {} crosses the region border: it also gets {} outside {r}",
                    n.team(team),
                    n.label(*proposal),
                    n.zones(outside)
                ),
                (None, Lang::Nl) => format!(
                    "Team {} in {} gaat over de regiogrens: het heeft zones in {}",
                    n.team(team),
                    n.label(*proposal),
                    regions(rs)
                ),
                (None, Lang::En) => format!(
                    "Team {} in {} crosses the region border: it has zones in {}",
                    n.team(team),
                    n.label(*proposal),
                    regions(rs)
                ),
            }
        }
        (ConflictKind::TeamDiffers { team }, Lang::Nl) => format!(
            "Team-id {team} heeft verschillende namen of kleuren ({})",
            choices()
        ),
        (ConflictKind::TeamDiffers { team }, Lang::En) => format!(
            "Team id {team} has different names or colours ({})",
            choices()
        ),
        (ConflictKind::TwoRegions { team, regions: rs }, Lang::Nl) => format!(
            "Team {} komt voor in meer dan één regio: {}",
            n.team(team),
            regions(rs)
        ),
        (ConflictKind::TwoRegions { team, regions: rs }, Lang::En) => format!(
            "Team {} appears in more than one region: {}",
            n.team(team),
            regions(rs)
        ),
    }
}

/// One choice of a conflict, for a radio button or the line "chosen: …".
pub fn choice(lang: Lang, c: &Conflict, o: &Choice, n: &MergeNames) -> String {
    let t = texts(lang);
    let team_of = |team: &Option<String>| {
        team.as_deref()
            .map_or_else(|| t.no_team.to_string(), |id| n.team(id))
    };
    let crossing_team = match &c.kind {
        ConflictKind::CrossesBorder { team, .. } | ConflictKind::TwoRegions { team, .. } => {
            n.team(team)
        }
        _ => String::new(),
    };
    match (o, lang) {
        (
            Choice::Team {
                team,
                from: Some(p),
            },
            _,
        ) => {
            format!("{}: {}", n.label(*p), team_of(team))
        }
        (Choice::Team { team, from: None }, _) => team_of(team),
        (Choice::Variant { from, name, colour }, _) => format!(
            "{}: {name} {}",
            n.label(*from),
            crate::data::scenario_file::colour_hex(*colour)
        ),
        (Choice::FollowRegion, Lang::Nl) => {
            "die zones volgen het voorstel van hun eigen regio".to_string()
        }
        (Choice::FollowRegion, Lang::En) => "those zones follow their own region's proposal".into(),
        (Choice::TakeAlong, Lang::Nl) => format!("die zones gaan ook naar {crossing_team}"),
        (Choice::TakeAlong, Lang::En) => format!("those zones go to {crossing_team} as well"),
        (Choice::OneTeam, Lang::Nl) => format!("{crossing_team} blijft één team over de regio's"),
        (Choice::OneTeam, Lang::En) => format!("{crossing_team} stays one team across the regions"),
        (Choice::SplitPerRegion, Lang::Nl) => {
            format!("een apart team per regio voor {crossing_team}")
        }
        (Choice::SplitPerRegion, Lang::En) => {
            format!("a separate team per region for {crossing_team}")
        }
    }
}
