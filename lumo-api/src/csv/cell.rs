//! One CSV row as RFC 4180 writes it, made safe for spreadsheet programs; any export (orders
//! today, disputes later) builds its lines with [`csv_row`].
//!
//! Three rules, all unconditional:
//! - Every cell is quoted (`"..."`, an inner `"` doubled). Quoting only "when needed" (a `,`,
//!   quote or line break) is not enough: a spreadsheet set to a Russian locale splits on `;`, so
//!   an unquoted `ok;=HYPERLINK(...)` would become two cells, the second a formula.
//! - A cell whose text starts with `=`, `+`, `-`, `@`, tab or CR, which a spreadsheet would
//!   evaluate, gets a `'` in front inside the quotes, so it is shown as text. The rule is literal
//!   (OWASP's CSV-injection list): `-12.50` becomes `'-12.50` too, because telling a harmless
//!   number from `-2+3` or `-1+cmd|...` is exactly the guess an attacker exploits.
//! - The same `'` goes after every `;`, `,` or line break inside a cell that a formula
//!   character follows. Quoting alone does not protect a cell that is not first on its line:
//!   a reader splitting a `,` file on `;` (Excel in a Russian locale) honours quotes only at the
//!   start of what it takes for a cell, so past the first cell it is outside quotes, and the
//!   `;` in `"ok;=HYPERLINK(...)"` (or a line break) starts a cell of its own there.

/// The characters a spreadsheet treats as the start of a formula.
pub const FORMULA_STARTS: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// Where a reader that misjudges the separator or the quotes may start a new cell inside a
/// cell's text: see the module's third rule.
const CELL_BREAKS: [char; 4] = [';', ',', '\n', '\r'];

/// One cell: quoted, inner quotes doubled, and a `'` before text starting with one of
/// [`FORMULA_STARTS`], at the cell's start or after one of [`CELL_BREAKS`] inside it.
pub fn escape_cell(cell: &str) -> String {
    let mut out = String::with_capacity(cell.len() + 3);
    out.push('"');
    let mut may_start_a_cell = true;
    for ch in cell.chars() {
        if may_start_a_cell && FORMULA_STARTS.contains(&ch) {
            out.push('\'');
        }
        may_start_a_cell = CELL_BREAKS.contains(&ch);
        if ch == '"' {
            out.push('"');
        }
        out.push(ch);
    }
    out.push('"');
    out
}

/// How a file separates cells and writes decimals.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum CsvDialect {
    /// RFC 4180 with `,` and dot decimals: what programs read (the default in every language).
    #[default]
    Standard,
    /// `;` between cells and a decimal comma in amounts: what Excel set to a Russian locale
    /// opens as columns and numbers. Times stay ISO 8601, headers stay the wire names.
    ExcelSemicolon,
}

impl CsvDialect {
    pub fn separator(self) -> char {
        match self {
            CsvDialect::Standard => ',',
            CsvDialect::ExcelSemicolon => ';',
        }
    }

    /// An exact amount as this dialect writes it: `12447.87` or `12447,87`.
    pub fn amount(self, digits: String) -> String {
        match self {
            CsvDialect::Standard => digits,
            CsvDialect::ExcelSemicolon => digits.replace('.', ","),
        }
    }
}

/// One line: the cells escaped by [`escape_cell`], separated by `,`, ended by CRLF.
pub fn csv_row<I>(cells: I) -> String
where
    I: IntoIterator,
    I::Item: AsRef<str>,
{
    csv_row_in(CsvDialect::Standard, cells)
}

/// [`csv_row`] with the dialect's separator.
pub fn csv_row_in<I>(dialect: CsvDialect, cells: I) -> String
where
    I: IntoIterator,
    I::Item: AsRef<str>,
{
    let mut out = String::new();
    for (index, cell) in cells.into_iter().enumerate() {
        if index > 0 {
            out.push(dialect.separator());
        }
        out.push_str(&escape_cell(cell.as_ref()));
    }
    out.push_str("\r\n");
    out
}

#[cfg(test)]
pub(crate) mod test_support {
    //! A small RFC 4180 reader for the tests, with the delimiter as a parameter (`,` as written,
    //! `;` as a spreadsheet in a Russian locale reads the same file). Strict, like Excel: a
    //! quote starts quoted text only at the start of a cell; after the closing quote the rest
    //! up to the delimiter is taken literally. So a reader with the wrong delimiter is outside
    //! quotes past a line's first cell, which is what the third rule guards against.

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

    /// The cell as written, read back: a `'` before every formula character that starts the
    /// text or follows a `;`, `,` or line break is the only change.
    pub fn guarded(cell: &str) -> String {
        let mut out = String::new();
        let mut previous: Option<char> = None;
        for ch in cell.chars() {
            let after_break = previous.is_none_or(|p| matches!(p, ';' | ',' | '\n' | '\r'));
            if after_break && matches!(ch, '=' | '+' | '-' | '@' | '\t' | '\r') {
                out.push('\'');
            }
            out.push(ch);
            previous = Some(ch);
        }
        out
    }

    pub fn read(text: &str, delimiter: char) -> Vec<Vec<String>> {
        let mut rows = Vec::new();
        let mut row = Vec::new();
        let mut field = String::new();
        let mut in_quotes = false;
        let mut at_cell_start = true;
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
            let starting = std::mem::replace(&mut at_cell_start, false);
            match ch {
                '"' if starting => in_quotes = true,
                c if c == delimiter => {
                    row.push(std::mem::take(&mut field));
                    at_cell_start = true;
                }
                '\r' | '\n' => {
                    if ch == '\r' && chars.peek() == Some(&'\n') {
                        chars.next();
                    }
                    row.push(std::mem::take(&mut field));
                    rows.push(std::mem::take(&mut row));
                    at_cell_start = true;
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
    use super::test_support::{guarded as expected, read, HOSTILE};
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
    fn inside_a_cell_a_formula_after_a_separator_or_line_break_is_neutralised_too() {
        assert_eq!(
            escape_cell("ok;=HYPERLINK(\"x\")"),
            "\"ok;'=HYPERLINK(\"\"x\"\")\""
        );
        assert_eq!(escape_cell("a,+1"), "\"a,'+1\"");
        assert_eq!(escape_cell("line\r\n=2+2"), "\"line\r\n'=2+2\"");
        assert_eq!(escape_cell("a;\rb"), "\"a;'\rb\"");
        assert_eq!(escape_cell("a; =1"), "\"a; =1\"");
        assert_eq!(escape_cell("a;b"), "\"a;b\"");
    }

    /// A `,` file read by a program that splits on `;`: the columns come out wrong (that reader
    /// is wrong), but no cell it makes may be a formula, wherever the hostile text sits.
    #[test]
    fn a_semicolon_reader_finds_no_formula_anywhere() {
        let header = ["first", "second", "third"];
        let mut text = csv_row(header);
        for hostile in HOSTILE {
            text.push_str(&csv_row(["before", hostile, "after"]));
            text.push_str(&csv_row([*hostile, "x", *hostile]));
        }
        let rows = read(&text, ';');
        assert_eq!(rows[0], vec!["first,\"second\",\"third\"".to_string()]);
        for row in &rows {
            for cell in row {
                assert!(!starts_like_formula(cell), "{cell:?} in {row:?}");
            }
        }
        // The written text without the guard would be read as a formula: the test can fail.
        let unguarded = "\"before\",\"ok;=HYPERLINK(\"\"x\"\")\"\r\n";
        assert!(read(unguarded, ';')
            .iter()
            .flatten()
            .any(|cell| starts_like_formula(cell)));
    }
}
