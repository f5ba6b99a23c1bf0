//! Incremental alignment: after a one-file edit, the aligner reuses the previous run's
//! features and links, scores only the pairs touching the edited article, and gives the facts
//! a fresh alignment gives (exactly when the edit moves no other anchor's weight, for nearly
//! every claim otherwise); a damaged or misfitting state is rejected with a notice and the
//! alignment is full.

#[path = "support/cached_corpus.rs"]
mod cached_corpus;
#[path = "support/corpus_gen.rs"]
mod corpus_gen;
#[path = "support/fact_pairs.rs"]
mod fact_pairs;

use cached_corpus::{load, run};
use fact_pairs::{memberships, together};
use recoupe::facts::incremental::{self, AlignStats, Mode, Policy, State};
use recoupe::facts::{self, FactSet, Params};
use recoupe::pipeline::cache::Cache;
use recoupe::pipeline::{self, Analysis, incremental_cache};
use std::fs;
use std::path::{Path, PathBuf};

/// Any share of changed articles is accepted (the test corpora are small: one file of 24 is
/// already above the default 2 %).
const LAX: Policy = Policy {
    max_changed: 1.0,
    max_generations: 8,
    rescore: false,
};

fn analyze(dir: &Path) -> Analysis {
    pipeline::analyze(load(dir))
}

fn align(a: &Analysis, prior: Option<&State>, policy: &Policy) -> (FactSet, State, AlignStats) {
    incremental::align(&a.corpus, &a.claims, prior, &Params::default(), policy)
}

fn append(path: &Path, text: &str) {
    let mut t = fs::read_to_string(path).unwrap();
    t.push_str(text);
    fs::write(path, t).unwrap();
}

fn article(dir: &Path, i: usize) -> PathBuf {
    load(dir).articles[i].path.clone()
}

#[test]
fn a_full_run_is_the_cold_alignment() {
    let d = tempfile::tempdir().unwrap();
    let dir = cached_corpus::write_corpus(d.path(), 5);
    let a = analyze(&dir);
    let (f, state, stats) = align(&a, None, &LAX);
    assert_eq!(f, facts::align(&a.corpus, &a.claims));
    assert_eq!(stats.mode, Mode::Full);
    assert_eq!(stats.features_computed, a.claims.len());
    assert!(state.is_consistent());
    // Nothing changed: every link is reused and no pair is scored.
    let (again, _, stats) = align(&a, Some(&state), &LAX);
    assert_eq!(again, f);
    assert_eq!((stats.mode, stats.scored), (Mode::Incremental, 0));
    assert_eq!(stats.reused, state.links.len());
    assert_eq!(stats.features_computed, 0);
}

#[test]
fn an_edit_that_moves_no_weight_gives_the_cold_facts() {
    let d = tempfile::tempdir().unwrap();
    let dir = cached_corpus::write_corpus(d.path(), 5);
    let path = article(&dir, 3);
    // Words no other article uses: replacing them changes no other anchor's claim count.
    append(
        &path,
        "\nLe 3 mai 2024, la société Zorblax a versé 4217 millions d'euros à Quxwel.\n",
    );
    let before = analyze(&dir);
    let (_, state, full) = align(&before, None, &LAX);
    let t = fs::read_to_string(&path).unwrap();
    fs::write(
        &path,
        t.replace("Zorblax", "Vintrope").replace("4217", "5309"),
    )
    .unwrap();
    let after = analyze(&dir);
    assert_eq!(after.claims.len(), before.claims.len());
    let (f, _, stats) = align(&after, Some(&state), &LAX);
    assert_eq!(stats.mode, Mode::Incremental);
    assert_eq!(stats.changed_articles, 1);
    assert!(
        stats.scored > 0 && stats.scored * 4 < full.scored,
        "{stats:?} vs {full:?}"
    );
    assert_eq!(
        stats.features_computed,
        after.article_claims(3).len(),
        "only the edited article's features are computed"
    );
    assert_eq!(f, after.facts, "the cold alignment of the edited corpus");
}

#[test]
fn an_ordinary_edit_keeps_the_facts_of_nearly_every_claim() {
    let d = tempfile::tempdir().unwrap();
    let gen_dir = d.path().join("g");
    let seeds = Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds");
    let g = corpus_gen::Generator::from_dir(&seeds).unwrap();
    g.write_corpus(&gen_dir, 120, 9).unwrap();
    let before = analyze(&gen_dir);
    let (_, state, full) = align(&before, None, &LAX);
    append(
        &article(&gen_dir, 0),
        "\nLe 3 mai 2024, Netflix a versé 42 millions d'euros à ses abonnés.\n",
    );
    let after = analyze(&gen_dir);
    let cold = &after.facts;
    for rescore in [false, true] {
        let policy = Policy { rescore, ..LAX };
        let (f, _, stats) = align(&after, Some(&state), &policy);
        assert_eq!((stats.mode, stats.changed_articles), (Mode::Incremental, 1));
        assert!(stats.scored * 20 < full.scored, "{stats:?} vs {full:?}");
        let (got, want) = (memberships(&f), memberships(cold));
        let same = got.iter().zip(&want).filter(|(x, y)| x == y).count();
        let (x, y) = (together(&f), together(cold));
        let agree = x.intersection(&y).count() as f64 / x.len().max(y.len()) as f64;
        eprintln!(
            "rescore {rescore}: {same} of {} claims in the same facts; {agree:.4} of the \
             pairs stated together agree",
            want.len()
        );
        // Rescored, the links differ from a cold run's only by pairs the old weights left
        // out; kept as they were, also by their scores.
        let share = if rescore { 0.99 } else { 0.95 };
        assert!(
            same as f64 >= share * want.len() as f64,
            "{same} of {} claims in the same facts",
            want.len()
        );
        assert!(agree >= 0.99, "{agree}");
    }
}

#[test]
fn the_policy_bounds_the_drift() {
    let d = tempfile::tempdir().unwrap();
    let dir = cached_corpus::write_corpus(d.path(), 5);
    let a = analyze(&dir);
    let (_, mut state, _) = align(&a, None, &LAX);
    let strict = Policy {
        max_changed: 0.02,
        max_generations: 2,
        rescore: false,
    };
    append(
        &article(&dir, 1),
        "\nNetflix a versé 42 millions d'euros.\n",
    );
    let b = analyze(&dir);
    // One article of 24 is above 2 %: scored in full.
    let (f, _, stats) = align(&b, Some(&state), &strict);
    assert_eq!(stats.mode, Mode::Full);
    assert_eq!(f, b.facts);
    // Within the share, but after the last allowed generation: full again.
    let loose = Policy {
        max_changed: 1.0,
        max_generations: 2,
        rescore: false,
    };
    for expected in [Mode::Incremental, Mode::Incremental, Mode::Full] {
        let (_, next, stats) = align(&b, Some(&state), &loose);
        assert_eq!(stats.mode, expected);
        state = next;
    }
}

/// A way to damage a file.
type Damage = fn(&mut Vec<u8>);

#[test]
fn a_damaged_state_is_rejected_with_a_notice_and_the_alignment_is_full() {
    let d = tempfile::tempdir().unwrap();
    let dir = cached_corpus::write_corpus(d.path(), 5);
    let cache = Cache::at(d.path().join("cache"));
    let (_, s) = run(&dir, &cache);
    assert_eq!(s.aligner.map(|a| a.mode), Some(Mode::Full));
    let state = incremental_cache::path(&cache);
    assert!(matches!(
        incremental_cache::load(&cache),
        incremental_cache::StateLookup::Found(_)
    ));
    let damages: [(&str, Damage); 3] = [
        ("corrupt", |b| {
            let at = b.len() - 5;
            b[at] ^= 0x40;
        }),
        ("truncated", |b| b.truncate(b.len() - 100)),
        ("another version", |b| b[9] ^= 1),
    ];
    for (k, (word, damage)) in damages.iter().enumerate() {
        let mut bytes = fs::read(&state).unwrap();
        damage(&mut bytes);
        fs::write(&state, bytes).unwrap();
        // An edit, so that the facts of the corpus are not simply read back.
        append(
            &article(&dir, k),
            "\nNetflix a versé 42 millions d'euros.\n",
        );
        let (a, s) = run(&dir, &cache);
        assert_eq!(s.aligner.map(|a| a.mode), Some(Mode::Full));
        let notices: Vec<String> = a.corpus.notices.iter().map(|n| n.to_string()).collect();
        assert_eq!(notices.len(), 1, "{notices:?}");
        assert!(
            notices[0].contains("incremental alignment state") && notices[0].contains(word),
            "{notices:?}"
        );
        assert_eq!(a.facts, analyze(&dir).facts);
    }
}

#[test]
fn a_checksummed_state_pointing_outside_itself_is_rejected() {
    let d = tempfile::tempdir().unwrap();
    let dir = cached_corpus::write_corpus(d.path(), 5);
    let cache = Cache::at(d.path().join("cache"));
    let (a, _) = run(&dir, &cache);
    let (_, mut state, _) = align(&a, None, &LAX);
    let n = state.claim_count() as u32;
    state.links.push((0, n + 3, 0.9, false));
    assert!(incremental_cache::store(&cache, &state).unwrap());
    assert!(matches!(
        incremental_cache::load(&cache),
        incremental_cache::StateLookup::Rejected(..)
    ));
}

#[test]
fn another_archive_s_state_is_not_reused() {
    let d = tempfile::tempdir().unwrap();
    let one = cached_corpus::write_corpus(&d.path().join("one"), 5);
    let two = cached_corpus::write_corpus(&d.path().join("two"), 77);
    let (_, state, _) = align(&analyze(&one), None, &Policy::default());
    let b = analyze(&two);
    let (f, _, stats) = align(&b, Some(&state), &Policy::default());
    assert_eq!(stats.mode, Mode::Full);
    assert_eq!(f, b.facts);
}

#[test]
fn concurrent_writers_leave_a_readable_state() {
    let d = tempfile::tempdir().unwrap();
    let dir = cached_corpus::write_corpus(d.path(), 5);
    let cache = Cache::at(d.path().join("cache"));
    let (_, state, _) = align(&analyze(&dir), None, &LAX);
    std::thread::scope(|s| {
        for _ in 0..4 {
            s.spawn(|| {
                for _ in 0..5 {
                    assert!(incremental_cache::store(&cache, &state).unwrap());
                    match incremental_cache::load(&cache) {
                        incremental_cache::StateLookup::Found(back) => assert_eq!(back, state),
                        other => panic!("{other:?}"),
                    }
                }
            });
        }
    });
    let folder = incremental_cache::path(&cache).parent().unwrap().to_owned();
    let left: Vec<_> = fs::read_dir(folder)
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(left.len(), 1, "no temp file left behind: {left:?}");
}
