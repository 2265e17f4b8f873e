//! Questions and messages the user answers before going on: drawn over the window, which is
//! dimmed and takes no clicks or keys until they are answered.

/// How a question was left.
pub struct Answered<R> {
    /// What the content returned (the button pressed, if any).
    pub inner: R,
    /// Escape was pressed or the dimmed window behind was clicked.
    pub dismissed: bool,
}

impl<A> Answered<Option<A>> {
    /// The answer given, or `cancel` when the question was left without one.
    pub fn or_when_dismissed(self, cancel: A) -> Option<A> {
        self.inner.or(self.dismissed.then_some(cancel))
    }
}

/// Show `body` under `title` as a modal dialog, `id` telling it apart from the others, with
/// `answers` under it. A long body scrolls, so that the answers stay on the screen.
pub fn show<R>(
    ctx: &egui::Context,
    id: &str,
    title: &str,
    body: impl FnOnce(&mut egui::Ui),
    answers: impl FnOnce(&mut egui::Ui) -> R,
) -> Answered<R> {
    let room = (ctx.content_rect().height() - 200.0).max(100.0);
    let response = egui::Modal::new(egui::Id::unique(("modal", id))).show(ctx, |ui| {
        ui.set_max_width(520.0);
        ui.heading(title);
        ui.add_space(6.0);
        egui::ScrollArea::vertical().max_height(room).show(ui, body);
        ui.add_space(6.0);
        answers(ui)
    });
    Answered {
        dismissed: response.should_close(),
        inner: response.inner,
    }
}

/// A row of answer buttons; returns the answer of the one pressed.
pub fn answers<A: Clone>(ui: &mut egui::Ui, choices: &[(&str, A)]) -> Option<A> {
    ui.horizontal(|ui| {
        let mut chosen = None;
        for (text, answer) in choices {
            if ui.button(*text).clicked() {
                chosen = Some(answer.clone());
            }
        }
        chosen
    })
    .inner
}
