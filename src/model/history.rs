//! Undo and redo over whole scenario states: one edit (one drag) is one step.

use super::edit::StepLabel;
use super::scenario::Scenario;

/// How many steps are kept.
pub const HISTORY_LIMIT: usize = 500;

#[derive(Clone, Debug, Default)]
pub struct History {
    undo: Vec<(StepLabel, Scenario)>,
    redo: Vec<(StepLabel, Scenario)>,
}

impl History {
    /// Record the state before a change, labelled with what the change does.
    pub fn record(&mut self, label: StepLabel, before: Scenario) {
        self.undo.push((label, before));
        if self.undo.len() > HISTORY_LIMIT {
            self.undo.remove(0);
        }
        self.redo.clear();
    }

    /// Step back: returns the state to restore; `current` goes on the redo stack.
    pub fn undo(&mut self, current: &Scenario) -> Option<Scenario> {
        let (label, s) = self.undo.pop()?;
        self.redo.push((label, current.clone()));
        Some(s)
    }

    pub fn redo(&mut self, current: &Scenario) -> Option<Scenario> {
        let (label, s) = self.redo.pop()?;
        self.undo.push((label, current.clone()));
        Some(s)
    }

    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty()
    }

    pub fn can_redo(&self) -> bool {
        !self.redo.is_empty()
    }

    pub fn undo_label(&self) -> Option<&StepLabel> {
        self.undo.last().map(|(l, _)| l)
    }

    pub fn redo_label(&self) -> Option<&StepLabel> {
        self.redo.last().map(|(l, _)| l)
    }

    pub fn len(&self) -> usize {
        self.undo.len()
    }

    pub fn is_empty(&self) -> bool {
        self.undo.is_empty()
    }
}
