//! The base map under a misbehaving tile server: a small HTTP server on 127.0.0.1 refuses,
//! answers after 10 s, or answers garbage, and later sends a real PNG. The map must keep
//! answering at once, the status must say what is wrong, and the tile must come after the
//! server recovers. The servers stop by themselves (bounded in requests and time); nothing
//! here talks to any address but 127.0.0.1.

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use gebiedsplanner::map::tiles::{Fetching, ReliableTiles, TileHealth, Timing, UrlSource};
use walkers::{TileId, Tiles};

const TILE: TileId = TileId {
    x: 33,
    y: 21,
    zoom: 6,
};

/// One answer of the test server.
#[derive(Clone)]
enum Reply {
    /// Wait, then send a PNG.
    Slow(Duration),
    /// 200 OK with bytes that are not an image.
    Garbage,
    /// A 500 error.
    Error,
    Png,
}

fn png() -> Vec<u8> {
    gebiedsplanner::export::render_png(
        r##"<svg xmlns="http://www.w3.org/2000/svg" width="256" height="256"><rect width="256" height="256" fill="#8fbf8f"/></svg>"##,
    )
    .expect("png")
}

fn read_request(s: &mut TcpStream) {
    let _ = s.set_read_timeout(Some(Duration::from_secs(2)));
    let mut buf = Vec::new();
    let mut chunk = [0u8; 1024];
    while !buf.windows(4).any(|w| w == b"\r\n\r\n") && buf.len() < 64 * 1024 {
        match s.read(&mut chunk) {
            Ok(0) | Err(_) => break,
            Ok(n) => buf.extend_from_slice(&chunk[..n]),
        }
    }
}

/// A test server; dropping it stops it.
struct Server {
    handle: Option<JoinHandle<()>>,
    count: Arc<AtomicUsize>,
    stop: Arc<AtomicBool>,
}

impl Server {
    fn requests(&self) -> usize {
        self.count.load(Ordering::SeqCst)
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        if let Some(h) = self.handle.take() {
            let _ = h.join();
        }
    }
}

/// Serve on `listener` until `deadline`, `max` requests or a stop; `reply(n)` decides the
/// n-th answer.
fn serve(
    listener: TcpListener,
    deadline: Instant,
    max: usize,
    reply: impl Fn(usize) -> Reply + Send + Sync + 'static,
) -> Server {
    let count = Arc::new(AtomicUsize::new(0));
    let stop = Arc::new(AtomicBool::new(false));
    let seen = count.clone();
    let stopped = stop.clone();
    let reply = Arc::new(reply);
    let png = Arc::new(png());
    listener.set_nonblocking(true).expect("nonblocking");
    let h = std::thread::spawn(move || {
        while Instant::now() < deadline
            && seen.load(Ordering::SeqCst) < max
            && !stopped.load(Ordering::SeqCst)
        {
            match listener.accept() {
                Ok((mut s, _)) => {
                    let n = seen.fetch_add(1, Ordering::SeqCst);
                    let r = reply(n);
                    let png = png.clone();
                    std::thread::spawn(move || {
                        let _ = s.set_nonblocking(false);
                        read_request(&mut s);
                        let (status, body): (&str, Vec<u8>) = match r {
                            Reply::Slow(d) => {
                                std::thread::sleep(d);
                                ("200 OK", png.to_vec())
                            }
                            Reply::Garbage => {
                                ("200 OK", b"\x89PNG this is not a tile \x00\xff".to_vec())
                            }
                            Reply::Error => ("500 Internal Server Error", b"oops".to_vec()),
                            Reply::Png => ("200 OK", png.to_vec()),
                        };
                        let head = format!(
                            "HTTP/1.1 {status}\r\nContent-Type: image/png\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
                            body.len()
                        );
                        let _ = s.write_all(head.as_bytes());
                        let _ = s.write_all(&body);
                        let _ = s.flush();
                    });
                }
                Err(e) if e.kind() == std::io::ErrorKind::WouldBlock => {
                    std::thread::sleep(Duration::from_millis(10));
                }
                Err(_) => break,
            }
        }
    });
    Server {
        handle: Some(h),
        count,
        stop,
    }
}

fn quick() -> Timing {
    Timing {
        slow_after: Duration::from_secs(1),
        failed_after: Duration::from_millis(500),
        first_retry: Duration::from_secs(1),
        max_retry: Duration::from_secs(2),
        probe_timeout: Duration::from_secs(1),
    }
}

fn tiles_for(port: u16) -> ReliableTiles {
    ReliableTiles::new(
        UrlSource::at(&format!("http://127.0.0.1:{port}")),
        Fetching::default(),
        quick(),
        egui::Context::default(),
    )
}

/// Ask for the tile as the map does each frame, until `done` or `limit`; every call must
/// return at once. Returns whether `done` was reached.
fn frames(
    tiles: &mut ReliableTiles,
    limit: Duration,
    mut done: impl FnMut(&mut ReliableTiles, bool) -> bool,
) -> bool {
    let start = Instant::now();
    while start.elapsed() < limit {
        let t = Instant::now();
        let piece = tiles.at(TILE);
        let took = t.elapsed();
        assert!(
            took < Duration::from_millis(250),
            "a call to at() took {took:?}: the UI thread would stutter"
        );
        let exact = piece
            .is_some_and(|p| p.uv.min == egui::pos2(0.0, 0.0) && p.uv.max == egui::pos2(1.0, 1.0));
        if done(tiles, exact) {
            return true;
        }
        std::thread::sleep(Duration::from_millis(16));
    }
    false
}

fn free_port() -> u16 {
    let l = TcpListener::bind("127.0.0.1:0").expect("bind");
    l.local_addr().expect("addr").port()
}

#[test]
fn an_unreachable_server_shows_offline_and_the_tile_comes_once_it_is_back() {
    // Nobody listens on the port: connections are refused.
    let port = free_port();
    let mut tiles = tiles_for(port);
    assert!(
        frames(&mut tiles, Duration::from_secs(10), |t, _| t.health()
            == TileHealth::Offline),
        "the status never said offline: {:?}",
        tiles.health()
    );
    assert!(tiles.retry_in().is_some(), "a retry is planned");
    assert_eq!(tiles.failed_count(), 1);

    // The server comes back.
    let listener = TcpListener::bind(("127.0.0.1", port)).expect("bind again");
    let server = serve(
        listener,
        Instant::now() + Duration::from_secs(30),
        20,
        |_| Reply::Png,
    );
    assert!(
        frames(&mut tiles, Duration::from_secs(20), |_, exact| exact),
        "the tile never came after the server recovered ({:?}, {} requests)",
        tiles.health(),
        server.requests()
    );
    assert_eq!(tiles.health(), TileHealth::Online);
    assert!(tiles.retries >= 1);
    assert_eq!(tiles.retry_in(), None);
}

#[test]
fn a_slow_server_shows_slow_and_the_map_stays_responsive() {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
    let port = listener.local_addr().expect("addr").port();
    let _server = serve(
        listener,
        Instant::now() + Duration::from_secs(25),
        3,
        |_| Reply::Slow(Duration::from_secs(10)),
    );
    let mut tiles = tiles_for(port);
    assert!(
        frames(&mut tiles, Duration::from_secs(5), |t, _| t.health()
            == TileHealth::Slow),
        "the status never said slow: {:?}",
        tiles.health()
    );
    assert!(
        frames(&mut tiles, Duration::from_secs(20), |_, exact| exact),
        "the slow tile never arrived ({:?})",
        tiles.health()
    );
    assert_eq!(tiles.health(), TileHealth::Online);
    assert_eq!(
        tiles.retries, 0,
        "a slow tile is waited for, not asked again"
    );
}

#[test]
fn garbage_and_errors_show_errors_and_the_tile_is_asked_again() {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
    let port = listener.local_addr().expect("addr").port();
    // First garbage, then a server error, then real tiles.
    let server = serve(
        listener,
        Instant::now() + Duration::from_secs(40),
        40,
        |n| match n {
            0 => Reply::Garbage,
            1 => Reply::Error,
            _ => Reply::Png,
        },
    );
    let mut tiles = tiles_for(port);
    assert!(
        frames(&mut tiles, Duration::from_secs(10), |t, _| t.health()
            == TileHealth::Errors),
        "the status never said errors: {:?}",
        tiles.health()
    );
    assert!(
        frames(&mut tiles, Duration::from_secs(25), |_, exact| exact),
        "the tile never came ({:?}, {} requests)",
        tiles.health(),
        server.requests()
    );
    assert_eq!(tiles.health(), TileHealth::Online);
    assert!(tiles.retries >= 1, "the failed tile was asked again");
}

/// The same in the window: the status bar says the base map is offline, and the rest of the
/// app keeps answering.
#[test]
fn the_status_bar_says_the_base_map_is_offline() {
    use egui_kittest::Harness;
    use egui_kittest::kittest::Queryable;
    use gebiedsplanner::app::{GebiedsApp, Settings, TileStatus};
    use gebiedsplanner::ui::dialogs::ScriptedDialogs;

    let mut app = GebiedsApp::headless(
        Settings::default(),
        None,
        Box::new(ScriptedDialogs::default()),
    );
    app.use_tile_server(Some(format!(
        "http://127.0.0.1:{}/{{z}}/{{x}}/{{y}}.png",
        free_port()
    )));
    let mut h = Harness::builder()
        .with_size(egui::vec2(1280.0, 800.0))
        .build_ui_state(|ui, app: &mut GebiedsApp| app.show(ui), app);
    let start = Instant::now();
    while h.state().tile_status() != TileStatus::Offline
        && start.elapsed() < Duration::from_secs(20)
    {
        let t = Instant::now();
        h.step();
        assert!(
            t.elapsed() < Duration::from_secs(2),
            "a frame took {:?}",
            t.elapsed()
        );
        std::thread::sleep(Duration::from_millis(50));
    }
    assert_eq!(h.state().tile_status(), TileStatus::Offline);
    h.step();
    h.get_by_label_contains("achtergrondkaart offline (opnieuw over");
}
