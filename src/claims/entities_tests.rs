//! Tests of [`super`]: canonical names, surnames, typos, aliases and groups.

use super::*;
use std::path::PathBuf;

fn model(texts: &[&str]) -> EntityModel {
    let sources = texts
        .iter()
        .enumerate()
        .map(|(i, t)| (PathBuf::from(format!("a{i}.txt")), t.as_bytes().to_vec()))
        .collect();
    let corpus = crate::corpus::from_sources(sources);
    let sentences = corpus.segment();
    EntityModel::learn(&corpus, &sentences)
}

#[test]
fn surnames_typos_and_aliases_resolve() {
    let m = model(&[
        "Titre un\n\nLe cofondateur de Netflix, Reed Hastings, a parlé au PDG Mark Zuckerberg. \
         Le porte-parole Andy Stone a répondu sur X (Twitter).\n",
        "Titre deux\n\nSelon Hastings, Netlix et Netflix ont signé avec Zuckerberg. \
         « Faux », a écrit Stone. Netflix encore, et Meta (anciennement Facebook).\n",
    ]);
    assert_eq!(m.canonical("Hastings"), Some("Reed Hastings"));
    assert_eq!(m.canonical("Zuckerberg"), Some("Mark Zuckerberg"));
    assert_eq!(m.canonical("Stone"), Some("Andy Stone"));
    assert_eq!(m.canonical("Netlix"), Some("Netflix"));
    assert_eq!(m.canonical("Twitter"), Some("X"));
    assert_eq!(m.kind("Reed Hastings"), Some(EntityKind::Person));
    assert_eq!(m.kind("Netflix"), Some(EntityKind::Organisation));
    assert_eq!(m.canonical("Facebook"), Some("Facebook"));
    assert!(m.same_group("Facebook", "Meta"));
    assert!(!m.same_group("Netflix", "Meta"));
}

#[test]
fn corpus_learns_groups_not_in_the_alias_file() {
    let m = model(&["Titre\n\nLe groupe Globex (anciennement Initech) a racheté Umbrella.\n"]);
    assert!(m.same_group("Globex", "Initech"));
    assert_ne!(m.canonical("Initech"), m.canonical("Globex"));
    assert!(!m.same_group("Globex", "Umbrella"));
}
