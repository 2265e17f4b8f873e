//! The offline base map: a raster PMTiles file made here (one magenta PNG tile per zoom level
//! over Gent) is read, its attribution shown, and its tile drawn; a file that is not PMTiles
//! gets a message naming it, and the window goes on with the base map it had.

use crate::common;

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use egui_kittest::kittest::Queryable;
use gebiedsplanner::app::{Command, TileStatus};
use gebiedsplanner::i18n::{self, Lang};
use gebiedsplanner::map::layers::{Layers, TileChoice};
use gebiedsplanner::map::offline_tiles::{OfflineTiles, TilesFileError, inspect};
use walkers::{TileId, Tiles};

const MAGENTA: [u8; 4] = [255, 0, 255, 255];
/// The tiles are made for zoom levels 0 to this one.
const MAX_ZOOM: u8 = 9;

/// The tile over Gent (3.72 E, 51.05 N) at `zoom`.
fn gent_tile(zoom: u8) -> TileId {
    let n = f64::from(1u32 << zoom);
    let (lon, lat) = (3.72f64, 51.05f64.to_radians());
    let x = ((lon + 180.0) / 360.0 * n) as u32;
    let y = ((1.0 - (lat.tan() + 1.0 / lat.cos()).ln() / std::f64::consts::PI) / 2.0 * n) as u32;
    TileId { x, y, zoom }
}

/// A PMTiles v3 archive of PNG tiles, one per zoom level 0 to `MAX_ZOOM`, each over Gent.
fn pmtiles_file(dir: &Path) -> PathBuf {
    let mut png = Vec::new();
    image::RgbaImage::from_pixel(256, 256, image::Rgba(MAGENTA))
        .write_to(&mut std::io::Cursor::new(&mut png), image::ImageFormat::Png)
        .expect("png");
    let path = dir.join("kaart.pmtiles");
    let file = std::fs::File::create(&path).expect("create");
    let mut w = pmtiles::PmTilesWriter::new(pmtiles::TileType::Png)
        .min_zoom(0)
        .max_zoom(MAX_ZOOM)
        .metadata(
            r#"{"name":"Testkaart Gent","attribution":"<a href=\"https://example.org\">&copy; Testbron</a>"}"#,
        )
        .create(file)
        .expect("writer");
    for z in 0..=MAX_ZOOM {
        let t = gent_tile(z);
        w.add_tile(pmtiles::TileCoord::new(z, t.x, t.y).expect("coord"), &png)
            .expect("tile");
    }
    w.finalize().expect("finalize");
    path
}

/// Ask `tiles` for `id` until walkers' thread has read it (at most 10 s): until the piece
/// covers `width` of its tile (meanwhile walkers gives a part of a coarser tile it has).
fn fetch(tiles: &mut OfflineTiles, id: TileId, width: f32) -> Option<walkers::TilePiece> {
    let start = Instant::now();
    while start.elapsed() < Duration::from_secs(10) {
        if let Some(p) = tiles.at(id).filter(|p| (p.uv.width() - width).abs() < 1e-6) {
            return Some(p);
        }
        std::thread::sleep(Duration::from_millis(10));
    }
    None
}

#[test]
fn the_tile_source_gives_the_files_tiles_and_its_attribution() {
    let tmp = tempfile::tempdir().expect("tmp");
    let path = pmtiles_file(tmp.path());
    let info = inspect(&path).expect("a PMTiles file");
    assert_eq!(info.name, "Testkaart Gent");
    assert_eq!(info.attribution, "© Testbron");
    assert_eq!((info.min_zoom, info.max_zoom), (0, MAX_ZOOM));
    let ctx = egui::Context::default();
    let mut tiles = OfflineTiles::new(info, &ctx);
    assert_eq!(tiles.attribution().text, "© Testbron");
    let piece = fetch(&mut tiles, gent_tile(8), 1.0).expect("the tile over Gent");
    let walkers::Tile::Raster(texture) = &piece.tile;
    assert_eq!(texture.size(), [256, 256]);
    assert_eq!(
        piece.uv,
        egui::Rect::from_min_max(egui::pos2(0.0, 0.0), egui::pos2(1.0, 1.0))
    );
    // Two levels deeper than the file goes: a quarter of a quarter of its deepest tile.
    let deep = gent_tile(MAX_ZOOM + 2);
    let piece = fetch(&mut tiles, deep, 0.25).expect("a quarter of the deepest level's tile");
    let at = |v: u32| (v % 4) as f32 * 0.25;
    assert_eq!(piece.uv.min, egui::pos2(at(deep.x), at(deep.y)));
}

#[test]
fn the_window_draws_the_offline_base_map_and_shows_its_attribution() {
    let tmp = tempfile::tempdir().expect("tmp");
    let path = pmtiles_file(tmp.path());
    let mut h = common::window_with(gebiedsplanner::app::AppPaths::default());
    // Without fills, so that the base map shows between the borders.
    let mut layers = Layers::default();
    layers.set_on(gebiedsplanner::map::layer::fills::KEY, false);
    h.state_mut().push(Command::SetLayers(Box::new(layers)));
    h.state_mut().push(Command::UseOfflineTiles(path.clone()));
    h.run_steps(2);
    assert!(
        h.state().message().is_none(),
        "{:?}",
        h.state().message().map(|m| &m.body)
    );
    assert_eq!(h.state().settings.layers.tiles, TileChoice::Offline);
    assert_eq!(h.state().tile_status(), TileStatus::LocalFile);
    h.get_by_label_contains("© Testbron");
    h.get_by_label_contains("Testkaart Gent");
    // Frames until walkers' thread has read the tiles, then the pixels.
    let start = Instant::now();
    let magenta = loop {
        h.run_steps(1);
        std::thread::sleep(Duration::from_millis(20));
        let image = h.render().expect("render");
        let n = image
            .pixels()
            .filter(|p| p.0[0] > 200 && p.0[1] < 80 && p.0[2] > 200)
            .count();
        if n > 10_000 || start.elapsed() > Duration::from_secs(15) {
            break n;
        }
    };
    assert!(
        magenta > 10_000,
        "the tile over Gent is drawn: {magenta} magenta pixels"
    );
    // Back to no base map: the tile is gone.
    let mut layers = h.state().settings.layers.clone();
    layers.tiles = TileChoice::None;
    h.state_mut().push(Command::SetLayers(Box::new(layers)));
    h.run_steps(2);
    let image = h.render().expect("render");
    let n = image
        .pixels()
        .filter(|p| p.0[0] > 200 && p.0[1] < 80 && p.0[2] > 200)
        .count();
    assert!(n < 100, "{n} magenta pixels without a base map");
}

#[test]
fn a_file_that_is_not_pmtiles_is_refused_and_the_base_map_stays() {
    let tmp = tempfile::tempdir().expect("tmp");
    let junk = tmp.path().join("kaart.pmtiles");
    std::fs::write(&junk, b"<html>not a map</html>").expect("write");
    assert_eq!(
        inspect(&junk),
        Err(TilesFileError::NotPmTiles(junk.clone()))
    );
    assert!(matches!(
        inspect(tmp.path()),
        Err(TilesFileError::NotRegular(_))
    ));
    let msg = i18n::tiles_file_error(Lang::Nl, &TilesFileError::NotPmTiles(junk.clone()));
    assert!(
        msg.contains("kaart.pmtiles") && msg.contains("geen PMTiles"),
        "{msg}"
    );
    // As `--tiles` does at start: the window opens, says what is wrong, keeps its base map.
    let mut h = common::window_with(gebiedsplanner::app::AppPaths::default());
    h.state_mut().push(Command::UseOfflineTiles(junk.clone()));
    h.run_steps(2);
    let body = h
        .state()
        .message()
        .map(|m| m.body.clone())
        .unwrap_or_default();
    assert!(body.contains("kaart.pmtiles"), "{body}");
    assert!(body.contains("PMTiles"), "{body}");
    assert_eq!(h.state().settings.layers.tiles, TileChoice::Osm);
    assert!(h.state().workspace().is_some(), "the map is there");
}

#[test]
fn tiles_is_an_option_of_the_command_line() {
    let args = gebiedsplanner::cli::parse_args_os(
        ["--tiles", "kaart.pmtiles"].map(std::ffi::OsString::from),
    )
    .expect("parses");
    assert_eq!(args.tiles_file, Some(PathBuf::from("kaart.pmtiles")));
    let err = gebiedsplanner::cli::parse_args_os(["--tiles"].map(std::ffi::OsString::from))
        .expect_err("needs a value");
    assert!(err.contains("--tiles"), "{err}");
}
