//! Every UI string, in Dutch and English, and Belgian number formatting.

#[derive(Clone, Copy, Debug, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
pub enum Lang {
    #[default]
    Nl,
    En,
}

/// Format a whole number the Belgian way: 1.234.567 (negative numbers get a minus sign).
pub fn int(v: f64) -> String {
    let n = v.round();
    let neg = n < 0.0;
    let digits = format!("{:.0}", n.abs());
    let mut out = String::with_capacity(digits.len() + digits.len() / 3 + 1);
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push('.');
        }
        out.push(ch);
    }
    if neg { format!("-{out}") } else { out }
}

/// An amount in euro, Belgian style: EUR 400.000.
pub fn eur(v: f64) -> String {
    format!("EUR {}", int(v))
}

/// A decimal with a comma: 12,5.
pub fn dec(v: f64, decimals: usize) -> String {
    format!("{v:.decimals$}").replace('.', ",")
}

/// Fold accents and case, for searching: "Sint-Genesius-Rode" ~ "sint genesius rode".
pub fn fold(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            'à' | 'á' | 'â' | 'ä' | 'À' | 'Á' | 'Â' | 'Ä' => 'a',
            'è' | 'é' | 'ê' | 'ë' | 'È' | 'É' | 'Ê' | 'Ë' => 'e',
            'ì' | 'í' | 'î' | 'ï' | 'Ì' | 'Í' | 'Î' | 'Ï' => 'i',
            'ò' | 'ó' | 'ô' | 'ö' | 'Ò' | 'Ó' | 'Ô' | 'Ö' => 'o',
            'ù' | 'ú' | 'û' | 'ü' | 'Ù' | 'Ú' | 'Û' | 'Ü' => 'u',
            'ç' | 'Ç' => 'c',
            c => c.to_ascii_lowercase(),
        })
        .collect()
}

/// The UI texts of one language.
pub struct Texts {
    pub app_title: &'static str,
    pub menu_file: &'static str,
    pub menu_view: &'static str,
    pub menu_help: &'static str,
    pub choose_data_folder: &'static str,
    pub about: &'static str,
    pub language: &'static str,
    pub quit: &'static str,
    pub teams: &'static str,
    pub team: &'static str,
    pub no_team: &'static str,
    pub zones: &'static str,
    pub zone: &'static str,
    pub municipalities: &'static str,
    pub population: &'static str,
    pub children: &'static str,
    pub budget: &'static str,
    pub unknown: &'static str,
    pub estimate: &'static str,
    pub estimated_area: &'static str,
    pub sourced_area: &'static str,
    pub partial_area: &'static str,
    pub contiguous: &'static str,
    pub not_contiguous: &'static str,
    pub parts: &'static str,
    pub coverage_ok: &'static str,
    pub coverage_missing: &'static str,
    pub total: &'static str,
    pub partners: &'static str,
    pub selected: &'static str,
    pub nothing_selected: &'static str,
    pub tiles: &'static str,
    pub tiles_offline: &'static str,
    pub tiles_none: &'static str,
    pub municipality_borders: &'static str,
    pub zone_labels: &'static str,
    pub scenario: &'static str,
    pub data_missing_title: &'static str,
    pub data_missing_intro: &'static str,
    pub data_looked_in: &'static str,
    pub data_missing_files: &'static str,
    pub data_error: &'static str,
    pub retry: &'static str,
    pub close: &'static str,
    pub about_text: &'static str,
    pub attribution: &'static str,
    pub edition: &'static str,
    pub population_note: &'static str,
    pub antwerp_note: &'static str,
    pub children_unknown_note: &'static str,
    pub rules_ok: &'static str,
    pub rules_broken: &'static str,
    pub zoom_to: &'static str,
    pub undo: &'static str,
    pub redo: &'static str,
    pub mode: &'static str,
    pub mode_zones: &'static str,
    pub mode_municipalities: &'static str,
    pub budget_model: &'static str,
    pub budget_flat: &'static str,
    pub budget_share: &'static str,
    pub compare_with: &'static str,
    pub baseline_historic: &'static str,
    pub baseline_default: &'static str,
    pub next_unassigned: &'static str,
    pub move_to_team: &'static str,
    pub unassign: &'static str,
    pub new_team: &'static str,
    pub rename: &'static str,
    pub colour: &'static str,
    pub lock: &'static str,
    pub unlock: &'static str,
    pub locked: &'static str,
    pub delete: &'static str,
    pub cancel: &'static str,
    pub delete_question: &'static str,
    pub delete_explain: &'static str,
    pub per_child: &'static str,
    pub gained: &'static str,
    pub lost: &'static str,
    pub versus: &'static str,
    pub zone_split: &'static str,
    pub part: &'static str,
    pub preview: &'static str,
    pub teams_not_contiguous: &'static str,
    pub drop_here: &'static str,
    pub selection: &'static str,
    pub hint_edit: &'static str,
}

pub const NL: Texts = Texts {
    app_title: "Gebiedsplanner",
    menu_file: "Bestand",
    menu_view: "Beeld",
    menu_help: "Help",
    choose_data_folder: "Gegevensmap kiezen…",
    about: "Over Gebiedsplanner",
    language: "Taal",
    quit: "Afsluiten",
    teams: "Teams",
    team: "Team",
    no_team: "geen team",
    zones: "Eerstelijnszones",
    zone: "Eerstelijnszone",
    municipalities: "Gemeenten",
    population: "Inwoners",
    children: "Kinderen 0-17",
    budget: "Budget",
    unknown: "onbekend",
    estimate: "schatting",
    estimated_area: "gebied geschat",
    sourced_area: "gebied uit bron",
    partial_area: "gebied deels uit bron",
    contiguous: "aaneengesloten",
    not_contiguous: "niet aaneengesloten",
    parts: "delen",
    coverage_ok: "Heel Vlaanderen en Brussel is gedekt",
    coverage_missing: "zones zonder team",
    total: "Totaal",
    partners: "partners",
    selected: "Geselecteerd",
    nothing_selected: "Klik op een zone op de kaart.",
    tiles: "Achtergrondkaart",
    tiles_offline: "achtergrondkaart offline",
    tiles_none: "geen achtergrondkaart",
    municipality_borders: "Gemeentegrenzen",
    zone_labels: "Namen van zones",
    scenario: "Scenario",
    data_missing_title: "Gegevens niet gevonden",
    data_missing_intro: "Gebiedsplanner leest open data uit een gegevensmap. Deze bestanden zijn nodig:",
    data_looked_in: "Gezocht in:",
    data_missing_files: "ontbreekt",
    data_error: "De gegevens konden niet gelezen worden:",
    retry: "Opnieuw zoeken",
    close: "Sluiten",
    about_text: "Gebiedsplanner toont de eerstelijnszones van Vlaanderen en Brussel en de werkgebieden van de teams 1 Gezin 1 Plan, en helpt nieuwe indelingen uit te proberen.",
    attribution: "Bronnen en licenties",
    edition: "Gemeenten",
    population_note: "Inwoners: Vlaanderen 1/1/2021, Brussel 1/1/2020 (Statbel).",
    antwerp_note: "De vier Antwerpse zones delen de stad Antwerpen; hun inwoners zijn geschat naar oppervlakte.",
    children_unknown_note: "Voor Brussel is geen leeftijdsverdeling beschikbaar: kinderen onbekend.",
    rules_ok: "Alle regels voldaan",
    rules_broken: "Regels niet voldaan",
    zoom_to: "Zoom",
    undo: "Ongedaan maken",
    redo: "Opnieuw",
    mode: "Verplaats",
    mode_zones: "zones",
    mode_municipalities: "gemeenten",
    budget_model: "Budget",
    budget_flat: "vast per zone",
    budget_share: "naar kinderen",
    compare_with: "Vergelijk met",
    baseline_historic: "teams 2020",
    baseline_default: "standaardindeling",
    next_unassigned: "Volgende zone zonder team",
    move_to_team: "Verplaats naar team",
    unassign: "Geen team",
    new_team: "Nieuw team",
    rename: "Hernoemen",
    colour: "Kleur",
    lock: "Vergrendelen",
    unlock: "Ontgrendelen",
    locked: "vergrendeld",
    delete: "Verwijderen",
    cancel: "Annuleren",
    delete_question: "Team verwijderen?",
    delete_explain: "zones krijgen geen team.",
    per_child: "per kind",
    gained: "erbij",
    lost: "weg",
    versus: "t.o.v.",
    zone_split: "ELZ gesplitst",
    part: "deel",
    preview: "voorbeeld",
    teams_not_contiguous: "teams niet aaneengesloten",
    drop_here: "Loslaten om toe te wijzen",
    selection: "Selectie",
    hint_edit: "Klik selecteert (shift: meer, shift+sleep: rechthoek). Sleep een geselecteerde zone naar een team of een buurzone. Rechtsklik: verplaatsen. Esc: annuleren.",
};

pub const EN: Texts = Texts {
    app_title: "Gebiedsplanner",
    menu_file: "File",
    menu_view: "View",
    menu_help: "Help",
    choose_data_folder: "Choose data folder…",
    about: "About Gebiedsplanner",
    language: "Language",
    quit: "Quit",
    teams: "Teams",
    team: "Team",
    no_team: "no team",
    zones: "Primary-care zones",
    zone: "Primary-care zone",
    municipalities: "Municipalities",
    population: "Population",
    children: "Children 0-17",
    budget: "Budget",
    unknown: "unknown",
    estimate: "estimate",
    estimated_area: "area estimated",
    sourced_area: "area from source",
    partial_area: "area partly from source",
    contiguous: "contiguous",
    not_contiguous: "not contiguous",
    parts: "parts",
    coverage_ok: "All of Flanders and Brussels is covered",
    coverage_missing: "zones without a team",
    total: "Total",
    partners: "partners",
    selected: "Selected",
    nothing_selected: "Click a zone on the map.",
    tiles: "Base map",
    tiles_offline: "base map offline",
    tiles_none: "no base map",
    municipality_borders: "Municipality borders",
    zone_labels: "Zone names",
    scenario: "Scenario",
    data_missing_title: "Data not found",
    data_missing_intro: "Gebiedsplanner reads open data from a data folder. It needs these files:",
    data_looked_in: "Looked in:",
    data_missing_files: "missing",
    data_error: "The data could not be read:",
    retry: "Look again",
    close: "Close",
    about_text: "Gebiedsplanner shows the primary-care zones of Flanders and Brussels and the work areas of the 1 Gezin 1 Plan teams, and helps try out new divisions.",
    attribution: "Sources and licences",
    edition: "Municipalities",
    population_note: "Population: Flanders 1/1/2021, Brussels 1/1/2020 (Statbel).",
    antwerp_note: "The four Antwerp zones divide the city of Antwerp; their population is estimated by area.",
    children_unknown_note: "Brussels has no age split in the data: children unknown.",
    rules_ok: "All rules hold",
    rules_broken: "Rules broken",
    zoom_to: "Zoom",
    undo: "Undo",
    redo: "Redo",
    mode: "Move",
    mode_zones: "zones",
    mode_municipalities: "municipalities",
    budget_model: "Budget",
    budget_flat: "flat per zone",
    budget_share: "by children",
    compare_with: "Compare with",
    baseline_historic: "teams 2020",
    baseline_default: "default division",
    next_unassigned: "Next zone without team",
    move_to_team: "Move to team",
    unassign: "No team",
    new_team: "New team",
    rename: "Rename",
    colour: "Colour",
    lock: "Lock",
    unlock: "Unlock",
    locked: "locked",
    delete: "Delete",
    cancel: "Cancel",
    delete_question: "Delete team?",
    delete_explain: "zones will have no team.",
    per_child: "per child",
    gained: "gained",
    lost: "lost",
    versus: "vs.",
    zone_split: "zone split",
    part: "part",
    preview: "preview",
    teams_not_contiguous: "teams not contiguous",
    drop_here: "Release to assign",
    selection: "Selection",
    hint_edit: "Click selects (shift: more, shift+drag: rectangle). Drag a selected zone onto a team or a neighbouring zone. Right-click: move. Esc: cancel.",
};

pub fn texts(lang: Lang) -> &'static Texts {
    match lang {
        Lang::Nl => &NL,
        Lang::En => &EN,
    }
}

/// Attribution lines required by the data licences (shown in the About box and on exports).
pub const ATTRIBUTIONS: &[&str] = &[
    "Gemeente- en zonegrenzen: Data & Analyse van de Vlaamse provincies (provincies.incijfers.be), op basis van Statbel statistische sectoren. © Statbel (Algemene Directie Statistiek - Statistics Belgium), Licentie open data.",
    "Bevolking: Statbel (Algemene Directie Statistiek - Statistics Belgium), 1/1/2021 (Vlaanderen, via de open vaccinatiedata van het Agentschap Zorg en Gezondheid) en 1/1/2020 (Brussel).",
    "Wijken voor omgevingsanalyse. © gemeentebesturen, verzameld door Data & Analyse van de Vlaamse provincies. Modellicentie Gratis Hergebruik v1.0.",
    "Achtergrondkaart: © OpenStreetMap-bijdragers (ODbL).",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn belgian_numbers() {
        assert_eq!(int(1_234_567.0), "1.234.567");
        assert_eq!(int(999.0), "999");
        assert_eq!(int(1000.0), "1.000");
        assert_eq!(int(-40_000.0), "-40.000");
        assert_eq!(eur(400_000.0), "EUR 400.000");
        assert_eq!(dec(12.5, 1), "12,5");
    }

    #[test]
    fn folding_ignores_accents_and_case() {
        assert_eq!(fold("Sint-Genesius-Rode"), "sint-genesius-rode");
        assert_eq!(fold("Écaussinnes"), "ecaussinnes");
    }
}
