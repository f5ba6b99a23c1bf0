//! The on-disk state of the incremental aligner ([`crate::facts::incremental::State`]): the
//! features and links of the last alignment, so that after an edit only the changed articles'
//! candidate pairs are scored.
//!
//! One file per cache, `<cache dir>/facts/last.state`, holding the last corpus aligned (the
//! [`super::facts_cache`] files still answer an unchanged corpus at once; this one serves the
//! next, slightly different one). Opening another archive replaces it: the first edit of the
//! archive opened before it is then a full alignment again.
//!
//! Nothing read is trusted, as for the other cache files: a header (magic, format, program
//! version, the aligner's fingerprint), the payload's length and BLAKE3 checksum, the payload
//! (postcard), whose indexes are checked ([`State::is_consistent`]). A rejected file is
//! reported as a notice and the alignment is full. Written whole to a temp file and renamed
//! over ([`super::cache::write_atomically`]), so concurrent instances never leave a torn file.

use super::cache::{Cache, Rejection, file_header, frame, unframe, write_atomically};
use crate::facts::incremental::State;
use std::fs;
use std::io;
use std::path::PathBuf;

/// Bumped whenever the layout or the meaning of the state changes.
pub const FORMAT: u32 = 1;

const MAGIC: &[u8; 4] = b"RCIN";

fn header() -> Vec<u8> {
    file_header(MAGIC, FORMAT, &super::facts_cache::schema())
}

/// Where the state lives.
pub fn path(cache: &Cache) -> PathBuf {
    cache.dir().join("facts").join("last.state")
}

/// The outcome of a lookup.
#[derive(Debug)]
pub enum StateLookup {
    /// A state to start from.
    Found(State),
    /// None written yet.
    Missing,
    /// A file was there but could not be trusted.
    Rejected(Rejection, PathBuf),
}

/// Reads the state of the last alignment.
pub fn load(cache: &Cache) -> StateLookup {
    let path = path(cache);
    let Ok(bytes) = fs::read(&path) else {
        return StateLookup::Missing;
    };
    match parse(&bytes) {
        Ok(state) => StateLookup::Found(state),
        Err(why) => StateLookup::Rejected(why, path),
    }
}

fn parse(bytes: &[u8]) -> Result<State, Rejection> {
    let payload = unframe(bytes, &header())?;
    let state: State = postcard::from_bytes(payload).map_err(|_| Rejection::Corrupt)?;
    if !state.is_consistent() {
        // Checksummed but pointing outside itself: not written by this code.
        return Err(Rejection::Foreign);
    }
    Ok(state)
}

/// Writes `state` as the last alignment. Returns false (and writes nothing) when it would not
/// read back identically (postcard is not self-describing).
pub fn store(cache: &Cache, state: &State) -> io::Result<bool> {
    let Ok(payload) = postcard::to_stdvec(state) else {
        return Ok(false);
    };
    if !postcard::from_bytes::<State>(&payload).is_ok_and(|back| back == *state) {
        return Ok(false);
    }
    let head = frame(header(), &payload);
    let target = path(cache);
    fs::create_dir_all(target.parent().expect("the state lives in a folder"))?;
    write_atomically(&target, &[&head, &payload])?;
    Ok(true)
}
