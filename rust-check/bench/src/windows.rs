//! Which one-second windows the model uses: the rule of the Java `WindowSelection` and of the exported
//! graph, repeated here so that the seeking decoder can fetch only those windows.

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
    use super::select;

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
