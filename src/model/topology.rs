//! Shared-edge topology of a set of polygonal cells.
//!
//! The municipality polygons share their vertices along common borders, so two cells border
//! each other where they have the same edge. A few borders do not match vertex for vertex
//! (other simplifications, cut polygons); those are matched by a small tolerance: an edge whose
//! midpoint lies on a nearly parallel edge of another cell is shared with that cell.
//!
//! The result is a list of arcs (maximal runs of edges with the same cell on either side) and
//! the cell adjacency with the length of each shared border. Any border of interest (team,
//! zone, municipality) is the subset of arcs whose two sides differ in that respect, so it is
//! found by a linear scan over the arcs, without any polygon union.

use std::collections::HashMap;

/// Vertices are snapped to a grid of 1e-6 degrees (the precision of the source files).
const SNAP: f64 = 1e6;
/// Tolerance for matching edges that do not share both vertices, in degrees (about 1 m).
const TOLERANCE_DEG: f64 = 1e-5;
/// Grid cell size for the tolerance search, in degrees.
const GRID_DEG: f64 = 0.01;
/// Longest edge (in grid cells covered) put in the grid for tolerance matching; the real
/// borders have edges of a few cells.
const MAX_GRID_CELLS_PER_EDGE: u64 = 10_000;

/// A lon/lat polygon: the first ring is the outer ring, the others are holes.
/// Rings may be closed (first point repeated) or open.
pub type LonLatPolygon = Vec<Vec<[f64; 2]>>;

/// A run of edges between `left` and `right` (None: nothing on the other side).
#[derive(Clone, Debug)]
pub struct Arc {
    pub left: u32,
    pub right: Option<u32>,
    /// lon/lat vertices, in order.
    pub points: Vec<[f64; 2]>,
}

#[derive(Clone, Debug, Default)]
pub struct Topology {
    pub arcs: Vec<Arc>,
    /// For each cell, its neighbours and the length of the shared border in metres.
    pub neighbours: Vec<Vec<(u32, f64)>>,
    /// For each cell and each of its polygons: does the polygon share an edge with another cell?
    pub part_touches: Vec<Vec<bool>>,
}

/// Levels of the tolerance grid: cells of GRID_DEG halved per level, the finest a few times
/// the tolerance.
const LEVELS: u8 = 9;

fn level_size(level: u8) -> f64 {
    GRID_DEG / f64::from(1u32 << level)
}

fn level_key(level: u8, p: [f64; 2]) -> (i64, i64) {
    let g = level_size(level);
    ((p[0] / g).floor() as i64, (p[1] / g).floor() as i64)
}

type Q = (i64, i64);

fn q(p: [f64; 2]) -> Q {
    ((p[0] * SNAP).round() as i64, (p[1] * SNAP).round() as i64)
}

/// The key under which vertices count as the same point (snapped to the source precision).
pub fn vertex_key(p: [f64; 2]) -> (i64, i64) {
    q(p)
}

/// Approximate length of a lon/lat segment in metres (local equirectangular).
pub fn segment_metres(a: [f64; 2], b: [f64; 2]) -> f64 {
    let lat = ((a[1] + b[1]) / 2.0).to_radians();
    let dx = (b[0] - a[0]) * 111_320.0 * lat.cos();
    let dy = (b[1] - a[1]) * 110_540.0;
    (dx * dx + dy * dy).sqrt()
}

struct EdgeRef {
    cell: u32,
    poly: u32,
    ring: u32,
    idx: u32,
}

/// Open ring (drops a repeated closing vertex).
fn open_ring(r: &[[f64; 2]]) -> &[[f64; 2]] {
    if r.len() > 1 && q(r[0]) == q(r[r.len() - 1]) {
        &r[..r.len() - 1]
    } else {
        r
    }
}

/// Neighbour state of one edge.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Nb {
    /// Nothing on the other side (outer boundary).
    None,
    /// Another piece of the same cell.
    Own,
    Cell(u32),
}

/// Every edge of every ring, with the ids of each ring's edges in order and the edges filed
/// under their snapped end points.
struct Edges<'a> {
    cells: &'a [Vec<LonLatPolygon>],
    edges: Vec<EdgeRef>,
    /// Per cell, polygon and ring: the ids of its edges in order.
    ring_edges: Vec<Vec<Vec<Vec<u32>>>>,
    /// The edges between two snapped points, whichever way they run.
    by_key: HashMap<(Q, Q), Vec<u32>>,
}

/// Per cell, its neighbours and the length of border shared with each.
type Neighbours = Vec<Vec<(u32, f64)>>;

/// Cells of the tolerance grid an edge's box covers: the lowest and highest.
type CellBox = ((i64, i64), (i64, i64));

fn grid_cell(p: [f64; 2]) -> (i64, i64) {
    (
        (p[0] / GRID_DEG).floor() as i64,
        (p[1] / GRID_DEG).floor() as i64,
    )
}

impl<'a> Edges<'a> {
    fn collect(cells: &'a [Vec<LonLatPolygon>]) -> Edges<'a> {
        let mut by_key: HashMap<(Q, Q), Vec<u32>> = HashMap::new();
        let mut edges: Vec<EdgeRef> = Vec::new();
        let mut ring_edges: Vec<Vec<Vec<Vec<u32>>>> = Vec::with_capacity(cells.len());
        for (ci, polys) in cells.iter().enumerate() {
            let mut per_poly = Vec::with_capacity(polys.len());
            for (pi, poly) in polys.iter().enumerate() {
                let mut per_ring = Vec::with_capacity(poly.len());
                for (ri, ring) in poly.iter().enumerate() {
                    let ring = open_ring(ring);
                    let n = ring.len();
                    let mut ids = Vec::with_capacity(n);
                    for i in 0..n {
                        let a = q(ring[i]);
                        let b = q(ring[(i + 1) % n]);
                        let id = edges.len() as u32;
                        edges.push(EdgeRef {
                            cell: ci as u32,
                            poly: pi as u32,
                            ring: ri as u32,
                            idx: i as u32,
                        });
                        ids.push(id);
                        if a != b {
                            let key = if a < b { (a, b) } else { (b, a) };
                            by_key.entry(key).or_default().push(id);
                        }
                    }
                    per_ring.push(ids);
                }
                per_poly.push(per_ring);
            }
            ring_edges.push(per_poly);
        }
        Edges {
            cells,
            edges,
            ring_edges,
            by_key,
        }
    }

    /// Point `k` (0: start, 1: end) of an edge.
    fn point(&self, e: &EdgeRef, k: usize) -> [f64; 2] {
        let ring = open_ring(&self.cells[e.cell as usize][e.poly as usize][e.ring as usize]);
        ring[(e.idx as usize + k) % ring.len()]
    }

    /// Step 1, exact matching on snapped vertices. Each edge sees the first edge of its key
    /// (in order) that belongs to another cell; failing that, another piece of its own cell.
    /// Found in one pass per key, so a key shared by many edges costs no more than their
    /// number.
    fn exact_matches(&self) -> Vec<Nb> {
        let edges = &self.edges;
        let mut nb = vec![Nb::None; edges.len()];
        for ids in self.by_key.values() {
            let first = edges[ids[0] as usize].cell;
            let second = ids
                .iter()
                .map(|&id| edges[id as usize].cell)
                .find(|&c| c != first);
            for &id in ids {
                let me = edges[id as usize].cell;
                nb[id as usize] = if me != first {
                    Nb::Cell(first)
                } else if let Some(o) = second {
                    Nb::Cell(o)
                } else if ids.len() > 1 {
                    Nb::Own
                } else {
                    Nb::None
                };
            }
        }
        nb
    }

    /// The grid the unmatched edges are filed in for step 2.
    ///
    /// The candidates for an edge are the edges whose box (in cells of GRID_DEG) covers the
    /// cell of its midpoint. A densely sampled border puts thousands of short edges in one
    /// such cell, and trying each against each is quadratic; so every edge is filed in a
    /// grid of its own size (cells halving per level, down to a few times the tolerance),
    /// with its box grown by the tolerance, and an edge looks only in the cell of its
    /// midpoint on each level. The candidates found there are sorted and filtered by the
    /// rule above, so the match is the same as trying them all.
    fn tolerance_grid(&self, unmatched: &[u32]) -> ToleranceGrid {
        let mut grid = ToleranceGrid {
            cells: HashMap::new(),
            coarse_box: vec![None; self.edges.len()],
            levels_used: [false; LEVELS as usize],
        };
        for &id in unmatched {
            let e = &self.edges[id as usize];
            let (a, b) = (self.point(e, 0), self.point(e, 1));
            let (ka, kb) = (grid_cell(a), grid_cell(b));
            // An edge across hundreds of kilometres (found by fuzzing: one such edge filled the
            // grid for a minute) is no shared border between neighbours: leave it out.
            let span = (ka.0 - kb.0)
                .unsigned_abs()
                .saturating_add(1)
                .saturating_mul((ka.1 - kb.1).unsigned_abs().saturating_add(1));
            if span > MAX_GRID_CELLS_PER_EDGE {
                continue;
            }
            grid.coarse_box[id as usize] = Some((
                (ka.0.min(kb.0), ka.1.min(kb.1)),
                (ka.0.max(kb.0), ka.1.max(kb.1)),
            ));
            let lo = [
                a[0].min(b[0]) - TOLERANCE_DEG,
                a[1].min(b[1]) - TOLERANCE_DEG,
            ];
            let hi = [
                a[0].max(b[0]) + TOLERANCE_DEG,
                a[1].max(b[1]) + TOLERANCE_DEG,
            ];
            let extent = (hi[0] - lo[0]).max(hi[1] - lo[1]);
            let level = (0..LEVELS)
                .rev()
                .find(|&l| level_size(l) >= extent)
                .unwrap_or(0);
            grid.levels_used[level as usize] = true;
            let (la, lb) = (level_key(level, lo), level_key(level, hi));
            for gx in la.0..=lb.0 {
                for gy in la.1..=lb.1 {
                    grid.cells.entry((level, gx, gy)).or_default().push(id);
                }
            }
        }
        grid
    }

    /// Step 2, tolerance matching of the edges left over: an edge matches a nearly parallel
    /// edge of another cell whose line passes within the tolerance of its midpoint.
    fn tolerance_matches(&self, nb: &mut [Nb]) {
        let unmatched: Vec<u32> = (0..self.edges.len() as u32)
            .filter(|&id| nb[id as usize] == Nb::None)
            .collect();
        let grid = self.tolerance_grid(&unmatched);
        let mut late: Vec<(u32, Nb)> = Vec::new();
        let mut cands: Vec<u32> = Vec::new();
        for &id in &unmatched {
            let e = &self.edges[id as usize];
            let (a, b) = (self.point(e, 0), self.point(e, 1));
            let m = [(a[0] + b[0]) / 2.0, (a[1] + b[1]) / 2.0];
            let (dx, dy) = (b[0] - a[0], b[1] - a[1]);
            let len = (dx * dx + dy * dy).sqrt();
            if len == 0.0 {
                continue;
            }
            grid.candidates(&self.edges, e.cell, m, &mut cands);
            for &other in &cands {
                let f = &self.edges[other as usize];
                let (c, d) = (self.point(f, 0), self.point(f, 1));
                let (fx, fy) = (d[0] - c[0], d[1] - c[1]);
                let flen = (fx * fx + fy * fy).sqrt();
                if flen == 0.0 {
                    continue;
                }
                let sin = (dx * fy - dy * fx).abs() / (len * flen);
                if sin < 0.05 && crate::model::geom::seg_distance(m, c, d) < TOLERANCE_DEG {
                    late.push((id, Nb::Cell(f.cell)));
                    // The other side sees this cell too, so the arc is kept exactly once.
                    late.push((other, Nb::Cell(e.cell)));
                    break;
                }
            }
        }
        for (id, s) in late {
            if nb[id as usize] == Nb::None {
                nb[id as usize] = s;
            }
        }
    }

    /// Step 3, adjacency with shared lengths (sorted by neighbour), and which parts touch
    /// another cell.
    fn adjacency(&self, nb: &[Nb]) -> (Neighbours, Vec<Vec<bool>>) {
        let mut shared: HashMap<(u32, u32), f64> = HashMap::new();
        let mut part_touches: Vec<Vec<bool>> =
            self.cells.iter().map(|p| vec![false; p.len()]).collect();
        for (id, e) in self.edges.iter().enumerate() {
            if let Nb::Cell(o) = nb[id] {
                let len = segment_metres(self.point(e, 0), self.point(e, 1));
                // Each shared edge is seen from both sides; count half from each.
                *shared.entry((e.cell.min(o), e.cell.max(o))).or_default() += len / 2.0;
                part_touches[e.cell as usize][e.poly as usize] = true;
            }
        }
        let mut neighbours: Vec<Vec<(u32, f64)>> = vec![Vec::new(); self.cells.len()];
        let mut pairs: Vec<_> = shared.into_iter().collect();
        pairs.sort_by_key(|a| a.0);
        for ((a, b), len) in pairs {
            neighbours[a as usize].push((b, len));
            neighbours[b as usize].push((a, len));
        }
        (neighbours, part_touches)
    }

    /// Step 4, arcs: runs of equal neighbour state along each ring, kept from one side only.
    fn arcs(&self, nb: &[Nb]) -> Vec<Arc> {
        let mut arcs = Vec::new();
        for (ci, polys) in self.ring_edges.iter().enumerate() {
            for (pi, rings) in polys.iter().enumerate() {
                for (ri, ids) in rings.iter().enumerate() {
                    let ring = open_ring(&self.cells[ci][pi][ri]);
                    ring_arcs(ci as u32, ring, ids, nb, &mut arcs);
                }
            }
        }
        arcs
    }
}

/// The arcs of one ring of cell `ci`: each run of edges with the same neighbour, unless the
/// neighbour has a lower number (it keeps the arc) or is the cell itself.
fn ring_arcs(ci: u32, ring: &[[f64; 2]], ids: &[u32], nb: &[Nb], arcs: &mut Vec<Arc>) {
    let n = ids.len();
    if n == 0 {
        return;
    }
    let states: Vec<Nb> = ids.iter().map(|&id| nb[id as usize]).collect();
    let start = (0..n).find(|&i| states[i] != states[(i + n - 1) % n]);
    let emit = |arcs: &mut Vec<Arc>, state: Nb, from: usize, count: usize| {
        let right = match state {
            Nb::None => None,
            Nb::Own => return,
            Nb::Cell(o) if o < ci => return,
            Nb::Cell(o) => Some(o),
        };
        let points = (0..=count).map(|k| ring[(from + k) % n]).collect();
        arcs.push(Arc {
            left: ci,
            right,
            points,
        });
    };
    match start {
        None => emit(arcs, states[0], 0, n),
        Some(s) => {
            let mut from = s;
            let mut count = 0;
            for k in 0..n {
                let i = (s + k) % n;
                if states[i] != states[from] {
                    emit(arcs, states[from], from, count);
                    from = i;
                    count = 0;
                }
                count += 1;
            }
            emit(arcs, states[from], from, count);
        }
    }
}

/// The unmatched edges filed by level and grid cell (see `Edges::tolerance_grid`).
struct ToleranceGrid {
    cells: HashMap<(u8, i64, i64), Vec<u32>>,
    coarse_box: Vec<Option<CellBox>>,
    levels_used: [bool; LEVELS as usize],
}

impl ToleranceGrid {
    /// The edges of other cells filed where midpoint `m` lies whose coarse box covers it,
    /// sorted and without repeats.
    fn candidates(&self, edges: &[EdgeRef], cell: u32, m: [f64; 2], out: &mut Vec<u32>) {
        let mk = grid_cell(m);
        out.clear();
        for level in (0..LEVELS).filter(|&l| self.levels_used[l as usize]) {
            let (gx, gy) = level_key(level, m);
            if let Some(v) = self.cells.get(&(level, gx, gy)) {
                // The edges of its own cell are never a match; on a densely sampled border
                // they are most of what lies near, so they are left out first.
                out.extend(v.iter().copied().filter(|o| {
                    edges[*o as usize].cell != cell
                        && self.coarse_box[*o as usize].is_some_and(|(lo, hi)| {
                            (lo.0..=hi.0).contains(&mk.0) && (lo.1..=hi.1).contains(&mk.1)
                        })
                }));
            }
        }
        out.sort_unstable();
        out.dedup();
    }
}

impl Topology {
    /// Build the topology of `cells` (each a list of polygons).
    pub fn build(cells: &[Vec<LonLatPolygon>]) -> Topology {
        let edges = Edges::collect(cells);
        let mut nb = edges.exact_matches();
        edges.tolerance_matches(&mut nb);
        let (neighbours, part_touches) = edges.adjacency(&nb);
        Topology {
            arcs: edges.arcs(&nb),
            neighbours,
            part_touches,
        }
    }

    pub fn are_neighbours(&self, a: u32, b: u32) -> bool {
        self.neighbours
            .get(a as usize)
            .is_some_and(|v| v.iter().any(|&(o, _)| o == b))
    }
}

/// The polygons with every edge of their rings cut into `parts(length in degrees)` equal
/// pieces (at least one), the rings' own points kept: the same shapes, sampled as densely as a
/// more detailed source gives them. For the tests and benches of dense borders.
pub fn densify(polys: &[LonLatPolygon], parts: impl Fn(f64) -> usize) -> Vec<LonLatPolygon> {
    polys
        .iter()
        .map(|p| {
            p.iter()
                .map(|ring| {
                    let mut out = Vec::new();
                    for w in ring.windows(2) {
                        let (a, b) = (w[0], w[1]);
                        let len = ((b[0] - a[0]).powi(2) + (b[1] - a[1]).powi(2)).sqrt();
                        let n = parts(len).max(1);
                        for k in 0..n {
                            let t = k as f64 / n as f64;
                            out.push([a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t]);
                        }
                    }
                    out.extend(ring.last().copied());
                    out
                })
                .collect()
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn square(x: f64, y: f64, s: f64) -> LonLatPolygon {
        vec![vec![[x, y], [x + s, y], [x + s, y + s], [x, y + s], [x, y]]]
    }

    /// Found by fuzzing: an edge across half the world filled the tolerance grid with
    /// millions of cells and took a minute.
    #[test]
    fn an_edge_across_half_the_world_is_quick() {
        let huge = vec![vec![[4.0, 51.0], [4.1, 1.0], [54.1, 51.1], [4.0, 51.0]]];
        let small = vec![vec![[4.0, 51.0], [4.01, 51.0], [4.01, 51.01], [4.0, 51.0]]];
        let t = std::time::Instant::now();
        let _ = Topology::build(&[vec![huge], vec![small]]);
        assert!(t.elapsed().as_secs() < 5, "{:?}", t.elapsed());
    }

    #[test]
    fn two_squares_share_one_border() {
        let t = Topology::build(&[vec![square(0.0, 0.0, 1.0)], vec![square(1.0, 0.0, 1.0)]]);
        assert!(t.are_neighbours(0, 1));
        let inner: Vec<_> = t.arcs.iter().filter(|a| a.right.is_some()).collect();
        assert_eq!(inner.len(), 1);
        assert_eq!(inner[0].points.len(), 2);
        // Outer boundary: one open run per square.
        assert_eq!(t.arcs.iter().filter(|a| a.right.is_none()).count(), 2);
    }

    #[test]
    fn t_junction_is_matched_by_tolerance() {
        // The right square has an extra vertex halfway up the shared edge.
        let right = vec![vec![
            [1.0, 0.0],
            [2.0, 0.0],
            [2.0, 1.0],
            [1.0, 1.0],
            [1.0, 0.5],
            [1.0, 0.0],
        ]];
        let t = Topology::build(&[vec![square(0.0, 0.0, 1.0)], vec![right]]);
        assert!(t.are_neighbours(0, 1));
    }

    #[test]
    fn a_densely_sampled_cell_keeps_its_neighbours_and_borders() {
        let cells = |dense: bool| -> Vec<Vec<LonLatPolygon>> {
            let mut v = Vec::new();
            for i in 0..3 {
                for j in 0..3 {
                    // Off the lines of the tolerance grid, as real borders are.
                    let sq = square(4.0031 + 0.02 * i as f64, 51.0047 + 0.02 * j as f64, 0.02);
                    v.push(vec![if dense && (i, j) == (1, 1) {
                        densify(&[sq], |len| (len / 2e-6).ceil() as usize).remove(0)
                    } else {
                        sq
                    }]);
                }
            }
            v
        };
        let plain = Topology::build(&cells(false));
        let dense_cells = cells(true);
        assert!(dense_cells[4][0][0].len() > 40_000);
        let dense = Topology::build(&dense_cells);
        let ids = |t: &Topology, c: usize| -> Vec<u32> {
            t.neighbours[c].iter().map(|&(o, _)| o).collect()
        };
        assert_eq!(ids(&dense, 4), vec![1, 3, 5, 7]);
        for c in 0..9 {
            assert_eq!(ids(&dense, c), ids(&plain, c), "cell {c}");
            for (a, b) in dense.neighbours[c].iter().zip(&plain.neighbours[c]) {
                assert!((a.1 - b.1).abs() < 1.0, "cell {c}: {a:?} {b:?}");
            }
        }
        // The middle square's border is shared all round: no outer arc is left on it.
        assert!(dense.arcs.iter().all(|a| a.left != 4 || a.right.is_some()));
    }

    #[test]
    fn far_apart_cells_are_not_neighbours() {
        let t = Topology::build(&[vec![square(0.0, 0.0, 1.0)], vec![square(3.0, 0.0, 1.0)]]);
        assert!(!t.are_neighbours(0, 1));
        assert!(!t.part_touches[0][0]);
    }
}
