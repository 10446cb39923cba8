//! Finds the documents of a run: the input directory walked recursively, sorted by relative
//! path. Symlinks are followed only to files inside the input directory; loops, dangling links
//! and links out of the tree become error records, never silent gaps.

use crate::config::{InputConfig, Unsupported};
use crate::document::Format;
use crate::error::RunError;
use crate::report::Skipped;
use std::path::{Path, PathBuf};

/// A file to turn into a record.
#[derive(Debug, Clone)]
pub struct InputFile {
    /// Where to read it (for a symlink, the link itself; the OS resolves it).
    pub path: PathBuf,
    /// Path relative to the input directory, `/`-separated.
    pub source: String,
    pub format: Option<Format>,
    /// Why it cannot be read, decided while walking (unsupported type, bad link).
    pub problem: Option<String>,
}

/// The files of the input directory, sorted by `source`, and the entries skipped.
pub fn collect(config: &InputConfig) -> Result<(Vec<InputFile>, Vec<Skipped>), RunError> {
    let root = &config.dir;
    let canonical_root = root.canonicalize().map_err(|source| RunError::Input {
        path: root.clone(),
        source,
    })?;
    if !canonical_root.is_dir() {
        return Err(RunError::Input {
            path: root.clone(),
            source: std::io::Error::new(std::io::ErrorKind::NotADirectory, "not a directory"),
        });
    }
    let mut files = Vec::new();
    let mut skipped = Vec::new();
    let walker = walkdir::WalkDir::new(root)
        .follow_links(false)
        .sort_by_file_name()
        .min_depth(1);
    for entry in walker {
        let entry = match entry {
            Ok(e) => e,
            Err(e) => {
                let path = e
                    .path()
                    .map(Path::to_path_buf)
                    .unwrap_or_else(|| root.clone());
                files.push(InputFile {
                    source: relative(root, &path),
                    path,
                    format: None,
                    problem: Some(format!("cannot list: {e}")),
                });
                continue;
            }
        };
        let path = entry.path().to_path_buf();
        let source = relative(root, &path);
        let kind = entry.file_type();
        if kind.is_dir() {
            continue;
        }
        let mut problem = None;
        if kind.is_symlink() {
            match path.canonicalize() {
                Err(e) => {
                    problem = Some(format!(
                        "symlink cannot be resolved (dangling or a loop): {e}"
                    ))
                }
                Ok(target) if !target.starts_with(&canonical_root) => {
                    problem =
                        Some("symlink points outside the input directory; not followed".into())
                }
                Ok(target) if target.is_dir() => {
                    skipped.push(Skipped {
                        source,
                        reason: "symlink to a directory inside the input; its files are read at their own paths".into(),
                    });
                    continue;
                }
                Ok(target) if !target.is_file() => {
                    problem = Some("symlink to something that is not a regular file".into())
                }
                Ok(_) => {}
            }
        } else if !kind.is_file() {
            problem = Some("not a regular file (device, pipe or socket)".into());
        }
        let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("");
        let accepted = config
            .extensions
            .iter()
            .any(|e| e.eq_ignore_ascii_case(ext));
        let format = Format::from_extension(ext).filter(|_| accepted);
        if format.is_none() && problem.is_none() {
            if config.unsupported == Unsupported::Skip {
                skipped.push(Skipped {
                    source,
                    reason: format!("extension `{ext}` is not in input.extensions"),
                });
                continue;
            }
            problem = Some(format!(
                "unsupported file type `{}` (input.extensions: {})",
                if ext.is_empty() { "(none)" } else { ext },
                config.extensions.join(", ")
            ));
        }
        files.push(InputFile {
            path,
            source,
            format,
            problem,
        });
    }
    files.sort_by(|a, b| a.source.cmp(&b.source));
    Ok((files, skipped))
}

/// `path` relative to `root`, with `/` separators.
fn relative(root: &Path, path: &Path) -> String {
    let rel = path.strip_prefix(root).unwrap_or(path);
    rel.components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}
