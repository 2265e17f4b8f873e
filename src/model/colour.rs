//! Team colours: a colour-blind-safe palette, assigned so that teams that share a border
//! never get the same colour.

/// Paul Tol's colour-blind-safe "muted" scheme, followed by colours from his "bright" and
/// "light" schemes, as RGB: enough for every team to get its own colour, while the graph
/// colouring below keeps bordering teams apart. The first fifteen (one for each of today's
/// teams) are the ones most unlike each other; the paler ones that resemble an earlier colour
/// (light blue, light yellow, pink, mint, grey) come last.
pub const PALETTE: [[u8; 3]; 20] = [
    [0x88, 0xCC, 0xEE], // cyan
    [0xCC, 0x66, 0x77], // rose
    [0xDD, 0xCC, 0x77], // sand
    [0x11, 0x77, 0x33], // green
    [0x33, 0x22, 0x88], // indigo
    [0xAA, 0x44, 0x99], // purple
    [0x44, 0xAA, 0x99], // teal
    [0x99, 0x99, 0x33], // olive
    [0x88, 0x22, 0x55], // wine
    [0xEE, 0x77, 0x33], // orange
    [0x00, 0x77, 0xBB], // blue
    [0xEE, 0x33, 0x77], // magenta
    [0xBB, 0xCC, 0x33], // pear
    [0xCC, 0x33, 0x11], // red
    [0x66, 0x33, 0x00], // brown
    [0xFF, 0xAA, 0xBB], // pink
    [0x77, 0xAA, 0xDD], // light blue
    [0xEE, 0xDD, 0x88], // light yellow
    [0x44, 0xBB, 0x99], // mint
    [0xBB, 0xBB, 0xBB], // grey
];

/// Below this distance in RGB two colours look alike at a glance.
pub const SIMILAR: f32 = 60.0;

/// The distance between two colours in RGB.
pub fn colour_distance(a: [u8; 3], b: [u8; 3]) -> f32 {
    a.iter()
        .zip(b)
        .map(|(&x, y)| (x as f32 - y as f32).powi(2))
        .sum::<f32>()
        .sqrt()
}

/// Colour a graph given as adjacency lists with indices into `PALETTE`, so that no two
/// neighbours share a colour (DSatur: most constrained node first). Among the colours a node
/// may take, the least used so far is chosen, which spreads the palette evenly.
pub fn colour_graph(neighbours: &[Vec<usize>]) -> Vec<usize> {
    let n = neighbours.len();
    let k = PALETTE.len();
    let mut colour: Vec<Option<usize>> = vec![None; n];
    let mut used = vec![0usize; k];
    for _ in 0..n {
        // Pick the uncoloured node with the most distinct neighbour colours, then most neighbours.
        let Some(node) = (0..n).filter(|&v| colour[v].is_none()).max_by_key(|&v| {
            let mut seen = [false; PALETTE.len()];
            for &w in &neighbours[v] {
                if let Some(c) = colour[w] {
                    seen[c] = true;
                }
            }
            (
                seen.iter().filter(|&&s| s).count(),
                neighbours[v].len(),
                n - v,
            )
        }) else {
            break;
        };
        // A neighbour's colour is taken, and so are the colours that look like it.
        let mut taken = vec![false; k];
        let mut alike = vec![false; k];
        for &w in &neighbours[node] {
            if let Some(c) = colour[w] {
                taken[c] = true;
                for (d, a) in alike.iter_mut().enumerate() {
                    *a |= colour_distance(PALETTE[c], PALETTE[d]) < SIMILAR;
                }
            }
        }
        let least_used = |allowed: &dyn Fn(usize) -> bool| {
            (0..k).filter(|&c| allowed(c)).min_by_key(|&c| (used[c], c))
        };
        let c = least_used(&|c| !alike[c])
            .or_else(|| least_used(&|c| !taken[c]))
            // With more neighbours than colours (not possible for a map of a few dozen teams),
            // fall back to the least used colour.
            .or_else(|| least_used(&|_| true))
            .unwrap_or(0);
        colour[node] = Some(c);
        used[c] += 1;
    }
    colour.into_iter().map(|c| c.unwrap_or(0)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wheel_graph_gets_a_proper_colouring() {
        // A hub bordering a ring of 7: needs 4 colours.
        let mut nb = vec![Vec::new(); 8];
        for i in 1..8 {
            let j = if i == 7 { 1 } else { i + 1 };
            nb[0].push(i);
            nb[i].push(0);
            nb[i].push(j);
            nb[j].push(i);
        }
        let c = colour_graph(&nb);
        for (v, ns) in nb.iter().enumerate() {
            for &w in ns {
                assert_ne!(c[v], c[w], "{v} and {w} share a colour");
            }
        }
    }
}
