//! Meetings: the presentation fills the screen with the map, names the region and lists its
//! teams; the key legend; the second screen for the projector; exports for slides and paper.

use crate::common;

use egui::Key;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use gebiedsplanner::app::{Command, GebiedsApp, REGION_KEYS, Settings};
use gebiedsplanner::model::region::{Region, unit_region};
use gebiedsplanner::ui::dialogs::ScriptedDialogs;

/// The window at `size` on the built-in data, loaded and laid out.
fn window(size: egui::Vec2) -> Harness<'static, GebiedsApp> {
    let app = GebiedsApp::headless(
        Settings::default(),
        None,
        Box::new(ScriptedDialogs::default()),
    );
    let mut h = common::harness(app, size);
    common::settle(&mut h);
    h.run_steps(3);
    h
}

/// The presentation at `size`, on all of Flanders (region 0) or one region (its key).
fn presenting(size: egui::Vec2, region: usize) -> Harness<'static, GebiedsApp> {
    let mut h = window(size);
    h.key_press(Key::F5);
    h.run_steps(3);
    if region > 0 {
        h.key_press(REGION_KEYS[region]);
        h.run_steps(3);
    }
    h
}

/// The map covers at least 70 % of the window's width, and every zone shown (all, or those of
/// the region) has its label point inside the map.
fn assert_map_fills(h: &Harness<'_, GebiedsApp>, region: Option<Region>) {
    let w = h.state().workspace().expect("a scenario is open");
    let layout = h.state().layout();
    let map = layout.map_rect.expect("the map was drawn");
    let screen = h.ctx.content_rect();
    assert!(
        map.width() >= 0.7 * screen.width(),
        "the map is {} of {} points wide",
        map.width(),
        screen.width()
    );
    let atlas = &w.doc.data.atlas;
    let mut checked = 0;
    for u in atlas.units.keys() {
        if region.is_some_and(|r| unit_region(atlas, u) != Some(r)) {
            continue;
        }
        let p = layout.unit_screen_pos(w, u).expect("the map was drawn");
        assert!(
            map.contains(p),
            "the label of {} at {p:?} lies outside the map {map:?}",
            atlas.units[u].name
        );
        checked += 1;
    }
    assert!(checked >= 5, "only {checked} zones checked");
}

/// The title line carries today's date, which the snapshots leave out.
fn mask_date(h: &mut Harness<'_, GebiedsApp>) {
    let iso = gebiedsplanner::data::scenario_file::now_iso();
    let date = format!("{}-{}-{}", &iso[8..10], &iso[5..7], &iso[0..4]);
    let r = h.get_by_label(&date).rect();
    h.mask(r.expand(2.0));
}

fn hide_keys(h: &mut Harness<'_, GebiedsApp>) {
    // ? pins the legend that shows on entering, ? again hides it.
    h.key_press(Key::Questionmark);
    h.key_press(Key::Questionmark);
    h.run_steps(2);
    assert!(!h.state().key_legend_shown());
}

#[test]
fn the_presentation_fills_a_laptop_screen_with_flanders() {
    let mut h = presenting(egui::vec2(1280.0, 800.0), 0);
    assert_map_fills(&h, None);
    h.get_by_label_contains("· Vlaanderen en Brussel");
    mask_date(&mut h);
    h.snapshot("present_1280_flanders");
}

#[test]
fn the_presentation_fills_a_projector_screen_with_flanders() {
    let mut h = presenting(egui::vec2(1920.0, 1080.0), 0);
    hide_keys(&mut h);
    assert_map_fills(&h, None);
    mask_date(&mut h);
    h.snapshot("present_1920_flanders");
}

/// Limburg (key 2) at `size`: fitted, named in the title, only its teams listed with their
/// figures.
fn limburg(size: egui::Vec2, snapshot: &str) {
    let mut h = presenting(size, 2);
    hide_keys(&mut h);
    assert_eq!(h.state().region, Some(2));
    assert_map_fills(&h, Some(Region::Limburg));
    h.get_by_label_contains("· Limburg");
    // A team of Limburg is listed with its figures, one of Oost-Vlaanderen is not.
    let w = h.state().workspace().expect("ws");
    let atlas = &w.doc.data.atlas;
    let of_region = |r: Region| {
        w.doc
            .scenario
            .teams
            .iter_enumerated()
            .find(|(ti, _)| {
                let units = &w.doc.metrics.teams[*ti].units;
                !units.is_empty() && units.iter().all(|&u| unit_region(atlas, u) == Some(r))
            })
            .map(|(_, t)| t.name.clone())
            .expect("a team of the region")
    };
    let (limburg, other) = (
        of_region(Region::Limburg),
        of_region(Region::OostVlaanderen),
    );
    h.get_by_label(&limburg);
    assert!(
        h.query_by_label(&other).is_none(),
        "{other} is listed in Limburg"
    );
    h.get_all_by_label_contains("per kind")
        .next()
        .expect("EUR per child is shown");
    h.get_all_by_label_contains("t.o.v.")
        .next()
        .expect("the change against the comparison is shown");
    mask_date(&mut h);
    h.snapshot(snapshot);
}

#[test]
fn a_region_fills_a_laptop_screen_is_named_and_lists_only_its_teams() {
    limburg(egui::vec2(1280.0, 800.0), "present_1280_limburg");
}

#[test]
fn a_region_fills_a_projector_screen_is_named_and_lists_only_its_teams() {
    limburg(egui::vec2(1920.0, 1080.0), "present_1920_limburg");
}

#[test]
fn t_hides_the_team_strip_and_the_map_takes_the_room() {
    let mut h = presenting(egui::vec2(1280.0, 800.0), 0);
    let with_strip = h.state().layout().map_rect.expect("map");
    h.get_by_label("Teams");
    h.key_press(Key::T);
    h.run_steps(3);
    assert!(!h.state().present_table_shown());
    assert!(
        h.query_by_label("Teams").is_none(),
        "the strip is still there"
    );
    let without = h.state().layout().map_rect.expect("map");
    assert!(without.width() > with_strip.width() + 100.0);
    assert_map_fills(&h, None);
    h.key_press(Key::T);
    h.run_steps(2);
    h.get_by_label("Teams");
}

#[test]
fn the_window_opens_with_flanders_fitted_to_the_map() {
    let h = window(egui::vec2(1280.0, 800.0));
    let w = h.state().workspace().expect("ws");
    let map = h.state().layout().map_rect.expect("map");
    let atlas = &w.doc.data.atlas;
    let geometry = w.geometry();
    let tf = h.state().layout().transform.expect("drawn");
    // The corners of Flanders lie inside the map, and the box touches two opposite sides
    // within a few points: it is fitted, not drawn small in the middle.
    let a = tf.apply(geometry.to_local(atlas.bbox.min));
    let b = tf.apply(geometry.to_local(atlas.bbox.max));
    let drawn = egui::Rect::from_two_pos(a, b);
    assert!(map.expand(0.5).contains_rect(drawn), "{drawn:?} in {map:?}");
    let spare_x = map.width() - drawn.width();
    let spare_y = map.height() - drawn.height();
    assert!(
        spare_x.min(spare_y) < 20.0,
        "Flanders {drawn:?} does not fill the map {map:?}"
    );
}

#[test]
fn the_key_legend_shows_on_entering_and_on_question_mark() {
    let mut h = presenting(egui::vec2(1280.0, 800.0), 0);
    assert!(h.state().key_legend_shown());
    h.get_by_label("Toetsen");
    h.get_by_label("West-Vlaanderen");
    h.get_by_label("tabel tonen / verbergen");
    // A few seconds later it is gone (each step is a quarter of a second).
    h.run_steps(30);
    assert!(!h.state().key_legend_shown());
    assert!(h.query_by_label("Toetsen").is_none());
    h.key_press(Key::Questionmark);
    h.run_steps(30);
    h.get_by_label("Toetsen");
    h.key_press(Key::Questionmark);
    h.run_steps(2);
    assert!(h.query_by_label("Toetsen").is_none());
    h.state_mut().push(Command::Cancel);
    h.run_steps(2);
    assert!(!h.state().presentation);
}

#[test]
fn the_second_screen_opens_and_shows_a_change_made_in_the_first() {
    use gebiedsplanner::model::edit::Edit;
    let mut h = window(egui::vec2(1280.0, 800.0));
    h.key_press(Key::F6);
    h.run_steps(3);
    let second = h
        .state()
        .second_screen()
        .and_then(|s| s.map_rect)
        .expect("the second screen drew its map");
    h.get_by_label("Tweede scherm — Gebiedsplanner");
    assert!(second.width() > 300.0, "the second map is {second:?}");
    // A zone taken from its team in the first window is hatched "zonder team" on the second
    // screen's map too, with its legend in the second map's corner.
    let in_second = |h: &Harness<'_, GebiedsApp>, text: &str| {
        h.query_all_by_label(text).any(|n| {
            let r = n.rect();
            second.expand(2.0).contains(r.center())
                && r.left() < second.left() + 60.0
                && r.bottom() > second.bottom() - 80.0
        })
    };
    let no_team = gebiedsplanner::i18n::texts(gebiedsplanner::i18n::Lang::Nl).no_team;
    assert!(!in_second(&h, no_team), "hatched before anything changed");
    common::unassign_gent(&mut h);
    h.run_steps(2);
    assert!(
        in_second(&h, no_team),
        "the change does not show on the second screen"
    );
    // A team renamed in the first window is named so in the second screen's legend, to the
    // right of its map.
    let team = h
        .state()
        .workspace()
        .and_then(|w| w.doc.scenario.team_by_id("trawant"))
        .expect("trawant");
    h.state_mut().push(Command::Edit(Edit::RenameTeam {
        team,
        name: "Projectorteam".to_string(),
    }));
    h.run_steps(2);
    assert!(
        h.query_all_by_label("Projectorteam").any(
            |n| n.rect().left() >= second.right() - 1.0 && n.rect().top() >= second.top() - 1.0
        ),
        "the new name is not in the second screen's legend"
    );
    // F6 again closes it, the main window goes on.
    h.key_press(Key::F6);
    h.run_steps(2);
    assert!(h.state().second_screen().is_none());
    assert!(h.query_by_label("Tweede scherm — Gebiedsplanner").is_none());
    h.get_by_label("Ongedaan maken");
}

/// A name placed on an exported map: its text and its box (x0, y0, x1, y1), from the SVG's
/// centred text elements, measured in the font the image is drawn with.
struct Name {
    text: String,
    b: [f64; 4],
}

/// The attribute `name` of an SVG element's opening tag.
fn attr<'a>(tag: &'a str, name: &str) -> Option<&'a str> {
    let at = tag.find(&format!(" {name}=\""))? + name.len() + 3;
    tag[at..].split('"').next()
}

fn unescape(s: &str) -> String {
    s.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&amp;", "&")
}

/// The names on the map of an exported SVG (the centred texts in their boxes).
fn names(svg: &str) -> Vec<Name> {
    use gebiedsplanner::export::image::text_width;
    let mut out = Vec::new();
    for part in svg.split("<text ").skip(1) {
        let Some((tag, rest)) = part.split_once('>') else {
            continue;
        };
        let tag = &format!(" {tag}");
        if attr(tag, "text-anchor") != Some("middle")
            || attr(tag, "dominant-baseline") != Some("middle")
        {
            continue;
        }
        let num = |n: &str| -> f64 {
            attr(tag, n)
                .and_then(|v| v.parse().ok())
                .unwrap_or_else(|| panic!("{n} of <text {tag}>"))
        };
        let (x, y, size) = (num("x"), num("y"), num("font-size"));
        let text = unescape(rest.split("</text>").next().unwrap_or_default());
        let half = 0.5 * text_width(&text, size);
        out.push(Name {
            b: [x - half, y - 0.5 * size, x + half, y + 0.5 * size],
            text,
        });
    }
    out
}

fn page_size(svg: &str) -> (f64, f64) {
    let tag = svg.split('>').next().expect("the svg element");
    let num = |n| {
        attr(tag, n)
            .and_then(|v| v.parse::<f64>().ok())
            .expect("a size")
    };
    (num("width"), num("height"))
}

fn every_layer() -> Vec<&'static str> {
    gebiedsplanner::export::parse_layers(
        "labels,municipalities,provinces,table,historic,proeftuinen",
    )
    .expect("known layers")
}

#[test]
fn an_export_with_every_layer_has_no_two_names_on_top_of_each_other() {
    use gebiedsplanner::export::{ImageOptions, render_svg};
    use gebiedsplanner::i18n::Lang;
    use gebiedsplanner::model::atlas::Edition;
    let doc = common::doc(Edition::M2025);
    let svg = render_svg(doc, &ImageOptions::new(1920, every_layer(), Lang::Nl));
    let names = names(&svg);
    // Zone names and the overlays' names (2020 teams, Proeftuinen) are all there.
    assert!(names.len() > 40, "only {} names", names.len());
    assert!(names.iter().any(|n| n.text == "Gent"));
    assert!(
        names.iter().any(|n| n.text.starts_with("2020: ")),
        "no 2020 team named"
    );
    for (i, a) in names.iter().enumerate() {
        for b in &names[i + 1..] {
            let overlap = a.b[0] < b.b[2] && b.b[0] < a.b[2] && a.b[1] < b.b[3] && b.b[1] < a.b[3];
            assert!(!overlap, "'{}' and '{}' cover each other", a.text, b.text);
        }
    }
    // The names that found no room are counted in a note under the map.
    let at = svg
        .find(" namen weggelaten")
        .expect("a note on the names left out");
    let note = &svg[svg[..at].rfind('>').map_or(0, |s| s + 1)..at];
    let left_out: usize = note.replace('.', "").parse().expect("a count");
    assert!(left_out > 0, "{note}");
}

#[test]
fn the_map_fills_a_slide_and_an_a4_page() {
    use gebiedsplanner::export::image::Page;
    use gebiedsplanner::export::{ImageOptions, render_svg};
    use gebiedsplanner::i18n::Lang;
    use gebiedsplanner::model::atlas::Edition;
    let doc = common::doc(Edition::M2025);
    let layers =
        gebiedsplanner::export::parse_layers("labels,historic,proeftuinen").expect("layers");
    for (page, aspect) in [(Page::Slide, 16.0 / 9.0), (Page::A4, 297.0 / 210.0)] {
        let mut opts = ImageOptions::new(1920, layers.clone(), Lang::Nl);
        opts.page = page;
        let svg = render_svg(doc, &opts);
        let (w, h) = page_size(&svg);
        assert!((w / h - aspect).abs() < 0.01, "{page:?}: {w} x {h}");
        // The zone names spread over most of the page's width: the map fills its room.
        let names = names(&svg);
        let left = names.iter().map(|n| n.b[0]).fold(f64::INFINITY, f64::min);
        let right = names.iter().map(|n| n.b[2]).fold(0.0, f64::max);
        assert!(
            right - left > 0.7 * w,
            "{page:?}: names from {left} to {right} of {w}"
        );
    }
}

#[test]
fn a_region_export_shows_only_that_regions_zones_and_teams() {
    use gebiedsplanner::cli::{Command as Cli, parse_args};
    use gebiedsplanner::export::{ImageOptions, render_svg};
    use gebiedsplanner::i18n::Lang;
    use gebiedsplanner::model::atlas::Edition;
    let args = parse_args(
        [
            "export", "--region", "limburg", "--page", "a4", "--svg", "x.svg",
        ]
        .map(String::from),
    )
    .expect("the options parse");
    let Cli::Export(e) = args.command else {
        panic!("not an export: {:?}", args.command)
    };
    assert_eq!(e.region, Some(Region::Limburg));
    let err = parse_args(["export", "--region", "Henegouwen", "--svg", "x.svg"].map(String::from))
        .expect_err("an unknown region");
    assert!(err.contains("Henegouwen"), "{err}");

    let doc = common::doc(Edition::M2025);
    let mut opts = ImageOptions::new(1920, every_layer(), Lang::Nl);
    opts.region = e.region;
    let svg = render_svg(doc, &opts);
    let atlas = &doc.data.atlas;
    let shown: Vec<String> = names(&svg).into_iter().map(|n| n.text).collect();
    let mut of_limburg = 0;
    for (u, unit) in atlas.units.iter_enumerated() {
        let named = shown.contains(&unit.name);
        if unit_region(atlas, u) == Some(Region::Limburg) {
            of_limburg += usize::from(named);
        } else {
            assert!(
                !named,
                "{} of another region is on the map of Limburg",
                unit.name
            );
        }
    }
    assert!(of_limburg >= 5, "only {of_limburg} zones of Limburg named");
    // The legend lists the teams of Limburg, not those of elsewhere.
    assert!(svg.contains("1sGEZINd"));
    assert!(
        !svg.contains("Samen1Plan Gent"),
        "a team of Gent in the legend of Limburg"
    );
    // The legend with the table carries children and EUR per child.
    assert!(
        svg.contains(" kinderen · EUR "),
        "no children in the legend"
    );
    assert!(svg.contains(" per kind"), "no EUR per child in the legend");
}

#[test]
fn the_csv_table_has_readable_headers() {
    use gebiedsplanner::export::stats_csv;
    use gebiedsplanner::i18n::Lang;
    use gebiedsplanner::model::atlas::Edition;
    let doc = common::doc(Edition::M2025);
    for (lang, want) in [
        (
            Lang::Nl,
            [
                "Team",
                "Kinderen 0-17",
                "Budget vast per zone (EUR)",
                "Aaneengesloten",
            ],
        ),
        (
            Lang::En,
            [
                "Team",
                "Children 0-17",
                "Budget flat per zone (EUR)",
                "Contiguous",
            ],
        ),
    ] {
        let csv = stats_csv(doc, lang);
        let header = csv
            .trim_start_matches('\u{feff}')
            .lines()
            .next()
            .expect("a header");
        let columns: Vec<&str> = header.split(';').collect();
        for w in want {
            assert!(
                columns.contains(&w),
                "{lang:?}: no column '{w}' in {header}"
            );
        }
        assert!(
            columns.iter().all(|c| !c.contains('_')),
            "{lang:?}: a field name in {header}"
        );
    }
}

/// The page of the map export is chosen in the File menu: a slide unless asked otherwise, A4
/// landscape when chosen.
#[test]
fn the_file_menu_exports_the_map_on_the_page_chosen() {
    let dir = tempfile::tempdir().expect("tmp");
    let (slide, a4) = (dir.path().join("dia.svg"), dir.path().join("a4.svg"));
    let dialogs = ScriptedDialogs::default();
    // The dialog answers are taken in order.
    dialogs
        .save
        .borrow_mut()
        .extend([slide.clone(), a4.clone()]);
    let app = GebiedsApp::headless(Settings::default(), None, Box::new(dialogs));
    let mut h = common::harness(app, egui::vec2(1280.0, 800.0));
    common::settle(&mut h);
    h.run_steps(3);
    let export = |h: &mut Harness<'_, GebiedsApp>| {
        h.get_by_label("Bestand").click();
        h.run_steps(2);
        h.get_by_label("Kaart exporteren (SVG)…").click();
        h.run_steps(3);
        // The message saying where the map went is closed before going on.
        h.get_by_label("Bewaard:");
        h.get_by_label("Sluiten").click();
        h.run_steps(2);
    };
    export(&mut h);
    h.get_by_label("Bestand").click();
    h.run_steps(2);
    h.get_by_label("Pagina van de kaart").click();
    h.run_steps(2);
    h.get_by_label("A4 liggend").click();
    h.run_steps(2);
    assert_eq!(
        h.state().settings.export_page,
        Some(gebiedsplanner::export::image::Page::A4)
    );
    export(&mut h);
    for (file, aspect) in [(&slide, 16.0 / 9.0), (&a4, 297.0 / 210.0)] {
        let svg = std::fs::read_to_string(file).expect("the SVG was written");
        let (w, h) = page_size(&svg);
        assert!(
            (w / h - aspect).abs() < 0.01,
            "{}: {w} x {h}",
            file.display()
        );
    }
}

/// The presentation's large text is its own: leaving it gives back the size the user chose,
/// and a window closed while presenting opens again at that size.
#[test]
fn the_users_text_size_survives_a_presentation_and_a_restart() {
    let mut h = window(egui::vec2(1280.0, 800.0));
    h.ctx.set_zoom_factor(1.1);
    h.run_steps(2);
    h.key_press(Key::F5);
    h.run_steps(3);
    assert!(
        h.ctx.zoom_factor() > 1.2,
        "the presentation's text is larger"
    );
    // Closed while presenting: what is remembered opens at the user's size.
    let settings = h.state().settings.clone();
    assert!(
        (settings.ui_zoom - 1.1).abs() < 1e-6,
        "{}",
        settings.ui_zoom
    );
    let app = GebiedsApp::headless(settings, None, Box::new(ScriptedDialogs::default()));
    // A new context starts at 1.0: the size comes from what the app remembered.
    let mut again = common::harness(app, egui::vec2(1280.0, 800.0));
    common::settle(&mut again);
    assert!(
        (again.ctx.zoom_factor() - 1.1).abs() < 1e-6,
        "reopened at {}",
        again.ctx.zoom_factor()
    );
    h.key_press(Key::Escape);
    h.run_steps(3);
    assert!(
        (h.ctx.zoom_factor() - 1.1).abs() < 1e-6,
        "after the presentation: {}",
        h.ctx.zoom_factor()
    );
}

/// The window's map export shows the region picked in File > Gebied van de kaart; by default
/// the region of a scenario scoped to one, else all of Flanders and Brussels.
#[test]
fn the_file_menu_exports_the_map_of_the_region_chosen() {
    use gebiedsplanner::model::edit::Edit;
    let dir = tempfile::tempdir().expect("tmp");
    let files = ["alles.svg", "limburg.svg", "antwerpen.svg"].map(|f| dir.path().join(f));
    let dialogs = ScriptedDialogs::default();
    dialogs.save.borrow_mut().extend(files.iter().cloned());
    let app = GebiedsApp::headless(Settings::default(), None, Box::new(dialogs));
    let mut h = common::harness(app, egui::vec2(1280.0, 800.0));
    common::settle(&mut h);
    h.run_steps(3);
    let menu = |h: &mut Harness<'_, GebiedsApp>, entry: &str| {
        h.get_by_label("Bestand").click();
        h.run_steps(2);
        h.get_by_label(entry).click();
        h.run_steps(3);
        // The message saying where the map went is closed before going on.
        if let Some(close) = h.query_by_label("Sluiten") {
            close.click();
            h.run_steps(2);
        }
    };
    let zones_shown = |file: &std::path::Path| -> Vec<Option<Region>> {
        let svg = std::fs::read_to_string(file).expect("the SVG was written");
        let shown: Vec<String> = names(&svg).into_iter().map(|n| n.text).collect();
        let w = atlas_2025();
        w.units
            .iter_enumerated()
            .filter(|(_, u)| shown.contains(&u.name))
            .map(|(z, _)| unit_region(w, z))
            .collect()
    };
    // A scenario for all of Flanders: all of it.
    menu(&mut h, "Kaart exporteren (SVG)…");
    let all = zones_shown(&files[0]);
    assert!(all.contains(&Some(Region::Limburg)) && all.contains(&Some(Region::WestVlaanderen)));
    // Scoped to Limburg: by default the export shows Limburg only.
    let name = h
        .state()
        .workspace()
        .expect("a tab")
        .doc
        .scenario
        .name
        .clone();
    h.state_mut().push(Command::Edit(Edit::SetProperties {
        name,
        status: None,
        region: Some(Region::Limburg),
    }));
    h.run_steps(2);
    menu(&mut h, "Kaart exporteren (SVG)…");
    let limburg = zones_shown(&files[1]);
    assert!(!limburg.is_empty());
    assert!(
        limburg.iter().all(|r| *r == Some(Region::Limburg)),
        "{limburg:?}"
    );
    // Another region picked from the menu.
    menu(&mut h, "Gebied van de kaart");
    h.get_by_label("Antwerpen").click();
    h.run_steps(2);
    menu(&mut h, "Kaart exporteren (SVG)…");
    let antwerpen = zones_shown(&files[2]);
    assert!(!antwerpen.is_empty());
    assert!(
        antwerpen.iter().all(|r| *r == Some(Region::Antwerpen)),
        "{antwerpen:?}"
    );
}

fn atlas_2025() -> &'static gebiedsplanner::model::atlas::Atlas {
    &common::doc(gebiedsplanner::model::atlas::Edition::M2025)
        .data
        .atlas
}
