//! Base map tiles that cope with a bad network.
//!
//! walkers' `HttpTiles` fetches each tile once: a tile that failed (no network, a server error,
//! bytes that are not an image) stays empty for the rest of the run, and nothing says so. This
//! wrapper watches which tiles the map asks for and does not get, tells the status bar whether
//! the server is reachable, slow or sending errors, and after a back-off starts a fresh
//! `HttpTiles` so that the failed tiles are asked again. Tiles that did arrive are kept, so a
//! retry does not blank the map. Nothing here blocks the UI thread: the downloads run on
//! walkers' own thread, the reachability probe on a short-lived thread of its own.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicU8, Ordering};
use std::time::{Duration, Instant};

use egui::{Rect, pos2};
use walkers::sources::{Attribution, TileSource};
use walkers::{HeaderValue, HttpOptions, HttpTiles, Stats, Tile, TileId, TilePiece, Tiles};

/// A tile server given by a URL template with `{z}`, `{x}` and `{y}`.
#[derive(Clone, Debug)]
pub struct UrlSource {
    pub template: String,
    pub attribution: &'static str,
    pub attribution_url: &'static str,
    pub max_zoom: u8,
}

impl UrlSource {
    /// OpenStreetMap's standard tiles.
    pub fn openstreetmap() -> UrlSource {
        UrlSource {
            template: "https://tile.openstreetmap.org/{z}/{x}/{y}.png".into(),
            attribution: "OpenStreetMap contributors",
            attribution_url: "https://www.openstreetmap.org/copyright",
            max_zoom: 19,
        }
    }

    /// A server at `base` (for example `http://127.0.0.1:8080`) with `/{z}/{x}/{y}.png` tiles.
    pub fn at(base: &str) -> UrlSource {
        UrlSource {
            template: format!("{}/{{z}}/{{x}}/{{y}}.png", base.trim_end_matches('/')),
            attribution: "",
            attribution_url: "",
            max_zoom: 19,
        }
    }

    /// Host and port of the server, for the reachability probe.
    pub fn host_port(&self) -> Option<(String, u16)> {
        let (scheme, rest) = self.template.split_once("://")?;
        let authority = rest.split('/').next()?;
        let default_port = if scheme.eq_ignore_ascii_case("https") {
            443
        } else {
            80
        };
        if let Some(v6) = authority.strip_prefix('[') {
            // An IPv6 address: [::1] or [::1]:8080.
            let (host, rest) = v6.split_once(']')?;
            let port = match rest.strip_prefix(':') {
                Some(p) => p.parse().ok()?,
                None => default_port,
            };
            return Some((host.to_string(), port));
        }
        match authority.rsplit_once(':') {
            Some((host, port)) => Some((host.to_string(), port.parse().ok()?)),
            None if authority.is_empty() => None,
            None => Some((authority.to_string(), default_port)),
        }
    }
}

impl TileSource for UrlSource {
    fn tile_url(&self, t: TileId) -> String {
        self.template
            .replace("{z}", &t.zoom.to_string())
            .replace("{x}", &t.x.to_string())
            .replace("{y}", &t.y.to_string())
    }

    fn attribution(&self) -> Attribution {
        Attribution {
            text: self.attribution,
            url: self.attribution_url,
            logo_light: None,
            logo_dark: None,
        }
    }

    fn max_zoom(&self) -> u8 {
        self.max_zoom
    }
}

/// How the base map is doing, for the status bar.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TileHealth {
    /// Nothing arrived yet and nothing failed yet.
    Connecting,
    /// Tiles arrive.
    Online,
    /// Tiles are on their way but take long.
    Slow,
    /// The server cannot be reached (no network, or it refuses).
    Offline,
    /// The server is reachable but its answers are not tiles (errors, garbage).
    Errors,
}

/// Timings of the watch; the defaults suit a real network, tests use shorter ones.
#[derive(Clone, Debug)]
pub struct Timing {
    /// A tile still on its way after this long makes the status "slow".
    pub slow_after: Duration,
    /// A tile not there after this long, with no download running, counts as failed.
    pub failed_after: Duration,
    /// First wait before failed tiles are asked again; it doubles up to `max_retry`.
    pub first_retry: Duration,
    pub max_retry: Duration,
    /// Time allowed to the reachability probe.
    pub probe_timeout: Duration,
}

impl Default for Timing {
    fn default() -> Self {
        Timing {
            slow_after: Duration::from_secs(4),
            failed_after: Duration::from_secs(3),
            first_retry: Duration::from_secs(10),
            max_retry: Duration::from_secs(120),
            probe_timeout: Duration::from_secs(4),
        }
    }
}

/// What the downloads are given: disk cache and user agent.
#[derive(Clone, Debug, Default)]
pub struct Fetching {
    pub cache: Option<PathBuf>,
    pub user_agent: Option<HeaderValue>,
}

const PROBE_NONE: u8 = 0;
const PROBE_RUNNING: u8 = 1;
const PROBE_REACHABLE: u8 = 2;
const PROBE_UNREACHABLE: u8 = 3;

/// Tiles kept after they arrived (walkers keeps 256 in its own memory cache too).
const KEEP: usize = 512;

/// A tile asked for and not there yet.
#[derive(Clone, Copy, Debug)]
struct Waiting {
    first: Instant,
    last: Instant,
}

pub struct ReliableTiles {
    source: UrlSource,
    fetching: Fetching,
    timing: Timing,
    ctx: egui::Context,
    inner: HttpTiles,
    waiting: HashMap<TileId, Waiting>,
    /// Tiles given up on since the last retry.
    failed: HashMap<TileId, Instant>,
    /// Tiles that arrived, with a use counter for dropping the least recently used.
    kept: HashMap<TileId, (Tile, u64)>,
    clock: u64,
    retry_at: Option<Instant>,
    backoff: Duration,
    probe: Arc<AtomicU8>,
    arrived_any: bool,
    /// How many times the downloads were started afresh.
    pub retries: u32,
}

fn http_tiles(source: &UrlSource, fetching: &Fetching, ctx: &egui::Context) -> HttpTiles {
    let mut options = HttpOptions {
        cache: fetching.cache.clone(),
        ..Default::default()
    };
    if let Some(ua) = &fetching.user_agent {
        options.user_agent = Some(ua.clone());
    }
    HttpTiles::with_options(source.clone(), options, ctx.clone())
}

fn full_uv() -> Rect {
    Rect::from_min_max(pos2(0.0, 0.0), pos2(1.0, 1.0))
}

impl ReliableTiles {
    pub fn new(
        source: UrlSource,
        fetching: Fetching,
        timing: Timing,
        ctx: egui::Context,
    ) -> ReliableTiles {
        let inner = http_tiles(&source, &fetching, &ctx);
        let backoff = timing.first_retry;
        ReliableTiles {
            source,
            fetching,
            timing,
            ctx,
            inner,
            waiting: HashMap::new(),
            failed: HashMap::new(),
            kept: HashMap::new(),
            clock: 0,
            retry_at: None,
            backoff,
            probe: Arc::new(AtomicU8::new(PROBE_NONE)),
            arrived_any: false,
            retries: 0,
        }
    }

    /// The state for the status bar.
    pub fn health(&self) -> TileHealth {
        let now = Instant::now();
        if !self.failed.is_empty() {
            return match self.probe.load(Ordering::Relaxed) {
                PROBE_REACHABLE => TileHealth::Errors,
                _ => TileHealth::Offline,
            };
        }
        let slow = self.waiting.values().any(|w| {
            now.duration_since(w.first) >= self.timing.slow_after
                && now.duration_since(w.last) < Duration::from_secs(2)
        });
        if slow {
            TileHealth::Slow
        } else if self.arrived_any {
            TileHealth::Online
        } else {
            TileHealth::Connecting
        }
    }

    /// Time until the failed tiles are asked again.
    pub fn retry_in(&self) -> Option<Duration> {
        self.retry_at
            .map(|t| t.saturating_duration_since(Instant::now()))
    }

    /// Number of tiles that failed since the last retry.
    pub fn failed_count(&self) -> usize {
        self.failed.len()
    }

    fn start_probe(&self) {
        if self
            .probe
            .compare_exchange(
                PROBE_NONE,
                PROBE_RUNNING,
                Ordering::Relaxed,
                Ordering::Relaxed,
            )
            .is_err()
        {
            return;
        }
        let Some((host, port)) = self.source.host_port() else {
            self.probe.store(PROBE_UNREACHABLE, Ordering::Relaxed);
            return;
        };
        let probe = self.probe.clone();
        let ctx = self.ctx.clone();
        let timeout = self.timing.probe_timeout;
        std::thread::spawn(move || {
            use std::net::ToSocketAddrs;
            let ok = (host.as_str(), port)
                .to_socket_addrs()
                .ok()
                .and_then(|mut a| a.next())
                .is_some_and(|addr| std::net::TcpStream::connect_timeout(&addr, timeout).is_ok());
            probe.store(
                if ok {
                    PROBE_REACHABLE
                } else {
                    PROBE_UNREACHABLE
                },
                Ordering::Relaxed,
            );
            ctx.request_repaint();
        });
    }

    /// Start the downloads afresh when failed tiles are due for another try.
    fn retry_if_due(&mut self, now: Instant) {
        let Some(at) = self.retry_at else { return };
        if now < at {
            return;
        }
        self.retry_at = None;
        self.retries += 1;
        let fresh = http_tiles(&self.source, &self.fetching, &self.ctx);
        let old = std::mem::replace(&mut self.inner, fresh);
        // Dropping walkers' tiles joins its download thread, which may sit on a slow request.
        std::thread::spawn(move || drop(old));
        self.failed.clear();
        self.waiting.clear();
        self.probe.store(PROBE_NONE, Ordering::Relaxed);
        self.backoff = (self.backoff * 2).min(self.timing.max_retry);
    }

    fn keep(&mut self, tile_id: TileId, tile: Tile) {
        self.clock += 1;
        self.kept.insert(tile_id, (tile, self.clock));
        if self.kept.len() > KEEP {
            // Drop the least recently used quarter at once, so this runs rarely.
            let mut uses: Vec<u64> = self.kept.values().map(|(_, c)| *c).collect();
            uses.sort_unstable();
            let cut = uses[KEEP / 4];
            self.kept.retain(|_, (_, c)| *c > cut);
        }
    }

    fn watch(&mut self, tile_id: TileId, now: Instant, stats: &Stats) {
        if self.failed.contains_key(&tile_id) {
            return;
        }
        let w = self.waiting.entry(tile_id).or_insert(Waiting {
            first: now,
            last: now,
        });
        w.last = now;
        let waited = now.duration_since(w.first);
        if waited >= self.timing.failed_after && stats.in_progress == 0 {
            self.waiting.remove(&tile_id);
            self.failed.insert(tile_id, now);
            if self.retry_at.is_none() {
                self.retry_at = Some(now + self.backoff);
                self.ctx.request_repaint_after(self.backoff);
            }
            self.start_probe();
        }
        // Keep looking while something is on its way, even when nobody moves the mouse.
        self.ctx.request_repaint_after(Duration::from_millis(500));
    }
}

impl Tiles for ReliableTiles {
    fn at(&mut self, tile_id: TileId) -> Option<TilePiece> {
        let now = Instant::now();
        self.retry_if_due(now);
        // Forget tiles the map stopped asking for (it moved away).
        self.waiting
            .retain(|_, w| now.duration_since(w.last) < Duration::from_secs(2));
        self.clock += 1;
        let clock = self.clock;
        if let Some((tile, used)) = self.kept.get_mut(&tile_id) {
            *used = clock;
            return Some(TilePiece::new(tile.clone(), full_uv()));
        }
        let piece = self.inner.at(tile_id);
        let exact = tile_id.zoom <= self.source.max_zoom
            && piece.as_ref().is_some_and(|p| p.uv == full_uv());
        if exact {
            if let Some(p) = &piece {
                self.keep(tile_id, p.tile.clone());
            }
            self.waiting.remove(&tile_id);
            self.failed.remove(&tile_id);
            self.arrived_any = true;
            if self.failed.is_empty() {
                // The server is back to normal: the next failure waits the shortest time.
                self.backoff = self.timing.first_retry;
                self.probe.store(PROBE_NONE, Ordering::Relaxed);
            }
        } else if tile_id.zoom <= self.source.max_zoom {
            let stats = self.inner.stats();
            self.watch(tile_id, now, &stats);
        }
        piece
    }

    fn attribution(&self) -> Attribution {
        self.source.attribution()
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
    fn url_templates_and_host_ports() {
        let s = UrlSource::at("http://127.0.0.1:8080/");
        assert_eq!(
            s.tile_url(TileId {
                x: 1,
                y: 2,
                zoom: 3
            }),
            "http://127.0.0.1:8080/3/1/2.png"
        );
        assert_eq!(s.host_port(), Some(("127.0.0.1".into(), 8080)));
        assert_eq!(
            UrlSource::openstreetmap().host_port(),
            Some(("tile.openstreetmap.org".into(), 443))
        );
        assert_eq!(
            UrlSource::at("http://[::1]:9000").host_port(),
            Some(("::1".into(), 9000))
        );
        assert_eq!(UrlSource::at("nonsense").host_port(), None);
    }
}
