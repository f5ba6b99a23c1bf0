//! Moving between articles that state the same fact: `]`/`[`, the fact view (`f`) and the list
//! of all facts (`F`).

use super::{Action, App, Cursor, FactFilter, Popup};
use crate::facts::Fact;

impl App {
    /// The fact of the selected claim: the one `]` is cycling through if the claim belongs to
    /// it, else the claim's first (most widely stated) fact.
    pub fn current_fact(&self) -> Option<usize> {
        let s = self.selection()?;
        let facts = self.analysis.facts.by_claim.get(s.claim)?;
        match self.fact {
            Some(f) if facts.contains(&f) => Some(f),
            _ => facts.first().copied(),
        }
    }

    /// Opens the article of claim `claim`, selects the claim and scrolls it into view.
    pub fn jump_to_claim(&mut self, claim: usize) {
        let Some(c) = self.analysis.claims.get(claim) else {
            return;
        };
        let article = c.article;
        self.open_article(article);
        let Some(range) = self.analysis.claims_by_article.get(article).cloned() else {
            return;
        };
        self.claims
            .set(claim.saturating_sub(range.start), range.len());
        self.claim_selected();
    }

    /// `]` (1) or `[` (-1): the next or previous article stating the current fact.
    pub(super) fn jump_fact(&mut self, delta: isize) -> bool {
        let Some(sel) = self.selection() else {
            self.message = Some("no claim selected".to_owned());
            return true;
        };
        let Some(f) = self.current_fact() else {
            self.message = Some("no other article states this claim's fact".to_owned());
            return true;
        };
        let Some(fact) = self.analysis.facts.facts.get(f) else {
            return true;
        };
        let claims = &self.analysis.claims;
        // (Indexes come from the aligner; ignore any that point nowhere rather than panic.)
        let members: Vec<usize> = fact
            .claims
            .iter()
            .copied()
            .filter(|&c| c < claims.len())
            .collect();
        if members.is_empty() {
            return true;
        }
        let n = members.len();
        let here = members.iter().position(|&c| c == sel.claim).unwrap_or(0);
        // Step through the members, skipping those of the article we are in.
        let target = (1..=n)
            .map(|k| members[(here as isize + delta * k as isize).rem_euclid(n as isize) as usize])
            .find(|&c| claims[c].article != sel.article);
        let Some(target) = target else {
            self.message = Some("no other article states this claim's fact".to_owned());
            return true;
        };
        let article = claims[target].article;
        let k = fact
            .articles
            .iter()
            .position(|&a| a == article)
            .unwrap_or(0);
        let msg = format!("fact {}/{} · {}", k + 1, fact.articles.len(), fact.label);
        self.fact = Some(f);
        self.jump_to_claim(target);
        self.message = Some(msg);
        true
    }

    pub(super) fn open_fact_view(&mut self) -> bool {
        match self.current_fact() {
            Some(f) => {
                let sel = self.selection().map_or(0, |s| {
                    self.analysis.facts.facts.get(f).map_or(0, |fact| {
                        fact.claims.iter().position(|&c| c == s.claim).unwrap_or(0)
                    })
                });
                self.popup = Some(Popup::Fact {
                    fact: f,
                    cursor: Cursor::at(sel),
                });
            }
            None => {
                self.message = Some(if self.selection().is_some() {
                    "this claim belongs to no fact".to_owned()
                } else {
                    "no claim selected".to_owned()
                });
            }
        }
        true
    }

    /// Indexes of the facts the fact list shows under `filter`, in the fact set's order (most
    /// articles first).
    pub fn listed_facts(&self, filter: FactFilter) -> Vec<usize> {
        self.analysis
            .facts
            .facts
            .iter()
            .enumerate()
            .filter(|(_, f)| keep(f, filter))
            .map(|(i, _)| i)
            .collect()
    }

    pub(super) fn update_fact_popup(&mut self, action: Action, delta: isize) -> bool {
        let Some(popup) = self.popup.as_mut() else {
            return false;
        };
        match popup {
            Popup::Fact { fact, cursor } => {
                let members = self
                    .analysis
                    .facts
                    .facts
                    .get(*fact)
                    .map_or_else(Vec::new, |f| f.claims.clone());
                if action == Action::Open {
                    let f = *fact;
                    if let Some(&c) = members.get(cursor.sel) {
                        self.popup = None;
                        self.fact = Some(f);
                        self.jump_to_claim(c);
                    }
                    return true;
                }
                if delta == 0 {
                    return false;
                }
                cursor.step(delta, members.len());
                true
            }
            Popup::Facts { cursor, filter } => {
                match action {
                    Action::FilterConflicts => filter.conflicts = !filter.conflicts,
                    Action::FilterShared => filter.shared = !filter.shared,
                    Action::Open => {
                        let (sel, filter) = (cursor.sel, *filter);
                        if let Some(&f) = self.listed_facts(filter).get(sel) {
                            self.popup = None;
                            self.fact = Some(f);
                            let first = self.analysis.facts.facts[f].claims.first().copied();
                            if let Some(c) = first {
                                self.jump_to_claim(c);
                            }
                        }
                        return true;
                    }
                    _ if delta != 0 => {
                        let filter = *filter;
                        let sel = cursor.sel;
                        let n = self.listed_facts(filter).len();
                        if let Some(Popup::Facts { cursor, .. }) = self.popup.as_mut() {
                            cursor.sel = sel;
                            cursor.step(delta, n);
                        }
                        return true;
                    }
                    _ => return false,
                }
                // A filter changed: keep the cursor within the shorter list.
                let filter = *filter;
                let n = self.listed_facts(filter).len();
                if let Some(Popup::Facts { cursor, .. }) = self.popup.as_mut() {
                    let sel = cursor.sel;
                    cursor.set(sel, n);
                }
                true
            }
            _ => false,
        }
    }
}

fn keep(f: &Fact, filter: FactFilter) -> bool {
    (!filter.conflicts || !f.conflicts.is_empty()) && (!filter.shared || f.articles.len() >= 2)
}
