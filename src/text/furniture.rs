//! Site furniture: the parts of a scraped page that are not the article.

/// Kinds of site furniture.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FurnitureKind {
    /// "Accueil / Rubrique / Titre".
    Breadcrumb,
    /// A headline the scraper pasted into the body again.
    RepeatedHeadline,
    /// Share, donate, subscribe, comment prompts and forms.
    Prompt,
    /// Antispam, cookie and legal notices.
    Notice,
    /// "Source : X", "Connexe : …" and similar credit or related-link lines.
    Credit,
    /// CMS shortcodes like `[wpedon id=…]`.
    Shortcode,
}
