//! Undo and redo over whole scenario states: one edit (one drag) is one step.

use std::collections::VecDeque;

use super::edit::StepLabel;
use super::scenario::Scenario;

/// How many steps are kept.
pub const HISTORY_LIMIT: usize = 500;

#[derive(Clone, Debug, Default)]
pub struct History {
    /// Oldest first: a full history drops its front.
    undo: VecDeque<(StepLabel, Scenario)>,
    redo: Vec<(StepLabel, Scenario)>,
    /// The step a full history dropped last, kept so that the next copy reuses its memory:
    /// with the history full, a move then allocates nothing for it.
    spare: Option<Scenario>,
}

impl History {
    /// A copy of `s` to record, made in the memory of a dropped step where there is one.
    pub fn copy_of(&mut self, s: &Scenario) -> Scenario {
        match self.spare.take() {
            Some(mut spare) => {
                spare.clone_from(s);
                spare
            }
            None => s.clone(),
        }
    }

    /// Give back a copy that was not recorded (the change was refused).
    pub fn give_back(&mut self, copy: Scenario) {
        self.spare = Some(copy);
    }

    /// Record the state before a change, labelled with what the change does.
    pub fn record(&mut self, label: StepLabel, before: Scenario) {
        self.undo.push_back((label, before));
        if self.undo.len() > HISTORY_LIMIT {
            self.spare = self.undo.pop_front().map(|(_, s)| s);
        }
        self.redo.clear();
    }

    /// Step back: returns the state to restore; `current` goes on the redo stack.
    pub fn undo(&mut self, current: &Scenario) -> Option<Scenario> {
        let (label, s) = self.undo.pop_back()?;
        self.redo.push((label, current.clone()));
        Some(s)
    }

    pub fn redo(&mut self, current: &Scenario) -> Option<Scenario> {
        let (label, s) = self.redo.pop()?;
        self.undo.push_back((label, current.clone()));
        Some(s)
    }

    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty()
    }

    pub fn can_redo(&self) -> bool {
        !self.redo.is_empty()
    }

    pub fn undo_label(&self) -> Option<&StepLabel> {
        self.undo.back().map(|(l, _)| l)
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::edit::{Edit, apply};
    use crate::model::ids::{TeamId, ZoneId};
    use crate::model::synthetic;

    /// A full history keeps the last `HISTORY_LIMIT` steps, each undone to the state before
    /// it, also when its copies are made in the memory of dropped steps.
    #[test]
    fn a_full_history_undoes_its_last_steps_exactly() {
        let (atlas, mut s) = synthetic::grid(4, 2, 4, 2);
        let mut h = History::default();
        let mut states = Vec::new();
        let steps = HISTORY_LIMIT + 20;
        for i in 0..steps {
            let before = h.copy_of(&s);
            assert_eq!(before, s, "a copy equals what it copies");
            states.push(s.clone());
            let edit = Edit::AssignUnits {
                units: vec![ZoneId(0)],
                team: Some(TeamId(i % 2)),
            };
            let label = edit.label(&before, &atlas);
            match apply(&mut s, &atlas, &edit) {
                Ok(()) => h.record(label, before),
                Err(_) => {
                    h.give_back(before);
                    states.pop();
                }
            }
        }
        assert!(
            states.len() > HISTORY_LIMIT,
            "{} changes made",
            states.len()
        );
        assert_eq!(h.len(), HISTORY_LIMIT);
        let mut undone = 0;
        while let Some(prev) = h.undo(&s) {
            s = prev;
            undone += 1;
            assert_eq!(s, states[states.len() - undone], "step {undone} back");
        }
        assert_eq!(undone, HISTORY_LIMIT);
    }
}
