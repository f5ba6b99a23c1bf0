//! The `recoupe` binary: parses the command line and hands over to the library.

use clap::Parser;

// Millions of short-lived strings and vectors per corpus (claims, anchors, reasons): glibc's
// malloc spent ever longer in its free lists as the heap grew (twice the anchors step's CPU at
// 20,000 articles), mimalloc stays flat and holds less.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    no_transparent_huge_pages();
    recoupe::cli::run(recoupe::cli::Cli::parse())
}

/// Turns transparent huge pages off for this process. mimalloc asks for them on its arenas, and
/// the kernel then zeroes two megabytes at every first touch: on the 2-core VM the targets are
/// measured on, that zeroing was 2 s of system time in a 10,000-article `stats` (wall median
/// 10.3 s → 8.9 s without; user time unchanged). The claims and links are written once and read
/// a few times, so small pages cost nothing measurable in TLB misses.
fn no_transparent_huge_pages() {
    #[cfg(target_os = "linux")]
    // SAFETY: PR_SET_THP_DISABLE takes integer arguments only and changes no memory; a kernel
    // without it fails with EINVAL, which leaves the defaults, as wanted.
    unsafe {
        libc::prctl(libc::PR_SET_THP_DISABLE, 1, 0, 0, 0);
    }
}
