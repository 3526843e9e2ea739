//! Dates: arbitrary instants, the calendar's two ends included, through every function that
//! takes or computes a time: no panic, and the text ones read back what they wrote.

use chrono::{DateTime, Datelike, Duration, Timelike, Utc};
use lumo_api::errors::retry_after_seconds;
use lumo_api::models::{Dispute, Order, Quote, UserWallet};
use lumo_api::rules::orders::{dispute_outcome_at, open_age};
use lumo_api::rules::quotes::countdown::{
    announcement, announcement_between, client_deadline, client_seconds_left, urgency,
};
use lumo_api::rules::quotes::{can_accept, countdown_label, is_expired, seconds_left};
use lumo_api::rules::rates::{age_label, rate_age_seconds, refresh_due};
use lumo_api::rules::timeline::{dispute_steps, order_steps};
use lumo_api::rules::user_wallets::creation;
use lumo_api::time::{
    date_text, date_time_text, parse_http_date, parse_rfc3339, rfc3339_utc, time_text,
};
use proptest::prelude::*;

use crate::support::{any_instant, config, DISPUTE, ORDER, QUOTE, USER_WALLETS};

/// `Sun, 06 Nov 1994 08:49:37 GMT` (years 1..=9999 only: the format has four digits).
fn imf_fixdate(t: DateTime<Utc>) -> String {
    const DAYS: [&str; 7] = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
    const MONTHS: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    let time = t.time();
    format!(
        "{}, {:02} {} {:04} {}",
        DAYS[t.weekday().num_days_from_monday() as usize],
        t.day(),
        MONTHS[t.month0() as usize],
        t.year(),
        time_text(time),
    ) + " GMT"
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn rfc3339_text_reads_back_the_same_instant(t in any_instant()) {
        prop_assert_eq!(parse_rfc3339(&rfc3339_utc(&t, true)), Some(t));
        let seconds_only = rfc3339_utc(&t, false);
        prop_assert_eq!(
            parse_rfc3339(&seconds_only).map(|p| p.timestamp()),
            Some(t.timestamp())
        );
        let naive = t.naive_utc();
        let _ = (date_text(naive.date()), date_time_text(naive, true), date_time_text(naive, false), time_text(naive.time()));
    }

    #[test]
    fn quote_and_countdown_rules_take_any_times(
        expires in any_instant(),
        sent in any_instant(),
        received in any_instant(),
        now in any_instant(),
        ttl in prop_oneof![any::<i64>(), -100_i64..100],
        previous in any::<i64>(),
        current in prop_oneof![any::<i64>(), -40_i64..40],
    ) {
        let left = seconds_left(expires, now);
        prop_assert!(left >= 0);
        let _ = (countdown_label(left), countdown_label(previous), urgency(left), announcement(previous));
        let deadline = client_deadline(expires, sent, received, ttl);
        // The deadline is the server's or the early end of the window, never anything else.
        let earliest = sent.min(received);
        prop_assert!(deadline == expires || deadline >= earliest, "{deadline} {expires} {earliest}");
        let _ = client_seconds_left(deadline, now);
        // Any jump of the clock: terminates at once and says at most one thing.
        let _ = announcement_between(previous, current);
        let mut quote: Quote = serde_json::from_str(QUOTE).unwrap();
        quote.expires_at = expires;
        prop_assert_eq!(is_expired(&quote, now), now >= expires);
        let _ = can_accept(&quote, now);
    }

    #[test]
    fn rate_order_and_wallet_rules_take_any_times(
        a in any_instant(),
        b in any_instant(),
        c in any_instant(),
    ) {
        let age = rate_age_seconds(Some(a), b, c);
        prop_assert!(age >= 0);
        let _ = (age_label(age), rate_age_seconds(None, b, c), refresh_due(Some(a), b), refresh_due(None, b));
        prop_assert!(open_age(a, b).starts_with("open "));
        let mut order: Order = serde_json::from_str(ORDER).unwrap();
        order.created_at = a;
        order.payment_until = Some(b);
        order.updated_at = Some(c);
        let mut dispute: Dispute = serde_json::from_str(DISPUTE).unwrap();
        dispute.created_at = a;
        dispute.updated_at = b;
        dispute.resolved_at = Some(c);
        let _ = (order_steps(&order, Some(&dispute), c), order_steps(&order, None, a), dispute_steps(&dispute));
        let _ = dispute_outcome_at(201, &dispute, &[], b);
        let mut wallets: Vec<UserWallet> = serde_json::from_str(USER_WALLETS).unwrap();
        wallets[0].created_at = a;
        let _ = (creation(&wallets[0], None, b), creation(&wallets[0], Some(true), b));
    }

    #[test]
    fn retry_after_dates_wait_until_the_date(
        date in any_instant(),
        now in any_instant(),
    ) {
        let whole = date.with_nanosecond(0).unwrap_or(date);
        if (1..=9999).contains(&whole.year()) {
            let text = imf_fixdate(whole);
            prop_assert_eq!(parse_http_date(&text, now), Some(whole));
            let wait = whole.signed_duration_since(now);
            let expected = if wait <= Duration::zero() {
                0
            } else {
                let up = wait.num_seconds() + i64::from(wait.subsec_nanos() > 0);
                u32::try_from(up).unwrap_or(u32::MAX)
            };
            prop_assert_eq!(retry_after_seconds(&text, now), Some(expected));
        }
        let _ = retry_after_seconds(&rfc3339_utc(&date, true), now);
    }
}
