//! The atlas: municipalities, eerstelijnszones (units) and the cells they are made of,
//! with their shared-edge topology. Built once from the data folder; read-only afterwards.

use std::collections::HashMap;

use geo::{Area, BooleanOps, Coord, LineString, MultiPolygon, Polygon};

use super::geom::{self, BBox, Merc, MercPolygon};
use super::ids::{CellId, MunicipalityId, TiSlice, TiVec, ZoneId};
use super::index::CellIndex;
use super::topology::{LonLatPolygon, Topology};

/// Which municipality set the atlas is built on.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub enum Edition {
    /// The 304 municipalities since 1 January 2025.
    #[serde(rename = "2025")]
    M2025,
    /// The 319 municipalities of 2019-2024.
    #[serde(rename = "2019-2024")]
    M2019,
}

impl Edition {
    pub fn label(self) -> &'static str {
        match self {
            Edition::M2025 => "2025",
            Edition::M2019 => "2019-2024",
        }
    }
}

/// Input for one municipality, as read from the data folder.
#[derive(Clone, Debug)]
pub struct MunicipalityInput {
    pub code: String,
    pub name: String,
    pub province: String,
    pub polygons: Vec<LonLatPolygon>,
    pub population: Option<u64>,
    /// Children 0-17; `None` where the data has no age split (Brussels).
    pub children: Option<u64>,
    /// Reference year of the population figure.
    pub population_year: u16,
    /// Codes (and populations) of the 2019-2024 municipalities this one was made of;
    /// for a municipality that did not change, itself.
    pub predecessors: Vec<(String, Option<u64>)>,
}

/// Input for one zone: its code, name and member municipality codes.
#[derive(Clone, Debug)]
pub struct UnitInput {
    pub code: String,
    pub name: String,
    pub members: Vec<String>,
}

/// A municipality divided between several zones by polygons of another source.
#[derive(Clone, Debug)]
pub struct SplitInput {
    pub municipality: String,
    /// Zone code and the polygons of that zone (may reach beyond the municipality).
    pub parts: Vec<(String, Vec<LonLatPolygon>)>,
}

#[derive(Clone, Debug)]
pub struct AtlasInput {
    pub edition: Edition,
    pub municipalities: Vec<MunicipalityInput>,
    pub units: Vec<UnitInput>,
    pub splits: Vec<SplitInput>,
}

#[derive(Clone, Debug)]
pub struct Municipality {
    pub code: String,
    pub name: String,
    pub province: String,
    pub population: Option<u64>,
    pub children: Option<u64>,
    pub population_year: u16,
    pub predecessors: Vec<(String, Option<u64>)>,
    pub cells: Vec<CellId>,
}

#[derive(Clone, Debug)]
pub struct Unit {
    pub code: String,
    pub name: String,
    pub province: String,
    pub municipalities: Vec<MunicipalityId>,
    pub cells: Vec<CellId>,
    /// Where the label goes: a point well inside the zone (Mercator).
    pub label: Merc,
    pub bbox: BBox,
}

/// The piece of one municipality that lies in one zone. For all but a split municipality
/// a cell is the whole municipality.
#[derive(Clone, Debug)]
pub struct Cell {
    pub muni: MunicipalityId,
    pub unit: ZoneId,
    pub polygons: Vec<LonLatPolygon>,
    pub merc: Vec<MercPolygon>,
    pub bbox: BBox,
    pub population: Option<f64>,
    pub children: Option<f64>,
    /// True when the population is an estimate (a share of a split municipality).
    pub estimated: bool,
}

#[derive(Clone, Debug)]
pub struct Atlas {
    pub edition: Edition,
    pub municipalities: TiVec<MunicipalityId, Municipality>,
    pub units: TiVec<ZoneId, Unit>,
    pub cells: TiVec<CellId, Cell>,
    /// The shared-edge topology of the cells: its cell numbers (`u32`, to keep the arcs
    /// small) are `CellId`s.
    pub topology: Topology,
    pub unit_neighbours: TiVec<ZoneId, Vec<ZoneId>>,
    pub muni_neighbours: TiVec<MunicipalityId, Vec<MunicipalityId>>,
    pub bbox: BBox,
    /// Grid over the cell boxes, for hit tests.
    pub index: CellIndex,
}

/// What went wrong when the inputs do not fit together.
#[derive(Clone, Debug, PartialEq)]
pub enum AtlasError {
    UnknownMember {
        unit: String,
        municipality: String,
    },
    NotInAnyUnit {
        municipality: String,
    },
    InSeveralUnits {
        municipality: String,
        units: Vec<String>,
    },
    DuplicateMunicipality(String),
    DuplicateUnit(String),
    SplitWithoutParts(String),
}

impl std::fmt::Display for AtlasError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            AtlasError::UnknownMember { unit, municipality } => write!(
                f,
                "zone {unit} names municipality {municipality}, which is not in the municipality file"
            ),
            AtlasError::NotInAnyUnit { municipality } => {
                write!(f, "municipality {municipality} belongs to no zone")
            }
            AtlasError::InSeveralUnits {
                municipality,
                units,
            } => write!(
                f,
                "municipality {municipality} is in several zones ({}) but no split polygons were given",
                units.join(", ")
            ),
            AtlasError::DuplicateMunicipality(c) => write!(f, "municipality {c} appears twice"),
            AtlasError::DuplicateUnit(c) => write!(f, "zone {c} appears twice"),
            AtlasError::SplitWithoutParts(c) => {
                write!(f, "split of municipality {c} has no polygons inside it")
            }
        }
    }
}

impl std::error::Error for AtlasError {}

/// Signed area of a lon/lat ring (positive when counter-clockwise with y up).
pub fn ring_area_ll(r: &[[f64; 2]]) -> f64 {
    let n = r.len();
    (0..n)
        .map(|i| {
            let (a, b) = (r[i], r[(i + 1) % n]);
            a[0] * b[1] - b[0] * a[1]
        })
        .sum::<f64>()
        / 2.0
}

/// Outer rings counter-clockwise, holes clockwise, so that two cells walk a shared border
/// in opposite directions.
pub fn normalize_orientation(p: &mut LonLatPolygon) {
    for (i, ring) in p.iter_mut().enumerate() {
        let ccw = ring_area_ll(ring) > 0.0;
        if (i == 0) != ccw {
            ring.reverse();
        }
    }
}

/// A lon/lat polygon as a geo polygon.
pub fn to_geo(p: &LonLatPolygon) -> Polygon<f64> {
    let ls = |r: &Vec<[f64; 2]>| LineString(r.iter().map(|c| Coord { x: c[0], y: c[1] }).collect());
    let mut it = p.iter();
    let ext = it.next().map_or_else(|| LineString(Vec::new()), ls);
    Polygon::new(ext, it.map(ls).collect())
}

fn from_geo(p: &Polygon<f64>) -> LonLatPolygon {
    let ls = |l: &LineString<f64>| l.0.iter().map(|c| [c.x, c.y]).collect::<Vec<_>>();
    let mut v = vec![ls(p.exterior())];
    v.extend(p.interiors().iter().map(ls));
    v
}

fn merc_polys(polys: &[LonLatPolygon]) -> Vec<MercPolygon> {
    polys
        .iter()
        .map(|p| MercPolygon {
            rings: p
                .iter()
                .map(|r| {
                    let mut v: Vec<Merc> = r.iter().map(|c| geom::to_merc(c[0], c[1])).collect();
                    if v.len() > 1 && v.first() == v.last() {
                        v.pop();
                    }
                    v
                })
                .collect(),
        })
        .collect()
}

fn bbox_of(polys: &[MercPolygon]) -> BBox {
    polys.iter().fold(BBox::EMPTY, |b, p| b.union(p.bbox()))
}

/// Cut `muni` by the zone polygons. Returns, per part, the polygons of the municipality in
/// that zone and the area (for the population share). The rest of the municipality that no
/// zone polygon covers goes to the zone it shares the longest border with.
fn split_municipality(
    muni: &[LonLatPolygon],
    parts: &[(String, Vec<LonLatPolygon>)],
) -> Vec<(Vec<LonLatPolygon>, f64)> {
    let m = MultiPolygon(muni.iter().map(to_geo).collect());
    let mut pieces: Vec<Vec<LonLatPolygon>> = Vec::new();
    let mut areas = Vec::new();
    let mut covered = MultiPolygon::<f64>(Vec::new());
    for (_, polys) in parts {
        let s = MultiPolygon(polys.iter().map(to_geo).collect());
        let inter = m.intersection(&s);
        areas.push(inter.unsigned_area());
        pieces.push(inter.0.iter().map(from_geo).collect());
        covered = covered.union(&s);
    }
    let rest = m.difference(&covered);
    let rest: Vec<LonLatPolygon> = rest
        .0
        .iter()
        .filter(|p| p.unsigned_area() > 1e-12)
        .map(from_geo)
        .collect();
    if !rest.is_empty() {
        // Topology over [part 0, .., part k-1, rest 0, .., rest r-1].
        let k = pieces.len();
        let mut cells: Vec<Vec<LonLatPolygon>> = pieces.clone();
        cells.extend(rest.iter().map(|p| vec![p.clone()]));
        let topo = Topology::build(&cells);
        let mut owner: Vec<Option<usize>> = vec![None; rest.len()];
        // Propagate: a remainder piece joins the part (or already placed piece) it shares
        // the longest border with; repeat until nothing changes.
        loop {
            let snapshot = owner.clone();
            let mut changed = false;
            for (ri, own) in owner.iter_mut().enumerate() {
                if own.is_some() {
                    continue;
                }
                let mut best: Option<(usize, f64)> = None;
                for &(nb, len) in &topo.neighbours[k + ri] {
                    let part = if (nb as usize) < k {
                        Some(nb as usize)
                    } else {
                        snapshot[nb as usize - k]
                    };
                    if let Some(p) = part
                        && best.is_none_or(|(_, l)| len > l)
                    {
                        best = Some((p, len));
                    }
                }
                if let Some((p, _)) = best {
                    *own = Some(p);
                    changed = true;
                }
            }
            if !changed {
                break;
            }
        }
        // Pieces that touch nothing go to the largest part.
        let largest = areas
            .iter()
            .enumerate()
            .max_by(|a, b| a.1.total_cmp(b.1))
            .map_or(0, |(i, _)| i);
        // Merge each remainder piece into its part, so no slivers remain as separate pieces.
        let mut extra: Vec<Vec<Polygon<f64>>> = vec![Vec::new(); pieces.len()];
        for (ri, poly) in rest.iter().enumerate() {
            let p = owner[ri].unwrap_or(largest);
            if let Some(e) = extra.get_mut(p) {
                e.push(to_geo(poly));
            }
        }
        for (piece, add) in pieces.iter_mut().zip(extra) {
            if add.is_empty() {
                continue;
            }
            let base = MultiPolygon(piece.iter().map(to_geo).collect());
            let merged = base.union(&MultiPolygon(add));
            *piece = merged
                .0
                .iter()
                .filter(|p| p.unsigned_area() > 1e-12)
                .map(from_geo)
                .collect();
        }
    }
    pieces.into_iter().zip(areas).collect()
}

/// Index of each code in a list, refusing a code that appears twice.
fn index_codes<'a>(
    codes: impl Iterator<Item = &'a String>,
    duplicate: fn(String) -> AtlasError,
) -> Result<HashMap<String, usize>, AtlasError> {
    let mut index = HashMap::new();
    for (i, code) in codes.enumerate() {
        if index.insert(code.clone(), i).is_some() {
            return Err(duplicate(code.clone()));
        }
    }
    Ok(index)
}

/// Which zones each municipality is in.
fn zones_of_municipalities(
    input: &AtlasInput,
    muni_index: &HashMap<String, usize>,
) -> Result<Vec<Vec<usize>>, AtlasError> {
    let mut muni_units: Vec<Vec<usize>> = vec![Vec::new(); input.municipalities.len()];
    for (ui, u) in input.units.iter().enumerate() {
        for code in &u.members {
            let Some(&mi) = muni_index.get(code) else {
                return Err(AtlasError::UnknownMember {
                    unit: u.code.clone(),
                    municipality: code.clone(),
                });
            };
            if !muni_units[mi].contains(&ui) {
                muni_units[mi].push(ui);
            }
        }
    }
    Ok(muni_units)
}

/// The cells of one municipality that lies in several zones: one per zone, cut by the
/// split polygons, with the population shared by area (an estimate).
fn split_cells(
    mi: usize,
    m: &MunicipalityInput,
    split: &SplitInput,
    several: &[usize],
    unit_index: &HashMap<String, usize>,
) -> Result<Vec<Cell>, AtlasError> {
    let parts: Vec<(String, Vec<LonLatPolygon>)> = split
        .parts
        .iter()
        .filter(|(code, _)| unit_index.get(code).is_some_and(|u| several.contains(u)))
        .cloned()
        .collect();
    let mut pieces = split_municipality(&m.polygons, &parts);
    for (polys, _) in &mut pieces {
        polys.iter_mut().for_each(normalize_orientation);
    }
    let total: f64 = pieces.iter().map(|p| p.1).sum();
    if total <= 0.0 {
        return Err(AtlasError::SplitWithoutParts(m.code.clone()));
    }
    let mut cells = Vec::new();
    for ((code, _), (polys, area)) in parts.iter().zip(pieces) {
        let Some(&ui) = unit_index.get(code) else {
            continue;
        };
        let share = area / total;
        let merc = merc_polys(&polys);
        cells.push(Cell {
            muni: MunicipalityId(mi),
            unit: ZoneId(ui),
            bbox: bbox_of(&merc),
            merc,
            polygons: polys,
            population: m.population.map(|v| v as f64 * share),
            children: m.children.map(|v| v as f64 * share),
            estimated: true,
        });
    }
    Ok(cells)
}

/// The cells of one municipality: the whole of it, or its pieces when it lies in several
/// zones.
fn municipality_cells(
    input: &AtlasInput,
    mi: usize,
    zones: &[usize],
    splits: &HashMap<&str, &SplitInput>,
    unit_index: &HashMap<String, usize>,
) -> Result<Vec<Cell>, AtlasError> {
    let m = &input.municipalities[mi];
    match zones {
        [] => Err(AtlasError::NotInAnyUnit {
            municipality: m.code.clone(),
        }),
        [ui] => {
            let merc = merc_polys(&m.polygons);
            Ok(vec![Cell {
                muni: MunicipalityId(mi),
                unit: ZoneId(*ui),
                bbox: bbox_of(&merc),
                merc,
                polygons: m.polygons.clone(),
                population: m.population.map(|v| v as f64),
                children: m.children.map(|v| v as f64),
                estimated: false,
            }])
        }
        several => {
            let Some(split) = splits.get(m.code.as_str()) else {
                return Err(AtlasError::InSeveralUnits {
                    municipality: m.code.clone(),
                    units: several
                        .iter()
                        .map(|&u| input.units[u].code.clone())
                        .collect(),
                });
            };
            split_cells(mi, m, split, several, unit_index)
        }
    }
}

type CellsAndMunicipalities = (TiVec<CellId, Cell>, TiVec<MunicipalityId, Municipality>);

/// Every cell, and the municipalities that list their cells.
fn cells_and_municipalities(
    input: &AtlasInput,
    muni_units: &[Vec<usize>],
    unit_index: &HashMap<String, usize>,
) -> Result<CellsAndMunicipalities, AtlasError> {
    let splits: HashMap<&str, &SplitInput> = input
        .splits
        .iter()
        .map(|s| (s.municipality.as_str(), s))
        .collect();
    let mut cells: TiVec<CellId, Cell> = TiVec::new();
    let mut municipalities = TiVec::with_capacity(input.municipalities.len());
    for (mi, m) in input.municipalities.iter().enumerate() {
        let own = municipality_cells(input, mi, &muni_units[mi], &splits, unit_index)?;
        let mcells = (cells.len()..cells.len() + own.len()).map(CellId).collect();
        cells.extend(own);
        municipalities.push(Municipality {
            code: m.code.clone(),
            name: m.name.clone(),
            province: m.province.clone(),
            population: m.population,
            children: m.children,
            population_year: m.population_year,
            predecessors: m.predecessors.clone(),
            cells: mcells,
        });
    }
    Ok((cells, municipalities))
}

/// The zones with their cells, municipalities, box and province.
fn units_of(
    input: &AtlasInput,
    cells: &TiSlice<CellId, Cell>,
    municipalities: &TiSlice<MunicipalityId, Municipality>,
) -> TiVec<ZoneId, Unit> {
    let mut units: TiVec<ZoneId, Unit> = input
        .units
        .iter()
        .map(|u| Unit {
            code: u.code.clone(),
            name: u.name.clone(),
            province: String::new(),
            municipalities: Vec::new(),
            cells: Vec::new(),
            label: [0.0, 0.0],
            bbox: BBox::EMPTY,
        })
        .collect();
    for (ci, c) in cells.iter_enumerated() {
        let u = &mut units[c.unit];
        u.cells.push(ci);
        if !u.municipalities.contains(&c.muni) {
            u.municipalities.push(c.muni);
        }
        u.bbox = u.bbox.union(c.bbox);
    }
    for u in &mut units {
        if let Some(&m) = u.municipalities.first() {
            u.province = municipalities[m].province.clone();
        }
    }
    units
}

/// Zones and municipalities that share a border, from the cells' topology; each list
/// sorted.
fn neighbours_of(
    topology: &Topology,
    cells: &TiSlice<CellId, Cell>,
    n_units: usize,
    n_munis: usize,
) -> (
    TiVec<ZoneId, Vec<ZoneId>>,
    TiVec<MunicipalityId, Vec<MunicipalityId>>,
) {
    let mut unit_neighbours: TiVec<ZoneId, Vec<ZoneId>> = vec![Vec::new(); n_units].into();
    let mut muni_neighbours: TiVec<MunicipalityId, Vec<MunicipalityId>> =
        vec![Vec::new(); n_munis].into();
    for (ci, nbs) in topology.neighbours.iter().enumerate() {
        let (u, m) = (cells[CellId(ci)].unit, cells[CellId(ci)].muni);
        for &(o, _) in nbs {
            let o = &cells[CellId::from(o)];
            let (ou, om) = (o.unit, o.muni);
            if ou != u && !unit_neighbours[u].contains(&ou) {
                unit_neighbours[u].push(ou);
            }
            if om != m && !muni_neighbours[m].contains(&om) {
                muni_neighbours[m].push(om);
            }
        }
    }
    for v in &mut unit_neighbours {
        v.sort_unstable();
    }
    for v in &mut muni_neighbours {
        v.sort_unstable();
    }
    (unit_neighbours, muni_neighbours)
}

impl Atlas {
    pub fn build(mut input: AtlasInput) -> Result<Atlas, AtlasError> {
        for m in &mut input.municipalities {
            m.polygons.iter_mut().for_each(normalize_orientation);
        }
        let muni_index = index_codes(
            input.municipalities.iter().map(|m| &m.code),
            AtlasError::DuplicateMunicipality,
        )?;
        let unit_index = index_codes(
            input.units.iter().map(|u| &u.code),
            AtlasError::DuplicateUnit,
        )?;
        let muni_units = zones_of_municipalities(&input, &muni_index)?;
        let (cells, municipalities) = cells_and_municipalities(&input, &muni_units, &unit_index)?;
        let topology =
            Topology::build(&cells.iter().map(|c| c.polygons.clone()).collect::<Vec<_>>());
        let units = units_of(&input, &cells, &municipalities);
        let (unit_neighbours, muni_neighbours) =
            neighbours_of(&topology, &cells, units.len(), municipalities.len());
        let bbox = cells.iter().fold(BBox::EMPTY, |b, c| b.union(c.bbox));
        let index = CellIndex::build(&cells.iter().map(|c| c.bbox).collect::<Vec<_>>());
        let mut atlas = Atlas {
            edition: input.edition,
            municipalities,
            units,
            cells,
            topology,
            unit_neighbours,
            muni_neighbours,
            bbox,
            index,
        };
        atlas.place_labels();
        Ok(atlas)
    }

    /// Put each zone label at the pole of inaccessibility of the zone, measured against
    /// the zone's own border arcs.
    fn place_labels(&mut self) {
        let mut border_segments: TiVec<ZoneId, Vec<(Merc, Merc)>> =
            vec![Vec::new(); self.units.len()].into();
        for arc in &self.topology.arcs {
            let lu = self.cells[CellId::from(arc.left)].unit;
            let ru = arc.right.map(|r| self.cells[CellId::from(r)].unit);
            if ru == Some(lu) {
                continue;
            }
            let pts: Vec<Merc> = arc
                .points
                .iter()
                .map(|p| geom::to_merc(p[0], p[1]))
                .collect();
            for w in pts.windows(2) {
                border_segments[lu].push((w[0], w[1]));
                if let Some(r) = ru {
                    border_segments[r].push((w[0], w[1]));
                }
            }
        }
        for (ui, unit) in self.units.iter_mut_enumerated() {
            let cells = &self.cells;
            let segs = &border_segments[ui];
            // Search within the largest polygon's box, so the label sits in the main body.
            let main = unit
                .cells
                .iter()
                .flat_map(|&c| cells[c].merc.iter())
                .max_by(|a, b| a.area().total_cmp(&b.area()))
                .map_or(unit.bbox, super::geom::MercPolygon::bbox);
            let search = unit
                .cells
                .iter()
                .flat_map(|&c| cells[c].merc.iter())
                .map(super::geom::MercPolygon::bbox)
                .filter(|b| b.intersects(&main))
                .fold(main, super::geom::BBox::union);
            unit.label = geom::pole_of_inaccessibility_with(
                search,
                |p| {
                    unit.cells.iter().any(|&c| {
                        cells[c].bbox.contains(p) && cells[c].merc.iter().any(|m| m.contains(p))
                    })
                },
                |p| {
                    segs.iter()
                        .map(|&(a, b)| geom::seg_distance(p, a, b))
                        .fold(f64::INFINITY, f64::min)
                },
            );
        }
    }

    pub fn unit_by_code(&self, code: &str) -> Option<ZoneId> {
        self.units.position(|u| u.code == code)
    }

    pub fn muni_by_code(&self, code: &str) -> Option<MunicipalityId> {
        self.municipalities.position(|m| m.code == code)
    }

    /// The cell under a Mercator point, if any (the lowest numbered one where cells overlap).
    pub fn cell_at(&self, p: Merc) -> Option<CellId> {
        self.index
            .candidates(p)
            .iter()
            .map(|&c| CellId::from(c))
            .find(|&c| {
                let cell = &self.cells[c];
                cell.bbox.contains(p) && cell.merc.iter().any(|m| m.contains(p))
            })
    }

    /// Population of a zone, and whether any part of it is an estimate.
    pub fn unit_population(&self, unit: ZoneId) -> (Option<f64>, bool) {
        sum_cells(self, &self.units[unit].cells, |c| c.population)
    }

    /// Children 0-17 of a zone (None when unknown for any part of it).
    pub fn unit_children(&self, unit: ZoneId) -> (Option<f64>, bool) {
        sum_cells(self, &self.units[unit].cells, |c| c.children)
    }

    pub fn is_unit_estimated(&self, unit: ZoneId) -> bool {
        self.units[unit]
            .cells
            .iter()
            .any(|&c| self.cells[c].estimated)
    }
}

fn sum_cells(
    atlas: &Atlas,
    cells: &[CellId],
    f: impl Fn(&Cell) -> Option<f64>,
) -> (Option<f64>, bool) {
    let mut total = 0.0;
    let mut estimated = false;
    for &c in cells {
        let cell = &atlas.cells[c];
        match f(cell) {
            Some(v) => total += v,
            None => return (None, estimated),
        }
        estimated |= cell.estimated;
    }
    (Some(total), estimated)
}
