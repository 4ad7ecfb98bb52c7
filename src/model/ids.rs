use serde::{Deserialize, Serialize};

macro_rules! id_type {
    ($(#[$doc:meta])* $name:ident, $prefix:literal) => {
        $(#[$doc])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
        #[serde(transparent)]
        pub struct $name(pub u32);

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                write!(f, concat!($prefix, "{}"), self.0)
            }
        }
    };
}

id_type!(
    /// Stable id of an article within a briefing; never reused while the briefing lives.
    ArticleId,
    "article #"
);
id_type!(
    /// Stable id of a quote within a briefing.
    QuoteId,
    "quote #"
);
id_type!(
    /// Stable id of an agenda item within a briefing.
    ItemId,
    "agenda item #"
);
