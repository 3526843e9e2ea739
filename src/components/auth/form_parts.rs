//! What the sign-in and registration forms add to the form kit: they word their failures
//! themselves (which environment, which credential), and the environment picker sits outside
//! the kit's fields.

use leptos::prelude::*;
use lumo_api::rules::validation::FieldErrors;
use lumo_api::ApiError;

use crate::components::field::focus_id;
use crate::components::form::Form;

/// Run `then` with each failed answer of `form`, after the kit has shown its own message for it,
/// so what `then` sets (`set_failure`, `set_errors`) is what stays. The order holds because the
/// kit's effect is created inside `Form::new`, before this one, and effects that read the same
/// signal run in the order they subscribed.
pub fn on_failure<I: 'static, O: 'static>(form: Form<I, O>, then: impl Fn(&ApiError) + 'static) {
    let action = form.action;
    let version = action.version();
    Effect::new(move |seen: Option<usize>| {
        let now = version.get();
        if seen.is_some_and(|seen| seen != now) {
            action.value().with_untracked(|value| {
                if let Some(Err(error)) = value {
                    then(error);
                }
            });
        }
        now
    });
}

/// The chosen environment is not usable (`EnvChoice::resolve` put its message under the URL
/// field): show the other fields' messages as a submit would, send nothing, and focus the URL.
pub fn refuse_without_environment<I: 'static, O: 'static>(
    form: Form<I, O>,
    problems: FieldErrors,
    url_input_id: &str,
) {
    form.set_failure(None);
    form.set_errors(problems);
    focus_id(url_input_id);
}
