//! The bundled sample briefing: what a user sees when starting the app with no file. The RON
//! is compiled in, so the app works from any folder; `build_sample_briefing` is how it was made.

use std::path::Path;

use crate::briefing_file::FileError;
use crate::import::ImportError;
use crate::model::{AgendaItem, ArticleId, Briefing, BriefingLanguage, ItemId, Quote, QuoteId};

/// The sample article as bundled.
pub const SAMPLE_ARTICLE: &str =
    include_str!("../../assets/kuwait-istanbul-cooperation-initiative.ar.txt");
/// Its file name.
pub const SAMPLE_ARTICLE_NAME: &str = "kuwait-istanbul-cooperation-initiative.ar.txt";
/// The sample briefing file as bundled.
pub const SAMPLE_BRIEFING_RON: &str = include_str!("../../assets/sample-briefing.ron");

/// The bundled sample briefing, parsed and checked like any briefing file.
pub fn sample_briefing() -> Result<Briefing, FileError> {
    crate::briefing_file::from_ron(SAMPLE_BRIEFING_RON, Path::new("assets/sample-briefing.ron"))
}

/// Why the sample briefing could not be built from the sample article.
#[derive(Debug, thiserror::Error)]
pub enum SampleError {
    /// The sample article did not import.
    #[error(transparent)]
    Import(#[from] ImportError),
    /// A sample quote is not in the article (or not on character boundaries).
    #[error("sample quote not found: {0}")]
    QuoteNotFound(String),
    /// The built briefing breaks an invariant.
    #[error("the sample briefing has a problem: {0}")]
    Problem(String),
}

/// Build the sample briefing from the sample article: three agenda items and four quotes
/// with speakers. Deterministic (fixed `picked_at`), so the bundled file can be compared.
pub fn build_sample_briefing() -> Result<Briefing, SampleError> {
    let mut article =
        crate::import::import_bytes(SAMPLE_ARTICLE.as_bytes(), SAMPLE_ARTICLE_NAME, ArticleId(1))?;
    article.original_path = Some(format!("assets/{SAMPLE_ARTICLE_NAME}"));
    if article.source.is_empty() {
        article.source = "KUNA".to_owned();
    }
    let text = article.text.clone();
    let mut next_quote = 1;
    let mut quote = |needle: &str, speaker: &str| -> Result<Quote, SampleError> {
        let not_found = || SampleError::QuoteNotFound(needle.to_owned());
        let start = text.find(needle).ok_or_else(not_found)?;
        let id = QuoteId(next_quote);
        next_quote += 1;
        let mut q = Quote::from_range(
            id,
            article.id,
            &text,
            start,
            start + needle.len(),
            "2025-11-29T09:00:00Z".to_owned(),
        )
        .ok_or_else(not_found)?;
        q.speaker = Some(speaker.to_owned());
        Ok(q)
    };
    let items = vec![
        AgendaItem {
            id: ItemId(1),
            title: "Kuwait's role in the Istanbul Cooperation Initiative".to_owned(),
            notes: Some("Host of the 7th ICI meeting; ICI regional centre in Kuwait.".to_owned()),
            quotes: vec![
                quote(
                    "تجسد التزام البلاد الراسخ بدعم الحوار البناء وتعزيز التعاون متعدد الأطراف",
                    "Sheikh Jarrah Al-Jaber",
                )?,
                quote(
                    "يستضيف ممثلين عن حلف شمال الأطلسي (الناتو) وعدد من الدول الشريكة",
                    "Sheikh Jarrah Al-Jaber",
                )?,
            ],
        },
        AgendaItem {
            id: ItemId(2),
            title: "NATO–Gulf partnership".to_owned(),
            notes: None,
            quotes: vec![quote(
                "الشراكة بين الناتو ودول الخليج تمتد لأكثر من 20 عاماً",
                "Javier Colomina",
            )?],
        },
        AgendaItem {
            id: ItemId(3),
            title: "Emerging threats: cyber security and AI".to_owned(),
            notes: None,
            quotes: vec![quote(
                "الأمن السيبراني والتداعيات المحتملة للذكاء الاصطناعي على الاستقرار الإقليمي والدولي",
                "Abdulaziz Al-Jarallah",
            )?],
        },
    ];
    let mut b = Briefing::new("Istanbul Cooperation Initiative — Kuwait meeting");
    b.subtitle = Some("Background for the delegation".to_owned());
    b.classification = Some("RESTRICTED".to_owned());
    b.date = Some("2025-11-29".to_owned());
    b.drafted_by = Some("Policy Planning Unit".to_owned());
    b.purpose = Some("Brief the delegation on the 7th ICI meeting hosted by Kuwait.".to_owned());
    b.language = BriefingLanguage::English;
    b.articles.push(article);
    b.agenda = items;
    let problems = b.problems();
    if let Some(p) = problems.first() {
        return Err(SampleError::Problem(p.to_string()));
    }
    Ok(b)
}
