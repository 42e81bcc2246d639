//! Inputs: a data set's `labels.csv`, or a folder of songs.

use std::path::{Path, PathBuf};

/// Writes `text` to a temporary file beside `out` and renames it over `out`: a reader never sees half a CSV.
pub fn write_atomically(out: &Path, text: &str) -> std::io::Result<()> {
    use std::io::Write;
    let tmp = out.with_extension("csv.tmp");
    let mut file = std::fs::File::create(&tmp)?;
    file.write_all(text.as_bytes())?;
    file.sync_all()?;
    std::fs::rename(&tmp, out)
}

/// One clip of a data set: its id and its audio file (resolved against the set folder).
#[derive(Debug, Clone)]
pub struct Clip {
    pub id: String,
    pub path: PathBuf,
}

/// Reads `<set>/labels.csv` (columns `clip_id` and `file`, `file` relative to the set; other columns
/// are ignored), in file order.
pub fn read_labels(set: &Path) -> Result<Vec<Clip>, String> {
    let labels = set.join("labels.csv");
    let mut reader = csv::Reader::from_path(&labels)
        .map_err(|e| format!("{}: cannot read: {e}", labels.display()))?;
    let header = reader
        .headers()
        .map_err(|e| format!("{}: bad header: {e}", labels.display()))?
        .clone();
    let column = |name: &str| {
        header.iter().position(|h| h.trim() == name).ok_or_else(|| {
            format!("{}: no '{name}' column in the header (need clip_id and file)", labels.display())
        })
    };
    let (id_col, file_col) = (column("clip_id")?, column("file")?);
    let mut clips = Vec::new();
    for (n, record) in reader.records().enumerate() {
        let line = n + 2;
        let record = record.map_err(|e| format!("{}: line {line}: {e}", labels.display()))?;
        let id = record.get(id_col).unwrap_or("").trim();
        let file = record.get(file_col).unwrap_or("").trim();
        if id.is_empty() || file.is_empty() {
            return Err(format!("{}: line {line}: empty clip_id or file", labels.display()));
        }
        if id.contains([',', '"', '\n', '\r']) {
            return Err(format!(
                "{}: line {line}: clip_id '{id}' holds a comma or quote and cannot be written to the CSV",
                labels.display()
            ));
        }
        clips.push(Clip { id: id.to_string(), path: set.join(file) });
    }
    if clips.is_empty() {
        return Err(format!("{}: no clips", labels.display()));
    }
    Ok(clips)
}

const AUDIO_EXTENSIONS: [&str; 4] = ["mp3", "ogg", "flac", "wav"];

/// Audio files (by extension) under `folder`, recursively, in sorted order so that runs are repeatable.
pub fn list_audio(folder: &Path) -> Result<Vec<PathBuf>, String> {
    let mut out = Vec::new();
    let mut stack = vec![folder.to_path_buf()];
    while let Some(dir) = stack.pop() {
        let entries =
            std::fs::read_dir(&dir).map_err(|e| format!("{}: cannot list: {e}", dir.display()))?;
        for entry in entries {
            let path = entry.map_err(|e| format!("{}: {e}", dir.display()))?.path();
            if path.is_dir() {
                stack.push(path);
            } else if path
                .extension()
                .and_then(|e| e.to_str())
                .is_some_and(|e| AUDIO_EXTENSIONS.contains(&e.to_ascii_lowercase().as_str()))
            {
                out.push(path);
            }
        }
    }
    out.sort();
    if out.is_empty() {
        return Err(format!("{}: no .mp3/.ogg/.flac/.wav files", folder.display()));
    }
    Ok(out)
}

/// The first `count` items of `items` repeated as often as needed (a library bigger than the folder).
pub fn cycle_to<T: Clone>(items: &[T], count: usize) -> Vec<T> {
    items.iter().cycle().take(count).cloned().collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn temp_dir(name: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("bench-dataset-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        dir
    }

    #[test]
    fn labels_resolve_files_against_the_set() {
        let dir = temp_dir("labels");
        std::fs::write(dir.join("labels.csv"), "split,clip_id,file\ntrain,a,clips/a.ogg\ntest,\"b\",clips/b.mp3\n")
            .unwrap();
        let clips = read_labels(&dir).unwrap();
        assert_eq!(clips.len(), 2);
        assert_eq!(clips[1].id, "b");
        assert_eq!(clips[1].path, dir.join("clips/b.mp3"));
    }

    #[test]
    fn labels_without_a_file_column_name_it() {
        let dir = temp_dir("nofile");
        std::fs::write(dir.join("labels.csv"), "clip_id,path\na,x.ogg\n").unwrap();
        let err = read_labels(&dir).unwrap_err();
        assert!(err.contains("'file'"), "{err}");
    }

    #[test]
    fn folders_are_listed_sorted_and_cycled() {
        let dir = temp_dir("list");
        std::fs::create_dir_all(dir.join("sub")).unwrap();
        for f in ["b.ogg", "sub/a.FLAC", "notes.txt"] {
            std::fs::write(dir.join(f), b"x").unwrap();
        }
        let files = list_audio(&dir).unwrap();
        assert_eq!(files, vec![dir.join("b.ogg"), dir.join("sub/a.FLAC")]);
        assert_eq!(cycle_to(&files, 3).len(), 3);
        assert_eq!(cycle_to(&files, 3)[2], files[0]);
    }
}
