//! `/` search in the focused pane, accent- and case-insensitive ("societe" finds "Société").
//!
//! The list searches titles, the reader the open article's text, the claims panel the claim
//! texts. The query is typed into a [`Prompt`] shown in the status line; `Enter` runs it once
//! (searching a long article on every keystroke would make typing lag) and jumps to the first
//! match at or after the current position; `n`/`N` step through the matches.

use super::{Action, App, Pane};
use crate::text::Span;
use crate::text::fold::Folded;

/// A search being typed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Prompt {
    /// The pane it will search.
    pub pane: Pane,
    /// What was typed so far.
    pub query: String,
}

/// What a search found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Hits {
    /// Articles whose title matches.
    Articles(Vec<usize>),
    /// Matches in the text of one article (char spans, in order).
    Text {
        /// The article searched.
        article: usize,
        /// The matches.
        spans: Vec<Span>,
    },
    /// Claims of one article whose text matches (indexes among the article's claims).
    Claims {
        /// The article searched.
        article: usize,
        /// The matching claims.
        claims: Vec<usize>,
    },
}

impl Hits {
    /// Number of matches.
    pub fn len(&self) -> usize {
        match self {
            Hits::Articles(v) => v.len(),
            Hits::Text { spans, .. } => spans.len(),
            Hits::Claims { claims, .. } => claims.len(),
        }
    }

    /// True when nothing matched.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// The last search run.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Search {
    /// The pane searched.
    pub pane: Pane,
    /// The query.
    pub query: String,
    /// The matches.
    pub hits: Hits,
    /// The match jumped to last.
    pub current: usize,
}

impl App {
    pub(super) fn update_prompt(&mut self, action: Action) -> bool {
        let Some(prompt) = self.prompt.as_mut() else {
            return false;
        };
        match action {
            Action::Input(c) if !c.is_control() => prompt.query.push(c),
            Action::Backspace => {
                if prompt.query.pop().is_none() {
                    self.prompt = None;
                }
            }
            Action::Cancel => self.prompt = None,
            Action::Submit => {
                let p = self.prompt.take().unwrap_or_else(|| Prompt {
                    pane: self.focus,
                    query: String::new(),
                });
                self.run_search(p);
            }
            _ => return false,
        }
        true
    }

    fn run_search(&mut self, p: Prompt) {
        if p.query.trim().is_empty() {
            self.search = None;
            return;
        }
        let hits = match p.pane {
            Pane::List => Hits::Articles(
                self.analysis
                    .corpus
                    .articles
                    .iter()
                    .enumerate()
                    .filter(|(_, a)| !Folded::new(&a.title).find_all(&p.query).is_empty())
                    .map(|(i, _)| i)
                    .collect(),
            ),
            Pane::Reader => {
                let Some(a) = self.open else { return };
                let spans = Folded::new(&self.analysis.corpus.articles[a].text).find_all(&p.query);
                Hits::Text { article: a, spans }
            }
            Pane::Claims => {
                let Some(a) = self.open else { return };
                let claims = self
                    .analysis
                    .article_claims(a)
                    .iter()
                    .enumerate()
                    .filter(|(_, c)| !Folded::new(&c.text).find_all(&p.query).is_empty())
                    .map(|(i, _)| i)
                    .collect();
                Hits::Claims { article: a, claims }
            }
        };
        if hits.is_empty() {
            self.message = Some(format!("no match for “{}”", p.query));
            self.search = Some(Search {
                pane: p.pane,
                query: p.query,
                hits,
                current: 0,
            });
            return;
        }
        // First match at or after where the user is.
        let current = match &hits {
            Hits::Articles(v) => v.iter().position(|&i| i >= self.list.sel),
            Hits::Text { spans, .. } => {
                let at = self.pos_now().anchor;
                spans.iter().position(|s| s.start >= at)
            }
            Hits::Claims { claims, .. } => claims.iter().position(|&i| i >= self.claims.sel),
        }
        .unwrap_or(0);
        self.search = Some(Search {
            pane: p.pane,
            query: p.query,
            hits,
            current,
        });
        self.goto_match();
    }

    /// `n` (`delta` 1) or `N` (-1): the next or previous match, wrapping around.
    pub(super) fn search_step(&mut self, delta: isize) -> bool {
        let Some(s) = self.search.as_mut() else {
            self.message = Some("no search: press / to search".to_owned());
            return true;
        };
        let n = s.hits.len();
        if n == 0 {
            self.message = Some(format!("no match for “{}”", s.query));
            return true;
        }
        s.current = (s.current as isize + delta).rem_euclid(n as isize) as usize;
        self.goto_match();
        true
    }

    fn goto_match(&mut self) {
        let Some(s) = self.search.clone() else { return };
        let n = s.hits.len();
        match &s.hits {
            Hits::Articles(v) => {
                self.list
                    .set(v[s.current], self.analysis.corpus.articles.len());
            }
            Hits::Text { article, spans } => {
                self.open_article(*article);
                self.reveal(spans[s.current].start);
                // The claim holding the match becomes the selection.
                let claims = self.analysis.article_claims(*article);
                let at = spans[s.current].start;
                if let Some(i) = claims.iter().position(|c| c.span.contains(at)) {
                    self.claims.set(i, claims.len());
                }
            }
            Hits::Claims { article, claims } => {
                self.open_article(*article);
                let len = self.analysis.article_claims(*article).len();
                self.claims.set(claims[s.current], len);
                self.claim_selected();
            }
        }
        self.message = Some(format!("match {}/{} · “{}”", s.current + 1, n, s.query));
    }
}
