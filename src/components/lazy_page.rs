//! A page whose code is its own wasm chunk, fetched the first time the page is opened, so a cold
//! visit downloads only the shell and the landing pages (`pages/mod.rs`, README "Performance").
//!
//! A chunk that cannot be fetched (offline, a CDN error, files of an older deployment gone) is a
//! clear message with Retry, never a panic: the split points are `fallible`.

use std::future::Future;
use std::pin::Pin;
use std::sync::OnceLock;

use leptos::prelude::*;

use crate::i18n::{tr, Key};

/// Builds a page's view; the function lives in the page's chunk.
pub type PageView = fn() -> AnyView;

/// What a split point's loader gives: the page's builder once its chunk is in.
pub type PageLoad = Pin<Box<dyn Future<Output = Result<PageView, PageNotLoaded>>>>;

/// The page's chunk could not be fetched or instantiated.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PageNotLoaded;

impl From<leptos::wasm_split::SplitLoaderError> for PageNotLoaded {
    fn from(_: leptos::wasm_split::SplitLoaderError) -> Self {
        PageNotLoaded
    }
}

/// Shows the page at once when its chunk is already in (`ready`), else loads it first.
#[component]
pub fn LazyPage(load: fn() -> PageLoad, ready: &'static OnceLock<PageView>) -> impl IntoView {
    if let Some(build) = ready.get() {
        return build();
    }
    let attempt = RwSignal::new(0u32);
    let chunk = LocalResource::new(move || {
        attempt.track();
        load()
    });
    let retry = move |_| attempt.update(|n| *n = n.wrapping_add(1));
    (move || match chunk.get() {
        None => view! { <PageLoading/> }.into_any(),
        Some(Ok(build)) => {
            let _ = ready.set(build);
            build()
        }
        Some(Err(PageNotLoaded)) => view! {
            <div class="error-panel" role="alert" data-testid="page-not-loaded">
                <div class="error-panel__icon" aria-hidden="true">"!"</div>
                <div class="error-panel__body">
                    <p class="error-panel__title">{tr(Key::CommonPageNotLoadedTitle)}</p>
                    <p class="error-panel__message">{tr(Key::CommonPageNotLoadedBody)}</p>
                    <button type="button" class="btn btn-secondary" on:click=retry>{tr(Key::CommonRetry)}</button>
                </div>
            </div>
        }
        .into_any(),
    })
    .into_any()
}

/// The page's own code is on its way: a quiet placeholder, announced only after the usual delay.
#[component]
fn PageLoading() -> impl IntoView {
    let visible = crate::components::loading::use_after_spinner_delay();
    view! {
        <div class="page-loading" role="status" aria-live="polite">
            {move || visible.get().then(|| view! { <span class="loading__label">{tr(Key::CommonOpeningPage)}</span> })}
        </div>
    }
}
