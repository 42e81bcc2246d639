//! Which one-second windows the model uses: the rule of the Java `WindowSelection` and of the exported
//! graph, repeated here so that the seeking decoder can fetch only those windows.

use std::collections::HashMap;

/// Which windows a model reads: windows of `samples` samples at 22,050 Hz, at most `k` of them. An
/// exported model says its own in `metadata_props` (`window_samples`, `sequence_length`), so that a
/// model of the size-and-runtime sweep with other windows is scanned as it was trained.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct WindowRule {
    pub samples: usize,
    pub k: usize,
}

impl Default for WindowRule {
    /// v1's: 30 windows of one second.
    fn default() -> Self {
        WindowRule { samples: crate::WINDOW, k: crate::MAX_WINDOWS }
    }
}

impl WindowRule {
    /// The rule in an exported model's `metadata_props`, refused when the model is not one of ours or
    /// expects another sample rate than the 22,050 Hz MECOMP decodes to.
    pub fn from_metadata(props: &HashMap<String, String>) -> Result<Self, String> {
        let get = |key: &str| -> Result<usize, String> {
            let v = props.get(key).ok_or(format!(
                "no '{key}' in its metadata_props: scan-bench reads the window rule a model exported by \
                 `mecomp-embed export` records (sample_rate, window_samples, sequence_length)"
            ))?;
            v.trim().parse().ok().filter(|&n: &usize| n > 0).ok_or(format!("metadata '{key}' is not a positive whole number: '{v}'"))
        };
        let rate = get("sample_rate")?;
        if rate != crate::SAMPLE_RATE as usize {
            return Err(format!(
                "the model expects audio at {rate} Hz (metadata 'sample_rate'); scan-bench decodes to {} Hz as MECOMP does",
                crate::SAMPLE_RATE
            ));
        }
        Ok(WindowRule { samples: get("window_samples")?, k: get("sequence_length")? })
    }

    /// The rule in the `metadata_props` of the ONNX file at `path`; errors name the file.
    pub fn of_onnx_file(path: &std::path::Path) -> Result<Self, String> {
        Self::from_metadata(&crate::metadata::onnx_metadata(path)?).map_err(|e| format!("{}: {e}", path.display()))
    }

    /// Windows a song of `len` samples holds as the graph counts them: max(1, len div samples).
    pub fn window_count(&self, len: usize) -> usize {
        (len / self.samples).max(1)
    }

    /// Seconds of one window.
    pub fn seconds(&self) -> f64 {
        self.samples as f64 / crate::SAMPLE_RATE as f64
    }
}

impl std::fmt::Display for WindowRule {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "K = {} windows of {} s", self.k, self.seconds())
    }
}

/// Indices of the windows a song of `window_count` windows gives to a model of at most `k` windows:
/// all of them in order when `window_count <= k`, otherwise `round(i * (W - 1) / (K - 1))` for
/// i = 0..K-1 (halves up), and the middle window for K = 1. Strictly increasing.
pub fn select(window_count: usize, k: usize) -> Vec<usize> {
    assert!(k >= 1, "window selection: K must be >= 1");
    if window_count <= k {
        return (0..window_count).collect();
    }
    if k == 1 {
        return vec![(window_count - 1) / 2];
    }
    let span = (window_count - 1) as u64;
    let steps = (k - 1) as u64;
    (0..k as u64)
        .map(|i| ((2 * i * span + steps) / (2 * steps)) as usize)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::{select, WindowRule};
    use std::collections::HashMap;

    fn props(pairs: &[(&str, &str)]) -> HashMap<String, String> {
        pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect()
    }

    #[test]
    fn the_rule_comes_from_the_metadata_and_bad_metadata_is_named() {
        let ok = props(&[("sample_rate", "22050"), ("window_samples", "11025"), ("sequence_length", "12")]);
        assert_eq!(WindowRule::from_metadata(&ok).unwrap(), WindowRule { samples: 11_025, k: 12 });
        assert_eq!(WindowRule::default(), WindowRule { samples: 22_050, k: 30 });
        let e = WindowRule::from_metadata(&props(&[("sample_rate", "22050")])).unwrap_err();
        assert!(e.contains("'window_samples'"), "{e}");
        let mut rate = ok.clone();
        rate.insert("sample_rate".into(), "16000".into());
        assert!(WindowRule::from_metadata(&rate).unwrap_err().contains("16000 Hz"));
        let mut zero = ok.clone();
        zero.insert("sequence_length".into(), "0".into());
        assert!(WindowRule::from_metadata(&zero).unwrap_err().contains("'sequence_length'"));
    }

    #[test]
    fn short_songs_keep_every_window() {
        assert_eq!(select(3, 30), vec![0, 1, 2]);
        assert_eq!(select(30, 30), (0..30).collect::<Vec<_>>());
        assert!(select(0, 30).is_empty());
    }

    #[test]
    fn long_songs_spread_from_first_to_last() {
        let s = select(180, 30);
        assert_eq!(s.len(), 30);
        assert_eq!(s[0], 0);
        assert_eq!(s[29], 179);
        assert!(s.windows(2).all(|p| p[0] < p[1]));
        // i = 1: round(179 / 29) = round(6.17) = 6; i = 15: round(15 * 179 / 29) = round(92.59) = 93
        assert_eq!(s[1], 6);
        assert_eq!(s[15], 93);
    }

    #[test]
    fn halves_round_up_and_k1_takes_the_middle() {
        // W = 4, K = 3: i = 1 gives 1.5, rounded up to 2 (as Java's WindowSelection does)
        assert_eq!(select(4, 3), vec![0, 2, 3]);
        assert_eq!(select(4, 1), vec![1]);
        assert_eq!(select(5, 1), vec![2]);
    }
}
