//! The input directory walked recursively, sorted by relative path. Symlinks are followed
//! only to files inside the input directory; loops, dangling links and links out of the tree
//! become error records, never silent gaps.

use super::{Compression, Container, InputFile, InputProblem};
use crate::config::{InputConfig, Unsupported};
use crate::document::Format;
use crate::error::RunError;
use crate::report::Skipped;
use std::path::Path;

/// What one entry of the walk becomes.
enum Found {
    File(InputFile),
    Skipped(Skipped),
    Directory,
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
        match examine(config, &canonical_root, entry) {
            Found::File(file) => files.push(file),
            Found::Skipped(entry) => skipped.push(entry),
            Found::Directory => {}
        }
    }
    files.sort_by(|a, b| a.source.cmp(&b.source));
    // Only an escaped non-UTF-8 name can meet a real name written the same; both are kept.
    for i in 1..files.len() {
        if files[i].source == files[i - 1].source {
            let file = &mut files[i];
            file.path = Some(file.path(root).into_owned().into_boxed_path());
            file.problem = Some(Box::new(InputProblem::SameSource));
            file.source.push_str(&format!("#{i}"));
        }
    }
    Ok((files, skipped))
}

/// Decides what one entry of the walk is: a document (perhaps with a problem), skipped, or a
/// directory to descend.
fn examine(
    config: &InputConfig,
    canonical_root: &Path,
    entry: walkdir::Result<walkdir::DirEntry>,
) -> Found {
    let root = &config.dir;
    let entry = match entry {
        Ok(e) => e,
        Err(e) => {
            let path = e.path().map_or_else(|| root.clone(), Path::to_path_buf);
            let source = relative(root, &path);
            return Found::File(InputFile::new(
                root,
                path,
                source,
                None,
                None,
                Some(InputProblem::Unlisted(e.to_string())),
            ));
        }
    };
    let path = entry.path().to_path_buf();
    let source = relative(root, &path);
    let kind = entry.file_type();
    if kind.is_dir() {
        return Found::Directory;
    }
    let mut problem = None;
    if kind.is_symlink() {
        match link_problem(&path, canonical_root) {
            Ok(p) => problem = p,
            Err(reason) => return Found::Skipped(Skipped { source, reason }),
        }
    } else if !kind.is_file() {
        problem = Some(InputProblem::NotRegular);
    }
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy())
        .unwrap_or_default();
    let (compression, extension) = Compression::from_name(&name);
    let accepted = config
        .extensions
        .iter()
        .any(|e| e.eq_ignore_ascii_case(extension));
    let container = Container::from_extension(extension).filter(|_| accepted);
    let format = match container {
        Some(_) => Some(config.records.format),
        None => Format::from_extension(extension).filter(|_| accepted),
    };
    if format.is_none() && problem.is_none() {
        if config.unsupported == Unsupported::Skip {
            let reason = format!("extension `{extension}` is not in input.extensions");
            return Found::Skipped(Skipped { source, reason });
        }
        problem = Some(InputProblem::Unsupported {
            extension: if extension.is_empty() {
                "(none)".to_string()
            } else {
                extension.to_string()
            },
            accepted: config.extensions.join(", "),
        });
    }
    Found::File(InputFile {
        compression,
        ..InputFile::new(root, path, source, format, container, problem)
    })
}

/// What is wrong with a symlink, if anything; `Err` with the reason to skip a link to a
/// directory inside the input (its files are read at their own paths).
fn link_problem(path: &Path, canonical_root: &Path) -> Result<Option<InputProblem>, String> {
    match path.canonicalize() {
        Err(e) => Ok(Some(InputProblem::UnresolvedLink(e.to_string()))),
        Ok(target) if !target.starts_with(canonical_root) => Ok(Some(InputProblem::LinkOutside)),
        Ok(target) if target.is_dir() => Err(
            "symlink to a directory inside the input; its files are read at their own paths".into(),
        ),
        Ok(target) if !target.is_file() => Ok(Some(InputProblem::LinkToSpecial)),
        Ok(_) => Ok(None),
    }
}

/// `path` relative to `root`, with `/` separators.
fn relative(root: &Path, path: &Path) -> String {
    let rel = path.strip_prefix(root).unwrap_or(path);
    rel.components()
        .map(|c| source_name(c.as_os_str()))
        .collect::<Vec<_>>()
        .join("/")
}

/// A file name as written in `source`: as it is when it is UTF-8; otherwise without loss,
/// each byte that is not part of valid UTF-8 written `%XX` and `%` itself `%25`, so that two
/// names never become one (a lossy conversion turns every bad byte into the same U+FFFD).
pub fn source_name(name: &std::ffi::OsStr) -> String {
    if let Some(s) = name.to_str() {
        return s.to_string();
    }
    let mut out = String::new();
    for chunk in name.as_encoded_bytes().utf8_chunks() {
        out.push_str(&chunk.valid().replace('%', "%25"));
        for b in chunk.invalid() {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;
    use std::os::unix::ffi::OsStrExt;

    #[test]
    fn names_that_are_not_utf8_keep_their_bytes() {
        let name = |b: &[u8]| source_name(std::ffi::OsStr::from_bytes(b));
        assert_eq!(name("жаңылык.txt".as_bytes()), "жаңылык.txt");
        assert_eq!(name(b"50%.txt"), "50%.txt");
        assert_eq!(name(b"\xcf\xf0\xe8.txt"), "%CF%F0%E8.txt");
        assert_eq!(name(b"\xff 5%.txt"), "%FF 5%25.txt");
        assert_ne!(name(b"\xcf.txt"), name(b"\xd0.txt"));
    }

    #[test]
    fn a_path_is_kept_only_when_the_source_does_not_give_it() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("новости")).unwrap();
        std::fs::write(dir.path().join("новости/a.txt"), "a").unwrap();
        let odd = std::ffi::OsStr::from_bytes(b"\xcf\xf0.txt");
        std::fs::write(dir.path().join(odd), "b").unwrap();
        let config = InputConfig {
            dir: dir.path().to_path_buf(),
            ..InputConfig::default()
        };
        let (files, _) = collect(&config).unwrap();
        let sources: Vec<&str> = files.iter().map(|f| f.source.as_str()).collect();
        assert_eq!(sources, ["%CF%F0.txt", "новости/a.txt"]);
        assert!(files[0].path.is_some() && files[1].path.is_none());
        for (file, text) in files.iter().zip(["b", "a"]) {
            assert_eq!(
                std::fs::read(file.path(&config.dir)).unwrap(),
                text.as_bytes()
            );
        }
    }
}
