//! The annotation store as the reader uses it: edits, undo/redo, several instances on one
//! journal, replay order independence, re-anchoring after edits, and the user's claims and
//! links laid over an analysis.

use proptest::prelude::*;
use recoupe::annotations::{
    Annotation, Edit, Event, Op, Selector, State, Store, Target, Verdict, apply_to_analysis,
    journal, orphans, resolve,
};
use recoupe::claims::{Claim, Origin};
use recoupe::corpus::from_sources;
use recoupe::facts::{Fact, FactSet};
use recoupe::pipeline::Analysis;
use recoupe::text::{Span, byte_to_char};
use std::path::PathBuf;

/// An analysis of `texts` whose claims are every sentence (built by hand: the test does not
/// depend on the extractor).
fn analysis(texts: &[&str]) -> Analysis {
    let sources = texts
        .iter()
        .enumerate()
        .map(|(i, t)| (PathBuf::from(format!("art{i}.txt")), t.as_bytes().to_vec()))
        .collect();
    let corpus = from_sources(sources);
    let mut claims = Vec::new();
    let mut ranges = Vec::new();
    for (ai, a) in corpus.articles.iter().enumerate() {
        let start = claims.len();
        for span in sentence_spans(&a.text) {
            let text = recoupe::text::slice_chars(&a.text, span).to_owned();
            let h = blake3::hash(text.as_bytes()).to_hex();
            claims.push(claim(format!("{}#{}", a.id, &h[..8]), ai, span, text));
        }
        ranges.push(start..claims.len());
    }
    let n = claims.len();
    Analysis {
        corpus,
        sentences: Vec::new(),
        claims,
        claims_by_article: ranges,
        facts: FactSet {
            facts: Vec::new(),
            by_claim: vec![Vec::new(); n],
        },
    }
}

/// Spans of the sentences after the title's blank line: each ends with a full stop.
fn sentence_spans(text: &str) -> Vec<Span> {
    let chars: Vec<char> = text.chars().collect();
    let body = text.find("\n\n").map_or(0, |b| byte_to_char(text, b) + 2);
    let mut out = Vec::new();
    let mut start = body;
    for (i, &c) in chars.iter().enumerate().skip(body) {
        if c == '.' {
            out.push(Span::new(start, i + 1));
            start = i + 2;
        }
    }
    out
}

fn claim(id: String, article: usize, span: Span, text: String) -> Claim {
    Claim {
        id,
        article,
        span,
        text,
        score: 0.5,
        reasons: Vec::new(),
        modality: Default::default(),
        attribution: None,
        entities: Vec::new(),
        quantities: Vec::new(),
        dates: Vec::new(),
        origin: Origin::Extracted,
    }
}

fn target(a: &Analysis, i: usize) -> Target {
    let c = &a.claims[i];
    Target::claim(c, &a.corpus.articles[c.article])
}

const TEXT: &str = "Titre\n\nMeta a donné à Netflix un accès aux messages privés. Le réseau dément. Les faits datent de 2013 à 2019.";

#[test]
fn edits_undo_and_redo_are_appended_events() {
    let d = tempfile::tempdir().unwrap();
    let p = d.path().join("j.jsonl");
    let a = analysis(&[TEXT]);
    let mut s = Store::open(&p, "alice").unwrap();
    let t = target(&a, 0);
    s.apply(Edit::Verdict(t.clone(), Verdict::False)).unwrap();
    s.apply(Edit::Note(t.clone(), "deux\nlignes".into()))
        .unwrap();
    s.apply(Edit::Tag(t.clone(), "accès".into())).unwrap();
    let mine = |s: &Store| s.state().latest_by(&t.claim, "alice").cloned().unwrap();
    assert_eq!(
        s.state().on_claim(&t.claim).len(),
        1,
        "one annotation, edited three times"
    );
    assert_eq!(mine(&s).note, "deux\nlignes");
    s.undo().unwrap();
    assert!(mine(&s).tags.is_empty());
    s.undo().unwrap();
    assert_eq!(mine(&s).note, "");
    s.redo().unwrap();
    assert_eq!(mine(&s).note, "deux\nlignes");
    s.undo().unwrap();
    s.undo().unwrap();
    assert!(
        s.state().on_claim(&t.claim).is_empty(),
        "undoing the creation deletes it"
    );
    assert_eq!(s.undo().unwrap(), None);
    assert_eq!(journal::load(&p).unwrap().events.len(), 8);
    let reopened = Store::open(&p, "alice").unwrap();
    assert_eq!(reopened.state(), s.state());
    assert_eq!(reopened.state().tags(), Vec::<String>::new());
}

#[test]
fn instances_see_each_others_events_on_reload() {
    let d = tempfile::tempdir().unwrap();
    let p = d.path().join("j.jsonl");
    let a = analysis(&[TEXT]);
    let mut x = Store::open(&p, "x").unwrap();
    let mut y = Store::open(&p, "y").unwrap();
    let (ta, tb) = (target(&a, 0), target(&a, 1));
    std::thread::scope(|sc| {
        sc.spawn(|| {
            for i in 0..50 {
                x.apply(Edit::Create {
                    target: ta.clone(),
                    verdict: Verdict::True,
                    note: i.to_string(),
                    tags: vec![],
                })
                .unwrap();
            }
        });
        sc.spawn(|| {
            for i in 0..50 {
                y.apply(Edit::Create {
                    target: tb.clone(),
                    verdict: Verdict::False,
                    note: i.to_string(),
                    tags: vec![],
                })
                .unwrap();
            }
        });
    });
    assert_eq!(x.state().len(), 50);
    x.reload().unwrap();
    y.reload().unwrap();
    assert_eq!(x.state().len(), 100);
    assert_eq!(x.state(), y.state());
}

#[test]
fn read_only_journal_loads_and_refuses_edits_clearly() {
    let a = analysis(&[TEXT]);
    // A journal under a path that cannot be created (a file stands where its folder should be).
    let d = tempfile::tempdir().unwrap();
    std::fs::write(d.path().join("blocker"), b"x").unwrap();
    let p = d.path().join("blocker/j.jsonl");
    let mut s = Store::open(&p, "alice").unwrap();
    let e = s
        .apply(Edit::Verdict(target(&a, 0), Verdict::True))
        .unwrap_err();
    assert!(e.to_string().starts_with("not saved:"), "{e}");
    assert!(s.state().is_empty(), "a failed edit changes nothing");
    assert!(!s.can_undo());
}

fn arb_event() -> impl Strategy<Value = Event> {
    (
        0..4usize,
        0..3usize,
        0..5i64,
        any::<u32>(),
        0..5usize,
        any::<bool>(),
    )
        .prop_map(|(ann, who, t, id, verdict, delete)| {
            let annotator = format!("u{who}");
            let at = recoupe::annotations::time::format(1_700_000_000_000 + t);
            let data = (!delete).then(|| Annotation {
                id: format!("a-{ann}"),
                claim: format!("c#{}", ann % 2),
                article: "c".into(),
                verdict: Verdict::ALL[verdict],
                note: String::new(),
                tags: vec![],
                links: vec![],
                unlink: false,
                user_claim: false,
                annotator: annotator.clone(),
                created: at.clone(),
                updated: at.clone(),
                selector: Selector::default(),
            });
            Event {
                id: format!("e-{id:08x}"),
                op: if delete { Op::Delete } else { Op::Update },
                at,
                annotator,
                annotation: format!("a-{ann}"),
                data,
            }
        })
}

proptest! {
    #[test]
    fn replay_does_not_depend_on_line_order(
        events in prop::collection::vec(arb_event(), 0..40),
        seed in any::<u64>(),
    ) {
        let mut shuffled = events.clone();
        // Fisher–Yates with a seeded generator: any permutation can come out.
        let mut s = seed | 1;
        for i in (1..shuffled.len()).rev() {
            s ^= s << 13; s ^= s >> 7; s ^= s << 17;
            shuffled.swap(i, (s % (i as u64 + 1)) as usize);
        }
        let a = State::replay(&events);
        let b = State::replay(&shuffled);
        prop_assert_eq!(&a, &b);
        // Concatenating a journal with itself (a union merge of identical sides) changes nothing.
        let doubled: Vec<&Event> = events.iter().chain(shuffled.iter()).collect();
        prop_assert_eq!(State::replay(doubled), a);
    }
}

#[test]
fn annotations_follow_their_claim_when_the_text_changes() {
    let d = tempfile::tempdir().unwrap();
    let p = d.path().join("j.jsonl");
    let before = analysis(&[TEXT]);
    let mut s = Store::open(&p, "alice").unwrap();
    for i in 0..3 {
        s.apply(Edit::Verdict(target(&before, i), Verdict::True))
            .unwrap();
    }
    // Text inserted before, the second sentence edited inside, the third deleted.
    let edited = TEXT
        .replace(
            "Titre\n\n",
            "Titre\n\nUn chapeau ajouté en tête de l’article. ",
        )
        .replace("Le réseau dément.", "Le réseau social dément.")
        .replace(" Les faits datent de 2013 à 2019.", "");
    let after = analysis(&[&edited]);
    let r = resolve(&after, s.state());
    let on = |i: usize| r.by_claim[i].len();
    let first = after
        .claims
        .iter()
        .position(|c| c.text.starts_with("Meta"))
        .unwrap();
    let second = after
        .claims
        .iter()
        .position(|c| c.text.starts_with("Le réseau"))
        .unwrap();
    assert_ne!(
        after.claims[second].id, before.claims[1].id,
        "the edit changed the id"
    );
    assert_eq!((on(first), on(second)), (1, 1));
    let lost = orphans(&after, s.state());
    assert_eq!(lost.len(), 1);
    assert_eq!(
        lost[0].annotation.selector.exact,
        "Les faits datent de 2013 à 2019."
    );
    assert!(lost[0].reason.contains("no longer"), "{}", lost[0].reason);
}

#[test]
fn user_claims_links_and_unlinks_override_the_analysis() {
    let d = tempfile::tempdir().unwrap();
    let p = d.path().join("j.jsonl");
    let texts = [
        TEXT,
        "Autre\n\nNetflix lisait les messages privés. Rien d’autre ici.",
    ];
    let mut a = analysis(&texts);
    // The aligner put claim 0 and claim 3 together, and claim 1 with claim 4.
    a.facts = FactSet {
        facts: vec![fact("f-1", vec![0, 3]), fact("f-2", vec![1, 4])],
        by_claim: vec![vec![0], vec![1], vec![], vec![0], vec![1]],
    };
    let mut s = Store::open(&p, "alice").unwrap();
    s.apply(Edit::Unlink(target(&a, 4), true)).unwrap();
    s.apply(Edit::Link(target(&a, 2), a.claims[3].id.clone()))
        .unwrap();
    let art = &a.corpus.articles[1];
    let b = art.text.find("lisait").unwrap();
    let start = byte_to_char(&art.text, b);
    let user = Target::user_claim(art, Span::new(start, start + "lisait".chars().count()));
    s.apply(Edit::UserClaim(user.clone())).unwrap();

    let mut b = a.clone();
    apply_to_analysis(&mut b, s.state());
    assert_eq!(b.claims.len(), 6);
    let u = b.claims.iter().position(|c| c.id == user.claim).unwrap();
    assert_eq!(b.claims[u].origin, Origin::User);
    assert_eq!(b.claims[u].text, "lisait");
    assert_eq!(
        b.article_claims(1).len(),
        3,
        "the user claim belongs to article 1"
    );
    let idx = |id: &str| b.claims.iter().position(|c| c.id == id).unwrap();
    let f1 = b.facts.facts.iter().find(|f| f.id == "f-1").unwrap();
    let mut want = vec![
        idx(&a.claims[0].id),
        idx(&a.claims[2].id),
        idx(&a.claims[3].id),
    ];
    want.sort();
    assert_eq!(f1.claims, want, "claim 2 joined claim 3's fact");
    assert!(
        b.facts.facts.iter().all(|f| f.id != "f-2"),
        "f-2 lost its only other member"
    );
    assert!(b.facts.by_claim[idx(&a.claims[4].id)].is_empty());
    assert_eq!(b.facts.by_claim[idx(&a.claims[2].id)], vec![0]);
}

fn fact(id: &str, claims: Vec<usize>) -> Fact {
    Fact {
        id: id.into(),
        label: id.into(),
        claims,
        articles: vec![0, 1],
        conflicts: vec![],
        contradicts: vec![],
        why: vec![],
    }
}
