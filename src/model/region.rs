//! The six IROJ regions (the five Flemish provinces and Brussels): each forum proposes the
//! division of its own region, and a zone belongs to the region of its province.

use super::atlas::Atlas;
use super::geom::BBox;
use super::ids::{TiVec, ZoneId};
use super::text::fold;

/// One IROJ region, in the order the presentation keys (1-6) and the lists use.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Region {
    Antwerpen,
    Limburg,
    OostVlaanderen,
    VlaamsBrabant,
    WestVlaanderen,
    Brussel,
}

impl Region {
    pub const ALL: [Region; 6] = [
        Region::Antwerpen,
        Region::Limburg,
        Region::OostVlaanderen,
        Region::VlaamsBrabant,
        Region::WestVlaanderen,
        Region::Brussel,
    ];

    /// The name the IROJ use (and the files store): "Oost-Vlaanderen", "Brussel".
    pub fn name(self) -> &'static str {
        match self {
            Region::Antwerpen => "Antwerpen",
            Region::Limburg => "Limburg",
            Region::OostVlaanderen => "Oost-Vlaanderen",
            Region::VlaamsBrabant => "Vlaams-Brabant",
            Region::WestVlaanderen => "West-Vlaanderen",
            Region::Brussel => "Brussel",
        }
    }

    /// A region from its name as a user types it: case, accents, spaces and hyphens do not
    /// matter ("oost vlaanderen"), and the data's name for Brussels is understood.
    pub fn parse(s: &str) -> Option<Region> {
        let key: String = fold(s.trim())
            .chars()
            .filter(char::is_ascii_alphanumeric)
            .collect();
        if key.is_empty() {
            return None;
        }
        if key.starts_with("brussel") {
            return Some(Region::Brussel);
        }
        Region::ALL.into_iter().find(|r| {
            let name: String = fold(r.name())
                .chars()
                .filter(char::is_ascii_alphanumeric)
                .collect();
            name == key || key == format!("provincie{name}")
        })
    }

    /// The region of a province as the data names it ("Brussels Hoofdstedelijk Gewest" is
    /// Brussel).
    pub fn of_province(province: &str) -> Option<Region> {
        Region::parse(province)
    }
}

impl std::fmt::Display for Region {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

/// The region of a zone (atlas unit), from its province; `None` for a zone the data gives no
/// province.
pub fn unit_region(atlas: &Atlas, unit: ZoneId) -> Option<Region> {
    atlas
        .units
        .get(unit)
        .and_then(|u| Region::of_province(&u.province))
}

/// The region of every zone, by unit index.
pub fn unit_regions(atlas: &Atlas) -> TiVec<ZoneId, Option<Region>> {
    atlas.units.keys().map(|u| unit_region(atlas, u)).collect()
}

/// The Mercator box of a region's zones (None: the data has no zone in it).
pub fn region_bbox(atlas: &Atlas, region: Region) -> Option<BBox> {
    let b = atlas
        .units
        .iter_enumerated()
        .filter(|&(u, _)| unit_region(atlas, u) == Some(region))
        .fold(BBox::EMPTY, |b, (_, unit)| b.union(unit.bbox));
    (!b.is_empty()).then_some(b)
}

#[cfg(test)]
mod tests {
    use super::Region;

    #[test]
    fn names_parse_back_and_loose_spellings_are_understood() {
        for r in Region::ALL {
            assert_eq!(Region::parse(r.name()), Some(r));
        }
        assert_eq!(
            Region::parse("oost vlaanderen"),
            Some(Region::OostVlaanderen)
        );
        assert_eq!(Region::parse("VLAAMS-BRABANT"), Some(Region::VlaamsBrabant));
        assert_eq!(
            Region::of_province("Brussels Hoofdstedelijk Gewest"),
            Some(Region::Brussel)
        );
        assert_eq!(Region::parse("Provincie Limburg"), Some(Region::Limburg));
        assert_eq!(Region::parse("Henegouwen"), None);
        assert_eq!(Region::parse(""), None);
    }
}
