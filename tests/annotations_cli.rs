//! The annotation subcommands end to end: concurrent writers, writers killed mid-way, exports,
//! imports and agreement, running the built binary.

#[path = "common/annotations.rs"]
mod common;

use recoupe::annotations::{Store, Verdict, journal};
use std::collections::HashSet;
use std::path::Path;
use std::process::{Command, Output, Stdio};

fn recoupe(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_recoupe"))
        .args(args)
        .arg(dir)
        .env("USER", "tester")
        .output()
        .unwrap()
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

#[test]
fn concurrent_writers_lose_nothing() {
    let d = tempfile::tempdir().unwrap();
    common::write_corpus(d.path(), 10);
    let j = common::journal(d.path());
    let claims = common::mark_claims(d.path(), &j, 10);
    let printed: Vec<String> = std::thread::scope(|s| {
        let handles: Vec<_> = (0..4)
            .map(|w| {
                let claims = &claims;
                let dir = d.path();
                s.spawn(move || {
                    (0..100)
                        .map(|i| {
                            let who = format!("writer{w}");
                            let note = format!("note {w}/{i}");
                            let o = recoupe(
                                dir,
                                &[
                                    "annotate",
                                    "--claim",
                                    &claims[i % 10],
                                    "--verdict",
                                    "true",
                                    "--note",
                                    &note,
                                    "--annotator",
                                    &who,
                                ],
                            );
                            assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
                            stdout(&o).trim().to_owned()
                        })
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        handles
            .into_iter()
            .flat_map(|h| h.join().unwrap())
            .collect()
    });
    assert_eq!(printed.iter().collect::<HashSet<_>>().len(), 400);
    let store = Store::open(&j, "reader").unwrap();
    assert!(store.notices().is_empty(), "{:?}", store.notices());
    for id in &printed {
        let a = store.state().get(id).unwrap_or_else(|| panic!("{id} lost"));
        assert_eq!(a.verdict, Verdict::True);
    }
    assert_eq!(store.state().len(), 410);
}

/// A tiny deterministic generator for the kill delays (no random-number crate needed).
fn lcg(seed: &mut u64) -> u64 {
    *seed = seed
        .wrapping_mul(6_364_136_223_846_793_005)
        .wrapping_add(1_442_695_040_888_963_407);
    *seed >> 33
}

#[test]
fn writers_killed_at_random_moments_keep_every_printed_annotation() {
    let d = tempfile::tempdir().unwrap();
    common::write_corpus(d.path(), 3);
    let j = common::journal(d.path());
    let claims = common::mark_claims(d.path(), &j, 3);
    // How long one writer lives, so that kills land before, during and after its append.
    let t0 = std::time::Instant::now();
    let o = recoupe(
        d.path(),
        &["annotate", "--claim", &claims[0], "--verdict", "true"],
    );
    assert!(o.status.success());
    // Up to three lifetimes: some kills land before the append, some during, and enough after
    // it that printed ids are checked too, whatever the machine's speed that moment.
    let life = (t0.elapsed().as_micros() as u64 * 3).max(1000);
    let mut seed = 0x5eed_u64;
    let mut printed = vec![stdout(&o).trim().to_owned()];
    let mut killed = 0;
    for round in 0..60 {
        let mut child = Command::new(env!("CARGO_BIN_EXE_recoupe"))
            .args([
                "annotate",
                "--claim",
                &claims[round % 3],
                "--verdict",
                "false",
            ])
            .arg(d.path())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        // Kill at a random moment of the process's life (before, during or after its append);
        // the delay is the randomness under test, not a synchronisation.
        std::thread::sleep(std::time::Duration::from_micros(lcg(&mut seed) % life));
        if child.kill().is_ok() {
            killed += 1;
        }
        let o = child.wait_with_output().unwrap();
        let id = stdout(&o).trim().to_owned();
        if !id.is_empty() {
            printed.push(id);
        }
    }
    // Simulate a crash in the middle of a line as well: the load skips it with a notice.
    use std::io::Write;
    let mut f = std::fs::OpenOptions::new().append(true).open(&j).unwrap();
    f.write_all(b"{\"id\":\"e-torn\",\"op\":\"upd").unwrap();
    let o = recoupe(
        d.path(),
        &["annotate", "--claim", &claims[0], "--verdict", "true"],
    );
    assert!(o.status.success());
    assert!(String::from_utf8_lossy(&o.stderr).contains("incomplete"));
    printed.push(stdout(&o).trim().to_owned());
    let store = Store::open(&j, "reader").unwrap();
    for id in &printed {
        assert!(
            store.state().get(id).is_some(),
            "{id} was printed but is not in the journal"
        );
    }
    assert_eq!(store.notices().len(), 1, "{:?}", store.notices());
    assert!(
        killed > 0 && printed.len() > 2,
        "killed {killed}, printed {}",
        printed.len()
    );
}

#[test]
fn unknown_claim_and_bad_verdict_exit_2() {
    let d = tempfile::tempdir().unwrap();
    common::write_corpus(d.path(), 1);
    let o = recoupe(
        d.path(),
        &["annotate", "--claim", "nope#00000000", "--verdict", "true"],
    );
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("no claim \"nope#00000000\""));
    assert!(stdout(&o).is_empty());
    let o = recoupe(
        d.path(),
        &["annotate", "--claim", "x", "--verdict", "perhaps"],
    );
    assert_eq!(o.status.code(), Some(2));
}

#[cfg(target_os = "linux")]
#[test]
fn full_disk_is_reported_and_nothing_already_saved_is_touched() {
    let d = tempfile::tempdir().unwrap();
    common::write_corpus(d.path(), 1);
    let j = common::journal(d.path());
    common::mark_claims(d.path(), &j, 1);
    let before = std::fs::read(&j).unwrap();
    let o = recoupe(
        d.path(),
        &["import", j.to_str().unwrap(), "--annotations", "/dev/full"],
    );
    assert_eq!(o.status.code(), Some(1));
    assert!(
        String::from_utf8_lossy(&o.stderr).contains("disk full"),
        "{o:?}"
    );
    assert!(stdout(&o).is_empty());
    assert_eq!(std::fs::read(&j).unwrap(), before);
}

#[test]
fn exports_carry_the_annotations() {
    let d = tempfile::tempdir().unwrap();
    common::write_corpus(d.path(), 2);
    let j = common::journal(d.path());
    let claims = common::mark_claims(d.path(), &j, 2);
    let o = recoupe(
        d.path(),
        &[
            "annotate",
            "--claim",
            &claims[1],
            "--verdict",
            "misleading",
            "--note",
            "chiffre, \"arrondi\"\nvoir source",
            "--tag",
            "chiffre",
            "--tag",
            "à vérifier",
        ],
    );
    assert!(o.status.success());
    let id = stdout(&o).trim().to_owned();

    let w3c: serde_json::Value =
        serde_json::from_slice(&recoupe(d.path(), &["export", "--format", "w3c"]).stdout).unwrap();
    assert_eq!(w3c["@context"], "http://www.w3.org/ns/anno.jsonld");
    let items = w3c["first"]["items"].as_array().unwrap();
    let item = items
        .iter()
        .find(|i| i["id"].as_str().unwrap().ends_with(&id))
        .unwrap();
    assert_eq!(item["type"], "Annotation");
    assert_eq!(
        item["motivation"],
        serde_json::json!(["assessing", "commenting", "tagging"])
    );
    assert_eq!(item["creator"]["nickname"], "tester");
    assert!(item["created"].as_str().unwrap().ends_with('Z'));
    assert!(item["modified"].is_string());
    let sel = &item["target"]["selector"];
    assert_eq!(sel[0]["type"], "TextQuoteSelector");
    assert_eq!(sel[0]["exact"], common::sentences(2)[1]);
    assert_eq!(sel[1]["type"], "TextPositionSelector");
    assert!(
        item["target"]["source"]
            .as_str()
            .unwrap()
            .contains("article")
    );

    let json: serde_json::Value =
        serde_json::from_slice(&recoupe(d.path(), &["export"]).stdout).unwrap();
    let anns = json["annotations"].as_array().unwrap();
    let a = anns.iter().find(|a| a["id"] == id.as_str()).unwrap();
    for key in [
        "id",
        "claim",
        "article",
        "verdict",
        "note",
        "tags",
        "links",
        "annotator",
        "created",
        "updated",
        "selector",
    ] {
        assert!(a.get(key).is_some(), "missing {key}");
    }
    assert_eq!(a["verdict"], "misleading");

    let csv = stdout(&recoupe(d.path(), &["export", "--format", "csv"]));
    assert!(csv.starts_with("id,claim,article,annotator,verdict,note"));
    assert!(
        csv.contains("\"chiffre, \"\"arrondi\"\"\nvoir source\""),
        "{csv}"
    );
    assert!(csv.contains("chiffre;à vérifier"));

    let md = stdout(&recoupe(d.path(), &["export", "--format", "md"]));
    assert!(md.starts_with("# Fact-check report"));
    assert!(md.contains("tester: **misleading**"), "{md}");
    assert!(md.contains("#à vérifier"));
}

#[test]
fn import_is_idempotent_for_w3c_and_journals() {
    let src = tempfile::tempdir().unwrap();
    common::write_corpus(src.path(), 2);
    let j = common::journal(src.path());
    let claims = common::mark_claims(src.path(), &j, 2);
    recoupe(
        src.path(),
        &["annotate", "--claim", &claims[0], "--verdict", "false"],
    );
    let w3c_file = src.path().join("export.jsonld");
    std::fs::write(
        &w3c_file,
        recoupe(src.path(), &["export", "--format", "w3c"]).stdout,
    )
    .unwrap();

    let dst = tempfile::tempdir().unwrap();
    common::write_corpus(dst.path(), 2);
    let dst_j = common::journal(dst.path());
    for file in [&w3c_file, &j] {
        let f = file.to_str().unwrap();
        let first = recoupe(dst.path(), &["import", f]);
        assert!(
            first.status.success(),
            "{}",
            String::from_utf8_lossy(&first.stderr)
        );
        let after_first = std::fs::read(&dst_j).unwrap();
        let second = recoupe(dst.path(), &["import", f]);
        assert!(
            stdout(&second).starts_with("imported 0 of"),
            "{}",
            stdout(&second)
        );
        assert_eq!(std::fs::read(&dst_j).unwrap(), after_first);
    }
    let a = Store::open(&j, "x").unwrap();
    let b = Store::open(&dst_j, "x").unwrap();
    assert_eq!(a.state().len(), 3);
    let ids: Vec<_> = a.state().iter().map(|x| (&x.id, x.verdict)).collect();
    let back: Vec<_> = b.state().iter().map(|x| (&x.id, x.verdict)).collect();
    assert_eq!(ids, back);
    assert!(journal::load(&dst_j).unwrap().notices.is_empty());
}

#[test]
fn agreement_prints_kappa_per_pair() {
    let d = tempfile::tempdir().unwrap();
    common::write_corpus(d.path(), 4);
    let j = common::journal(d.path());
    let c = common::mark_claims(d.path(), &j, 4);
    // alice: T T F F ; bob: T F F F → pₒ = 3/4, pₑ = .5·.25 + .5·.75 = .5, κ = .5
    for (who, verdicts) in [
        ("alice", ["true", "true", "false", "false"]),
        ("bob", ["true", "false", "false", "false"]),
    ] {
        for (claim, v) in c.iter().zip(verdicts) {
            let o = recoupe(
                d.path(),
                &[
                    "annotate",
                    "--claim",
                    claim,
                    "--verdict",
                    v,
                    "--annotator",
                    who,
                ],
            );
            assert!(o.status.success());
        }
    }
    let out = stdout(&recoupe(d.path(), &["agreement"]));
    assert!(out.contains("alice\tbob\t4\t75.0%\t0.500"), "{out}");
}
