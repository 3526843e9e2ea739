//! Renders an [`ApiResource`]: a delayed spinner until the first answer, the data (kept visible
//! with a thin progress bar while a newer answer loads), or an [`ErrorPanel`] with Retry.

use leptos::prelude::*;

use crate::client::ApiResource;
use crate::components::{ErrorPanel, Loading};

#[component]
pub fn ApiView<T, V, F>(
    resource: ApiResource<T>,
    /// Renders the data: `let:data` or `children=move |data| view! { … }`.
    children: F,
    /// Spinner text: text or `tr(Key::…)`.
    #[prop(optional, into)]
    loading_label: Option<TextProp>,
) -> impl IntoView
where
    T: Clone + Send + Sync + 'static,
    F: Fn(T) -> V + Send + Sync + 'static,
    V: IntoView + 'static,
{
    let retry = Callback::new(move |()| resource.refetch());
    let refreshing = move || resource.loading() && resource.has_answer();
    view! {
        <div class="api-view" aria-busy=move || resource.loading().to_string()>
            <div class="refresh-bar" class:refresh-bar--active=refreshing aria-hidden="true"></div>
            {move || match resource.get() {
                None => match loading_label.clone() {
                    Some(label) => view! { <Loading label/> }.into_any(),
                    None => view! { <Loading/> }.into_any(),
                },
                Some(Ok(data)) => children(data).into_any(),
                Some(Err(error)) => view! { <ErrorPanel error retry/> }.into_any(),
            }}
        </div>
    }
}
