//! What the sign-in and registration forms add to the form kit: the environment picker sits
//! outside the kit's fields. (They word their failures themselves with `Form::on_failure`.)

use crate::components::field::focus_id;
use crate::components::form::{Form, IntoFieldMessages};

/// The chosen environment is not usable (`EnvChoice::resolve` put its message under the URL
/// field): show the other fields' messages as a submit would, send nothing, and focus the URL.
pub fn refuse_without_environment<I: 'static, O: 'static>(
    form: Form<I, O>,
    problems: impl IntoFieldMessages,
    url_input_id: &str,
) {
    form.set_failure(None);
    form.set_errors(problems);
    focus_id(url_input_id);
}
