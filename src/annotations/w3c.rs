//! W3C Web Annotation (JSON-LD) export and import.
//!
//! Each annotation becomes one `Annotation` with bodies for its verdict (`assessing`), note
//! (`commenting`), tags (`tagging`) and links (`linking`), and a target made of the article
//! (`urn:recoupe:article:<id>`) with a `TextQuoteSelector` and a `TextPositionSelector` (the
//! W3C counts positions in code points, as recoupe does). What the W3C model has no slot for
//! (claim id, text hash, unlink, user claim) travels in a `recoupe` extension object, so an
//! export imports back unchanged; annotations from other tools are placed by their selectors.

use super::model::{Annotation, Event, Op, Selector, Verdict};
use super::time;
use serde_json::{Value, json};

/// The Web Annotation JSON-LD context.
pub const CONTEXT: &str = "http://www.w3.org/ns/anno.jsonld";
const ANNOTATION_IRI: &str = "urn:recoupe:annotation:";
const ARTICLE_IRI: &str = "urn:recoupe:article:";
const CLAIM_IRI: &str = "urn:recoupe:claim:";

/// Percent-encodes what is not an unreserved IRI char (ids are file stems: anything goes).
fn encode(s: &str) -> String {
    let mut out = String::new();
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

fn decode(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        let hex = (b[i] == b'%')
            .then(|| s.get(i + 1..i + 3))
            .flatten()
            .and_then(|h| u8::from_str_radix(h, 16).ok());
        match hex {
            Some(v) => {
                out.push(v);
                i += 3;
            }
            None => {
                out.push(b[i]);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// One annotation as a W3C Web Annotation.
pub fn to_w3c(a: &Annotation) -> Value {
    let mut motivations = Vec::new();
    let mut bodies = Vec::new();
    if a.verdict != Verdict::None {
        motivations.push("assessing");
        bodies.push(
            json!({"type": "TextualBody", "purpose": "assessing", "value": a.verdict.name()}),
        );
    }
    if !a.note.is_empty() {
        motivations.push("commenting");
        bodies.push(json!({"type": "TextualBody", "purpose": "commenting", "value": a.note, "format": "text/plain"}));
    }
    if !a.tags.is_empty() {
        motivations.push("tagging");
    }
    for t in &a.tags {
        bodies.push(json!({"type": "TextualBody", "purpose": "tagging", "value": t}));
    }
    if !a.links.is_empty() {
        motivations.push("linking");
    }
    for l in &a.links {
        bodies.push(json!({"type": "SpecificResource", "purpose": "linking", "source": format!("{CLAIM_IRI}{}", encode(l))}));
    }
    if motivations.is_empty() {
        motivations.push("highlighting");
    }
    let s = &a.selector;
    json!({
        "@context": CONTEXT,
        "id": format!("{ANNOTATION_IRI}{}", encode(&a.id)),
        "type": "Annotation",
        "motivation": motivations,
        "creator": {"type": "Person", "nickname": a.annotator},
        "created": a.created,
        "modified": a.updated,
        "body": bodies,
        "target": {
            "source": format!("{ARTICLE_IRI}{}", encode(&a.article)),
            "selector": [
                {"type": "TextQuoteSelector", "exact": s.exact, "prefix": s.prefix, "suffix": s.suffix},
                {"type": "TextPositionSelector", "start": s.start, "end": s.end},
            ],
        },
        "recoupe": {
            "claim": a.claim,
            "text_hash": s.text_hash,
            "unlink": a.unlink,
            "user_claim": a.user_claim,
        },
    })
}

/// All annotations as one `AnnotationCollection` with a single page.
pub fn collection<'a>(annotations: impl IntoIterator<Item = &'a Annotation>) -> Value {
    let items: Vec<Value> = annotations
        .into_iter()
        .map(|a| {
            let mut v = to_w3c(a);
            v.as_object_mut().map(|o| o.remove("@context"));
            v
        })
        .collect();
    json!({
        "@context": CONTEXT,
        "type": "AnnotationCollection",
        "label": "recoupe annotations",
        "total": items.len(),
        "first": {"type": "AnnotationPage", "startIndex": 0, "items": items},
    })
}

/// The annotations of a W3C document: one annotation, an array, a page or a collection.
pub fn items(doc: &Value) -> Vec<&Value> {
    if let Some(arr) = doc.as_array() {
        return arr.iter().collect();
    }
    let kind = doc.get("type").and_then(Value::as_str).unwrap_or("");
    match kind {
        "AnnotationCollection" => doc.get("first").map(items).unwrap_or_default(),
        "AnnotationPage" => doc
            .get("items")
            .and_then(Value::as_array)
            .map(|a| a.iter().collect())
            .unwrap_or_default(),
        _ => vec![doc],
    }
}

/// A W3C annotation read back, before it is placed on a claim.
#[derive(Debug, Clone, PartialEq)]
pub struct Imported {
    /// The annotation; `claim` is empty when the document does not say (another tool's).
    pub annotation: Annotation,
    /// The target's source IRI as written.
    pub source: String,
}

fn text<'a>(v: &'a Value, key: &str) -> &'a str {
    v.get(key).and_then(Value::as_str).unwrap_or("")
}

/// Reads one W3C annotation. `Err` says why it cannot be used.
pub fn from_w3c(v: &Value) -> Result<Imported, String> {
    let id = text(v, "id");
    if id.is_empty() {
        return Err("an annotation without an id".into());
    }
    let id = id
        .strip_prefix(ANNOTATION_IRI)
        .map_or_else(|| id.to_owned(), decode);
    let target = v.get("target").ok_or(format!("{id}: no target"))?;
    let target = target.as_array().and_then(|t| t.first()).unwrap_or(target);
    let source = text(target, "source").to_owned();
    let selectors: Vec<&Value> = match target.get("selector") {
        Some(Value::Array(a)) => a.iter().collect(),
        Some(s) => vec![s],
        None => Vec::new(),
    };
    let mut sel = Selector::default();
    let mut has_quote = false;
    for s in selectors {
        match text(s, "type") {
            "TextQuoteSelector" => {
                has_quote = true;
                sel.exact = text(s, "exact").to_owned();
                sel.prefix = text(s, "prefix").to_owned();
                sel.suffix = text(s, "suffix").to_owned();
            }
            "TextPositionSelector" => {
                let n = |k| s.get(k).and_then(Value::as_u64).unwrap_or(0) as usize;
                sel.start = n("start");
                sel.end = n("end").max(sel.start);
            }
            _ => {}
        }
    }
    if !has_quote && sel.end == 0 {
        return Err(format!("{id}: no text selector"));
    }
    let ext = v.get("recoupe").cloned().unwrap_or(Value::Null);
    sel.text_hash = text(&ext, "text_hash").to_owned();
    let mut a = Annotation {
        id: id.clone(),
        claim: text(&ext, "claim").to_owned(),
        article: source
            .strip_prefix(ARTICLE_IRI)
            .map(decode)
            .unwrap_or_default(),
        verdict: Verdict::None,
        note: String::new(),
        tags: Vec::new(),
        links: Vec::new(),
        unlink: ext.get("unlink").and_then(Value::as_bool).unwrap_or(false),
        user_claim: ext
            .get("user_claim")
            .and_then(Value::as_bool)
            .unwrap_or(false),
        annotator: creator(v.get("creator")),
        created: text(v, "created").to_owned(),
        updated: text(v, "modified").to_owned(),
        selector: sel,
    };
    let bodies: Vec<&Value> = match v.get("body") {
        Some(Value::Array(b)) => b.iter().collect(),
        Some(b) => vec![b],
        None => Vec::new(),
    };
    for b in bodies {
        let value = text(b, "value");
        match text(b, "purpose") {
            "assessing" => a.verdict = Verdict::parse(value).unwrap_or_default(),
            "tagging" if !value.is_empty() => a.tags.push(value.to_owned()),
            "linking" => {
                let src = text(b, "source");
                a.links.push(
                    src.strip_prefix(CLAIM_IRI)
                        .map_or_else(|| src.to_owned(), decode),
                );
            }
            _ if !value.is_empty() => {
                if !a.note.is_empty() {
                    a.note.push('\n');
                }
                a.note.push_str(value);
            }
            _ => {}
        }
    }
    if a.updated.is_empty() {
        a.updated.clone_from(&a.created);
    }
    if time::parse(&a.updated).is_none() {
        return Err(format!("{id}: no readable created or modified time"));
    }
    if a.created.is_empty() {
        a.created.clone_from(&a.updated);
    }
    Ok(Imported {
        annotation: a,
        source,
    })
}

fn creator(c: Option<&Value>) -> String {
    let name = match c {
        Some(Value::String(s)) => s.clone(),
        Some(Value::Array(a)) => return creator(a.first()),
        Some(o @ Value::Object(_)) => ["nickname", "name", "id"]
            .iter()
            .map(|k| text(o, k))
            .find(|s| !s.is_empty())
            .unwrap_or("")
            .to_owned(),
        _ => String::new(),
    };
    if name.is_empty() {
        "anonymous".to_owned()
    } else {
        name
    }
}

/// The journal event that stores an imported annotation. Its id derives from the content, so
/// importing the same annotation twice yields the same event (which the journal then skips).
pub fn event_for(a: &Annotation) -> Event {
    let body = serde_json::to_string(a).unwrap_or_default();
    let id = format!("e-{}", &blake3::hash(body.as_bytes()).to_hex()[..16]);
    Event {
        id,
        op: Op::Update,
        at: a.updated.clone(),
        annotator: a.annotator.clone(),
        annotation: a.id.clone(),
        data: Some(a.clone()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Annotation {
        Annotation {
            id: "a-1".into(),
            claim: "art 1#abcd".into(),
            article: "art 1".into(),
            verdict: Verdict::Misleading,
            note: "voir « la plainte »".into(),
            tags: vec!["date".into(), "chiffre".into()],
            links: vec!["b#0001".into()],
            unlink: false,
            user_claim: true,
            annotator: "alice".into(),
            created: "2026-01-01T00:00:00.000Z".into(),
            updated: "2026-01-02T00:00:00.000Z".into(),
            selector: Selector {
                text_hash: "0123".into(),
                start: 3,
                end: 9,
                exact: "Netlix".into(),
                prefix: "Le ".into(),
                suffix: " a".into(),
            },
        }
    }

    #[test]
    fn export_carries_the_required_fields() {
        let v = to_w3c(&sample());
        assert_eq!(v["@context"], CONTEXT);
        assert_eq!(v["type"], "Annotation");
        assert_eq!(
            v["motivation"],
            json!(["assessing", "commenting", "tagging", "linking"])
        );
        assert_eq!(v["creator"]["nickname"], "alice");
        assert_eq!(v["created"], "2026-01-01T00:00:00.000Z");
        assert_eq!(v["modified"], "2026-01-02T00:00:00.000Z");
        assert_eq!(v["target"]["source"], "urn:recoupe:article:art%201");
        let sel = &v["target"]["selector"];
        assert_eq!(sel[0]["type"], "TextQuoteSelector");
        assert_eq!(sel[0]["exact"], "Netlix");
        assert_eq!(sel[1]["type"], "TextPositionSelector");
        assert_eq!(sel[1]["start"], 3);
        assert_eq!(v["body"][0]["value"], "misleading");
    }

    #[test]
    fn round_trips_through_a_collection() {
        let doc = collection([&sample()]);
        let got: Vec<Annotation> = items(&doc)
            .into_iter()
            .map(|v| from_w3c(v).unwrap().annotation)
            .collect();
        assert_eq!(got, vec![sample()]);
        assert_eq!(event_for(&got[0]).id, event_for(&sample()).id);
    }

    #[test]
    fn foreign_annotation_without_extension_is_read() {
        let v = json!({"id": "http://x/1", "type": "Annotation", "created": "2020-05-01T10:00:00Z",
            "creator": "http://people/bob", "body": {"type": "TextualBody", "value": "hmm"},
            "target": {"source": "http://example.org/page", "selector": {"type": "TextQuoteSelector", "exact": "dix ans"}}});
        let i = from_w3c(&v).unwrap();
        assert_eq!(i.annotation.id, "http://x/1");
        assert_eq!(i.annotation.note, "hmm");
        assert_eq!(i.annotation.annotator, "http://people/bob");
        assert_eq!(i.source, "http://example.org/page");
        assert!(i.annotation.claim.is_empty());
        assert!(from_w3c(&json!({"id": "x"})).is_err());
    }
}
