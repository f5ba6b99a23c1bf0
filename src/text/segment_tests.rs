//! Unit tests of the segmenter: one group per difficulty of French and English news text, then
//! concrete properties of the five seed articles.

use super::*;
use crate::text::slice_chars;

/// Segments the whole of `text` and returns each segment's text and kind.
fn seg(text: &str) -> Vec<(String, SentenceKind)> {
    let body = Span::new(0, text.chars().count());
    let out = segment(text, body, &[]);
    check_invariants(text, body, &out);
    out.iter()
        .map(|s| (slice_chars(text, s.span).to_owned(), s.kind))
        .collect()
}

/// Segment texts only.
fn texts(text: &str) -> Vec<String> {
    seg(text).into_iter().map(|(s, _)| s).collect()
}

/// Spans in order, non-overlapping, trimmed, inside the body, covering all non-blank text.
fn check_invariants(text: &str, body: Span, out: &[Sentence]) {
    let chars: Vec<char> = text.chars().collect();
    let mut prev_end = body.start;
    let mut prev_par = 0;
    for s in out {
        assert!(s.span.start >= prev_end && s.span.end <= body.end && !s.span.is_empty());
        assert!(!chars[s.span.start].is_whitespace() && !chars[s.span.end - 1].is_whitespace());
        assert!(
            chars[prev_end..s.span.start]
                .iter()
                .all(|c| c.is_whitespace()),
            "gap before {:?} holds text",
            s.span
        );
        assert!(s.paragraph >= prev_par);
        prev_par = s.paragraph;
        prev_end = s.span.end;
    }
    assert!(chars[prev_end..body.end].iter().all(|c| c.is_whitespace()));
}

#[test]
fn guillemets_spanning_and_ending_sentences() {
    assert_eq!(
        texts(
            "« Incroyablement faux », a écrit Stone sur X. « Meta n’a pas partagé les messages. L’accord permettait d’envoyer des messages. »\n"
        ),
        vec![
            "« Incroyablement faux », a écrit Stone sur X.",
            "« Meta n’a pas partagé les messages.",
            "L’accord permettait d’envoyer des messages. »",
        ]
    );
    // The closing quote after a no-break space belongs to the sentence it closes.
    assert_eq!(
        texts("Il cite le « rapport.\u{a0}» Puis il part."),
        vec!["Il cite le « rapport.\u{a0}»", "Puis il part."]
    );
    // A quoted sentence followed by its attribution stays whole.
    assert_eq!(
        texts("« Pourquoi ? » demande-t-il. « C’est faux. » a-t-il ajouté."),
        vec![
            "« Pourquoi ? » demande-t-il.",
            "« C’est faux. » a-t-il ajouté."
        ]
    );
    assert_eq!(
        texts("Il a dit “c’est fini.” Elle a répondu “non”. Fin."),
        vec!["Il a dit “c’est fini.”", "Elle a répondu “non”.", "Fin."]
    );
    assert_eq!(
        texts("He said \"it is over.\" She left. \"Really?\" he asked."),
        vec![
            "He said \"it is over.\"",
            "She left.",
            "\"Really?\" he asked."
        ]
    );
}

#[test]
fn abbreviations_do_not_split() {
    for s in [
        "M. Dupont et Mme Durand ont parlé à MM. Martin et Dubois.",
        "Le Dr Martin et le Pr. Duval, etc. sont venus.",
        "Mr. Smith met Dr. Jones in the U.S. capital.",
        "Some firms, e.g. Netflix, i.e. a streamer, pay.",
        "Des sociétés, p. ex. Netflix, paient.",
        "J. K. Rowling a écrit, selon Elliot S. Schrage.",
        "Voir l’art. 5 et le no. 12 de la p. 3, n° 4.",
        "Yahoo! ou Amazon ont eu accès, et Yahoo! avait accès.",
        "Yahoo! Mail is a service.",
        "Cf. Dupont, vol. 2 et fig. 3.",
    ] {
        assert_eq!(texts(s), vec![s], "{s}");
    }
}

#[test]
fn abbreviations_that_can_end_a_sentence() {
    assert_eq!(
        texts("Ils vendent des livres, des disques, etc. Le reste est donné."),
        vec![
            "Ils vendent des livres, des disques, etc.",
            "Le reste est donné."
        ]
    );
    assert_eq!(
        texts("It moved to the U.S. The firm grew."),
        vec!["It moved to the U.S.", "The firm grew."]
    );
    assert_eq!(
        texts("Apple Inc. Its revenue grew."),
        vec!["Apple Inc.", "Its revenue grew."]
    );
    assert_eq!(
        texts("Il a écrit sur X. Le message a circulé."),
        vec!["Il a écrit sur X.", "Le message a circulé."]
    );
}

#[test]
fn numbers_urls_and_mails_do_not_split() {
    for s in [
        "Le taux est de 1,5 % pour 1 000 ou 150\u{a0}000 ou 150\u{202f}000 euros.",
        "Le scandale Cambridge Analytica 2.0 a choqué NewZilla.NET cette année.",
        "Voir https://example.com/a.b/c.html?x=1 ou écrire à jean.dupont@example.fr pour plus.",
        "Version 3.14.15 is out, at 10.5 percent.",
    ] {
        assert_eq!(texts(s), vec![s], "{s}");
    }
    assert_eq!(
        texts("Visit https://example.com/a.html. Then leave."),
        vec!["Visit https://example.com/a.html.", "Then leave."]
    );
    assert_eq!(
        texts("Il y en a 150. 200 autres suivront."),
        vec!["Il y en a 150.", "200 autres suivront."]
    );
}

#[test]
fn ellipses() {
    assert_eq!(
        texts("Et puis… rien du tout. Amazon… La liste est longue."),
        vec!["Et puis… rien du tout.", "Amazon…", "La liste est longue."]
    );
    assert_eq!(
        texts("Il n’a « à aucun moment […] demandé » cela. Puis (…) Les gens ont pu (...) venir."),
        vec![
            "Il n’a « à aucun moment […] demandé » cela.",
            "Puis (…) Les gens ont pu (...) venir."
        ]
    );
    assert_eq!(
        texts("Wait... what? Then... Nothing."),
        vec!["Wait... what?", "Then...", "Nothing."]
    );
}

#[test]
fn headings_and_line_breaks() {
    // Too long for a heading, though without final punctuation.
    let long = "Une phrase sans point final mais longue ".repeat(5);
    let text = &format!(
        "Le scandale Cambridge Analytica 2.0\nEn mars 2018, il y avait eu l’affaire. Meta a payé.\nFacebook\n\n150 partenariats\n{long}\nQui commence par une majuscule."
    );
    let got = seg(text);
    let kinds: Vec<SentenceKind> = got.iter().map(|(_, k)| *k).collect();
    use SentenceKind::{Heading, Prose};
    assert_eq!(
        kinds,
        vec![Heading, Prose, Prose, Heading, Heading, Prose, Prose],
        "{got:?}"
    );
    // A line ending with a colon introduces what follows: not a heading.
    assert_eq!(seg("Il a déclaré :\n« Faux. »")[0].1, SentenceKind::Prose);
}

#[test]
fn wrapped_paragraph_is_joined() {
    let text = "Cette phrase est coupée par un retour à la ligne\nau milieu, comme dans un courriel. Une autre suit.\nNouvelle ligne.";
    let got = segment(text, Span::new(0, text.chars().count()), &[]);
    let t: Vec<&str> = got.iter().map(|s| slice_chars(text, s.span)).collect();
    assert_eq!(
        t,
        vec![
            "Cette phrase est coupée par un retour à la ligne\nau milieu, comme dans un courriel.",
            "Une autre suit.",
            "Nouvelle ligne."
        ]
    );
    assert_eq!(
        got.iter().map(|s| s.paragraph).collect::<Vec<_>>(),
        vec![0, 0, 1]
    );
}

#[test]
fn french_typography_spaces() {
    assert_eq!(
        texts("Vraiment\u{a0}? Oui\u{202f}! Voici la liste\u{a0}: un, deux. Fin\u{a0}!"),
        vec![
            "Vraiment\u{a0}?",
            "Oui\u{202f}!",
            "Voici la liste\u{a0}: un, deux.",
            "Fin\u{a0}!"
        ]
    );
    assert_eq!(
        texts(
            "Cet article vous a été utile? Il vous a rendu service? NewZilla.NET a besoin de VOUS."
        ),
        vec![
            "Cet article vous a été utile?",
            "Il vous a rendu service?",
            "NewZilla.NET a besoin de VOUS."
        ]
    );
    assert_eq!(
        texts("On vous dit tout\u{a0}ICI.\u{a0}Merci."),
        vec!["On vous dit tout\u{a0}ICI.", "Merci."]
    );
}

#[test]
fn paragraphs_and_body_offset() {
    let text = " date 2024-04 Une phrase. Deux.\n\n\n\nTrois.\r\nQuatre.\rCinq.";
    let body = Span::new(14, text.chars().count());
    let got = segment(text, body, &[]);
    check_invariants(text, body, &got);
    let t: Vec<(&str, usize)> = got
        .iter()
        .map(|s| (slice_chars(text, s.span), s.paragraph))
        .collect();
    assert_eq!(
        t,
        vec![
            ("Une phrase.", 0),
            ("Deux.", 0),
            ("Trois.", 1),
            ("Quatre.", 2),
            ("Cinq.", 3)
        ]
    );
}

#[test]
fn repeated_headlines_are_furniture() {
    let text = "Le titre de l’article\n\nUne phrase. Le titre de l’article\nLe titre de l’article";
    let heads = [Span::new(0, 21), Span::new(58, 79)];
    let got = segment(text, Span::new(0, text.chars().count()), &heads);
    let rh = SentenceKind::Furniture(FurnitureKind::RepeatedHeadline);
    let kinds: Vec<SentenceKind> = got.iter().map(|s| s.kind).collect();
    assert_eq!(kinds[0], rh);
    assert_eq!(*kinds.last().unwrap(), rh);
    assert!(kinds[1..kinds.len() - 1].iter().all(|k| !k.is_furniture()));
    // Spans outside the body or reversed do no harm.
    let odd = [Span::new(500, 900), Span::new(3, 3)];
    assert!(segment(text, Span::new(0, 5000), &odd).len() >= 3);
}

#[test]
fn pathological_inputs_do_not_panic() {
    let long = "a".repeat(200_000);
    assert_eq!(texts(&long).len(), 1);
    for s in [
        "",
        "\r",
        "\r\r\n\r",
        "....",
        "!!!???",
        "« » “ ” \" ' ’",
        "0123456789".repeat(100).as_str(),
        "😀. 😀! e\u{301}. Ω. 日本語。中文！",
        "(…) […] (...) ( … )",
        "M. M. M. M.",
        "\u{2028}x\u{2029}y",
        "[",
        "[ab",
        "a / b / c",
        ". . . a",
        "\"\"\"\". \"",
        "x.\u{a0}» » » »",
    ] {
        let _ = seg(s);
    }
}

#[test]
fn seed_articles() {
    let corpus = crate::corpus::load_paths(&["seeds".into()]).expect("seeds load");
    let mut all: Vec<(String, SentenceKind)> = Vec::new();
    for a in &corpus.articles {
        let out = segment(&a.text, a.body, &a.repeated_headlines);
        check_invariants(&a.text, a.body, &out);
        let prose = out.iter().filter(|s| s.kind == SentenceKind::Prose).count();
        println!(
            "{}: {} segments, {} prose, {} furniture",
            a.id,
            out.len(),
            prose,
            out.iter().filter(|s| s.kind.is_furniture()).count()
        );
        assert!(
            (5..=80).contains(&prose),
            "{}: {prose} prose sentences",
            a.id
        );
        all.extend(
            out.iter()
                .map(|s| (slice_chars(&a.text, s.span).to_owned(), s.kind)),
        );
    }
    let kind_of = |needle: &str| -> SentenceKind {
        let hits: Vec<&(String, SentenceKind)> =
            all.iter().filter(|(t, _)| t.contains(needle)).collect();
        assert!(!hits.is_empty(), "no segment contains {needle:?}");
        hits[0].1
    };
    use FurnitureKind::*;
    let f = SentenceKind::Furniture;
    assert_eq!(kind_of("Accueil / Données personnelles /"), f(Breadcrumb));
    assert_eq!(kind_of("[wpedon id="), f(Shortcode));
    assert_eq!(kind_of("Source : Le Monde"), f(Credit));
    assert_eq!(kind_of("Connexe : Les projets cryptos"), f(Credit));
    assert_eq!(kind_of("Laisser un commentaire"), f(Prompt));
    for s in [
        "Vous avez aimé cette information?",
        "Partagez-là avec vos amis",
        "NewZilla.NET a besoin de VOUS.",
        "en faisant\u{a0}un don",
        "Cela mérite une explication.",
        "On vous dit tout",
        "Merci pour votre soutien",
        "Votre adresse e-mail ne sera pas publiée.",
        "Les champs obligatoires sont indiqués avec *",
    ] {
        assert_eq!(kind_of(s), f(Prompt), "{s}");
    }
    assert_eq!(kind_of("Ce site utilise Akismet"), f(Notice));
    assert_eq!(kind_of("En savoir plus sur comment les données"), f(Notice));
    // Every repeated headline line is furniture, and there are several per article that has them.
    let headlines = all
        .iter()
        .filter(|(_, k)| *k == f(RepeatedHeadline))
        .count();
    assert!(headlines >= 4, "{headlines} repeated headlines");
    assert_eq!(
        kind_of("Facebook Netflix enquête officiellement"),
        f(RepeatedHeadline)
    );
    // Prose stays prose and whole.
    let yahoo = "tels qu’Apple, Netflix, Spotify, Yahoo! ou Amazon pour leur permettre";
    assert_eq!(kind_of(yahoo), SentenceKind::Prose);
    assert!(
        all.iter()
            .any(|(t, _)| t == "« Incroyablement faux », a écrit Stone sur X.")
    );
    assert!(
        all.iter()
            .any(|(t, _)| t == "Yahoo! avait accès aux publications des amis de ses utilisateurs.")
    );
    assert_eq!(
        kind_of("Netflix a eu accès aux messages directs"),
        SentenceKind::Prose
    );
    assert_eq!(
        kind_of("Meta avait alors accepté de payer 725 millions"),
        SentenceKind::Prose
    );
    assert_eq!(
        kind_of("Le scandale Cambridge Analytica 2.0"),
        SentenceKind::Heading
    );
    assert_eq!(kind_of("Votre liste d'amis pour Bing"), SentenceKind::Prose);
    assert!(all.iter().any(|(t, _)| t == "La liste est longue."));
    let prose = all
        .iter()
        .filter(|(_, k)| *k == SentenceKind::Prose)
        .count();
    assert!(
        all.iter()
            .filter(|(t, k)| *k == SentenceKind::Prose && t.contains("NewZilla"))
            .count()
            == 0
    );
    assert!(prose > 100, "{prose} prose sentences in the seeds");
}

#[test]
fn english_news() {
    assert_eq!(
        texts(
            "Mr. Smith said the U.S. economy grew 2.5 percent. It met at 10 a.m. on Monday in St. Louis. \u{201c}We are done,\u{201d} he said. The talks ended at 6 p.m. Officials left."
        ),
        vec![
            "Mr. Smith said the U.S. economy grew 2.5 percent.",
            "It met at 10 a.m. on Monday in St. Louis.",
            "\u{201c}We are done,\u{201d} he said.",
            "The talks ended at 6 p.m.",
            "Officials left."
        ]
    );
}
