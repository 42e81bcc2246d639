//! The `metadata_props` of an ONNX file, read straight from its protobuf bytes (ModelProto field 14,
//! repeated StringStringEntryProto {key = 1, value = 2}), so that every runtime, the burn model compiled
//! in as much as tract, learns the window rule from the same place the Java tool reads it.

use std::collections::HashMap;
use std::path::Path;

/// `metadata_props` of the ONNX file at `path`, key to value (a repeated key keeps its last value).
pub fn onnx_metadata(path: &Path) -> Result<HashMap<String, String>, String> {
    let bytes = std::fs::read(path).map_err(|e| format!("{}: cannot read: {e}", path.display()))?;
    metadata_props(&bytes).map_err(|e| format!("{}: not an ONNX model: {e}", path.display()))
}

/// `metadata_props` of a serialised ModelProto.
pub fn metadata_props(model: &[u8]) -> Result<HashMap<String, String>, String> {
    let mut props = HashMap::new();
    for field in Fields::new(model) {
        let (number, value) = field?;
        if let (14, Value::Bytes(entry)) = (number, value) {
            let (mut key, mut val) = (None, None);
            for f in Fields::new(entry) {
                match f? {
                    (1, Value::Bytes(b)) => key = Some(text(b)?),
                    (2, Value::Bytes(b)) => val = Some(text(b)?),
                    _ => {}
                }
            }
            if let Some(key) = key {
                props.insert(key, val.unwrap_or_default());
            }
        }
    }
    Ok(props)
}

fn text(b: &[u8]) -> Result<String, String> {
    String::from_utf8(b.to_vec()).map_err(|_| "a metadata entry is not UTF-8".to_string())
}

enum Value<'a> {
    Number,
    Bytes(&'a [u8]),
}

/// The top-level fields of one protobuf message: (field number, value), length-delimited values
/// borrowed, numbers skipped.
struct Fields<'a> {
    rest: &'a [u8],
}

impl<'a> Fields<'a> {
    fn new(message: &'a [u8]) -> Self {
        Fields { rest: message }
    }

    fn varint(&mut self) -> Result<u64, String> {
        let mut v = 0u64;
        for shift in (0..64).step_by(7) {
            let (&b, rest) = self.rest.split_first().ok_or("the message ends inside a number")?;
            self.rest = rest;
            v |= u64::from(b & 0x7f) << shift;
            if b & 0x80 == 0 {
                return Ok(v);
            }
        }
        Err("a number longer than 10 bytes".to_string())
    }

    fn take(&mut self, n: u64) -> Result<&'a [u8], String> {
        let n = usize::try_from(n).ok().filter(|&n| n <= self.rest.len()).ok_or("a field runs past the end of the message")?;
        let (head, rest) = self.rest.split_at(n);
        self.rest = rest;
        Ok(head)
    }

    fn field(&mut self) -> Result<(u64, Value<'a>), String> {
        let tag = self.varint()?;
        let value = match tag & 7 {
            0 => self.varint().map(|_| Value::Number)?,
            1 => self.take(8).map(|_| Value::Number)?,
            2 => {
                let len = self.varint()?;
                Value::Bytes(self.take(len)?)
            }
            5 => self.take(4).map(|_| Value::Number)?,
            other => return Err(format!("unknown wire type {other}")),
        };
        Ok((tag >> 3, value))
    }
}

impl<'a> Iterator for Fields<'a> {
    type Item = Result<(u64, Value<'a>), String>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.rest.is_empty() {
            return None;
        }
        let r = self.field();
        if r.is_err() {
            self.rest = &[]; // one error ends the walk
        }
        Some(r)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn varint(mut v: u64, out: &mut Vec<u8>) {
        while v >= 0x80 {
            out.push((v as u8) | 0x80);
            v >>= 7;
        }
        out.push(v as u8);
    }

    fn bytes_field(number: u64, b: &[u8], out: &mut Vec<u8>) {
        varint(number << 3 | 2, out);
        varint(b.len() as u64, out);
        out.extend_from_slice(b);
    }

    fn entry(key: &str, value: &str) -> Vec<u8> {
        let mut e = Vec::new();
        bytes_field(1, key.as_bytes(), &mut e);
        bytes_field(2, value.as_bytes(), &mut e);
        e
    }

    #[test]
    fn reads_metadata_among_other_fields() {
        let mut m = Vec::new();
        varint(1 << 3, &mut m); // ir_version = 8
        varint(8, &mut m);
        bytes_field(2, b"mecomp-embed", &mut m); // producer_name
        bytes_field(7, &[0x0a, 0x01, b'x'], &mut m); // a graph, skipped
        bytes_field(14, &entry("sequence_length", "30"), &mut m);
        m.extend_from_slice(&[(9 << 3) | 1, 0, 0, 0, 0, 0, 0, 0, 0]); // a 64-bit field
        bytes_field(14, &entry("window_samples", &"2".repeat(200)), &mut m); // a two-byte length
        let props = metadata_props(&m).unwrap();
        assert_eq!(props.len(), 2);
        assert_eq!(props["sequence_length"], "30");
        assert_eq!(props["window_samples"].len(), 200);
    }

    #[test]
    fn a_cut_message_is_an_error_not_a_panic() {
        let mut m = Vec::new();
        bytes_field(14, &entry("k", "v"), &mut m);
        for cut in 1..m.len() {
            assert!(metadata_props(&m[..cut]).is_err(), "cut at {cut}");
        }
    }

    #[test]
    fn the_shipped_model_says_its_window_rule() {
        let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../export/mecomp-embed-v1.onnx");
        let props = onnx_metadata(&path).unwrap();
        assert_eq!(props["sample_rate"], "22050");
        assert_eq!(props["window_samples"], "22050");
        assert_eq!(props["sequence_length"], "30");
    }
}
