//! A small hand-built analysis for tests: three articles, claims with spans, and one fact
//! stated by all three with a conflicting date (independent of what the extractors find).

use crate::claims::{
    Attribution, Claim, DatePrecision, DateRef, Entity, EntityKind, Modality, Origin, Quantity,
    QuantityKind, Reason, ReasonKind,
};
use crate::corpus::{Article, Corpus, PartialDate};
use crate::facts::{Conflict, Fact, FactSet, Link, LinkKind};
use crate::pipeline::Analysis;
use crate::text::{Sentence, SentenceKind, Span, byte_to_char};
use std::path::PathBuf;

const TEXTS: [&str; 3] = [
    "Netflix read private messages\n\nAccueil / Tech / Netflix read private messages\n\nCourt documents unsealed last week say Meta gave Netflix access to the Titan API in August 2013. The deal lasted nearly ten years, according to the complaint.\n\nThe plaintiffs say Netflix paid 150 million dollars for ads in 2017.\n\nShare this article with your friends!",
    "date 2024-04 Meta denies sharing messages with Netflix\n\nMeta said it did not share private messages. According to the filing, Netflix had access to the Titan API from 2014, the société said.\n\nAndy Stone called such deals common in the industry.",
    "La Société Netflix et l’API Titan\n\nSelon les documents, Facebook a fourni à Netflix l’accès à son « Titan API » en août 2013.\n\nLe procès est toujours en cours.",
];

fn claim(a: usize, text: &str, sentence: &str, modality: Modality) -> Claim {
    let b = text.find(sentence).expect("sentence in text");
    let start = byte_to_char(text, b);
    let span = Span::new(start, start + sentence.chars().count());
    let at = |word: &str| {
        let i = sentence.find(word).map_or(0, |i| byte_to_char(sentence, i));
        Span::new(start + i, start + i + word.chars().count())
    };
    let entity = |t: &str, canonical: &str, kind| Entity {
        text: t.into(),
        canonical: canonical.into(),
        kind,
        span: at(t),
    };
    let mut entities = Vec::new();
    for (t, c, k) in [
        ("Netflix", "Netflix", EntityKind::Organisation),
        ("Meta", "Meta", EntityKind::Organisation),
        ("Facebook", "Meta", EntityKind::Organisation),
        ("Titan API", "Titan API", EntityKind::Product),
    ] {
        if sentence.contains(t) {
            entities.push(entity(t, c, k));
        }
    }
    let mut dates = Vec::new();
    for (t, y, m) in [
        ("August 2013", 2013, Some(8)),
        ("août 2013", 2013, Some(8)),
        ("2014", 2014, None),
        ("2017", 2017, None),
    ] {
        if sentence.contains(t) {
            let d = PartialDate {
                year: y,
                month: m,
                day: None,
            };
            dates.push(DateRef {
                text: t.into(),
                from: Some(d),
                to: Some(d),
                precision: if m.is_some() {
                    DatePrecision::Month
                } else {
                    DatePrecision::Year
                },
                relative: false,
                span: at(t),
            });
        }
    }
    let mut quantities = Vec::new();
    if sentence.contains("150 million dollars") {
        quantities.push(Quantity {
            text: "150 million dollars".into(),
            kind: QuantityKind::Money,
            value: 1.5e8,
            max: None,
            unit: Some("USD".into()),
            approx: false,
            span: at("150 million dollars"),
        });
    }
    let attribution = [
        "according to the complaint",
        "According to the filing",
        "Selon les documents",
    ]
    .iter()
    .find(|c| sentence.contains(*c))
    .map(|c| Attribution {
        source: "the court filing".into(),
        cue: (*c).into(),
        span: at(c),
    });
    Claim {
        id: format!("a{a}#{start:08x}"),
        article: a,
        span,
        text: sentence.into(),
        score: 0.8,
        reasons: vec![Reason {
            kind: ReasonKind::NamedEntity,
            weight: 0.4,
            evidence: "Netflix".into(),
        }],
        modality,
        attribution: attribution.map(Box::new),
        entities,
        quantities,
        dates,
        origin: Origin::Extracted,
    }
}

/// Sentences: every line of the body as prose, except the breadcrumb and share prompt.
fn sentences(a: &Article) -> Vec<Sentence> {
    let mut out = Vec::new();
    let mut start = 0;
    for line in a.text.split_inclusive('\n') {
        let n = line.chars().count();
        let t = line.trim_end();
        if !t.is_empty() {
            let kind = if t.starts_with("Accueil") || t.starts_with("Share") {
                SentenceKind::Furniture(crate::text::furniture::FurnitureKind::Prompt)
            } else {
                SentenceKind::Prose
            };
            out.push(Sentence {
                span: Span::new(start, start + t.chars().count()),
                kind,
                paragraph: out.len(),
            });
        }
        start += n;
    }
    out
}

/// The fixture analysis.
pub fn analysis() -> Analysis {
    let articles: Vec<Article> = TEXTS
        .iter()
        .enumerate()
        .map(|(i, t)| {
            Article::from_text(
                format!("a{i}"),
                PathBuf::from(format!("fixture/a{i}.txt")),
                (*t).to_owned(),
                format!("{i:016x}"),
            )
        })
        .collect();
    let t = |i: usize| TEXTS[i];
    let claims = vec![
        claim(
            0,
            t(0),
            "Court documents unsealed last week say Meta gave Netflix access to the Titan API in August 2013.",
            Modality::Alleged,
        ),
        claim(
            0,
            t(0),
            "The deal lasted nearly ten years, according to the complaint.",
            Modality::Alleged,
        ),
        claim(
            0,
            t(0),
            "The plaintiffs say Netflix paid 150 million dollars for ads in 2017.",
            Modality::Asserted,
        ),
        claim(
            1,
            t(1),
            "Meta said it did not share private messages.",
            Modality::Denied,
        ),
        claim(
            1,
            t(1),
            "According to the filing, Netflix had access to the Titan API from 2014, the société said.",
            Modality::Alleged,
        ),
        claim(
            2,
            t(2),
            "Selon les documents, Facebook a fourni à Netflix l’accès à son « Titan API » en août 2013.",
            Modality::Alleged,
        ),
    ];
    let claims_by_article = vec![0..3, 3..5, 5..6];
    let titan = Fact {
        id: "f-titan".into(),
        label: "Netflix · accès · Titan API · 2013".into(),
        claims: vec![0, 4, 5],
        articles: vec![0, 1, 2],
        conflicts: vec![Conflict {
            kind: "date".into(),
            values: vec!["August 2013".into(), "2014".into()],
            claims: vec![0, 4],
        }],
        contradicts: vec![1],
        why: vec![
            Link {
                a: 0,
                b: 5,
                kind: LinkKind::Same,
                score: 0.9,
                anchors: ["Netflix".into(), "Titan API".into(), "2013-08".into()].into(),
            },
            Link {
                a: 0,
                b: 4,
                kind: LinkKind::Same,
                score: 0.7,
                anchors: ["Netflix".into(), "Titan API".into()].into(),
            },
        ],
    };
    let denial = Fact {
        id: "f-deny".into(),
        label: "Meta · partage · messages privés (démenti)".into(),
        claims: vec![3],
        articles: vec![1],
        conflicts: vec![],
        contradicts: vec![0],
        why: vec![],
    };
    let mut by_claim = vec![Vec::new(); claims.len()];
    for (fi, f) in [&titan, &denial].iter().enumerate() {
        for &c in &f.claims {
            by_claim[c].push(fi);
        }
    }
    let sentences = articles.iter().map(sentences).collect();
    Analysis {
        corpus: Corpus {
            articles,
            notices: vec![crate::corpus::Notice::warning(
                "fixture/latin.txt",
                "not valid UTF-8; decoded as Windows-1252",
            )],
            root: None,
        },
        sentences,
        claims,
        claims_by_article,
        facts: FactSet {
            facts: vec![titan, denial],
            by_claim,
        },
    }
}
