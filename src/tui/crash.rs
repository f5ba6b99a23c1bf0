//! The panic hook: a bug must not leave the user's terminal in raw mode on the alternate
//! screen. The hook restores the terminal first, then writes a report file (message, location,
//! backtrace) to the XDG state directory (or the cache or temp directory) and says where on
//! stderr.

use std::io::Write;
use std::path::PathBuf;

/// Installs the hook. It replaces the default one, whose message would land on the alternate
/// screen and vanish.
pub fn install() {
    std::panic::set_hook(Box::new(|info| {
        super::terminal::restore();
        let message = info
            .payload()
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| info.payload().downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "unknown panic".to_string());
        let location = info
            .location()
            .map(|l| format!("{}:{}:{}", l.file(), l.line(), l.column()))
            .unwrap_or_default();
        let report = format!(
            "recoupe {} crashed\nmessage: {message}\nlocation: {location}\n\nbacktrace:\n{}\n",
            env!("CARGO_PKG_VERSION"),
            std::backtrace::Backtrace::force_capture()
        );
        let mut stderr = std::io::stderr().lock();
        let _ = writeln!(stderr, "recoupe: internal error: {message} ({location})");
        match write_report(&report) {
            Some(path) => {
                let _ = writeln!(
                    stderr,
                    "recoupe: a crash report was written to {}",
                    path.display()
                );
            }
            None => {
                let _ = writeln!(stderr, "recoupe: could not write a crash report:\n{report}");
            }
        }
    }));
}

/// Writes the report to the first directory that accepts it.
fn write_report(report: &str) -> Option<PathBuf> {
    use etcetera::BaseStrategy;
    let stamp = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    let name = format!("crash-{stamp}-{}.txt", std::process::id());
    let base = etcetera::choose_base_strategy().ok();
    let dirs = [
        base.as_ref().and_then(|b| b.state_dir()),
        base.as_ref().map(|b| b.cache_dir()),
        Some(std::env::temp_dir()),
    ];
    dirs.into_iter().flatten().find_map(|dir| {
        let dir = dir.join("recoupe");
        std::fs::create_dir_all(&dir).ok()?;
        let path = dir.join(&name);
        std::fs::write(&path, report).ok()?;
        Some(path)
    })
}
