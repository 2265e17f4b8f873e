//! An offline base map: a raster PMTiles file on disk, for meeting rooms without internet.
//!
//! walkers' `PmTiles` draws the tiles; this wraps it to check the file first (a clear error for
//! a file that is not PMTiles, holds vector tiles, or is not a regular file), to show the
//! attribution the file's metadata gives instead of walkers' fixed "PMTiles", and to draw the
//! deepest zoom level of the file, enlarged, when the map is zoomed in further than the file
//! goes.

use std::io::Read;
use std::path::{Path, PathBuf};

use egui::{Rect, pos2};
use walkers::sources::Attribution;
use walkers::{PmTiles, Stats, TileId, TilePiece, Tiles};

/// What a PMTiles file says about itself.
#[derive(Clone, Debug, PartialEq)]
pub struct PmTilesInfo {
    pub path: PathBuf,
    /// The attribution of the metadata as plain text (HTML links taken out); empty if none.
    pub attribution: String,
    /// The `name` of the metadata, else the file name.
    pub name: String,
    pub min_zoom: u8,
    pub max_zoom: u8,
}

/// Why a file cannot be the base map. Texts for the user are in `i18n::tiles_file_error`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TilesFileError {
    Missing(PathBuf),
    /// A folder, a pipe or another special file.
    NotRegular(PathBuf),
    Io(PathBuf, String),
    /// The file does not start as a PMTiles archive does.
    NotPmTiles(PathBuf),
    /// A PMTiles archive of another version than 3.
    Version(PathBuf, u8),
    /// Tiles of a kind that cannot be drawn as a base map here (vector tiles, AVIF).
    TileType(PathBuf, &'static str),
    /// The header, directory or metadata cannot be read.
    Broken(PathBuf, String),
}

impl TilesFileError {
    pub fn file(&self) -> &Path {
        match self {
            TilesFileError::Missing(p)
            | TilesFileError::NotRegular(p)
            | TilesFileError::Io(p, _)
            | TilesFileError::NotPmTiles(p)
            | TilesFileError::Version(p, _)
            | TilesFileError::TileType(p, _)
            | TilesFileError::Broken(p, _) => p,
        }
    }
}

/// The attribution text without HTML tags and with the usual entities written out:
/// `<a href="…">© OpenStreetMap</a>` becomes `© OpenStreetMap`.
pub fn plain_attribution(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => in_tag = false,
            _ if !in_tag => out.push(c),
            _ => {}
        }
    }
    let out = out
        .replace("&copy;", "©")
        .replace("&amp;", "&")
        .replace("&nbsp;", " ")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"");
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Check that `path` is a raster PMTiles (v3) file and read what it says about itself.
pub fn inspect(path: &Path) -> Result<PmTilesInfo, TilesFileError> {
    let file = path.to_path_buf();
    let meta = std::fs::metadata(path).map_err(|e| match e.kind() {
        std::io::ErrorKind::NotFound => TilesFileError::Missing(file.clone()),
        _ => TilesFileError::Io(file.clone(), e.to_string()),
    })?;
    if !meta.is_file() {
        return Err(TilesFileError::NotRegular(file));
    }
    // The magic and version first, so that any other file gets a plain answer.
    let mut head = [0u8; 8];
    let read = std::fs::File::open(path)
        .and_then(|mut f| f.read(&mut head))
        .map_err(|e| TilesFileError::Io(file.clone(), e.to_string()))?;
    if read < 8 || &head[..7] != b"PMTiles" {
        return Err(TilesFileError::NotPmTiles(file));
    }
    if head[7] != 3 {
        return Err(TilesFileError::Version(file, head[7]));
    }
    let runtime = tokio::runtime::Builder::new_current_thread()
        .build()
        .map_err(|e| TilesFileError::Io(file.clone(), e.to_string()))?;
    let broken = |e: pmtiles::PmtError| TilesFileError::Broken(file.clone(), e.to_string());
    let (tile_type, min_zoom, max_zoom, metadata) = runtime.block_on(async {
        let reader = pmtiles::AsyncPmTilesReader::new_with_path(path)
            .await
            .map_err(broken)?;
        let metadata = reader.get_metadata().await.map_err(broken)?;
        let h = reader.get_header();
        Ok::<_, TilesFileError>((h.tile_type, h.min_zoom, h.max_zoom, metadata))
    })?;
    match tile_type {
        pmtiles::TileType::Png | pmtiles::TileType::Jpeg => {}
        pmtiles::TileType::Mvt | pmtiles::TileType::Mlt => {
            return Err(TilesFileError::TileType(file, "vector (MVT/MLT)"));
        }
        pmtiles::TileType::Webp => return Err(TilesFileError::TileType(file, "WebP")),
        pmtiles::TileType::Avif => return Err(TilesFileError::TileType(file, "AVIF")),
        pmtiles::TileType::Unknown => return Err(TilesFileError::TileType(file, "unknown")),
    }
    // Metadata that is not JSON is no reason to refuse the tiles: it only lacks the names.
    let meta: serde_json::Value = serde_json::from_str(&metadata).unwrap_or_default();
    let text = |key: &str| meta.get(key).and_then(serde_json::Value::as_str);
    let name = text("name").map_or_else(
        || {
            path.file_stem()
                .map(|s| s.to_string_lossy().into_owned())
                .unwrap_or_default()
        },
        str::to_string,
    );
    Ok(PmTilesInfo {
        attribution: text("attribution")
            .map(plain_attribution)
            .unwrap_or_default(),
        name,
        min_zoom,
        max_zoom: max_zoom.max(min_zoom),
        path: file,
    })
}

/// The part `child` covers of its ancestor at `zoom`, and that ancestor.
fn ancestor(child: TileId, zoom: u8) -> (TileId, Rect) {
    let d = 1u32 << (child.zoom - zoom).min(31);
    let parent = TileId {
        x: child.x / d,
        y: child.y / d,
        zoom,
    };
    let s = 1.0 / d as f32;
    let (cx, cy) = ((child.x % d) as f32 * s, (child.y % d) as f32 * s);
    (
        parent,
        Rect::from_min_max(pos2(cx, cy), pos2(cx + s, cy + s)),
    )
}

/// The base map from a PMTiles file.
pub struct OfflineTiles {
    inner: PmTiles,
    pub info: PmTilesInfo,
    /// walkers wants the attribution for the life of the program.
    attribution: &'static str,
}

impl OfflineTiles {
    /// Tiles of `info`'s file, drawn 256 pixels wide at their own zoom level (the size of the
    /// usual raster tiles, as the online base map's).
    pub fn new(info: PmTilesInfo, ctx: &egui::Context) -> OfflineTiles {
        let inner = PmTiles::with_style_and_tile_size(&info.path, walkers::Style, 256, ctx.clone());
        // Leaked once per base map chosen (a line of text): walkers' attribution is 'static.
        let attribution: &'static str = Box::leak(info.attribution.clone().into_boxed_str());
        OfflineTiles {
            inner,
            info,
            attribution,
        }
    }
}

impl Tiles for OfflineTiles {
    fn at(&mut self, tile_id: TileId) -> Option<TilePiece> {
        if tile_id.zoom < self.info.min_zoom {
            return None;
        }
        if tile_id.zoom <= self.info.max_zoom {
            return self.inner.at(tile_id);
        }
        // Deeper than the file goes: the part of its deepest tile that covers this one.
        let (parent, part) = ancestor(tile_id, self.info.max_zoom);
        let piece = self.inner.at(parent)?;
        let uv = piece.uv;
        let at = |p: egui::Pos2| pos2(uv.min.x + p.x * uv.width(), uv.min.y + p.y * uv.height());
        Some(TilePiece::new(
            piece.tile,
            Rect::from_min_max(at(part.min), at(part.max)),
        ))
    }

    fn attribution(&self) -> Attribution {
        Attribution {
            text: self.attribution,
            url: "",
            logo_light: None,
            logo_dark: None,
        }
    }

    fn tile_size(&self) -> u32 {
        self.inner.tile_size()
    }

    fn stats(&self) -> Stats {
        self.inner.stats()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_attributions_become_plain_text() {
        assert_eq!(
            plain_attribution(
                r#"<a href="https://www.openstreetmap.org/copyright">&copy; OpenStreetMap</a>  contributors"#
            ),
            "© OpenStreetMap contributors"
        );
    }

    #[test]
    fn a_deeper_tile_is_a_quarter_of_its_parent() {
        let (p, uv) = ancestor(
            TileId {
                x: 5,
                y: 2,
                zoom: 3,
            },
            2,
        );
        assert_eq!((p.x, p.y, p.zoom), (2, 1, 2));
        assert_eq!(uv, Rect::from_min_max(pos2(0.5, 0.0), pos2(1.0, 0.5)));
    }
}
