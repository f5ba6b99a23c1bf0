//! The seed corpus compiled into the binary, so `cargo install recoupe` still opens the demo.

use super::{Corpus, from_sources};
use std::path::PathBuf;

/// The bundled seed articles: name and bytes, byte-identical to `seeds/`.
const SEEDS: &[(&str, &[u8])] = &[
    (
        "000_a5cdd4ba8cf10b5c.txt",
        include_bytes!("../../seeds/000_a5cdd4ba8cf10b5c.txt"),
    ),
    (
        "001_012a8b98eaaf79a9.txt",
        include_bytes!("../../seeds/001_012a8b98eaaf79a9.txt"),
    ),
    (
        "002_2471eb2404d5d6a5.txt",
        include_bytes!("../../seeds/002_2471eb2404d5d6a5.txt"),
    ),
    (
        "003_3094a770bdbee7af.txt",
        include_bytes!("../../seeds/003_3094a770bdbee7af.txt"),
    ),
    (
        "004_532b3014b9be6b68.txt",
        include_bytes!("../../seeds/004_532b3014b9be6b68.txt"),
    ),
];

/// The seed articles as a corpus (paths are shown as `seeds/<name>`).
pub fn seed_corpus() -> Corpus {
    from_sources(
        SEEDS
            .iter()
            .map(|(name, bytes)| (PathBuf::from("seeds").join(name), bytes.to_vec()))
            .collect(),
    )
}

#[cfg(test)]
mod tests {
    #[test]
    fn embedded_seeds_match_the_folder() {
        let embedded = super::seed_corpus();
        let folder = super::super::load_paths(&["seeds".into()]).unwrap();
        assert_eq!(embedded.articles.len(), 5);
        for (a, b) in embedded.articles.iter().zip(&folder.articles) {
            assert_eq!(a.text, b.text);
            assert_eq!(a.hash, b.hash);
        }
    }
}
