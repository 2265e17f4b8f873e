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
    /// Children, in a line of figures ("8.432 kinderen").
    pub children_lower: &'static str,
    /// The comparison line of a team that changes nothing.
    pub no_change: &'static str,
    /// The teams strip's heading.
    pub teams: &'static str,
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
    children_lower: "kinderen",
    no_change: "geen wijziging",
    teams: "Teams",
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
    children_lower: "children",
    no_change: "no change",
    teams: "Teams",
};
