//! The texts of a scenario as a proposal in the window: its properties (name, author,
//! description, status, region), the comparison "as opened", the team details window, the
//! team list by region, and the guide in the Help menu, Dutch and English.

use super::Texts;
use crate::model::region::Region;
use crate::model::scenario::{Scenario, Status};

pub struct ScenarioTexts {
    // The properties dialog.
    pub properties: &'static str,
    pub properties_title: &'static str,
    pub name: &'static str,
    pub author: &'static str,
    pub description: &'static str,
    pub status: &'static str,
    pub status_none: &'static str,
    pub concept: &'static str,
    pub proposal: &'static str,
    pub final_: &'static str,
    pub region: &'static str,
    pub region_none: &'static str,
    pub region_hint: &'static str,
    pub apply: &'static str,
    pub tab_hint: &'static str,
    // The comparison.
    pub baseline_opened: &'static str,
    pub zones_word: &'static str,
    pub budget_word: &'static str,
    // The team details window.
    pub team_details: &'static str,
    pub team_details_title: &'static str,
    pub partners: &'static str,
    pub partners_unknown: &'static str,
    pub note: &'static str,
    pub region_from_zones: &'static str,
    // The team list by region.
    pub group_by_region: &'static str,
    pub group_by_region_hint: &'static str,
    pub filter_region: &'static str,
    pub all_regions: &'static str,
    pub no_region: &'static str,
    pub name_hint: &'static str,
    // The guide.
    pub guide: &'static str,
    pub guide_sections: &'static [(&'static str, &'static str)],
}

pub const NL: ScenarioTexts = ScenarioTexts {
    properties: "Eigenschappen…",
    properties_title: "Eigenschappen van het scenario",
    name: "Naam",
    author: "Auteur",
    description: "Beschrijving",
    status: "Status",
    status_none: "niet gezegd",
    concept: "concept",
    proposal: "voorstel",
    final_: "definitief",
    region: "IROJ-regio",
    region_none: "heel Vlaanderen en Brussel",
    region_hint: "Met een regio toont de kaart wat erbuiten ligt gedempt, kunnen zones erbuiten niet \
                  veranderen en staan de teams van de regio bovenaan.",
    apply: "Toepassen",
    tab_hint: "Dubbelklik: eigenschappen",
    baseline_opened: "zoals geopend",
    zones_word: "zones",
    budget_word: "budget",
    team_details: "Teamgegevens…",
    team_details_title: "Teamgegevens",
    partners: "Gesubsidieerde partners",
    partners_unknown: "niet gekend",
    note: "Notitie",
    region_from_zones: "volgens de zones",
    group_by_region: "Per regio",
    group_by_region_hint: "De teams gegroepeerd per IROJ-regio",
    filter_region: "Regio",
    all_regions: "alle regio's",
    no_region: "zonder regio",
    name_hint: "Klik: zoom naar het gebied van het team",
    guide: "Handleiding",
    guide_sections: &[
        (
            "Een voorstel maken",
            "Bestand > Nieuw begint van de standaardindeling. Geef het scenario een naam, een \
             auteur, een beschrijving en een status (concept, voorstel, definitief) in Bestand > \
             Eigenschappen… of met een dubbelklik op de tab. Kies daar ook de IROJ-regio: wat \
             erbuiten ligt wordt gedempt en kan niet veranderen. Naam en status staan in de \
             titel, op de tab, in elke export, in de presentatie en in het rapport.",
        ),
        (
            "Zones verplaatsen",
            "Klik een zone om ze te kiezen (shift-klik voegt toe, shift-slepen tekent een \
             rechthoek). Sleep ze naar een team in de lijst of naar een buurzone; de kaart en de \
             cijfers tonen het resultaat al tijdens het slepen, Esc breekt af. Rechtsklik of \
             Ctrl+M geeft de lijst 'Verplaats naar team'. Ctrl+Z maakt ongedaan.",
        ),
        (
            "Teams",
            "+ Nieuw team geeft een nieuw team met een eigen kleur; zijn regio volgt uit zijn \
             zones. Het menu '…' van een team opent de teamgegevens: naam, kleur, regio, \
             partners en een notitie. Klik de naam van een team om naar zijn gebied te zoomen. \
             'Per regio' groepeert de lijst, 'Beknopt' toont één regel per team.",
        ),
        (
            "Vergelijken",
            "'Vergelijk met' meet de veranderingen tegen het scenario zoals het geopend werd, de \
             teams van 2020, de standaardindeling of een andere tab. Elk team toont wat het wint \
             en verliest aan zones, gemeenten, kinderen en budget; 'Verschillen' toont elke \
             verplaatste zone. De keuze en het budgetmodel worden met het scenario bewaard.",
        ),
        (
            "Bewaren, delen en voorstellen",
            "Ctrl+S bewaart het scenario als JSON-bestand om te mailen. Het menu Bestand \
             exporteert een kaart (PNG, SVG, PDF), tabellen (CSV, Excel) of het rapport voor het IROJ. \
             F5 start de presentatie; Bestand > Voorstellen samenvoegen… maakt van de voorstellen \
             van de regio's één indeling. Help > Sneltoetsen toont alle toetsen.",
        ),
    ],
};

pub const EN: ScenarioTexts = ScenarioTexts {
    properties: "Properties…",
    properties_title: "Scenario properties",
    name: "Name",
    author: "Author",
    description: "Description",
    status: "Status",
    status_none: "not said",
    concept: "draft",
    proposal: "proposal",
    final_: "final",
    region: "IROJ region",
    region_none: "all of Flanders and Brussels",
    region_hint: "With a region, the map dims what lies outside it, zones outside it cannot change \
                  and the region's teams come first in the list.",
    apply: "Apply",
    tab_hint: "Double-click: properties",
    baseline_opened: "as opened",
    zones_word: "zones",
    budget_word: "budget",
    team_details: "Team details…",
    team_details_title: "Team details",
    partners: "Subsidised partners",
    partners_unknown: "not known",
    note: "Note",
    region_from_zones: "from its zones",
    group_by_region: "By region",
    group_by_region_hint: "The teams grouped by IROJ region",
    filter_region: "Region",
    all_regions: "all regions",
    no_region: "no region",
    name_hint: "Click: zoom to the team's area",
    guide: "Guide",
    guide_sections: &[
        (
            "Making a proposal",
            "File > New starts from the default division. Give the scenario a name, an author, \
             a description and a status (draft, proposal, final) in File > Properties… or by \
             double-clicking its tab. Pick the IROJ region there too: what lies outside it is \
             dimmed and cannot change. Name and status appear in the title, on the tab, in every \
             export, in the presentation and in the report.",
        ),
        (
            "Moving zones",
            "Click a zone to select it (shift-click adds, shift-drag draws a rectangle). Drag it \
             onto a team in the list or onto a neighbouring zone; the map and the figures show \
             the result while you drag, Esc cancels. Right-click or Ctrl+M gives the 'Move to \
             team' list. Ctrl+Z undoes.",
        ),
        (
            "Teams",
            "+ New team adds a team with a colour of its own; its region follows from its zones. \
             A team's '…' menu opens its details: name, colour, region, partners and a note. \
             Click a team's name to zoom to its area. 'By region' groups the list, 'Compact' \
             shows one line per team.",
        ),
        (
            "Comparing",
            "'Compare with' measures the changes against the scenario as it was opened, the 2020 \
             teams, the default division or another tab. Each team shows what it gains and loses \
             in zones, municipalities, children and budget; 'Differences' lists every zone that \
             moved. The choice and the budget model are saved with the scenario.",
        ),
        (
            "Saving, sharing and presenting",
            "Ctrl+S saves the scenario as a JSON file to e-mail. The File menu exports a map (PNG, \
             SVG, PDF), tables (CSV, Excel) or the report for the IROJ. F5 starts the \
             presentation; File > Merge proposals… makes one division of the regions' proposals. \
             Help > Shortcuts lists every key.",
        ),
    ],
};

/// The word for a status.
pub fn status_name(s: Status, t: &ScenarioTexts) -> &'static str {
    match s {
        Status::Concept => t.concept,
        Status::Proposal => t.proposal,
        Status::Final => t.final_,
    }
}

/// A region's name, or "all of Flanders and Brussels".
pub fn region_name(r: Option<Region>, t: &ScenarioTexts) -> &'static str {
    r.map_or(t.region_none, Region::name)
}

/// The title of a scenario wherever it is shown (window, tab, exports, presentation): its
/// name, and its status when one is given ("Voorstel Gent (concept)").
pub fn title(s: &Scenario, t: &Texts) -> String {
    let name = super::scenario_name(&s.name, t);
    match s.status {
        Some(st) => format!("{name} ({})", status_name(st, t.proposal_ui)),
        None => name.to_string(),
    }
}
