//! Exports follow the page, not the input: a scenario with ten thousand teams or a name of
//! thousands of characters gives an image of the usual size, with the legend cut short and
//! a note on what was left out.

use crate::common;
use gebiedsplanner::model::ids::TeamId;

use gebiedsplanner::export::{ImageOptions, render_svg};
use gebiedsplanner::i18n::Lang;
use gebiedsplanner::map::layer::labels::KEY as LABELS;
use gebiedsplanner::model::atlas::Edition;

/// Width and height of an SVG document, from its root element.
fn size(svg: &str) -> (String, String) {
    let attr = |name: &str| {
        let start = svg.find(&format!(" {name}=\"")).expect("attribute") + name.len() + 3;
        let end = start + svg[start..].find('"').expect("end");
        svg[start..end].to_string()
    };
    (attr("width"), attr("height"))
}

#[test]
fn many_teams_and_a_very_long_name_keep_the_page_size() {
    let base = common::doc(Edition::M2025);
    let opts = ImageOptions::new(
        1920,
        vec![LABELS, gebiedsplanner::export::image::TABLE],
        Lang::Nl,
    );
    let normal = render_svg(base, &opts);

    let mut s = base.scenario.clone();
    let template = s.teams[TeamId(0)].clone();
    let shipped = s.teams.len();
    let total = 10_000;
    for i in shipped..total {
        let mut t = template.clone();
        t.id = format!("extra-{i}");
        t.name = format!("Extra team {i}");
        s.teams.push(t);
    }
    s.teams[TeamId(0)].name = "Zeer lange naam ".repeat(500);
    let doc = gebiedsplanner::document::Document::new(base.data.clone(), s);
    let big = render_svg(&doc, &opts);

    assert_eq!(size(&big), size(&normal), "the page keeps its size");
    assert!(
        big.len() < normal.len() * 2,
        "the document does not grow with the teams: {} against {} bytes",
        big.len(),
        normal.len()
    );
    // The note says how many teams are left out, in Belgian numbers.
    let note_start = big.find("… en ").expect("a note on the teams left out");
    let note = &big[note_start..note_start + 40];
    let left_out: usize = note["… en ".len()..]
        .split(' ')
        .next()
        .expect("number")
        .replace('.', "")
        .parse()
        .expect("a number");
    let shown = big.matches("Extra team ").count();
    assert!(left_out > 9_000, "{note}");
    assert_eq!(
        shipped + shown + left_out,
        total,
        "every team is shown or counted: {note}"
    );
    assert!(note.contains(" teams meer"), "{note}");
    // The long name is cut with an ellipsis.
    assert!(!big.contains(&"Zeer lange naam ".repeat(10)));
    assert!(
        big.contains("Zeer lange naam Zeer lange…"),
        "the long name ends in an ellipsis"
    );

    let en = ImageOptions::new(1920, vec![LABELS], Lang::En);
    let big_en = render_svg(&doc, &en);
    assert!(big_en.contains(" more teams"), "the note is translated");
    assert_eq!(size(&big_en).0, "1920");
}
