//! CSV export of disputes: the list the disputes page shows (as filtered there), one line per
//! dispute, every cell through [`csv_row`] (quoted, formula-shaped text neutralised), exact
//! refund amounts and ISO 8601 UTC times, like the orders file.

use chrono::NaiveDate;

use crate::models::Dispute;
use crate::time::date_text;

use super::{csv_row_in, exact, file_name, iso, CsvDialect};

pub const DISPUTES_HEADER: &[&str] = &[
    "id",
    "orderId",
    "status",
    "reason",
    "resolution",
    "refundAmount",
    "resolvedBy",
    "adminComment",
    "createdAt",
    "resolvedAt",
];

/// The whole file, header first, one line per dispute in the given order, CRLF line ends.
pub fn disputes_csv<'a, I>(disputes: I) -> String
where
    I: IntoIterator<Item = &'a Dispute>,
{
    disputes_csv_in(CsvDialect::Standard, disputes)
}

/// [`disputes_csv`] in `dialect`.
pub fn disputes_csv_in<'a, I>(dialect: CsvDialect, disputes: I) -> String
where
    I: IntoIterator<Item = &'a Dispute>,
{
    let mut out = csv_row_in(dialect, DISPUTES_HEADER);
    for dispute in disputes {
        out.push_str(&csv_row_in(dialect, dispute_cells(dialect, dispute)));
    }
    out
}

/// The download's name: `lumo-disputes-2026-11-28.csv` (the date the file was made).
pub fn disputes_file_name(date: NaiveDate) -> String {
    format!("lumo-disputes-{}.csv", date_text(date))
}

/// [`disputes_file_name`] for `dialect` (`…-excel.csv` for the `;` file).
pub fn disputes_file_name_in(dialect: CsvDialect, date: NaiveDate) -> String {
    file_name("disputes", dialect, date)
}

/// Raw wire values (an unknown status or resolution as the server sent it), nothing reworded.
fn dispute_cells(dialect: CsvDialect, dispute: &Dispute) -> [String; 10] {
    let exact = |amount| dialect.amount(exact(amount));
    [
        dispute.id.clone(),
        dispute.order_id.clone(),
        dispute.status.as_wire().to_string(),
        dispute.reason.clone(),
        dispute
            .resolution
            .as_ref()
            .map(|r| r.as_wire().to_string())
            .unwrap_or_default(),
        dispute.refund_amount.map(exact).unwrap_or_default(),
        dispute.resolved_by.clone().unwrap_or_default(),
        dispute.admin_comment.clone().unwrap_or_default(),
        iso(&dispute.created_at),
        dispute.resolved_at.as_ref().map(iso).unwrap_or_default(),
    ]
}

#[cfg(test)]
mod tests {
    use std::str::FromStr;

    use chrono::{DateTime, Utc};
    use rust_decimal::Decimal;

    use super::super::cell::test_support::{guarded, read, HOSTILE};
    use super::super::FORMULA_STARTS;
    use super::*;
    use crate::models::{DisputeResolution, DisputeStatus};

    fn at(text: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(text)
            .unwrap()
            .with_timezone(&Utc)
    }

    fn dispute(id: &str) -> Dispute {
        Dispute {
            id: id.into(),
            order_id: "3b8f5a1e-2c4d-4e6f-8a9b-0c1d2e3f4a5b".into(),
            status: DisputeStatus::Submitted,
            resolution: None,
            reason: "Paid, nothing arrived.".into(),
            admin_comment: None,
            resolved_by: None,
            refund_amount: None,
            resolved_at: None,
            created_at: at("2026-11-24T10:00:00Z"),
            updated_at: at("2026-11-24T10:00:00Z"),
        }
    }

    #[test]
    fn header_then_one_line_per_dispute_with_empty_cells_for_what_is_not_there() {
        let csv = disputes_csv(&[dispute("d1")]);
        let rows = read(&csv, ',');
        assert_eq!(rows.len(), 2);
        assert_eq!(rows[0], DISPUTES_HEADER);
        assert_eq!(
            rows[1],
            [
                "d1",
                "3b8f5a1e-2c4d-4e6f-8a9b-0c1d2e3f4a5b",
                "submitted",
                "Paid, nothing arrived.",
                "",
                "",
                "",
                "",
                "2026-11-24T10:00:00Z",
                ""
            ]
        );
        // Every cell quoted, CRLF line ends, nothing after the last one.
        assert!(csv.starts_with("\"id\",\"orderId\",\"status\",\"reason\","));
        assert!(csv.ends_with("\"2026-11-24T10:00:00Z\",\"\"\r\n"));
        assert_eq!(csv.matches("\r\n").count(), 2);
        assert_eq!(
            disputes_csv(&[]),
            "\"id\",\"orderId\",\"status\",\"reason\",\"resolution\",\"refundAmount\",\
             \"resolvedBy\",\"adminComment\",\"createdAt\",\"resolvedAt\"\r\n"
        );
    }

    #[test]
    fn refund_amounts_keep_every_digit_and_times_are_utc_with_their_fraction() {
        let mut d = dispute("d2");
        d.status = DisputeStatus::Resolved;
        d.resolution = Some(DisputeResolution::PartialRefund);
        d.refund_amount = Some(Decimal::from_str("26.315000").unwrap());
        d.resolved_by = Some("support@lumo".into());
        d.admin_comment = Some("Half refunded.".into());
        d.created_at = at("2026-11-24T13:05:00.250+03:00");
        d.resolved_at = Some(at("2026-11-25T09:00:00.000001Z"));
        let mut big = dispute("d3");
        big.status = DisputeStatus::Unknown("escalated".into());
        big.resolution = Some(DisputeResolution::Unknown("goodwill".into()));
        big.refund_amount = Some(Decimal::MAX);
        let mut tiny = dispute("d4");
        tiny.refund_amount = Some(Decimal::from_str("0.000001").unwrap());
        let rows = read(&disputes_csv(&[d, big, tiny]), ',');
        assert_eq!(
            rows[1],
            [
                "d2",
                "3b8f5a1e-2c4d-4e6f-8a9b-0c1d2e3f4a5b",
                "resolved",
                "Paid, nothing arrived.",
                "partial_refund",
                "26.315000",
                "support@lumo",
                "Half refunded.",
                "2026-11-24T10:05:00.250Z",
                "2026-11-25T09:00:00.000001Z"
            ]
        );
        // Raw values a newer server sends come out as they came.
        assert_eq!(
            (&rows[2][2], &rows[2][4], &rows[2][5]),
            (
                &"escalated".to_string(),
                &"goodwill".to_string(),
                &"79228162514264337593543950335".to_string()
            )
        );
        assert_eq!(rows[3][5], "0.000001");
    }

    #[test]
    fn a_negative_refund_is_guarded_like_any_cell_starting_with_minus() {
        let mut d = dispute("d5");
        d.refund_amount = Some(Decimal::from_str("-12.50").unwrap());
        assert_eq!(read(&disputes_csv(&[d]), ',')[1][5], "'-12.50");
    }

    #[test]
    fn hostile_text_in_any_text_column_stays_one_inert_cell_for_comma_and_semicolon_readers() {
        let disputes: Vec<Dispute> = HOSTILE
            .iter()
            .map(|hostile| {
                let mut d = dispute(hostile);
                d.order_id = hostile.to_string();
                d.reason = hostile.to_string();
                d.resolved_by = Some(hostile.to_string());
                d.admin_comment = Some(hostile.to_string());
                d.status = DisputeStatus::Unknown(hostile.to_string());
                d.resolution = Some(DisputeResolution::Unknown(hostile.to_string()));
                d
            })
            .collect();
        let csv = disputes_csv(&disputes);
        let by_comma = read(&csv, ',');
        assert_eq!(by_comma.len(), 1 + disputes.len());
        for (row, hostile) in by_comma[1..].iter().zip(HOSTILE) {
            assert_eq!(row.len(), DISPUTES_HEADER.len(), "{hostile:?}: {row:?}");
            let guarded = guarded(hostile);
            for column in [0, 1, 2, 3, 4, 6, 7] {
                assert_eq!(row[column], guarded, "{hostile:?} in column {column}");
            }
        }
        // The reason the e2e test types, exactly.
        let typed = "ok;=HYPERLINK(\"http://x\",\"y\")";
        let mut d = dispute("d6");
        d.reason = typed.into();
        let line = disputes_csv(&[d]);
        assert!(line.contains("\"ok;'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\""));
        // A reader splitting on `;` gets the columns wrong, but no formula anywhere.
        let by_semicolon = read(&csv, ';');
        for (reader, rows) in [(',', &by_comma), (';', &by_semicolon)] {
            for row in rows.iter() {
                for cell in row {
                    assert!(!cell.starts_with(FORMULA_STARTS), "{reader:?}: {cell:?}");
                }
            }
        }
    }

    #[test]
    fn the_file_name_has_the_date() {
        let date = NaiveDate::from_ymd_opt(2026, 11, 28).unwrap();
        assert_eq!(disputes_file_name(date), "lumo-disputes-2026-11-28.csv");
    }
}
