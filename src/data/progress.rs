//! What a long load is doing, for a progress indication. Each file read through a
//! [`DataSource`](super::DataSource) and each longer step of the work reports itself here; an
//! observer installed on the current thread (the window's loading worker installs one) hears
//! of it. Without an observer a report costs nothing, so the command line and the tests
//! load as before.

use std::cell::RefCell;
use std::path::PathBuf;

/// One step of loading a data set.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Stage {
    /// Reading and checking one file (the name as messages give it).
    Reading(PathBuf),
    /// Matching the borders of the municipalities and building the zones.
    Borders,
    /// The default and historic divisions and the overlays.
    Divisions,
    /// The meshes and border lines of the map.
    Map,
}

type Observer = Box<dyn FnMut(&Stage)>;

thread_local! {
    static OBSERVER: RefCell<Option<Observer>> = const { RefCell::new(None) };
}

/// Run `work` with `observer` hearing of every stage reported on this thread meanwhile.
pub fn observe<R>(observer: impl FnMut(&Stage) + 'static, work: impl FnOnce() -> R) -> R {
    let before = OBSERVER.with(|o| o.borrow_mut().replace(Box::new(observer)));
    let out = work();
    OBSERVER.with(|o| *o.borrow_mut() = before);
    out
}

/// Tell the observer of this thread (if any) that `stage` begins.
pub fn report(stage: Stage) {
    OBSERVER.with(|o| {
        if let Some(f) = o.borrow_mut().as_mut() {
            f(&stage);
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_observer_hears_the_stages_of_its_own_work_only() {
        let heard = std::rc::Rc::new(RefCell::new(Vec::new()));
        let h = heard.clone();
        report(Stage::Map);
        observe(
            move |s| h.borrow_mut().push(s.clone()),
            || {
                report(Stage::Borders);
                report(Stage::Divisions);
            },
        );
        report(Stage::Map);
        assert_eq!(*heard.borrow(), vec![Stage::Borders, Stage::Divisions]);
    }
}
