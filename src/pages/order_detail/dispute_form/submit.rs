//! What one press of "Open dispute" does, as the form's action: file the reason, or, after a
//! lost answer, read `GET /disputes` afresh (not the 30 s cache) to learn what the lost submit
//! did. Filing is not idempotent, so a lost answer is always read back in the same run before the
//! form may offer to send again; if the read-back fails too, the form keeps the doubt and the
//! next press only checks.

use chrono::{DateTime, Utc};
use leptos::prelude::*;
use lumo_api::models::{CreateDisputeRequest, Dispute};
use lumo_api::rules::orders::{classify_filed, filed_after_lost_answer};
use lumo_api::ApiError;

use super::super::Filed;
use crate::client::Client;

/// The input of one press.
#[derive(Clone)]
pub(super) enum Press {
    /// File this reason (trimmed and valid); `known` is the dispute list as known before.
    Send {
        order_id: String,
        reason: String,
        known: Vec<Dispute>,
    },
    /// Nothing is sent: only look whether the lost submit filed the dispute.
    Check(InDoubt),
}

/// A submit whose answer was lost: what is needed to recognise its dispute in the list.
#[derive(Clone)]
pub(super) struct InDoubt {
    order_id: String,
    requested_at: DateTime<Utc>,
    /// The list as known before the submit.
    known: Vec<Dispute>,
    /// The reason as sent (trimmed).
    reason: String,
}

/// How a press ended. Failures the form words itself are here too, so that their wording never
/// races the kit's generic message; only a 400 naming the reason is left to the kit (`Err`).
pub(super) enum Done {
    /// The dispute exists: the answer, or found after a lost one.
    Filed(Filed),
    /// The answer was lost and the list shows nothing filed: the text may be sent again.
    NotFiled,
    /// The answer was lost and the read-back failed too: the outcome is unknown.
    Unknown { doubt: InDoubt, error: ApiError },
    /// Refused or failed before filing; a conflict means the order changed meanwhile.
    Refused(ApiError),
}

/// Run one press. `checking` is raised while the list is read back (the form says so); it is
/// written with `try_set` because the user may have left before the answer.
pub(super) async fn run(
    client: Client,
    press: Press,
    checking: RwSignal<bool>,
) -> Result<Done, ApiError> {
    let (order_id, reason, known) = match press {
        Press::Check(doubt) => return Ok(read_back(client, doubt, checking).await),
        Press::Send {
            order_id,
            reason,
            known,
        } => (order_id, reason, known),
    };
    let body = CreateDisputeRequest { reason };
    let requested_at = Utc::now();
    let request = lumo_api::requests::create_dispute(&order_id, &body);
    match client.send_with_status(&request, None).await {
        Ok((status, dispute)) => {
            let (outcome, unsent_reason) =
                classify_filed(Some(status), &dispute, &known, requested_at, &body.reason);
            Ok(Done::Filed(Filed {
                dispute,
                outcome,
                unsent_reason,
            }))
        }
        Err(error) if error.may_hide_a_change() => {
            // The server may have filed it: look before offering to send again.
            let doubt = InDoubt {
                order_id,
                requested_at,
                known,
                reason: body.reason,
            };
            Ok(read_back(client, doubt, checking).await)
        }
        Err(error) if !error.field_messages("reason").is_empty() => Err(error),
        Err(error) => Ok(Done::Refused(error)),
    }
}

async fn read_back(client: Client, doubt: InDoubt, checking: RwSignal<bool>) -> Done {
    checking.try_set(true);
    let result = client.send(&lumo_api::requests::list_disputes()).await;
    checking.try_set(false);
    let list = match result {
        Ok(list) => list,
        Err(error) => return Done::Unknown { doubt, error },
    };
    match filed_after_lost_answer(
        &doubt.order_id,
        &list,
        &doubt.known,
        doubt.requested_at,
        &doubt.reason,
    ) {
        Some((dispute, outcome, unsent_reason)) => Done::Filed(Filed {
            dispute,
            outcome,
            unsent_reason,
        }),
        None => Done::NotFiled,
    }
}
