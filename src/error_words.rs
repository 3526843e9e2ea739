//! The portal's wording of [`ApiError`] (the error panel, the form kit's message): a title and a
//! sentence per typed variant, in the language on screen. English is exactly `ApiError`'s own
//! `title()` and Display text (tested below). The server's own words, the browser's network
//! detail and other data inside a sentence are shown as they come, marked `translate="no"`.
//!
//! [`Words`] is a message kept as catalog keys and values rather than as a string, so a message
//! shown before a switch of language follows the switch, and its data stays marked.

use leptos::prelude::*;
use lumo_api::errors::{DecodeKind, LONGEST_WAIT_SHOWN_SECONDS};
use lumo_api::ApiError;

use crate::i18n::{t, Key};

/// A value filled into a placeholder of a catalog text.
#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    /// Shown as it comes and marked `translate="no"`: server words, names, browser messages.
    Data(String),
    /// Words of no language (numbers, status codes).
    Plain(String),
    /// Another catalog text, in the language on screen.
    Text(Key),
}

#[derive(Clone, Debug, PartialEq)]
enum Part {
    Text {
        key: Key,
        values: Vec<(&'static str, Value)>,
    },
    /// Text worded elsewhere, shown as it is.
    Raw(String),
}

/// A piece of a message as shown: interface text, or data to mark `translate="no"`.
#[derive(Clone, Debug, PartialEq)]
enum Segment {
    Text(String),
    Data(String),
}

/// A message: catalog texts with their values, one sentence after another (joined by a space).
#[derive(Clone, Debug, PartialEq, Default)]
pub struct Words(Vec<Part>);

impl Words {
    /// The catalog text of `key` (fill its placeholders with [`Words::with`]).
    pub fn of(key: Key) -> Words {
        Words(vec![Part::Text {
            key,
            values: Vec::new(),
        }])
    }

    /// Text worded elsewhere (a rule's message, a page's own string), shown as it is.
    pub fn raw(text: impl Into<String>) -> Words {
        Words(vec![Part::Raw(text.into())])
    }

    /// Fills placeholder `name` of the last text.
    pub fn with(mut self, name: &'static str, value: Value) -> Words {
        if let Some(Part::Text { values, .. }) = self.0.last_mut() {
            values.push((name, value));
        }
        self
    }

    /// Data (shown as it comes, `translate="no"`) for placeholder `name` of the last text.
    pub fn with_data(self, name: &'static str, data: impl Into<String>) -> Words {
        self.with(name, Value::Data(data.into()))
    }

    /// A number (or other language-neutral text) for placeholder `name` of the last text.
    pub fn with_plain(self, name: &'static str, plain: impl ToString) -> Words {
        self.with(name, Value::Plain(plain.to_string()))
    }

    /// These words, then `more`.
    pub fn then(mut self, more: Words) -> Words {
        self.0.extend(more.0);
        self
    }

    /// The message as one string, in the language on screen (tracked): for attributes and
    /// tests (views take [`Words::view`], which keeps data marked).
    #[cfg_attr(not(test), allow(dead_code))]
    pub fn text(&self) -> String {
        self.segments()
            .into_iter()
            .map(|segment| match segment {
                Segment::Text(text) | Segment::Data(text) => text,
            })
            .collect()
    }

    /// The message as a view that follows the language, its data marked `translate="no"`.
    pub fn view(&self) -> impl IntoView + use<> {
        let words = self.clone();
        move || {
            words
                .segments()
                .into_iter()
                .map(|segment| match segment {
                    Segment::Text(text) => text.into_any(),
                    Segment::Data(data) => view! { <span translate="no">{data}</span> }.into_any(),
                })
                .collect_view()
        }
    }

    fn segments(&self) -> Vec<Segment> {
        let mut out = Vec::new();
        for (index, part) in self.0.iter().enumerate() {
            if index > 0 {
                push_text(&mut out, " ");
            }
            match part {
                Part::Raw(text) => push_text(&mut out, text),
                Part::Text { key, values } => fill(&mut out, t(*key), values),
            }
        }
        out
    }
}

impl From<String> for Words {
    fn from(text: String) -> Words {
        Words::raw(text)
    }
}

fn push_text(out: &mut Vec<Segment>, text: &str) {
    if text.is_empty() {
        return;
    }
    match out.last_mut() {
        Some(Segment::Text(last)) => last.push_str(text),
        _ => out.push(Segment::Text(text.to_string())),
    }
}

/// `template` with its `{name}` placeholders filled from `values` (an unknown one is kept).
fn fill(out: &mut Vec<Segment>, template: &str, values: &[(&'static str, Value)]) {
    let mut rest = template;
    while let Some(start) = rest.find('{') {
        let Some(length) = rest[start + 1..].find('}') else {
            break;
        };
        let name = &rest[start + 1..start + 1 + length];
        push_text(out, &rest[..start]);
        match values.iter().find(|(wanted, _)| *wanted == name) {
            Some((_, Value::Data(data))) => out.push(Segment::Data(data.clone())),
            Some((_, Value::Plain(plain))) => push_text(out, plain),
            Some((_, Value::Text(key))) => push_text(out, t(*key)),
            None => push_text(out, &rest[start..start + length + 2]),
        }
        rest = &rest[start + length + 2..];
    }
    push_text(out, rest);
}

/// A short title for the kind of failure (English: `ApiError::title`).
pub fn error_title(error: &ApiError) -> Key {
    match error {
        ApiError::Validation { .. } => Key::CommonErrorTitleValidation,
        ApiError::Unauthorized { .. } => Key::CommonErrorTitleUnauthorized,
        ApiError::Forbidden { .. } => Key::CommonErrorTitleForbidden,
        ApiError::NotFound { .. } => Key::CommonErrorTitleNotFound,
        ApiError::MethodNotAllowed { .. } => Key::CommonErrorTitleMethodNotAllowed,
        ApiError::Conflict { .. } => Key::CommonErrorTitleConflict,
        ApiError::RateLimited { .. } => Key::CommonErrorTitleRateLimited,
        ApiError::Client { .. } => Key::CommonErrorTitleClient,
        ApiError::Server { .. } => Key::CommonErrorTitleServer,
        ApiError::Network { .. } => Key::CommonErrorTitleNetwork,
        ApiError::Timeout { .. } => Key::CommonErrorTitleTimeout,
        ApiError::Decode { .. } => Key::CommonErrorTitleDecode,
    }
}

/// What went wrong, with the server's own words when it gave any (English: `ApiError`'s
/// Display).
pub fn error_words(error: &ApiError) -> Words {
    match error {
        ApiError::Validation { messages, .. } => {
            Words::of(Key::CommonErrorValidation).with_data("messages", messages.join("; "))
        }
        ApiError::Unauthorized { message } => {
            server_said(Words::of(Key::CommonErrorUnauthorized), message)
        }
        ApiError::Forbidden { message } => {
            server_said(Words::of(Key::CommonErrorForbidden), message)
        }
        ApiError::NotFound { message } => server_said(Words::of(Key::CommonErrorNotFound), message),
        ApiError::MethodNotAllowed { message } => {
            server_said(Words::of(Key::CommonErrorMethodNotAllowed), message)
        }
        ApiError::Conflict { message } => server_said(Words::of(Key::CommonErrorConflict), message),
        ApiError::RateLimited {
            retry_after,
            message,
        } => {
            let words = match retry_after {
                // A saturated or absurd wait (days, `u32::MAX`) is no number to show.
                Some(seconds) if *seconds > LONGEST_WAIT_SHOWN_SECONDS => {
                    Words::of(Key::CommonErrorRateLimitedLater)
                }
                Some(seconds) => {
                    Words::of(Key::CommonErrorRateLimitedIn).with_plain("seconds", seconds)
                }
                None => Words::of(Key::CommonErrorRateLimitedSoon),
            };
            server_said(words, message)
        }
        ApiError::Client { status, message } => server_said(
            Words::of(Key::CommonErrorClient).with_plain("status", status),
            message,
        ),
        ApiError::Server { status, message } => server_said(
            Words::of(Key::CommonErrorServer).with_plain("status", status),
            message,
        ),
        ApiError::Network { detail } => {
            Words::of(Key::CommonErrorNetwork).with_data("detail", detail.clone())
        }
        ApiError::Timeout { seconds } => {
            Words::of(Key::CommonErrorTimeout).with_plain("seconds", seconds)
        }
        ApiError::Decode { status, kind, .. } => {
            let what = match kind {
                DecodeKind::Empty => Key::CommonErrorDecodeEmpty,
                DecodeKind::NotJson => Key::CommonErrorDecodeNotJson,
                DecodeKind::Malformed => Key::CommonErrorDecodeMalformed,
                DecodeKind::WrongShape => Key::CommonErrorDecodeWrongShape,
            };
            Words::of(Key::CommonErrorDecode)
                .with("what", Value::Text(what))
                .with_plain("status", status)
        }
    }
}

/// `words`, then "The server said: …" with the server's message when it gave one.
pub fn server_said(words: Words, message: &Option<String>) -> Words {
    match message {
        Some(text) if !text.trim().is_empty() => {
            words.then(Words::of(Key::CommonErrorServerSaid).with_data("message", text.clone()))
        }
        _ => words,
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use super::*;

    fn all_errors() -> Vec<ApiError> {
        let said = Some("Company is inactive".to_string());
        vec![
            ApiError::Validation {
                messages: vec!["a must be set".into(), "b is too long".into()],
                by_field: BTreeMap::new(),
            },
            ApiError::Unauthorized { message: None },
            ApiError::Unauthorized {
                message: said.clone(),
            },
            ApiError::Forbidden {
                message: said.clone(),
            },
            ApiError::Forbidden {
                message: Some("  ".into()),
            },
            ApiError::NotFound { message: None },
            ApiError::MethodNotAllowed {
                message: said.clone(),
            },
            ApiError::Conflict { message: None },
            ApiError::RateLimited {
                retry_after: Some(30),
                message: None,
            },
            ApiError::RateLimited {
                retry_after: Some(u32::MAX),
                message: said.clone(),
            },
            ApiError::RateLimited {
                retry_after: None,
                message: None,
            },
            ApiError::Client {
                status: 418,
                message: said.clone(),
            },
            ApiError::Server {
                status: 502,
                message: None,
            },
            ApiError::Network {
                detail: "Failed to fetch".into(),
            },
            ApiError::Timeout { seconds: 20 },
            ApiError::Decode {
                status: 200,
                kind: DecodeKind::Empty,
                detail: String::new(),
            },
            ApiError::Decode {
                status: 502,
                kind: DecodeKind::NotJson,
                detail: String::new(),
            },
            ApiError::Decode {
                status: 200,
                kind: DecodeKind::Malformed,
                detail: String::new(),
            },
            ApiError::Decode {
                status: 200,
                kind: DecodeKind::WrongShape,
                detail: String::new(),
            },
        ]
    }

    #[test]
    fn english_is_the_errors_own_text() {
        for error in all_errors() {
            assert_eq!(t(error_title(&error)), error.title(), "{error:?}");
            assert_eq!(error_words(&error).text(), error.to_string(), "{error:?}");
        }
    }

    #[test]
    fn the_servers_words_are_data() {
        let error = ApiError::Forbidden {
            message: Some("Company is inactive".into()),
        };
        let segments = error_words(&error).segments();
        assert!(segments.contains(&Segment::Data("Company is inactive".into())));
    }
}
