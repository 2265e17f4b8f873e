//! The texts of meetings: the presentation (its team strip and its key legend), the second
//! screen for the projector, and the pages of the map export, Dutch and English.

pub struct MeetingTexts {
    /// Region 0 of the presentation.
    pub all_regions: &'static str,
    pub keys_title: &'static str,
    /// The hint in the title line.
    pub keys_hint: &'static str,
    pub key_region: &'static str,
    pub key_region_step: &'static str,
    pub key_scenarios: &'static str,
    pub key_table: &'static str,
    pub key_contrast: &'static str,
    pub key_second_screen: &'static str,
    pub key_legend: &'static str,
    pub key_leave: &'static str,
    /// The menu entry and the title of the second window.
    pub second_screen: &'static str,
    /// How the second window fills the projector.
    pub second_screen_full: &'static str,
    /// Children, in a line of figures ("8.432 kinderen").
    pub children_lower: &'static str,
    /// The comparison line of a team that changes nothing.
    pub no_change: &'static str,
    /// The teams strip's heading.
    pub teams: &'static str,
    /// The note on the names an export leaves out ({n}: how many).
    pub labels_left_out: &'static str,
    /// The page of a map export.
    pub page: &'static str,
    pub page_auto: &'static str,
    pub page_slide: &'static str,
    pub page_a4: &'static str,
    /// The part of the map an export shows.
    pub extent: &'static str,
    pub extent_as_scenario: &'static str,
    pub extent_all: &'static str,
    /// The columns of the per-team CSV table, in its order.
    pub csv_columns: [&'static str; 12],
    /// Its column of the picked indicator ({name}: the indicator's).
    pub csv_indicator: &'static str,
    pub yes: &'static str,
    pub no: &'static str,
}

pub const MEETINGS_NL: MeetingTexts = MeetingTexts {
    all_regions: "Vlaanderen en Brussel",
    keys_title: "Toetsen",
    keys_hint: "?: toetsen",
    key_region: "regio",
    key_region_step: "vorige / volgende regio",
    key_scenarios: "vorig / volgend scenario",
    key_table: "tabel tonen / verbergen",
    key_contrast: "hoog contrast aan / uit",
    key_second_screen: "tweede scherm (projector)",
    key_legend: "deze toetsen tonen / verbergen",
    key_leave: "presentatie verlaten",
    second_screen: "Tweede scherm",
    second_screen_full: "Sleep dit venster naar de projector; F11 of dubbelklik: volledig scherm.",
    children_lower: "kinderen",
    no_change: "geen wijziging",
    teams: "Teams",
    labels_left_out: "{n} namen weggelaten: geen plaats zonder overlap",
    page: "Pagina van de kaart",
    page_auto: "PDF op A4, beeld als dia",
    page_slide: "Dia 16:9",
    page_a4: "A4 liggend",
    extent: "Gebied van de kaart",
    extent_as_scenario: "Zoals het scenario",
    extent_all: "Heel Vlaanderen en Brussel",
    csv_columns: [
        "Team-id",
        "Team",
        "Zones (ELZ)",
        "Gemeenten",
        "Inwoners",
        "Kinderen 0-17",
        "Inwoners zonder gekend aantal kinderen",
        "Budget vast per zone (EUR)",
        "Budget naar kinderen (EUR)",
        "Aaneengesloten",
        "Delen",
        "Partners",
    ],
    csv_indicator: "Indicator: {name}",
    yes: "ja",
    no: "nee",
};

pub const MEETINGS_EN: MeetingTexts = MeetingTexts {
    all_regions: "Flanders and Brussels",
    keys_title: "Keys",
    keys_hint: "?: keys",
    key_region: "region",
    key_region_step: "previous / next region",
    key_scenarios: "previous / next scenario",
    key_table: "show / hide the table",
    key_contrast: "high contrast on / off",
    key_second_screen: "second screen (projector)",
    key_legend: "show / hide these keys",
    key_leave: "leave the presentation",
    second_screen: "Second screen",
    second_screen_full: "Drag this window to the projector; F11 or double-click: full screen.",
    children_lower: "children",
    no_change: "no change",
    teams: "Teams",
    labels_left_out: "{n} names left out: no room without overlap",
    page: "Page of the map",
    page_auto: "PDF on A4, image as a slide",
    page_slide: "Slide 16:9",
    page_a4: "A4 landscape",
    extent: "Area of the map",
    extent_as_scenario: "As the scenario",
    extent_all: "All of Flanders and Brussels",
    csv_columns: [
        "Team id",
        "Team",
        "Zones (ELZ)",
        "Municipalities",
        "Inhabitants",
        "Children 0-17",
        "Inhabitants with unknown children",
        "Budget flat per zone (EUR)",
        "Budget by children (EUR)",
        "Contiguous",
        "Parts",
        "Partners",
    ],
    csv_indicator: "Indicator: {name}",
    yes: "yes",
    no: "no",
};

/// The note on an export whose names did not all fit: "3 namen weggelaten (geen plaats)".
pub fn labels_left_out(n: usize, t: &super::Texts) -> String {
    t.meet.labels_left_out.replace("{n}", &super::int(n as f64))
}

/// A team's children 0-17 in a line of figures ("8.432 kinderen"), with "onbekend" for the
/// part the data does not count (Brussels); and EUR per child where every child is counted.
pub fn children_and_per_child(
    st: &crate::model::metrics::TeamStats,
    budget: f64,
    t: &super::Texts,
) -> (String, Option<String>) {
    let m = t.meet;
    let children = if st.children_known() {
        format!("{} {}", super::int(st.children), m.children_lower)
    } else if st.children > 0.0 {
        format!(
            "{} + {} {}",
            super::int(st.children),
            t.unknown,
            m.children_lower
        )
    } else {
        format!("{}: {}", m.children_lower, t.unknown)
    };
    let per_child = (st.children_known() && st.children > 0.0)
        .then(|| format!("{} {}", super::eur(budget / st.children), t.per_child));
    (children, per_child)
}
