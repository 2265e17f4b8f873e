//! CSV tables read by header name, with line numbers in every error.

use std::collections::HashMap;
use std::path::Path;

use super::error::{DataError, decode_text, read_text};

/// The character encoding a table was read in.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum TextEncoding {
    #[default]
    Utf8,
    /// What Excel writes as "CSV (gescheiden door lijstscheidingsteken)" on a Belgian Windows.
    Windows1252,
}

impl TextEncoding {
    pub fn name(self) -> &'static str {
        match self {
            TextEncoding::Utf8 => "UTF-8",
            TextEncoding::Windows1252 => "Windows-1252",
        }
    }
}

/// The text of a table a planner gives: UTF-8 (with or without a byte order mark), else
/// Windows-1252. Empty, binary and UTF-16 files get the errors of `decode_text`.
pub fn decode_table(path: &Path, bytes: Vec<u8>) -> Result<(String, TextEncoding), DataError> {
    // A byte order mark says the file is UTF-16 or UTF-8: then it is read as that, or refused.
    let marked = [&[0xFF, 0xFE][..], &[0xFE, 0xFF], &[0xEF, 0xBB, 0xBF]]
        .iter()
        .any(|bom| bytes.starts_with(bom));
    if std::str::from_utf8(&bytes).is_ok() || bytes.is_empty() || bytes.contains(&0) || marked {
        return decode_text(path, bytes).map(|t| (t, TextEncoding::Utf8));
    }
    // Every byte has a character in Windows-1252 (as the WHATWG defines it), so this cannot
    // fail; a file in another 8-bit encoding shows wrong letters, which the user sees.
    let (text, _) = encoding_rs::WINDOWS_1252.decode_without_bom_handling(&bytes);
    Ok((text.into_owned(), TextEncoding::Windows1252))
}

/// A table as CSV for spreadsheets: `;`-separated (what Excel expects with Belgian settings),
/// UTF-8 with a byte order mark (without it Excel reads the accents as Windows-1252), fields
/// quoted by the csv writer where they need it.
pub fn write_csv<R, F>(rows: impl IntoIterator<Item = R>) -> String
where
    R: IntoIterator<Item = F>,
    F: AsRef<[u8]>,
{
    let mut w = csv::WriterBuilder::new()
        .delimiter(b';')
        .flexible(true)
        .from_writer("\u{feff}".as_bytes().to_vec());
    for r in rows {
        // Invariant: the writer writes into memory, which cannot fail, and a flexible writer
        // takes rows of any length.
        w.write_record(r)
            .expect("writing CSV into memory cannot fail");
    }
    // Same invariant: flushing into a Vec cannot fail.
    let bytes = w.into_inner().expect("a CSV writer on a Vec flushes");
    // Invariant: every field is a `&str` or `String`, so the bytes are UTF-8; the lossy
    // conversion changes nothing.
    String::from_utf8_lossy(&bytes).into_owned()
}

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
    fn written_csv_starts_with_a_bom_and_quotes_where_needed() {
        let out = write_csv([vec!["naam", "bedrag"], vec!["Zoë; en co", "1\"2"]]);
        assert!(out.starts_with('\u{feff}'));
        assert_eq!(out, "\u{feff}naam;bedrag\n\"Zoë; en co\";\"1\"\"2\"\n");
    }

    #[test]
    fn windows_1252_tables_keep_their_accents() {
        // "Liège;Zoë" as Excel writes it on Windows.
        let bytes = b"naam;team\nLi\xe8ge;Zo\xeb\n".to_vec();
        let (text, enc) = decode_table(Path::new("x.csv"), bytes).expect("reads");
        assert_eq!(enc, TextEncoding::Windows1252);
        assert_eq!(text, "naam;team\nLiège;Zoë\n");
        let (text, enc) =
            decode_table(Path::new("x.csv"), "\u{feff}a;b\né;ë\n".into()).expect("reads");
        assert_eq!((text.as_str(), enc), ("a;b\né;ë\n", TextEncoding::Utf8));
        assert!(decode_table(Path::new("x.csv"), vec![0xFF, 0xFE, b'a', 0]).is_err());
    }

    #[test]
    fn semicolons_and_a_missing_column_are_handled() {
        let rows = parse_table(Path::new("x.csv"), "a;b\n1;2\n", &["a", "b"]).expect("parse");
        assert_eq!(rows[0].opt("b"), "2");
        let err = parse_table(Path::new("x.csv"), "a,b\n1,2\n", &["c"]).err();
        assert!(err.is_some_and(|e| e.to_string().contains("missing column(s): c")));
    }
}
