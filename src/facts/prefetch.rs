//! Software prefetch for the aligner's scattered reads.
//!
//! At archive scale the aligner's hottest loops read memory in an order no cache predicts: a
//! candidate's anchors, the far end of a link, each somewhere in gigabytes. Each read
//! then waits on memory (100,000 articles: scoring 43 M candidate pairs took 12.8 s, 7.8 s once
//! the next candidates' anchors were asked for ahead). Those loops know their next reads a few
//! steps early, so they ask for them with [`prefetch`].

/// Asks the CPU to bring the cache line holding `p` closer, as a hint: it reads nothing the
/// program sees and never faults, whatever `p` points to. A no-op but on x86-64.
#[inline(always)]
pub(crate) fn prefetch<T>(p: *const T) {
    #[cfg(target_arch = "x86_64")]
    // SAFETY: a prefetch never faults, whatever the address, and changes no state the program
    // can observe; SSE, which it needs, is part of every x86-64 CPU.
    unsafe {
        use std::arch::x86_64::{_MM_HINT_T0, _mm_prefetch};
        _mm_prefetch::<_MM_HINT_T0>(p.cast());
    }
    #[cfg(not(target_arch = "x86_64"))]
    let _ = p;
}
