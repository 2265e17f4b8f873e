//! A uniform grid over the cells' bounding boxes, so that "which cell is under the pointer"
//! tests only the few cells whose box covers the pointer's bucket instead of every cell.

use super::geom::{BBox, Merc};

/// Average number of buckets per cell; a few buckets per cell keep the lists short.
const BUCKETS_PER_CELL: f64 = 2.0;
/// Upper bound on the buckets along one axis.
const MAX_SIDE: usize = 1024;

#[derive(Clone, Debug, Default)]
pub struct CellIndex {
    min: Merc,
    /// Size of one bucket.
    step: Merc,
    nx: usize,
    ny: usize,
    /// Bucket `b` holds `items[start[b]..start[b + 1]]`, cell numbers in increasing order.
    start: Vec<u32>,
    items: Vec<u32>,
}

impl CellIndex {
    /// Index the boxes (one per cell, in cell order). Empty boxes are left out.
    pub fn build(boxes: &[BBox]) -> CellIndex {
        let all = boxes
            .iter()
            .filter(|b| !b.is_empty())
            .fold(BBox::EMPTY, |a, b| a.union(*b));
        if all.is_empty() {
            return CellIndex::default();
        }
        let (w, h) = (all.width().max(1e-12), all.height().max(1e-12));
        let target = (boxes.len() as f64 * BUCKETS_PER_CELL).max(1.0);
        let side = (w * h / target).sqrt();
        let nx = ((w / side).ceil() as usize).clamp(1, MAX_SIDE);
        let ny = ((h / side).ceil() as usize).clamp(1, MAX_SIDE);
        let mut index = CellIndex {
            min: all.min,
            step: [w / nx as f64, h / ny as f64],
            nx,
            ny,
            start: Vec::new(),
            items: Vec::new(),
        };
        // Two passes (count, then fill) give one flat list without a vector per bucket.
        let mut count = vec![0u32; nx * ny + 1];
        for b in boxes.iter().filter(|b| !b.is_empty()) {
            let (x0, y0, x1, y1) = index.span(b);
            for y in y0..=y1 {
                for x in x0..=x1 {
                    count[y * nx + x] += 1;
                }
            }
        }
        let mut start = Vec::with_capacity(count.len());
        let mut acc = 0u32;
        for c in &count {
            start.push(acc);
            acc += c;
        }
        let mut fill = start.clone();
        let mut items = vec![0u32; acc as usize];
        for (ci, b) in boxes.iter().enumerate() {
            if b.is_empty() {
                continue;
            }
            let (x0, y0, x1, y1) = index.span(b);
            for y in y0..=y1 {
                for x in x0..=x1 {
                    let slot = &mut fill[y * nx + x];
                    items[*slot as usize] = ci as u32;
                    *slot += 1;
                }
            }
        }
        index.start = start;
        index.items = items;
        index
    }

    fn bucket_x(&self, x: f64) -> usize {
        (((x - self.min[0]) / self.step[0]).floor().max(0.0) as usize).min(self.nx - 1)
    }

    fn bucket_y(&self, y: f64) -> usize {
        (((y - self.min[1]) / self.step[1]).floor().max(0.0) as usize).min(self.ny - 1)
    }

    fn span(&self, b: &BBox) -> (usize, usize, usize, usize) {
        (
            self.bucket_x(b.min[0]),
            self.bucket_y(b.min[1]),
            self.bucket_x(b.max[0]),
            self.bucket_y(b.max[1]),
        )
    }

    /// The cells whose box may contain `p`, in increasing order.
    pub fn candidates(&self, p: Merc) -> &[u32] {
        if self.nx == 0
            || !(p[0] >= self.min[0]
                && p[1] >= self.min[1]
                && p[0] <= self.min[0] + self.step[0] * self.nx as f64
                && p[1] <= self.min[1] + self.step[1] * self.ny as f64)
        {
            return &[];
        }
        let b = self.bucket_y(p[1]) * self.nx + self.bucket_x(p[0]);
        &self.items[self.start[b] as usize..self.start[b + 1] as usize]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bbox(x0: f64, y0: f64, x1: f64, y1: f64) -> BBox {
        BBox {
            min: [x0, y0],
            max: [x1, y1],
        }
    }

    #[test]
    fn every_box_is_found_at_its_corners_and_centre() {
        let boxes: Vec<BBox> = (0..50)
            .map(|i| {
                let x = (i % 10) as f64;
                let y = (i / 10) as f64;
                bbox(x, y, x + 1.0 + (i % 3) as f64, y + 1.0)
            })
            .collect();
        let index = CellIndex::build(&boxes);
        for (ci, b) in boxes.iter().enumerate() {
            for p in [b.min, b.max, b.center(), [b.min[0], b.max[1]]] {
                assert!(
                    index.candidates(p).contains(&(ci as u32)),
                    "box {ci} missing at {p:?}"
                );
            }
        }
        assert!(index.candidates([-5.0, 0.5]).is_empty());
        assert!(index.candidates([0.5, 100.0]).is_empty());
    }
}
