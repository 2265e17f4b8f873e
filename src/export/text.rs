//! Names as they leave the program: control characters made visible, long names shortened.
//! Team and zone names come from files anyone can edit; a newline, an escape code or a NUL in
//! them must not forge a line of line-based output, drive the terminal, or break XML (which
//! does not allow most control characters at all, not even as references).

use std::borrow::Cow;

/// Characters that are shown as an escape instead of themselves: C0 and C1 control codes,
/// DEL, and the Unicode marks that reverse the direction of the text after them.
fn hidden(c: char) -> bool {
    c.is_control()
        || matches!(c, '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// `s` with every control character written as `\u{..}` (a newline as `\n`, a tab as `\t`),
/// so that it stays on one line and shows what is there.
pub fn visible(s: &str) -> Cow<'_, str> {
    if !s.chars().any(hidden) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        match c {
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if hidden(c) => out.push_str(&format!("\\u{{{:x}}}", c as u32)),
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// `s` cut to at most `max` characters, the last of them an ellipsis when it was longer.
pub fn shorten(s: &str, max: usize) -> Cow<'_, str> {
    match s.char_indices().nth(max) {
        None => Cow::Borrowed(s),
        Some(_) => {
            let keep: String = s.chars().take(max.saturating_sub(1)).collect();
            Cow::Owned(format!("{}…", keep.trim_end()))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_characters_are_shown_not_sent() {
        assert_eq!(visible("Gent"), "Gent");
        assert_eq!(
            visible("a\nzone elz1 x\u{1b}[2J\0\u{202e}"),
            "a\\nzone elz1 x\\u{1b}[2J\\u{0}\\u{202e}"
        );
    }

    #[test]
    fn long_names_end_in_an_ellipsis() {
        assert_eq!(shorten("Gent", 4), "Gent");
        assert_eq!(shorten("Antwerpen", 5), "Antw…");
        assert_eq!(shorten("ééééé", 3).chars().count(), 3);
    }
}
