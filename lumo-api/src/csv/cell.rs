//! One CSV row as RFC 4180 writes it, made safe for spreadsheet programs; any export (orders
//! today, disputes later) builds its lines with [`csv_row`].
//!
//! Two rules, both unconditional:
//! - Every cell is quoted (`"..."`, an inner `"` doubled). Quoting only "when needed" (a `,`,
//!   quote or line break) is not enough: a spreadsheet set to a Russian locale splits on `;`, so
//!   an unquoted `ok;=HYPERLINK(...)` would become two cells, the second a formula. Inside
//!   quotes a `;` (or `,`, tab, line break) is text for any reader that honours quotes.
//! - A cell whose text starts with `=`, `+`, `-`, `@`, tab or CR, which a spreadsheet would
//!   evaluate, gets a `'` in front inside the quotes, so it is shown as text. The rule is literal
//!   (OWASP's CSV-injection list): `-12.50` becomes `'-12.50` too, because telling a harmless
//!   number from `-2+3` or `-1+cmd|...` is exactly the guess an attacker exploits.

/// The characters a spreadsheet treats as the start of a formula.
pub const FORMULA_STARTS: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// One cell: quoted, inner quotes doubled, and a `'` before text starting with one of
/// [`FORMULA_STARTS`].
pub fn escape_cell(cell: &str) -> String {
    let mut out = String::with_capacity(cell.len() + 3);
    out.push('"');
    if cell.starts_with(FORMULA_STARTS) {
        out.push('\'');
    }
    for ch in cell.chars() {
        if ch == '"' {
            out.push('"');
        }
        out.push(ch);
    }
    out.push('"');
    out
}

/// One line: the cells escaped by [`escape_cell`], separated by `,`, ended by CRLF.
pub fn csv_row<I>(cells: I) -> String
where
    I: IntoIterator,
    I::Item: AsRef<str>,
{
    let mut out = String::new();
    for (index, cell) in cells.into_iter().enumerate() {
        if index > 0 {
            out.push(',');
        }
        out.push_str(&escape_cell(cell.as_ref()));
    }
    out.push_str("\r\n");
    out
}

#[cfg(test)]
pub(crate) mod test_support {
    //! A small RFC 4180 reader for the tests, with the delimiter as a parameter (`,` as written,
    //! `;` as a spreadsheet in a Russian locale reads the same file). Like such programs it is
    //! lenient: a quote anywhere in a field starts quoted text, so what a writer quoted stays
    //! together whatever the delimiter.

    /// Strings that must come back as one cell each, never as a formula.
    pub const HOSTILE: &[&str] = &[
        "ok;=HYPERLINK(\"http://x\",\"y\")",
        "=HYPERLINK(\"http://x\",\"y\")",
        "=1+1",
        "+1",
        "-1",
        "-12.50",
        "@SUM(A1)",
        "\tx",
        "\rx",
        "\r\n=1+1",
        "line one\nline two",
        "line one\r\n=2+2",
        "say \"hi\"",
        "\"",
        "\"\"",
        "a,b",
        "a;b",
        ";=1+1",
        ",=1+1",
        "",
        "plain",
        "Тинькофф; ООО «Ромашка»",
    ];

    pub fn read(text: &str, delimiter: char) -> Vec<Vec<String>> {
        let mut rows = Vec::new();
        let mut row = Vec::new();
        let mut field = String::new();
        let mut in_quotes = false;
        let mut chars = text.chars().peekable();
        while let Some(ch) = chars.next() {
            if in_quotes {
                match ch {
                    '"' if chars.peek() == Some(&'"') => {
                        chars.next();
                        field.push('"');
                    }
                    '"' => in_quotes = false,
                    other => field.push(other),
                }
                continue;
            }
            match ch {
                '"' => in_quotes = true,
                c if c == delimiter => row.push(std::mem::take(&mut field)),
                '\r' | '\n' => {
                    if ch == '\r' && chars.peek() == Some(&'\n') {
                        chars.next();
                    }
                    row.push(std::mem::take(&mut field));
                    rows.push(std::mem::take(&mut row));
                }
                other => field.push(other),
            }
        }
        if !field.is_empty() || !row.is_empty() {
            row.push(field);
            rows.push(row);
        }
        rows
    }
}

#[cfg(test)]
mod tests {
    use super::test_support::{read, HOSTILE};
    use super::*;

    fn starts_like_formula(cell: &str) -> bool {
        cell.starts_with(FORMULA_STARTS)
    }

    #[test]
    fn every_cell_is_quoted_and_formulas_are_neutralised() {
        assert_eq!(escape_cell("plain"), "\"plain\"");
        assert_eq!(escape_cell(""), "\"\"");
        assert_eq!(
            escape_cell("=HYPERLINK(\"x\")"),
            "\"'=HYPERLINK(\"\"x\"\")\""
        );
        assert_eq!(escape_cell("@SUM(A1)"), "\"'@SUM(A1)\"");
        // Literal rule: a negative number is neutralised too (it could be `-2+3`).
        assert_eq!(escape_cell("-12.50"), "\"'-12.50\"");
        assert_eq!(escape_cell("+7 999"), "\"'+7 999\"");
        assert_eq!(escape_cell("\tx"), "\"'\tx\"");
        assert_eq!(escape_cell("\rx"), "\"'\rx\"");
        // Only the start counts: a formula character later is text already.
        assert_eq!(escape_cell("a=1"), "\"a=1\"");
        assert_eq!(escape_cell(" =1"), "\" =1\"");
        assert_eq!(csv_row(["a", "b\"c"]), "\"a\",\"b\"\"c\"\r\n");
        assert_eq!(csv_row(Vec::<String>::new()), "\r\n");
    }

    /// The cell as written, read back: the `'` guard is the only change.
    fn expected(cell: &str) -> String {
        if starts_like_formula(cell) {
            format!("'{cell}")
        } else {
            cell.to_string()
        }
    }

    #[test]
    fn a_comma_reader_gets_every_hostile_string_back_as_one_cell() {
        let header = ["first", "second", "third"];
        let mut text = csv_row(header);
        for hostile in HOSTILE {
            text.push_str(&csv_row(["before", hostile, "after"]));
            text.push_str(&csv_row([*hostile, "x", *hostile]));
        }
        let rows = read(&text, ',');
        assert_eq!(rows.len(), 1 + 2 * HOSTILE.len());
        for (index, hostile) in HOSTILE.iter().enumerate() {
            let middle = &rows[1 + 2 * index];
            let ends = &rows[2 + 2 * index];
            assert_eq!(
                middle,
                &["before".to_string(), expected(hostile), "after".into()]
            );
            assert_eq!(ends, &[expected(hostile), "x".into(), expected(hostile)]);
        }
        for row in &rows {
            assert_eq!(row.len(), header.len(), "{row:?}");
            for cell in row {
                assert!(!starts_like_formula(cell), "{cell:?} in {row:?}");
            }
        }
    }

    #[test]
    fn a_semicolon_reader_keeps_each_row_whole() {
        let header = ["first", "second", "third"];
        let mut text = csv_row(header);
        for hostile in HOSTILE {
            text.push_str(&csv_row([*hostile, "x", *hostile]));
        }
        let rows = read(&text, ';');
        // The header has no `;`: one column. Every row must have one too, so no `;` inside a
        // value started a cell of its own (where `=HYPERLINK` would be a formula).
        assert_eq!(rows.len(), 1 + HOSTILE.len());
        assert_eq!(rows[0], vec!["first,second,third".to_string()]);
        for (row, hostile) in rows[1..].iter().zip(HOSTILE) {
            assert_eq!(row.len(), 1, "{hostile:?} split into {row:?}");
            let cell = &row[0];
            assert_eq!(
                cell,
                &format!("{},x,{}", expected(hostile), expected(hostile))
            );
            assert!(!starts_like_formula(cell), "{cell:?}");
        }
    }
}
