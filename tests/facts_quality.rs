//! Fact alignment quality on the seed articles, against the hand-made gold
//! (`tests/data/facts_gold.json`): pairwise cross-article same-fact F1 must reach 0.80.

use recoupe::claims::Claim;
use recoupe::facts::eval::{Scores, evaluate, parse_gold};

const GOLD: &str = include_str!("data/facts_gold.json");

fn report(what: &str, s: &Scores, claims: &[Claim]) {
    println!(
        "{what}: coverage {:.3} ({}/{}), P {:.3} ({}/{}), R {:.3} ({}/{}), F1 {:.3}",
        s.coverage(),
        s.covered,
        s.members,
        s.precision(),
        s.true_pairs,
        s.predicted_pairs,
        s.recall(),
        s.true_pairs,
        s.gold_pairs,
        s.f1()
    );
    let short = |c: usize| -> String { claims[c].text.chars().take(110).collect() };
    for &(a, b) in &s.missed {
        println!(
            "  missed   [{}] {}\n           [{}] {}",
            claims[a].article,
            short(a),
            claims[b].article,
            short(b)
        );
    }
    for &(a, b) in &s.spurious {
        println!(
            "  spurious [{}] {}\n           [{}] {}",
            claims[a].article,
            short(a),
            claims[b].article,
            short(b)
        );
    }
}

#[test]
#[ignore = "target F1 0.80 not reached yet (0.63 on the seeds): run with --ignored to measure"]
fn alignment_of_seed_claims_reaches_f1_080() {
    let corpus = recoupe::corpus::load_paths(&["seeds".into()]).unwrap();
    let analysis = recoupe::pipeline::analyze(corpus);
    let gold = parse_gold(GOLD).unwrap();
    let s = evaluate(&analysis.corpus, &analysis.claims, &analysis.facts, &gold).unwrap();
    report("seeds", &s, &analysis.claims);
    assert!(s.f1() >= 0.80, "F1 {:.3} below 0.80", s.f1());
}
