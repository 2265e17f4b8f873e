//! Province borders: the five Flemish provinces and the Brussels-Capital Region, which are
//! also the IROJ regions (one intersectoraal regionaal overleg jeugdhulp per province, plus
//! Brussel).

use super::{bbox_of, label_point, merc_line, merc_polygons};
use crate::model::geom::{BBox, Merc, MercPolygon};
use crate::model::topology::{LonLatPolygon, Topology};

/// NIS code of the Brussels-Capital Region in the province file.
pub const BRUSSELS_CODE: &str = "04000";

/// One province (or Brussels) as read from the file.
#[derive(Clone, Debug)]
pub struct ProvinceInput {
    /// NIS code, e.g. "10000" (Antwerpen), "04000" (Brussels-Capital Region).
    pub code: String,
    pub name: String,
    pub polygons: Vec<LonLatPolygon>,
}

#[derive(Clone, Debug)]
pub struct Province {
    pub code: String,
    /// Name as in the file, e.g. "Antwerpen", "Brussels Hoofdstedelijk Gewest".
    pub name: String,
    /// Name of the IROJ region as used for teams ("Antwerpen", ..., "Brussel").
    pub iroj: String,
    pub polygons: Vec<LonLatPolygon>,
    pub merc: Vec<MercPolygon>,
    /// Mercator box to zoom to.
    pub bbox: BBox,
    /// A point well inside the largest part, for the label.
    pub label: Merc,
}

/// A piece of province border, drawn once: between `left` and `right`, or on the outer
/// edge of the area (`right` is `None`).
#[derive(Clone, Debug)]
pub struct BorderLine {
    pub left: usize,
    pub right: Option<usize>,
    pub points: Vec<Merc>,
}

#[derive(Clone, Debug)]
pub struct ProvinceLayer {
    pub provinces: Vec<Province>,
    pub borders: Vec<BorderLine>,
    /// Box around all provinces.
    pub bbox: BBox,
}

/// The IROJ name of a province: its own name, or "Brussel" for the Brussels-Capital Region.
pub fn iroj_name(code: &str, name: &str) -> String {
    if code == BRUSSELS_CODE {
        "Brussel".to_string()
    } else {
        name.to_string()
    }
}

impl ProvinceLayer {
    /// Build the layer: boxes, label points and the shared border lines (each drawn once).
    pub fn build(inputs: Vec<ProvinceInput>) -> ProvinceLayer {
        let topology = Topology::build(
            &inputs
                .iter()
                .map(|p| p.polygons.clone())
                .collect::<Vec<_>>(),
        );
        let provinces: Vec<Province> = inputs
            .into_iter()
            .map(|p| {
                let merc = merc_polygons(&p.polygons);
                let bbox = bbox_of(&merc);
                Province {
                    iroj: iroj_name(&p.code, &p.name),
                    label: label_point(&merc).unwrap_or(bbox.center()),
                    code: p.code,
                    name: p.name,
                    polygons: p.polygons,
                    merc,
                    bbox,
                }
            })
            .collect();
        let borders = topology
            .arcs
            .iter()
            .map(|a| BorderLine {
                left: a.left as usize,
                right: a.right.map(|r| r as usize),
                points: merc_line(&a.points),
            })
            .collect();
        let bbox = provinces.iter().fold(BBox::EMPTY, |b, p| b.union(p.bbox));
        ProvinceLayer {
            provinces,
            borders,
            bbox,
        }
    }

    /// The province with this NIS code.
    pub fn by_code(&self, code: &str) -> Option<usize> {
        self.provinces.iter().position(|p| p.code == code)
    }

    /// The province of an IROJ region, by the name teams use ("Limburg", "Brussel").
    pub fn by_iroj(&self, iroj: &str) -> Option<usize> {
        let want = crate::i18n::fold(iroj.trim());
        self.provinces
            .iter()
            .position(|p| crate::i18n::fold(&p.iroj) == want)
    }

    /// The province under a Mercator point.
    pub fn at(&self, p: Merc) -> Option<usize> {
        self.provinces
            .iter()
            .position(|pr| pr.bbox.contains(p) && pr.merc.iter().any(|m| m.contains(p)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn square(x: f64, y: f64) -> LonLatPolygon {
        vec![vec![
            [x, y],
            [x + 1.0, y],
            [x + 1.0, y + 1.0],
            [x, y + 1.0],
            [x, y],
        ]]
    }

    #[test]
    fn a_shared_border_is_drawn_once() {
        let layer = ProvinceLayer::build(vec![
            ProvinceInput {
                code: "10000".into(),
                name: "A".into(),
                polygons: vec![square(3.0, 50.0)],
            },
            ProvinceInput {
                code: BRUSSELS_CODE.into(),
                name: "Brussels Hoofdstedelijk Gewest".into(),
                polygons: vec![square(4.0, 50.0)],
            },
        ]);
        let inner: Vec<_> = layer.borders.iter().filter(|b| b.right.is_some()).collect();
        assert_eq!(inner.len(), 1);
        assert_eq!(layer.by_iroj("brussel"), Some(1));
        let l = layer.provinces[0].label;
        assert_eq!(layer.at(l), Some(0));
    }
}
