//! The form kit every form uses: one [`Form`] holds the submit [`Action`] (pending, value and
//! error come from it), the field errors (client-side rules from `lumo_api::rules::validation`
//! and the server's 400 lines, both keyed by camelCase wire name), the form-wide message, focus
//! on the first invalid field, and draft-backed values ([`draft_value`]). [`SubmitButton`] shows
//! the pending state the same way everywhere.
//!
//! ```ignore
//! const FIELDS: &[FormField] = &[FormField::new("email", "register-email")];
//! let form = Form::new(FIELDS, move |body: &Body| { let body = body.clone(); async move { client.send(&req(&body)).await } });
//! form.on_success(move |created| …);
//! let submit = move |ev: SubmitEvent| { ev.prevent_default(); form.submit(body(), validate(&body())); };
//! view! { <form on:submit=submit> <Field … error=form.field_error("email")/> <FormError message=form.form_error()/>
//!         <SubmitButton form label="Save" pending_label="Saving…"/> </form> }
//! ```

use std::collections::BTreeMap;
use std::future::Future;

use leptos::prelude::*;
use lumo_api::rules::validation::{FieldErrors, Problem, FORM_FIELD};
use lumo_api::ApiError;

use crate::components::field::focus_id;
use crate::components::loading::Spinner;
use crate::drafts::Drafts;
use crate::error_words::{error_words, Words};
use crate::i18n::{t, Key};
use crate::rule_words;

/// A message on a field, kept as what it is and worded when shown (so it follows a switch of
/// language): a client-side rule's finding, a text of the catalog, or a server line (English,
/// shown as it came).
#[derive(Clone, Debug, PartialEq)]
pub enum FieldMessage {
    Rule(Problem),
    Said(Key),
    Server(String),
}

impl FieldMessage {
    /// The words in the language on screen (tracked).
    pub fn text(&self) -> String {
        match self {
            FieldMessage::Rule(problem) => rule_words::problem(problem),
            FieldMessage::Said(key) => t(*key).to_string(),
            FieldMessage::Server(line) => line.clone(),
        }
    }
}

/// Messages by wire field name ([`FORM_FIELD`] for the form as a whole).
pub type FieldMessages = BTreeMap<String, FieldMessage>;

/// What the kit takes as field messages: the rules' [`FieldErrors`] or [`FieldMessages`].
pub trait IntoFieldMessages {
    fn into_messages(self) -> FieldMessages;
}

impl IntoFieldMessages for FieldMessages {
    fn into_messages(self) -> FieldMessages {
        self
    }
}

impl IntoFieldMessages for FieldErrors {
    fn into_messages(self) -> FieldMessages {
        self.into_iter()
            .map(|(field, problem)| (field, FieldMessage::Rule(problem)))
            .collect()
    }
}

/// One input of a form: its wire name (as in the API's 400 lines and the client rules) and the
/// id of its input element (focused when it is the first invalid one).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FormField {
    pub name: &'static str,
    pub input_id: &'static str,
}

impl FormField {
    pub const fn new(name: &'static str, input_id: &'static str) -> FormField {
        FormField { name, input_id }
    }
}

/// A form's submit action with its messages. `Copy`: pass it to views and closures freely.
/// Only the action is typed; the messages live in [`FormState`], one copy in the binary.
pub struct Form<I: 'static, O: 'static> {
    /// The submit: `pending()`, `value()` and `version()` are the form's state.
    pub action: Action<I, Result<O, ApiError>>,
    state: FormState,
}

impl<I: 'static, O: 'static> Clone for Form<I, O> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<I: 'static, O: 'static> Copy for Form<I, O> {}

impl<I: 'static, O: 'static> Form<I, O> {
    /// A form whose submit runs `run`. A 400 from the server lands on the fields (the first
    /// invalid one gets focus); any other failure becomes the form-wide message. Pages handle
    /// success with [`Form::on_success`] and may word particular failures themselves with
    /// [`FormState::set_failure`].
    pub fn new<F, Fu>(fields: &'static [FormField], run: F) -> Self
    where
        F: Fn(&I) -> Fu + 'static,
        Fu: Future<Output = Result<O, ApiError>> + 'static,
    {
        let action = Action::new_local(run);
        let state = FormState::new(fields, action.pending());
        let form = Form { action, state };
        form.on_answer(move |answer| {
            if let Err(error) = answer {
                state.show_error(error);
            }
        });
        form
    }

    /// Send `input` unless `problems` (the client-side rules' findings) name any: then nothing
    /// is sent, the messages are shown and the first invalid field gets focus. A second submit
    /// while one is pending is ignored. Returns whether the input was sent.
    pub fn submit(&self, input: I, problems: impl IntoFieldMessages) -> bool {
        if !self.state.accept(problems.into_messages()) {
            return false;
        }
        self.action.dispatch_local(input);
        true
    }

    /// Run `then` with each successful answer (once per answer).
    pub fn on_success(&self, then: impl Fn(&O) + 'static) {
        self.on_answer(move |answer| {
            if let Ok(answer) = answer {
                then(answer);
            }
        });
    }

    /// Run `then` with each failed answer, after the kit has shown its own message for it (its
    /// effect is created first, in `Form::new`, and effects on one signal run in the order they
    /// subscribed), so what `then` sets (`set_failure`, `set_errors`) is what stays: for forms
    /// that word their failures themselves.
    pub fn on_failure(&self, then: impl Fn(&ApiError) + 'static) {
        self.on_answer(move |answer| {
            if let Err(error) = answer {
                then(error);
            }
        });
    }

    /// Run `then` with each answer, success or failure (once per answer).
    fn on_answer(&self, then: impl Fn(&Result<O, ApiError>) + 'static) {
        let action = self.action;
        let version = action.version();
        Effect::new(move |seen: Option<usize>| {
            let now = version.get();
            if seen.is_some_and(|seen| seen != now) {
                action.value().with_untracked(|value| {
                    if let Some(answer) = value {
                        then(answer);
                    }
                });
            }
            now
        });
    }
}

impl<I: 'static, O: 'static> std::ops::Deref for Form<I, O> {
    type Target = FormState;

    fn deref(&self) -> &FormState {
        &self.state
    }
}

impl<I: 'static, O: 'static> From<Form<I, O>> for FormState {
    fn from(form: Form<I, O>) -> FormState {
        form.state
    }
}

/// The untyped part of a [`Form`]: pending state, field errors and the form-wide message.
#[derive(Clone, Copy)]
pub struct FormState {
    /// A submit is on its way (one memo for the form's life).
    pending: Memo<bool>,
    /// Field name -> message; [`FORM_FIELD`] holds lines that name no field of this form.
    errors: RwSignal<FieldMessages>,
    /// A failure that is not about the input (network, server, conflict), as words.
    failure: RwSignal<Option<Words>>,
    fields: &'static [FormField],
}

impl FormState {
    fn new(fields: &'static [FormField], pending: Memo<bool>) -> FormState {
        FormState {
            pending,
            errors: RwSignal::new(FieldMessages::new()),
            failure: RwSignal::new(None),
            fields,
        }
    }

    /// A submit may go: nothing pending and no client-side problem (else they are shown).
    fn accept(&self, problems: FieldMessages) -> bool {
        if self.pending.get_untracked() {
            return false;
        }
        self.failure.set(None);
        self.errors.set(problems);
        if self.errors.with_untracked(|errors| !errors.is_empty()) {
            self.focus_first_error();
            return false;
        }
        true
    }

    /// A submit is on its way (tracked).
    pub fn pending(&self) -> Signal<bool> {
        self.pending.into()
    }

    /// The message for one field (tracked, the language too), for `Field`'s `error` prop.
    pub fn field_error(&self, field: &'static str) -> Signal<Option<String>> {
        let errors = self.errors;
        Signal::derive(move || errors.with(|map| map.get(field).map(FieldMessage::text)))
    }

    /// The form-wide message (tracked), for `FormError`: input lines that name no field, or a
    /// failure.
    pub fn form_error(&self) -> Signal<Option<Words>> {
        let (errors, failure) = (self.errors, self.failure);
        Signal::derive(move || {
            failure
                .get()
                .or_else(|| errors.with(|map| map.get(FORM_FIELD).map(|m| Words::raw(m.text()))))
        })
    }

    /// Word a failure the page knows better than the generic text (or clear it with `None`).
    pub fn set_failure(&self, message: Option<String>) {
        self.failure.set(message.map(Words::raw));
    }

    /// As [`FormState::set_failure`], with words that follow the language and keep data marked
    /// (`crate::error_words`).
    pub fn set_failure_words(&self, message: Option<Words>) {
        self.failure.set(message);
    }

    /// Put messages on fields (a rule checked outside `submit`, e.g. after a read-back).
    pub fn set_errors(&self, errors: impl IntoFieldMessages) {
        self.errors.set(errors.into_messages());
        self.focus_first_error();
    }

    /// Forget every message (the user started over).
    pub fn clear(&self) {
        self.errors.set(FieldMessages::new());
        self.failure.set(None);
    }

    fn show_error(&self, error: &ApiError) {
        let names: Vec<&str> = self.fields.iter().map(|field| field.name).collect();
        let mapped = api_field_errors(error, &names);
        if mapped.is_empty() {
            self.failure.try_set(Some(error_words(error)));
        } else {
            self.errors.try_set(mapped);
            self.focus_first_error();
        }
    }

    fn focus_first_error(&self) {
        let first = self.errors.with_untracked(|errors| {
            self.fields
                .iter()
                .find(|field| errors.contains_key(field.name))
                .map(|field| field.input_id)
        });
        if let Some(id) = first {
            focus_id(id);
        }
    }
}

/// An input's value, kept as a draft (per company and environment, `crate::drafts`) while it
/// differs from `original`: it survives a failed submit, a forced re-sign-in and a page change.
pub fn draft_value(drafts: Drafts, key: &'static str, original: String) -> RwSignal<String> {
    let value = RwSignal::new(drafts.get(key).unwrap_or_else(|| original.clone()));
    Effect::new(move |_| {
        let current = value.get();
        if current == original {
            drafts.remove(key);
        } else {
            drafts.set(key, current);
        }
    });
    value
}

/// The submit button: disabled with a spinner and `pending_label` while the form is sending.
/// The labels are text or `tr(Key::…)`.
#[component]
pub fn SubmitButton(
    #[prop(into)] form: FormState,
    #[prop(into)] label: TextProp,
    #[prop(into)] pending_label: TextProp,
    /// Extra classes after `btn` (default `btn-primary`).
    #[prop(default = "btn-primary")]
    class: &'static str,
    /// Disabled for another reason too.
    #[prop(optional, into)]
    disabled: MaybeProp<bool>,
) -> impl IntoView {
    let pending = form.pending();
    view! {
        <button type="submit" class=format!("btn {class}")
            disabled=move || pending.get() || disabled.get().unwrap_or(false)>
            <Show when=move || pending.get()><Spinner/></Show>
            {move || if pending.get() { pending_label.get() } else { label.get() }}
        </button>
    }
}

/// A 400's messages grouped onto the form's `fields`; lines naming no field of the form go under
/// [`FORM_FIELD`]. Other errors give an empty map (show them with `FormError`).
pub fn api_field_errors(error: &ApiError, fields: &[&str]) -> FieldMessages {
    let mut errors = FieldMessages::new();
    let ApiError::Validation { messages, by_field } = error else {
        return errors;
    };
    let mut general = Vec::new();
    for (field, lines) in by_field {
        if !field.is_empty() && fields.contains(&field.as_str()) {
            errors.insert(field.clone(), FieldMessage::Server(lines.join(" ")));
        } else {
            general.extend(lines.iter().cloned());
        }
    }
    if by_field.is_empty() {
        general.extend(messages.iter().cloned());
    }
    if !general.is_empty() {
        errors.insert(
            FORM_FIELD.to_string(),
            FieldMessage::Server(general.join(" ")),
        );
    }
    errors
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeMap;

    fn validation(lines: &[(&str, &str)]) -> ApiError {
        let mut by_field: BTreeMap<String, Vec<String>> = BTreeMap::new();
        for (field, line) in lines {
            by_field
                .entry((*field).to_string())
                .or_default()
                .push((*line).to_string());
        }
        ApiError::Validation {
            messages: lines.iter().map(|(_, l)| (*l).to_string()).collect(),
            by_field,
        }
    }

    #[test]
    fn groups_server_lines_onto_the_form_fields() {
        let error = validation(&[
            ("contactEmail", "contactEmail must be an email"),
            ("webhookUrl", "webhookUrl must be https"),
            ("", "Something general"),
            ("other", "other should not exist"),
        ]);
        let errors = api_field_errors(&error, &["contactEmail", "webhookUrl"]);
        let text = |field: &str| errors[field].text();
        assert_eq!(text("contactEmail"), "contactEmail must be an email");
        assert_eq!(text("webhookUrl"), "webhookUrl must be https");
        assert_eq!(text(FORM_FIELD), "Something general other should not exist");
    }

    #[test]
    fn non_validation_errors_give_no_field_errors() {
        assert!(api_field_errors(&ApiError::Conflict { message: None }, &["email"]).is_empty());
    }
}
