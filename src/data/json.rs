//! JSON read strictly: a key that appears twice in one object is an error (which of the two
//! would count is a guess), and every syntax error names its line and column. Nesting is
//! bounded by serde_json's recursion limit, so a hostile file cannot overflow the stack.

use std::fmt;
use std::path::Path;

use serde::Deserialize;
use serde::de::{self, MapAccess, SeqAccess, Visitor};
use serde_json::{Map, Value};

use super::error::DataError;

/// A JSON value that refuses duplicate keys while it is read.
struct Strict(Value);

impl<'de> Deserialize<'de> for Strict {
    fn deserialize<D: de::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(StrictVisitor)
    }
}

struct StrictVisitor;

impl<'de> Visitor<'de> for StrictVisitor {
    type Value = Strict;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON value")
    }

    fn visit_bool<E>(self, v: bool) -> Result<Strict, E> {
        Ok(Strict(Value::Bool(v)))
    }

    fn visit_i64<E>(self, v: i64) -> Result<Strict, E> {
        Ok(Strict(Value::from(v)))
    }

    fn visit_u64<E>(self, v: u64) -> Result<Strict, E> {
        Ok(Strict(Value::from(v)))
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Strict, E> {
        // serde_json refuses numbers out of range itself; this keeps NaN out all the same.
        serde_json::Number::from_f64(v)
            .map(|n| Strict(Value::Number(n)))
            .ok_or_else(|| E::custom("a number that is not finite"))
    }

    fn visit_str<E>(self, v: &str) -> Result<Strict, E> {
        Ok(Strict(Value::String(v.to_string())))
    }

    fn visit_string<E>(self, v: String) -> Result<Strict, E> {
        Ok(Strict(Value::String(v)))
    }

    fn visit_unit<E>(self) -> Result<Strict, E> {
        Ok(Strict(Value::Null))
    }

    fn visit_none<E>(self) -> Result<Strict, E> {
        Ok(Strict(Value::Null))
    }

    fn visit_some<D: de::Deserializer<'de>>(self, d: D) -> Result<Strict, D::Error> {
        Strict::deserialize(d)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Strict, A::Error> {
        let mut v = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(4096));
        while let Some(Strict(x)) = seq.next_element()? {
            v.push(x);
        }
        Ok(Strict(Value::Array(v)))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Strict, A::Error> {
        let mut m = Map::new();
        while let Some(key) = map.next_key::<String>()? {
            if m.contains_key(&key) {
                return Err(de::Error::custom(format!(
                    "the key \"{key}\" appears twice in one object"
                )));
            }
            let Strict(v) = map.next_value()?;
            m.insert(key, v);
        }
        Ok(Strict(Value::Object(m)))
    }
}

/// Where a serde_json error points, as a place for [`DataError`].
pub fn place_of(e: &serde_json::Error) -> String {
    if e.line() == 0 {
        String::new()
    } else {
        format!("line {}, column {}", e.line(), e.column())
    }
}

/// The message of a serde_json error without its trailing " at line L column C".
pub fn message_of(e: &serde_json::Error) -> String {
    let s = e.to_string();
    match s.rfind(" at line ") {
        Some(i) if e.line() > 0 => s[..i].to_string(),
        _ => s,
    }
}

/// Parse JSON text; errors name the line and column and say what is wrong.
pub fn parse_strict(file: &Path, text: &str) -> Result<Value, DataError> {
    let mut de = serde_json::Deserializer::from_str(text);
    let parsed = Strict::deserialize(&mut de).and_then(|v| de.end().map(|()| v));
    match parsed {
        Ok(Strict(v)) => Ok(v),
        Err(e) => Err(DataError::new(
            file,
            place_of(&e),
            format!("not valid JSON: {}", message_of(&e)),
        )),
    }
}

/// The JSON type of a value, in words, for messages.
pub fn kind(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "true/false",
        Value::Number(_) => "a number",
        Value::String(_) => "text",
        Value::Array(_) => "a list",
        Value::Object(_) => "an object",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn err(text: &str) -> String {
        parse_strict(Path::new("x.json"), text)
            .expect_err(text)
            .to_string()
    }

    #[test]
    fn duplicate_keys_and_syntax_errors_name_the_place() {
        let e = err("{\n \"a\": 1,\n \"a\": 2\n}");
        assert!(e.contains("x.json: line 3"), "{e}");
        assert!(e.contains("\"a\" appears twice"), "{e}");
        let e = err("{\"a\": NaN}");
        assert!(e.contains("line 1, column"), "{e}");
        let e = err("[1e999]");
        assert!(e.contains("line 1"), "{e}");
        let e = err("{} x");
        assert!(e.contains("trailing"), "{e}");
    }

    #[test]
    fn deep_nesting_is_an_error_not_a_stack_overflow() {
        let text = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
        let e = err(&text);
        assert!(e.contains("recursion limit"), "{e}");
        let text = "{\"a\":".repeat(50_000);
        let e = err(&text);
        assert!(e.contains("line 1"), "{e}");
    }

    #[test]
    fn a_good_value_reads_as_serde_json_reads_it() {
        let text = r#"{"a": [1, -2, 3.5, "x", null, true, {"b": {}}]}"#;
        let v = parse_strict(Path::new("x.json"), text).expect("parse");
        let w: Value = serde_json::from_str(text).expect("parse");
        assert_eq!(v, w);
    }
}
