//! Entities with canonical names, learned from the whole corpus.
//!
//! [`EntityModel::learn`] reads every sentence once (in parallel), collects the names, their kind
//! cues and the alias patterns ("Meta (anciennement Facebook)"), then resolves each name to a
//! canonical one: the alias file `assets/aliases.toml` first, then surnames ("Hastings" →
//! "Reed Hastings", a person seen in full elsewhere), then one-letter typos of a more frequent
//! name ("Netlix" → "Netflix"). Names related without being the same (Facebook and its parent
//! Meta, X and Twitter in a corpus that pairs them) keep their canonical names and share a
//! group: [`EntityModel::same_group`]. Everything is keyed by hash maps, so learning is linear
//! in the corpus size.

use super::cues::Cues;
use super::names::{self, Candidate};
use super::tokens::{Token, tokenize};
use super::typos::{TYPO_MIN_CHARS, TypoIndex, within_one_edit};
use crate::claims::{Entity, EntityKind};
use crate::corpus::{Article, Corpus};
use crate::text::{Sentence, SentenceKind, Span};
use compact_str::CompactString;
use foldhash::{HashMap, HashMapExt, HashSet};
use rayon::prelude::*;
use serde::Deserialize;
use std::collections::BTreeMap;
use std::sync::LazyLock;

const ALIASES: &str = include_str!("../../assets/aliases.toml");

#[derive(Debug, Deserialize)]
struct AliasEntry {
    kind: Option<String>,
    #[serde(default)]
    aliases: Vec<String>,
    #[serde(default)]
    related: Vec<String>,
}

static ALIAS_FILE: LazyLock<BTreeMap<String, AliasEntry>> =
    LazyLock::new(|| match toml::from_str(ALIASES) {
        Ok(m) => m,
        Err(e) => {
            eprintln!("recoupe: built-in alias file is invalid: {e}");
            BTreeMap::new()
        }
    });

fn parse_kind(s: &str) -> EntityKind {
    match s {
        "person" => EntityKind::Person,
        "organisation" | "organization" => EntityKind::Organisation,
        "product" => EntityKind::Product,
        "place" => EntityKind::Place,
        _ => EntityKind::Other,
    }
}

/// One canonical entity.
#[derive(Debug, Clone)]
struct Canon {
    name: CompactString,
    kind: EntityKind,
    mentions: usize,
    words: usize,
}

/// What one article says about names (pass one of [`EntityModel::learn`]). It depends on the
/// article alone, so the analysis cache keeps it: a warm start rebuilds the model from the
/// cached observations without reading a sentence again.
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Observations {
    mentions: Vec<(Candidate, CompactString)>,
    relations: Vec<(String, String)>,
}

/// The model before learning: the alias file only.
static SEEDED: LazyLock<EntityModel> = LazyLock::new(|| {
    let mut model = EntityModel::default();
    model.seed();
    model
});

impl Observations {
    /// The names `article` mentions and the relations it states between them.
    pub fn of(article: &Article, sentences: &[Sentence]) -> Observations {
        let cues = Cues::for_lang(article.lang);
        let model = &*SEEDED;
        let mut seen = Observations::default();
        for_each_text(&article.text, sentences, |_, text| {
            let tokens = tokenize(text);
            let cands = names::candidates(text, &tokens, cues, &|k| model.is_alias(k));
            seen.relations
                .extend(names::relations(&tokens, &cands, cues));
            for c in cands {
                let surface = names::tidy(names::surface(text, &tokens, c.first, c.last));
                seen.mentions.push((c, surface));
            }
        });
        seen
    }
}

/// Per-key statistics while learning.
#[derive(Default)]
struct KeyStats {
    order: usize,
    count: usize,
    words: usize,
    surfaces: Vec<(CompactString, usize)>,
    votes: [usize; 5],
}

fn kind_index(k: EntityKind) -> usize {
    match k {
        EntityKind::Person => 0,
        EntityKind::Organisation => 1,
        EntityKind::Product => 2,
        EntityKind::Place => 3,
        EntityKind::Other => 4,
    }
}

const KINDS: [EntityKind; 5] = [
    EntityKind::Person,
    EntityKind::Organisation,
    EntityKind::Product,
    EntityKind::Place,
    EntityKind::Other,
];

/// The corpus's entities: canonical names, kinds and alias groups.
#[derive(Debug, Clone, Default)]
pub struct EntityModel {
    resolve: HashMap<String, usize>,
    names: Vec<Canon>,
    parent: Vec<usize>,
    by_name: HashMap<String, usize>,
    /// Single words the corpus uses as names where capitals are not automatic.
    known: HashSet<String>,
    alias_keys: HashSet<String>,
}

/// Calls `f` with each sentence of `article` that may hold names (prose and headings).
pub(crate) fn for_each_text<'a>(
    text: &'a str,
    sentences: &'a [Sentence],
    mut f: impl FnMut(&Sentence, &'a str),
) {
    let index = crate::text::CharIndex::new(text);
    for s in sentences {
        if matches!(s.kind, SentenceKind::Furniture(_)) {
            continue;
        }
        let (a, b) = (index.byte(text, s.span.start), index.byte(text, s.span.end));
        f(s, &text[a..b]);
    }
}

impl EntityModel {
    /// Learns the entities of a corpus. `sentences[i]` is the segmentation of article `i`.
    pub fn learn(corpus: &Corpus, sentences: &[Vec<Sentence>]) -> EntityModel {
        let seen: Vec<Observations> = corpus
            .articles
            .par_iter()
            .zip(sentences.par_iter())
            .map(|(article, sents)| Observations::of(article, sents))
            .collect();
        EntityModel::from_observations(&seen)
    }

    /// The model learnt from every article's observations, in article order.
    pub fn from_observations(seen: &[Observations]) -> EntityModel {
        let mut model = SEEDED.clone();
        model.absorb(seen);
        model
    }

    /// Fingerprint of everything [`EntityModel::mentions`] can answer about the names in
    /// `seen` (one article's observations). An article's claims depend on the rest of the
    /// corpus only through these answers, so claims cached under an equal fingerprint are the
    /// claims extraction would produce now: editing one article re-extracts only the articles
    /// whose names it re-resolves.
    pub fn fingerprint(&self, seen: &Observations) -> u64 {
        let mut h = blake3::Hasher::new();
        for (c, _) in &seen.mentions {
            h.update(c.key.as_bytes());
            h.update(&[
                0,
                u8::from(self.known.contains(&c.key)),
                u8::from(self.is_alias(&c.key)),
            ]);
            match self.resolve.get(&c.key) {
                Some(&i) => {
                    h.update(self.names[i].name.as_bytes());
                    h.update(&[1 + kind_index(self.names[i].kind) as u8]);
                }
                None => {
                    h.update(&[0]);
                }
            }
        }
        let mut b = [0u8; 8];
        b.copy_from_slice(&h.finalize().as_bytes()[..8]);
        u64::from_le_bytes(b)
    }

    fn is_alias(&self, key: &str) -> bool {
        self.alias_keys.contains(key)
    }

    fn add_canon(&mut self, name: &str, kind: EntityKind, words: usize) -> usize {
        if let Some(&i) = self.by_name.get(name) {
            return i;
        }
        let i = self.names.len();
        self.names.push(Canon {
            name: CompactString::new(name),
            kind,
            mentions: 0,
            words,
        });
        self.parent.push(i);
        self.by_name.insert(name.to_string(), i);
        i
    }

    /// Loads the alias file.
    fn seed(&mut self) {
        for (canonical, entry) in ALIAS_FILE.iter() {
            let kind = entry.kind.as_deref().map_or(EntityKind::Other, parse_kind);
            let i = self.add_canon(canonical, kind, canonical.split_whitespace().count());
            for name in std::iter::once(canonical).chain(&entry.aliases) {
                let key = names::key_of(name);
                self.alias_keys.insert(key.clone());
                self.resolve.entry(key).or_insert(i);
            }
        }
        for (canonical, entry) in ALIAS_FILE.iter() {
            for r in &entry.related {
                if let (Some(&a), Some(&b)) = (
                    self.resolve.get(&names::key_of(canonical)),
                    self.resolve.get(&names::key_of(r)),
                ) {
                    self.union(a, b);
                }
            }
        }
    }

    fn absorb(&mut self, seen: &[Observations]) {
        // Single words used as names away from automatic capitals.
        for s in seen {
            for (c, _) in &s.mentions {
                if !c.needs_known && c.first == c.last && !self.known.contains(&c.key) {
                    self.known.insert(c.key.clone());
                }
            }
        }
        let mut stats: HashMap<String, KeyStats> = HashMap::new();
        let mut relations = Vec::new();
        for s in seen {
            relations.extend(s.relations.iter().cloned());
            for (c, surface) in &s.mentions {
                if c.needs_known && !self.known.contains(&c.key) {
                    continue;
                }
                // Looked up before inserting: most mentions repeat a name already counted, and
                // an entry would clone the key for each of them.
                if !stats.contains_key(&c.key) {
                    let order = stats.len();
                    stats.insert(
                        c.key.clone(),
                        KeyStats {
                            order,
                            words: c.last - c.first + 1,
                            ..KeyStats::default()
                        },
                    );
                }
                let st = stats.get_mut(&c.key).expect("inserted above");
                st.count += 1;
                if let Some(v) = c.vote {
                    st.votes[kind_index(v)] += 1;
                }
                match st.surfaces.iter_mut().find(|(s, _)| s == surface) {
                    Some(e) => e.1 += 1,
                    None => st.surfaces.push((surface.clone(), 1)),
                }
            }
        }
        // Multi-word names first (surnames resolve to them), then by frequency, then by first
        // appearance: the order is deterministic whatever the thread count.
        let mut keys: Vec<(String, KeyStats)> = stats.into_iter().collect();
        keys.sort_by(|a, b| {
            (b.1.words > 1)
                .cmp(&(a.1.words > 1))
                .then(b.1.count.cmp(&a.1.count))
                .then(a.1.order.cmp(&b.1.order))
        });
        let mut typo_index = TypoIndex::new();
        let mut typo_indexed = vec![false; self.names.len() + keys.len()];
        let mut surnames: HashMap<String, Vec<usize>> = HashMap::new();
        for (key, st) in &keys {
            let target = match self.resolve.get(key) {
                Some(&i) => Some(i),
                None if st.words == 1 => self
                    .surname(key, st.count, &surnames)
                    .or_else(|| self.typo(key, st.count, &typo_index)),
                None => self.typo(key, st.count, &typo_index),
            };
            let i = match target {
                Some(i) => i,
                None => {
                    let name = best_surface(&st.surfaces);
                    let kind = self.kind_from(st, key);
                    self.add_canon(&name, kind, st.words)
                }
            };
            self.resolve.insert(key.clone(), i);
            self.names[i].mentions += st.count;
            let c = &self.names[i];
            if c.words >= 2
                && self.resolve_is_self(key, i)
                && let Some(last) = key.split([' ', '-']).next_back()
            {
                let list = surnames.entry(last.to_string()).or_default();
                if !list.contains(&i) {
                    list.push(i);
                }
            }
            // Once per name: the index keeps each name once under each of its variants, and
            // building the variants again for every key the name absorbs was most of the time
            // of learning.
            if self.names[i].mentions >= 2 && !typo_indexed[i] {
                typo_indexed[i] = true;
                typo_index.insert(&names::key_of(&self.names[i].name), i);
            }
        }
        for (a, b) in relations {
            if let (Some(&x), Some(&y)) = (self.resolve.get(&a), self.resolve.get(&b)) {
                self.union(x, y);
            }
        }
    }

    fn resolve_is_self(&self, key: &str, i: usize) -> bool {
        names::key_of(&self.names[i].name) == key
    }

    fn kind_from(&self, st: &KeyStats, key: &str) -> EntityKind {
        let best = (0..5).max_by_key(|&k| (st.votes[k], std::cmp::Reverse(k)));
        if let Some(k) = best.filter(|&k| st.votes[k] > 0) {
            return KINDS[k];
        }
        if st.words >= 2 {
            // "Facebook Watch": a known organisation's name plus a word is one of its products.
            let head = key.split(' ').next().unwrap_or("");
            if let Some(&h) = self.resolve.get(head)
                && self.names[h].kind == EntityKind::Organisation
            {
                return EntityKind::Product;
            }
            let plain = st.surfaces.iter().all(|(s, _)| {
                s.split_whitespace().all(|w| {
                    w.chars().any(char::is_lowercase) && w.chars().all(char::is_alphabetic)
                })
            });
            if plain && st.words <= 3 {
                return EntityKind::Person;
            }
        }
        EntityKind::Other
    }

    /// The full name a lone last word stands for: a person's surname ("Hastings"), or the
    /// short form of a longer name ("Analytica") when it is not used more than the long one
    /// (so that "Netflix" never becomes some "X Netflix").
    fn surname(
        &self,
        key: &str,
        count: usize,
        surnames: &HashMap<String, Vec<usize>>,
    ) -> Option<usize> {
        let list = surnames.get(key)?;
        let persons: Vec<usize> = list
            .iter()
            .copied()
            .filter(|&i| self.names[i].kind == EntityKind::Person)
            .collect();
        let pool: Vec<usize> = if persons.is_empty() {
            list.iter()
                .copied()
                .filter(|&i| self.names[i].mentions >= count)
                .collect()
        } else {
            persons
        };
        // Several share the word: the most mentioned one, unless it is a tie.
        let best = pool
            .iter()
            .copied()
            .max_by_key(|&i| self.names[i].mentions)?;
        let ties = pool
            .iter()
            .filter(|&&i| self.names[i].mentions == self.names[best].mentions)
            .count();
        (ties == 1).then_some(best)
    }

    fn typo(&self, key: &str, count: usize, index: &TypoIndex) -> Option<usize> {
        let mut found: Option<usize> = None;
        for i in index.candidates(key) {
            let canon = &self.names[i];
            let ck = names::key_of(&canon.name);
            if canon.mentions > count
                && ck.chars().count() >= TYPO_MIN_CHARS
                && within_one_edit(key, &ck)
                && found.is_none_or(|f| self.names[f].mentions < canon.mentions)
            {
                found = Some(i);
            }
        }
        found
    }

    fn find(&self, mut i: usize) -> usize {
        while self.parent[i] != i {
            i = self.parent[i];
        }
        i
    }

    fn union(&mut self, a: usize, b: usize) {
        let (ra, rb) = (self.find(a), self.find(b));
        if ra != rb {
            // The smaller index wins, so that group ids do not depend on merge order.
            let (lo, hi) = (ra.min(rb), ra.max(rb));
            self.parent[hi] = lo;
        }
    }

    fn index_of(&self, name: &str) -> Option<usize> {
        self.by_name
            .get(name)
            .or_else(|| self.resolve.get(&names::key_of(name)))
            .copied()
    }

    /// The canonical name of a name as written or canonical, if the corpus knows it.
    pub fn canonical(&self, name: &str) -> Option<&str> {
        self.index_of(name).map(|i| self.names[i].name.as_str())
    }

    /// The kind of a known entity.
    pub fn kind(&self, name: &str) -> Option<EntityKind> {
        self.index_of(name).map(|i| self.names[i].kind)
    }

    /// Group id of a known entity: equal for names the corpus or the alias file relates
    /// (Facebook and Meta), distinct otherwise.
    pub fn group(&self, name: &str) -> Option<usize> {
        self.index_of(name).map(|i| self.find(i))
    }

    /// True when both names are known and belong to the same group.
    pub fn same_group(&self, a: &str, b: &str) -> bool {
        matches!((self.group(a), self.group(b)), (Some(x), Some(y)) if x == y)
    }

    /// The entities mentioned in `sentence` (whose tokens are `tokens`), with spans shifted by
    /// `base` into the article.
    pub fn mentions(
        &self,
        sentence: &str,
        tokens: &[Token],
        base: usize,
        cues: &Cues,
    ) -> Vec<Entity> {
        let mut out = Vec::new();
        for c in names::candidates(sentence, tokens, cues, &|k| self.is_alias(k)) {
            if c.needs_known && !self.known.contains(&c.key) && !self.is_alias(&c.key) {
                continue;
            }
            let text = names::surface(sentence, tokens, c.first, c.last);
            let (canonical, kind) = match self.resolve.get(&c.key) {
                Some(&i) => (self.names[i].name.clone(), self.names[i].kind),
                None => (names::tidy(text), c.vote.unwrap_or(EntityKind::Other)),
            };
            out.push(Entity {
                text: CompactString::new(text),
                canonical,
                kind,
                span: Span::new(tokens[c.first].start, tokens[c.last].end).shifted(base),
            });
        }
        out
    }
}

fn best_surface(surfaces: &[(CompactString, usize)]) -> CompactString {
    let mut best = &surfaces[0];
    for s in surfaces {
        if s.1 > best.1 {
            best = s;
        }
    }
    best.0.clone()
}

#[cfg(test)]
#[path = "entities_tests.rs"]
mod tests;
