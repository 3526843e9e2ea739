//! A modal confirmation on the native `<dialog>` (`showModal`): focus is trapped inside, Escape
//! closes it, and focus returns to what had it before.

use leptos::html;
use leptos::prelude::*;
use send_wrapper::SendWrapper;
use wasm_bindgen::JsCast;

use crate::i18n::{text, tr, Key};

#[component]
pub fn ConfirmDialog(
    /// Open while true; the dialog sets it false when closed (Cancel, Escape).
    open: RwSignal<bool>,
    /// Text or `tr(Key::…)`.
    #[prop(into)]
    title: TextProp,
    /// The text of the confirm button ("Regenerate key"): text or `tr(Key::…)`.
    #[prop(into)]
    confirm_label: TextProp,
    on_confirm: Callback<()>,
    /// The confirm button is styled as destructive.
    #[prop(optional)]
    danger: bool,
    /// Disables the buttons while the confirmed action runs.
    #[prop(optional, into)]
    pending: MaybeProp<bool>,
    /// The explanation: what happens, what breaks.
    children: Children,
) -> impl IntoView {
    let dialog_ref = NodeRef::<html::Dialog>::new();
    let opener: StoredValue<Option<SendWrapper<web_sys::HtmlElement>>> = StoredValue::new(None);
    let title_id = format!("dialog-title-{}", next_id());
    let labelled_by = title_id.clone();

    Effect::new(move |_| {
        let is_open = open.get();
        let Some(dialog) = dialog_ref.get() else {
            return;
        };
        if is_open && !dialog.open() {
            let previous = web_sys::window()
                .and_then(|w| w.document())
                .and_then(|d| d.active_element())
                .and_then(|el| el.dyn_into::<web_sys::HtmlElement>().ok())
                .map(SendWrapper::new);
            opener.set_value(previous);
            let _ = dialog.show_modal();
        } else if !is_open && dialog.open() {
            dialog.close();
        }
    });

    let on_close = move |_| {
        open.set(false);
        if let Some(element) = opener.try_update_value(Option::take).flatten() {
            let _ = element.focus();
        }
    };
    let is_pending = move || pending.get().unwrap_or(false);
    let confirm_class = if danger {
        "btn btn-danger"
    } else {
        "btn btn-primary"
    };

    view! {
        <dialog node_ref=dialog_ref class="dialog" aria-labelledby=labelled_by on:close=on_close>
            <form method="dialog" class="dialog__form" on:submit=move |ev| {
                ev.prevent_default();
                on_confirm.run(());
            }>
                <h2 id=title_id class="dialog__title">{text(title)}</h2>
                <div class="dialog__body">{children()}</div>
                <div class="dialog__actions">
                    <button type="button" class="btn btn-secondary" autofocus disabled=is_pending
                        on:click=move |_| open.set(false)>
                        {tr(Key::CommonCancel)}
                    </button>
                    <button type="submit" class=confirm_class disabled=is_pending>
                        {text(confirm_label)}
                    </button>
                </div>
            </form>
        </dialog>
    }
}

fn next_id() -> u32 {
    use std::sync::atomic::{AtomicU32, Ordering};
    static NEXT: AtomicU32 = AtomicU32::new(1);
    NEXT.fetch_add(1, Ordering::Relaxed)
}
