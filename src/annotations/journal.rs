//! The journal file: append-only JSON Lines, one [`Event`] per line.
//!
//! Durability: each append is written in one `write` call, then `fsync`ed, before it is reported
//! saved. Concurrency: an exclusive lock on the file is held around each append, so several
//! instances (or scripts) can write the same journal at once without interleaving lines.
//! Crashes: a line cut short by a crash is skipped on load with a notice, and the next append
//! first ends it with a newline so that its own event starts on a fresh line. A failed write
//! (disk full) is cut back to the length the file had before, leaving what was saved intact.

use super::model::Event;
use std::fmt;
use std::fs::{File, OpenOptions};
use std::io::{self, Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};

/// Why an event could not be saved. Its message is meant for the status line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SaveError {
    /// The journal.
    pub path: PathBuf,
    /// What went wrong.
    pub message: String,
}

impl SaveError {
    fn new(path: &Path, what: &str, e: &io::Error) -> SaveError {
        let reason = match e.kind() {
            io::ErrorKind::StorageFull => "disk full".to_owned(),
            io::ErrorKind::PermissionDenied | io::ErrorKind::ReadOnlyFilesystem => {
                format!("read-only ({e})")
            }
            _ => e.to_string(),
        };
        SaveError {
            path: path.to_owned(),
            message: format!("{what}: {reason}"),
        }
    }
}

impl fmt::Display for SaveError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "not saved: {} ({}); nothing already saved was changed",
            self.message,
            self.path.display()
        )
    }
}

impl std::error::Error for SaveError {}

/// What [`load`] read: the events, and notices about lines it had to skip.
#[derive(Debug, Default)]
pub struct Loaded {
    /// The readable events, in file order.
    pub events: Vec<Event>,
    /// One message per skipped line.
    pub notices: Vec<String>,
}

/// Reads the whole journal under a shared lock. A missing file is an empty journal.
pub fn load(path: &Path) -> io::Result<Loaded> {
    let mut file = match File::open(path) {
        Ok(f) => f,
        Err(e)
            if matches!(
                e.kind(),
                io::ErrorKind::NotFound | io::ErrorKind::NotADirectory
            ) =>
        {
            return Ok(Loaded::default());
        }
        Err(e) => return Err(e),
    };
    if !file.metadata()?.is_file() {
        // A device or a pipe (`/dev/full`, `/dev/null`): it may never end; it holds no events.
        return Ok(Loaded::default());
    }
    let mut bytes = Vec::new();
    // Some files (pipes, special devices) cannot be locked; reading them unlocked is fine.
    let locked = file.lock_shared().is_ok();
    let read = file.read_to_end(&mut bytes);
    if locked {
        let _ = file.unlock();
    }
    read?;
    Ok(parse(&bytes, path))
}

/// Parses journal bytes; unreadable lines become notices.
pub fn parse(bytes: &[u8], path: &Path) -> Loaded {
    let mut out = Loaded::default();
    let complete = bytes.ends_with(b"\n");
    let lines: Vec<&[u8]> = bytes.split(|&b| b == b'\n').collect();
    let last = lines.len().saturating_sub(1);
    for (i, line) in lines.iter().enumerate() {
        if line.iter().all(u8::is_ascii_whitespace) {
            continue;
        }
        let parsed = std::str::from_utf8(line)
            .map_err(|e| e.to_string())
            .and_then(|s| serde_json::from_str::<Event>(s).map_err(|e| e.to_string()));
        match parsed {
            Ok(ev) => out.events.push(ev),
            Err(_) if i == last && !complete => out.notices.push(format!(
                "{}: last line is incomplete (interrupted write); skipped",
                path.display()
            )),
            Err(e) => out.notices.push(format!(
                "{}: line {} is not a journal event ({e}); skipped",
                path.display(),
                i + 1
            )),
        }
    }
    out
}

/// An open journal, ready to append.
#[derive(Debug)]
pub struct Journal {
    path: PathBuf,
    file: Option<File>,
}

impl Journal {
    /// Opens (creating when missing, with its folder) the journal at `path` for appending.
    pub fn open(path: &Path) -> Result<Journal, SaveError> {
        let mut j = Journal {
            path: path.to_owned(),
            file: None,
        };
        j.ensure_open()?;
        Ok(j)
    }

    /// A journal that has not been opened for writing; the first append opens it.
    pub fn closed(path: &Path) -> Journal {
        Journal {
            path: path.to_owned(),
            file: None,
        }
    }

    /// Where it is.
    pub fn path(&self) -> &Path {
        &self.path
    }

    fn ensure_open(&mut self) -> Result<&File, SaveError> {
        if self.file.is_none() {
            let existed = self.path.exists();
            if let Some(dir) = self.path.parent().filter(|d| !d.as_os_str().is_empty()) {
                std::fs::create_dir_all(dir)
                    .map_err(|e| SaveError::new(&self.path, "cannot create its folder", &e))?;
            }
            let f = OpenOptions::new()
                .read(true)
                .append(true)
                .create(true)
                .open(&self.path)
                .map_err(|e| SaveError::new(&self.path, "cannot open the journal", &e))?;
            if !existed {
                sync_parent(&self.path);
                super::location::mark_union_merge(&self.path);
            }
            self.file = Some(f);
        }
        Ok(self.file.as_ref().expect("opened above"))
    }

    /// Appends one event and returns once it is on disk (written and fsynced).
    pub fn append(&mut self, event: &Event) -> Result<(), SaveError> {
        let mut line = serde_json::to_vec(event).map_err(|e| SaveError {
            path: self.path.clone(),
            message: format!("cannot encode the event: {e}"),
        })?;
        line.push(b'\n');
        let path = self.path.clone();
        let result = {
            let file = self.ensure_open()?;
            let locked = file.lock().is_ok();
            let r = append_locked(file, &line, &path);
            if locked {
                let _ = file.unlock();
            }
            r
        };
        if result.is_err() {
            // Reopen next time: the handle may point at a replaced or remounted file.
            self.file = None;
        }
        result
    }
}

/// The append proper, under the exclusive lock.
fn append_locked(mut file: &File, line: &[u8], path: &Path) -> Result<(), SaveError> {
    let len = file
        .seek(SeekFrom::End(0))
        .map_err(|e| SaveError::new(path, "cannot read the journal", &e))?;
    let mut buf = Vec::with_capacity(line.len() + 1);
    if len > 0 && !ends_with_newline(file, len) {
        buf.push(b'\n'); // a torn last line: start ours on a fresh line
    }
    buf.extend_from_slice(line);
    let written = file.write_all(&buf).and_then(|()| file.sync_data());
    if let Err(e) = written {
        // Cut back whatever part of the line reached the file; what was saved stays as it was.
        if file.set_len(len).is_ok() {
            let _ = file.sync_data();
        }
        return Err(SaveError::new(path, "cannot write the journal", &e));
    }
    Ok(())
}

fn ends_with_newline(mut file: &File, len: u64) -> bool {
    let mut last = [0u8];
    file.seek(SeekFrom::Start(len - 1)).is_ok()
        && file.read_exact(&mut last).is_ok()
        && last[0] == b'\n'
}

/// Makes a new file's directory entry durable (best effort: not every platform allows it).
fn sync_parent(path: &Path) {
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty())
        && let Ok(d) = File::open(dir)
    {
        let _ = d.sync_all();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::annotations::model::Op;

    fn event(n: usize) -> Event {
        Event {
            id: format!("e-{n}"),
            op: Op::Delete,
            at: "2026-01-01T00:00:00.000Z".into(),
            annotator: "t".into(),
            annotation: format!("a-{n}"),
            data: None,
        }
    }

    #[test]
    fn appends_and_loads_back() {
        let d = tempfile::tempdir().unwrap();
        let p = d.path().join("sub/j.jsonl");
        let mut j = Journal::open(&p).unwrap();
        for n in 0..3 {
            j.append(&event(n)).unwrap();
        }
        let l = load(&p).unwrap();
        assert_eq!(l.events, (0..3).map(event).collect::<Vec<_>>());
        assert!(l.notices.is_empty());
    }

    #[test]
    fn torn_last_line_is_skipped_and_next_append_starts_fresh() {
        let d = tempfile::tempdir().unwrap();
        let p = d.path().join("j.jsonl");
        let mut j = Journal::open(&p).unwrap();
        j.append(&event(0)).unwrap();
        let mut f = OpenOptions::new().append(true).open(&p).unwrap();
        f.write_all(b"{\"id\":\"e-1\",\"op\":\"del").unwrap();
        let l = load(&p).unwrap();
        assert_eq!(l.events, vec![event(0)]);
        assert_eq!(l.notices.len(), 1);
        assert!(l.notices[0].contains("incomplete"), "{:?}", l.notices);
        j.append(&event(2)).unwrap();
        let l = load(&p).unwrap();
        assert_eq!(l.events, vec![event(0), event(2)]);
        assert!(l.notices[0].contains("line 2"), "{:?}", l.notices);
    }

    #[test]
    fn missing_journal_is_empty() {
        let l = load(Path::new("/nonexistent/recoupe/j.jsonl")).unwrap();
        assert!(l.events.is_empty() && l.notices.is_empty());
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn full_disk_is_a_clear_error() {
        let mut j = Journal::closed(Path::new("/dev/full"));
        let e = j.append(&event(0)).unwrap_err();
        assert!(e.to_string().contains("disk full"), "{e}");
    }

    #[test]
    fn uncreatable_folder_is_a_clear_error() {
        let d = tempfile::tempdir().unwrap();
        let blocker = d.path().join("file");
        std::fs::write(&blocker, b"x").unwrap();
        let e = Journal::open(&blocker.join("j.jsonl")).unwrap_err();
        assert!(e.to_string().contains("cannot create its folder"), "{e}");
        assert_eq!(std::fs::read(&blocker).unwrap(), b"x");
    }
}
