//! Rules behind the wallet, user-wallet, new-order pages and the rate ticker.

use chrono::{DateTime, Duration, NaiveDate, Utc};
use lumo_api::models::{Currency, DepositStatus, UserWallet};
use lumo_api::requests::Page;
use lumo_api::rules::amounts::OutOfRange;
use lumo_api::rules::deposits::*;
use lumo_api::rules::money::{format_amount, format_total, usdt_for_rub, NBSP};
use lumo_api::rules::quotes::countdown::*;
use lumo_api::rules::quotes::idempotency::*;
use lumo_api::rules::rates::*;
use lumo_api::rules::user_wallets::*;
use rust_decimal::Decimal;

fn at(s: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
}

fn dec(s: &str) -> Decimal {
    s.parse().unwrap()
}

fn line(time: &str, amount: &str, currency: Currency) -> DepositLine {
    DepositLine {
        id: time.into(),
        tx_hash: "ab".repeat(32),
        amount: dec(amount),
        currency,
        status: DepositStatus::Confirmed,
        created_at: at(time),
        confirmed_at: None,
        from_address: None,
        to_address: None,
    }
}

fn utc_day(t: DateTime<Utc>) -> NaiveDate {
    t.date_naive()
}

// ---- deposits per day ----

#[test]
fn binning_fills_empty_days_and_sums_per_currency() {
    let deposits = vec![
        line("2026-11-24T23:59:59Z", "0.1", Currency::Usdt),
        line("2026-11-24T00:00:00Z", "0.2", Currency::Usdt),
        line("2026-11-21T12:00:00Z", "35.5", Currency::Trx),
        line("2026-11-21T13:00:00Z", "1000", Currency::Usdt),
    ];
    let series = deposits_per_day(&deposits, utc_day);
    let days: Vec<String> = series.bins.iter().map(|b| b.date.to_string()).collect();
    assert_eq!(
        days,
        ["2026-11-21", "2026-11-22", "2026-11-23", "2026-11-24"]
    );
    let counts: Vec<u32> = series.bins.iter().map(|b| b.count).collect();
    assert_eq!(counts, [2, 0, 0, 2]);
    // Exact decimal sums: 0.1 + 0.2 is 0.3, not 0.30000000000000004.
    assert_eq!(series.bins[3].totals["USDT"], Ok(dec("0.3")));
    assert_eq!(series.bins[0].totals["TRX"], Ok(dec("35.5")));
    assert_eq!(series.totals()["USDT"], Ok(dec("1000.3")));
    assert_eq!(series.total_count(), 4);
    assert_eq!(series.max_count(), 2);
    assert_eq!(series.left_out, 0);
}

#[test]
fn sums_beyond_decimal_are_out_of_range_not_a_panic() {
    let max = Decimal::MAX.to_string();
    let deposits = vec![
        line("2026-11-24T10:00:00Z", &max, Currency::Usdt),
        line("2026-11-24T11:00:00Z", "0.5", Currency::Usdt),
        line("2026-11-23T11:00:00Z", &max, Currency::Trx),
        line("2026-11-24T12:00:00Z", "1", Currency::Trx),
    ];
    let series = deposits_per_day(&deposits, utc_day);
    // MAX + 0.5 rounds to MAX + 1 within Decimal's 28 digits, which does not fit.
    assert_eq!(series.bins[1].totals["USDT"], Err(OutOfRange));
    assert_eq!(series.bins[1].totals["TRX"], Ok(Decimal::ONE));
    assert_eq!(series.bins[0].totals["TRX"], Ok(Decimal::MAX));
    assert_eq!(series.totals()["TRX"], Err(OutOfRange));
    assert!(
        series
            .summary()
            .ends_with("in total TRX: too large to show and USDT: too large to show."),
        "{}",
        series.summary()
    );
    // Each day's text still shows what fits.
    assert_eq!(
        format_total(series.bins[0].totals["TRX"], "TRX"),
        format_amount(Decimal::MAX, "TRX")
    );
}

#[test]
fn binning_at_the_ends_of_the_calendar_does_not_panic() {
    let deposits = vec![
        line("2026-11-24T10:00:00Z", "1", Currency::Usdt),
        line("2026-11-24T10:00:00Z", "1", Currency::Usdt),
    ];
    let first_day = deposits_per_day(&deposits, |_| NaiveDate::MIN);
    assert_eq!(first_day.bins.len(), 1);
    assert_eq!(first_day.bins[0].date, NaiveDate::MIN);
    let last_day = deposits_per_day(&deposits, |_| NaiveDate::MAX);
    assert_eq!((last_day.bins.len(), last_day.total_count()), (1, 2));
    // Both ends at once: the most recent 366 days are kept, the rest counted as left out.
    let apart = vec![
        line("2026-11-24T10:00:00Z", "1", Currency::Usdt),
        line("2026-11-25T10:00:00Z", "1", Currency::Usdt),
    ];
    let ends = |t: DateTime<Utc>| {
        if t < at("2026-11-25T00:00:00Z") {
            NaiveDate::MIN
        } else {
            NaiveDate::MAX
        }
    };
    let both = deposits_per_day(&apart, ends);
    assert_eq!((both.bins.len() as i64, both.left_out), (MAX_CHART_DAYS, 1));
}

#[test]
fn binning_uses_the_readers_day() {
    // 23:30 UTC is already the next day in Moscow (UTC+3).
    let deposits = vec![line("2026-11-24T23:30:00Z", "5", Currency::Usdt)];
    let moscow = chrono::FixedOffset::east_opt(3 * 3600).unwrap();
    let series = deposits_per_day(&deposits, |t| t.with_timezone(&moscow).date_naive());
    assert_eq!(series.bins[0].date.to_string(), "2026-11-25");
}

#[test]
fn binning_of_nothing_is_empty() {
    let series = deposits_per_day(&[], utc_day);
    assert!(series.bins.is_empty());
    assert_eq!(series.summary(), "No deposits in the shown period.");
    assert!(series.bars(100.0, 40.0).is_empty());
}

#[test]
fn binning_keeps_the_most_recent_days_of_a_long_span() {
    let deposits = vec![
        line("2020-01-01T00:00:00Z", "1", Currency::Usdt),
        line("2026-11-24T00:00:00Z", "1", Currency::Usdt),
    ];
    let series = deposits_per_day(&deposits, utc_day);
    assert_eq!(series.bins.len() as i64, MAX_CHART_DAYS);
    assert_eq!(series.left_out, 1);
    assert_eq!(series.total_count(), 1);
}

#[test]
fn summary_names_the_period_the_busiest_day_and_the_totals() {
    let deposits = vec![
        line("2026-11-24T10:00:00Z", "12500.5", Currency::Usdt),
        line("2026-11-22T10:00:00Z", "0.25", Currency::Usdt),
        line("2026-11-22T11:00:00Z", "10", Currency::Trx),
    ];
    let series = deposits_per_day(&deposits, utc_day);
    assert_eq!(
        series.summary(),
        format!(
            "3 deposits over 3 days, from 2026-11-22 to 2026-11-24; the busiest day was 2026-11-22 \
             with 2 deposits; in total 10.00{NBSP}TRX and 12{NBSP}500.75{NBSP}USDT."
        )
    );
    let one = deposits_per_day(&deposits[..1], utc_day);
    assert!(one
        .summary()
        .starts_with("1 deposit over 1 day, from 2026-11-24 to 2026-11-24"));
}

#[test]
fn bars_are_proportional_and_skip_empty_days() {
    let deposits = vec![
        line("2026-11-21T10:00:00Z", "1", Currency::Usdt),
        line("2026-11-24T10:00:00Z", "1", Currency::Usdt),
        line("2026-11-24T11:00:00Z", "1", Currency::Usdt),
    ];
    let series = deposits_per_day(&deposits, utc_day);
    let bars = series.bars(400.0, 100.0);
    assert_eq!(bars.len(), 2);
    assert_eq!(bars[0].index, 0);
    assert_eq!(bars[1].index, 3);
    assert_eq!(bars[1].height, 100.0);
    assert_eq!(bars[1].y, 0.0);
    assert_eq!(bars[0].height, 50.0);
    assert_eq!(bars[0].y, 50.0);
    // 4 slots of 100 units with a 1-unit gap.
    assert_eq!(bars[1].x, 300.5);
    assert_eq!(bars[1].width, 99.0);
}

// ---- paging, table text ----

fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
    list.iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect()
}

#[test]
fn offset_paging_reads_and_writes_the_apis_parameters() {
    let paging = OffsetPaging::from_query(&pairs(&[("limit", "50"), ("offset", "100")]));
    assert_eq!(paging.page, Page::new(50, 100));
    assert!(paging.ignored.is_empty());
    assert_eq!(
        OffsetPaging::query_for(paging.page.next()),
        vec![("limit", "50".to_string()), ("offset", "150".to_string())]
    );
    assert!(OffsetPaging::query_for(Page::default()).is_empty());

    let bad = OffsetPaging::from_query(&pairs(&[("limit", "0"), ("offset", "-3")]));
    assert_eq!(bad.page, Page::default());
    assert_eq!(bad.ignored, vec!["limit=0", "offset=-3"]);
    let too_big = OffsetPaging::from_query(&pairs(&[("limit", "1000")]));
    assert_eq!(too_big.page.limit, 20);
}

#[test]
fn page_info_follows_the_short_page_rule() {
    let full = PageInfo {
        page: Page::new(20, 20),
        count: 20,
    };
    assert!(full.has_previous());
    assert!(full.has_next());
    assert_eq!(full.range_label(), "Showing 21–40");
    let last = PageInfo {
        page: Page::new(20, 0),
        count: 7,
    };
    assert!(!last.has_previous());
    assert!(!last.has_next());
    assert_eq!(last.range_label(), "Showing 1–7");
    let empty = PageInfo {
        page: Page::new(20, 40),
        count: 0,
    };
    assert!(!empty.has_next());
    assert_eq!(empty.range_label(), "No items on this page");
}

#[test]
fn transaction_ids_are_shortened_in_the_middle() {
    let tx = "4f1e2d3c4b5a69788796a5b4c3d2e1f00f1e2d3c4b5a69788796a5b4c3d2e1f0";
    assert_eq!(shorten_middle(tx, 8), "4f1e2d3c…c3d2e1f0");
    assert_eq!(shorten_middle("short", 8), "short");
    assert_eq!(shorten_middle("12345678X12345678", 8), "12345678X12345678");
    assert_eq!(shorten_middle("Пример-длинного-текста", 3), "При…ста");
}

// ---- money shown on these pages ----

#[test]
fn balances_and_amounts_keep_their_exact_decimals() {
    assert_eq!(
        format_amount(dec("12447.87"), "USDT"),
        format!("12{NBSP}447.87{NBSP}USDT")
    );
    assert_eq!(
        format_amount(dec("0.000001"), "TRX"),
        format!("0.000001{NBSP}TRX")
    );
    assert_eq!(format_amount(dec("35.2"), "TRX"), format!("35.20{NBSP}TRX"));
    // available = usdt - frozen, exactly.
    assert_eq!(dec("12500.5") - dec("52.63"), dec("12447.87"));
    // The quote's USDT for 5,000.00 RUB at 95.95.
    assert_eq!(
        usdt_for_rub(dec("5000.00"), dec("95.95")),
        Some(dec("52.11"))
    );
}

// ---- countdown ----

#[test]
fn deadline_uses_expires_at_when_the_clocks_agree() {
    let sent = at("2026-11-24T10:00:00Z");
    let received = sent + Duration::milliseconds(400);
    let expires = at("2026-11-24T10:00:30.200Z");
    assert_eq!(
        client_deadline(expires, sent, received, QUOTE_TTL_SECONDS),
        expires
    );
}

#[test]
fn deadline_falls_back_to_the_send_time_when_the_clocks_disagree() {
    let sent = at("2026-11-24T10:00:00Z");
    let received = sent + Duration::milliseconds(400);
    let early = sent + Duration::seconds(30);
    // The browser's clock is 5 minutes ahead: the server's expiresAt looks long past.
    let behind = at("2026-11-24T09:55:30Z");
    assert_eq!(client_deadline(behind, sent, received, 30), early);
    // The browser's clock is 5 minutes behind: expiresAt looks 5.5 minutes away.
    let ahead = at("2026-11-24T10:05:30Z");
    assert_eq!(client_deadline(ahead, sent, received, 30), early);
    // Swapped times do not panic.
    assert_eq!(client_deadline(ahead, received, sent, 30), early);
}

#[test]
fn seconds_left_and_urgency() {
    let deadline = at("2026-11-24T10:00:30Z");
    assert_eq!(
        client_seconds_left(deadline, at("2026-11-24T10:00:00Z")),
        30
    );
    assert_eq!(
        client_seconds_left(deadline, at("2026-11-24T10:00:29.5Z")),
        0
    );
    assert_eq!(client_seconds_left(deadline, at("2026-11-24T10:01:00Z")), 0);
    assert_eq!(urgency(30), Urgency::Calm);
    assert_eq!(urgency(11), Urgency::Calm);
    assert_eq!(urgency(10), Urgency::Hurry);
    assert_eq!(urgency(1), Urgency::Hurry);
    assert_eq!(urgency(0), Urgency::Expired);
}

#[test]
fn announcements_at_sensible_points() {
    let spoken: Vec<i64> = (0..=30)
        .rev()
        .filter(|s| announcement(*s).is_some())
        .collect();
    assert_eq!(spoken, vec![20, 10, 5, 0]);
    assert_eq!(announcement(20), Some(Announcement::SecondsLeft(20)));
    assert_eq!(announcement(10), Some(Announcement::SecondsLeft(10)));
    assert_eq!(announcement(5), Some(Announcement::SecondsLeft(5)));
    assert_eq!(announcement(0), Some(Announcement::Expired));
    assert_eq!(announcement(-4), Some(Announcement::Expired));
    // A timer that skipped from 12 to 9 still announces the 10.
    assert_eq!(
        announcement_between(12, 9),
        Some(Announcement::SecondsLeft(10))
    );
    assert_eq!(announcement_between(7, 6), None);
    assert_eq!(announcement_between(6, 6), None);
    assert_eq!(announcement_between(3, -2), Some(Announcement::Expired));
    assert_eq!(announcement_between(30, 29), None);
}

// ---- idempotency ----

#[test]
fn idempotency_keys_are_v4_uuids() {
    let key = uuid_v4_from_bytes([0xff; 16]);
    assert_eq!(key, "ffffffff-ffff-4fff-bfff-ffffffffffff");
    let key = uuid_v4_from_bytes([0; 16]);
    assert_eq!(key, "00000000-0000-4000-8000-000000000000");
    assert_eq!(key.len(), 36);
}

#[test]
fn one_key_per_quote() {
    let mut keys = AcceptKey::default();
    let mut made = 0;
    let mut make = || {
        made += 1;
        format!("key-{made}")
    };
    let first = keys.for_quote("q1", &mut make);
    let again = keys.for_quote("q1", &mut make);
    let other = keys.for_quote("q2", &mut make);
    assert_eq!(first, "key-1");
    assert_eq!(again, "key-1");
    assert_eq!(other, "key-2");
}

// ---- user wallets ----

fn wallet(id: &str, created: &str, blocked: bool, reason: Option<&str>) -> UserWallet {
    UserWallet {
        id: id.into(),
        company_id: "c".into(),
        external_id: "user-42".into(),
        address: "TQn9Y2khEsLJW1ChVWFMSMeRDow5KcbLSE".into(),
        is_blocked: blocked,
        block_reason: reason.map(str::to_string),
        last_usdt_balance: Decimal::ZERO,
        last_trx_balance: Decimal::ZERO,
        created_at: at(created),
    }
}

#[test]
fn new_or_existing_after_create() {
    let requested = at("2026-11-24T10:00:00Z");
    let fresh = wallet("w", "2026-11-24T10:00:01Z", false, None);
    let old = wallet("w", "2026-10-01T12:00:00Z", false, None);
    // A lookup answer decides.
    assert_eq!(creation(&fresh, Some(true), requested), Creation::Existing);
    assert_eq!(creation(&old, Some(false), requested), Creation::New);
    // Without one, createdAt against the request time, with tolerance for clock skew.
    assert_eq!(creation(&fresh, None, requested), Creation::New);
    assert_eq!(creation(&old, None, requested), Creation::Existing);
    let skewed = wallet("w", "2026-11-24T09:59:00Z", false, None);
    assert_eq!(creation(&skewed, None, requested), Creation::New);
}

#[test]
fn the_current_wallet_is_the_newest() {
    let wallets = vec![
        wallet("new", "2026-11-20T00:00:00Z", false, None),
        wallet("old", "2026-10-01T00:00:00Z", true, Some("replaced")),
    ];
    assert_eq!(current_wallet(&wallets).unwrap().id, "new");
    let previous: Vec<&str> = previous_wallets(&wallets)
        .iter()
        .map(|w| w.id.as_str())
        .collect();
    assert_eq!(previous, vec!["old"]);
    assert!(current_wallet(&[]).is_none());
    assert_eq!(
        block_reason_text(&wallets[1]).unwrap(),
        "Replaced by a new wallet"
    );
    assert_eq!(block_reason_text(&wallets[0]), None);
    let aml = wallet("a", "2026-10-01T00:00:00Z", true, Some("AML investigation"));
    assert_eq!(block_reason_text(&aml).unwrap(), "AML investigation");
    let silent = wallet("s", "2026-10-01T00:00:00Z", true, None);
    assert_eq!(block_reason_text(&silent).unwrap(), "No reason given");
}

// ---- rate age ----

#[test]
fn rate_age_from_updated_at_or_the_fetch() {
    let fetched = at("2026-11-24T10:00:10Z");
    let now = at("2026-11-24T10:00:15Z");
    assert_eq!(
        rate_age_seconds(Some(at("2026-11-24T10:00:03Z")), fetched, now),
        12
    );
    assert_eq!(rate_age_seconds(None, fetched, now), 5);
    // Server clock ahead (updatedAt after the fetch) or far behind: counted from the fetch.
    assert_eq!(
        rate_age_seconds(Some(at("2026-11-24T10:01:00Z")), fetched, now),
        5
    );
    assert_eq!(
        rate_age_seconds(Some(at("2026-11-24T08:00:00Z")), fetched, now),
        5
    );
    assert_eq!(age_label(0), RateAge::JustNow);
    assert_eq!(age_label(4), RateAge::JustNow);
    assert_eq!(age_label(5), RateAge::Seconds(5));
    assert_eq!(age_label(12), RateAge::Seconds(12));
    assert_eq!(age_label(59), RateAge::Seconds(59));
    assert_eq!(age_label(60), RateAge::Minutes(1));
    assert_eq!(age_label(185), RateAge::Minutes(3));
    assert_eq!(age_label(3599), RateAge::Minutes(59));
    assert_eq!(age_label(3600), RateAge::Hours(1));
    assert_eq!(age_label(7300), RateAge::Hours(2));
    assert_eq!(age_label(0).to_string(), "updated just now");
    assert_eq!(age_label(12).to_string(), "updated 12 s ago");
    assert_eq!(age_label(185).to_string(), "updated 3 min ago");
    assert_eq!(age_label(7300).to_string(), "updated 2 h ago");
    assert!(!is_stale(60));
    assert!(is_stale(61));
    assert!(refresh_due(None, now));
    assert!(!refresh_due(Some(at("2026-11-24T10:00:01Z")), now));
    assert!(refresh_due(Some(at("2026-11-24T10:00:00Z")), now));
}
