//! Compressed files, read transparently: gzip (multi-member too), zstd, bzip2 and xz, known by
//! the last extension (`items.jsonl.gz`) or, without one, by their magic bytes. What a file
//! decompresses to is capped (`input.max_decompressed_bytes`): a decompression bomb becomes an
//! error record, never a full memory or disk; a truncated archive gives what was read before
//! the cut, and the error.

use std::io::{Read, Write};

#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Compression {
    Gzip,
    Zstd,
    Bzip2,
    Xz,
}

impl Compression {
    /// The compression a file name's last extension says, and the extension under it:
    /// `items.jsonl.gz` is (gzip, `jsonl`), `page.html` is (none, `html`).
    pub fn from_name(name: &str) -> (Option<Compression>, &str) {
        fn extension(n: &str) -> &str {
            n.rsplit_once('.').map_or("", |(_, e)| e)
        }
        let (stem, last) = name.rsplit_once('.').unwrap_or((name, ""));
        let compression = match last.to_ascii_lowercase().as_str() {
            "gz" | "gzip" => Compression::Gzip,
            "zst" | "zstd" => Compression::Zstd,
            "bz2" => Compression::Bzip2,
            "xz" => Compression::Xz,
            _ => return (None, last),
        };
        (Some(compression), extension(stem))
    }

    /// The compression of bytes by their magic number.
    pub fn sniff(bytes: &[u8]) -> Option<Compression> {
        match bytes {
            [0x1f, 0x8b, ..] => Some(Compression::Gzip),
            [0x28, 0xb5, 0x2f, 0xfd, ..] => Some(Compression::Zstd),
            [b'B', b'Z', b'h', ..] => Some(Compression::Bzip2),
            [0xfd, b'7', b'z', b'X', b'Z', 0x00, ..] => Some(Compression::Xz),
            _ => None,
        }
    }

    fn name(self) -> &'static str {
        match self {
            Compression::Gzip => "gzip",
            Compression::Zstd => "zstd",
            Compression::Bzip2 => "bzip2",
            Compression::Xz => "xz",
        }
    }

    /// The decompressed bytes, at most `limit`; else what was read and why it stopped.
    pub fn decompress(self, bytes: &[u8], limit: u64) -> Result<Vec<u8>, (Vec<u8>, String)> {
        let mut out = Capped {
            bytes: Vec::new(),
            limit,
        };
        let result = match self {
            Compression::Gzip => copy(flate2::read::MultiGzDecoder::new(bytes), &mut out),
            Compression::Zstd => {
                zstd::stream::read::Decoder::new(bytes).and_then(|d| copy(d, &mut out))
            }
            Compression::Bzip2 => copy(bzip2::read::MultiBzDecoder::new(bytes), &mut out),
            Compression::Xz => {
                lzma_rs::xz_decompress(&mut std::io::BufReader::new(bytes), &mut out).map_err(|e| {
                    match e {
                        lzma_rs::error::Error::IoError(io) => io,
                        other => std::io::Error::other(other.to_string()),
                    }
                })
            }
        };
        match result {
            Ok(()) => Ok(out.bytes),
            Err(e) if e.kind() == std::io::ErrorKind::FileTooLarge => Err((
                Vec::new(),
                format!(
                    "{} data decompresses to more than input.max_decompressed_bytes = {limit}",
                    self.name()
                ),
            )),
            Err(e) => {
                let message = format!(
                    "{} data is damaged or cut short after {} decompressed bytes: {e}",
                    self.name(),
                    out.bytes.len()
                );
                Err((out.bytes, message))
            }
        }
    }
}

fn copy(mut reader: impl Read, out: &mut Capped) -> std::io::Result<()> {
    std::io::copy(&mut reader, out).map(|_| ())
}

/// A buffer that refuses to grow past its limit.
struct Capped {
    bytes: Vec<u8>,
    limit: u64,
}

impl Write for Capped {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        if self.bytes.len() as u64 + buf.len() as u64 > self.limit {
            return Err(std::io::Error::new(
                std::io::ErrorKind::FileTooLarge,
                "over the limit",
            ));
        }
        self.bytes.extend_from_slice(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn gzip(bytes: &[u8]) -> Vec<u8> {
        let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
        e.write_all(bytes).unwrap();
        e.finish().unwrap()
    }

    #[test]
    fn every_format_round_trips_and_is_known_by_name_and_magic() {
        let text = "Бишкекте жаңы мектеп ачылды.\n".repeat(200);
        let packed = [
            (Compression::Gzip, gzip(text.as_bytes())),
            (
                Compression::Zstd,
                zstd::encode_all(text.as_bytes(), 3).unwrap(),
            ),
            (Compression::Bzip2, {
                let mut e = bzip2::write::BzEncoder::new(Vec::new(), bzip2::Compression::default());
                e.write_all(text.as_bytes()).unwrap();
                e.finish().unwrap()
            }),
            (Compression::Xz, {
                let mut out = Vec::new();
                lzma_rs::xz_compress(&mut text.as_bytes(), &mut out).unwrap();
                out
            }),
        ];
        for (c, bytes) in packed {
            assert_eq!(Compression::sniff(&bytes), Some(c));
            assert_eq!(
                c.decompress(&bytes, 1 << 20).unwrap(),
                text.as_bytes(),
                "{c:?}"
            );
        }
        assert_eq!(
            Compression::from_name("items.jsonl.gz"),
            (Some(Compression::Gzip), "jsonl")
        );
        assert_eq!(
            Compression::from_name("a.TXT.zst"),
            (Some(Compression::Zstd), "TXT")
        );
        assert_eq!(Compression::from_name("page.html"), (None, "html"));
    }

    #[test]
    fn a_bomb_is_refused_and_a_cut_archive_keeps_what_was_read() {
        let zeros = gzip(&vec![0u8; 50 << 20]);
        let (kept, message) = Compression::Gzip.decompress(&zeros, 1 << 20).unwrap_err();
        assert!(
            kept.is_empty() && message.contains("max_decompressed_bytes"),
            "{message}"
        );
        let text = "line of text number one\n".repeat(5000);
        let packed = gzip(text.as_bytes());
        let (kept, message) = Compression::Gzip
            .decompress(&packed[..packed.len() / 2], 1 << 30)
            .unwrap_err();
        assert!(message.contains("cut short"), "{message}");
        assert!(!kept.is_empty() && text.as_bytes().starts_with(&kept));
    }
}
