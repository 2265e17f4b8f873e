//! CSV tables read by header name, with line numbers in every error.

use std::collections::HashMap;
use std::path::Path;

use super::error::{DataError, read_text};

/// Largest count of people a table may hold for one row: more than the world's population is
/// an error in the file, and sums of such counts stay far from overflowing.
pub const MAX_COUNT: u64 = u32::MAX as u64;

#[derive(Debug)]
pub struct Row {
    pub line: u64,
    fields: HashMap<String, String>,
}

impl Row {
    /// A field that must be present and non-empty.
    pub fn req(&self, file: &Path, col: &str) -> Result<&str, DataError> {
        match self.fields.get(col).map(|s| s.trim()) {
            Some(v) if !v.is_empty() => Ok(v),
            _ => Err(DataError::new(
                file,
                format!("line {}", self.line),
                format!("column '{col}' is empty"),
            )),
        }
    }

    /// A field by column name, ignoring case and surrounding spaces in the header.
    pub fn opt_ci(&self, col: &str) -> &str {
        self.fields
            .iter()
            .find(|(k, _)| k.trim().eq_ignore_ascii_case(col))
            .map_or("", |(_, v)| v.trim())
    }

    pub fn opt(&self, col: &str) -> &str {
        self.fields.get(col).map_or("", |s| s.trim())
    }

    /// A count of people: a whole number from 0 to [`MAX_COUNT`], or a clear error naming the
    /// line, the column and what is wrong (negative, too large, not a number).
    pub fn count(&self, file: &Path, col: &str) -> Result<u64, DataError> {
        let v = self.req(file, col)?;
        let err = |what: String| {
            DataError::new(
                file,
                format!("line {}", self.line),
                format!("column '{col}' should be a whole number, found '{v}'{what}"),
            )
        };
        let digits = v.strip_prefix('+').unwrap_or(v);
        if let Some(rest) = v.strip_prefix('-')
            && !rest.is_empty()
            && rest.bytes().all(|b| b.is_ascii_digit())
        {
            return Err(err(": a count cannot be negative".into()));
        }
        if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
            return Err(err(String::new()));
        }
        match digits.parse::<u64>() {
            Ok(n) if n <= MAX_COUNT => Ok(n),
            _ => Err(err(format!(
                ": it does not fit (a count is at most {MAX_COUNT})"
            ))),
        }
    }

    /// A NIS code: five digits, kept as a string.
    pub fn nis(&self, file: &Path, col: &str) -> Result<String, DataError> {
        let v = self.req(file, col)?;
        if v.len() == 5 && v.bytes().all(|b| b.is_ascii_digit()) {
            Ok(v.to_string())
        } else {
            Err(DataError::new(
                file,
                format!("line {}", self.line),
                format!("column '{col}' should be a 5-digit NIS code, found '{v}'"),
            ))
        }
    }
}

/// Read a CSV file with a header line; `;` or `,` as separator (whichever the header uses).
pub fn read_table(path: &Path, required: &[&str]) -> Result<Vec<Row>, DataError> {
    let text = read_text(path)?;
    parse_table(path, &text, required)
}

pub fn parse_table(path: &Path, text: &str, required: &[&str]) -> Result<Vec<Row>, DataError> {
    let first = text.lines().next().unwrap_or("");
    let delim = if first.matches(';').count() > first.matches(',').count() {
        b';'
    } else {
        b','
    };
    let mut rdr = csv::ReaderBuilder::new()
        .delimiter(delim)
        .flexible(true)
        .from_reader(text.as_bytes());
    let headers: Vec<String> = rdr
        .headers()
        .map_err(|e| DataError::new(path, "line 1", format!("cannot read the header: {e}")))?
        .iter()
        .map(|h| h.trim().to_string())
        .collect();
    for (i, h) in headers.iter().enumerate() {
        if !h.is_empty() && headers[..i].iter().any(|o| o.eq_ignore_ascii_case(h)) {
            return Err(DataError::new(
                path,
                "line 1",
                format!("column '{h}' appears twice in the header"),
            ));
        }
    }
    let missing: Vec<&str> = required
        .iter()
        .copied()
        .filter(|r| !headers.iter().any(|h| h == r))
        .collect();
    if !missing.is_empty() {
        return Err(DataError::new(
            path,
            "line 1",
            format!("missing column(s): {}", missing.join(", ")),
        ));
    }
    // Line numbers from byte offsets: the reader's own line count is off for CRLF files.
    // Records come in order, so the newlines are counted once, from where the last count
    // stopped (counting from the start each time made large files take minutes).
    let bytes = text.as_bytes();
    let mut counted = (0usize, 0u64);
    let mut line_at = |byte: u64| -> u64 {
        let mut end = (byte as usize).min(bytes.len());
        while end < bytes.len() && (bytes[end] == b'\r' || bytes[end] == b'\n') {
            end += 1;
        }
        let newlines = |r: &[u8]| r.iter().filter(|&&b| b == b'\n').count() as u64;
        if end >= counted.0 {
            counted = (end, counted.1 + newlines(&bytes[counted.0..end]));
            counted.1 + 1
        } else {
            newlines(&bytes[..end]) + 1
        }
    };
    let mut rows = Vec::new();
    for rec in rdr.records() {
        let rec = rec.map_err(|e| {
            let line = e.position().map_or(0, |p| line_at(p.byte()));
            DataError::new(path, format!("line {line}"), e.to_string())
        })?;
        let line = rec.position().map_or(0, |p| line_at(p.byte()));
        if rec.iter().all(|f| f.trim().is_empty()) {
            continue;
        }
        if rec.len() != headers.len() {
            return Err(DataError::new(
                path,
                format!("line {line}"),
                format!("{} fields, the header has {}", rec.len(), headers.len()),
            ));
        }
        let fields = headers
            .iter()
            .cloned()
            .zip(rec.iter().map(String::from))
            .collect();
        rows.push(Row { line, fields });
    }
    Ok(rows)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_know_their_line_numbers() {
        for text in ["a,b\n1,2\n3,4\n", "a,b\r\n1,2\r\n3,4\r\n"] {
            let rows = parse_table(Path::new("x.csv"), text, &["a"]).expect("parse");
            assert_eq!(rows[0].line, 2);
            assert_eq!(rows[1].line, 3);
        }
    }

    #[test]
    fn semicolons_and_a_missing_column_are_handled() {
        let rows = parse_table(Path::new("x.csv"), "a;b\n1;2\n", &["a", "b"]).expect("parse");
        assert_eq!(rows[0].opt("b"), "2");
        let err = parse_table(Path::new("x.csv"), "a,b\n1,2\n", &["c"]).err();
        assert!(err.is_some_and(|e| e.to_string().contains("missing column(s): c")));
    }
}
