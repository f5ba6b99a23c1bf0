//! Moving between articles that state the same fact: `]`/`[`, the fact view (`f`) and the list
//! of all facts (`F`).

use super::{Action, App, Cursor, FactFilter, Popup};
use crate::facts::Fact;

impl App {
    /// The fact of the selected claim: the one `]` is cycling through if the claim belongs to
    /// it, else the fact in which the claim is most strongly linked.
    pub fn current_fact(&self) -> Option<usize> {
        let s = self.selection()?;
        let facts = self.analysis.facts.by_claim.get(s.claim)?;
        if let Some(f) = self.fact.filter(|f| facts.contains(f)) {
            return Some(f);
        }
        // The fact in which this claim has its strongest link (facts come most-articles first,
        // which breaks ties).
        let best = |f: usize| {
            self.analysis
                .facts
                .facts
                .get(f)
                .map_or(f32::NEG_INFINITY, |fact| {
                    fact.why
                        .iter()
                        .filter(|l| l.a == s.claim || l.b == s.claim)
                        .map(|l| l.score)
                        .fold(f32::NEG_INFINITY, f32::max)
                })
        };
        let mut pick: Option<(usize, f32)> = None;
        for &f in facts {
            let score = best(f);
            if pick.is_none_or(|(_, b)| score > b) {
                pick = Some((f, score));
            }
        }
        pick.map(|(f, _)| f)
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

    /// The stops of a `]`/`[` tour of fact `f` from claim `origin`: one claim per article,
    /// the origin first, then the other articles by how strongly the aligner linked their
    /// best sentence to the origin (most similar statement first), unlinked ones last in
    /// article order.
    pub fn fact_tour(&self, f: usize, origin: usize) -> Vec<usize> {
        let Some(fact) = self.analysis.facts.facts.get(f) else {
            return Vec::new();
        };
        let claims = &self.analysis.claims;
        let Some(home) = claims.get(origin).map(|c| c.article) else {
            return Vec::new();
        };
        let link = |c: usize| {
            fact.why
                .iter()
                .filter(|l| (l.a == origin && l.b == c) || (l.b == origin && l.a == c))
                .map(|l| l.score)
                .fold(f32::NEG_INFINITY, f32::max)
        };
        let mut stops: Vec<(usize, usize, f32)> = Vec::new(); // (article, claim, score)
        // (Indexes come from the aligner; ignore any that point nowhere rather than panic.)
        for &c in fact.claims.iter().filter(|&&c| c < claims.len()) {
            let a = claims[c].article;
            if a == home {
                continue;
            }
            let s = link(c);
            match stops.iter_mut().find(|x| x.0 == a) {
                Some(x) if s > x.2 => *x = (a, c, s),
                Some(_) => {}
                None => stops.push((a, c, s)),
            }
        }
        stops.sort_by(|x, y| y.2.total_cmp(&x.2).then(x.0.cmp(&y.0)));
        std::iter::once(origin)
            .chain(stops.into_iter().map(|x| x.1))
            .collect()
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
        // Continue the tour in progress if we are on one of its stops, else start one here.
        let origin = match self.fact_origin {
            Some(o) if self.fact == Some(f) && self.fact_tour(f, o).contains(&sel.claim) => o,
            _ => sel.claim,
        };
        let tour = self.fact_tour(f, origin);
        if tour.len() < 2 {
            self.message = Some("no other article states this claim's fact".to_owned());
            return true;
        }
        let n = tour.len() as isize;
        let here = tour.iter().position(|&c| c == sel.claim).unwrap_or(0) as isize;
        let k = (here + delta).rem_euclid(n) as usize;
        let label = self
            .analysis
            .facts
            .facts
            .get(f)
            .map_or("", |x| x.label.as_str());
        let msg = format!("fact {}/{} · {label}", k + 1, tour.len());
        self.fact = Some(f);
        self.fact_origin = Some(origin);
        self.jump_to_claim(tour[k]);
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
